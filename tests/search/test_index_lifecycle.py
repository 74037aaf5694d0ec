"""The index follows the database: after each commit, on other app servers, and when it breaks."""

import datetime
import json
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from whoosh.index import open_dir

from articles.models import Article
from editorial.models import ContentVersion, Status
from modalities.models import Modality
from search import documents, engine, index
from tests.conftest import ROOT


def found(query, **filters) -> list[str]:
    return [r.title for r in engine.search(query, per_page=50, **filters).results]


def new_article(**fields) -> Article:
    values = {
        "title": "Quokka breathing exercises",
        "slug": "quokka-breathing",
        "summary": "A calm page about quokka breathing.",
        "body": "Slow quokka breathing can help when panic rises.",
        "status": Status.PUBLISHED,
    }
    values.update(fields)
    return Article.objects.create(**values)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a block as if it committed: the on_commit callbacks run at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publish_edit_unpublish_delete_follow_the_database(indexed_content, commit):
    with commit():
        article = new_article()
    assert found("quokka") == ["Quokka breathing exercises"]

    with commit():
        article.title = "Wombat breathing exercises"
        article.save()
    assert found("wombat") == ["Wombat breathing exercises"]
    assert "Quokka breathing exercises" not in found("quokka")

    with commit():
        article.status = Status.DRAFT
        article.save()
    assert found("wombat") == []

    with commit():
        article.status = Status.PUBLISHED
        article.save()
    assert found("wombat") == ["Wombat breathing exercises"]

    with commit():
        article.delete()
    assert found("wombat") == []


def test_nothing_changes_before_the_commit(indexed_content, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new_article()
    assert callbacks, "the index update waits for the commit"
    assert found("quokka") == []
    for callback in callbacks:
        callback()
    assert found("quokka") == ["Quokka breathing exercises"]


def test_tag_and_modality_changes_are_indexed(indexed_content, commit):
    with commit():
        article = new_article()
    with commit():
        article.tags.add("nightmares")
        article.modalities.set(Modality.objects.filter(language="en", slug="emdr"))
    result = engine.search("quokka", tag="nightmares").results
    assert [r.title for r in result] == ["Quokka breathing exercises"]
    assert result[0].modalities == ("emdr",)

    with commit():
        article.tags.remove("nightmares")
    assert engine.search("quokka", tag="nightmares").results == []


def test_unpublished_modality_leaves_the_articles_that_link_it(indexed_content, commit):
    with commit():
        Modality.objects.get(language="en", slug="music-therapy").save()  # a plain edit keeps it
        Modality.objects.filter(language="en", slug="art-therapy").update(status=Status.DRAFT)
        art = Modality.objects.get(language="en", slug="art-therapy")
        art.save()
    results = engine.search("when words are hard").results
    article = next(r for r in results if r.title == "When words are hard")
    assert article.modalities == ("music-therapy",)
    assert "Art therapy" not in found("painting")


def test_scheduled_item_appears_when_its_time_comes(indexed_content, commit, monkeypatch):
    later = timezone.now() + datetime.timedelta(hours=2)
    with commit():
        new_article(published_at=later)
    assert found("quokka") == []
    monkeypatch.setattr(timezone, "now", lambda: later + datetime.timedelta(seconds=1))
    assert found("quokka") == ["Quokka breathing exercises"]


def test_catches_up_when_another_server_changed_the_database(indexed_content):
    """No signal reaches this process: only the content version tells it the database moved on."""
    Article.objects.filter(slug="bad-dreams-and-sleep").update(title="Sleeping through the night again")
    Article.objects.filter(slug="you-are-not-alone").update(status=Status.DRAFT)
    ContentVersion.bump()
    assert "Sleeping through the night again" in found("sleeping night")
    assert "Bad dreams and trouble sleeping" not in found("bad dreams")
    assert "You are not alone" not in found("alone")
    meta = json.loads((Path(index.status()["path"]) / "meta.json").read_text())
    assert meta["content_version"] == ContentVersion.current()


def test_trusts_the_content_version_between_checks(indexed_content, settings):
    settings.SEARCH_FRESHNESS_SECONDS = 3600
    found("nightmares")  # opened and checked
    Article.objects.filter(slug="bad-dreams-and-sleep").update(title="Sleeping through the night again")
    ContentVersion.bump()
    assert "Sleeping through the night again" not in found("sleeping night"), "not checked again yet"
    settings.SEARCH_FRESHNESS_SECONDS = 0  # the interval has passed
    assert "Sleeping through the night again" in found("sleeping night")


def test_unchanged_version_costs_no_catch_up(indexed_content, monkeypatch):
    found("nightmares")
    calls = []
    # Catching up starts by reading every item's stamp from the database.
    monkeypatch.setattr(documents, "current_stamps", lambda: calls.append(1) or {})
    found("nightmares")
    assert calls == []


def curated_count() -> int:
    """The published explainers and articles in content/, counted from the files themselves."""
    files = (ROOT / "content").glob("*/*.md")
    return sum("\nstatus: published\n" in path.read_text(encoding="utf-8") for path in files)


def indexed_count() -> int:
    """The curated content, and the site's fixed pages (search/fixed_pages.yaml)."""
    return curated_count() + len(documents.fixed_page_documents())


def test_rebuild_index_builds_fresh_and_swaps(indexed_content, index_dir, capsys):
    first = index.status()["path"]
    call_command("rebuild_index")
    output = capsys.readouterr().out
    assert f"{indexed_count()} of {indexed_count()} documents" in output
    assert f"Indexed {indexed_count()} documents" in output
    second = index.status()["path"]
    assert second != first
    call_command("rebuild_index")
    builds = sorted(p.name for p in index_dir.glob("build-*"))
    assert len(builds) == 2, "the current build and the one it replaced; older ones are removed"
    assert (index_dir / "CURRENT").read_text().strip() in builds
    assert found("nightmares")


def test_rebuild_if_stale(content, index_dir, capsys):
    call_command("rebuild_index", "--if-stale")
    assert f"Indexed {indexed_count()} documents" in capsys.readouterr().out
    builds = set(index_dir.glob("build-*"))

    call_command("rebuild_index", "--if-stale")
    assert "up to date" in capsys.readouterr().out
    assert set(index_dir.glob("build-*")) == builds, "nothing rebuilt"

    Article.objects.filter(slug="bad-dreams-and-sleep").update(title="Sleeping through the night again")
    ContentVersion.bump()
    call_command("rebuild_index", "--if-stale")
    assert "caught up" in capsys.readouterr().out
    assert set(index_dir.glob("build-*")) == builds
    assert "Sleeping through the night again" in found("sleeping night")


def test_missing_index_is_built_in_line_when_background_is_off(content):
    outcome = engine.search("nightmares")
    assert outcome.source == "index"
    assert outcome.total > 0


@pytest.mark.parametrize("damage", ["delete", "corrupt", "bad-pointer", "garbage-meta"])
def test_broken_index_is_rebuilt_in_the_background_while_the_database_answers(
    transactional_content, settings, client, index_dir, damage
):
    settings.SEARCH_REBUILD_IN_BACKGROUND = True
    index.rebuild()
    assert engine.search("nightmares").source == "index"
    build = index_dir / (index_dir / "CURRENT").read_text().strip()
    if damage == "delete":
        for path in index_dir.rglob("*"):
            if path.is_file():
                path.unlink()
    elif damage == "corrupt":
        for path in build.iterdir():
            path.write_bytes(b"\x00garbage" * 10)
    elif damage == "bad-pointer":
        (index_dir / "CURRENT").write_text("build-does-not-exist")
    else:
        (build / "meta.json").write_text("{not json")

    during = engine.search("bad dreams")
    assert during.source == "database"
    assert "Bad dreams and trouble sleeping" in [r.title for r in during.results]
    response = client.get("/search/", {"q": "bad dreams"})
    assert response.status_code == 200
    assert "no-store" in response.headers.get("Cache-Control", ""), "a degraded answer is not cached"
    assert client.get("/api/search/", {"q": "bad dreams"}).status_code == 200

    assert index.wait_for_rebuild(timeout=60)
    after = engine.search("bad dreams")
    assert after.source == "index"
    assert "Bad dreams and trouble sleeping" in [r.title for r in after.results[:3]]


def test_one_writer_at_a_time_loses_nothing(transactional_content):
    """Several threads re-indexing at once: the process lock and Whoosh's lock serialise them."""
    index.rebuild()
    articles = list(Article.objects.order_by("pk")[:6])
    for number, article in enumerate(articles):
        Article.objects.filter(pk=article.pk).update(title=f"Concurrent title {number} kiwi")
    errors = []

    def reindex(article):
        try:
            index.update_items({("article", article.pk)})
        except Exception as exc:  # collected, so the test fails with the reason
            errors.append(exc)
        finally:
            from django.db import connection

            connection.close()

    threads = [threading.Thread(target=reindex, args=(article,)) for article in articles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    assert sorted(found("kiwi")) == sorted(f"Concurrent title {n} kiwi" for n in range(6))


def test_busy_writer_leaves_the_change_to_catch_up(indexed_content, settings, commit, caplog):
    settings.SEARCH_WRITER_TIMEOUT = 0
    lock = open_dir(index.status()["path"]).lock("WRITELOCK")  # as another process holding the writer would
    assert lock.acquire()
    try:
        with commit():
            new_article()
        assert found("quokka") == []
        assert "busy" in caplog.text
    finally:
        lock.release()
    ContentVersion.bump()  # what the commit's own version bump does in production
    assert found("quokka") == ["Quokka breathing exercises"]


def test_signals_never_break_a_save(indexed_content, commit, monkeypatch):
    def broken(refs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index, "update_items", broken)
    with commit():
        article = new_article()
    assert Article.objects.filter(pk=article.pk).exists()


def test_rolled_back_changes_never_reach_the_index(indexed_content, commit):
    with commit():
        with pytest.raises(RuntimeError), transaction.atomic():
            new_article()
            raise RuntimeError("rolled back")
        new_article(slug="kept", title="Kept quokka")
    assert found("quokka") == ["Kept quokka"]


def test_changes_in_one_transaction_share_one_writer(indexed_content, commit, monkeypatch):
    batches = []
    original = index.update_items
    monkeypatch.setattr(index, "update_items", lambda refs: batches.append(set(refs)) or original(refs))
    with commit(), transaction.atomic():
        first = new_article()
        second = new_article(slug="second-quokka", title="Second quokka")
        first.tags.add("panic")
    assert len(batches) == 1
    # The fixture's content, loaded in this test's own transaction that never commits, is still
    # pending too and goes out with the first commit (sending too much is safe, too little is not).
    assert {("article", first.pk), ("article", second.pk)} <= batches[0]


def test_stamps_from_columns_match_the_documents(content, commit):
    """Catch-up compares stamps computed from plain columns with those of the indexed documents."""
    with commit():
        article = new_article()
        article.tags.add("panic", "fear")
        article.modalities.set(
            Modality.objects.filter(language="en", slug__in=["emdr", "somatic-experiencing"])
        )
    built = {doc["key"]: doc["stamp"] for doc in documents.published_documents()}
    assert built == documents.current_stamps()
    assert len(built) == indexed_count() + 1


def test_html_becomes_readable_text():
    html = "<h2>What it can be like</h2><p>After trauma, you <em>might</em>:</p><ul><li>A &amp; b</li></ul>"
    assert documents.html_to_text(html) == "What it can be like: After trauma, you might: A & b"
