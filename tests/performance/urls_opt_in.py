"""Two identical reading views at look-alike addresses; only one opts in to the page cache."""

from django.http import HttpResponse
from django.urls import path

from caching.decorators import cacheable_reading_page

calls: list[str] = []


def _page(name: str):
    def view(request):
        calls.append(name)
        return HttpResponse(f"<!doctype html><title>{name}</title>" + "<p>The same for everyone.</p>" * 20)

    return view


urlpatterns = [
    path("articles/opted-in/", cacheable_reading_page(_page("opted-in"))),
    path("articles/not-opted-in/", _page("not-opted-in")),
]
