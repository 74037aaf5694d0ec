"""After signing in, each person starts where their work is: moderators in the inbox.

The admin's sign-in page sends everyone to the admin's home page unless a page asked for sign-in
(`?next=`). Here the same sign-in page is served with the staff landing as that default instead, and
the landing sends each person on to `landing_url()`. A page that asked for sign-in is honoured as
before, and a moderator who opens the admin's home page on purpose still sees it.
"""

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse

from staff.lockout import pause_length, tries_left
from staff.navigation import landing_url


def sign_in(request):
    """The admin's own sign-in page, leading to the landing when no page asked for sign-in, and
    saying how many tries remain once a password was wrong."""
    asked_for = request.GET.get(REDIRECT_FIELD_NAME) or request.POST.get(REDIRECT_FIELD_NAME)
    extra_context = {} if asked_for else {REDIRECT_FIELD_NAME: reverse("staff:landing")}
    response = admin.site.login(request, extra_context=extra_context)
    if getattr(response, "context_data", None) is not None:  # the form again: not yet rendered
        response.context_data["tries_left"] = tries_left(request)
        response.context_data["pause_length"] = pause_length(request)
    return response


def _landing(request):
    return redirect(landing_url(request.user))


# Staff only, never cached; anyone else goes to the sign-in page first.
landing = admin.site.admin_view(_landing)
