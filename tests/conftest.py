"""Shared fixtures: the curated content, users in each role, a search index per test."""

from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's superuser client, signed in fully: past the password and the second factor."""
    from tests.staff import sign_in

    return sign_in(client, admin_user)


@pytest.fixture
def content(db):
    """The curated Markdown content, loaded as `make run` loads it."""
    call_command("loadcontent", verbosity=0)


@pytest.fixture
def transactional_content(transactional_db):
    call_command("loadcontent", verbosity=0)


@pytest.fixture(autouse=True)
def search_index_per_test(settings, tmp_path_factory):
    """Every test gets an empty search index of its own, built in line (no background thread) from
    what that test's database holds, so no test ever sees another test's index."""
    from search import index

    settings.SEARCH_INDEX_DIR = tmp_path_factory.mktemp("search-index")
    settings.SEARCH_REBUILD_IN_BACKGROUND = False
    index.reset()
    yield
    index.wait_for_rebuild()
    index.reset()
