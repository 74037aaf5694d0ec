"""Answering a search from the index of its language: ranking, the relevance floor, and the page of
results.

Nothing here logs what anyone searched for.
"""

import functools
import logging

from whoosh.query import NullQuery, Term

from search.index import freshness
from search.index.query import (
    flat_or,
    highlight_terms,
    plain_words_query,
    restriction,
    typed_query,
    without_common_terms,
)
from search.index.readers import Reader, borrowed_reader
from search.index.schema import stems
from search.index.snippets import snippet
from search.index.spelling import corrections
from search.index.storage import IndexUnavailable
from search.index.vocabulary import IndexVocabulary
from search.index.whoosh_internals import scored_documents
from search.languages import letter_fold
from search.plan import QueryPlan
from search.relevance import listing
from search.results import Result, SearchResults, Snippet
from search.synonyms import synonym_map
from search.weights import CORRECTION_BOOST, NEED_BOOST, THERAPY_BOOST, THERAPY_LINK_BOOST

log = logging.getLogger(__name__)


def search(
    plan: QueryPlan, *, kind=None, tag=None, page: int = 1, per_page: int = 10, lead=(), everything=False
) -> SearchResults:
    """Rank published items for a query plan; the one ranking the page and the JSON API both show.

    `lead` names items ("article:<slug>") that come first whatever they score; `everything` lists the
    matches under the relevance floor too (search/relevance.py). Raises IndexUnavailable when the
    index cannot answer (a rebuild is then under way).
    """
    options = dict(kind=kind, tag=tag, page=page, per_page=per_page, lead=lead, everything=everything)
    try:
        freshness.ensure_ready(plan.language)
        return _search(plan, **options)
    except IndexUnavailable:
        raise
    except Exception as exc:
        # A damaged file or a reader closed under us: rebuild, and let the database answer meanwhile.
        log.warning("search index read failed (%s); rebuilding", type(exc).__name__)
        freshness.unavailable(type(exc).__name__, plan.language)
    # Only reached when rebuilding in line (tests, tools): the fresh index answers.
    return _search(plan, **options)


def _search(plan, **options) -> SearchResults:
    with borrowed_reader(plan.language) as reader:
        return _ranked(reader, plan, **options)


def _lead_documents(searcher, lead, restrict, hidden: set[int]) -> list[int]:
    """Document numbers of the lead items that are published, visible and pass the filters, in order."""
    allowed = set(searcher.docs_for_query(restrict)) if restrict is not None else None
    found = []
    for ref in lead:
        docnum = searcher.document_number(ref=ref)
        if docnum is not None and docnum not in hidden and (allowed is None or docnum in allowed):
            found.append(docnum)
    return found


def _ranked(reader: Reader, plan, *, kind, tag, page, per_page, lead, everything) -> SearchResults:
    searcher = reader.searcher
    language = plan.language
    hidden = reader.hidden()
    vocabulary = IndexVocabulary(searcher.reader(), hidden, language)
    fixes = corrections(vocabulary, plan, reader.corrections(hidden))
    expansion = plan.expansion
    if fixes.words:
        corrected = synonym_map(language).expand(list(plan.tokens) + fixes.words)
        needs = tuple(dict.fromkeys(expansion.needs + corrected.needs))
        therapies = tuple(dict.fromkeys(expansion.therapies + corrected.therapies))
        also = tuple(dict.fromkeys(expansion.also_search + corrected.also_search))
    else:
        needs, therapies, also = expansion.needs, expansion.therapies, expansion.also_search
    clauses = [typed_query(plan)]
    clauses += [Term("tags", need, boost=NEED_BOOST) for need in needs]
    clauses += [Term("explains", slug, boost=THERAPY_BOOST) for slug in therapies]
    clauses += [Term("modalities", slug, boost=THERAPY_LINK_BOOST) for slug in therapies]
    if fixes.words:
        clauses.append(plain_words_query(fixes.words, boost=CORRECTION_BOOST, language=language))
    if also:
        clauses.append(plain_words_query(also, language=language))
    query = without_common_terms(flat_or(clauses), reader.kept, needs, language)
    outcome = SearchResults(query=plan.text, per_page=per_page, suggestion=fixes.suggestion)
    outcome.source = "index"
    if query is NullQuery and not lead:
        return outcome
    restrict = restriction(kind, tag)
    scored = []
    if query is not NullQuery:
        # Scheduled items are in the index, hidden until their publication time has come. Every match
        # is scored (limit=None): the relevance floor needs the best score and how many fall under it.
        # Block-skipping (optimize) is off: it cannot help when every match is wanted.
        hits = searcher.search(query, limit=None, filter=restrict, mask=hidden or None, optimize=False)
        scored = scored_documents(hits)
    lead_documents = _lead_documents(searcher, lead, restrict, hidden) if lead else []
    chosen = listing(scored, lead_documents, everything=everything)
    outcome.total = len(chosen.documents)
    outcome.weaker = chosen.weaker
    outcome.page = min(max(1, page), outcome.num_pages)
    first = (outcome.page - 1) * per_page
    terms = highlight_terms(query, needs, language) if query is not NullQuery else frozenset()
    # The words of a snippet are read as the index of the language reads them.
    reading = (functools.partial(stems, language=language), letter_fold(language))
    outcome.results = [
        _result(reader.kept.stored_fields(docnum), terms, needs, language, *reading)
        for docnum in chosen.documents[first : first + per_page]
    ]
    return outcome


def _result(fields: dict, terms, needs: tuple[str, ...], language: str, stemmed, fold) -> Result:
    shown_snippet = (
        snippet(fields.get("body", ""), terms, stemmed, fold)
        or snippet(fields.get("summary", ""), terms, stemmed, fold)
        or Snippet.plain(fields.get("summary", ""))
    )
    shown = fields.get("shown") or {}
    # The needs this search was about come first, so a short list shows why the result is here.
    tags = sorted(shown.get("tags", []), key=lambda pair: pair[0] not in needs)
    return Result(
        title=fields["title"],
        url=fields["url"],
        type=fields["type"],
        modalities=tuple(shown.get("modalities", ())),
        tags=tuple(name for name, _slug in tags),
        tag_slugs=tuple(slug for _name, slug in tags),
        snippet=shown_snippet,
        language=shown.get("language", language),
        untranslated=shown.get("stand_in", False),
    )
