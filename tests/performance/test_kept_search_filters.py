"""The search filters are built once per content generation and kept (pages/templatetags/frame.py).

A search page renders the same "Need or symptom" list for everyone; keeping it saves time on every
search, but a need added by an editor must appear in the next search, not after a restart.
"""

from bs4 import BeautifulSoup

from modalities.models import Modality


def need_options(client) -> list[str]:
    # POST, as the private search sends it: never answered from the page cache.
    soup = BeautifulSoup(client.post("/search/", {"q": "sleep"}).content, "html.parser")
    return [option.get_text() for option in soup.select("#search-tag option")]


def chosen_option(client, tag: str) -> list[str]:
    soup = BeautifulSoup(client.post("/search/", {"q": "sleep", "tag": tag}).content, "html.parser")
    return [option.get_text() for option in soup.select("#search-tag option[selected]")]


def test_a_need_added_by_an_editor_is_offered_in_the_next_search(client, site):
    before = need_options(client)
    assert "nightmares" in before and "waking at dawn" not in before
    assert need_options(client) == before  # kept: the same list again

    Modality.objects.get(language="en", slug="emdr").tags.add("waking at dawn")

    assert "waking at dawn" in need_options(client)


def test_each_chosen_filter_is_shown_as_chosen(client, site):
    assert chosen_option(client, "nightmares") == ["nightmares"]
    assert chosen_option(client, "panic") == ["panic"]
    assert chosen_option(client, "") == []
