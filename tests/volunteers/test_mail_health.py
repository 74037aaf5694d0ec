"""The inbox tells moderators whether mail is going out: when it last went, and what waits."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db.models import Max
from django.utils import timezone

from tests.volunteers.conftest import make_enquiry
from volunteers.models import Notification

pytestmark = pytest.mark.django_db


def health_line(moderator_client) -> str:
    response = moderator_client.get("/inbox/")
    assert response.status_code == 200
    return " ".join(BeautifulSoup(response.content, "html.parser").find(id="mail-health").get_text().split())


def test_the_inbox_says_when_mail_last_went_out_and_nothing_waits(
    moderator_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_enquiry()  # tests run tasks at once: both mails go after the commit
    sent_at = Notification.objects.aggregate(at=Max("sent_at"))["at"]
    assert sent_at is not None
    line = health_line(moderator_client)
    assert f"Mail last went out {timezone.localtime(sent_at):%-d %b %Y, %H:%M}." in line
    assert "0 notifications waiting to send." in line


def test_the_inbox_counts_mail_that_waits_and_mail_that_failed(moderator_client):
    make_enquiry()
    Notification.objects.update(status=Notification.Status.PENDING, sent_at=None)
    first = Notification.objects.first()
    Notification.objects.filter(pk=first.pk).update(status=Notification.Status.FAILED)
    line = health_line(moderator_client)
    assert "No mail has gone out yet." in line
    assert "1 notification waiting to send." in line
    assert "1 notification could not be sent." in line


def test_a_claim_older_than_the_stale_limit_is_swept(settings, enquiry):
    from volunteers import outbox

    settings.VOLUNTEER_OUTBOX_STALE_SECONDS = 60
    Notification.objects.update(
        status=Notification.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(seconds=30)
    )
    outbox.sweep()
    assert set(Notification.objects.values_list("status", flat=True)) == {"sending"}  # still in the window
    Notification.objects.update(claimed_at=timezone.now() - datetime.timedelta(seconds=61))
    outbox.sweep()
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
