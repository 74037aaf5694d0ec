"""Turning a query plan into a Whoosh query: the words typed, the synonym map's needs and therapies,
corrections of misspellings, and the filters a reader chose. Words are analysed as the index of the
plan's language analyses them."""

from django.conf import settings
from whoosh.qparser import MultifieldPlugin, OrGroup, PhrasePlugin, QueryParser
from whoosh.query import And, NullQuery, Or, Term

from search.index.schema import SCHEMAS, TEXT_FIELDS, analysed, stems
from search.index.whoosh_internals import score_into_array
from search.plan import QueryPlan
from search.text import words
from search.weights import FIELD_BOOSTS

# Pruning of words that are everywhere (see without_common_terms): from this many documents, a term
# in more than this share of a field's documents is left out where the word counts elsewhere.
COMMON_MIN_DOCS = 1000
COMMON_SHARE = 0.2
# Besides the words typed, only the link to a therapy is pruned this way; the needs found by the
# synonym map and the explainers themselves always count.
PRUNABLE_FIELDS = {"modalities"}
# A word found in the text of at least this share of all items ("therapy" on a site about therapy)
# tells nothing about what the reader needs: when the query says anything else, it is not searched.
EVERYWHERE_SHARE = 0.75


def _parser(schema) -> QueryParser:
    return QueryParser(
        None,
        schema,
        # Words and "quoted phrases" only. Field names, wildcards, ranges, boosts and AND/OR/NOT are read
        # as ordinary words: people in distress do not write query syntax, and `*` must not match everything.
        plugins=[PhrasePlugin(), MultifieldPlugin(list(FIELD_BOOSTS), fieldboosts=FIELD_BOOSTS)],
        group=OrGroup,
    )


PARSERS = {language: _parser(schema) for language, schema in SCHEMAS.items()}
PARSER = PARSERS["en"]


def plain_words_query(terms, boost: float = 1.0, language: str = settings.LANGUAGE_CODE):
    """Each word in any text field (OR), with the field boosts; what a query means without syntax."""
    clauses = [
        Term(fieldname, stem, boost=fieldboost * boost)
        for word in terms
        for stem in stems(word, language)
        for fieldname, fieldboost in FIELD_BOOSTS.items()
    ]
    return Or(clauses) if clauses else NullQuery


def _parser_input(plan: QueryPlan) -> str:
    """The quoted phrases of the query, plus its meaningful words."""
    phrases = [part for i, part in enumerate(plan.text.split('"')) if i % 2 and part.strip()]
    if plan.text.count('"') % 2:
        phrases = phrases[:-1]  # an unclosed quote is not a phrase
    quoted = " ".join(f'"{" ".join(words(phrase))}"' for phrase in phrases if words(phrase))
    return f"{quoted} {' '.join(plan.words)}".strip()


def typed_query(plan: QueryPlan):
    """What the reader typed as a query: quoted phrases through Whoosh's parser, or plain words."""
    if '"' not in plan.text:
        return plain_words_query(plan.words, language=plan.language)  # what the parser would make, faster
    try:
        return PARSERS.get(plan.language, PARSER).parse(_parser_input(plan))
    except Exception:
        # The parser rejected it: search the same words without any syntax.
        return plain_words_query(plan.words, language=plan.language)


def without_common_terms(query, reader, needs: tuple[str, ...] = (), language: str = settings.LANGUAGE_CODE):
    """Drop the terms that cannot tell documents apart, repeat another, or match nothing.

    On a big index, a term found in a large share of documents (say "therapy" in bodies, or the link
    to a popular therapy) adds almost the same score to every document, yet scoring it is most of the
    work. A word typed by the reader keeps at least its most selective field, so it always counts.
    Small indexes (under COMMON_MIN_DOCS) keep every such term: they are fast anyway.

    A word of a need the synonym map found ("sleep" in *trouble sleeping*) is not also matched in the
    needs field: the need itself is searched, and would otherwise count twice on the same documents.
    """
    subqueries = query.subqueries if isinstance(query, Or) else [query]
    big = reader.doc_count() >= COMMON_MIN_DOCS
    limit = COMMON_SHARE * reader.doc_count()
    found_needs = {stem for need in needs for stem in stems(need, language)}
    by_word: dict[str, list] = {}
    kept = []
    for sub in subqueries:
        if isinstance(sub, Term) and sub.fieldname == "needs" and sub.text in found_needs:
            continue
        if isinstance(sub, Term) and sub.fieldname in FIELD_BOOSTS:
            by_word.setdefault(sub.text, []).append(sub)
        elif isinstance(sub, Term) and sub.fieldname in PRUNABLE_FIELDS:
            frequency = reader.doc_frequency(sub.fieldname, sub.text)
            if frequency and not (big and frequency > limit):
                kept.append(sub)
        else:
            kept.append(sub)
    # Share of the items written in the index's language: a stand-in's English text is not indexed.
    written = reader.doc_count() - reader.doc_frequency("stand_in", "yes")
    everywhere_from = EVERYWHERE_SHARE * written
    everywhere = {word for word in by_word if reader.doc_frequency("body", word) >= everywhere_from}
    if len(everywhere) < len(by_word) or needs or any(isinstance(sub, Term) for sub in kept):
        by_word = {word: terms for word, terms in by_word.items() if word not in everywhere}
    for terms in by_word.values():
        found = [(reader.doc_frequency(t.fieldname, t.text), t) for t in terms]
        found = [(frequency, t) for frequency, t in found if frequency]
        if found and big:
            found = [(f, t) for f, t in found if f <= limit] or [min(found, key=lambda pair: pair[0])]
        kept.extend(t for _frequency, t in found)
    if not kept:
        return NullQuery
    return score_into_array(flat_or(kept))


def flat_or(queries):
    """What Or(queries).normalize() gives, without its cost for the flat queries the search builds.

    Whoosh's normalize copies every term it lifts out of a nested Or (a deep copy each) and was a
    sixth of a search's time. Terms, and Ors of terms with no boost of their own, are lifted here
    as they are, in the same order, with the same duplicates dropped; any other query (a phrase) is
    left to Whoosh.
    """
    flat = []
    for query in queries:
        if type(query) is Term:
            flat.append(query)
        elif type(query) is Or and query.boost == 1.0 and all(type(sub) is Term for sub in query.subqueries):
            flat.extend(query.subqueries)
        elif query is not NullQuery:
            return Or(list(queries)).normalize()
    unique = list(dict.fromkeys(flat))
    if not unique:
        return NullQuery
    if len(unique) == 1:
        return unique[0]
    return Or(unique)


def restriction(kind: str | None, tag: str | None):
    """The filter for a reader's choice of type and tag, or None for everything."""
    parts = []
    if kind:
        parts.append(Term("type", kind))
    if tag:
        parts.append(Term("tag_slugs", tag))
    return And(parts) if parts else None


def highlight_terms(query, needs, language: str = settings.LANGUAGE_CODE) -> frozenset[str]:
    """The stemmed words to mark in snippets: what was searched, plus the words of matched needs."""
    terms = {text for fieldname, text in query.iter_all_terms() if fieldname in TEXT_FIELDS}
    for need in needs:
        terms.update(analysed("needs", need, language))
    return frozenset(t.decode() if isinstance(t, bytes) else t for t in terms)
