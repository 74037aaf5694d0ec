"""The refusal page for staff: who is signed in, which role the page needs, and where they can go.

Readers who meet a closed page get the readers' 403 page (pages/views.py). A signed-in member of staff
gets this one instead, in the staff frame, so a moderator who followed a link into the admin, or an
editor who opened the inbox, knows why and what to do.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from volunteers.permissions import can_moderate

# The role each staff area needs, by URL namespace: the people to ask for access.
ROLE_NEEDED = {
    "inbox": _("Moderators"),
    "admin": _("Editors or Clinical reviewers"),
    "editorial": _("Editors or Clinical reviewers"),
}


def is_staff_member(user) -> bool:
    """Signed in to work here: admin staff, or a moderator."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return user.is_staff or can_moderate(user)


def staff_permission_denied(request):
    """The 403 page in the staff frame."""
    match = getattr(request, "resolver_match", None)
    namespace = match.namespaces[0] if match and match.namespaces else ""
    context = {"role_needed": ROLE_NEEDED.get(namespace)}
    return render(request, "staff/403.html", context, status=403)
