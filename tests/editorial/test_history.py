"""Every change is kept (who, when, the text before and after); an earlier version can be restored."""

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from editorial.history import text_diff
from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, admin_form_data, article_post, make_article

# Long enough (over 100 characters) to be shown as a line diff rather than whole.
FIRST_BODY = (
    "## A plan\n\nKeep a light on.\nWrite the plan down.\nCall a friend.\n"
    "Keep water by the bed.\nBreathe slowly, counting to four."
)
SECOND_BODY = FIRST_BODY.replace("Write the plan down.", "Write the plan on paper.")


def edit(client, article, **changes):
    page = client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content.decode()
    data = admin_form_data(page, "article_form")
    data.update(changes, _save="Save")
    response = client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def restore(client, article, version):
    """Open an earlier version from the history page and press Restore (simple-history's Revert)."""
    url = f"{ARTICLE_ADMIN}{article.pk}/history/{version.history_id}/"
    form_page = client.get(url)
    assert form_page.status_code == 200
    # simple-history's page names the form after its historical model.
    data = admin_form_data(form_page.content.decode(), "historicalarticle_form")
    data["_save"] = "Revert"
    return client.post(url, data)


def test_every_change_is_kept_with_who_and_when(editor_client, editor):
    editor_client.post(f"{ARTICLE_ADMIN}add/", article_post(body=FIRST_BODY))
    article = Article.objects.get()
    edit(editor_client, article, body=SECOND_BODY, title="A plan for the night")

    versions = list(article.history.order_by("history_date"))
    assert [v.history_type for v in versions] == ["+", "~"]
    assert {v.history_user for v in versions} == {editor}
    assert versions[0].body == FIRST_BODY
    assert versions[1].body == SECOND_BODY
    assert all(abs(timezone.now() - v.history_date) < datetime.timedelta(minutes=1) for v in versions)


def test_history_page_shows_who_when_and_the_before_and_after_of_the_text(editor_client):
    editor_client.post(f"{ARTICLE_ADMIN}add/", article_post(body=FIRST_BODY))
    article = Article.objects.get()
    edit(editor_client, article, body=SECOND_BODY, title="A plan for the night")

    response = editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/history/")

    page = BeautifulSoup(response.content, "html.parser")
    latest = page.select("#change-history tbody tr")[0]
    assert "Erin" in latest.text
    assert latest.find("time")["datetime"].startswith(str(timezone.localdate().year))
    title_change = next(li for li in latest.select(".history-changes li") if "Title:" in li.text)
    assert title_change.find("del").text == "Sleep and safety plans"
    assert title_change.find("ins").text == "A plan for the night"
    diff = latest.find("pre", class_="history-diff")
    assert diff.find(class_="diff-removed").text.strip() == "- Write the plan down."
    assert diff.find(class_="diff-added").text.strip() == "+ Write the plan on paper."
    assert "First version." in page.select("#change-history tbody tr")[-1].text


def test_history_diff_escapes_what_was_typed(editor_client):
    article = make_article(body="Line one.\n" * 20)
    edit(editor_client, article, body="Line one.\n" * 19 + "<script>alert(1)</script>\n")
    html = editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/history/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_text_diff_shows_removed_and_added_lines_with_context():
    lines = text_diff("a\nb\nc\nd\ne\nf\ng\n", "a\nb\nc\nD\ne\nf\ng\n")
    assert [(line.kind, line.text) for line in lines] == [
        ("context", "c"),
        ("removed", "d"),
        ("added", "D"),
        ("context", "e"),
    ]


def test_restoring_an_earlier_version_brings_its_text_back_to_the_site(reviewer_client, reviewer, client):
    article = make_article(status=Status.PUBLISHED, body=FIRST_BODY)
    first = article.history.earliest()
    edit(reviewer_client, article, body=SECOND_BODY)
    assert "on paper" in client.get(article.get_absolute_url()).content.decode()

    response = restore(reviewer_client, article, first)

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.body == FIRST_BODY
    assert "Write the plan down." in article.body_html  # re-rendered on save
    assert article.history.count() == 3  # the restore is itself a version, with its author
    assert article.history.latest().history_user == reviewer
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Write the plan down." in page and "on paper" not in page


def test_editor_cannot_restore_over_a_published_article(editor_client):
    article = make_article(status=Status.DRAFT, body=FIRST_BODY)
    first = article.history.earliest()
    article.body = SECOND_BODY
    article.status = Status.PUBLISHED
    article.save()
    url = f"{ARTICLE_ADMIN}{article.pk}/history/{first.history_id}/"

    page = editor_client.get(url).content.decode()
    assert 'value="Revert"' not in page  # the button is not offered

    data = admin_form_data(page, "historicalarticle_form")
    data.update(article_post(body=FIRST_BODY), _save="Revert")
    assert editor_client.post(url, data).status_code == 403
    article.refresh_from_db()
    assert "on paper" in article.body


def test_restoring_a_once_published_version_does_not_publish_it_for_an_editor(
    editor_client, reviewer, django_user_model
):
    earlier_reviewer = django_user_model.objects.create_user("dr-then", first_name="Then")
    article = make_article(status=Status.PUBLISHED, body=FIRST_BODY, reviewed_by=earlier_reviewer)
    published_version = article.history.earliest()
    article.unpublish()
    article.body = SECOND_BODY
    article.reviewed_by = reviewer
    article.save()

    restore(editor_client, article, published_version)

    article.refresh_from_db()
    assert article.body == FIRST_BODY
    assert article.status == Status.DRAFT
    assert article.reviewed_by == reviewer  # review stamps are not the editor's to restore


def test_history_is_kept_for_explainers_too(reviewer_client, content):
    from modalities.models import Modality

    emdr = Modality.objects.get(language="en", slug="emdr")
    page = reviewer_client.get(f"/admin/modalities/modality/{emdr.pk}/change/").content.decode()
    data = admin_form_data(page, "modality_form")
    data.update(cautions=data["cautions"] + "\nA new caution.", _save="Save")
    assert reviewer_client.post(f"/admin/modalities/modality/{emdr.pk}/change/", data).status_code == 302

    history = reviewer_client.get(f"/admin/modalities/modality/{emdr.pk}/history/").content.decode()
    assert "+ A new caution." in history
    assert "Dr Rao" in history
