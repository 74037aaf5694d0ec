"""The review schedule: which published explainers and articles are overdue for clinical review, or due soon.

One function answers it for the admin's "Review dates" page and for `manage.py review_report`, so the
two always agree. It covers every concrete `Publishable` model, found through the app registry, so this
module does not import the apps that build on it.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from editorial.languages import version_label
from editorial.models import REVIEW_WARNING_DAYS, Publishable, Status
from staff.formats import staff_name


def publishable_models() -> list[type[Publishable]]:
    """Every concrete model built on `Publishable` (modalities, articles), in registry order."""
    return [
        model for model in apps.get_models() if issubclass(model, Publishable) and not model._meta.abstract
    ]


@dataclass(frozen=True)
class ReviewItem:
    kind: str
    title: str
    next_review_due: datetime.date | None
    last_reviewed: datetime.date | None
    reviewed_by: str
    admin_url: str
    public_url: str

    def days_from(self, today: datetime.date) -> int | None:
        """Days until the review is due (negative when overdue); None when no date is set."""
        if self.next_review_due is None:
            return None
        return (self.next_review_due - today).days


@dataclass
class ReviewSchedule:
    today: datetime.date
    within_days: int
    overdue: list[ReviewItem] = field(default_factory=list)
    undated: list[ReviewItem] = field(default_factory=list)
    due_soon: list[ReviewItem] = field(default_factory=list)

    @property
    def needs_action_count(self) -> int:
        """How many are past their review date, or have none at all."""
        return len(self.overdue) + len(self.undated)

    @property
    def needs_action(self) -> bool:
        return self.needs_action_count > 0


def _admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:  # a model without an admin page
        return ""


def _item(obj) -> ReviewItem:
    return ReviewItem(
        kind=str(obj._meta.verbose_name),
        title=version_label(obj),  # each language version is reviewed on its own
        next_review_due=obj.next_review_due,
        last_reviewed=obj.last_reviewed,
        reviewed_by=staff_name(obj.reviewed_by) if obj.reviewed_by_id else "",
        admin_url=_admin_url(obj),
        public_url=obj.get_absolute_url(),
    )


def review_schedule(within_days: int = REVIEW_WARNING_DAYS) -> ReviewSchedule:
    """Published content (live or scheduled) that is overdue, undated, or due within `within_days`.

    Drafts and items in review are left out: no reader sees them, and their review is recorded when
    they are published.
    """
    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=within_days)
    schedule = ReviewSchedule(today=today, within_days=within_days)
    for model in publishable_models():
        published = model.objects.filter(status=Status.PUBLISHED).select_related("reviewed_by")
        for obj in published.filter(next_review_due__lt=today).order_by("next_review_due", "title"):
            schedule.overdue.append(_item(obj))
        for obj in published.filter(next_review_due__isnull=True).order_by("title"):
            schedule.undated.append(_item(obj))
        due = published.filter(next_review_due__gte=today, next_review_due__lte=horizon)
        for obj in due.order_by("next_review_due", "title"):
            schedule.due_soon.append(_item(obj))
    for items in (schedule.overdue, schedule.due_soon):
        items.sort(key=lambda item: (item.next_review_due, item.title))
    return schedule


@dataclass(frozen=True)
class QueueItem:
    kind: str
    title: str
    admin_url: str
    changed_at: datetime.datetime
    changed_by: object  # the account that last saved it, or None


def waiting_for_review() -> list[QueueItem]:
    """Explainers and articles sent for review and not yet published, the longest-waiting first."""
    items = []
    for model in publishable_models():
        for obj in model.objects.filter(status=Status.IN_REVIEW).order_by("updated_at"):
            latest = obj.history.select_related("history_user").order_by("-history_date").first()
            items.append(
                QueueItem(
                    kind=str(obj._meta.verbose_name),
                    title=version_label(obj),
                    admin_url=_admin_url(obj),
                    changed_at=obj.updated_at,
                    changed_by=latest.history_user if latest else None,
                )
            )
    return sorted(items, key=lambda item: item.changed_at)
