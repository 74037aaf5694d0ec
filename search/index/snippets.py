"""Snippets: the part of a text where the most different searched words meet, with those words marked.

Works on plain text and stems; the caller passes the stemmer (the index's own), so the words marked are
the words that matched. Written for speed rather than with a search engine's highlighter, which
re-analyses the whole text.
"""

import functools
import re
from collections.abc import Callable

from search.results import ELLIPSIS, Snippet

SNIPPET_CHARS = 220  # about two lines on a phone
SNIPPET_LEAD = 70  # context kept before the first matched word
SNIPPET_SCAN_CHARS = 20000  # matches further into a long text are not worth the time
SNIPPET_MAX_MATCHES = 64  # enough to find a good window; a common word would otherwise cost a lot

Stems = Callable[[str], tuple[str, ...]]  # one word -> its stemmed terms

_WORD_REST = re.compile(r"\w*")


@functools.lru_cache(maxsize=256)
def _candidate_prefixes(terms: frozenset[str]) -> tuple[str, ...]:
    # Stems are (nearly) prefixes of the words they come from: "nightmar" finds "nightmares",
    # "memori" (less its last letter) finds "memory". Each candidate is then checked by stemming it.
    return tuple(sorted({term[:-1] if len(term) > 4 else term for term in terms}))


def _candidates(text: str, prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` (already lower case) that begins with one of the prefixes.

    str.find runs through the text in C, far faster than a pattern with many alternatives.
    """
    found = {}
    for prefix in prefixes:
        start = text.find(prefix)
        while start != -1:
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                found.setdefault(start, _WORD_REST.match(text, start + len(prefix)).end())
            start = text.find(prefix, start + 1)
    return sorted(found.items())


def matches(text: str, terms: frozenset[str], stems: Stems) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word in `text` whose stem was searched for."""
    scanned = text[:SNIPPET_SCAN_CHARS]
    lowered = scanned.lower()
    if len(lowered) != len(scanned):
        # A character whose lower case is longer ("İ") would shift every offset after it.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in scanned)
    found = []
    for start, end in _candidates(lowered, _candidate_prefixes(terms)):
        stemmed = stems(lowered[start:end])
        if stemmed and stemmed[0] in terms:
            found.append((start, end, stemmed[0]))
            if len(found) == SNIPPET_MAX_MATCHES:
                break
    return found


def snippet(text: str, terms: frozenset[str], stems: Stems) -> Snippet | None:
    """About SNIPPET_CHARS of `text` where the most different searched words meet, as (text, matched)
    pieces; None when no word of `text` has one of the stems in `terms`."""
    if not text or not terms:
        return None
    found = matches(text, terms, stems)
    if not found:
        return None
    best, best_count = 0, 0
    for i, (start, _end, _stem) in enumerate(found):
        limit = start + SNIPPET_CHARS - SNIPPET_LEAD
        count = len({stem for s, e, stem in found[i:] if e <= limit})
        if count > best_count:
            best, best_count = i, count
    start = max(0, found[best][0] - SNIPPET_LEAD)
    if start > 0:
        # Begin at a word boundary rather than in the middle of a word.
        space = text.find(" ", start, found[best][0])
        start = space + 1 if space != -1 else found[best][0]
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > found[best][1] else end
    pieces: list[tuple[str, bool]] = [(ELLIPSIS, False)] if start > 0 else []
    position = start
    for match_start, match_end, _stem in found[best:]:
        if match_end > end:
            break
        if match_start > position:
            pieces.append((text[position:match_start], False))
        pieces.append((text[match_start:match_end], True))
        position = match_end
    pieces.append((text[position:end], False))
    if end < len(text):
        pieces.append((ELLIPSIS, False))
    return Snippet(tuple(piece for piece in pieces if piece[0]))
