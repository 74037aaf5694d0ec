"""Where each member of staff works, so every staff page can link there and sign-in can land there.

The rules come from the apps that own the pages: `can_moderate` for the inbox, `can_see_review_dates`
(anyone who may view explainers or articles) for the editing side of the admin. This module only
puts them together.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from editorial.views import can_see_review_dates
from volunteers.permissions import can_moderate


@dataclass(frozen=True)
class StaffLink:
    key: str
    label: str
    url: str


def staff_links(user) -> list[StaffLink]:
    """The staff areas `user` may open, in the order the staff menu shows them."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    links = []
    if can_moderate(user):
        links.append(StaffLink("inbox", _("Volunteer inbox"), reverse("inbox:list")))
    if user.is_staff:
        links.append(StaffLink("admin", _("Editing and review"), reverse("admin:index")))
    return links


def landing_url(user) -> str:
    """Where `user` starts after signing in: moderators who edit nothing go straight to the inbox."""
    if can_moderate(user) and not can_see_review_dates(user) and not user.is_superuser:
        return reverse("inbox:list")
    return reverse("admin:index")
