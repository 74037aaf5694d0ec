"""Result cards of the search page, each rendered once per process and kept.

A card shows its item's title, link, kind and first three needs, and the snippet for this search.
Everything but the snippet is the same for every search that lists the item, and rendering it through
templates/search/result_card.html was most of the page's rendering time. So each card is rendered
once with a marker where the snippet goes, kept as the HTML before and after the marker, and every
search then joins those two pieces around its own snippet.

A card is kept under everything it shows (language, address of the needs pages, link, title, kind,
the item's own language and whether it is shown untranslated, needs in their order), so an edit, a
publication or a withdrawal can never leave a stale card: the changed item simply has a new key.
The words searched are never part of a key; the kept cards are
bounded (least recently used go first) and live in this process's memory only.
"""

import threading
from collections import OrderedDict

from django.template.loader import get_template
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from search.results import Result

CARD_TEMPLATE = "search/result_card.html"
# Cards differ by item, language and the order of their needs: far more than a site's items would
# make this limit matter, while it bounds the memory (a card is about a kilobyte).
MAX_KEPT = 4096
# The marker is safe HTML only here: "<" in any value a card shows is escaped, so it cannot occur there.
_SNIPPET_MARK = mark_safe("<search-snippet/>")
TAGS_SHOWN = 3

# Tests switch this off to compare the kept cards with cards rendered whole.
keeping = True

_kept: OrderedDict[tuple, tuple[str, str]] = OrderedDict()
_lock = threading.Lock()


def _key(result: Result, tags_url: str) -> tuple:
    return (
        translation.get_language(),
        tags_url,
        result.url,
        result.title,
        result.type,
        result.language,
        result.untranslated,
        tuple(result.tag_links[:TAGS_SHOWN]),
    )


def _render(result: Result, tags_url: str, snippet) -> str:
    context = {"result": result, "tags_url": tags_url, "snippet": snippet}
    # The template file's own leading and trailing white space is not part of the card.
    return get_template(CARD_TEMPLATE).render(context).strip()


def _pieces(result: Result, tags_url: str) -> tuple[str, str]:
    key = _key(result, tags_url)
    with _lock:
        pieces = _kept.get(key)
        if pieces is not None:
            _kept.move_to_end(key)
            return pieces
    before, mark, after = _render(result, tags_url, _SNIPPET_MARK).partition(_SNIPPET_MARK)
    assert mark, "the card template must show the snippet"
    pieces = (before, after)
    with _lock:
        _kept[key] = pieces
        if len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)
    return pieces


def card(result: Result, tags_url: str) -> str:
    """One result's card (<li>...</li>) with this search's snippet."""
    snippet = result.snippet.html
    if not keeping:
        return _render(result, tags_url, snippet)
    before, after = _pieces(result, tags_url)
    return before + snippet + after


def cards(results, tags_url: str, separator: str) -> SafeString:
    """The cards of a page of results, each with `separator` before and after it (the template's
    indentation)."""
    # Each card was rendered by the template (values escaped), the snippet by Snippet.html (escaped).
    html = "".join(separator + card(result, tags_url) + separator for result in results)
    return mark_safe(html)  # noqa: S308


def forget(**_kwargs) -> None:
    """Drop every kept card (settings or URLs changed, as tests do with override_settings)."""
    with _lock:
        _kept.clear()
