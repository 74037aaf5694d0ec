"""Relevance on the real curated content: the sample rows (tests/samples), everyday searches, typos
and sentences.

A hit is one of the first three results belonging to a listed modality: an explainer of it, or an
article linked to it (the `modalities` list of the JSON result).
"""

import pytest

from search import engine
from search.index import query as index_query
from tests.samples import tsv_rows
from tests.search.samples import read_tsv

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

# Searches as survivors and supporters type them (not the shared sample), with the modalities of which
# one should be in the first three results.
EVERYDAY = [
    ("nightmars", "emdr tf-cbt"),
    ("flash backs", "emdr tf-cbt"),
    ("flashbaks", "emdr tf-cbt"),
    ("lonley", "group-therapy"),
    ("I keep having nightmares about what happened", "emdr tf-cbt"),
    ("can't sleep because of nightmares", "emdr tf-cbt"),
    ("nobody understands me", "group-therapy"),
    ("i feel numb", "art-therapy music-therapy somatic-experiencing"),
    ("panic attacks", "emdr somatic-experiencing"),
    ("my body is always tense", "somatic-experiencing"),
    ("can't trust anyone", "tf-cbt group-therapy"),
    ("I blame myself", "group-therapy tf-cbt"),
    ("hard to talk about what happened", "emdr art-therapy music-therapy somatic-experiencing"),
    ("singing", "music-therapy"),
    ("drawing helps me", "art-therapy"),
    ("support group", "group-therapy"),
    ("my teenage daughter was exploited", "tf-cbt"),
    ("eye movements", "emdr"),
    ("i zone out", "somatic-experiencing art-therapy music-therapy group-therapy"),
    ("always on edge", "somatic-experiencing emdr music-therapy"),
    ("scared all the time", "emdr tf-cbt"),
    ("i feel worthless", "group-therapy"),
    ("reliving it over and over", "emdr tf-cbt"),
    ("trauma focused therapy for kids", "tf-cbt"),
    ("I can't stop shaking", "emdr somatic-experiencing"),
    ("stressed out", "art-therapy music-therapy somatic-experiencing"),
    ("insomnia", "emdr"),
    ("therapy with other survivors", "group-therapy"),
    ("i feel so ashamed of what happened to me", "tf-cbt group-therapy"),
    ("my heart races and i cant breathe", "emdr somatic-experiencing"),
    ("i dont want to talk about it", "art-therapy music-therapy emdr somatic-experiencing"),
    ("bad memories keep coming back", "emdr tf-cbt"),
    ("I get angry so easily", "tf-cbt somatic-experiencing"),
    ("I feel stuck", "somatic-experiencing art-therapy"),
    ("no one to talk to", "group-therapy"),
    ("tense shoulders", "somatic-experiencing"),
    ("stuck points", "cognitive-processing-therapy"),
    ("exposure therapy", "prolonged-exposure"),
    ("telling my life story", "narrative-exposure-therapy"),
    ("it was my fault", "cognitive-processing-therapy tf-cbt group-therapy"),
]


def shared_sample():
    """The project's samples (tests/samples and tests/search/samples), plus the shared one beside the repo."""
    rows = tsv_rows("search_queries.tsv") + read_tsv("search_queries.tsv")
    return list(dict.fromkeys((query, slugs) for query, slugs in rows))


def recall_at_3(rows) -> tuple[float, list[str]]:
    misses = []
    for query, slugs in rows:
        outcome = engine.search(query)
        assert outcome.source == "index", "the index, not the database fallback, must answer"
        wanted = set(slugs.split())
        if not any(wanted & set(result.modalities) for result in outcome.results[:3]):
            misses.append(query)
    return 1 - len(misses) / len(rows), misses


def test_shared_sample_recall_at_3(indexed_content):
    rows = shared_sample()
    assert len(rows) >= 20
    recall, misses = recall_at_3(rows)
    assert recall >= 0.95, f"recall@3 {recall:.2f}; missed: {misses}"


def test_everyday_searches_recall_at_3(indexed_content):
    recall, misses = recall_at_3(EVERYDAY)
    assert recall >= 0.95, f"recall@3 {recall:.2f}; missed: {misses}"


def test_pruning_for_big_indexes_keeps_relevance(indexed_content, monkeypatch):
    """On big indexes very common terms are pruned for speed; forced on here, relevance holds."""
    monkeypatch.setattr(index_query, "COMMON_MIN_DOCS", 0)
    recall, misses = recall_at_3(shared_sample() + EVERYDAY)
    assert recall >= 0.95, f"recall@3 {recall:.2f}; missed: {misses}"


@pytest.mark.parametrize(
    ("query", "explainers", "in_passing"),
    [
        ("flashbacks", {"EMDR", "TF-CBT"}, "Complex trauma and your own pace"),
        ("panic", {"EMDR", "Somatic Experiencing"}, "Complex trauma and your own pace"),
    ],
)
def test_explainer_about_a_need_ranks_above_an_article_mentioning_it(
    indexed_content, query, explainers, in_passing
):
    titles = [r.title for r in engine.search(query, per_page=20, everything=True).results]
    assert in_passing in titles, "the article mentions it, so it is found when every match is listed"
    for explainer in explainers:
        assert titles.index(explainer) < titles.index(in_passing)


def test_sentence_finds_the_nightmare_material_first(indexed_content):
    outcome = engine.search("I keep having nightmares about what happened")
    top = [r.title for r in outcome.results[:3]]
    assert "Bad dreams and trouble sleeping" in top
    assert {"EMDR", "TF-CBT"} & set(top)


def test_did_you_mean(indexed_content):
    for typed, suggested in [
        ("nightmars", "nightmares"),
        ("flash backs", "flashbacks"),
        ("lonley", "lonely"),
        ("I can't stop the Nightmars", "I can't stop the nightmares"),
    ]:
        assert engine.search(typed).suggestion == suggested, typed


def test_no_did_you_mean_for_words_the_site_uses(indexed_content):
    for query in ("nightmares", "EMDR", "music therapy", "nightmare", "memory", "traumatized", "jumpy"):
        assert engine.search(query).suggestion == "", query


def test_misspelt_word_is_still_found(indexed_content):
    outcome = engine.search("nightmres")
    assert outcome.total > 0
    assert {"emdr", "tf-cbt"} & {slug for r in outcome.results[:3] for slug in r.modalities}


def test_synonym_brings_the_vocabulary(indexed_content):
    """ "jumpy" appears in no tag: the synonym map makes it *always on edge*."""
    outcome = engine.search("jumpy")
    assert all("always on edge" in r.tags for r in outcome.results[:3])


def test_only_stop_words_finds_nothing_and_does_not_fail(indexed_content):
    outcome = engine.search("the of and what")
    assert outcome.total == 0
    assert outcome.results == []


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("medication", "medication-and-trauma"),
        ("antidepressants", "medication-and-trauma"),
        ("therapy made me worse", "if-therapy-makes-you-feel-worse"),
        ("free therapy", "paying-for-therapy-and-free-options"),
        ("I can't afford therapy", "paying-for-therapy-and-free-options"),
        ("dissociation", "dissociation-drink-drugs-and-self-harm"),
        ("drinking too much", "dissociation-drink-drugs-and-self-harm"),
    ],
)
def test_everyday_questions_find_the_article_about_them(indexed_content, query, slug):
    urls = [r.url for r in engine.search(query).results[:3]]
    assert f"/articles/{slug}/" in urls, urls
