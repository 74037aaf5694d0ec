"""An enquiry's moderation history: who did what, and when, written once and never changed.

Part of the volunteers app's models (volunteers/models.py imports it): Enquiry's methods write an
EnquiryEvent for every change, and nothing in the ORM can update or delete one afterwards.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.formats import staff_name

# What the history shows for a value that was empty (no assignee, the website acting).
NOBODY = _("nobody")
THE_WEBSITE = _("the website")


class HistoryIsAppendOnly(Exception):
    """Raised on any attempt to change or delete a history entry through the ORM."""


class EnquiryEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise HistoryIsAppendOnly("Enquiry history cannot be changed.")

    def delete(self):
        raise HistoryIsAppendOnly("Enquiry history cannot be deleted.")


class EnquiryEvent(models.Model):
    """One change to an enquiry: who, when, what, from what to what. Written once, never changed."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Enquiry received")
        STATUS = "status", _("Status changed")
        ASSIGNEE = "assignee", _("Assignment changed")
        NOTE = "note", _("Note added")
        ANONYMISED = "anonymised", _("Personal details removed")

    enquiry = models.ForeignKey("volunteers.Enquiry", on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    from_value = models.CharField(max_length=150, blank=True)
    to_value = models.CharField(max_length=150, blank=True)

    objects = EnquiryEventQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} on enquiry #{self.enquiry_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise HistoryIsAppendOnly("Enquiry history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise HistoryIsAppendOnly("Enquiry history cannot be deleted.")

    @property
    def who(self) -> str:
        # The account's current name while it exists; the name kept at the time once it is gone.
        if self.actor is not None:
            return staff_name(self.actor)
        return self.actor_name or THE_WEBSITE

    def _show(self, value: str) -> str:
        from volunteers.models import Enquiry  # the two modules refer to each other

        if self.kind == self.Kind.STATUS or self.kind == self.Kind.SUBMITTED:
            return Enquiry.Status(value).label if value in Enquiry.Status.values else value
        return value or NOBODY

    @property
    def from_display(self) -> str:
        return self._show(self.from_value)

    @property
    def to_display(self) -> str:
        return self._show(self.to_value)

    @property
    def has_change(self) -> bool:
        return self.kind in (self.Kind.STATUS, self.Kind.ASSIGNEE)
