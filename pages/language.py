"""The reader's language comes from the address alone: /es/... is Spanish, every other address English.

Django's LocaleMiddleware would also read a language cookie and the browser's Accept-Language,
redirect to a prefixed address and send `Vary: Accept-Language`. None of that suits this site: a
language cookie is a trace on a shared or watched device, a redirect surprises a reader who followed
a link, and a Vary on Accept-Language would split the page cache by browser. The page cache keys on
the address, which already holds the language, so this middleware may sit in front of it.

Also here: each page's address in the other languages, for the hreflang alternates and the visible
link to the same page in the other language (templates/base.html).
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri


def language_of(path: str) -> str:
    """The language an address is in: its prefix when it has a known one, else the default."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


def without_language_prefix(path: str) -> str:
    """The address as the default language spells it (`/es/modalities/` -> `/modalities/`)."""
    language = language_of(path)
    prefix = f"/{language}/"
    if language != settings.LANGUAGE_CODE and path.startswith(prefix):
        return path[len(prefix) - 1 :]
    return path


class URLLanguageMiddleware:
    """Serves each request in its address's language and says so in `Content-Language`.

    The language is restored once the response is built, so nothing that runs after a request
    (the next request on this thread, a test's own code) inherits it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of(request.path_info)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


@dataclass(frozen=True)
class LanguageVersion:
    """One language's address for a page."""

    code: str  # the language code, also the hreflang value
    path: str  # the address on this site, with the reader's query string
    url: str  # the absolute address (settings.SITE_URL), for search engines

    @property
    def label(self) -> str:
        """The language's own name, worded in that language (msgids are settings.LANGUAGES' names)."""
        name = dict(settings.LANGUAGES)[self.code]
        with translation.override(self.code):
            return translation.gettext(name)


@dataclass(frozen=True)
class LanguageLinks:
    alternates: tuple[LanguageVersion, ...]  # every language's version, then x-default; () if none
    others: tuple[LanguageVersion, ...]  # the links a reader can follow to another language


NO_LINKS = LanguageLinks(alternates=(), others=())


def _home(code: str, urlconf) -> str:
    with translation.override(code):
        return reverse("home", urlconf=urlconf)


def _paths_by_language(path: str, urlconf) -> dict[str, str] | None:
    """The page at `path` in each language, or None when the address names no page."""
    paths = _kept_paths(path, urlconf, translation.get_language())
    return dict(paths) if paths is not None else None


# Every page asks, and the answer depends only on the address, the URLs and the active language
# (which language prefix an address is resolved with): worked out once per process. Bounded, as any
# address a visitor types is asked about.
@functools.lru_cache(maxsize=1024)
def _kept_paths(path: str, urlconf, _active_language: str | None) -> tuple[tuple[str, str], ...] | None:
    paths = _resolved_paths(path, urlconf)
    return tuple(paths.items()) if paths is not None else None


def forget(**_kwargs) -> None:
    """Forget the kept addresses (settings or URLs changed, as tests do with override_settings)."""
    _kept_paths.cache_clear()


def _resolved_paths(path: str, urlconf) -> dict[str, str] | None:
    try:
        match = resolve(path, urlconf=urlconf)
    except Resolver404:
        return None
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                paths[code] = reverse(match.view_name, urlconf, match.args, match.kwargs)
            except NoReverseMatch:
                return None
    return paths


def language_links(request) -> LanguageLinks:
    """The page's address in every language, and the links to the languages it is not shown in.

    A page with the same address in every language (staff pages) has no other language; an address
    that names no page (a 404) offers the other languages' home pages, and no alternates.
    """
    current = translation.get_language() or settings.LANGUAGE_CODE
    others = [code for code, _name in settings.LANGUAGES if code != current]
    urlconf = getattr(request, "urlconf", None)
    paths = _paths_by_language(request.path_info, urlconf)
    if paths is None:
        homes = {code: _home(code, urlconf) for code in others}
        return LanguageLinks(
            alternates=(),
            others=tuple(
                LanguageVersion(code, home, settings.SITE_URL + home) for code, home in homes.items()
            ),
        )
    if len(set(paths.values())) == 1:
        return NO_LINKS
    query = request.META.get("QUERY_STRING", "")
    query = f"?{iri_to_uri(query)}" if query else ""
    versions = {
        code: LanguageVersion(code, path + query, settings.SITE_URL + path + query)
        for code, path in paths.items()
    }
    default = versions[settings.LANGUAGE_CODE]
    return LanguageLinks(
        alternates=(*versions.values(), LanguageVersion("x-default", default.path, default.url)),
        others=tuple(versions[code] for code in others),
    )
