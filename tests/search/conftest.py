"""Fixtures for the search tests: an index of its own per test (see tests/conftest.py), checked for
freshness on every search, and the curated content indexed."""

import pytest
from django.conf import settings

from search import index
from search.languages import languages


@pytest.fixture(autouse=True)
def check_freshness_on_every_search(settings):
    # In production a process compares its index with the database at most every 2 seconds.
    settings.SEARCH_FRESHNESS_SECONDS = 0


@pytest.fixture
def index_dir():
    return settings.SEARCH_INDEX_DIR


@pytest.fixture
def indexed_content(content):
    """The curated content, loaded and indexed as `make run` does: an index per language."""
    for language in languages():
        index.rebuild(language=language)
