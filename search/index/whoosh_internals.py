"""The only places the search relies on Whoosh beyond its documented interface, each for speed.

Every assumption below is checked by tests/search/test_whoosh_internals.py, so a Whoosh upgrade that
breaks one fails there, by name, rather than changing rankings or speed unnoticed.
"""

from whoosh import scoring
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


def score_into_array(query):
    """Have a normalised Or query score each matching document once into an array.

    Rather than through a tree of union matchers: far less Python per document for the flat,
    many-term queries the search builds. Assumes: Or.matcher_type selects the matcher, and
    Or.ARRAY_MATCHER gives the same scores as the default.
    """
    if isinstance(query, Or):
        query.matcher_type = Or.ARRAY_MATCHER
    return query


def scored_documents(results) -> list[tuple[float, int]]:
    """(score, document number) of every hit of a search, best first, without copying them.

    Assumes: Results.top_n is that list (Results.items() yields the same pairs the other way round).
    """
    return results.top_n
