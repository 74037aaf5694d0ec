"""What a reader typed into search never sits in a cache that other processes or servers share.

A search page holds its query (in the search box, in the heading), so an entry for it would keep the
words in Redis for the page cache's lifetime. Searches with a query are kept only in the serving
process's own memory; every other reading page still goes to the shared cache. A file-based cache
stands in for Redis here: shared by every process on the machine, and its entries can be read back.
"""

import pickle
import zlib

import pytest
from django.core.cache import caches

from caching.generation import content_generation
from caching.local import local_entries

pytestmark = pytest.mark.django_db(transaction=True)

WORDS = "flashbacks-at-night"
SEARCHES = [f"/search/?q={WORDS}", f"/api/search/?q={WORDS}", f"/search/?q={WORDS}&type=article"]


@pytest.fixture
def shared_page_cache(settings, tmp_path, transactional_content, clock):
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    settings.CONTENT_CHECK_SECONDS = 3600
    content_generation.reset()
    local_entries.clear()
    yield tmp_path
    caches[settings.PAGE_CACHE_ALIAS].clear()
    content_generation.reset()
    local_entries.clear()


def stored_pages(directory) -> list[bytes]:
    """Every entry in the file-based cache, unpickled (its format: expiry, then zlib'd pickle)."""
    pages = []
    for path in directory.glob("*.djcache"):
        with open(path, "rb") as file:
            pickle.load(file)  # noqa: S301 (our own test cache)
            pages.append(repr(pickle.loads(zlib.decompress(file.read()))).encode())  # noqa: S301
    return pages


def test_searches_with_a_query_stay_out_of_the_shared_cache(client, shared_page_cache,
                                                             django_assert_num_queries):  # fmt: skip
    assert client.get("/modalities/emdr/").status_code == 200
    assert len(stored_pages(shared_page_cache)) == 1, "reading pages still go to the shared cache"

    for url in SEARCHES:
        first = client.get(url)
        assert first.status_code == 200, url
        assert WORDS.encode() in first.content, url
        # Repeated in this process, it is still served from memory, without a query.
        with django_assert_num_queries(0):
            assert client.get(url).content == first.content, url

    pages = stored_pages(shared_page_cache)
    assert len(pages) == 1
    assert not [page for page in pages if WORDS.encode() in page]


def test_an_empty_search_page_may_be_shared(client, shared_page_cache):
    assert client.get("/search/").status_code == 200
    assert client.get("/search/?q=").status_code == 200
    assert len(stored_pages(shared_page_cache)) == 2
