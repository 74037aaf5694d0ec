"""Fixtures for the page-wide tests: one anonymous GET of each public URL, shared by every test."""

import pytest

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
