"""The page cache and HTML compression middlewares.

Order in settings.MIDDLEWARE (outermost first):

    SecurityMiddleware, WhiteNoiseMiddleware      static files never reach the page cache
    ConditionalGetMiddleware                      304 for an unchanged page, hit or miss
    PageCacheMiddleware                           a hit returns here: no session, no database
                                                  (from this process's recent pages, or the cache;
                                                  a search with a query only from the former)
    CompressionMiddleware                         compresses what is safe, before it is stored
    ...sessions, CSRF, auth, messages, CSP...     only run on a miss

Everything inside PageCacheMiddleware (headers from CSP, X-Frame-Options, Permissions-Policy) is
stored with the page; SecurityMiddleware's headers are added to every response, hit or miss.
"""

import logging

from django.conf import settings
from django.core.cache import caches

from caching import entries, policy
from caching.compression import compress_response, request_encoding
from caching.generation import content_generation
from caching.local import local_entries

logger = logging.getLogger(__name__)


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


class PageCacheMiddleware:
    """Serve anonymous reading pages from the cache; store the ones that may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not policy.request_is_cacheable(request):
            return self.get_response(request)
        token = content_generation.token()
        if token is None:
            return self.get_response(request)
        key = entries.key_for(request, token, request_encoding(request))
        # Searches with a query stay in this process: they never reach a shared cache (policy.py).
        use_backend = policy.may_share_entry(request) or not policy.is_shared_cache(page_cache())
        entry = local_entries.get(key)
        if entry is None and use_backend:
            entry = self._read(key)
            if entry is not None:
                local_entries.put(key, entry)
        if entry is not None:
            return entries.thaw(entry, head=request.method == "HEAD")
        response = self.get_response(request)
        if policy.response_is_storable(request, response):
            entries.prepare_for_storage(response)
            entry = entries.freeze(response)
            local_entries.put(key, entry)
            if use_backend:
                self._write(key, entry)
        return response

    # A broken cache server costs speed, never a page: errors fall back to rendering.
    # Only the error's type is logged; its text could hold a key, and keys derive from URLs.
    def _read(self, key):
        try:
            return page_cache().get(key)
        except Exception as exc:  # noqa: BLE001  (any backend's connection error)
            logger.warning("Page cache unreadable (%s); rendering instead.", type(exc).__name__)
            return None

    def _write(self, key, entry):
        try:
            page_cache().set(key, entry, timeout=settings.PAGE_CACHE_SECONDS)
        except Exception as exc:  # noqa: BLE001
            logger.warning("Page cache not written (%s).", type(exc).__name__)


class CompressionMiddleware:
    """Brotli or gzip for text responses that carry no secret (see caching.compression)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return compress_response(request, self.get_response(request))
