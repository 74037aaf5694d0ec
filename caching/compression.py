"""Compression of HTML and other text responses, and the rule for when it is safe.

Compressing a page that holds a secret next to text an attacker can choose lets the attacker guess
the secret from the compressed length (BREACH). So a response is compressed only when it carries
no secret: it sets no cookie, does not vary on cookies (a CSRF token or a session was used), and the
request carries no session. Reading pages, the bulk of the traffic, qualify; forms and staff pages
do not.

Brotli is preferred where the client accepts it, then gzip. Both are deterministic (no time stamp,
no random padding), so every worker produces the same bytes and the same ETag for the same page.
"""

import functools
import gzip

import brotli
from django.conf import settings
from django.utils.cache import cc_delim_re, patch_vary_headers

# Shorter bodies gain nothing from compression.
MIN_COMPRESS_BYTES = 200
GZIP_LEVEL = 6
# Quality 5 compresses a page in well under a millisecond and still beats gzip on size.
BROTLI_QUALITY = 5

COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/javascript",
    "image/svg+xml",
)

IDENTITY = "identity"
SUPPORTED = ("br", "gzip")  # in order of preference


@functools.lru_cache(maxsize=64)  # browsers send a handful of distinct values
def accepted_encoding(accept_encoding: str) -> str:
    """The best encoding this client accepts: "br", "gzip" or "identity"."""
    accepted = set()
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = params.strip().lower()
        if quality.startswith("q=") and quality[2:].strip() in ("0", "0.0", "0.00", "0.000"):
            continue
        accepted.add(name.strip().lower())
    for encoding in SUPPORTED:
        if encoding in accepted:
            return encoding
    return IDENTITY


def request_encoding(request) -> str:
    return accepted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))


def is_compressible(response) -> bool:
    if response.streaming or response.has_header("Content-Encoding"):
        return False
    if len(response.content) < MIN_COMPRESS_BYTES:
        return False
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(COMPRESSIBLE_TYPES)


def carries_secret(request, response) -> bool:
    """Could this response hold something private to one visitor?"""
    if response.cookies or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return True
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
    return "cookie" in vary


def compress(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    if encoding == "gzip":
        return gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
    raise ValueError(f"unsupported encoding {encoding!r}")


def compress_response(request, response):
    """Compress `response` in place when it is safe and worth it; return it."""
    if not is_compressible(response) or carries_secret(request, response):
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = request_encoding(request)
    if encoding == IDENTITY:
        return response
    compressed = compress(response.content, encoding)
    if len(compressed) >= len(response.content):
        return response
    response.content = compressed
    response.headers["Content-Length"] = str(len(compressed))
    response.headers["Content-Encoding"] = encoding
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        # A strong validator names exact bytes; these bytes changed.
        response.headers["ETag"] = "W/" + etag
    return response
