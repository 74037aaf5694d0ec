"""Reading a URL in authored HTML the way a browser will, before deciding anything about it.

The sanitiser sees attribute values with their character references still escaped (`/&#9;/host`),
while a browser decodes them and then, following the URL standard, drops tabs and line breaks, trims
spaces and control characters at both ends, and reads a backslash as a slash. Deciding on the escaped
text would let `/&#9;/host/x.gif` through as a path, which the browser fetches as `//host/x.gif`:
another site. So every decision here is taken on the URL as the browser will read it.

Decoding is deliberately generous (every character reference, with or without its semicolon): it can
only reveal more slashes than a browser would see, which makes a decision stricter, never looser.
"""

import html
import re
from urllib.parse import urlsplit

# Stripped from both ends by the URL parser: C0 controls and space.
_EDGE = "".join(chr(code) for code in range(0x21))
# Removed from anywhere in the URL by the URL parser.
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
EXTERNAL_SCHEMES = frozenset({"http", "https"})


def as_browser_reads(value: str) -> str:
    """The URL in an attribute value, as a browser parses it against an http(s) page."""
    url = html.unescape(value or "").strip(_EDGE)
    return _TAB_OR_NEWLINE.sub("", url).replace("\\", "/")


def is_same_site_path(value: str) -> bool:
    """True for a path on this site (`/static/x.png`): no scheme, no host, nothing relative."""
    url = as_browser_reads(value)
    if not url.startswith("/") or url.startswith("//"):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed URL is nobody's path
        return False
    return not parts.scheme and not parts.netloc


def leaves_site(value: str) -> bool:
    """True for a link to another site: an http(s) URL, or a scheme-relative one (`//host`, `/\\host`)."""
    url = as_browser_reads(value)
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # malformed: treat it as leaving, so it tells nothing about this site
        return True
    return url.startswith("//") or scheme in EXTERNAL_SCHEMES
