"""The search page takes the words in a POST body too (the script sends them so), and that answer
is never stored, sets no cookie and needs no CSRF token; links with ?q= keep working."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_search_by_post_shows_the_same_results_as_by_get(content):
    by_get = BeautifulSoup(Client().get("/search/", {"q": "nightmares"}).content, "html.parser")
    by_post = BeautifulSoup(Client().post("/search/", {"q": "nightmares"}).content, "html.parser")
    titles = lambda page: [a.get_text() for a in page.select("ol.search-results h3 a")]  # noqa: E731
    assert titles(by_post) == titles(by_get)
    assert titles(by_post)


def test_a_search_by_post_is_never_stored_and_sets_no_cookie(content):
    response = Client(enforce_csrf_checks=True).post("/search/", {"q": "nightmares"})
    assert response.status_code == 200  # no CSRF token needed: a search changes nothing
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_filters_and_pages_come_from_the_post_body(content):
    response = Client().post("/search/", {"q": "therapy", "type": "modality"})
    page = BeautifulSoup(response.content, "html.parser")
    kinds = {p.get_text() for p in page.select("ol.search-results li > p.note")}
    assert kinds == {"Therapy explainer"}
