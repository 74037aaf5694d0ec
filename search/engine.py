"""The one search function behind both the search page and the JSON API, so both rank identically.

It cleans the query, applies the synonym map, and ranks with the Whoosh index of the reader's language;
while the index is missing or being rebuilt, the database answers instead. It never raises for
anything a reader typed.
"""

import logging
import re

from search import crisis_help, database, index
from search.documents import KINDS
from search.languages import search_language
from search.plan import plan_query
from search.results import SearchResults, clamp_page
from search.text import clean_query

log = logging.getLogger(__name__)

PER_PAGE = 10
# Deep pages are never useful to a reader and only cost work.
MAX_PAGE = 100
_SLUG = re.compile(r"^[-a-z0-9_]{1,100}$")


def clean_filters(kind, tag) -> tuple[str | None, str | None]:
    """A type and a tag slug from the address bar, or None where they are absent or not valid."""
    kind = kind if kind in KINDS else None
    tag = tag if isinstance(tag, str) and _SLUG.match(tag) else None
    return kind, tag


def search(
    raw_query,
    *,
    kind=None,
    tag=None,
    page=1,
    per_page: int = PER_PAGE,
    everything: bool = False,
    language: str | None = None,
) -> SearchResults:
    """Ranked, published results for what a reader typed; see search.results.SearchResults.

    The pages, words and phrases are those of `language`: the reader's (the address's) when None.
    When the words read as someone in danger (search/crisis.py), `crisis` carries the help to show
    first and the results begin with the content that fits. `everything` lists the matches under the
    relevance floor too.
    """
    language = search_language(language)
    text = clean_query(raw_query)
    kind, tag = clean_filters(kind, tag)
    page = min(clamp_page(page, MAX_PAGE * per_page, per_page), MAX_PAGE)
    crisis = crisis_help.help_for(text, language)
    plan = plan_query(text, language)
    outcome = _ranked(plan, kind, tag, page, per_page, crisis.lead if crisis else (), everything)
    outcome.crisis = crisis
    if crisis:
        # Help comes first; a "did you mean" that rewrites the words of someone in danger would not help.
        outcome.suggestion = ""
    return outcome


def _ranked(plan, kind, tag, page, per_page, lead, everything) -> SearchResults:
    if plan.is_empty and not lead:
        return SearchResults(query=plan.text, per_page=per_page)
    options = dict(kind=kind, tag=tag, page=page, per_page=per_page, lead=lead, everything=everything)
    try:
        return index.search(plan, **options)
    except index.IndexUnavailable:
        pass
    except Exception as exc:
        # Never show a reader an error page for a search; the exception type is enough to debug it.
        log.error("search index failed (%s); the database answers this search", type(exc).__name__)
    return database.search(plan, **options)
