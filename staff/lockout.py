"""Warnings before django-axes pauses sign-in, and the words for how long the pause lasts.

axes counts failed sign-ins per account and address and pauses sign-in at AXES_FAILURE_LIMIT
(settings). The sign-in page says how many tries remain once one has failed, so nobody is locked out
by surprise; the lockout page says how long the pause lasts.
"""

import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.utils.translation import ngettext


def tries_left(request) -> int | None:
    """Sign-in attempts left for the posted user name from this address, or None when nothing failed."""
    if not getattr(settings, "AXES_ENABLED", True) or request.method != "POST":
        return None
    username = request.POST.get("username", "")
    failures = AxesProxyHandler.get_failures(request, {"username": username})
    if not failures:
        return None
    return max(settings.AXES_FAILURE_LIMIT - failures, 0)


def pause_length(request=None) -> str:
    """How long sign-in stays paused after the limit, in words ("1 hour", "30 minutes")."""
    return describe_duration(get_cool_off(request) or datetime.timedelta(0))


def describe_duration(delta: datetime.timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    if hours and not rest:
        return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
