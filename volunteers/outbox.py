"""The outbox: sends waiting notifications, retries with backoff, and never loses one.

Every enquiry stores its notifications in the same transaction as itself, so mail exists as data
before anyone tries to send it. A background task (volunteers.tasks.deliver_notifications) drains
whatever is due; a failed attempt is put back with a later `next_attempt_at` and another drain is
queued for then. Each drain also picks up anything older that is due, so a lost task or a crashed
worker only delays mail. The running worker calls sweep() on a schedule (TASK_WORKER_SWEEPS), so a
notification left "sending" by a worker that died is sent again after VOLUNTEER_OUTBOX_STALE_SECONDS
without anyone running a command; `manage.py deliver_notifications` runs a drain by hand or from cron.

Delivery is at least once. A notification is marked sent in the statement right after the mail
server accepts it, so the only duplicate is a worker dying in that gap of a few milliseconds.

Logs name notifications by id and errors by class only: SMTP error texts can quote addresses.
"""

import datetime
import logging
import smtplib
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Max, Min, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from volunteers.models import Notification
from volunteers.permissions import moderators

logger = logging.getLogger(__name__)

RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 6 * 60 * 60
# About a day and a half of trying (1, 2, 4 ... minutes, then every 6 hours) before giving up;
# the enquiry itself is in the inbox all along, and the inbox shows mail that never went.
MAX_ATTEMPTS = 12
# Errors that mean "the mail server is away or refused": expected, retried quietly.
MAIL_SERVER_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class DrainReport:
    sent: int = 0
    retrying: int = 0
    gave_up: int = 0
    cancelled: int = 0


def retry_delay(attempts: int) -> datetime.timedelta:
    """Exponential backoff: 1, 2, 4, 8 ... minutes after each failure, capped at six hours."""
    return datetime.timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS))


def queue_delivery(run_after: datetime.datetime | None = None) -> None:
    """Ask the task worker to drain the outbox now, or at `run_after`."""
    from volunteers.tasks import deliver_notifications

    task = deliver_notifications
    if run_after is not None:
        if not task.get_backend().supports_defer:
            # Backends that run at once (tests) cannot wait; the next drain picks the mail up.
            return
        task = task.using(run_after=run_after)
    task.enqueue()


def stale_claim() -> datetime.timedelta:
    """A claim older than this belongs to a worker that died mid-send."""
    return datetime.timedelta(seconds=settings.VOLUNTEER_OUTBOX_STALE_SECONDS)


def _due(now: datetime.datetime):
    return Notification.objects.filter(
        Q(status=Notification.Status.PENDING, next_attempt_at__lte=now)
        | Q(status=Notification.Status.SENDING, claimed_at__lt=now - stale_claim())
    )


def sweep() -> None:
    """The worker's scheduled safety net: send whatever is due, including abandoned claims."""
    report = drain()
    if report.sent or report.retrying or report.gave_up:
        logger.info(
            "Outbox sweep: sent %s, retrying %s, gave up %s.", report.sent, report.retrying, report.gave_up
        )


@dataclass
class Health:
    """What the inbox shows about mail: when it last went out and what is waiting."""

    last_sent_at: datetime.datetime | None
    waiting: int
    failed: int


def health() -> Health:
    notifications = Notification.objects
    return Health(
        last_sent_at=notifications.aggregate(at=Max("sent_at"))["at"],
        waiting=notifications.filter(
            status__in=[Notification.Status.PENDING, Notification.Status.SENDING]
        ).count(),
        failed=notifications.filter(status=Notification.Status.FAILED).count(),
    )


def drain() -> DrainReport:
    """Try every notification that is due once; queue the next drain if some must wait."""
    report = DrainReport()
    for pk in list(_due(timezone.now()).values_list("pk", flat=True)):
        outcome = _deliver(pk)
        if outcome is not None:
            setattr(report, outcome, getattr(report, outcome) + 1)
    if report.retrying:
        next_due = Notification.objects.filter(status=Notification.Status.PENDING).aggregate(
            at=Min("next_attempt_at")
        )["at"]
        if next_due is not None:
            try:
                queue_delivery(run_after=next_due)
            except Exception as exc:  # the mail stays pending; any later drain sends it
                logger.error("Could not queue a retry of the outbox: %s", type(exc).__name__)
    return report


def _claim(pk: int) -> bool:
    """Mark one due notification as being sent; False when another worker got there first."""
    now = timezone.now()
    return bool(_due(now).filter(pk=pk).update(status=Notification.Status.SENDING, claimed_at=now))


def _deliver(pk: int) -> str | None:
    if not _claim(pk):
        return None
    notification = Notification.objects.select_related("enquiry").get(pk=pk)
    message = build_message(notification)
    now = timezone.now()
    if message is None:
        Notification.objects.filter(pk=pk).update(
            status=Notification.Status.CANCELLED, claimed_at=None, last_error="NoRecipient"
        )
        logger.warning("Notification %s (%s) has nobody to go to; not sent.", pk, notification.kind)
        return "cancelled"
    attempts = notification.attempts + 1
    try:
        message.send()
    except Exception as exc:
        gave_up = attempts >= MAX_ATTEMPTS
        Notification.objects.filter(pk=pk).update(
            status=Notification.Status.FAILED if gave_up else Notification.Status.PENDING,
            attempts=attempts,
            next_attempt_at=now + retry_delay(attempts),
            claimed_at=None,
            last_error=type(exc).__name__[:100],
        )
        log = logger.warning if isinstance(exc, MAIL_SERVER_ERRORS) else logger.error
        log(
            "Notification %s (%s) attempt %s failed (%s); %s.",
            pk,
            notification.kind,
            attempts,
            type(exc).__name__,
            "giving up" if gave_up else "will retry",
        )
        return "gave_up" if gave_up else "retrying"
    Notification.objects.filter(pk=pk).update(
        status=Notification.Status.SENT, attempts=attempts, sent_at=now, claimed_at=None, last_error=""
    )
    logger.info("Notification %s (%s) sent.", pk, notification.kind)
    return "sent"


def inbox_url(enquiry) -> str:
    return settings.SITE_URL + reverse("inbox:detail", args=[enquiry.pk])


def moderator_addresses() -> list[str]:
    """MODERATOR_EMAILS when set; otherwise every moderator account that has an address."""
    if settings.MODERATOR_EMAILS:
        return list(settings.MODERATOR_EMAILS)
    return [address for address in moderators().values_list("email", flat=True) if address]


def build_message(notification: Notification) -> EmailMessage | None:
    """The email for one notification, or None when there is nobody to send it to.

    Neither email repeats what the volunteer typed: the alert carries only a link into the inbox,
    and the confirmation could reach a stranger if someone typed another person's address.
    """
    enquiry = notification.enquiry
    if notification.kind == Notification.Kind.MODERATOR_ALERT:
        recipients = moderator_addresses()
        template = "volunteers/email/moderator_alert.txt"
    else:
        recipients = [enquiry.email] if enquiry.email and not enquiry.is_anonymised else []
        template = "volunteers/email/volunteer_confirmation.txt"
    if not recipients:
        return None
    # The worker sends mail outside any request, so the language is chosen here, for each mail.
    with translation.override(mail_language(notification)):
        if notification.kind == Notification.Kind.MODERATOR_ALERT:
            subject = gettext("New volunteer enquiry %(reference)s") % {"reference": enquiry.reference}
        else:
            subject = gettext("Thank you for offering to volunteer with %(site_name)s") % {
                "site_name": settings.SITE_NAME
            }
        body = render_to_string(
            template,
            {
                "reference": enquiry.reference,
                "inbox_url": inbox_url(enquiry),
                "site_name": settings.SITE_NAME,
                # The home page in the mail's language: /es/ for a volunteer who wrote in Spanish.
                "site_url": settings.SITE_URL + reverse("home"),
                "retention_days": settings.VOLUNTEER_RETENTION_DAYS,
            },
        )
    return EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=recipients)


def mail_language(notification: Notification) -> str:
    """The volunteer's mail is in the language they filled the form in; moderators read the site's
    own language, as the inbox does."""
    language = notification.enquiry.language
    if notification.kind == Notification.Kind.VOLUNTEER_CONFIRMATION and language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE
