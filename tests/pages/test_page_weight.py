"""Light pages: an explainer with everything it loads stays under 60 KB, with no script framework."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from tests.pages.public_urls import MODALITY_SLUGS

PAGE_BUDGET_BYTES = 60 * 1024


def subresources(html: bytes) -> list[str]:
    """Every stylesheet, script and icon the page makes the browser fetch."""
    soup = BeautifulSoup(html, "html.parser")
    return [
        link["href"] for link in soup.find_all("link", href=True) if "alternate" not in link.get("rel", [])
    ] + [script["src"] for script in soup.find_all("script", src=True)]


def static_size(url: str) -> int:
    path = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not one of this site's static files"
    with open(path, "rb") as handle:
        return len(handle.read())


def test_every_explainer_with_its_css_and_js_is_under_60_kb(client, content):
    weights = {}
    for slug in MODALITY_SLUGS:
        html = client.get(f"/modalities/{slug}/").content
        weights[slug] = len(html) + sum(static_size(url) for url in subresources(html))
    over = {slug: weight for slug, weight in weights.items() if weight >= PAGE_BUDGET_BYTES}
    assert over == {}, f"over {PAGE_BUDGET_BYTES} bytes: {over}"


def test_an_explainer_runs_one_small_script_of_our_own(client, content):
    soup = BeautifulSoup(client.get("/modalities/emdr/").content, "html.parser")
    assert [script["src"] for script in soup.find_all("script")] == [static("js/quick-exit.js")]
    assert static_size(static("js/quick-exit.js")) < 6 * 1024
