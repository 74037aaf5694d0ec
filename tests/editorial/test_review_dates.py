"""Review dates that nag: the admin's list, `manage.py review_report` for cron, and the public pages."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from editorial.management.commands.review_report import Command as ReviewReport
from editorial.models import Status
from modalities.models import Modality
from tests.editorial.conftest import make_article

REVIEW_DATES = "/admin/editorial/review-dates/"


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def schedule(db):
    """Published articles at each point of the review calendar, and some that do not count."""
    make_article(slug="late", title="Late one", status=Status.PUBLISHED, next_review_due=days(-3))
    make_article(slug="undated", title="Undated one", status=Status.PUBLISHED, next_review_due=None)
    make_article(slug="today", title="Due today", status=Status.PUBLISHED, next_review_due=days(0))
    make_article(slug="soon", title="Due soon", status=Status.PUBLISHED, next_review_due=days(30))
    make_article(slug="later", title="Due later", status=Status.PUBLISHED, next_review_due=days(31))
    make_article(slug="draft", title="Late draft", status=Status.DRAFT, next_review_due=days(-30))


def rows(page, section):
    return [th.text.strip() for th in page.select(f"tr.review-{section} th")]


def test_admin_lists_what_is_overdue_or_due_within_30_days(editor_client, schedule):
    response = editor_client.get(REVIEW_DATES)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert rows(page, "overdue") == ["Late one"]
    assert rows(page, "undated") == ["Undated one"]
    assert rows(page, "due-soon") == ["Due today", "Due soon"]
    assert "Due later" not in page.text and "Late draft" not in page.text
    link = page.select_one("tr.review-overdue th a")["href"]
    assert link.startswith("/admin/articles/article/") and link.endswith("/change/")


def test_review_dates_cover_explainers_too(reviewer_client, content):
    emdr = Modality.objects.get(language="en", slug="emdr")
    emdr.next_review_due = days(-1)
    emdr.save()
    page = BeautifulSoup(reviewer_client.get(REVIEW_DATES).content, "html.parser")
    assert rows(page, "overdue") == ["EMDR"]
    assert "modality" in page.select_one("tr.review-overdue").text


def test_admin_home_page_counts_what_needs_review(editor_client, schedule):
    page = editor_client.get("/admin/").content.decode()
    assert "2 need a clinical review now." in page
    assert "2 due within 30 days." in page
    assert REVIEW_DATES in page


def test_review_report_prints_the_list_and_exits_1_when_something_is_overdue(schedule):
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("review_report", stdout=out)

    assert failure.value.returncode == 1
    assert "2 published items need a clinical review now." in str(failure.value)
    report = out.getvalue()
    assert "Overdue for review: 1" in report
    assert "3 days overdue" in report and "Late one" in report
    assert "No next review date set: 1" in report and "Undated one" in report
    assert "Due within 30 days: 2" in report and "Due soon" in report
    assert f"{settings.SITE_URL}/admin/articles/article/" in report  # a link for the cron email
    assert "Due later" not in report and "Late draft" not in report


def test_review_report_exits_with_status_1_from_the_command_line(schedule, capsys):
    with pytest.raises(SystemExit) as exit_:
        ReviewReport().run_from_argv(["manage.py", "review_report"])
    assert exit_.value.code == 1
    assert "Late one" in capsys.readouterr().out


def test_review_report_exits_0_when_nothing_is_overdue(db):
    make_article(slug="soon", title="Due soon", status=Status.PUBLISHED, next_review_due=days(5))
    out = io.StringIO()

    call_command("review_report", stdout=out)  # no CommandError: exit status 0

    assert "Overdue for review: 0" in out.getvalue()
    assert "Due soon" in out.getvalue()
    assert "Nothing is overdue for review." in out.getvalue()


def test_review_report_horizon_is_adjustable(db):
    make_article(slug="later", title="Due later", status=Status.PUBLISHED, next_review_due=days(45))
    out = io.StringIO()
    call_command("review_report", "--days", "60", stdout=out)
    assert "Due within 60 days: 1" in out.getvalue()
    with pytest.raises(CommandError, match="0 or more"):
        call_command("review_report", "--days", "-1")


def test_public_article_page_shows_the_review_dates(client, db, django_user_model):
    reviewer = django_user_model.objects.create_user("amara", first_name="Dr Amara", last_name="Example")
    article = make_article(
        status=Status.PUBLISHED,
        last_reviewed=datetime.date(2026, 3, 4),
        next_review_due=datetime.date(2027, 3, 4),
        reviewed_by=reviewer,
    )
    dates = BeautifulSoup(client.get(article.get_absolute_url()).content, "html.parser").find(
        class_="review-dates"
    )
    assert "Last reviewed: 4 March 2026 by Dr Amara Example." in dates.text
    assert "Next review due: 4 March 2027." in dates.text
    assert [t["datetime"] for t in dates.find_all("time")] == ["2026-03-04", "2027-03-04"]


def test_public_explainer_page_shows_the_review_dates(client, content):
    emdr = Modality.objects.get(language="en", slug="emdr")
    dates = BeautifulSoup(client.get("/modalities/emdr/").content, "html.parser").find(class_="review-dates")
    assert emdr.last_reviewed.strftime("%Y-%m-%d") in str(dates)
    assert emdr.next_review_due.strftime("%Y-%m-%d") in str(dates)
    assert "Last reviewed:" in dates.text
