"""What the admin says after a save: what happened to the page, and who acts next.

Django's own message ("… was changed successfully") says nothing about the workflow, so every save of
an explainer or article is followed by one of these.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from editorial.models import Status
from staff.formats import STAFF_DATE_FORMAT, STAFF_DATETIME_FORMAT


def after_save(obj, before: str | None, can_publish: bool) -> str:
    """The message for `obj` saved with status `obj.status`, having had `before` (None when new)."""
    values = {"title": obj}
    now = obj.status
    if now == Status.PUBLISHED:
        if before == Status.PUBLISHED:
            message = _("“%(title)s” is live: your changes are on the site now.")
        elif obj.published_at and obj.published_at > timezone.now():
            values["when"] = date_format(timezone.localtime(obj.published_at), STAFF_DATETIME_FORMAT)
            message = _("“%(title)s” is scheduled: it appears on the site on %(when)s with nobody acting.")
        else:
            values["due"] = date_format(obj.next_review_due, STAFF_DATE_FORMAT) if obj.next_review_due else ""
            message = _(
                "“%(title)s” is published and on the site now. Your review is recorded; "
                "the next one is due %(due)s."
            )
    elif now == Status.IN_REVIEW:
        if before == Status.IN_REVIEW:
            message = _("“%(title)s” is still waiting for a clinical reviewer to check and publish it.")
        else:
            message = _(
                "“%(title)s” is sent for review. A clinical reviewer checks and publishes it: it is "
                "listed under “Waiting for review” on their admin home page."
            )
    elif before == Status.PUBLISHED:
        message = _("“%(title)s” is off the site and back to draft. Send it for review when it is ready.")
    elif can_publish:
        message = _("“%(title)s” is saved as a draft. Choose “Published” and save when it is ready.")
    else:
        message = _(
            "“%(title)s” is saved as a draft; nobody else sees it yet. When it is ready, choose "
            "“In review” and save: a clinical reviewer then checks and publishes it."
        )
    return message % values
