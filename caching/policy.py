"""Which requests the page cache may answer, and which responses it may keep.

Only reading pages are cached: views that opt in with `@cacheable_reading_page` (caching/decorators.py).
The address of a request is resolved to its view to ask; this module keeps no list of addresses.

Only anonymous readers share entries: a request that carries a session cookie (staff) or
credentials never reads from or writes to the cache, and a response that sets a cookie, depends on
cookies, carries a CSRF token or is marked private is never stored.

A search with a query holds the reader's words (in the search box, in the heading), so its page is
kept only in the serving process's own memory, never in a cache other processes or servers share
(Redis): the words must not sit where every server, and whoever runs the cache, can read them.
"""

import functools

from django.conf import settings
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import Resolver404, get_resolver
from django.utils.cache import cc_delim_re

from caching.decorators import is_cacheable_reading_page

# A page bigger than this is not worth a cache slot (and hints at something unusual).
MAX_ENTRY_BYTES = 1024 * 1024

# Vary headers a stored response may carry: the cache key already holds the negotiated encoding.
HANDLED_VARY = frozenset({"accept-encoding"})


# Cache backends that live in one process's memory (or nowhere); any other backend is shared.
PROCESS_LOCAL_CACHES = (LocMemCache, DummyCache)
# The query parameter that carries what a reader typed into search.
SEARCH_TERMS_PARAMETER = "q"


def is_shared_cache(cache) -> bool:
    """True for a cache other processes or servers read too (Redis, files, a database table)."""
    return not isinstance(cache, PROCESS_LOCAL_CACHES)


def carries_search_terms(request) -> bool:
    return bool(request.GET.get(SEARCH_TERMS_PARAMETER, "").strip())


def may_share_entry(request) -> bool:
    """May this request's page be read from and written to a shared cache (not only this process's)?"""
    return not carries_search_terms(request)


# Resolving an address takes tens of microseconds, a good share of a cache hit: remember the answer
# for the addresses asked most. Keyed by the resolver, which Django replaces when the URL map changes.
RESOLVED_PATHS_KEPT = 1024


@functools.lru_cache(maxsize=RESOLVED_PATHS_KEPT)
def _leads_to_reading_page(resolver, path: str) -> bool:
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return False
    return is_cacheable_reading_page(match.func)


def is_reading_page(request) -> bool:
    """Does this request's address lead to a view marked as a cacheable reading page?"""
    # The URL map the handler will use, chosen as the handler chooses it.
    resolver = get_resolver(getattr(request, "urlconf", None))
    return _leads_to_reading_page(resolver, request.path_info)


def request_is_cacheable(request) -> bool:
    """May this request be answered from the shared anonymous cache (and its response stored)?"""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    # Inside an open transaction a page may show data that is not committed (and may never be):
    # it must not be shared, and whoever holds the transaction must see their own changes.
    if connections[DEFAULT_DB_ALIAS].in_atomic_block:
        return False
    return is_reading_page(request)


def _cache_control(response) -> set[str]:
    return {
        part.strip().lower().split("=")[0] for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def response_is_storable(request, response) -> bool:
    """May this response be kept and served to every anonymous reader?"""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    # A cookie being set means this response belongs to one visitor (a CSRF token, a session).
    if response.cookies:
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= HANDLED_VARY:
        return False
    if _cache_control(response) & {"private", "no-store"}:
        return False
    return len(response.content) <= MAX_ENTRY_BYTES
