"""Markdown -> HTML -> allowlist sanitiser.

Markdown runs with an explicit extension list and without attr_list (so `{onclick=...}` stays text).
Its output then goes through bleach with an allowlist of tags, attributes and URL schemes. The
sanitiser is the only call to bleach, so it could move to nh3 without touching anything else.

The few words Markdown adds itself (a footnote's "Back to the text") are in the language of the text:
each row renders in its own language, once, when it is saved.
"""

import re
from dataclasses import dataclass
from functools import lru_cache, partial

import bleach
import markdown
from bleach.linkifier import LinkifyFilter
from django.utils import translation
from django.utils.translation import gettext, gettext_noop

from markup.urls import is_same_site_path, leaves_site

MARKDOWN_EXTENSIONS = ["toc", "tables", "sane_lists", "footnotes"]
MARKDOWN_EXTENSION_CONFIGS = {
    "toc": {"toc_depth": "2-3"},
}
# The title of the link from a footnote back to where it was cited, translated when a text renders.
FOOTNOTE_BACKLINK_TITLE = gettext_noop("Back to the text")

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "a", "ul", "ol",
        "li", "blockquote", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "img",
        "div", "sup", "abbr",
    }
)  # fmt: skip
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

# Classes Markdown's own extensions emit; any other class could borrow the site's styles (for example
# to fake a quick-exit button), so it is dropped.
ALLOWED_CLASSES = frozenset({"toc", "footnote", "footnote-ref", "footnote-backref"})
# Ids the site's own frame uses; authored content must not clobber them.
RESERVED_IDS = frozenset({"main", "main-content", "quick-exit", "help-box", "site-header", "search"})
SAFE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_:.-]{0,80}$")


def _is_safe_id(value: str) -> bool:
    return bool(SAFE_ID.match(value)) and value.lower() not in RESERVED_IDS


def _allow_attribute(tag: str, name: str, value: str) -> bool:
    if name == "id":
        return tag in {"h2", "h3", "h4", "h5", "h6", "li", "sup", "div"} and _is_safe_id(value)
    if name == "class":
        return tag in {"div", "a", "sup"} and all(c in ALLOWED_CLASSES for c in value.split())
    if tag == "a":
        return name in {"href", "title", "rel"}
    if tag == "img":
        if name == "src":
            # Images load from the site itself only, judged on the URL the browser will fetch.
            return is_same_site_path(value)
        return name in {"alt", "title", "width", "height"}
    if tag in {"th", "td"}:
        return name in {"colspan", "rowspan", "scope"}
    if tag == "ol":
        return name == "start"
    if tag == "abbr":
        return name == "title"
    return False


def _link_rel(attrs, new=False):
    """Links that leave the site tell the next site nothing about this one."""
    href = attrs.get((None, "href"), "")
    if leaves_site(href):
        attrs[(None, "rel")] = "noopener noreferrer"
    else:
        attrs.pop((None, "rel"), None)
    return attrs


_cleaner = bleach.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allow_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_link_rel], parse_email=False, skip_tags={"pre", "code"})],
)

# Elements whose content is never readable text: dropped with everything inside them, rather than
# leaving their code behind as visible text when the tag itself is stripped.
_DROP_WITH_CONTENT = re.compile(
    r"<(script|style|iframe|object|embed|noscript|template|textarea|title|xmp|noembed|noframes)\b"
    r"[^>]*>.*?</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)


def sanitize_html(html: str) -> str:
    """Reduce HTML to the allowlist. The single call site of the sanitiser library."""
    return _cleaner.clean(_DROP_WITH_CONTENT.sub("", html))


@dataclass(frozen=True)
class RenderedMarkdown:
    html: str
    toc: str


# Rendering is a pure function of the text; re-saving unchanged content (loadcontent, admin edits of
# other fields) need not render it again.
RENDER_CACHE_SIZE = 256


def _markdown(language: str | None = None) -> markdown.Markdown:
    """A Markdown converter whose own words are in `language` (the active one when None)."""
    with translation.override(language or translation.get_language()):
        backlink_title = gettext(FOOTNOTE_BACKLINK_TITLE)
    configs = {**MARKDOWN_EXTENSION_CONFIGS, "footnotes": {"BACKLINK_TITLE": backlink_title}}
    return markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, extension_configs=configs)


def markdown_to_html(text: str) -> str:
    """Markdown's own output, NOT yet sanitised: only for `markup.changes` to compare against."""
    return _markdown().convert(text or "")


def render_markdown(text: str, language: str | None = None) -> RenderedMarkdown:
    """Render authored Markdown to sanitised HTML plus a sanitised table of contents. The words
    Markdown adds are in `language`, the text's own (the active language when None)."""
    return _render(text, language or translation.get_language())


@lru_cache(maxsize=RENDER_CACHE_SIZE)
def _render(text: str, language: str | None) -> RenderedMarkdown:
    md = _markdown(language)
    html = md.convert(text or "")
    toc = getattr(md, "toc", "") if getattr(md, "toc_tokens", None) else ""
    return RenderedMarkdown(html=sanitize_html(html), toc=sanitize_html(toc))
