"""Editors see and choose each version's language; a Spanish version is edited, reviewed and kept in
history on its own, and its preview is the Spanish page."""

from bs4 import BeautifulSoup

from articles.models import Article
from editorial.models import Status
from modalities.models import Modality
from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, article_post, make_article


def page(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed_titles(response):
    return sorted(a.text for a in page(response).select("#result_list th.field-title a"))


def test_the_lists_show_each_versions_language_and_filter_by_it(editor_client):
    make_article(slug="sleep", title="Sleep")
    make_article(slug="sleep", title="Dormir", language="es")
    listing = page(editor_client.get(ARTICLE_ADMIN))
    languages = [td.get_text(strip=True) for td in listing.select("#result_list td.field-language")]
    assert sorted(languages) == ["English", "Español"]
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?language__exact=es")) == ["Dormir"]
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?language__exact=en")) == ["Sleep"]
    assert listed_titles(editor_client.get(f"{MODALITY_ADMIN}?language__exact=es")) == []


def test_the_form_asks_for_the_language(editor_client):
    select = page(editor_client.get(f"{ARTICLE_ADMIN}add/")).find("select", id="id_language")
    options = {option["value"]: option.get_text() for option in select.find_all("option")}
    assert options == {"en": "English", "es": "Español"}
    assert select.find("option", selected=True)["value"] == "en"


def test_a_spanish_version_takes_the_english_slug_but_not_twice(editor_client):
    make_article(slug="sleep-and-safety-plans")
    response = editor_client.post(
        f"{ARTICLE_ADMIN}add/", article_post(language="es", title="Dormir y planes de seguridad")
    )
    assert response.status_code == 302
    spanish = Article.objects.get(language="es", slug="sleep-and-safety-plans")
    assert spanish.title == "Dormir y planes de seguridad"
    again = editor_client.post(f"{ARTICLE_ADMIN}add/", article_post(language="es", title="Otra vez"))
    errors = page(again).select(".field-slug .errorlist li")
    assert [error.get_text() for error in errors] == [
        "Another page already uses this slug (the end of its web address) in this language. "
        "Choose a different one."
    ]
    assert Article.objects.filter(slug="sleep-and-safety-plans").count() == 2


def test_changing_a_spanish_version_leaves_the_english_one_and_its_history_alone(editor_client):
    english = make_article(slug="sleep")
    spanish = make_article(slug="sleep", title="Dormir", language="es")
    english_versions = english.history.count()
    response = editor_client.post(
        f"{ARTICLE_ADMIN}{spanish.pk}/change/",
        article_post(language="es", slug="sleep", title="Dormir mejor"),
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.title == "Sleep and safety plans" and english.history.count() == english_versions
    history = page(editor_client.get(f"{ARTICLE_ADMIN}{spanish.pk}/history/")).get_text(" ")
    assert "Dormir mejor" in history


def test_the_review_dates_name_each_versions_language(reviewer_client, content):
    Modality.objects.filter(slug="emdr").update(next_review_due=None)
    text = " ".join(page(reviewer_client.get("/admin/editorial/review-dates/")).get_text(" ").split())
    assert "EMDR (Spanish)" in text
    assert text.count("EMDR") == 2


def test_the_therapies_an_article_links_name_their_language(editor_client, content):
    boxes = page(editor_client.get(f"{ARTICLE_ADMIN}add/")).select("#id_modalities label")
    labels = [label.get_text(strip=True) for label in boxes]
    assert "EMDR" in labels and "EMDR (Spanish)" in labels


def test_a_spanish_version_is_previewed_as_the_spanish_page(reviewer_client, content):
    spanish = Modality.objects.get(language="es", slug="emdr")
    preview = page(reviewer_client.get(f"{MODALITY_ADMIN}{spanish.pk}/preview/"))
    headings = [h2.get_text(strip=True) for h2 in preview.select("section > h2")]
    assert headings[0] == "Qué es"
    assert not preview.select(".untranslated-note, .untranslated-mark")
    english = Modality.objects.get(language="en", slug="emdr")
    english_preview = page(reviewer_client.get(f"{MODALITY_ADMIN}{english.pk}/preview/"))
    assert [h2.get_text(strip=True) for h2 in english_preview.select("section > h2")][0] == "What it is"


def test_publishing_a_spanish_version_records_its_own_reviewer(reviewer_client, reviewer):
    english = make_article(slug="sleep", status=Status.PUBLISHED)
    spanish = make_article(slug="sleep", title="Dormir", language="es", status=Status.IN_REVIEW)
    reviewer_client.post(
        ARTICLE_ADMIN, {"action": "publish_now", "_selected_action": [spanish.pk], "index": 0}
    )
    spanish.refresh_from_db()
    english.refresh_from_db()
    assert spanish.status == Status.PUBLISHED and spanish.reviewed_by == reviewer
    assert english.reviewed_by is None
