"""Wrong second-factor codes count toward the same sign-in lockout as wrong passwords (django-axes).

A wrong code is reported with Django's `user_login_failed` signal, which axes records exactly like a
wrong password: per account and client address, with the address decided by axes' own settings. So
five mistakes of either kind, in any mix, pause signing in for that account from that address.

Axes would normally clear the count when the password is right; here the password is only half of
signing in, so that reset is off in the settings and happens after the second factor instead.
Otherwise someone who knows the password could guess codes forever, re-entering the password
between tries.
"""

from axes.conf import settings  # Django's settings, with axes' defaults filled in
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth.signals import user_login_failed


def _credentials(user) -> dict:
    return {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}


def is_locked_out(request, user) -> bool:
    return settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(request, _credentials(user))


def record_wrong_code(request, user) -> bool:
    """Count one failed second step; True when this failure locks the account out."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def clear_failures(request, user) -> None:
    """Signing in is complete: forget this account's failures from this address."""
    if settings.AXES_ENABLED:
        AxesProxyHandler.update_request(request)
        AxesProxyHandler.reset_attempts(ip_address=request.axes_ip_address, username=user.get_username())


def locked_out_response(request, user):
    """Axes' own lockout page (the site's "Sign-in paused" template, status 429)."""
    return get_lockout_response(request, None, _credentials(user))
