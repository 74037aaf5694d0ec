"""The page frame: what surrounds every page's own content, rendered once per process and language.

templates/base.html keeps its quick exit, header, help box and footer in `{% cache %}` fragments
(the process-local "template_fragments" cache). They depend only on settings and URLs, never on the
reader, so rendering them for every request would only cost time; the search page, which the page
cache cannot absorb, renders about twice as fast with them kept.

The one part of the frame that depends on the request is which menu link is the current page: it
is keyed by NAV_CURRENT, the current path when it is one of the menu's own addresses and "" on every
other page, so there are at most a handful of versions.
"""

from functools import cache

from django.core.cache import caches
from django.urls import reverse

FRAGMENTS_CACHE = "template_fragments"
# The menu's destinations (templates/includes/main_nav.html), by URL name.
NAV_URL_NAMES = (
    "modalities:index",
    "modalities:compare",
    "articles:list",
    "needs:list",
    "search:page",
    "safety",
)


@cache
def _nav_paths(urlconf: str | None) -> frozenset[str]:
    return frozenset(reverse(name, urlconf=urlconf) for name in NAV_URL_NAMES)


def nav_current(request) -> str:
    """The request's path when the menu links to it (it is then marked as the current page), else ""."""
    path = request.path
    return path if path in _nav_paths(getattr(request, "urlconf", None)) else ""


def forget(**_kwargs) -> None:
    """Drop every kept fragment (settings or URLs changed, as tests do with override_settings)."""
    caches[FRAGMENTS_CACHE].clear()
    _nav_paths.cache_clear()
