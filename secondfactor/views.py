"""The second step of signing in, setting up an authenticator, and fresh backup codes.

Order of a sign-in: the admin's login form checks the password (django-axes counts wrong ones); the
middleware then sends the half-signed-in session here. `verify` takes a code from the app or a
backup code; `enrol` sets up the app for an account that has none (a new account, or one whose
device an operator reset). Passing either marks the session verified (django-otp), gives it a new
session key, and clears the account's failed attempts. Wrong codes at `verify` count toward the
lockout; a locked-out session is signed out.

Pages here show secrets (the enrolment key, backup codes): never cached, never stored by a browser.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from secondfactor import devices, lockout
from secondfactor.forms import CodeForm
from secondfactor.policy import has_passed_second_factor, needs_second_factor
from secondfactor.qr import qr_svg


def _next_url(request) -> str:
    """Where to go once signed in: the page asked for, if it is on this site; else the admin."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def _render(request, template, context, status=200):
    context = {
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "next": _next_url(request),
        **context,
    }
    return render(request, template, context, status=status)


def _complete_sign_in(request, device) -> None:
    otp_login(request, device)
    # A new session key for the now fully signed-in session, so no key seen before this point
    # (for instance on a shared screen or in a proxy log) is worth anything.
    request.session.cycle_key()
    lockout.clear_failures(request, request.user)


def _wait_message(wait_until) -> str:
    seconds = max(1, int((wait_until - timezone.now()).total_seconds()) + 1)
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second, then try the newest code.",
        "Too many wrong codes. Wait %(seconds)d seconds, then try the newest code.",
        seconds,
    ) % {"seconds": seconds}


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if not needs_second_factor(user) or has_passed_second_factor(user):
        return redirect(next_url)
    if not devices.has_any_device(user):
        return redirect(_with_next(reverse("secondfactor:enrol"), next_url))

    form = CodeForm(request.POST or None)
    if request.method == "POST":
        if lockout.is_locked_out(request, user):
            logout(request)
            return lockout.locked_out_response(request, user)
        if form.is_valid():
            result = devices.verify_code(user, form.cleaned_data["code"])
            if result.accepted:
                _complete_sign_in(request, result.device)
                if result.used_backup_code:
                    _warn_about_backup_codes(request, user)
                if not devices.has_authenticator(user):
                    return redirect(_with_next(reverse("secondfactor:enrol"), next_url))
                return redirect(next_url)
            if result.wait_until:
                # Not checked at all, so not counted: only real guesses count toward the lockout.
                form.add_error(None, _wait_message(result.wait_until))
            else:
                if lockout.record_wrong_code(request, user):
                    logout(request)
                    return lockout.locked_out_response(request, user)
                form.add_error(
                    "code",
                    _("That code is not right, or it was used already. Type the newest code your app shows."),
                )
    return _render(request, "secondfactor/verify.html", {"form": form})


def _warn_about_backup_codes(request, user) -> None:
    left = devices.backup_codes_left(user)
    messages.warning(
        request,
        ngettext(
            "You signed in with a backup code; it will not work again. You have %(count)d backup code left.",
            "You signed in with a backup code; it will not work again. You have %(count)d backup codes left.",
            left,
        )
        % {"count": left},
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def enrol(request):
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if not needs_second_factor(user):
        return redirect(next_url)
    if devices.has_authenticator(user) or (
        devices.has_any_device(user) and not has_passed_second_factor(user)
    ):
        # Setting up a second authenticator needs the first one: otherwise a password alone would do.
        return redirect(_with_next(reverse("secondfactor:verify"), next_url))

    device = devices.pending_authenticator(user)
    form = CodeForm(request.POST or None, numeric=True)
    if request.method == "POST" and form.is_valid():
        allowed, details = device.verify_is_allowed()
        if not allowed:
            form.add_error(None, _wait_message(details["locked_until"]))
        else:
            codes = devices.confirm_authenticator(device, form.cleaned_data["code"])
            if codes is not None:
                device.refresh_from_db()
                _complete_sign_in(request, device)
                return _render(request, "secondfactor/backup_codes.html", {"codes": codes})
            form.add_error(
                "code",
                _("That code does not match. Check the app shows %(site)s, then type its newest code.")
                % {"site": settings.SITE_NAME},
            )
    context = {
        "form": form,
        "qr_code": qr_svg(device.config_url, _("QR code to scan with your authenticator app")),
        "secret": devices.secret_for_typing(device),
        "digits": device.digits,
        "step": device.step,
    }
    return _render(request, "secondfactor/enrol.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes(request):
    """A signed-in staff member replaces their backup codes (when few are left, or they were lost)."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not needs_second_factor(user):
        return redirect(_next_url(request))
    if not has_passed_second_factor(user):
        # New codes would let a password alone finish signing in.
        return redirect(_with_next(reverse("secondfactor:verify"), request.get_full_path()))
    if request.method == "POST":
        codes = devices.issue_backup_codes(user)
        return _render(request, "secondfactor/backup_codes.html", {"codes": codes})
    return _render(request, "secondfactor/new_backup_codes.html", {"left": devices.backup_codes_left(user)})
