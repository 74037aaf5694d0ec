"""search.index.query.flat_or gives exactly what Whoosh's Or(...).normalize() gives, in the same order:
the order of the terms is the order scores are added in, so it decides ties."""

import pytest
from whoosh.query import NullQuery, Or, Phrase, Term

from search.index.query import flat_or, plain_words_query

CASES = {
    "words and needs": [
        plain_words_query(["nightmares", "sleep"]),
        Term("tags", "nightmares", boost=3.0),
        Term("explains", "emdr", boost=2.0),
    ],
    "a word twice": [plain_words_query(["sleep"]), plain_words_query(["sleep", "dreams"])],
    "nothing": [NullQuery, NullQuery],
    "one term": [NullQuery, Term("tags", "panic")],
    "one boosted term": [Term("tags", "panic", boost=2.5)],
    "a boosted or": [Or([Term("body", "sleep"), Term("title", "sleep")], boost=2.0), Term("tags", "sleep")],
    "a phrase": [Phrase("body", ["bad", "dreams"]), plain_words_query(["dreams"])],
    "an or in an or": [Or([Or([Term("body", "a"), Term("body", "b")]), Term("body", "c")])],
}


@pytest.mark.parametrize("name", CASES)
def test_flat_or_is_whoosh_normalize(name):
    queries = CASES[name]
    expected = Or([q for q in queries if q is not NullQuery]).normalize()
    got = flat_or(queries)
    assert got == expected
    assert type(got) is type(expected)
    if isinstance(expected, Or):
        assert [(s.fieldname, s.text, s.boost) for s in got.subqueries if isinstance(s, Term)] == [
            (s.fieldname, s.text, s.boost) for s in expected.subqueries if isinstance(s, Term)
        ]
