"""Every reading page shows the versions of the reader's language; a page with no Spanish version
yet is shown in English inside the Spanish frame, marked as such; the English site is unchanged."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from articles.models import Article
from modalities.models import SLUGS, Modality

SPANISH_HEADINGS = [
    "Qué es",
    "A quién puede ayudar",
    "Cómo es una sesión",
    "Qué dicen los estudios",
    "Precauciones y qué preguntar",
    "Cómo encontrar a una persona con formación",
    "Preguntas para hacer a un terapeuta",
]
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def spanish(client):
    """GET a page's Spanish address (/es/ in front of the English one)."""

    def get(path):
        return client.get(f"/es{path}")

    return get


def versions(model, language):
    """{slug: title} of the published rows of one language."""
    return dict(model.objects.published().filter(language=language).values_list("slug", "title"))


def reader_titles(model):
    """{slug: (title, language)} a reader of Spanish should get: the Spanish version, else the English."""
    english, spanish = versions(model, "en"), versions(model, "es")
    return {
        slug: (spanish[slug], "es") if slug in spanish else (title, "en") for slug, title in english.items()
    }


def alternates(page) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in page.select("link[rel=alternate][hreflang]")}


def english_url(item) -> str:
    return f"{settings.SITE_URL}/{item._meta.app_label}/{item.slug}/"


def listed(page, selector):
    """(href, title, lang, marked) of each link in a list of pages."""
    rows = []
    for link in page.select(selector):
        marked = bool(link.parent.select(".untranslated-mark"))
        rows.append((link["href"], link.get_text(strip=True), link.get("lang"), marked))
    return rows


def assert_reader_versions(rows, model):
    """Each listed page is the version a reader of Spanish gets, at its Spanish address, and an
    English one is said to be."""
    expected = reader_titles(model)
    assert rows
    for href, title, lang, marked in rows:
        assert href.startswith("/es/"), href
        slug = href.rstrip("/").rsplit("/", 1)[1]
        want_title, want_language = expected[slug]
        assert title == want_title, href
        assert (lang == "en") == marked == (want_language == "en"), href


# --- Explainers ------------------------------------------------------------------------------------


def test_the_explainer_list_shows_the_spanish_versions(spanish, content):
    rows = listed(soup(spanish("/modalities/")), "ul.cards li.card h2 a")
    assert [title for _href, title, _lang, _marked in rows] == [
        versions(Modality, "es")[slug] for slug in SLUGS
    ]
    assert not any(marked for *_rest, marked in rows)


def test_an_explainer_in_spanish_has_the_spanish_text_and_headings(spanish, content):
    emdr = Modality.objects.get(language="es", slug="emdr")
    page = soup(spanish("/modalities/emdr/"))
    assert page.h1.get_text(strip=True) == emdr.title
    assert [h2.get_text(strip=True) for h2 in page.select("section > h2")][: len(SPANISH_HEADINGS)] == (
        SPANISH_HEADINGS
    )
    assert emdr.may_suit in page.get_text(" ")
    assert not page.select(".untranslated-note")
    assert not page.main.article.header.select("[lang]") and not page.select("section[lang], dd[lang]")
    assert not page.find("link", rel="canonical")
    assert alternates(page) == {
        "en": f"{settings.SITE_URL}/modalities/emdr/",
        "es": f"{settings.SITE_URL}/es/modalities/emdr/",
        "x-default": f"{settings.SITE_URL}/modalities/emdr/",
    }


def test_an_explainer_without_a_spanish_version_is_shown_in_english_and_said_so(spanish, content):
    Modality.objects.filter(language="es", slug="emdr").update(status="draft")  # not ready: not shown
    english = Modality.objects.get(language="en", slug="emdr")
    page = soup(spanish("/modalities/emdr/"))
    assert page.select_one(".untranslated-note")
    assert page.h1.get_text(strip=True) == english.title and page.h1["lang"] == "en"
    sections = page.select("section[aria-labelledby]")
    assert sections[0]["lang"] == "en" and sections[0].h2.get_text(strip=True) == "What it is"
    assert page.find("link", rel="canonical")["href"] == f"{settings.SITE_URL}/modalities/emdr/"
    assert alternates(page) == {
        "en": f"{settings.SITE_URL}/modalities/emdr/",
        "x-default": english_url(english),
    }
    # ...and the Spanish lists offer it in English, marked, at its Spanish address.
    listing = soup(spanish("/modalities/"))
    card = next(row for row in listed(listing, "ul.cards h2 a") if "/emdr/" in row[0])
    assert card == ("/es/modalities/emdr/", english.title, "en", True)
    assert [mark.get_text() for mark in listing.select(".untranslated-mark")] == ["(en inglés)"]


def test_compare_in_spanish_compares_the_spanish_versions(spanish, content):
    page = soup(spanish("/modalities/compare/"))
    rows = listed(page, "table.compare--all tbody th a")
    assert [title for _href, title, *_ in rows] == [versions(Modality, "es")[slug] for slug in SLUGS]
    text = page.get_text(" ")
    assert all(m.may_suit in text for m in Modality.objects.filter(language="es"))
    chosen = soup(spanish("/modalities/compare/?show=emdr&show=tf-cbt"))
    assert {a.get_text(strip=True) for a in chosen.select("table.compare--chosen thead th a")} == {
        versions(Modality, "es")["emdr"],
        versions(Modality, "es")["tf-cbt"],
    }


# --- Articles --------------------------------------------------------------------------------------


def test_the_article_list_shows_each_article_once_spanish_where_it_exists(spanish, content):
    rows = []
    for number in (1, 2):
        rows += listed(soup(spanish(f"/articles/?page={number}")), "ul.article-list h2 a")
    assert len(rows) == len({href for href, *_ in rows}) == len(versions(Article, "en"))
    assert_reader_versions(rows, Article)
    assert any(marked for *_rest, marked in rows) and not all(marked for *_rest, marked in rows)


def test_an_article_in_spanish_links_the_spanish_explainers(spanish, content):
    page = soup(spanish("/articles/finding-a-therapist-you-can-trust/"))
    assert page.h1.get_text(strip=True) == versions(Article, "es")["finding-a-therapist-you-can-trust"]
    therapies = listed(page, "section[aria-labelledby=therapies-title] a")
    spanish_titles = versions(Modality, "es")
    assert {title for _href, title, *_ in therapies} == {
        spanish_titles[slug]
        for slug in (
            "tf-cbt",
            "emdr",
            "somatic-experiencing",
            "group-therapy",
            "art-therapy",
            "music-therapy",
        )
    }
    assert not any(marked for *_rest, marked in therapies)
    assert_reader_versions(listed(page, "section[aria-labelledby=related-title] a"), Article)


def test_an_article_without_a_spanish_version_is_shown_in_english_and_said_so(spanish, content):
    english = Article.objects.get(language="en", slug="how-we-rate-evidence")
    assert not Article.objects.filter(language="es", slug=english.slug).exists()
    page = soup(spanish("/articles/how-we-rate-evidence/"))
    assert (
        page.select_one(".untranslated-note")
        .get_text(strip=True)
        .startswith("Esta página todavía no está en español.")
    )
    assert page.h1.get_text(strip=True) == english.title and page.h1["lang"] == "en"
    assert page.select_one("div.prose")["lang"] == "en"
    assert page.find("link", rel="canonical")["href"] == english_url(english)
    assert alternates(page) == {"en": english_url(english), "x-default": english_url(english)}
    assert page.html["lang"] == "es"  # the Spanish frame around the English text
    assert page.find("a", class_="language-switch")["href"] == "/articles/how-we-rate-evidence/"
    # Its explainers are still the Spanish versions: the frame and the links are the reader's.
    therapies = listed(page, "section[aria-labelledby=therapies-title] a")
    assert therapies and {title for _href, title, *_ in therapies} <= set(versions(Modality, "es").values())


def test_a_spanish_explainer_lists_its_articles_in_the_readers_versions(spanish, content):
    page = soup(spanish("/modalities/emdr/"))
    rows = listed(page, "section[aria-labelledby=related-title] a")
    english_on_emdr = set(
        Article.objects.filter(language="en", modalities__slug="emdr").values_list("slug", flat=True)
    )
    assert {href.rstrip("/").rsplit("/", 1)[1] for href, *_ in rows} == english_on_emdr
    assert_reader_versions(rows, Article)


# --- Home, needs, feed -----------------------------------------------------------------------------


def test_home_in_spanish_shows_the_spanish_versions(spanish, content):
    page = soup(spanish("/"))
    therapies = listed(page, "ul.cards li.card h3 a")
    assert [title for _href, title, *_ in therapies] == [versions(Modality, "es")[slug] for slug in SLUGS]
    assert_reader_versions(listed(page, "ul.article-list li > a"), Article)


def test_a_need_in_spanish_lists_the_spanish_versions(spanish, content):
    page = soup(spanish("/tags/nightmares/"))
    therapies = listed(page, "ul.cards h3 a")
    assert therapies and not any(marked for *_rest, marked in therapies)
    assert {title for _href, title, *_ in therapies} <= set(versions(Modality, "es").values())
    assert_reader_versions(listed(page, "ul.article-list li > a"), Article)


def test_the_needs_list_in_each_language_names_the_needs_of_the_pages_its_readers_get(
    spanish, client, content
):
    Article.objects.get(language="es", slug="getting-help-now").tags.add("only on a spanish page")
    Article.objects.get(language="en", slug="getting-help-now").tags.add("only on an english page")
    in_spanish = {a["href"].rstrip("/").rsplit("/", 1)[1] for a in soup(spanish("/tags/")).main.select("a")}
    in_english = {
        a["href"].rstrip("/").rsplit("/", 1)[1] for a in soup(client.get("/tags/")).main.select("a")
    }
    assert "only-on-a-spanish-page" in in_spanish and "only-on-a-spanish-page" not in in_english
    # The English version is not what a Spanish reader gets, so its need is not theirs.
    assert "only-on-an-english-page" in in_english and "only-on-an-english-page" not in in_spanish


def test_the_feed_in_spanish_has_the_spanish_versions_and_says_which_are_english(spanish, content):
    root = ET.fromstring(spanish("/feeds/articles/").content)
    titles = [entry.findtext(f"{ATOM}title") for entry in root.findall(f"{ATOM}entry")]
    expected = reader_titles(Article)
    spanish_titles = {title for title, language in expected.values() if language == "es"}
    with translation.override("es"):
        mark = translation.gettext("(in English)")
    assert spanish_titles <= set(titles)
    for title in set(titles) - spanish_titles:
        assert (
            title.endswith(f" {mark}") and title.removesuffix(f" {mark}") in versions(Article, "en").values()
        )


# --- The English site ------------------------------------------------------------------------------


def test_the_english_pages_show_english_only(client, content):
    english = {**versions(Modality, "en"), **versions(Article, "en")}
    for path in [
        "/",
        "/modalities/",
        "/articles/",
        "/articles/?page=2",
        "/tags/nightmares/",
        "/modalities/emdr/",
    ]:
        page = soup(client.get(path))
        assert not page.main.select(".untranslated-mark, .untranslated-note, [lang='en']"), path
        assert not page.select("link[rel=canonical]"), path
        links = page.select("a[href^='/modalities/'], a[href^='/articles/']")
        shown = {a.get_text(strip=True) for a in links}
        assert not shown & (set(versions(Modality, "es").values()) - set(english.values())), path


def test_an_english_page_with_no_spanish_version_names_no_spanish_alternate(client, content):
    english = Article.objects.get(language="en", slug="how-we-rate-evidence")
    assert alternates(soup(client.get("/articles/how-we-rate-evidence/"))) == {
        "en": english_url(english),
        "x-default": english_url(english),
    }
    assert set(alternates(soup(client.get("/articles/getting-help-now/")))) == {"en", "es", "x-default"}


def test_the_sitemap_lists_each_page_in_the_languages_it_is_written_in(client, content):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {
        url.findtext(f"{SITEMAP}loc"): {link.get("hreflang") for link in url.findall(f"{XHTML}link")}
        for url in root.findall(f"{SITEMAP}url")
    }
    host = "http://testserver"
    for model in (Modality, Article):
        english, spanish = versions(model, "en"), versions(model, "es")
        for slug in english:
            path = f"/{model._meta.app_label}/{slug}/"
            if slug in spanish:
                assert entries[f"{host}{path}"] == entries[f"{host}/es{path}"] == {"en", "es", "x-default"}
            else:
                assert entries[f"{host}{path}"] == {"en", "x-default"}
                assert f"{host}/es{path}" not in entries


def test_spanish_pages_cost_a_bounded_number_of_queries(spanish, content, django_assert_max_num_queries):
    for path in ["/", "/modalities/", "/modalities/emdr/", "/articles/", "/articles/how-we-rate-evidence/"]:
        with django_assert_max_num_queries(12):
            spanish(path)
