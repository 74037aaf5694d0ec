"""Mail after an enquiry: queued after commit, sent by a background task, retried, never lost.

The SMTP tests run a real SMTP server (aiosmtpd) on 127.0.0.1, and take it away to prove that a
mail server that is down delays mail but never loses or blocks an enquiry.
"""

import datetime
import io
import re
import smtplib
import socket
from contextlib import contextmanager

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.staff import sign_in
from tests.volunteers.conftest import FORM_URL, VALID_ANSWERS, form_post, make_enquiry
from volunteers import outbox
from volunteers.models import Enquiry, Notification
from volunteers.tasks import deliver_notifications

pytestmark = pytest.mark.django_db

PERSONAL_DETAILS = [
    VALID_ANSWERS["name"],
    VALID_ANSWERS["email"],
    VALID_ANSWERS["phone"],
    VALID_ANSWERS["languages"],
    "I translate Romanian",
    "Two evenings a month",
]


class MailCollector:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def recipients(self) -> list[str]:
        return sorted(address for envelope in self.envelopes for address in envelope.rcpt_tos)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def smtp_server(port: int):
    collector = MailCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield collector
    finally:
        controller.stop()


def smtp_settings(port: int):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_USE_TLS=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
        EMAIL_TIMEOUT=5,
    )


def let_backoff_pass():
    """Pretend the retry delay has gone by: everything waiting becomes due now."""
    past = timezone.now() - datetime.timedelta(seconds=1)
    Notification.objects.filter(status=Notification.Status.PENDING).update(next_attempt_at=past)
    DBTaskResult.objects.filter(status="READY").update(run_after=past)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses the recipient, quoting the address back (as real servers do)."""

    def send_messages(self, messages):
        address = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, f"5.1.1 <{address}>: unknown user".encode())})


def submit(client, capture, **overrides):
    with capture(execute=True):
        response = client.post(FORM_URL, form_post(**overrides))
    assert response.status_code == 303
    return Enquiry.objects.latest("id")


def test_mail_is_only_queued_once_the_enquiry_is_committed(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(FORM_URL, form_post())
    assert Enquiry.objects.count() == 1
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_moderators_get_a_link_to_the_inbox_and_no_personal_details(
    client, django_capture_on_commit_callbacks
):
    enquiry = submit(client, django_capture_on_commit_callbacks)
    alert = next(m for m in mail.outbox if m.to == ["moderators@example.org"])
    assert f"http://127.0.0.1:8000/inbox/{enquiry.pk}/" in alert.body
    for detail in PERSONAL_DETAILS:
        assert detail not in alert.body
        assert detail not in alert.subject


@override_settings(SITE_URL="https://healing.example.org")
def test_the_inbox_link_uses_the_site_url(client, django_capture_on_commit_callbacks):
    enquiry = submit(client, django_capture_on_commit_callbacks)
    alert = next(m for m in mail.outbox if m.to == ["moderators@example.org"])
    assert f"https://healing.example.org/inbox/{enquiry.pk}/" in alert.body


def test_the_volunteer_gets_a_confirmation_that_repeats_nothing_they_typed(
    client, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    confirmation = next(m for m in mail.outbox if m.to == [VALID_ANSWERS["email"]])
    assert "We have your enquiry" in confirmation.body
    assert "365 days after we close your enquiry" in confirmation.body
    for detail in PERSONAL_DETAILS:
        if detail != VALID_ANSWERS["email"]:
            assert detail not in confirmation.body
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 2


def test_the_volunteer_hears_back_in_the_language_of_the_form_and_moderators_in_english(
    client, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/es" + FORM_URL, form_post())
    assert response.status_code == 303
    assert Enquiry.objects.get().language == "es"
    confirmation = next(m for m in mail.outbox if m.to == [VALID_ANSWERS["email"]])
    assert confirmation.subject == f"Gracias por tu interés en el voluntariado de {settings.SITE_NAME}"
    assert "Recibimos tu solicitud" in confirmation.body
    assert "365 días después de cerrar tu solicitud" in confirmation.body
    alert = next(m for m in mail.outbox if m.to == ["moderators@example.org"])
    assert alert.subject.startswith("New volunteer enquiry")
    assert "is waiting in the inbox" in alert.body


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_the_volunteer_s_links_go_to_the_pages_in_their_language(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/es" + FORM_URL, form_post())
    confirmation = next(m for m in mail.outbox if m.to == [VALID_ANSWERS["email"]])
    assert links(confirmation) == ["http://127.0.0.1:8000/es/"]
    alert = next(m for m in mail.outbox if m.to == ["moderators@example.org"])
    assert links(alert) == [f"http://127.0.0.1:8000/inbox/{Enquiry.objects.get().pk}/"], "staff: no /es/"


@override_settings(SITE_URL="https://healing.example.org")
def test_a_volunteer_who_wrote_in_english_is_linked_to_the_english_pages(
    client, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    confirmation = next(m for m in mail.outbox if m.to == [VALID_ANSWERS["email"]])
    assert links(confirmation) == ["https://healing.example.org/"]


def test_a_form_sent_in_english_is_answered_in_english(client, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks)
    assert Enquiry.objects.get().language == "en"
    confirmation = next(m for m in mail.outbox if m.to == [VALID_ANSWERS["email"]])
    assert confirmation.subject.startswith("Thank you for offering to volunteer with")


def test_mail_is_delivered_through_a_real_smtp_server(client, django_capture_on_commit_callbacks):
    port = free_port()
    with smtp_server(port) as server, smtp_settings(port):
        submit(client, django_capture_on_commit_callbacks)
    assert server.recipients() == sorted(["moderators@example.org", VALID_ANSWERS["email"]])
    raw = b"".join(envelope.content for envelope in server.envelopes)
    assert b"/inbox/" in raw
    for detail in PERSONAL_DETAILS:
        if detail != VALID_ANSWERS["email"]:
            assert detail.encode() not in raw


def test_a_mail_server_that_is_down_never_loses_or_blocks_an_enquiry(
    client, django_capture_on_commit_callbacks
):
    port = free_port()  # nothing listens here yet: connections are refused
    with smtp_settings(port):
        enquiry = submit(client, django_capture_on_commit_callbacks)
        assert Enquiry.objects.filter(pk=enquiry.pk, name=VALID_ANSWERS["name"]).exists()
        waiting = Notification.objects.filter(enquiry=enquiry)
        assert {(n.status, n.attempts, n.last_error) for n in waiting} == {
            ("pending", 1, "ConnectionRefusedError")
        }
        assert all(n.next_attempt_at > timezone.now() for n in waiting)

        with smtp_server(port) as server:
            # Running the task again before the backoff has passed sends nothing.
            deliver_notifications.enqueue()
            assert server.envelopes == []
            let_backoff_pass()
            deliver_notifications.enqueue()
    assert server.recipients() == sorted(["moderators@example.org", VALID_ANSWERS["email"]])
    assert {(n.status, n.attempts) for n in Notification.objects.all()} == {("sent", 2)}


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_worker_retries_with_backoff_until_the_mail_server_is_back(client, moderators_group):
    port = free_port()
    run_worker = lambda: call_command(  # noqa: E731
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=0
    )
    with smtp_settings(port):
        response = client.post(FORM_URL, form_post())
        assert response.status_code == 303
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert mail.outbox == []

        run_worker()  # the server is down
        assert Enquiry.objects.count() == 1
        assert set(Notification.objects.values_list("status", flat=True)) == {"pending"}
        retry = DBTaskResult.objects.get(status="READY")
        assert retry.run_after > timezone.now() + datetime.timedelta(seconds=30)
        assert retry.args_kwargs == {"args": [], "kwargs": {}}  # no address in the queue

        with smtp_server(port) as server:
            run_worker()  # the retry is not due yet
            assert server.envelopes == []
            let_backoff_pass()
            run_worker()
    assert server.recipients() == sorted(["moderators@example.org", VALID_ANSWERS["email"]])
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_backoff_doubles_from_a_minute_up_to_six_hours():
    delays = [outbox.retry_delay(n).total_seconds() for n in range(1, 13)]
    assert delays[:4] == [60, 120, 240, 480]
    assert max(delays) == 6 * 60 * 60
    assert delays == sorted(delays)


@override_settings(EMAIL_BACKEND="tests.volunteers.test_notifications.RefusingBackend")
def test_after_many_failures_the_outbox_gives_up_and_the_inbox_says_so(client, moderator):
    enquiry = make_enquiry()
    for _ in range(outbox.MAX_ATTEMPTS):
        let_backoff_pass()
        outbox.drain()
    statuses = set(Notification.objects.values_list("status", "attempts"))
    assert statuses == {("failed", outbox.MAX_ATTEMPTS)}
    let_backoff_pass()
    assert outbox.drain().gave_up == 0  # nothing more is tried
    sign_in(client, moderator)
    page = client.get(f"/inbox/{enquiry.pk}/").content.decode()
    assert "Gave up after many attempts" in page
    assert Enquiry.objects.filter(pk=enquiry.pk).exists()


@override_settings(EMAIL_BACKEND="tests.volunteers.test_notifications.RefusingBackend")
def test_failed_sends_log_no_address_or_other_personal_detail(
    client, django_capture_on_commit_callbacks, every_log_line
):
    submit(client, django_capture_on_commit_callbacks)
    let_backoff_pass()
    call_command("deliver_notifications", stdout=io.StringIO())
    assert any("SMTPRecipientsRefused" in line for line in every_log_line)
    for line in every_log_line:
        for detail in PERSONAL_DETAILS:
            assert detail not in line


def test_a_notification_is_sent_once_even_if_two_drains_overlap(enquiry):
    first = Notification.objects.filter(enquiry=enquiry).first()
    assert outbox._claim(first.pk) is True
    assert outbox._claim(first.pk) is False  # the other worker sees it taken
    report = outbox.drain()
    assert report.sent == 1  # only the unclaimed one
    assert outbox.drain().sent == 0
    assert len(mail.outbox) == 1


def test_a_claim_left_by_a_crashed_worker_is_retried(enquiry):
    Notification.objects.update(
        status=Notification.Status.SENDING, claimed_at=timezone.now() - datetime.timedelta(hours=1)
    )
    assert outbox.drain().sent == 2
    assert len(mail.outbox) == 2


@override_settings(MODERATOR_EMAILS=[])
def test_without_moderator_emails_the_alert_goes_to_moderator_accounts(moderator, other_moderator, editor):
    make_enquiry()
    outbox.drain()
    alert = next(m for m in mail.outbox if "New volunteer enquiry" in m.subject)
    assert sorted(alert.to) == ["maria@example.org", "omar@example.org"]


@override_settings(MODERATOR_EMAILS=[])
def test_with_nobody_to_tell_the_alert_is_cancelled_not_retried_forever(db):
    make_enquiry()
    report = outbox.drain()
    assert report.cancelled == 1
    assert report.sent == 1  # the volunteer's confirmation still goes
    alert = Notification.objects.get(kind=Notification.Kind.MODERATOR_ALERT)
    assert alert.status == Notification.Status.CANCELLED
