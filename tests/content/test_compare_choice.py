"""The compare page's choice of two or three therapies, read from the address (a GET form)."""

import pytest
from bs4 import BeautifulSoup

COMPARE = "/modalities/compare/"


def page(client, query: str = ""):
    response = client.get(COMPARE + query)
    assert response.status_code == 200
    assert not response.cookies
    return BeautifulSoup(response.content, "html.parser")


def test_without_a_choice_every_therapy_is_listed_and_every_box_is_unticked(client, content):
    soup = page(client)
    assert soup.select("table.compare--all tbody tr")
    assert not soup.select("table.compare--chosen")
    assert not soup.select(".compare-picker input[checked]")
    assert not soup.select(".compare-picker__error")


@pytest.mark.parametrize("query", ["?show=emdr&show=tf-cbt", "?show=tf-cbt&show=emdr&show=art-therapy"])
def test_two_or_three_chosen_are_shown_side_by_side_in_the_sites_order(client, content, query):
    soup = page(client, query)
    chosen = [a["href"] for a in soup.select("table.compare--chosen thead th a")]
    picked = [f"/modalities/{slug.split('=')[1]}/" for slug in query[1:].split("&")]
    assert sorted(chosen) == sorted(picked)
    order = [a["href"] for a in page(client).select("table.compare--all tbody th a")]
    assert chosen == [href for href in order if href in chosen]
    # One column per therapy, a row of each compared fact, each labelled across the columns.
    groups = soup.select("table.compare--chosen tbody")
    assert [g.th.get_text() for g in groups] == [th.get_text() for th in page(client).select("thead th")][1:]
    assert all(len(g.select("td")) == len(chosen) for g in groups)
    assert all(
        box.has_attr("checked") for box in soup.select(".compare-picker input") if box["value"] in query
    )
    assert not soup.select("table.compare--all")


@pytest.mark.parametrize(
    "query, message",
    [
        ("?show=emdr", "You picked 1 therapy."),
        ("?show=emdr&show=tf-cbt&show=art-therapy&show=music-therapy", "You picked 4 therapies."),
        ("?show=no-such-therapy&show=emdr", "no-such-therapy"),
        ("?show=", "not one of the available choices"),
        ("?show=%3Cscript%3E", "not one of the available choices"),
    ],
)
def test_a_choice_that_cannot_be_shown_says_why_and_lists_every_therapy(client, content, query, message):
    soup = page(client, query)
    assert message in soup.select_one(".compare-picker__error").get_text()
    assert soup.select("table.compare--all tbody tr")
    assert not soup.select("table.compare--chosen")
    assert "<script>" not in str(soup.select_one(".compare-picker__error"))
