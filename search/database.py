"""The database search that answers while the index is missing or being rebuilt.

Slower and simpler than the index (titles, summaries, tags and the synonym map, no stemming), but it
finds the same kind of thing, in the same language, ranks explainers first and returns the same result
shape. A language whose letters are folded (Spanish: "panico" finds "pánico") is compared in Python,
folded on both sides, as its index compares it.
"""

import functools
import operator

from django.db.models import Q
from django.utils import translation

from articles.models import Article
from modalities.models import Modality
from search.documents import ARTICLE, MODALITY, PAGE, fixed_page_documents
from search.languages import letter_fold
from search.plan import QueryPlan
from search.results import Result, SearchResults, Snippet
from search.weights import FIELD_BOOSTS, MODALITY_BOOST, NEED_BOOST, STAND_IN_BOOST, THERAPY_BOOST

# The index's weights (search/weights.py), for the fields this search reads: tags and titles over
# summaries, explainers over articles.
TITLE = FIELD_BOOSTS["title"]
SUMMARY = FIELD_BOOSTS["summary"]


def _comparable(language: str):
    """How text and query words are compared in `language`: lower case, and folded where its letters
    are ("Pánico" -> "panico")."""
    fold = letter_fold(language)
    return (lambda text: fold(text.lower())) if fold else str.lower


def _lead_slugs(lead, kind: str) -> list[str]:
    """Slugs of this kind among the lead refs ("article:<slug>"), in order."""
    return [ref.partition(":")[2] for ref in lead if ref.partition(":")[0] == kind]


def _matches(plan: QueryPlan, kind: str, lead=(), *, text=True) -> Q | None:
    """The rows the plan matches; without their words when `text` is false (compared in Python)."""
    clauses = [Q(slug__in=slugs)] if (slugs := _lead_slugs(lead, kind)) else []
    for word in plan.words + plan.also_search if text else ():
        clauses += [Q(title__icontains=word), Q(summary__icontains=word), Q(tags__name__icontains=word)]
    clauses += [Q(tags__name=need) for need in plan.needs]
    if plan.therapies:
        field = "slug__in" if kind == MODALITY else "modalities__slug__in"
        clauses.append(Q(**{field: list(plan.therapies)}))
    return functools.reduce(operator.or_, clauses) if clauses else None


def _words_match(plan: QueryPlan, item, tags: tuple[str, ...]) -> bool:
    """Whether a word of the plan is in the item's title, summary or a tag, compared as the language
    compares them: the Python side of _matches' text clauses."""
    comparable = _comparable(plan.language)
    texts = [comparable(text) for text in (item.title, item.summary, *tags)]
    return any(comparable(word) in text for word in plan.words + plan.also_search for text in texts)


def _score(plan: QueryPlan, item, kind: str, slugs: tuple[str, ...], tags: tuple[str, ...]) -> float:
    comparable = _comparable(plan.language)
    title, summary = comparable(item.title), comparable(item.summary)
    tag_texts = tuple(comparable(tag) for tag in tags)
    score = 0.0
    for word in map(comparable, plan.words):
        score += TITLE * (word in title) + SUMMARY * (word in summary)
        score += NEED_BOOST * any(word in tag for tag in tag_texts)
    score += NEED_BOOST * len(set(plan.needs) & set(tags))
    score += THERAPY_BOOST * len(set(plan.therapies) & set(slugs))
    score *= STAND_IN_BOOST if item.language != plan.language else 1.0
    return score * (MODALITY_BOOST if kind == MODALITY else 1.0)


def _candidates(plan: QueryPlan, kind: str, tag: str | None, lead=()):
    model = Modality if kind == MODALITY else Article
    # Neither SQLite nor PostgreSQL (without the unaccent extension) compares "panico" with "pánico",
    # and SQLite lower-cases only ASCII letters. A language whose letters are folded has a few dozen
    # published pages, so its rows are all read and their words compared in Python instead.
    in_python = letter_fold(plan.language) is not None
    matches = _matches(plan, kind, lead, text=not in_python)
    if matches is None and not (in_python and plan.words + plan.also_search):
        return
    # The rows the index of the plan's language holds: those written in it and, in another language
    # than the site's, the English version of each page not written in it yet (as its lists show them).
    items = model.objects.published().in_language(plan.language)
    if matches is not None and not in_python:
        items = items.filter(matches)
    if tag:
        items = items.filter(tags__slug=tag)
    items = items.distinct().prefetch_related("tags")
    if kind == ARTICLE:
        items = items.prefetch_related("modalities")
    for item in items:
        tags = sorted((t.name, t.slug) for t in item.tags.all())
        if kind == MODALITY:
            slugs = (item.slug,)
        else:
            slugs = tuple(m.slug for m in item.modalities.all() if m.is_public)
        if in_python and not (
            _words_match(plan, item, tuple(name for name, _slug in tags))
            or _matches_without_words(plan, kind, lead, item, tags)
        ):
            continue
        yield item, slugs, tags


def _matches_without_words(plan: QueryPlan, kind: str, lead, item, tags) -> bool:
    """The Python side of _matches' other clauses: a lead item, a need it is tagged with, a therapy."""
    slugs = {item.slug} if kind == MODALITY else {m.slug for m in item.modalities.all()}
    return (
        item.slug in _lead_slugs(lead, kind)
        or bool(set(plan.needs) & {name for name, _slug in tags})
        or bool(set(plan.therapies) & slugs)
    )


def _address(item, language: str) -> str:
    """The item's address for a reader of `language`: an English stand-in's is under /es/ too."""
    with translation.override(language):
        return item.get_absolute_url()


def _fixed_pages(plan: QueryPlan, lead):
    """(score, document) of the site's fixed pages whose title, summary or words match, or that lead.

    A page's words are the needs it answers ("delete my history"), so they count as a need would.
    """
    comparable = _comparable(plan.language)
    for doc in fixed_page_documents(plan.language).values():
        title, summary, names = (comparable(doc[key]) for key in ("title", "summary", "names"))
        score = sum(
            TITLE * (word in title) + SUMMARY * (word in summary) + NEED_BOOST * (word in names)
            for word in map(comparable, plan.words + plan.also_search)
        )
        if score or doc["ref"] in lead:
            yield score, doc


def search(
    plan: QueryPlan, *, kind=None, tag=None, page: int = 1, per_page: int = 10, lead=(), everything=False
) -> SearchResults:
    """Rank published items whose title, summary or tags match; same contract as search.index.search.

    Lead items come first; there is no relevance floor here (`everything` changes nothing), since this
    simpler search only answers for the moments while the index is rebuilt.
    """
    scored = []
    lead = list(lead)
    for this_kind in (MODALITY, ARTICLE):
        if kind and kind != this_kind:
            continue
        for item, slugs, tags in _candidates(plan, this_kind, tag, lead):
            names = tuple(name for name, _slug in tags)
            result = Result(
                title=item.title,
                url=_address(item, plan.language),
                type=this_kind,
                modalities=slugs,
                tags=names,
                tag_slugs=tuple(slug for _name, slug in tags),
                snippet=Snippet.plain(item.summary),
                language=item.language,
                untranslated=item.language != plan.language,
            )
            ref = f"{this_kind}:{item.slug}"
            first = (lead.index(ref) - len(lead),) if ref in lead else (0,)
            scored.append((first, -_score(plan, item, this_kind, slugs, names), item.title, result))
    if not kind and not tag:
        for score, doc in _fixed_pages(plan, lead):
            result = Result(
                doc["title"], doc["url"], PAGE, (), (), (), Snippet.plain(doc["summary"]), plan.language
            )
            first = (lead.index(doc["ref"]) - len(lead),) if doc["ref"] in lead else (0,)
            scored.append((first, -score, doc["title"], result))
    scored.sort(key=operator.itemgetter(0, 1, 2))
    outcome = SearchResults(query=plan.text, per_page=per_page, total=len(scored), source="database")
    outcome.page = min(max(page, 1), outcome.num_pages)
    first = (outcome.page - 1) * per_page
    outcome.results = [result for _lead, _score, _title, result in scored[first : first + per_page]]
    return outcome
