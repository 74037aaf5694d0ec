"""What the sanitiser changed in an author's Markdown, and why, in words a writer can act on.

The preview lists these so a `# Heading` that became plain text, or an image from another site that
disappeared, is explained rather than a mystery. The report re-reads Markdown's own output against the
same allowlist `sanitize_html()` enforces (`ALLOWED_TAGS`, `_allow_attribute`, `ALLOWED_PROTOCOLS`,
`_DROP_WITH_CONTENT`); it sanitises nothing itself and never changes what is stored.
"""

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from markup.rendering import (
    _DROP_WITH_CONTENT,
    ALLOWED_PROTOCOLS,
    ALLOWED_TAGS,
    _allow_attribute,
    markdown_to_html,
)

# How much of the source line a report quotes.
SNIPPET_CHARS = 80


@dataclass(frozen=True)
class MarkdownChange:
    line: int | None  # 1-based line of the source it most likely came from; None when unknown
    source: str  # what the writer typed there (shortened)
    reason: str  # what happened and what to do instead


class _Finder:
    """Finds the source line a piece of output came from, by a piece of text it must contain."""

    def __init__(self, text: str):
        self.lines = text.splitlines()

    def locate(self, needle: str, prefix: str = "") -> tuple[int | None, str]:
        for number, line in enumerate(self.lines, start=1):
            stripped = line.strip()
            if needle and needle in line and stripped.startswith(prefix):
                return number, _shorten(stripped)
        return None, _shorten(needle)


def _shorten(text: str) -> str:
    return text if len(text) <= SNIPPET_CHARS else text[: SNIPPET_CHARS - 1] + "…"


class _Inspector(HTMLParser):
    """Walks Markdown's HTML output and notes each element or attribute the allowlist refuses."""

    def __init__(self, finder: _Finder):
        super().__init__(convert_charrefs=True)
        self.finder = finder
        self.changes: list[MarkdownChange] = []
        self._heading_text: list[str] | None = None

    def _note(self, needle: str, reason: str, prefix: str = "") -> None:
        line, source = self.finder.locate(needle, prefix)
        self.changes.append(MarkdownChange(line, source, reason))

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self._heading_text = []
            return
        if tag not in ALLOWED_TAGS:
            self._note(
                f"<{tag}",
                _("HTML <%(tag)s> is not allowed here: the tag was removed and its text kept.")
                % {"tag": tag},
            )
            return
        for name, value in attrs:
            self._check_attribute(tag, name, value or "")

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if tag == "a" and name == "href":
            scheme = urlsplit(value.strip()).scheme
            if scheme and scheme not in ALLOWED_PROTOCOLS:
                self._note(
                    value, _("Links may go to web, email or phone addresses only: this link was removed.")
                )
            return
        if _allow_attribute(tag, name, value):
            return
        if tag == "img" and name == "src":
            self._note(
                value,
                _(
                    "Images must come from this site (an address starting with /): "
                    "the image from another site was removed."
                ),
            )
        elif name == "style" and tag in {"th", "td"}:
            self._note("|", _("Column alignment in tables is not kept; the table itself is."), prefix="|")
        else:
            self._note(
                f"{name}=",
                _("The %(attribute)s setting on <%(tag)s> is not allowed and was removed.")
                % {"attribute": name, "tag": tag},
            )

    def handle_data(self, data):
        if self._heading_text is not None:
            self._heading_text.append(data)

    def handle_endtag(self, tag):
        if tag == "h1" and self._heading_text is not None:
            text = "".join(self._heading_text).strip()
            self._heading_text = None
            self._note(
                text,
                _(
                    "Headings start at ##: the page title is the only top heading, so a line starting "
                    "with a single # shows as plain text. Use ## for a section and ### below it."
                ),
                prefix="#",
            )

    def handle_comment(self, data):
        self._note("<!--", _("HTML comments are removed."))


def explain_changes(text: str) -> list[MarkdownChange]:
    """Every change the sanitiser makes to `text` once rendered, with the reason, in source order."""
    html = markdown_to_html(text or "")
    finder = _Finder(text or "")
    inspector = _Inspector(finder)
    for match in _DROP_WITH_CONTENT.finditer(html):
        tag = match.group(1).lower()
        line, source = finder.locate(f"<{tag}")
        reason = _("<%(tag)s> is not allowed: it was removed with everything inside it.") % {"tag": tag}
        inspector.changes.append(MarkdownChange(line, source, reason))
    inspector.feed(_DROP_WITH_CONTENT.sub("", html))
    inspector.close()
    return sorted(inspector.changes, key=lambda change: (change.line is None, change.line or 0))
