"""The page frame: what surrounds every page's own content, rendered once per process and language.

templates/base.html keeps its quick exit, header, help box and footer in `{% keep %}` blocks
(pages/templatetags/frame.py). They depend only on settings and URLs, never on the reader, so
rendering them for every request would only cost time; the search page, which the page cache cannot
absorb, renders about twice as fast with them kept. They are kept in this process's own memory, not
in a Django cache: they are small and the same everywhere, a shared cache would cost a round trip,
and no cache setting can take them away.

Each block names what it varies on (the language, and the settings values it shows), so a block
rendered with another context can never be served in place of the reader's. The parts that
depend on the request: which menu link is the current page, which varies on NAV_CURRENT (the current
path when the menu links to it and "" on every other page, so there are a handful of versions per
language); and the link to the same page in the other language, which differs on every page and so
is never kept (it sits between two kept blocks).
"""

from functools import cache

from django.urls import reverse
from django.utils import translation

# Far more than the frame's versions (blocks x languages x menu links); a guard, never reached.
MAX_KEPT = 512
# The menu's destinations (templates/includes/main_nav.html), by URL name.
NAV_URL_NAMES = (
    "modalities:index",
    "modalities:compare",
    "articles:list",
    "needs:list",
    "search:page",
    "safety",
)

_kept: dict[tuple, str] = {}


def kept(key: tuple) -> str | None:
    return _kept.get(key)


def keep(key: tuple, html: str) -> None:
    if len(_kept) >= MAX_KEPT:
        _kept.clear()
    _kept[key] = html


@cache
def _nav_paths(urlconf: str | None, language: str | None) -> frozenset[str]:
    # Each language spells the menu's addresses its own way (/es/... for Spanish).
    return frozenset(reverse(name, urlconf=urlconf) for name in NAV_URL_NAMES)


def nav_current(request) -> str:
    """The request's path when the menu links to it (it is then marked as the current page), else ""."""
    path = request.path
    return path if path in _nav_paths(getattr(request, "urlconf", None), translation.get_language()) else ""


def forget(**_kwargs) -> None:
    """Drop every kept block (settings or URLs changed, as tests do with override_settings)."""
    _kept.clear()
    _nav_paths.cache_clear()
