"""Fixtures for the page cache tests: an empty cache, a controllable clock, and content that commits.

The page cache stays out of the way inside an open transaction (see caching.policy), so these tests
use a transactional database: content is committed as it is on a real server, and the on-commit
hooks that invalidate the cache really run.
"""

import pytest
from django.core.cache import caches

from caching.generation import content_generation
from caching.local import local_entries

# Longer than any test: only an explicit clock step (or a change in this process) re-reads the version.
CHECK_INTERVAL = 3600


class FakeClock:
    """Stands in for time.monotonic() in the content generation, moved on by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now

    def advance(self, seconds: float):
        self.now += seconds


def forget_cached_pages(cache):
    """Empty the shared page cache and this process's copies, and re-read the generation."""
    cache.clear()
    local_entries.clear()
    content_generation.reset()


@pytest.fixture
def clock(monkeypatch):
    fake = FakeClock()
    monkeypatch.setattr(content_generation, "_clock", fake)
    return fake


@pytest.fixture
def page_cache(settings, clock):
    """An empty page cache with a long check interval; returns the cache."""
    settings.CONTENT_CHECK_SECONDS = CHECK_INTERVAL
    cache = caches[settings.PAGE_CACHE_ALIAS]
    forget_cached_pages(cache)
    yield cache
    forget_cached_pages(cache)


@pytest.fixture
def site(transactional_content, page_cache):
    """Curated content committed to the database, and an empty page cache in front of it."""
    return page_cache
