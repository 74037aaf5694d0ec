"""The issue's "tried as a new user would", end to end through the admin's own forms.

An editor logs in, drafts an article with a table and a link, previews it and sends it for review; a
clinical reviewer logs in and publishes it; a reader finds it on the site and in search; the reviewer
changes it and restores the earlier version.
"""

from bs4 import BeautifulSoup
from django.test import Client

from articles.models import Article
from editorial.models import Status
from modalities.models import Modality
from tests.editorial.conftest import ARTICLE_ADMIN, PASSWORD, admin_form_data
from tests.staff import sign_in_with_forms

BODY = """## What may help at night

| When | What may help |
|---|---|
| Before bed | A wind-down routine |
| After a bad dream | Grounding: name five things you can see |

You can call the [hotline](https://humantraffickinghotline.org) at any hour.
"""
EDITED_BODY = BODY.replace("A wind-down routine", "A warm drink and dim lights")


def log_in(username) -> Client:
    browser = Client()
    login_page = browser.get("/admin/login/")
    assert login_page.status_code == 200
    response = sign_in_with_forms(browser, username, PASSWORD, "/admin/")
    assert response.redirect_chain[-1][0] == "/admin/"
    return browser


def form_on(browser, url, form_id="article_form") -> dict:
    response = browser.get(url)
    assert response.status_code == 200, url
    return admin_form_data(response.content.decode(), form_id)


def search_titles(reader, query):
    page = BeautifulSoup(reader.get("/search/", {"q": query}).content, "html.parser")
    api = reader.get("/api/search/", {"q": query}).json()
    return page.get_text(" "), {result["title"] for result in api["results"]}


def test_editor_drafts_reviewer_publishes_reader_finds_reviewer_restores(
    editor, reviewer, content, django_capture_on_commit_callbacks
):
    emdr = Modality.objects.get(language="en", slug="emdr")

    # The editor drafts the article in the add form.
    editor_browser = log_in(editor.username)
    draft = form_on(editor_browser, f"{ARTICLE_ADMIN}add/")
    draft.update(
        title="Lullabies for grown-ups",
        slug="lullabies-for-grown-ups",
        summary="Small things that may help when nights are hard.",
        body=BODY,
        tags="nightmares, trouble sleeping",
        modalities=[str(emdr.pk)],
        status=Status.DRAFT,
        _save="Save",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_browser.post(f"{ARTICLE_ADMIN}add/", draft).status_code == 302
    article = Article.objects.get(slug="lullabies-for-grown-ups")
    reader = Client()
    assert reader.get(article.get_absolute_url()).status_code == 404

    # Preview: the form as it stands, through the public page.
    change_url = f"{ARTICLE_ADMIN}{article.pk}/change/"
    preview = editor_browser.post(
        f"{ARTICLE_ADMIN}{article.pk}/preview/", form_on(editor_browser, change_url)
    )
    prose = BeautifulSoup(preview.content, "html.parser").find(class_="prose")
    assert "A wind-down routine" in [td.text for td in prose.find_all("td")]
    assert prose.find("a", string="hotline")["href"] == "https://humantraffickinghotline.org"

    # Send it for review; publishing is not the editor's to do.
    submit = form_on(editor_browser, change_url)
    assert "published" not in str(
        BeautifulSoup(editor_browser.get(change_url).content, "html.parser").find(id="id_status")
    )
    submit.update(status=Status.IN_REVIEW, _save="Save")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_browser.post(change_url, submit).status_code == 302
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW
    assert reader.get(article.get_absolute_url()).status_code == 404

    # The clinical reviewer finds it waiting and publishes it.
    reviewer_browser = log_in(reviewer.username)
    waiting = reviewer_browser.get(f"{ARTICLE_ADMIN}?status__exact=in_review").content.decode()
    assert "Lullabies for grown-ups" in waiting
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_browser.post(
            ARTICLE_ADMIN, {"action": "publish_now", "_selected_action": [article.pk]}, follow=True
        )
    assert "Published 1" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.published_by, article.reviewed_by) == (
        Status.PUBLISHED,
        reviewer,
        reviewer,
    )

    # A reader finds it: its page, the list, its need, the feed, and search.
    page = reader.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "A wind-down routine" in page.content.decode()
    assert "Lullabies for grown-ups" in reader.get("/articles/").content.decode()
    assert "Lullabies for grown-ups" in reader.get("/tags/nightmares/").content.decode()
    assert article.get_absolute_url() in reader.get("/feeds/articles/").content.decode()
    page_text, api_titles = search_titles(reader, "lullabies")
    assert "Lullabies for grown-ups" in page_text
    assert "Lullabies for grown-ups" in api_titles
    assert "Last reviewed" in page.content.decode()

    # The reviewer changes it; the site shows the change.
    edit = form_on(reviewer_browser, change_url)
    edit.update(body=EDITED_BODY, _save="Save")
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer_browser.post(change_url, edit).status_code == 302
    assert "A warm drink and dim lights" in reader.get(article.get_absolute_url()).content.decode()

    # ...and restores the version it published, from the history page.
    history = BeautifulSoup(
        reviewer_browser.get(f"{ARTICLE_ADMIN}{article.pk}/history/").content, "html.parser"
    )
    assert "+ | Before bed | A warm drink and dim lights |" in history.get_text()
    published_version = article.history.filter(status=Status.PUBLISHED).earliest()
    version_url = f"{ARTICLE_ADMIN}{article.pk}/history/{published_version.history_id}/"
    assert history.find("a", href=version_url)
    restored = form_on(reviewer_browser, version_url, "historicalarticle_form")
    restored["_save"] = "Revert"
    with django_capture_on_commit_callbacks(execute=True):
        assert reviewer_browser.post(version_url, restored).status_code == 302

    page = reader.get(article.get_absolute_url()).content.decode()
    assert "A wind-down routine" in page
    assert "A warm drink and dim lights" not in page
    assert sorted(Article.objects.get(pk=article.pk).tags.names()) == ["nightmares", "trouble sleeping"]
