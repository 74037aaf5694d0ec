"""Views opt in to the page cache one by one; the page cache keeps no list of addresses and knows
nothing of the content apps."""

import ast
from pathlib import Path

import pytest
from django.contrib.sitemaps.views import sitemap
from django.test import RequestFactory

from caching import policy
from caching.decorators import cacheable_reading_page, is_cacheable_reading_page
from tests.conftest import ROOT
from tests.performance import urls_opt_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.urls("tests.performance.urls_opt_in")
def test_only_a_view_that_opts_in_is_served_from_the_cache(client, page_cache):
    urls_opt_in.calls.clear()
    for _ in range(2):
        assert client.get("/articles/opted-in/").status_code == 200
        assert client.get("/articles/not-opted-in/").status_code == 200
    assert urls_opt_in.calls.count("opted-in") == 1, "the second request was a cache hit"
    assert urls_opt_in.calls.count("not-opted-in") == 2, "never cached, whatever its address"


def test_an_address_that_leads_to_no_view_is_not_cacheable():
    assert not policy.request_is_cacheable(RequestFactory().get("/articles/no/such/page/here/"))


def test_the_mark_sits_on_a_wrapper_and_the_view_keeps_its_attributes():
    def view(request):
        return None

    view.csrf_exempt = True
    marked = cacheable_reading_page(view)
    assert is_cacheable_reading_page(marked) and marked.csrf_exempt
    assert not is_cacheable_reading_page(view)
    assert not is_cacheable_reading_page(sitemap), "a library's view is wrapped, never changed"


def _first_party_packages() -> set[str]:
    return {path.parent.name for path in ROOT.glob("*/__init__.py")} - {"tests"}


def _imported_packages(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_page_cache_imports_no_other_app_of_the_project():
    """Content apps hand the page cache what it needs (register_generation, the decorator); it never
    reaches for them, so it can be reused, or the content apps changed, without touching it."""
    others = _first_party_packages() - {"caching"}
    for path in sorted((ROOT / "caching").rglob("*.py")):
        assert not (_imported_packages(path) & others), (
            f"{path.relative_to(ROOT)} imports {_imported_packages(path) & others}"
        )
