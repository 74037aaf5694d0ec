"""`content_changed`: one send per committed transaction, after the commit, for content models only;
the search index and the page cache both follow it."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from taggit.models import Tag

from articles.models import Article
from caching.generation import content_generation
from caching.local import local_entries
from editorial.content_changed import Change, content_changed
from editorial.models import ContentVersion, Status
from modalities.models import Modality
from search import engine, index
from search.signals import items_to_reindex

pytestmark = pytest.mark.django_db(transaction=True)


def new_article(slug: str, title: str = "") -> Article:
    return Article.objects.create(
        title=title or f"About {slug}", slug=slug, summary="A short summary.", body="Some text.",
        status=Status.PUBLISHED,
    )  # fmt: skip


@pytest.fixture
def sent():
    """Every `changes` set sent while the test runs, in order."""
    received = []

    def record(changes, **kwargs):
        received.append(changes)

    content_changed.connect(record, dispatch_uid="test-record-content-changed")
    yield received
    content_changed.disconnect(dispatch_uid="test-record-content-changed")


def test_several_saves_in_one_transaction_send_once_after_the_commit(sent):
    before = ContentVersion.current()
    with transaction.atomic():
        first = new_article("first")
        second = new_article("second")
        first.tags.add("sleep")
        first.title = "About the first, again"
        first.save()
        assert sent == [], "nothing is sent before the commit"
        assert ContentVersion.current() == before
    assert len(sent) == 1
    assert {Change(Article, first.pk), Change(Article, second.pk)} <= sent[0]
    assert ContentVersion.current() == before + 1, "one bump per transaction"


def test_each_autocommitted_save_is_its_own_transaction(sent):
    new_article("first")
    new_article("second")
    assert len(sent) == 2


def test_a_rolled_back_transaction_sends_nothing(sent):
    before = ContentVersion.current()
    with pytest.raises(RuntimeError), transaction.atomic():
        new_article("never")
        raise RuntimeError("rolled back")
    assert sent == []
    assert ContentVersion.current() == before
    assert not Article.objects.filter(slug="never").exists()


def test_a_savepoint_rolled_back_keeps_the_changes_made_before_it(sent):
    with transaction.atomic():
        kept = new_article("kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            new_article("undone")
            raise RuntimeError("inner block rolled back")
    assert len(sent) == 1
    assert Change(Article, kept.pk) in sent[0]


def test_saving_something_that_is_not_content_sends_nothing(sent):
    before = ContentVersion.current()
    with transaction.atomic():
        user = get_user_model().objects.create_user("someone", password="a long password 1")
        user.first_name = "Sam"
        user.save()
    user.delete()
    assert sent == []
    assert ContentVersion.current() == before


def test_renaming_a_tag_is_a_content_change(sent):
    article = new_article("tagged")
    article.tags.add("nightmares")
    sent.clear()
    tag = Tag.objects.get(name="nightmares")
    tag.name = "bad dreams"
    tag.save()
    assert sent == [frozenset({Change(Tag, tag.pk)})]
    # The search index re-reads every item filed under the tag: its document holds the tag's name.
    assert ("article", article.pk) in items_to_reindex(sent[0])


def test_linking_from_a_therapys_side_changes_the_linked_articles_too(sent):
    modality = Modality.objects.create(title="Quokka therapy", slug="quokka-therapy", summary="Calm.")
    article = new_article("linked")
    sent.clear()
    modality.articles.add(article)
    assert sent == [frozenset({Change(Modality, modality.pk), Change(Article, article.pk)})]


def test_a_failing_subscriber_neither_stops_the_others_nor_undoes_the_change(sent, caplog):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    content_changed.connect(broken, dispatch_uid="test-broken-subscriber")
    try:
        with transaction.atomic():
            article = new_article("survives")
    finally:
        content_changed.disconnect(dispatch_uid="test-broken-subscriber")
    assert Article.objects.filter(pk=article.pk).exists()
    assert len(sent) == 1
    assert "disk full" in caplog.text, "the failure is logged"


def test_the_search_index_and_the_page_cache_both_follow_a_commit(client, settings):
    # Neither may notice by asking the database on its own within the test: only the signal tells them.
    settings.SEARCH_FRESHNESS_SECONDS = 3600
    settings.CONTENT_CHECK_SECONDS = 3600
    new_article("first-piece", "First piece")
    index.rebuild()
    caches[settings.PAGE_CACHE_ALIAS].clear()
    local_entries.clear()
    content_generation.reset()
    try:
        assert b"Quokka" not in client.get("/articles/").content  # now cached under this generation
        assert [r.title for r in engine.search("quokka").results] == []

        with transaction.atomic():
            new_article("quokka-breathing", "Quokka breathing")

        assert b"Quokka breathing" in client.get("/articles/").content
        assert [r.title for r in engine.search("quokka").results] == ["Quokka breathing"]
    finally:
        caches[settings.PAGE_CACHE_ALIAS].clear()
        local_entries.clear()
        content_generation.reset()


def test_a_version_that_cannot_move_is_logged_without_the_database_error_text(sent, caplog, monkeypatch):
    caplog.set_level(logging.ERROR)

    def broken_bump():
        from django.db import OperationalError

        raise OperationalError("password=hunter2")

    monkeypatch.setattr(ContentVersion, "bump", broken_bump)
    new_article("still-sent")
    assert len(sent) == 1, "subscribers in this process are told even when the version cannot move"
    assert "OperationalError" in caplog.text and "hunter2" not in caplog.text
