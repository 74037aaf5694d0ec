"""Reviewers see what waits for them; everyone sees an item's state by its title; saving says what
happened and who acts next."""

import datetime

from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, admin_form_data, make_article


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def save_with_status(client, article, status):
    url = f"{ARTICLE_ADMIN}{article.pk}/change/"
    data = admin_form_data(client.get(url).content.decode(), "article_form")
    data.update(status=status, _save="Save")
    return client.post(url, data, follow=True)


def messages_of(response) -> list[str]:
    return [li.get_text(" ", strip=True) for li in page_of(response).select(".messagelist li")]


def test_the_reviewers_home_page_lists_what_waits_for_review(reviewer_client, editor):
    waiting = make_article(status=Status.IN_REVIEW, title="Waiting one", slug="waiting-one")
    make_article(status=Status.DRAFT, title="Still a draft", slug="still-a-draft")

    queue = page_of(reviewer_client.get("/admin/")).find(id="review-queue")

    assert "Waiting for your review (1)" in queue.h2.get_text(" ", strip=True)
    link = queue.find("a", string="Waiting one")
    assert link["href"] == f"{ARTICLE_ADMIN}{waiting.pk}/change/"
    assert "Still a draft" not in queue.get_text()


def test_editors_see_the_same_queue_as_waiting_for_a_reviewer(editor_client):
    make_article(status=Status.IN_REVIEW)
    queue = page_of(editor_client.get("/admin/")).find(id="review-queue")
    assert "Waiting for a clinical reviewer (1)" in queue.h2.get_text(" ", strip=True)


def test_the_state_shows_beside_the_title(editor_client):
    article = make_article(status=Status.IN_REVIEW)
    page = page_of(editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/"))
    heading = page.find("h2", class_="titled-state")
    assert heading.get_text(" ", strip=True) == f"{article.title} In review"


def test_in_review_comes_first_in_the_list(reviewer_client):
    make_article(status=Status.DRAFT, title="A draft", slug="a-draft")
    old = make_article(status=Status.IN_REVIEW, title="In review", slug="in-review")
    Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    rows = page_of(reviewer_client.get(ARTICLE_ADMIN)).select("#result_list tbody th a")
    titles = [a.get_text() for a in rows]
    assert titles[0] == "In review"


def test_an_in_review_article_tells_the_editor_it_waits_for_a_reviewer(editor_client):
    article = make_article(status=Status.IN_REVIEW)
    note = page_of(editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/")).find(class_="workflow-note")
    assert "waiting for a clinical reviewer" in note.get_text()
    assert "Save your work as a draft" not in note.get_text()


def test_sending_for_review_says_who_acts_next(editor_client):
    article = make_article(status=Status.DRAFT)
    said = messages_of(save_with_status(editor_client, article, Status.IN_REVIEW))
    assert any("is sent for review. A clinical reviewer checks and publishes it" in m for m in said)


def test_publishing_says_it_is_on_the_site_and_when_the_next_review_is_due(reviewer_client):
    article = make_article(status=Status.IN_REVIEW)
    said = messages_of(save_with_status(reviewer_client, article, Status.PUBLISHED))
    assert any("is published and on the site now" in m and "next one is due" in m for m in said)


def test_saving_markdown_the_site_changes_says_so(editor_client):
    article = make_article(status=Status.DRAFT, body="# Top heading\n\nText.\n")
    said = messages_of(save_with_status(editor_client, article, Status.DRAFT))
    assert any("The site changed 1 thing in the Markdown" in m for m in said)
