"""One index per language: the Spanish one holds the Spanish pages, reads Spanish words (stems, stop
words, accents optional), and follows the database exactly as the English one does."""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from articles.models import Article
from editorial.models import ContentVersion, Status
from modalities.models import Modality
from search import database, documents, engine, index
from search.languages import data_file
from search.plan import plan_query


def spanish(query, **options) -> list[str]:
    return [r.url for r in engine.search(query, language="es", per_page=50, **options).results]


def english(query, **options) -> list[str]:
    return [r.url for r in engine.search(query, language="en", per_page=50, **options).results]


def titles(query, language="es") -> list[str]:
    return [r.title for r in engine.search(query, language=language, per_page=50).results]


def new_spanish_article(**fields) -> Article:
    values = {
        "language": "es",
        "title": "Respirar como un quokka",
        "slug": "quokka-breathing",
        "summary": "Una página tranquila sobre la respiración del quokka.",
        "body": "Respirar despacio, como un quokka, puede ayudar cuando sube el pánico.",
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Article.objects.create(**values)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block as if it committed: the on_commit callbacks run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_spanish_search_finds_the_spanish_pages_and_only_them(indexed_content):
    for query in ("pesadillas", "terapia", "EMDR", "gratis", "intérprete"):
        urls = spanish(query)
        assert urls, query
        assert all(url.startswith("/es/") for url in urls), (query, urls)
    assert spanish("pesadillas")[0] == "/es/modalities/emdr/"


def test_an_english_search_finds_no_spanish_page(indexed_content):
    for query in ("nightmares", "EMDR", "terapia", "pesadillas", "therapy"):
        assert not any(url.startswith("/es/") for url in english(query)), query


def test_the_english_index_holds_what_it_held_before(indexed_content):
    """Spanish rows stay out of the English index: its document count is the English content's. The
    Spanish index holds the Spanish rows, and the English row of each page with no Spanish version."""
    english_rows = (
        Modality.objects.filter(language="en", status=Status.PUBLISHED).count()
        + Article.objects.filter(language="en", status=Status.PUBLISHED).count()
    )
    spanish_rows = (
        Modality.objects.filter(language="es", status=Status.PUBLISHED).count()
        + Article.objects.filter(language="es", status=Status.PUBLISHED).count()
    )
    assert spanish_rows > 0
    fixed = len(documents.fixed_page_documents("es"))
    assert fixed == len(documents.fixed_page_documents("en")) == 3
    assert index.status()["documents"] == english_rows + fixed
    spanish_slugs = {
        (model, slug)
        for model in (Modality, Article)
        for slug in model.objects.filter(language="es", status=Status.PUBLISHED).values_list(
            "slug", flat=True
        )
    }
    stand_ins = sum(
        (model, slug) not in spanish_slugs
        for model in (Modality, Article)
        for slug in model.objects.filter(language="en", status=Status.PUBLISHED).values_list(
            "slug", flat=True
        )
    )
    assert stand_ins > 0
    assert index.status(language="es")["documents"] == spanish_rows + stand_ins + fixed


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("panico", "pánico"),
        ("musica", "música"),
        ("exposicion", "exposición"),
        ("sesion", "sesión"),
        ("ninos", "niños"),
        ("verguenza", "vergüenza"),
        ("PÁNICO", "pánico"),
    ],
)
def test_accents_and_capitals_are_optional(indexed_content, typed, written):
    assert spanish(typed) == spanish(written) != []


def fallback(query):
    """The database search's answer in Spanish: what readers get while the index is rebuilt."""
    return [r.url for r in database.search(plan_query(query, "es"), per_page=50).results]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("panico", "pánico"),
        ("depresion", "depresión"),
        ("musica", "música"),
        ("exposicion narrativa", "exposición narrativa"),
        ("sesion", "sesión"),
        ("SESIÓN", "sesión"),
        ("ninos", "niños"),
        ("verguenza", "vergüenza"),
        ("somatica", "Somática"),
        ("terápia de grupo", "terapia de grupo"),
    ],
)
def test_accents_and_capitals_are_optional_while_the_database_answers(content, typed, written):
    assert fallback(typed) == fallback(written) != []


def test_the_database_finds_spanish_words_however_they_are_typed(content):
    assert fallback("sesion")[0] == "/es/articles/your-first-session-and-your-rights/"
    assert fallback("exposicion narrativa")[0] == "/es/modalities/narrative-exposure-therapy/"
    assert fallback("salida rapida")[0] == "/es/safety/"
    assert all(url.startswith("/es/") for url in fallback("panico"))


@pytest.mark.parametrize(
    ("one", "other"),
    [("pesadilla", "pesadillas"), ("recuerdo", "recuerdos"), ("dibujar", "dibujo"), ("grupos", "grupo")],
)
def test_other_forms_of_a_word_find_the_same_pages(indexed_content, one, other):
    assert spanish(one)[:1] == spanish(other)[:1] != []


def test_spanish_stop_words_alone_find_nothing(indexed_content):
    outcome = engine.search("de la que el y los", language="es")
    assert outcome.total == 0 and outcome.results == []


def test_the_marked_words_of_a_snippet_are_the_words_as_written(indexed_content):
    """ "panico" marks "pánico" in the text: the reader sees the page's own word."""
    outcome = engine.search("panico", language="es")
    marked = {text.lower() for r in outcome.results for text, hit in r.snippet.pieces if hit}
    assert "pánico" in marked


def test_the_spanish_fixed_pages_are_found_in_spanish(indexed_content):
    assert spanish("borrar mi historial")[0] == "/es/safety/"
    assert spanish("alguien revisa mi teléfono")[0] == "/es/safety/"
    assert spanish("comparar las terapias")[0] == "/es/modalities/compare/"
    assert spanish("quiero ser voluntaria")[0] == "/es/volunteer/"
    assert "/es/safety/" not in english("borrar mi historial")
    found = {r.url: r for r in engine.search("salida rápida", language="es").results}
    assert found["/es/safety/"].title == "Navegar por este sitio con más seguridad"


def test_the_fixed_pages_file_in_spanish_names_the_same_pages():
    import yaml

    english_pages = yaml.safe_load(data_file("fixed_pages", "en").read_text(encoding="utf-8"))
    spanish_pages = yaml.safe_load(data_file("fixed_pages", "es").read_text(encoding="utf-8"))
    assert set(spanish_pages) == set(english_pages)
    for name, page in spanish_pages.items():
        assert page["url"] == english_pages[name]["url"]
        assert page["title"] != english_pages[name]["title"], "the Spanish title is Spanish"
        assert len(page["words"]) >= 10, name


def test_a_commit_reaches_the_index_of_the_page_s_language_only(indexed_content, commit):
    with commit():
        article = new_spanish_article()
    assert titles("quokka") == ["Respirar como un quokka"]
    assert titles("quokka", "en") == []

    with commit():
        article.title = "Respirar como un wombat"
        article.save()
    assert titles("wombat") == ["Respirar como un wombat"]

    with commit():
        article.status = Status.DRAFT
        article.save()
    assert titles("wombat") == []

    with commit():
        article.status = Status.PUBLISHED
        article.save()
        article.tags.add("panic")
    assert titles("wombat") == ["Respirar como un wombat"]
    assert [r.title for r in engine.search("wombat", language="es", tag="panic").results] == [
        "Respirar como un wombat"
    ]

    with commit():
        article.delete()
    assert titles("wombat") == []


def test_a_page_whose_language_changes_moves_to_the_other_index(indexed_content, commit):
    with commit():
        article = new_spanish_article(language="en", title="Quokka breathing", body="Breathe like a quokka.")
    assert titles("quokka", "en") == ["Quokka breathing"]
    with commit():
        article.language = "es"
        article.title = "Respirar como un quokka"
        article.save()
    assert titles("quokka", "en") == []
    assert titles("quokka") == ["Respirar como un quokka"]


def test_the_spanish_index_catches_up_when_another_server_changed_the_database(indexed_content):
    """No signal reaches this process: only the content version tells it the database moved on."""
    Modality.objects.filter(language="es", slug="emdr").update(title="EMDR, con otro nombre")
    Article.objects.filter(language="es", slug="getting-help-now").update(status=Status.DRAFT)
    ContentVersion.bump()
    assert "EMDR, con otro nombre" in titles("movimientos oculares")
    # The Spanish version is gone; the page is found in English, at its Spanish address.
    found = [r for r in engine.search("getting help now", language="es").results if "getting-help" in r.url]
    assert [(r.url, r.language, r.untranslated) for r in found] == [
        ("/es/articles/getting-help-now/", "en", True)
    ]
    meta = json.loads((Path(index.status(language="es")["path"]) / "meta.json").read_text())
    assert meta["content_version"] == ContentVersion.current()


def test_the_rebuild_command_builds_every_language(content, index_dir, capsys):
    call_command("rebuild_index")
    output = capsys.readouterr().out
    assert "English" in output and "Español" in output
    assert index.status()["documents"] and index.status(language="es")["documents"]
    assert list(index_dir.glob("build-*")) and list((index_dir / "es").glob("build-*"))
    assert spanish("pesadillas")[0] == "/es/modalities/emdr/"

    call_command("rebuild_index", "--if-stale")
    assert capsys.readouterr().out.count("up to date") == 2
    Modality.objects.filter(language="es", slug="emdr").update(title="EMDR, con otro nombre")
    ContentVersion.bump()
    call_command("rebuild_index", "--if-stale")
    assert capsys.readouterr().out.count("caught up") == 2
    assert "EMDR, con otro nombre" in titles("movimientos oculares")


def test_a_missing_spanish_index_is_rebuilt_while_the_database_answers_in_spanish(
    transactional_content, settings, index_dir
):
    settings.SEARCH_REBUILD_IN_BACKGROUND = True
    index.rebuild(language="es")
    for path in (index_dir / "es").rglob("*"):
        if path.is_file():
            path.unlink()
    during = engine.search("EMDR", language="es")
    assert during.source == "database"
    assert [r.url for r in during.results][:1] == ["/es/modalities/emdr/"]
    assert all(r.url.startswith("/es/") for r in during.results)
    assert index.wait_for_rebuild(timeout=60)
    after = engine.search("EMDR", language="es")
    assert after.source == "index"
    assert after.results[0].url == "/es/modalities/emdr/"


def test_the_page_and_the_api_answer_in_the_language_of_the_address(client, indexed_content):
    page = BeautifulSoup(client.get("/es/search/", {"q": "pesadillas"}).content, "html.parser")
    assert page.html["lang"] == "es"
    links = [a["href"] for a in page.select("ol.search-results li h3 a")]
    assert links and all(link.startswith("/es/") for link in links)

    data = client.get("/es/api/search/", {"q": "pesadillas"}).json()
    assert set(data) == {"query", "count", "results", "crisis", "suggestion"}, "the same contract"
    assert data["results"][0]["url"] == "/es/modalities/emdr/"
    assert data["results"][0]["modalities"] == ["emdr"]
    english_data = client.get("/api/search/", {"q": "pesadillas"}).json()
    assert not any(r["url"].startswith("/es/") for r in english_data["results"])


def test_the_search_follows_the_active_language_when_none_is_named(indexed_content):
    with translation.override("es"):
        assert engine.search("pesadillas").results[0].url == "/es/modalities/emdr/"
    assert not any(r.url.startswith("/es/") for r in engine.search("pesadillas").results)
