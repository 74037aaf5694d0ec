"""Cache keys for pages, and the compact form in which a response is stored.

A key holds the content generation, the negotiated encoding and a hash of the absolute URL. The
URL is hashed so that no search term is ever written in clear into a shared cache (where a
monitoring command or a slow log could show it).
"""

import hashlib

from django.http import HttpResponse
from django.utils.cache import set_response_etag

KEY_PREFIX = "page"


def key_for(request, token: str, encoding: str) -> str:
    # The scheme and host are part of the URL: feeds, the sitemap and robots.txt hold absolute links.
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}:{token}:{encoding}:{digest}"


def prepare_for_storage(response) -> None:
    """Give a response the validator and browser caching rules every cached page shares."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    # Browsers keep a copy but ask before reusing it, so a change reaches them on their next
    # visit, and an unchanged page costs them one small 304.
    response.headers.setdefault("Cache-Control", "no-cache")


def freeze(response) -> tuple:
    """The stored form of a response: plain values, cheap to pickle and to read back."""
    return (response.status_code, list(response.headers.items()), response.content)


def thaw(entry: tuple, *, head: bool = False) -> HttpResponse:
    """A new response from a stored entry; for HEAD the body is left out, the headers are kept."""
    status, headers, body = entry
    response = HttpResponse(b"" if head else body, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response
