"""One sitemap names every page in both languages; each language has its own Atom feed."""

import xml.etree.ElementTree as ET

from tests.content.test_feed_conformance import ATOM, atom_problems

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """Each listed address, with its alternates by hreflang."""
    root = ET.fromstring(client.get("/sitemap.xml").content)
    entries = {}
    for url in root.findall(f"{SITEMAP}url"):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        entries[url.findtext(f"{SITEMAP}loc")] = alternates
    return entries


def test_the_sitemap_lists_each_page_in_both_languages_with_its_alternates(client, content):
    entries = sitemap_entries(client)
    host = "http://testserver"
    for path in ["/", "/modalities/emdr/", "/articles/getting-help-now/", "/safety/"]:
        english, spanish = f"{host}{path}", f"{host}/es{path}"
        assert english in entries and spanish in entries, path
        expected = {"en": english, "es": spanish, "x-default": english}
        assert entries[english] == entries[spanish] == expected, path


def test_every_sitemap_entry_has_alternates(client, content):
    # A page not written in Spanish yet is listed in English only (tests/pages/test_reading_language.py).
    assert all(
        alternates.keys() in ({"en", "es", "x-default"}, {"en", "x-default"})
        for alternates in sitemap_entries(client).values()
    )


def test_robots_txt_keeps_crawlers_out_of_both_languages_private_corners(client, db):
    robots = client.get("/robots.txt").content.decode().splitlines()
    for path in ["/inbox/", "/api/", "/volunteer/thanks/", "/es/api/", "/es/volunteer/thanks/"]:
        assert f"Disallow: {path}" in robots
    assert sum(line.startswith("Sitemap:") for line in robots) == 1


def feed(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content


def test_each_language_has_a_valid_article_feed(client, content):
    for path, language in [("/feeds/articles/", "en"), ("/es/feeds/articles/", "es")]:
        document = feed(client, path)
        assert atom_problems(document) == [], path
        assert ET.fromstring(document).get(XML_LANG) == language, path


def test_the_spanish_feed_links_to_spanish_pages(client, content):
    root = ET.fromstring(feed(client, "/es/feeds/articles/"))
    links = [link.get("href") for link in root.iter(f"{ATOM}link") if link.get("rel") != "self"]
    assert links and all("/es/" in href for href in links), links
    self_link = next(link.get("href") for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.endswith("/es/feeds/articles/")
