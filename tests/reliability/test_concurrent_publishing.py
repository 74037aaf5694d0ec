"""A crowd of editors publishing while readers search: the index stays whole and loses no update;
and with the index wrecked, the site as a whole still serves."""

import threading

from django.db import connection
from django.test import Client

from articles.models import Article
from editorial.models import Status
from search import engine, index

PUBLISHERS = 20
SEARCHERS = 3
SEARCHES_EACH = 15
JOIN_SECONDS = 120
WORDS = [
    "amber", "birch", "cedar", "dahlia", "elm", "fern", "ginkgo", "hazel", "iris", "juniper",
    "kelp", "larch", "maple", "nettle", "olive", "poppy", "quince", "rowan", "sorrel", "tansy",
]  # fmt: skip


def run_threads(targets):
    errors = []

    def guarded(target):
        try:
            target()
        except Exception as exc:  # collected, so the test fails with the reason
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return errors


def test_twenty_simultaneous_publishes_while_searching(transactional_content, settings):
    settings.SEARCH_FRESHNESS_SECONDS = 0
    index.rebuild()
    barrier = threading.Barrier(PUBLISHERS + SEARCHERS)

    def publish(word):
        def go():
            barrier.wait()
            article = Article.objects.create(
                title=f"Gardening with {word}", slug=f"gardening-{word}", summary=f"About {word}.",
                body=f"Growing {word} may calm a busy mind.", status=Status.DRAFT,
            )  # fmt: skip
            article.status = Status.PUBLISHED
            article.save()
            article.tags.add("stress")

        return go

    def search():
        barrier.wait()
        reader = Client()
        for i in range(SEARCHES_EACH):
            assert reader.get("/api/search/", {"q": WORDS[i % len(WORDS)]}).status_code == 200
            assert reader.get("/search/", {"q": "nightmares"}).status_code == 200

    errors = run_threads([publish(w) for w in WORDS] + [search] * SEARCHERS)
    assert errors == []

    # Every single publish reached the index: nothing lost, nothing corrupt.
    for word in WORDS:
        results = engine.search(word)
        assert results.source == "index"
        assert f"Gardening with {word}" in [r.title for r in results.results], word
    assert engine.search("nightmares").results


def test_site_still_serves_with_the_index_destroyed(transactional_content, settings):
    index.rebuild()
    for path in settings.SEARCH_INDEX_DIR.rglob("*"):
        if path.is_file():
            path.write_bytes(b"\x00not an index")
    reader = Client(raise_request_exception=False)
    for url in ["/", "/modalities/emdr/", "/articles/", "/tags/nightmares/", "/safety/", "/volunteer/"]:
        assert reader.get(url).status_code == 200, url
    for url in ["/search/", "/api/search/"]:
        response = reader.get(url, {"q": "bad dreams"})
        assert response.status_code == 200
        assert b"Bad dreams and trouble sleeping" in response.content
