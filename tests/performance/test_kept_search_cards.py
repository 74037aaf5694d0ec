"""Search result cards are kept per process (search/cards.py), and the pages they make are exactly
those rendered without keeping anything, before and after content changes.

Each query below is rendered with keeping switched off (every card rendered whole from its
template) and with it on (twice: the first fills the kept cards, the second only reuses them); the
HTML and the API's JSON must be the same bytes. Then content changes (a title edited, an article
published and withdrawn, a need added) and the comparison is made again.
"""

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from editorial.models import Status
from modalities.models import Modality
from search import cards

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = [
    "nightmares", "bad dreams", "trouble sleeping", "nightmars", "lonley", "flashbakcs",
    "i want to kill myself", "i want to hurt myself", "someone is hurting my child", "emdr",
    '"body memories"', "therapy", "can't trust anyone", "panic attacks&type=article",
    "sleep&tag=nightmares", "therapy&page=2", "trauma&all=1", "trauma&page=2&all=1", "the and of",
    "spanish", "delete my history", "flashbacks&type=modality", "anger&page=3",
    "<script>alert(1)</script>", "shame guilt numb", "angry scared alone", "body always tense",
    "memory dissociation group", "sleep&type=modality&tag=nightmares", "therapy&all=1&page=2",
    "nightmares sleep dreams&page=2",
]  # fmt: skip
SPANISH = [
    "pesadillas", "no puedo dormir", "quiero morir", "kiero matarme", "panico", "ansiedad&page=2",
    "terapia&all=1", "emdr", "recuerdos&tag=pesadillas", "soledad", "miedo verguenza", "terapia&page=2",
    "culpa&type=article", "me quiero hacer daño", "cuerpo tenso siempre", "confiar",
]  # fmt: skip
QUERIES = [("/search/", q) for q in ENGLISH] + [("/es/search/", q) for q in SPANISH]


@pytest.fixture
def no_page_cache(site, settings):
    # Every request renders: the comparison is between renderings, never with a stored page.
    settings.PAGE_CACHE_SECONDS = 0
    cards.forget()
    yield
    cards.forget()
    cards.keeping = True


def rendered(client, keeping: bool) -> dict[str, bytes]:
    cards.keeping = keeping
    pages = {}
    for path, query in QUERIES:
        for address in (path, path.replace("search/", "api/search/")):
            response = client.get(f"{address}?q={query}")
            assert response.status_code == 200, address + query
            pages[address + query] = response.content
    return pages


def assert_kept_cards_change_nothing(client) -> dict[str, bytes]:
    whole = rendered(client, keeping=False)
    assert rendered(client, keeping=True) == whole  # the kept cards, rendered now
    assert rendered(client, keeping=True) == whole  # and reused
    return whole


def test_kept_cards_give_the_same_pages_before_and_after_content_changes(client, no_page_cache):
    before = assert_kept_cards_change_nothing(client)
    assert sum(b'class="article-list search-results"' in page for page in before.values()) > 30

    emdr = Modality.objects.get(language="en", slug="emdr")
    emdr.title = "EMDR, renamed for this test"
    emdr.save()
    Article.objects.create(
        title="Nightmares and sleep, a new article", slug="nightmares-new", summary="Bad dreams and sleep.",
        body="Nightmares, bad dreams and trouble sleeping.", status=Status.PUBLISHED,
    )  # fmt: skip
    Article.objects.filter(language="en", slug="you-are-not-alone").update(status=Status.DRAFT)
    Modality.objects.get(language="es", slug="emdr").tags.add("pesadillas")

    after = assert_kept_cards_change_nothing(client)
    assert after != before
    assert any(b"EMDR, renamed for this test" in page for page in after.values())


def card_titles(client, query: str, path: str = "/search/") -> list[str]:
    soup = BeautifulSoup(client.get(f"{path}?q={query}").content, "html.parser")
    return [h3.get_text() for h3 in soup.select(".search-results h3")]


def card_of(client, query: str, title: str):
    soup = BeautifulSoup(client.get(f"/search/?q={query}").content, "html.parser")
    return next(li for li in soup.select(".search-results > li") if li.h3.get_text() == title)


def test_an_edited_title_shows_in_the_next_search(client, no_page_cache):
    emdr = Modality.objects.get(language="en", slug="emdr")
    assert emdr.title in card_titles(client, "emdr")
    assert emdr.title in card_titles(client, "emdr")  # kept

    emdr.title = "Eye movements (renamed)"
    emdr.save()

    titles = card_titles(client, "emdr")
    assert "Eye movements (renamed)" in titles and "EMDR" not in titles


def test_publishing_and_withdrawing_show_in_the_next_search(client, no_page_cache):
    article = Article.objects.create(
        title="Quiet evenings", slug="quiet-evenings", summary="Wind down.", body="Evenings.",
        status=Status.DRAFT,
    )  # fmt: skip
    assert "Quiet evenings" not in card_titles(client, "quiet evenings")

    article.status = Status.PUBLISHED
    article.save()
    assert "Quiet evenings" in card_titles(client, "quiet evenings")

    article.title = "Quiet nights"
    article.save()
    titles = card_titles(client, "quiet evenings")
    assert "Quiet nights" in titles and "Quiet evenings" not in titles

    article.status = Status.DRAFT
    article.save()
    assert "Quiet nights" not in card_titles(client, "quiet evenings")


def test_a_need_added_shows_on_the_card(client, no_page_cache):
    emdr = Modality.objects.get(language="en", slug="emdr")
    assert "waking at dawn" not in card_of(client, "emdr", emdr.title).get_text()

    emdr.tags.clear()
    emdr.tags.add("waking at dawn")

    assert "waking at dawn" in card_of(client, "emdr", emdr.title).get_text()


def test_each_language_has_its_own_cards(client, no_page_cache):
    english = card_titles(client, "emdr")
    spanish = card_titles(client, "emdr", "/es/search/")
    assert english and spanish
    spanish_links = BeautifulSoup(client.get("/es/search/?q=emdr").content, "html.parser").select(
        ".search-results .tags a"
    )
    english_links = BeautifulSoup(client.get("/search/?q=emdr").content, "html.parser").select(
        ".search-results .tags a"
    )
    assert spanish_links and all(a["href"].startswith("/es/") for a in spanish_links)
    assert english_links and not any(a["href"].startswith("/es/") for a in english_links)


def test_kept_cards_are_bounded(client, no_page_cache, monkeypatch):
    monkeypatch.setattr(cards, "MAX_KEPT", 3)
    for query in ("sleep", "trust", "panic", "anger", "memory"):
        client.get(f"/search/?q={query}")
    assert len(cards._kept) <= 3
