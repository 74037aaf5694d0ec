"""Restoring an earlier version brings back its text, never its publication state or review record."""

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, admin_form_data, make_article
from tests.editorial.test_history import FIRST_BODY, SECOND_BODY, edit


def restore_page(client, article, version):
    return client.get(f"{ARTICLE_ADMIN}{article.pk}/history/{version.history_id}/")


def restore(client, article, version, **changes):
    """Open an earlier version and press Restore, changing nothing on the page unless told to."""
    url = f"{ARTICLE_ADMIN}{article.pk}/history/{version.history_id}/"
    data = admin_form_data(restore_page(client, article, version).content.decode(), "historicalarticle_form")
    data.update(changes, _save="Restore")
    return client.post(url, data)


def published_after_review(reviewer):
    """Written, sent for review, then published by a reviewer with a new text: three versions."""
    article = make_article(status=Status.DRAFT, body=FIRST_BODY, reviewed_by=None, last_reviewed=None)
    article.submit_for_review()
    article.save()
    in_review = article.history.latest()
    article.body = SECOND_BODY
    article.publish(reviewer)
    article.save()
    return article, in_review


def review_stamps(article):
    return (article.published_at, article.last_reviewed, article.next_review_due, article.reviewed_by)


def test_restoring_the_in_review_version_keeps_a_published_article_live(reviewer_client, reviewer, client):
    article, in_review = published_after_review(reviewer)
    stamps = review_stamps(article)

    response = restore(reviewer_client, article, in_review)

    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.body == FIRST_BODY
    assert article.status == Status.PUBLISHED
    assert article.published_by == reviewer
    assert review_stamps(article) == stamps
    client.logout()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "Write the plan down." in page.content.decode()


def test_the_restore_page_shows_the_current_state_and_review_not_the_old_ones(reviewer_client, reviewer):
    article, in_review = published_after_review(reviewer)
    page = BeautifulSoup(restore_page(reviewer_client, article, in_review).content, "html.parser")
    assert page.find("select", id="id_status").find("option", selected=True)["value"] == Status.PUBLISHED
    assert page.find("input", id="id_last_reviewed")["value"] == str(article.last_reviewed)
    assert "Publication and review stay as they are now" in page.get_text(" ")


def test_the_restore_page_shows_what_changes_with_the_current_version_first(reviewer_client, reviewer):
    article, in_review = published_after_review(reviewer)
    page = BeautifulSoup(restore_page(reviewer_client, article, in_review).content, "html.parser")

    comparison = page.find(class_="restore-comparison")
    assert comparison is not None
    # It comes before the form's fields, so it is read first.
    assert comparison.find_next("select", id="id_status") is not None
    body = next(li for li in comparison.select("li") if "Body" in li.text)
    assert body.find(class_="diff-removed").text.strip() == "- Write the plan on paper."  # now
    assert body.find(class_="diff-added").text.strip() == "+ Write the plan down."  # after restoring
    assert "Status" not in comparison.text  # publication is not part of what a restore changes


def test_history_says_which_version_was_restored(reviewer_client, reviewer):
    article, in_review = published_after_review(reviewer)
    restore(reviewer_client, article, in_review)

    latest = article.history.latest()
    when = timezone.localtime(in_review.history_date).strftime("%-d %b %Y, %H:%M")
    assert latest.history_change_reason == f"Restored version of {when}"
    page = BeautifulSoup(reviewer_client.get(f"{ARTICLE_ADMIN}{article.pk}/history/").content, "html.parser")
    first_row = page.select("#change-history tbody tr")[0]
    assert f"Restored version of {when}" in first_row.text
    assert "Changed" not in first_row.text


def test_a_reviewer_may_choose_to_take_it_off_the_site_while_restoring(reviewer_client, reviewer, client):
    article, in_review = published_after_review(reviewer)
    response = restore(reviewer_client, article, in_review, status=Status.DRAFT)
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.body == FIRST_BODY
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_restoring_a_draft_version_of_a_draft_keeps_todays_review_record(editor_client, editor):
    article = make_article(status=Status.DRAFT, body=FIRST_BODY)
    first = article.history.earliest()
    article.body = SECOND_BODY
    article.next_review_due = timezone.localdate() + datetime.timedelta(days=50)
    article.save()

    assert restore(editor_client, article, first).status_code == 302

    article.refresh_from_db()
    assert article.body == FIRST_BODY
    assert article.next_review_due == timezone.localdate() + datetime.timedelta(days=50)


def test_a_restore_is_a_version_of_its_own_with_its_author(reviewer_client, reviewer):
    article, in_review = published_after_review(reviewer)
    edit(reviewer_client, article, title="A new title")
    restore(reviewer_client, article, in_review)
    article.refresh_from_db()
    assert article.history.latest().history_user == reviewer
    assert article.title == in_review.title
