"""No page asks the browser to fetch anything from another host, and nothing runs inline.

Links a reader may choose to follow (references) are fine; what is checked here is everything a
browser loads by itself: scripts, styles, fonts, images, frames, and url()s inside stylesheets.
The real-browser test (tests/browser/test_privacy_in_browser.py) watches the network as well.
"""

import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders

# (tag, attribute) pairs a browser fetches without a click.
FETCHED = [
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("iframe", "src"),
    ("frame", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("input", "src"),
]
# <link> relations that only name another address (the page in another language, the canonical
# page): a browser fetches nothing for them. Any other relation (stylesheet, icon, preload...) counts.
NAMED_ONLY = {"alternate", "canonical"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)
ABSOLUTE_URL = re.compile(r"\bhttps?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.IGNORECASE)
SAME_HOSTS = {"", "testserver"}


def is_same_host(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme in ("", "http", "https") and parts.netloc in SAME_HOSTS


def candidate_urls(value: str, attribute: str) -> list[str]:
    if attribute == "srcset":
        return [item.split()[0] for item in value.split(",") if item.strip()]
    return [value]


def is_fetched(element) -> bool:
    if element.name != "link":
        return True
    relations = {relation.lower() for relation in element.get("rel", [])}
    return not relations or not relations <= NAMED_ONLY


def fetched_urls(soup: BeautifulSoup) -> list[str]:
    urls = []
    for tag, attribute in FETCHED:
        for element in soup.find_all(tag, attrs={attribute: True}):
            if is_fetched(element):
                urls += candidate_urls(element[attribute], attribute)
    for style in soup.find_all("style"):
        urls += [a or b for a, b in CSS_URL.findall(style.get_text())]
    return urls


def static_file_text(url: str) -> str:
    path = finders.find(urlsplit(url).path.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not a static file of this site"
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def test_no_page_loads_anything_from_another_host(client, html_pages):
    foreign = {}
    for path in html_pages:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        elsewhere = [url for url in fetched_urls(soup) if not is_same_host(url)]
        if elsewhere:
            foreign[path] = elsewhere
    assert foreign == {}


def test_no_page_has_inline_script_style_or_event_handlers(client, html_pages):
    # The CSP would block them, so each would be a feature that silently does not work.
    found = {}
    for path in html_pages:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        inline = [str(s)[:80] for s in soup.find_all("script") if not s.get("src") and not _is_data(s)]
        inline += [f"<style> in {path}" for _ in soup.find_all("style")]
        inline += [
            f"{el.name}[{attr}]"
            for el in soup.find_all(True)
            for attr in el.attrs
            if attr == "style" or attr.startswith("on")
        ]
        if inline:
            found[path] = inline
    assert found == {}


def _is_data(script) -> bool:
    """A JSON data island (`json_script`) is not executed, so the CSP allows it."""
    return script.get("type") == "application/json"


def test_stylesheets_and_scripts_fetch_nothing_from_another_host(client, html_pages):
    assets = set()
    for path in html_pages:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        assets |= {link["href"] for link in soup.find_all("link", rel="stylesheet")}
        assets |= {script["src"] for script in soup.find_all("script", src=True)}
    assert any(asset.endswith("site.css") for asset in assets)
    foreign = {}
    for asset in sorted(assets):
        text = static_file_text(asset)
        if asset.endswith(".css"):
            elsewhere = [a or b for a, b in CSS_URL.findall(text) if not is_same_host(a or b)]
        else:
            # No script talks to another host: no analytics, no beacons, no fetched fonts.
            elsewhere = ABSOLUTE_URL.findall(text)
        if elsewhere:
            foreign[asset] = elsewhere
    assert foreign == {}


def test_the_check_itself_spots_a_font_from_another_host():
    html = '<link rel="stylesheet" href="https://fonts.example/css">'
    html += '<img srcset="/a.png 1x, //cdn.example/b.png 2x">'
    soup = BeautifulSoup(html, "html.parser")
    assert [url for url in fetched_urls(soup) if not is_same_host(url)] == [
        "https://fonts.example/css",
        "//cdn.example/b.png",
    ]
