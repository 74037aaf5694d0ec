"""Retention: personal details of long-closed enquiries are removed for good; counts survive."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.volunteers.conftest import VALID_ANSWERS, make_enquiry
from volunteers import outbox
from volunteers.models import REMOVED, Enquiry, EnquiryNote, Notification

pytestmark = pytest.mark.django_db

PERSONAL_FIELDS = ["email", "phone", "city_region", "country", "availability", "languages", "message"]


def closed_days_ago(moderator, days, status=Enquiry.Status.DECLINED, **answers):
    enquiry = make_enquiry(**answers)
    enquiry.add_note("She lives near the station; call after 6.", by=moderator)
    enquiry.change_status(status, by=moderator)
    Enquiry.objects.filter(pk=enquiry.pk).update(closed_at=timezone.now() - datetime.timedelta(days=days))
    return enquiry


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_enquiries", *args, stdout=out)
    return out.getvalue()


def test_long_closed_enquiries_lose_their_personal_details(moderator):
    old = closed_days_ago(moderator, 400)
    output = purge()
    old.refresh_from_db()
    assert old.name == REMOVED
    for field in PERSONAL_FIELDS:
        assert getattr(old, field) == "", field
    assert old.fingerprint == ""
    assert old.anonymised_at is not None
    assert EnquiryNote.objects.filter(enquiry=old).count() == 0
    # What counts need stays.
    assert old.status == Enquiry.Status.DECLINED
    assert sorted(old.interests.values_list("interest", flat=True)) == ["admin", "translation"]
    assert Enquiry.objects.count() == 1
    assert old.events.last().kind == "anonymised"
    assert "Removed the personal details of 1 enquiry" in output


@pytest.mark.parametrize("status", ["accepted", "declined", "spam", "archived"])
def test_every_closed_status_is_purged(moderator, status):
    enquiry = closed_days_ago(moderator, 366, status=status)
    purge()
    assert Enquiry.objects.get(pk=enquiry.pk).is_anonymised


def test_open_and_recently_closed_enquiries_are_kept(moderator):
    open_old = make_enquiry()
    Enquiry.objects.filter(pk=open_old.pk).update(created_at=timezone.now() - datetime.timedelta(days=900))
    recent = closed_days_ago(moderator, 300, message="recent")
    purge()
    for enquiry in (open_old, recent):
        enquiry.refresh_from_db()
        assert enquiry.name == VALID_ANSWERS["name"]
        assert not enquiry.is_anonymised


def test_days_can_be_given_on_the_command_line(moderator):
    enquiry = closed_days_ago(moderator, 40)
    purge("--days", "60")
    assert not Enquiry.objects.get(pk=enquiry.pk).is_anonymised
    purge("--days", "30")
    assert Enquiry.objects.get(pk=enquiry.pk).is_anonymised


@override_settings(VOLUNTEER_RETENTION_DAYS=30)
def test_the_default_period_comes_from_settings(moderator):
    enquiry = closed_days_ago(moderator, 31)
    purge()
    assert Enquiry.objects.get(pk=enquiry.pk).is_anonymised


def test_dry_run_says_what_it_would_do_and_changes_nothing(moderator):
    enquiry = closed_days_ago(moderator, 400)
    output = purge("--dry-run")
    assert (
        f"would remove the personal details of 1 enquiry closed more than 365 days ago (#{enquiry.pk})"
        in output
    )
    enquiry.refresh_from_db()
    assert enquiry.name == VALID_ANSWERS["name"]
    assert EnquiryNote.objects.count() == 1


def test_purging_twice_removes_nothing_more(moderator):
    closed_days_ago(moderator, 400)
    purge()
    assert "Removed the personal details of 0 enquiries" in purge()


def test_mail_not_yet_sent_to_a_purged_address_is_cancelled(moderator):
    enquiry = closed_days_ago(moderator, 400)
    purge()
    statuses = set(Notification.objects.filter(enquiry=enquiry).values_list("status", flat=True))
    assert statuses == {"cancelled"}
    assert outbox.drain().sent == 0


def test_purge_output_and_logs_hold_no_personal_details(moderator, every_log_line):
    closed_days_ago(moderator, 400)
    output = purge("--dry-run") + purge()
    assert any("purge_enquiries" in line for line in every_log_line)
    text = output + "\n".join(every_log_line)
    for value in [VALID_ANSWERS["name"], VALID_ANSWERS["email"], VALID_ANSWERS["phone"], "station"]:
        assert value not in text


def test_a_negative_period_is_refused(db):
    with pytest.raises(Exception, match="--days must be zero or more"):
        purge("--days", "-1")


def test_the_inbox_shows_a_purged_enquiry_without_details(moderator_client, moderator):
    enquiry = closed_days_ago(moderator, 400)
    purge()
    page = moderator_client.get(f"/inbox/{enquiry.pk}/").content.decode()
    assert "personal details were removed" in page
    assert VALID_ANSWERS["email"] not in page
