"""What a search lists: words that carry no need decide nothing, weak matches are left out (and can be
shown), the site's fixed pages and its words about languages are found, and "did you mean" only offers
words a reader can see."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from search import database, documents, engine, index
from search.plan import plan_query

PAGE = reverse("search:page")
API = reverse("search:api")


def urls(query, **options) -> list[str]:
    return [r.url for r in engine.search(query, per_page=50, **options).results]


FILLER = ["i want to", "i feel like", "i just want to know", "i think i need", "really"]


@pytest.mark.parametrize("filler", FILLER)
def test_filler_alone_lists_nothing(indexed_content, filler):
    assert engine.search(filler).total == 0


def test_filler_words_never_decide_the_ranking(indexed_content):
    for sentence, plain in [
        ("i want to stop my nightmares", "stop nightmares"),
        ("i really just want to feel less numb", "less numb"),
        ("i think i know that i need art", "art"),
    ]:
        assert urls(sentence)[:3] == urls(plain)[:3], sentence


def test_a_sentence_does_not_list_the_whole_site(indexed_content):
    everything = len(urls("therapy", everything=True))
    sentences = (
        "i have bad dreams",
        "my body is always tense",
        "how much does therapy cost",
        "help me sleep",
    )
    for sentence in sentences:
        assert 0 < len(urls(sentence)) < everything / 2, sentence


def test_weaker_matches_are_counted_and_can_be_shown(client, indexed_content):
    query = "how much does therapy cost"
    outcome = engine.search(query)
    assert outcome.weaker > 0
    assert engine.search(query, everything=True).total == outcome.total + outcome.weaker

    soup = BeautifulSoup(client.get(PAGE, {"q": "how much does therapy cost"}).content, "html.parser")
    note = soup.select_one(".search-weaker")
    assert f"{outcome.weaker} weaker match" in note.get_text()
    shown = client.get(note.select_one("a")["href"])
    listed = BeautifulSoup(shown.content, "html.parser").select("ol.search-results > li")
    assert len(listed) == min(10, outcome.total + outcome.weaker)
    assert client.get(API, {"q": "how much does therapy cost", "all": "1"}).json()["count"] == (
        outcome.total + outcome.weaker
    )


@pytest.mark.parametrize(
    "query", ["delete my history", "someone is watching my phone", "is this site safe", "private window"]
)
def test_the_safety_page_is_found(indexed_content, query):
    assert urls(query)[0] == reverse("safety")


def test_other_fixed_pages_are_found(indexed_content):
    assert reverse("modalities:compare") in urls("compare the therapies")[:3]
    assert reverse("volunteers:form") in urls("how can i volunteer")[:3]


def test_a_fixed_page_result_in_the_api(client, indexed_content):
    result = client.get(API, {"q": "clear my history"}).json()["results"][0]
    assert result == {**result, "type": "page", "url": reverse("safety"), "modalities": [], "tags": []}
    assert result["title"] and result["snippet"]


def test_fixed_pages_are_indexed_from_their_own_text(content):
    doc = documents.fixed_page_documents()["page:safety"]
    assert "Incognito" in doc["body"], "the page's own words, rendered from its template"
    assert "Need help now?" not in doc["body"], "only <main>, not the frame around it"


LANGUAGE = ["spanish", "español", "interpreter", "in my own language", "no hablo ingles"]


@pytest.mark.parametrize("query", LANGUAGE)
def test_language_searches_find_the_interpreter_and_language_content(indexed_content, query):
    found = urls(query)[:3]
    assert "/articles/finding-a-therapist-you-can-trust/" in found, (query, found)


def test_cards_show_at_most_three_tags(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "therapy", "all": "1"}).content, "html.parser")
    cards = soup.select("ol.search-results > li")
    assert cards
    assert all(len(card.select("ul.tags li")) <= 3 for card in cards)
    assert any(len(card.select("ul.tags li")) == 3 for card in cards)


def test_browse_by_need_only_on_the_empty_page_and_when_nothing_matched(client, indexed_content):
    def browse(**params):
        return BeautifulSoup(client.get(PAGE, params).content, "html.parser").select_one("#browse-by-need")

    assert browse() and browse(q="qwertyuiop")
    assert browse(q="nightmares") is None


def _article(word: str, **fields) -> Article:
    return Article.objects.create(
        title=f"About {word}",
        slug=word,
        summary=f"A page that uses the word {word}.",
        body=f"The word {word} appears here.",
        status=Status.PUBLISHED,
        **fields,
    )


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_did_you_mean_never_offers_the_words_of_a_scheduled_item(indexed_content, commit):
    with commit():
        _article("quillwort", published_at=timezone.now() + datetime.timedelta(days=2))
    outcome = engine.search("quilwort")
    assert "quillwort" not in outcome.suggestion
    assert engine.search("quilwort", everything=True).total == 0


def test_did_you_mean_never_offers_the_words_of_an_unpublished_item(indexed_content, commit):
    with commit():
        article = _article("quillwort")
    assert engine.search("quilwort").suggestion == "quillwort", "published: the word is offered"
    with commit():
        article.status = Status.DRAFT
        article.save()
    index.reset()  # a fresh reader, as another process would open
    assert engine.search("quilwort").suggestion == ""
    assert "About quillwort" not in [r.title for r in engine.search("quillwort").results]


def test_did_you_mean_in_the_api(client, indexed_content):
    assert client.get(API, {"q": "nightmars"}).json()["suggestion"] == "nightmares"
    assert client.get(API, {"q": "nightmares"}).json()["suggestion"] is None


def test_the_database_search_finds_fixed_pages_too(content):
    """While the index is rebuilt the database answers, and still finds the safety page."""
    assert database.search(plan_query("delete my history")).results[0].url == reverse("safety")
    lead = ("article:getting-help-now", "page:safety")
    found = [r.url for r in database.search(plan_query("they took my passport"), lead=lead).results[:2]]
    assert found == ["/articles/getting-help-now/", reverse("safety")]
