"""What the search assumes of Whoosh's and Django's internals (search/index/whoosh_internals.py,
search/django_internals.py): each test names one assumption, so an upgrade that breaks it fails here."""

import itertools

import pytest
from whoosh import index as whoosh_index
from whoosh import scoring
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or, Term
from whoosh.support import levenshtein

from search.django_internals import render_block
from search.documents import html_to_text
from search.index.spelling import edit_distance
from search.index.whoosh_internals import LengthListBM25F, score_into_array, scored_documents

BODIES = [
    "nightmares keep coming back at night",
    "trouble sleeping after trauma, nightmares and flashbacks",
    "a short one about sleep",
    "flashbacks, panic and trouble trusting people again after what happened to you",
    "group therapy with other survivors who know what nightmares are like",
    "music and art when words are hard",
]


@pytest.fixture
def small_index(tmp_path):
    """A small index in two segments, one document deleted: what the site's index looks like after
    incremental updates."""
    schema = Schema(key=ID(unique=True, stored=True), body=TEXT, title=TEXT)
    ix = whoosh_index.create_in(str(tmp_path), schema)
    for start in (0, 3):
        writer = ix.writer()
        for number, body in enumerate(BODIES[start : start + 3], start=start):
            writer.add_document(key=str(number), body=body, title=body.split(",")[0])
        writer.commit(merge=False)
    writer = ix.writer()
    writer.delete_by_term("key", "2")
    writer.commit(merge=False)
    assert len(ix.reader().leaf_readers()) == 2, "the test needs two segments"
    yield ix
    ix.close()


def query():
    words = ("nightmares", "trouble", "words")
    return Or([Term(field, word) for field in ("body", "title") for word in words])


def hits(ix, weighting, q, **options):
    with ix.searcher(weighting=weighting) as searcher:
        results = searcher.search(q, limit=None, **options)
        return [(round(score, 9), docnum) for score, docnum in results.top_n]


def test_length_list_scorer_ranks_exactly_as_whooshs_bm25f(small_index):
    stock = hits(small_index, scoring.BM25F(), query(), optimize=False)
    assert len(stock) >= 4
    assert hits(small_index, LengthListBM25F(), query(), optimize=False) == stock


def test_bm25f_scores_read_field_lengths_through_dfl(small_index):
    """The scorer's `dfl` is where BM25FScorer.score() reads each document's field length: once the
    lengths are listed, the index is not asked again. If Whoosh read them another way, the list would
    be ignored and the search slow again."""
    weighting = LengthListBM25F()
    with small_index.searcher(weighting=weighting) as searcher:
        searcher.search(query(), limit=None, optimize=False)  # lists the lengths of every segment

        def refuse(*args, **kwargs):
            raise AssertionError("field length read from the index, not from the list")

        for leaf, _offset in searcher.leaf_searchers():
            leaf.doc_field_length = refuse  # a searcher keeps its reader's method as its own
            leaf.reader().doc_field_length = refuse
        again = searcher.search(query(), limit=None, optimize=False)
        assert len(again.top_n) >= 4


def test_bm25f_makes_a_bm25f_scorer_with_dfl_for_text_fields(small_index):
    with small_index.searcher() as searcher:
        leaf = searcher.leaf_searchers()[0][0]
        scorer = LengthListBM25F().scorer(leaf, "body", "nightmares")
        assert isinstance(scorer, scoring.BM25FScorer)
        assert scorer.dfl(0) == leaf.reader().doc_field_length(0, "body", 1)


def test_the_array_matcher_scores_as_the_default_matcher(small_index):
    default = hits(small_index, LengthListBM25F(), query().normalize(), optimize=False)
    arrayed = score_into_array(query().normalize())
    assert arrayed.matcher_type == Or.ARRAY_MATCHER
    assert hits(small_index, LengthListBM25F(), arrayed, optimize=False) == default


def test_top_n_is_every_hit_as_score_and_document_number(small_index):
    with small_index.searcher() as searcher:
        results = searcher.search(query(), limit=None, optimize=False)
        assert scored_documents(results) == [(score, docnum) for docnum, score in results.items()]
        assert len(scored_documents(results)) == len(results)


WORDS = ["nightmare", "nightmares", "nihgtmare", "lonely", "lonley", "lovely", "anxiety", "anxeity", "a", ""]


def test_spelling_measures_distance_as_the_word_list_is_searched():
    """Spelling ranks the index's near words by edit_distance, Whoosh's own measure."""
    for first, second in itertools.product(WORDS, repeat=2):
        for limit in (None, 1, 2, 3):
            assert edit_distance(first, second, limit) == levenshtein.distance(first, second, limit=limit)


def test_terms_within_finds_the_near_words_spelling_ranks(tmp_path):
    ix = whoosh_index.create_in(str(tmp_path), Schema(spell=TEXT(phrase=False)))
    writer = ix.writer()
    for word in WORDS:
        writer.add_document(spell=word)
    writer.commit()
    with ix.reader() as reader:
        for word, maxdist in itertools.product(["nightmars", "lonley", "anxity"], (1, 2)):
            found = set(reader.terms_within("spell", word, maxdist, prefix=1))
            same_letter = [w for w in WORDS if len(w) > 1 and w[:1] == word[:1]]
            # At least every word as near without swaps of letters, and none further than the
            # distance spelling ranks them by.
            assert {w for w in same_letter if levenshtein.levenshtein(word, w) <= maxdist} <= found
            assert found <= {w for w in same_letter if edit_distance(word, w) <= maxdist}, (word, maxdist)
    ix.close()


def test_a_template_block_renders_on_its_own():
    """Fixed pages are indexed from their template's content block (search/documents.py)."""
    text = html_to_text(render_block("pages/safety.html", "content"))
    assert "Incognito" in text, "the page's own words"
    assert "Need help now?" not in text, "only the block, not the frame around it"
