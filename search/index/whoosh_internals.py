"""The only places the search relies on Whoosh beyond its documented interface, each for speed.

Every assumption below is checked by tests/search/test_whoosh_internals.py, so a Whoosh upgrade that
breaks one fails there, by name, rather than changing rankings or speed unnoticed.
"""

from whoosh import scoring
from whoosh.matching import ArrayUnionMatcher
from whoosh.query import Or


class LengthListBM25F(scoring.BM25F):
    """Whoosh's BM25F, reading field lengths from a list made once per reader.

    Ranking needs the length of the field for every matching document; read from the index files
    one by one, that was a fifth of the time of a search. One instance per searcher.

    Assumes: BM25F.scorer() returns a BM25FScorer for scorable fields, whose score() reads each
    document's field length through its `dfl` attribute, `dfl(docnum)`, as
    `searcher.doc_field_length(docnum, fieldname, 1)`; and that `searcher.reader()` is one segment's
    reader, numbering documents from 0 to doc_count_all().
    """

    def __init__(self):
        super().__init__()
        self._lengths: dict[tuple[int, str], list[int]] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.BM25FScorer):
            reader = searcher.reader()  # one segment's reader: document numbers are its own
            key = (id(reader), fieldname)
            if key not in self._lengths:
                self._lengths[key] = [
                    reader.doc_field_length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())
                ]
            scorer.dfl = self._lengths[key].__getitem__
        return scorer


class ArrayOr(Or):
    """An Or that scores each matching document once into an array no longer than the index.

    Whoosh's own array matcher (Or.ARRAY_MATCHER) always fills, and clears in Python, an array of
    2048 scores, however few documents the index holds: on this site's index of a few dozen items
    that was most of the time of matching. Here the array is as long as the index when the index is
    shorter. Every document's scores are still added in the same order, so the scores are the same.

    Assumes: Or._matcher(subs, searcher, context) is what Or.matcher calls with two or more
    subqueries, and ArrayUnionMatcher takes the array's length as `partsize`.
    """

    matcher_type = Or.ARRAY_MATCHER

    def _matcher(self, subs, searcher, context):
        scored = context.weighting is not None if context else True
        matchers = [sub.matcher(searcher, context) for sub in subs]
        doccount = searcher.doc_count_all()
        partsize = max(1, min(ARRAY_PART_SIZE, doccount))
        return ArrayUnionMatcher(matchers, doccount, boost=self.boost, scored=scored, partsize=partsize)


# Whoosh's own length of the score array, kept for indexes larger than it.
ARRAY_PART_SIZE = 2048


def score_into_array(query):
    """Have a normalised Or query score each matching document once into an array (ArrayOr).

    Rather than through a tree of union matchers: far less Python per document for the flat,
    many-term queries the search builds. Assumes: Or.ARRAY_MATCHER gives the same scores as the
    default.
    """
    if type(query) is Or:
        return ArrayOr(query.subqueries, boost=query.boost)
    return query


def scored_documents(results) -> list[tuple[float, int]]:
    """(score, document number) of every hit of a search, best first, without copying them.

    Assumes: Results.top_n is that list (Results.items() yields the same pairs the other way round).
    """
    return results.top_n
