"""Relevance in Spanish, on the real Spanish content: the sample (samples/search_queries.es.tsv) through
/es/api/search/, everyday words through the Spanish synonym map, and "did you mean" from the
Spanish pages' own words.

A hit is one of the first three results belonging to a listed modality: an explainer of it, or an
article linked to it (the `modalities` list of the JSON result), as in the English sample.
"""

import pytest
import yaml

from editorial.models import Status
from modalities.models import Modality
from search import engine
from search.languages import data_file
from search.plan import plan_query
from search.synonyms import parse_synonyms, synonym_map
from search.text import clean_query
from tests.search.samples import read_tsv

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

API = "/es/api/search/"
SAMPLE = read_tsv("search_queries.es.tsv")


def recall_at_3(client, rows) -> tuple[float, list[str]]:
    misses = []
    for query, slugs in rows:
        results = client.get(API, {"q": query}).json()["results"]
        wanted = set(slugs.split())
        if not any(wanted & set(result["modalities"]) for result in results[:3]):
            misses.append(query)
    return 1 - len(misses) / len(rows), misses


def test_the_spanish_sample_is_large_enough():
    assert len(SAMPLE) >= 40
    assert len({query for query, _slugs in SAMPLE}) == len(SAMPLE), "each query once"


def test_spanish_sample_recall_at_3(client, indexed_content):
    recall, misses = recall_at_3(client, SAMPLE)
    assert recall >= 0.9, f"recall@3 {recall:.2f}; missed: {misses}"


def test_the_index_answers_the_spanish_sample(indexed_content):
    for query, _slugs in SAMPLE[:5]:
        assert engine.search(query, language="es").source == "index"


def test_a_sentence_about_nightmares_finds_emdr_first(client, indexed_content):
    results = client.get(API, {"q": "no puedo dormir por las pesadillas"}).json()["results"]
    assert results[0]["url"] == "/es/modalities/emdr/"
    assert {"nightmares", "trouble sleeping"} & set(results[0]["tags"])


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("cuánto cuesta la terapia", "paying-for-therapy-and-free-options"),
        ("terapia gratis", "paying-for-therapy-and-free-options"),
        ("no tengo dinero para terapia", "paying-for-therapy-and-free-options"),
        ("intérprete", "finding-a-therapist-you-can-trust"),
        ("terapia en mi idioma", "finding-a-therapist-you-can-trust"),
        ("la terapia me hace sentir peor", "if-therapy-makes-you-feel-worse"),
        ("mi primera sesión", "your-first-session-and-your-rights"),
        ("a quién llamar ahora", "getting-help-now"),
    ],
)
def test_everyday_questions_find_the_spanish_article_about_them(indexed_content, query, slug):
    urls = [r.url for r in engine.search(query, language="es").results[:3]]
    assert f"/es/articles/{slug}/" in urls, urls


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("pesadias", "pesadillas"),
        ("flasbacks", "flashbacks"),
        ("verguensa", "vergüenza"),
        ("siempre en tension y con miedo", ""),  # only an accent missing: nothing to correct
        ("me siento muy tenso y con mideo", "me siento muy tenso y con miedo"),
    ],
)
def test_did_you_mean_suggests_spanish_words(indexed_content, typed, suggested):
    assert engine.search(typed, language="es").suggestion == suggested


def test_no_did_you_mean_for_spanish_words_the_site_uses_with_or_without_accents(indexed_content):
    for query in ("pesadillas", "pánico", "panico", "musica", "vergüenza", "verguenza", "EMDR", "sesion"):
        assert engine.search(query, language="es").suggestion == "", query


def test_did_you_mean_only_offers_words_of_published_spanish_pages(indexed_content, commit):
    # An English word is not a Spanish suggestion, even though the English index knows it.
    assert engine.search("nightmars").suggestion == "nightmares"
    assert engine.search("nightmars", language="es").suggestion == ""
    # A word only one Spanish page uses is suggested while that page is published, and not after.
    assert engine.search("refuersas", language="es").suggestion == "refuerzas"
    with commit():
        draft = Modality.objects.get(language="es", slug="emdr")
        draft.status = Status.DRAFT
        draft.save()
    assert engine.search("refuersas", language="es").suggestion == ""


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


# Everyday Spanish, each with a need of the vocabulary it must mean.
EVERYDAY_NEEDS = [
    ("pesadillas", "nightmares"),
    ("no puedo dormir", "trouble sleeping"),
    ("insomnio", "trouble sleeping"),
    ("me siento sucia", "shame"),
    ("me siento sucio", "shame"),
    ("vergüenza", "shame"),
    ("verguenza", "shame"),
    ("culpa", "guilt"),
    ("ataques de pánico", "panic"),
    ("ataques de panico", "panic"),
    ("no confío en nadie", "can't trust people"),
    ("desconfianza", "can't trust people"),
    ("siempre en tensión", "always on edge"),
    ("el cuerpo tenso", "body tension"),
    ("recuerdos", "painful memories"),
    ("flashbacks", "flashbacks"),
    ("me siento sola", "feeling alone"),
    ("me siento solo", "feeling alone"),
    ("tristeza", "sadness"),
    ("miedo", "fear"),
    ("rabia", "anger"),
    ("hijos", "children and teens"),
    ("niños", "children and teens"),
    ("ninos", "children and teens"),
    ("me cuesta hablar de lo que pasó", "hard to talk about it"),
    ("por dónde empiezo", "getting started"),
]


@pytest.mark.parametrize(("typed", "need"), EVERYDAY_NEEDS)
def test_everyday_spanish_means_the_need(typed, need):
    assert need in plan_query(clean_query(typed), "es").needs


@pytest.mark.parametrize(
    ("typed", "also"),
    [
        ("intérprete", "intérprete"),
        ("en mi idioma", "idioma"),
        ("cuánto cuesta", "gratis"),
        ("gratis", "gratis"),
    ],
)
def test_everyday_spanish_brings_the_words_the_site_uses(typed, also):
    assert also in plan_query(clean_query(typed), "es").also_search


def test_the_spanish_synonym_map_is_valid_and_uses_the_vocabulary():
    data = yaml.safe_load(data_file("synonyms", "es").read_text(encoding="utf-8"))
    english = yaml.safe_load(data_file("synonyms", "en").read_text(encoding="utf-8"))
    parse_synonyms(data)
    assert set(data["needs"]) <= set(english["needs"]), "needs are named by the vocabulary's own keys"
    assert set(data["therapies"]) <= set(english["therapies"])
    phrases = [phrase for section in data.values() for entries in section.values() for phrase in entries]
    assert len(set(phrases)) >= 60


def test_the_english_map_stays_english():
    assert "nightmares" in plan_query("bad dreams").needs
    assert plan_query("pesadillas").needs == ()
    assert synonym_map("es") is not synonym_map("en")
