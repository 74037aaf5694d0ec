"""Search page and JSON API (placeholder: a simple database search until the Whoosh index lands)."""

from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.needs import needs_in_use
from modalities.models import Modality

MAX_QUERY_LENGTH = 200


def _results(query):
    if not query:
        return []
    results = []
    for model, kind in ((Modality, "modality"), (Article, "article")):
        q = Q(title__icontains=query) | Q(summary__icontains=query) | Q(tags__name__icontains=query)
        for obj in model.objects.published().filter(q).distinct():
            results.append(
                {
                    "title": obj.title,
                    "url": obj.get_absolute_url(),
                    "type": kind,
                    "modalities": [],
                    "tags": [],
                    "snippet": obj.summary,
                }
            )
    return results


@require_safe
def search_page(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    return render(
        request,
        "search/search.html",
        {"query": query, "results": _results(query), "needs": needs_in_use()},
    )


@require_safe
def search_api(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = _results(query)
    return JsonResponse({"query": query, "count": len(results), "results": results})
