"""Volunteer enquiries, their moderation history and their outgoing mail.

An `Enquiry` is what a volunteer sent. Moderators change it only through its methods
(`change_status`, `assign`, `add_note`), and each method writes an `EnquiryEvent`: the history is
append-only, so who did what, and when, cannot be rewritten afterwards. Mail goes through the
`Notification` outbox (see volunteers/outbox.py), which holds no personal details of its own.
"""

import datetime
import uuid

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.formats import staff_name
from volunteers.addresses import mailto_url
from volunteers.validators import NoControlCharacters, validate_phone

ONE_LINE = NoControlCharacters()
MULTI_LINE = NoControlCharacters(multiline=True)

NAME_MAX_LENGTH = 100
PLACE_MAX_LENGTH = 100
PHONE_MAX_LENGTH = 30
SHORT_ANSWER_MAX_LENGTH = 200
MESSAGE_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 2000
# The same answers sent twice within this window are one enquiry (Back, then Send again).
DUPLICATE_WINDOW = datetime.timedelta(days=1)
REMOVED = "(removed)"


class Interest(models.TextChoices):
    ADMIN = "admin", _("Admin and office support")
    FUNDRAISING = "fundraising", _("Fundraising and events")
    TRANSLATION = "translation", _("Translation and interpreting")
    PROFESSIONAL = "professional", _("Professional services (for example a licensed clinician or a lawyer)")
    PEER_SUPPORT = "peer_support", _("Peer support by survivors")
    OTHER = "other", _("Something else")


class EnquiryQuerySet(models.QuerySet):
    def closed(self):
        return self.filter(status__in=Enquiry.CLOSED_STATUSES)

    def due_for_purge(self, days: int):
        """Closed more than `days` days ago and still holding personal details."""
        cutoff = timezone.now() - datetime.timedelta(days=days)
        return self.closed().filter(closed_at__lt=cutoff, anonymised_at__isnull=True)

    def recent_duplicate(self, fingerprint: str):
        """Enquiries with exactly these answers received within DUPLICATE_WINDOW."""
        if not fingerprint:
            return self.none()
        return self.filter(fingerprint=fingerprint, created_at__gte=timezone.now() - DUPLICATE_WINDOW)

    def search(self, text: str):
        """Name or email containing `text` (case-insensitive)."""
        return self.filter(models.Q(name__icontains=text) | models.Q(email__icontains=text))

    def with_interest(self, interest: str):
        return self.filter(interests__interest=interest).distinct()

    def status_counts(self) -> dict[str, int]:
        """Enquiries per status, with every status present (zero when none)."""
        counts = dict(self.order_by().values_list("status").annotate(n=models.Count("id")))
        return {status: counts.get(status, 0) for status in Enquiry.Status.values}


class EnquiryManager(models.Manager.from_queryset(EnquiryQuerySet)):
    @transaction.atomic
    def submit(self, *, submission_token: uuid.UUID, fingerprint: str, interests: list[str], **answers):
        """Store a new enquiry, its first history entry and its outgoing mail, all or nothing.

        Mail is only queued once the transaction has committed, so a worker never looks for an
        enquiry that does not exist yet, and a mail server that is down cannot undo the save.
        """
        from volunteers import outbox

        now = timezone.now()
        enquiry = self.create(
            submission_token=submission_token,
            fingerprint=fingerprint,
            consent_given_at=now,
            created_at=now,
            status_changed_at=now,
            **answers,
        )
        EnquiryInterest.objects.bulk_create(
            EnquiryInterest(enquiry=enquiry, interest=interest) for interest in dict.fromkeys(interests)
        )
        EnquiryEvent.objects.create(
            enquiry=enquiry, at=now, kind=EnquiryEvent.Kind.SUBMITTED, to_value=Enquiry.Status.NEW
        )
        Notification.objects.bulk_create(
            Notification(enquiry=enquiry, kind=kind, next_attempt_at=now) for kind in Notification.Kind.values
        )
        transaction.on_commit(outbox.queue_delivery, robust=True)
        return enquiry


class Enquiry(models.Model):
    """One volunteer's interest form, as sent, plus where moderators have got to with it."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_REVIEW = "in_review", _("In review")
        CONTACTED = "contacted", _("Contacted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SPAM = "spam", _("Spam")
        ARCHIVED = "archived", _("Archived")

    # Closed enquiries start the retention clock; reopening one stops it.
    CLOSED_STATUSES = frozenset({Status.ACCEPTED, Status.DECLINED, Status.SPAM, Status.ARCHIVED})

    # One per form shown: a double-click or a resent POST carries the same token and is refused.
    submission_token = models.UUIDField(unique=True, editable=False)
    # A keyed hash of the answers, to spot the same form sent again from a freshly loaded page.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    name = models.CharField(_("Full name"), max_length=NAME_MAX_LENGTH, validators=[ONE_LINE])
    email = models.EmailField(_("Email address"), max_length=254, validators=[ONE_LINE])
    phone = models.CharField(
        _("Phone number"), max_length=PHONE_MAX_LENGTH, blank=True, validators=[ONE_LINE, validate_phone]
    )
    city_region = models.CharField(
        _("Town, city or region"), max_length=PLACE_MAX_LENGTH, validators=[ONE_LINE]
    )
    country = models.CharField(_("Country"), max_length=PLACE_MAX_LENGTH, validators=[ONE_LINE])
    availability = models.CharField(
        _("When you could help"), max_length=SHORT_ANSWER_MAX_LENGTH, validators=[ONE_LINE]
    )
    languages = models.CharField(
        _("Languages you speak"), max_length=SHORT_ANSWER_MAX_LENGTH, validators=[ONE_LINE]
    )
    message = models.TextField(
        _("Anything else you would like to tell us"),
        max_length=MESSAGE_MAX_LENGTH,
        blank=True,
        validators=[MULTI_LINE],
    )
    consent_given_at = models.DateTimeField()
    # The language the form was filled in (the page's language when sent): mail to the volunteer is
    # written in it. A code from settings.LANGUAGES; kept free of choices so adding a language to the
    # site needs no migration.
    language = models.CharField(_("Language of the form"), max_length=16, default="en", editable=False)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_enquiries",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = EnquiryManager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = _("enquiries")
        permissions = [("moderate_enquiry", "Can see and moderate volunteer enquiries")]

    def __str__(self):
        # Deliberately no name: this string can reach logs and admin pages.
        return f"Enquiry #{self.pk}"

    @property
    def reference(self) -> str:
        return f"#{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED_STATUSES

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def mailto_url(self) -> str:
        """The inbox's Reply link: to this one address, however it was typed."""
        return mailto_url(self.email)

    @property
    def language_name(self) -> str:
        """The form's language by its own name ("Español"), as the site's language link shows it."""
        return dict(settings.LANGUAGES).get(self.language, self.language)

    def interest_labels(self) -> list[str]:
        return [str(Interest(i.interest).label) for i in self.interests.all()]

    def _locked(self) -> "Enquiry":
        """This enquiry re-read under a row lock, so two moderators acting at once both get recorded."""
        return type(self).objects.select_for_update().get(pk=self.pk)

    def _record(self, kind, actor, from_value="", to_value="") -> "EnquiryEvent":
        return EnquiryEvent.objects.create(
            enquiry=self,
            kind=kind,
            actor=actor,
            actor_name=staff_name(actor) if actor else "",
            from_value=from_value,
            to_value=to_value,
        )

    @transaction.atomic
    def change_status(self, new_status: str, *, by) -> bool:
        """Move to `new_status`, recording who did it; returns False when nothing changed."""
        new_status = self.Status(new_status)
        current = self._locked()
        if current.status == new_status:
            return False
        now = timezone.now()
        updates = {"status": new_status, "status_changed_at": now}
        if new_status in self.CLOSED_STATUSES:
            updates["closed_at"] = current.closed_at if current.is_closed else now
        else:
            updates["closed_at"] = None
        type(self).objects.filter(pk=self.pk).update(**updates)
        self._record(EnquiryEvent.Kind.STATUS, by, current.status, new_status)
        for field, value in updates.items():
            setattr(self, field, value)
        return True

    @transaction.atomic
    def assign(self, assignee, *, by) -> bool:
        """Give the enquiry to `assignee` (None to unassign); returns False when nothing changed."""
        current = self._locked()
        if current.assignee_id == (assignee.pk if assignee else None):
            return False
        type(self).objects.filter(pk=self.pk).update(assignee=assignee)
        self._record(
            EnquiryEvent.Kind.ASSIGNEE,
            by,
            staff_name(current.assignee) if current.assignee else "",
            staff_name(assignee) if assignee else "",
        )
        self.assignee = assignee
        return True

    @transaction.atomic
    def add_note(self, text: str, *, by) -> "EnquiryNote":
        note = EnquiryNote.objects.create(
            enquiry=self, author=by, author_name=staff_name(by) if by else "", text=text
        )
        # The history says a note was added; the note's words stay in the note (purge removes them).
        self._record(EnquiryEvent.Kind.NOTE, by)
        return note

    @transaction.atomic
    def anonymise(self) -> None:
        """Irreversibly remove the volunteer's personal details, keeping what counts need.

        Status, interests and dates stay, so the numbers (how many enquiries, of what kind, with what
        outcome) survive; the notes go too, as moderators may have written personal details in them.
        """
        type(self).objects.filter(pk=self.pk).update(
            name=REMOVED,
            email="",
            phone="",
            city_region="",
            country="",
            availability="",
            languages="",
            message="",
            fingerprint="",
            anonymised_at=timezone.now(),
        )
        self.notes.all().delete()
        self.notifications.exclude(status=Notification.Status.SENT).update(
            status=Notification.Status.CANCELLED
        )
        self._record(EnquiryEvent.Kind.ANONYMISED, None)
        self.refresh_from_db()


class EnquiryInterest(models.Model):
    """One way a volunteer would like to help (an enquiry may tick several)."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="interests")
    interest = models.CharField(max_length=20, choices=Interest.choices, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "interest"], name="volunteers_one_interest_once")
        ]

    def __str__(self):
        return str(Interest(self.interest).label)


class EnquiryNote(models.Model):
    """An internal note a moderator wrote; never shown to the volunteer."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept so the note still says who wrote it after that account is gone.
    author_name = models.CharField(max_length=150, blank=True)
    text = models.TextField(max_length=NOTE_MAX_LENGTH, validators=[MULTI_LINE])
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Note on enquiry #{self.enquiry_id}"


class Notification(models.Model):
    """One email waiting to go, or gone. Addresses are looked up when sending, never stored here."""

    class Kind(models.TextChoices):
        MODERATOR_ALERT = "moderator_alert", _("New enquiry alert to moderators")
        VOLUNTEER_CONFIRMATION = "volunteer_confirmation", _("Confirmation to the volunteer")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to send")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Gave up after many attempts")
        CANCELLED = "cancelled", _("Not sent")

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Only the exception's class name: SMTP error texts can quote addresses.
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "kind"], name="volunteers_one_notification_per_kind")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for enquiry #{self.enquiry_id}"


# The append-only history lives in its own module; it is part of this app's models all the same.
from volunteers.history import EnquiryEvent, HistoryIsAppendOnly  # noqa: E402,F401
