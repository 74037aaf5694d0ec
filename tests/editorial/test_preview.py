"""The admin preview: the public page template, fed what was typed, sanitised, under the site's CSP."""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from editorial.models import Status
from modalities.models import Modality
from tests.content.test_markdown_sanitising import assert_defused, load_eval_samples
from tests.editorial.conftest import (
    ARTICLE_ADMIN,
    MODALITY_ADMIN,
    admin_form_data,
    article_post,
    make_article,
)

PREVIEW_NEW = f"{ARTICLE_ADMIN}preview/"


def prose(response):
    """The rendered Markdown part of a preview page."""
    return BeautifulSoup(response.content, "html.parser").find(class_="prose")


def test_preview_renders_markdown_through_the_public_article_page(editor_client):
    body = (
        "## What helps\n\n| Time | What helps |\n|---|---|\n| Evening | A warm drink |\n\n"
        "Call the [hotline](https://humantraffickinghotline.org).\n"
    )
    response = editor_client.post(PREVIEW_NEW, article_post(body=body, title="Nights"))

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").text == "Nights"
    assert page.find(class_="preview-banner")
    assert page.find(id="quick-exit") or page.find(class_="quick-exit")  # the public frame, as readers see it
    table = page.find(class_="prose").find("table")
    assert [td.text for td in table.find_all("td")] == ["Evening", "A warm drink"]
    link = page.find(class_="prose").find("a", string="hotline")
    assert link["href"] == "https://humantraffickinghotline.org"
    assert link["rel"] == ["noopener", "noreferrer"]
    assert [a.text for a in page.select(".tags a")] == ["nightmares", "trouble sleeping"]


def test_preview_saves_nothing(editor_client):
    editor_client.post(PREVIEW_NEW, article_post())
    assert not Article.objects.exists()


@pytest.mark.parametrize("sample", load_eval_samples())
def test_hostile_markdown_is_sanitised_in_the_preview(editor_client, sample):
    response = editor_client.post(PREVIEW_NEW, article_post(body=f"## Before\n\n{sample}\n\nAfter.\n"))

    assert response.status_code == 200
    body = prose(response)
    assert_defused(str(body))
    assert body.find("h2").text == "Before"


def test_hostile_title_and_summary_are_escaped_in_the_preview(editor_client):
    response = editor_client.post(
        PREVIEW_NEW, article_post(title="<script>alert(1)</script>", summary='<img src=x onerror="alert(1)">')
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_preview_is_served_under_the_sites_content_security_policy(editor_client):
    response = editor_client.post(PREVIEW_NEW, article_post())
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    page = BeautifulSoup(response.content, "html.parser")
    assert all(script.get("src") for script in page.find_all("script"))  # no inline script
    assert not page.find_all(style=True)


def test_preview_of_an_existing_article_shows_the_edit_not_the_stored_text(editor_client):
    article = make_article(status=Status.DRAFT, body="## Old\n\nOld text.\n")
    response = editor_client.post(
        f"{ARTICLE_ADMIN}{article.pk}/preview/", article_post(body="## New\n\nNew text.\n")
    )
    assert "New text." in prose(response).text
    assert "Old text." not in prose(response).text
    article.refresh_from_db()
    assert "Old text." in article.body  # still unsaved
    # The review dates the reviewer recorded show as the public page will show them.
    assert "Last reviewed" in response.content.decode()


def test_preview_button_on_the_change_form_posts_the_form_to_a_new_tab(editor_client):
    article = make_article(status=Status.DRAFT)
    page = BeautifulSoup(editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content, "html.parser")
    button = page.find("button", class_="preview-button")
    assert button["formaction"] == f"{ARTICLE_ADMIN}{article.pk}/preview/"
    assert button["formtarget"] == "_blank"
    assert button.find_parent("form")["id"] == "article_form"


def test_previewing_what_the_change_form_holds_matches_the_public_page(editor_client, reviewer, client):
    """Preview, publish, compare: the preview's prose is exactly the published page's prose."""
    body = "## Steps\n\n1. One\n2. Two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Safety](/safety/)\n"
    article = make_article(status=Status.DRAFT, body=body)
    form_html = editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content.decode()
    preview = editor_client.post(
        f"{ARTICLE_ADMIN}{article.pk}/preview/", admin_form_data(form_html, "article_form")
    )

    article.status = Status.PUBLISHED
    article.save()
    client.logout()
    public = client.get(article.get_absolute_url())

    assert str(prose(preview)) == str(prose(public))


def test_preview_lists_problems_and_never_shows_a_value_that_failed_validation(editor_client, content):
    emdr = Modality.objects.get(language="en", slug="emdr")
    emdr.status = Status.DRAFT
    emdr.save()
    form_html = editor_client.get(f"{MODALITY_ADMIN}{emdr.pk}/change/").content.decode()
    data = admin_form_data(form_html, "modality_form")
    data["references"] = '[{"title": "Click me", "url": "javascript:alert(1)"}]'
    data["title"] = ""

    response = editor_client.post(f"{MODALITY_ADMIN}{emdr.pk}/preview/", data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "javascript:" not in html
    assert "Please fill in “Title”." in html
    assert "the link must start with https://" in html
    assert "EMDR" in BeautifulSoup(html, "html.parser").find("h1").text  # the stored title stands in


def test_modality_preview_shows_the_explainer_sections(editor_client):
    data = {
        "title": "Dance therapy", "slug": "dance-therapy", "summary": "Moving together.",
        "evidence_level": "emerging", "evidence_basis": "Small trials.", "format": "Group",
        "typical_length": "10 weeks", "may_suit": "People who like to move.", "session_involves": "Dance.",
        "what_it_is": "It is **dance**.", "who_it_may_help": "- you", "what_a_session_is_like": "Music.",
        "evidence": "Some.", "cautions": "<script>alert(1)</script>Go gently.", "finding_a_therapist": "Ask.",
        "questions_to_ask": "Ask more.", "references": "[]", "tags": "body tension", "position": "9",
        "status": "draft",
    }  # fmt: skip
    response = editor_client.post(f"{MODALITY_ADMIN}preview/", data)

    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").text == "Dance therapy"
    assert page.find(id="what-it-is").find_next("strong").text == "dance"
    assert "Go gently." in page.text
    assert "<script>alert(1)" not in response.content.decode()
    assert not Modality.objects.filter(slug="dance-therapy").exists()


def test_preview_only_answers_a_post(editor_client):
    assert editor_client.get(PREVIEW_NEW).status_code == 405


def test_preview_of_a_published_article_is_refused_to_an_editor(editor_client):
    article = make_article(status=Status.PUBLISHED)
    response = editor_client.post(f"{ARTICLE_ADMIN}{article.pk}/preview/", article_post(body="x"))
    assert response.status_code == 403


def test_preview_of_a_missing_article_is_404_not_500(editor_client):
    assert editor_client.post(f"{ARTICLE_ADMIN}99999/preview/", article_post()).status_code == 404


def test_preview_needs_a_staff_login(client, db):
    response = client.post(PREVIEW_NEW, article_post())
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
