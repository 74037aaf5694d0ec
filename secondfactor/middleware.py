"""Staff pages refuse a session that has passed only the password.

Runs after django-otp's OTPMiddleware (which tells whether this session passed the second factor).
A session whose user `needs_second_factor` but has not passed it reaches only the second-factor
pages and sign-out; every other view (the admin at any DJANGO_ADMIN_URL, the inbox, any staff page
added later) answers with a redirect to the second step, or to setting up an authenticator when the
account has none yet. The original address rides along as `next`.

A request without a session cookie has nobody signed in: it passes straight through without reading
`request.user`, since touching the session would add `Vary: Cookie` to reading pages and keep them
out of the page cache. Reading pages still set no cookie.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode

from secondfactor.devices import has_any_device
from secondfactor.policy import is_half_signed_in

# What a half-signed-in session may open: the second step, setting up an authenticator, and
# signing out. Nothing else, not even the other pages of the secondfactor app.
OPEN_BEFORE_SECOND_FACTOR = {("secondfactor", "verify"), ("secondfactor", "enrol"), ("admin", "logout")}


def second_step_url(user, next_url: str = "") -> str:
    name = "secondfactor:verify" if has_any_device(user) else "secondfactor:enrol"
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        match = request.resolver_match
        if (match.namespace, match.url_name) in OPEN_BEFORE_SECOND_FACTOR:
            return None
        if not is_half_signed_in(request.user):
            return None
        next_url = request.get_full_path() if request.method in ("GET", "HEAD") else ""
        response = HttpResponseRedirect(second_step_url(request.user, next_url))
        add_never_cache_headers(response)
        return response
