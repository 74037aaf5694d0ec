"""The admin is tuned for writers: filters, search, tag suggestions, slug from title, plain messages."""

import datetime
import json

from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from modalities.models import Modality
from tests.editorial.conftest import (
    ARTICLE_ADMIN,
    MODALITY_ADMIN,
    admin_form_data,
    article_post,
    make_article,
)


def listed_titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return {a.text for a in page.select("#result_list th.field-title a")}


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_filter_by_status(editor_client):
    make_article(slug="a", title="A draft", status=Status.DRAFT)
    make_article(slug="b", title="In review", status=Status.IN_REVIEW)
    make_article(slug="c", title="Live", status=Status.PUBLISHED)
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?status__exact=in_review")) == {"In review"}


def test_filter_by_tag_and_by_modality(editor_client, content):
    nightmares = listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?tag=nightmares"))
    assert nightmares == set(Article.objects.filter(tags__slug="nightmares").values_list("title", flat=True))
    assert nightmares and len(nightmares) < Article.objects.count()

    emdr = Modality.objects.get(language="en", slug="emdr")
    with_emdr = listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?modalities__id__exact={emdr.pk}"))
    assert with_emdr == set(emdr.articles.values_list("title", flat=True))
    assert with_emdr


def test_filter_by_review_due(editor_client):
    make_article(slug="late", title="Late", next_review_due=days(-1))
    make_article(slug="soon", title="Soon", next_review_due=days(30))
    make_article(slug="later", title="Later", next_review_due=days(31))
    make_article(slug="undated", title="Undated", next_review_due=None)
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?review=overdue")) == {"Late"}
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?review=soon")) == {"Soon"}
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?review=none")) == {"Undated"}


def test_modality_list_filters_by_tag_and_review(editor_client, content):
    page = editor_client.get(MODALITY_ADMIN).content.decode()
    assert "By tag" in page and "By review due" in page and "By status" in page
    tagged = listed_titles(editor_client.get(f"{MODALITY_ADMIN}?tag=nightmares"))
    assert tagged == set(Modality.objects.filter(tags__slug="nightmares").values_list("title", flat=True))


def test_search_finds_words_in_the_body_and_tags(editor_client):
    make_article(slug="x", title="Plain title", body="Something about weighted blankets.\n")
    make_article(slug="y", title="Other title").tags.add("hypervigilance")
    make_article(slug="z", title="Unrelated")
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?q=blankets")) == {"Plain title"}
    assert listed_titles(editor_client.get(f"{ARTICLE_ADMIN}?q=hypervigilance")) == {"Other title"}


def test_tag_field_suggests_existing_tags(editor_client, content):
    page = BeautifulSoup(editor_client.get(f"{ARTICLE_ADMIN}add/").content, "html.parser")
    field = page.find("input", attrs={"name": "tags"})
    suggestions = page.find("datalist", id=field["list"])
    names = [option["value"] for option in suggestions.find_all("option")]
    assert "nightmares" in names and "shame" in names
    assert names == sorted(names)
    script_srcs = [s.get("src", "") for s in page.find_all("script")]
    assert any(src.endswith("admin-extra/tag-suggestions.js") for src in script_srcs)


def test_tag_suggestions_escape_tag_names(editor_client):
    make_article().tags.add('"><script>alert(1)</script>')
    html = editor_client.get(f"{ARTICLE_ADMIN}add/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_slug_is_filled_in_from_the_title(editor_client):
    page = BeautifulSoup(editor_client.get(f"{ARTICLE_ADMIN}add/").content, "html.parser")
    script = page.find("script", id="django-admin-prepopulated-fields-constants")
    fields = json.loads(script["data-prepopulated-fields"])
    assert fields[0]["id"] == "#id_slug"
    assert fields[0]["dependency_ids"] == ["#id_title"]
    assert script["src"].endswith("admin/js/prepopulate_init.js")


def test_validation_messages_are_in_plain_words(editor_client):
    make_article(slug="taken")
    response = editor_client.post(
        f"{ARTICLE_ADMIN}add/", article_post(slug="taken", title="", summary="x" * 401, body="")
    )
    html = response.content.decode()
    assert "Another page already uses this slug" in html
    assert "Please fill in “Title”." in html
    assert "Please fill in “Body”." in html
    assert "Keep this to 400 characters or fewer (it has 401)." in html
    assert "This field is required." not in html


def test_slug_must_be_lower_case_words_and_hyphens(editor_client):
    response = editor_client.post(f"{ARTICLE_ADMIN}add/", article_post(slug="Sleep_Plans"))
    assert "Use only lower-case letters, numbers and single hyphens" in response.content.decode()
    assert not Article.objects.exists()


def test_invalid_dates_and_times_get_a_plain_message(reviewer_client):
    response = reviewer_client.post(
        f"{ARTICLE_ADMIN}add/",
        article_post(last_reviewed="31/01/2026", published_at_0="tomorrow", published_at_1="25:99"),
    )
    html = response.content.decode()
    assert html.count("Enter a date like 2026-01-31.") == 2
    assert "Enter a time like 09:30." in html
    assert not Article.objects.exists()


def test_invalid_references_get_a_plain_message(reviewer_client, content):
    emdr = Modality.objects.get(language="en", slug="emdr")
    page = reviewer_client.get(f"{MODALITY_ADMIN}{emdr.pk}/change/").content.decode()
    data = admin_form_data(page, "modality_form")
    data.update(references="[{title: oops", _save="Save")
    response = reviewer_client.post(f"{MODALITY_ADMIN}{emdr.pk}/change/", data)
    assert "This is not a valid list. Follow the example" in response.content.decode()
