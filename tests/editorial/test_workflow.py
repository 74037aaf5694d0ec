"""draft -> in review -> published, and back to draft: who may move content, and what publishing records."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from editorial.forms import NOT_YOURS_TO_PUBLISH
from editorial.models import REVIEW_INTERVAL_DAYS, Status
from modalities.models import Modality
from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, article_post, make_article
from tests.staff import sign_in


def action(client, url, name, *objs):
    return client.post(url, {"action": name, "_selected_action": [obj.pk for obj in objs]}, follow=True)


# --- Editors ---------------------------------------------------------------------------------------


def test_editor_saves_a_draft_nobody_can_read(editor_client, client):
    response = editor_client.post(f"{ARTICLE_ADMIN}add/", article_post())

    assert response.status_code == 302
    article = Article.objects.get(slug="sleep-and-safety-plans")
    assert article.status == Status.DRAFT
    assert sorted(article.tags.names()) == ["nightmares", "trouble sleeping"]
    client.logout()
    assert client.get("/articles/sleep-and-safety-plans/").status_code == 404


def test_editor_cannot_publish_through_the_form(editor_client):
    response = editor_client.post(f"{ARTICLE_ADMIN}add/", article_post(status=Status.PUBLISHED))

    assert response.status_code == 200  # the form again, with what was typed kept
    assert NOT_YOURS_TO_PUBLISH in response.content.decode()
    assert "A short plan for the night." in response.content.decode()
    assert not Article.objects.exists()


def test_editor_is_not_offered_published_as_a_status(editor_client):
    page = editor_client.get(f"{ARTICLE_ADMIN}add/").content.decode()
    assert 'value="in_review"' in page
    assert 'value="published"' not in page


def test_editor_cannot_set_review_stamps(editor_client):
    """Review fields are the reviewer's: an editor's form shows them but does not take them."""
    editor_client.post(
        f"{ARTICLE_ADMIN}add/",
        article_post(last_reviewed="2020-01-01", reviewed_by="Someone", published_at_0="2020-01-01"),
    )
    article = Article.objects.get()
    assert article.last_reviewed is None
    assert article.reviewed_by is None
    assert article.published_at is None


def test_editor_sends_a_draft_for_review(editor_client):
    article = make_article(status=Status.DRAFT)
    response = action(editor_client, ARTICLE_ADMIN, "submit_for_review", article)

    assert "Sent 1 for review" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_editor_is_not_offered_and_cannot_use_the_publish_action(editor_client):
    article = make_article(status=Status.IN_REVIEW)
    changelist = editor_client.get(ARTICLE_ADMIN).content.decode()
    assert 'value="submit_for_review"' in changelist
    for name in ("publish_now", "unpublish", "record_review_today", "delete_selected"):
        assert f'value="{name}"' not in changelist

    action(editor_client, ARTICLE_ADMIN, "publish_now", article)

    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_editor_can_read_but_not_change_a_published_article(editor_client):
    article = make_article(status=Status.PUBLISHED)
    page = editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/")
    assert page.status_code == 200
    assert b'name="body"' not in page.content  # read-only
    assert b"only a clinical reviewer can change it" in page.content

    response = editor_client.post(
        f"{ARTICLE_ADMIN}{article.pk}/change/", article_post(title="Changed", status=Status.DRAFT)
    )

    assert response.status_code == 403
    article.refresh_from_db()
    assert (article.title, article.status) == ("Sleep and safety plans", Status.PUBLISHED)


def test_editor_cannot_publish_a_modality_either(editor_client):
    modality = Modality.objects.create(
        title="Dance therapy", slug="dance-therapy", summary="s", evidence_level="emerging",
        evidence_basis="b", format="f", typical_length="t", may_suit="m", session_involves="s",
        what_it_is="w", who_it_may_help="w", what_a_session_is_like="w", evidence="e",
        cautions="c", finding_a_therapist="f", questions_to_ask="q", status=Status.IN_REVIEW,
    )  # fmt: skip
    action(editor_client, MODALITY_ADMIN, "publish_now", modality)
    modality.refresh_from_db()
    assert modality.status == Status.IN_REVIEW


# --- Clinical reviewers ----------------------------------------------------------------------------


def test_reviewer_publishing_stamps_the_date_the_reviewer_and_the_review(reviewer_client, reviewer):
    article = make_article(
        status=Status.IN_REVIEW, last_reviewed=None, next_review_due=None, reviewed_by=None
    )
    data = article_post(status=Status.PUBLISHED)

    response = reviewer_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", data)

    assert response.status_code == 302
    article.refresh_from_db()
    today = timezone.localdate()
    assert article.status == Status.PUBLISHED
    assert article.published_by == reviewer
    assert abs(timezone.now() - article.published_at) < datetime.timedelta(minutes=1)
    assert article.last_reviewed == today
    assert article.reviewed_by == reviewer
    assert article.next_review_due == today + datetime.timedelta(days=REVIEW_INTERVAL_DAYS)
    assert article.history.first().history_user == reviewer


def test_reviewer_keeps_a_chosen_next_review_date(reviewer_client):
    article = make_article(status=Status.IN_REVIEW)
    chosen = timezone.localdate() + datetime.timedelta(days=90)
    reviewer_client.post(
        f"{ARTICLE_ADMIN}{article.pk}/change/",
        article_post(status=Status.PUBLISHED, next_review_due=chosen.isoformat()),
    )
    article.refresh_from_db()
    assert article.next_review_due == chosen


def test_reviewer_publishes_with_the_action(reviewer_client, reviewer, client):
    article = make_article(status=Status.IN_REVIEW)
    response = action(reviewer_client, ARTICLE_ADMIN, "publish_now", article)

    assert "Published 1" in response.content.decode()
    article.refresh_from_db()
    assert (article.status, article.published_by) == (Status.PUBLISHED, reviewer)
    assert article.last_reviewed == timezone.localdate()
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_reviewer_records_a_review_without_republishing(reviewer_client, reviewer):
    article = make_article(status=Status.PUBLISHED, next_review_due=timezone.localdate())
    first_published = article.published_at

    action(reviewer_client, ARTICLE_ADMIN, "record_review_today", article)

    article.refresh_from_db()
    assert article.last_reviewed == timezone.localdate()
    assert article.reviewed_by == reviewer
    assert article.next_review_due > timezone.localdate()
    assert article.published_at == first_published


def test_review_dates_must_be_in_order(reviewer_client):
    article = make_article(status=Status.IN_REVIEW)
    response = reviewer_client.post(
        f"{ARTICLE_ADMIN}{article.pk}/change/",
        article_post(last_reviewed="2026-01-10", next_review_due="2026-01-01"),
    )
    assert "The next review must come after the last review." in response.content.decode()


# --- Unpublishing ----------------------------------------------------------------------------------


def public_places(client, article):
    """Where a published article shows up for readers."""
    return {
        "page": client.get(article.get_absolute_url()).status_code == 200,
        "list": article.title in client.get("/articles/").content.decode(),
        "feed": article.get_absolute_url() in client.get("/feeds/articles/").content.decode(),
        "sitemap": article.get_absolute_url() in client.get("/sitemap.xml").content.decode(),
        "tag page": article.title in client.get("/tags/nightmares/").content.decode(),
        "search": article.title
        in {hit["title"] for hit in client.get("/api/search/", {"q": article.title}).json()["results"]},
    }


def test_unpublishing_removes_the_article_from_pages_feed_sitemap_and_search(
    reviewer_client, reviewer, client, django_capture_on_commit_callbacks
):
    # Saves are committed, as on the real site, so the search index follows them.
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(status=Status.PUBLISHED)
        article.tags.add("nightmares")
        make_article(slug="another", title="Another one", status=Status.PUBLISHED).tags.add("nightmares")
    assert all(public_places(client, article).values())

    sign_in(reviewer_client, reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = action(reviewer_client, ARTICLE_ADMIN, "unpublish", article)

    assert "back to draft" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    client.logout()
    assert not any(public_places(client, article).values())


def test_reviewer_unpublishes_through_the_form(reviewer_client, client):
    article = make_article(status=Status.PUBLISHED)
    reviewer_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", article_post(status=Status.DRAFT))
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublished_modality_leaves_the_explainer_list_and_compare_table(reviewer_client, client, content):
    emdr = Modality.objects.get(language="en", slug="emdr")
    action(reviewer_client, MODALITY_ADMIN, "unpublish", emdr)
    client.logout()
    assert client.get("/modalities/emdr/").status_code == 404
    assert "/modalities/emdr/" not in client.get("/modalities/").content.decode()
    assert "/modalities/emdr/" not in client.get("/modalities/compare/").content.decode()
    # The Spanish version is still published, at /es/modalities/emdr/: only the English page leaves.
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/modalities/emdr/" not in sitemap
    assert "<loc>http://testserver/es/modalities/emdr/</loc>" in sitemap


# --- Scheduled publishing --------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch):
    """Move Django's clock forward: every `timezone.now()` call answers the moved time."""
    real_now = timezone.now

    def move(delta):
        monkeypatch.setattr(timezone, "now", lambda: real_now() + delta)

    return move


def test_a_scheduled_article_appears_on_time_without_anyone_acting(
    reviewer_client, client, clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(status=Status.IN_REVIEW)
        article.tags.add("nightmares")
        make_article(slug="other", title="Other", status=Status.PUBLISHED).tags.add("nightmares")
    at = timezone.localtime(timezone.now() + datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            f"{ARTICLE_ADMIN}{article.pk}/change/",
            article_post(
                status=Status.PUBLISHED,
                published_at_0=at.strftime("%Y-%m-%d"),
                published_at_1=at.strftime("%H:%M:%S"),
            ),
            follow=True,
        )
    assert "is scheduled" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert article.published_at == at.replace(microsecond=0)  # kept, not overwritten by "now"
    client.logout()
    assert not any(public_places(client, article).values())

    clock(datetime.timedelta(hours=1))
    assert not any(public_places(client, article).values())

    clock(datetime.timedelta(hours=2, minutes=1))
    assert all(public_places(client, article).values())


def test_changelist_says_when_an_article_is_scheduled(reviewer_client):
    make_article(status=Status.PUBLISHED, published_at=timezone.now() + datetime.timedelta(days=3))
    make_article(slug="live-one", title="Live one", status=Status.PUBLISHED)
    page = reviewer_client.get(ARTICLE_ADMIN).content.decode()
    assert "Scheduled for" in page
    assert "Live" in page
