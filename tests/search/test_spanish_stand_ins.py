"""Pages with no Spanish version yet are found by a Spanish search too, as the Spanish lists show them:
by their English title, marked "(en inglés)", at their /es/ address (which shows the English text in
the Spanish frame). They are found by their needs and their title, never before a Spanish page that
matches as well, and they leave the Spanish index when a Spanish version is published."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from articles.models import Article
from editorial.models import Status
from pages.templatetags.content_language import untranslated_mark
from search import database, engine, index
from search.plan import plan_query

UNTRANSLATED = "/es/articles/you-are-not-alone/"  # no Spanish version in content/es/


def results(query, **options):
    return engine.search(query, language="es", per_page=50, **options).results


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_page_without_a_spanish_version_is_found_by_its_needs_and_its_title(indexed_content):
    by_need = {r.url: r for r in results("me siento sola, soledad")}
    assert UNTRANSLATED in by_need, "feeling alone, through the Spanish synonyms"
    found = by_need[UNTRANSLATED]
    assert (found.title, found.language, found.untranslated) == ("You are not alone", "en", True)
    assert results("medication and trauma")[0].url == "/es/articles/medication-and-trauma/"
    assert results("nightmares", tag="children-and-teens"), "the needs filter keeps it too"
    spanish = next(r for r in results("pesadillas") if r.url == "/es/modalities/emdr/")
    assert (spanish.language, spanish.untranslated) == ("es", False)


def test_the_page_marks_it_in_english_as_the_lists_do(client, indexed_content):
    soup = BeautifulSoup(client.get("/es/search/", {"q": "soledad"}).content, "html.parser")
    card = next(li for li in soup.select("ol.search-results > li") if li.h3.a["href"] == UNTRANSLATED)
    assert card.h3.a["lang"] == "en" and card.h3.a.get_text() == "You are not alone"
    assert card.h3.select_one("span.untranslated-mark").get_text() == "(en inglés)"
    with translation.override("es"):  # the mark the lists put after the same page's title
        listed = untranslated_mark(Article.objects.get(language="en", slug="you-are-not-alone"))
    assert str(card.h3.select_one("span.untranslated-mark")) == str(BeautifulSoup(listed, "html.parser").span)
    spanish = [li for li in soup.select("ol.search-results > li") if li.h3.a["href"] != UNTRANSLATED]
    assert spanish and not any(li.select("span.untranslated-mark") for li in spanish)
    assert client.get(UNTRANSLATED).status_code == 200


def test_the_api_names_each_result_s_language(client, indexed_content):
    found = {r["url"]: r for r in client.get("/es/api/search/", {"q": "soledad"}).json()["results"]}
    assert found[UNTRANSLATED]["language"] == "en"
    assert {r["language"] for url, r in found.items() if url != UNTRANSLATED} == {"es"}
    english = client.get("/api/search/", {"q": "alone"}).json()["results"]
    assert english and {r["language"] for r in english} == {"en"}


def test_a_spanish_page_comes_before_an_english_one_that_matches_as_well(content):
    spanish = Article.objects.get(language="es", slug="your-first-session-and-your-rights")
    Article.objects.create(
        language="en",
        slug="a-copy-with-no-spanish-version",
        title=spanish.title,
        summary=spanish.summary,
        body=spanish.body,
        status=Status.PUBLISHED,
    ).tags.set(spanish.tags.names())
    index.rebuild(language="es")
    urls = [r.url for r in results(spanish.title)]
    assert urls.index("/es/articles/your-first-session-and-your-rights/") < urls.index(
        "/es/articles/a-copy-with-no-spanish-version/"
    )
    fallback = [r.url for r in database.search(plan_query(spanish.title, "es"), per_page=50).results]
    assert fallback.index("/es/articles/your-first-session-and-your-rights/") < fallback.index(
        "/es/articles/a-copy-with-no-spanish-version/"
    )


def test_publishing_a_spanish_version_takes_the_english_one_out(indexed_content, commit):
    def found():
        return [(r.url, r.untranslated) for r in results("medication and trauma medicamentos")]

    assert ("/es/articles/medication-and-trauma/", True) in found()
    with commit():
        spanish = Article.objects.create(
            language="es",
            slug="medication-and-trauma",
            title="Medicamentos y trauma",
            summary="Lo que los medicamentos pueden hacer, y lo que no.",
            body="Los medicamentos pueden ayudar a dormir.",
            status=Status.PUBLISHED,
        )
    assert [hit for hit in found() if "medication" in hit[0]] == [
        ("/es/articles/medication-and-trauma/", False)
    ]
    with commit():
        spanish.unpublish()
        spanish.save()
    assert [hit for hit in found() if "medication" in hit[0]] == [
        ("/es/articles/medication-and-trauma/", True)
    ]


def test_the_database_finds_them_too_while_the_index_is_rebuilt(content):
    found = {r.url: r for r in database.search(plan_query("soledad", "es"), per_page=50).results}
    assert found[UNTRANSLATED].untranslated and found[UNTRANSLATED].language == "en"
    assert not found["/es/modalities/group-therapy/"].untranslated
