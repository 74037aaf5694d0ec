"""The home page, the safety page, robots.txt and the friendly error pages.

Error pages render from the template alone (no database query), so they still work when the
database is the reason for the error.
"""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from articles.models import Article
from caching.decorators import cacheable_reading_page
from modalities.models import Modality
from needs.vocabulary import in_shown_order, needs_in_use
from operations.unavailable import current_exception_is_database_outage, database_unavailable_response
from staff.denied import is_staff_member, staff_permission_denied

HOME_ARTICLE_COUNT = 4
# Reader-facing addresses crawlers should leave alone, in every language (relative to its home page).
NOT_FOR_CRAWLERS = ("volunteer/thanks/", "api/")


@cacheable_reading_page
@require_safe
def home(request):
    return render(
        request,
        "pages/home.html",
        {
            "modalities": Modality.objects.published().in_language(),
            "needs": in_shown_order(needs_in_use()),
            "articles": Article.objects.published().in_language()[:HOME_ARTICLE_COUNT],
        },
    )


@cacheable_reading_page
@require_safe
def safety(request):
    return render(request, "pages/safety.html")


@cacheable_reading_page
@require_safe
def robots_txt(request):
    homes = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            homes.append(reverse("home"))
    lines = [
        "User-agent: *",
        "Disallow: /inbox/",
        *(f"Disallow: {home}{path}" for home in homes for path in NOT_FOR_CRAWLERS),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def _error(request, status: int, template: str, context=None):
    return render(request, template, context, status=status)


def bad_request(request, exception=None):
    return _error(request, 400, "400.html")


def permission_denied(request, exception=None):
    if is_staff_member(getattr(request, "user", None)):
        return staff_permission_denied(request)  # says who is signed in and which role is needed
    return _error(request, 403, "403.html")


def csrf_failure(request, reason=""):
    """A form sent without a valid token (it sat open too long, or cookies are off): the friendly 403
    page, saying how to send it again. The reason stays out of the page: it helps no reader."""
    return _error(request, 403, "403.html", {"form_not_sent": True})


def page_not_found(request, exception=None):
    return _error(request, 404, "404.html")


def server_error(request):
    # A database that is away (even one that failed inside a middleware) is an outage, not a bug.
    if current_exception_is_database_outage():
        return database_unavailable_response(request)
    return _error(request, 500, "500.html")
