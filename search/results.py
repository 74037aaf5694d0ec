"""The shape of search results, shared by the index, the database fallback, the page and the JSON API."""

import html
import math
from dataclasses import dataclass, field

from django.utils.functional import Promise, cached_property
from django.utils.safestring import mark_safe

ELLIPSIS = "…"


def _escaped(text) -> str:
    """What django.utils.html.conditional_escape gives, at a fraction of its cost per call."""
    if isinstance(text, Promise):
        text = str(text)
    return text.__html__() if hasattr(text, "__html__") else html.escape(str(text))


@dataclass(frozen=True)
class Snippet:
    """A short excerpt as (text, matched) pieces, so HTML and plain text are made from the same source."""

    pieces: tuple[tuple[str, bool], ...] = ()

    @classmethod
    def plain(cls, text: str) -> "Snippet":
        return cls(((text, False),)) if text else cls()

    @property
    def text(self) -> str:
        return "".join(text for text, _matched in self.pieces)

    @property
    def html(self):
        """Escaped excerpt text with matched words in <mark>; every piece of text is escaped.

        Joined by hand rather than with format_html_join, which gives the same HTML at several times
        the cost, on every result of every search.
        """
        html = "".join(
            f"<mark>{_escaped(text)}</mark>" if matched else _escaped(text) for text, matched in self.pieces
        )
        return mark_safe(html)  # noqa: S308 (every piece is escaped above)


@dataclass(frozen=True)
class Result:
    title: str
    url: str
    type: str  # "modality" or "article"
    modalities: tuple[str, ...]
    tags: tuple[str, ...]
    tag_slugs: tuple[str, ...]
    snippet: Snippet
    language: str = ""  # the language the item is written in
    # A page not written in the language searched yet, found in its English version: lists mark it
    # "(in English)" and it links to the reader's address of the page, which shows the English text.
    untranslated: bool = False

    def as_json(self) -> dict:
        """One result exactly as the public /api/search/ contract gives it."""
        return {
            "title": self.title,
            "url": self.url,
            "type": self.type,
            "modalities": list(self.modalities),
            "tags": list(self.tags),
            "snippet": self.snippet.text,
            "language": self.language,
        }

    @property
    def tag_links(self) -> list[tuple[str, str]]:
        # A tag whose name makes no slug has no page to link to.
        return [(name, slug) for name, slug in zip(self.tags, self.tag_slugs, strict=False) if slug]


@dataclass
class SearchResults:
    """One page of ranked results, and what the page needs to explain them."""

    query: str
    total: int = 0
    page: int = 1
    per_page: int = 10
    results: list[Result] = field(default_factory=list)
    suggestion: str = ""  # "did you mean", when a word looked misspelt
    source: str = "none"  # "index", "database" (while the index is rebuilt) or "none" (nothing to search)
    weaker: int = 0  # matches left out under the relevance floor (search/relevance.py)
    crisis: object = None  # search.crisis_help.CrisisHelp when the query reads as someone in danger

    @cached_property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.per_page + 1

    @property
    def last_rank(self) -> int:
        return self.first_rank + len(self.results) - 1

    def as_json(self) -> dict:
        return {
            "query": self.query,
            "count": self.total,
            "results": [r.as_json() for r in self.results],
            "crisis": self.crisis.as_json() if self.crisis else None,
            "suggestion": self.suggestion or None,
        }


def clamp_page(requested, total: int, per_page: int) -> int:
    """A page number from the address bar, made valid: junk means 1, past the end means the last page."""
    try:
        number = int(requested)
    except (TypeError, ValueError):
        number = 1
    last = max(1, math.ceil(total / per_page))
    return min(max(number, 1), last)
