"""The public volunteer form and its thank-you page.

A POST goes through the guards in volunteers/guards.py, is stored in one transaction by
`Enquiry.objects.submit`, and redirects (303) to the thank-you page. Whatever goes wrong, the person
sees their answers again with a plain message: nothing they typed is lost, and nothing answers 500.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from volunteers import guards
from volunteers.forms import HONEYPOT_FIELD, STAMP_FIELD, TOKEN_FIELD, EnquiryForm
from volunteers.models import Enquiry

logger = logging.getLogger(__name__)

# Said to a bot and to a person alike: it tells a bot nothing about which check it failed.
CHECK_AND_SEND_AGAIN = _("Please check your answers, then press Send again.")
DATABASE_RETRY_SECONDS = 60
# The redirect to the thank-you page carries a signed mark, so the page can tell a form just sent
# from the address opened on its own (a bookmark, history, a guess). A reload within the hour still
# thanks; after that, or without the mark, the page claims nothing.
SENT_MARK = "sent"
SENT_MARK_SALT = "volunteers.thanks"
SENT_MARK_SECONDS = 60 * 60


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: the browser fetches the thank-you page with GET, so Reload never resends the form."""

    status_code = 303


def _to_thanks() -> HttpResponseSeeOther:
    mark = signing.TimestampSigner(salt=SENT_MARK_SALT).sign(SENT_MARK)
    return HttpResponseSeeOther(f"{reverse('volunteers:thanks')}?{urlencode({SENT_MARK: mark})}")


def _just_sent(request) -> bool:
    """Whether this visit comes from the form's redirect (a valid mark, less than an hour old)."""
    try:
        mark = request.GET.get(SENT_MARK, "")
        return (
            signing.TimestampSigner(salt=SENT_MARK_SALT).unsign(mark, max_age=SENT_MARK_SECONDS) == SENT_MARK
        )
    except signing.BadSignature:
        return False


def _render_form(request, form, token, stamp=None, *, status=200, template="volunteers/form.html"):
    context = {
        "form": form,
        "token": token,
        "stamp": stamp or guards.issue_stamp(token),
        "token_field": TOKEN_FIELD,
        "stamp_field": STAMP_FIELD,
        "honeypot_field": HONEYPOT_FIELD,
        "retention_days": settings.VOLUNTEER_RETENTION_DAYS,
        "wait_minutes": max(1, round(settings.VOLUNTEER_RATE_WINDOW_SECONDS / 60)),
    }
    response = render(request, template, context, status=status)
    if request.method == "POST":
        # This page holds what someone typed: a shared computer must not keep a copy.
        add_never_cache_headers(response)
    else:
        # A blank form may stay in the browser's own cache, so Back after sending shows the same
        # form, with the same one-time token, rather than a fresh one.
        patch_cache_control(response, private=True, no_cache=True, max_age=0)
    return response


def _unavailable(request, form, token, stamp):
    """The database is away: show the answers again with a 503, having saved nothing half-way."""
    response = _render_form(request, form, token, stamp, status=503, template="volunteers/unavailable.html")
    response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def volunteer_form(request):
    if request.method == "POST":
        return _submit(request)
    return _render_form(request, EnquiryForm(), guards.new_token())


def _submit(request):
    form = EnquiryForm(request.POST)
    if request.POST.get(HONEYPOT_FIELD):
        # Looks accepted to the bot; nothing is stored.
        logger.info("Volunteer form: honeypot filled in; nothing stored.")
        return _to_thanks()

    token = guards.parse_token(request.POST.get(TOKEN_FIELD))
    if token is None:
        # Not a form this site handed out: offer a fresh one, keeping the answers.
        form.is_valid()
        form.add_error(None, CHECK_AND_SEND_AGAIN)
        return _render_form(request, form, guards.new_token())
    stamp = request.POST.get(STAMP_FIELD, "")
    age = guards.stamp_age(stamp, token)
    if age is None:
        stamp = None

    try:
        if Enquiry.objects.filter(submission_token=token).exists():
            # A double-click or a resent POST: the first one is already stored.
            return _to_thanks()
    except DatabaseError:
        form.is_valid()
        return _unavailable(request, form, token, stamp)

    if not form.is_valid():
        return _render_form(request, form, token, stamp)
    if age is None or age < settings.VOLUNTEER_MIN_FILL_SECONDS:
        form.add_error(None, CHECK_AND_SEND_AGAIN)
        return _render_form(request, form, token, stamp)
    if not guards.rate_limit_allows(request):
        response = _render_form(
            request, form, token, stamp, status=429, template="volunteers/please_wait.html"
        )
        response["Retry-After"] = str(settings.VOLUNTEER_RATE_WINDOW_SECONDS)
        return response

    answers = form.answers()
    fingerprint = guards.answers_fingerprint(answers)
    try:
        if Enquiry.objects.recent_duplicate(fingerprint).exists():
            # The same answers again from a freshly loaded form (Back, then Send): already stored.
            return _to_thanks()
        Enquiry.objects.submit(
            submission_token=token, fingerprint=fingerprint, language=translation.get_language(), **answers
        )
    except IntegrityError:
        # Two requests with one token raced; whichever lost finds the winner's enquiry stored.
        if _token_stored(token):
            return _to_thanks()
        return _unavailable(request, form, token, stamp)
    except DatabaseError as exc:
        logger.error("Volunteer form: could not store an enquiry (%s).", type(exc).__name__)
        return _unavailable(request, form, token, stamp)
    return _to_thanks()


def _token_stored(token) -> bool:
    try:
        return Enquiry.objects.filter(submission_token=token).exists()
    except DatabaseError:
        return False


@require_safe
def thanks(request):
    # Renders no form and touches no session, so this page sets no cookie.
    context = {"retention_days": settings.VOLUNTEER_RETENTION_DAYS, "just_sent": _just_sent(request)}
    return render(request, "volunteers/thanks.html", context)
