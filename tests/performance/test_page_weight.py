"""Page weight budget: an explainer (HTML + CSS + JS) stays under 60 KB uncompressed."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from modalities.models import SLUGS

PAGE_WEIGHT_BUDGET = 60 * 1024

pytestmark = pytest.mark.django_db(transaction=True)


def static_path(url: str) -> str:
    return url.removeprefix("/static/").split("?")[0]


def test_every_explainer_fits_the_page_weight_budget(client, site):
    for slug in SLUGS:
        assert page_weight(client, slug) < PAGE_WEIGHT_BUDGET, slug


def page_weight(client, slug: str) -> int:
    """Bytes of the explainer's HTML plus every stylesheet and script it loads, uncompressed."""
    html = client.get(f"/modalities/{slug}/").content
    page = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in page.find_all("script", src=True)]
    assert assets, "no stylesheet or script found"
    total = len(html)
    for url in assets:
        path = finders.find(static_path(url))
        assert path, f"{url} is not a self-hosted static file"
        with open(path, "rb") as f:
            total += len(f.read())
    return total
