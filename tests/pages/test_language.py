"""English unprefixed, Spanish under /es/: the address alone decides the language.

No cookie is read or set, the browser's Accept-Language is ignored, nothing redirects and nothing
varies on Accept-Language: a language cookie would be a trace on a shared device, and a redirect or
a Vary would surprise readers and split the page cache.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.pages import public_urls
from tests.pages.public_urls import in_spanish
from tests.pages.test_page_frame import frame_problems


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def html_lang(response) -> str:
    return soup_of(response).html["lang"]


def test_a_spanish_address_is_served_in_spanish(client, content):
    response = client.get("/es/")
    assert response.status_code == 200
    assert html_lang(response) == "es"
    assert response["Content-Language"] == "es"


def test_an_english_address_stays_english_whatever_the_browser_asks_for(client, content):
    client.cookies["django_language"] = "es"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert response.status_code == 200, "a reader asking for Spanish must not be redirected"
    assert html_lang(response) == "en"
    assert response["Content-Language"] == "en"


def test_language_leaves_no_trace_and_splits_no_cache(client, content):
    for path in ["/", "/es/", "/es/modalities/emdr/", "/es/search/?q=sueño", "/es/feeds/articles/"]:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="es")
        assert not response.cookies, path
        assert "accept-language" not in response.get("Vary", "").lower(), path


def test_the_language_of_one_request_does_not_carry_into_the_next(client, content):
    client.get("/es/modalities/")
    assert html_lang(client.get("/modalities/")) == "en"
    assert reverse("home") == "/"
    assert translation.get_language() == settings.LANGUAGE_CODE


def test_every_english_address_answers_as_before(client, every_public_url):
    answers = {path: client.get(path).status_code for path in every_public_url}
    expected = {path: 404 if path == public_urls.MISSING_PAGE else 200 for path in every_public_url}
    assert answers == expected


def test_every_reader_facing_page_has_a_spanish_address(client, content):
    answers = {}
    for path in public_urls.spanish_html_pages():
        response = client.get(path)
        answers[path] = (response.status_code, html_lang(response))
    expected = {
        path: (404 if path == in_spanish(public_urls.MISSING_PAGE) else 200, "es")
        for path in public_urls.spanish_html_pages()
    }
    assert answers == expected


def test_the_spanish_pages_have_the_whole_frame(client, content):
    problems = []
    for path in public_urls.spanish_html_pages():
        problems += [f"{path}: {p}" for p in frame_problems(client.get(path).content, language="es")]
    assert problems == []


def test_the_spanish_search_api_and_feed_answer(client, content):
    for path in public_urls.spanish_machine_pages():
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Language"] == "es", path


@pytest.mark.parametrize(
    "path", ["/es/inbox/", f"/es/{settings.ADMIN_URL}", "/es/sitemap.xml", "/es/robots.txt"]
)
def test_staff_pages_and_crawler_files_have_no_spanish_address(client, db, path):
    assert client.get(path).status_code == 404


def test_staff_pages_stay_english_and_offer_no_other_language(admin_client):
    response = admin_client.get("/inbox/")
    assert response.status_code == 200
    page = soup_of(response)
    assert page.html["lang"] == "en"
    assert not page.select("link[hreflang]")
    assert not page.select("header a[hreflang]")


def alternates(response) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"] for link in soup_of(response).select('link[rel="alternate"][hreflang]')
    }


@pytest.mark.parametrize("path", ["/modalities/emdr/", "/es/modalities/emdr/"])
def test_each_page_names_both_languages_for_search_engines(client, content, path):
    assert alternates(client.get(path)) == {
        "en": f"{settings.SITE_URL}/modalities/emdr/",
        "es": f"{settings.SITE_URL}/es/modalities/emdr/",
        "x-default": f"{settings.SITE_URL}/modalities/emdr/",
    }


def language_switch(response):
    links = soup_of(response).select("header a[hreflang]")
    assert len(links) == 1
    return links[0]


def test_an_english_page_links_to_itself_in_spanish(client, content):
    link = language_switch(client.get("/modalities/emdr/"))
    assert link["href"] == "/es/modalities/emdr/"
    assert link["hreflang"] == "es" and link["lang"] == "es"
    assert link.get_text(strip=True) == "Español"


def test_a_spanish_page_links_to_itself_in_english(client, content):
    link = language_switch(client.get("/es/modalities/emdr/"))
    assert link["href"] == "/modalities/emdr/"
    assert link["hreflang"] == "en" and link["lang"] == "en"
    assert link.get_text(strip=True) == "English"


def test_the_language_link_keeps_what_the_reader_asked_for(client, content):
    link = language_switch(client.get("/modalities/compare/?show=emdr&show=tf-cbt"))
    assert link["href"] == "/es/modalities/compare/?show=emdr&show=tf-cbt"


def test_the_kept_frame_never_serves_one_page_s_language_link_on_another(client, content):
    """The frame's fragments are kept per language (pages/frame.py); the language link follows the page."""
    for path in ["/modalities/", "/articles/", "/es/articles/", "/modalities/", "/es/safety/"]:
        expected = path.removeprefix("/es") if path.startswith("/es/") else in_spanish(path)
        assert language_switch(client.get(path))["href"] == expected, path


def test_a_missing_page_offers_the_other_language_s_home_and_no_alternates(client, content):
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    assert html_lang(response) == "es"
    assert language_switch(response)["href"] == "/"
    assert alternates(response) == {}
