"""The way in: home, every explainer and the compare page link to the aid, and search points to it."""

import pytest
from bs4 import BeautifulSoup

from choose.search_pointer import points_to_the_aid
from modalities.models import Modality

AID = "/choose/"


def links_to_the_aid(client, path) -> bool:
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return any(a["href"] == AID for a in soup.find_all("a", href=True))


def test_home_every_explainer_and_the_compare_page_link_to_the_aid(client, content):
    english = Modality.objects.published().filter(language="en")
    paths = ["/", "/modalities/compare/", *(m.get_absolute_url() for m in english)]
    assert len(paths) >= 8
    assert [path for path in paths if not links_to_the_aid(client, path)] == []


def test_searching_which_therapy_is_right_for_me_finds_the_aid(client, content):
    response = client.get("/search/", {"q": "which therapy is right for me"})
    soup = BeautifulSoup(response.content, "html.parser")
    results = soup.find(id="results-title").parent
    assert results.find("a", href=AID)


def test_an_ordinary_search_does_not_point_to_the_aid(client, content):
    soup = BeautifulSoup(client.get("/search/", {"q": "nightmares"}).content, "html.parser")
    assert soup.find("a", href=AID, string="Start the questions") is None


@pytest.mark.parametrize(
    "query",
    ["Which therapy is right for me?", "what treatment suits me", "best therapy", "¿Qué terapia es para mí?"],
)
def test_ways_of_asking_which_therapy(query):
    assert points_to_the_aid(query)


@pytest.mark.parametrize("query", ["nightmares", "art therapy", "is emdr right", ""])
def test_other_searches_are_left_alone(query):
    assert not points_to_the_aid(query)
