"""Privacy headers that Django's SecurityMiddleware does not set itself.

SecurityMiddleware sends `Referrer-Policy: no-referrer` on every response, so a site a reader goes
to next never learns where they came from. A page that holds a form protected by a CSRF token is the
exception: browsers send `Origin: null` with a form posted from a no-referrer page, and Django's CSRF
check (rightly) refuses it. Those pages (the volunteer form, staff pages) get `same-origin` instead:
the site itself sees the origin, other sites still get nothing.
"""

from django.conf import settings

from pages.static_headers import CROSS_ORIGIN_RESOURCE_POLICY

# Sends the referrer to this site only; nothing leaves for another host.
FORM_PAGE_REFERRER_POLICY = "same-origin"


def renders_csrf_form(response) -> bool:
    """Whether the page holds a form that posts back here.

    Asking for a CSRF token (`{% csrf_token %}`) always makes CsrfViewMiddleware (re)send its cookie,
    and nothing else does, so the cookie on the response is the sign.
    """
    return settings.CSRF_COOKIE_NAME in response.cookies


class PrivacyHeadersMiddleware:
    """Adds Permissions-Policy and Cross-Origin-Resource-Policy, and switches off DNS prefetching.

    Sits outside CsrfViewMiddleware, so a response passing back through here already carries the
    CSRF cookie when the page asked for a token.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        # Browsers may look up the hosts of links on a page before anyone clicks them; a reader's
        # DNS resolver should not learn which references they were reading about.
        response.headers.setdefault("X-DNS-Prefetch-Control", "off")
        # Another site may link to a page but not embed or read it, even with a reader's browser.
        response.headers.setdefault("Cross-Origin-Resource-Policy", CROSS_ORIGIN_RESOURCE_POLICY)
        if renders_csrf_form(response):
            response.headers["Referrer-Policy"] = FORM_PAGE_REFERRER_POLICY
        return response
