"""The search page and the JSON API. Both call search.engine.search, so they rank identically.

Both answer in the address's language (/es/search/ searches the Spanish pages with Spanish words).
Neither sets a cookie (no session, no CSRF token) and neither logs the query. The page answers GET
(links and the form without JavaScript) and POST: static/js/private-search.js sends the words in the
body, so they stay out of the address bar and the browser's history. A POST here changes nothing on
the server, which is why it needs no CSRF token (and must not set the CSRF cookie); its answer is
never stored, by the page cache or the browser.
"""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from caching.decorators import cacheable_reading_page
from caching.generation import content_generation
from choose.search_pointer import points_to_the_aid
from editorial.languages import reading_language
from needs.vocabulary import in_shown_order, needs_in_use
from search import engine
from search.documents import ARTICLE, MODALITY

# The API returns up to this many results at once; `count` is always the total.
API_MAX_RESULTS = 50
TYPE_CHOICES = (("", _("Everything")), (MODALITY, _("Therapy explainers")), (ARTICLE, _("Articles")))


def _params(request):
    data = request.POST if request.method == "POST" else request.GET
    return data.get("q", ""), data.get("type"), data.get("tag")


def _everything(request) -> bool:
    """?all=1 lists the matches under the relevance floor too."""
    data = request.POST if request.method == "POST" else request.GET
    return data.get("all") == "1"


_needs_by_generation: dict[tuple[str, str], list] = {}


def _needs() -> tuple[list, str | None]:
    """The needs in use in the reader's language, in the order shown, and the content generation they
    belong to (None when it is not known).

    Read once per content generation and language: every search page lists them, and a search nobody
    made before should not also cost the query behind them. The template keeps the filters it builds
    from them for the same generation and language.
    """
    token = content_generation.token()
    if token is None:
        return in_shown_order(needs_in_use()), None
    key = (token, reading_language())
    needs = _needs_by_generation.get(key)
    if needs is None:
        needs = in_shown_order(needs_in_use())
        if any(kept_token != token for kept_token, _language in _needs_by_generation):
            _needs_by_generation.clear()  # one generation at a time
        _needs_by_generation[key] = needs
    return needs, token


@cacheable_reading_page
@csrf_exempt  # a search changes nothing; see the module docstring
@require_http_methods(["GET", "HEAD", "POST"])
def search_page(request):
    raw, kind, tag = _params(request)
    data = request.POST if request.method == "POST" else request.GET
    everything = _everything(request)
    outcome = engine.search(raw, kind=kind, tag=tag, page=data.get("page", 1), everything=everything)
    kind, tag = engine.clean_filters(kind, tag)
    needs, needs_generation = _needs()
    filters = {key: value for key, value in (("q", outcome.query), ("type", kind), ("tag", tag)) if value}
    everything_filters = {**filters, "all": "1"}
    if everything:
        filters = everything_filters
    context = {
        "query": outcome.query,
        "outcome": outcome,
        "results": outcome.results,
        "needs": needs,
        "needs_generation": needs_generation,
        "type_choices": TYPE_CHOICES,
        "selected_type": kind or "",
        "selected_tag": tag or "",
        "query_string": urlencode(filters),
        "everything_query_string": urlencode(everything_filters),
        "unfiltered_query_string": urlencode({"q": outcome.query}),
        "suggestion_query_string": urlencode({"q": outcome.suggestion}) if outcome.suggestion else "",
        "page": _PageLinks(outcome),
        # The decision aid is a fixed page, not in the index: point to it when that is the question.
        "points_to_the_aid": points_to_the_aid(outcome.query),
    }
    response = render(request, "search/search.html", context)
    if request.method == "POST":
        add_never_cache_headers(response)  # the words in the body must not be kept anywhere
    return _not_kept_if_degraded(response, outcome)


@cacheable_reading_page
@require_safe
def search_api(request):
    raw, kind, tag = _params(request)
    everything = _everything(request)
    outcome = engine.search(raw, kind=kind, tag=tag, per_page=API_MAX_RESULTS, everything=everything)
    response = JsonResponse(outcome.as_json(), json_dumps_params={"ensure_ascii": False})
    return _not_kept_if_degraded(response, outcome)


def _not_kept_if_degraded(response, outcome):
    """Answers from the database fallback are not to be cached: the index is back within moments."""
    if outcome.source == "database":
        add_never_cache_headers(response)
    return response


class _PageLinks:
    """What templates/includes/pagination.html asks of a Django Page, for a page of search results."""

    def __init__(self, outcome):
        self.number = outcome.page
        self.paginator = outcome  # the include reads paginator.num_pages

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.paginator.num_pages

    def has_other_pages(self):
        return self.paginator.num_pages > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1
