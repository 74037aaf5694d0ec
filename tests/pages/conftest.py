"""Fixtures for the page-wide tests: one anonymous GET of each public URL, shared by every test."""

import pytest

from tests.markers import mark_folder
from tests.pages import public_urls


@pytest.fixture
def get(client):
    """GET a path as an anonymous reader, following nothing."""

    def _get(path, **extra):
        return client.get(path, **extra)

    return _get


@pytest.fixture
def reading_pages(content):
    return public_urls.reading_pages()


@pytest.fixture
def html_pages(content):
    return public_urls.html_pages()


@pytest.fixture
def every_public_url(content):
    return public_urls.every_public_url()


def pytest_collection_modifyitems(items):
    """What a page says and sends reads the same rows on any database: `make test-postgres` leaves
    this folder's tests out (see the same_on_any_database marker)."""
    mark_folder(items, __file__, pytest.mark.same_on_any_database)
