"""The page cache: hits touch no database, changes show on the next request, staff never share entries."""

import logging
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from caching import generation
from caching.local import LocalEntries, local_entries
from editorial.models import ContentVersion, Status
from modalities.models import Modality
from tests.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

READING_PAGES = [
    "/",
    "/modalities/",
    "/modalities/emdr/",
    "/modalities/compare/",
    "/articles/",
    "/articles/you-are-not-alone/",
    "/tags/",
    "/tags/nightmares/",
    "/safety/",
    "/search/?q=nightmares",
    "/api/search/?q=nightmares",
    "/feeds/articles/",
    "/sitemap.xml",
    "/robots.txt",
]


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


def test_every_reading_page_is_served_from_the_cache_without_a_query(client, site, django_assert_num_queries):
    for url in READING_PAGES:
        stored_before = len(site._cache)
        first = client.get(url)
        assert first.status_code == 200, url
        assert len(site._cache) == stored_before + 1, f"{url} was not stored"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.status_code == 200, url
        assert second.content == first.content, url
        assert second["Content-Type"] == first["Content-Type"], url


def test_a_hit_keeps_the_security_headers_of_the_page(client, site):
    first = client.get("/modalities/emdr/")
    second = client.get("/modalities/emdr/")
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "Referrer-Policy",
                   "X-Content-Type-Options", "Cross-Origin-Opener-Policy"):  # fmt: skip
        assert second[header] == first[header], header
    assert not second.cookies


def test_publishing_editing_and_unpublishing_show_on_the_next_request(client, site):
    draft = Article.objects.create(
        title="Sleeping again after trauma", slug="sleeping-again", summary="Small steps.", body="Text.",
        status=Status.DRAFT,
    )  # fmt: skip
    assert b"sleeping-again" not in client.get("/articles/").content
    assert client.get("/articles/sleeping-again/").status_code == 404

    draft.status = Status.PUBLISHED
    draft.save()
    assert b"/articles/sleeping-again/" in client.get("/articles/").content
    assert b"Sleeping again after trauma" in client.get("/articles/sleeping-again/").content

    draft.title = "Sleeping well again"
    draft.save()
    assert b"Sleeping well again" in client.get("/articles/sleeping-again/").content
    assert b"Sleeping well again" in client.get("/articles/").content

    draft.status = Status.DRAFT
    draft.save()
    assert client.get("/articles/sleeping-again/").status_code == 404
    assert b"sleeping-again" not in client.get("/articles/").content


def test_changing_tags_shows_on_the_next_request(client, site):
    client.get("/tags/nightmares/")
    article = Article.objects.get(language="en", slug="you-are-not-alone")
    article.tags.add("nightmares")
    assert b"/articles/you-are-not-alone/" in client.get("/tags/nightmares/").content


def test_a_change_made_by_another_server_shows_after_the_check_interval(client, site, clock, settings):
    """Another process changes content and bumps the version; this one notices on its next check."""
    client.get("/modalities/emdr/")
    # No signal reaches this process: the other server wrote the row and bumped the counter.
    Modality.objects.filter(language="en", slug="emdr").update(title="EMDR, renamed elsewhere")
    ContentVersion.bump()

    assert b"renamed elsewhere" not in client.get("/modalities/emdr/").content  # within the interval
    clock.advance(settings.CONTENT_CHECK_SECONDS + 1)
    assert b"renamed elsewhere" in client.get("/modalities/emdr/").content


def test_a_hit_after_the_check_interval_costs_one_query(
    client, site, clock, settings, django_assert_num_queries
):
    client.get("/modalities/tf-cbt/")
    clock.advance(settings.CONTENT_CHECK_SECONDS + 1)
    with django_assert_num_queries(1):  # the content version, nothing else
        assert client.get("/modalities/tf-cbt/").status_code == 200
    with django_assert_num_queries(0):
        client.get("/modalities/tf-cbt/")


def test_a_scheduled_article_appears_when_its_time_comes(client, site):
    """Nothing is saved at the publish time; the cache must still let the article appear then."""
    publish_at = timezone.now() + timezone.timedelta(seconds=1.5)
    Article.objects.create(
        title="Scheduled piece", slug="scheduled-piece", summary="Soon.", body="Text.",
        status=Status.PUBLISHED, published_at=publish_at,
    )  # fmt: skip
    assert b"scheduled-piece" not in client.get("/articles/").content
    assert b"scheduled-piece" not in client.get("/articles/").content  # now a cache hit
    time.sleep(max(0.0, (publish_at - timezone.now()).total_seconds()) + 0.1)
    assert b"/articles/scheduled-piece/" in client.get("/articles/").content


def test_staff_never_get_the_anonymous_page_and_never_fill_the_cache(client, site):
    staff = get_user_model().objects.create_user("editor", password="a long password 1", is_staff=True)
    staff_client = type(client)()
    sign_in(staff_client, staff)

    # Staff first: their page must not be kept for anyone.
    staff_response, staff_queries = queries_for(staff_client, "/modalities/emdr/")
    assert staff_response.status_code == 200 and staff_queries > 0
    _, anonymous_queries = queries_for(client, "/modalities/emdr/")
    assert anonymous_queries > 0, "the anonymous reader was served the staff member's page"

    # Anonymous now cached: staff still get a freshly rendered page.
    _, staff_queries_again = queries_for(staff_client, "/modalities/emdr/")
    assert staff_queries_again > 0, "staff were served the cached anonymous page"


def test_head_is_answered_from_the_cached_page_without_a_body(client, site, django_assert_num_queries):
    page = client.get("/safety/")
    with django_assert_num_queries(0):
        head = client.head("/safety/")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == page["Content-Type"]


def test_pages_that_are_not_for_reading_are_never_cached(client, site):
    client.get("/")  # reads the content generation once, so it is not counted below
    for url in ("/volunteer/", "/nope/", "/modalities/not-a-therapy/"):
        _, first = queries_for(client, url)
        _, second = queries_for(client, url)
        assert second == first, url


def test_inside_an_open_transaction_the_cache_steps_aside(client, site):
    from django.db import transaction

    client.get("/articles/")
    on_first_page = Article.objects.published().filter(language="en").first()
    with transaction.atomic():
        Article.objects.filter(pk=on_first_page.pk).update(title="Uncommitted title")
        response, queries = queries_for(client, "/articles/")
        assert queries > 0 and b"Uncommitted title" in response.content
        transaction.set_rollback(True)
    assert b"Uncommitted title" not in client.get("/articles/").content


def test_cached_pages_keep_serving_when_the_database_is_away(client, site, clock, settings, monkeypatch):
    page = client.get("/modalities/emdr/")

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(ContentVersion.objects, "filter", unreachable)
    clock.advance(settings.CONTENT_CHECK_SECONDS + 1)
    again = client.get("/modalities/emdr/")
    assert again.status_code == 200
    assert again.content == page.content


def test_no_search_term_reaches_a_cache_key_or_a_log(client, site, caplog):
    caplog.set_level(logging.DEBUG)
    client.get("/search/?q=flashbacks+at+night")
    client.get("/search/?q=flashbacks+at+night")
    client.get("/api/search/?q=flashbacks+at+night")
    keys = list(site._cache.keys())
    assert keys, "nothing was cached"
    assert not any("flashbacks" in key for key in keys)


def test_no_search_term_reaches_the_log_when_the_cache_fails(client, site, caplog, settings):
    """The cache's failure is logged (so the check below has a line to look at), its search term never."""
    caplog.set_level(logging.DEBUG)
    # A cache server nobody listens on: every read and write fails and is reported.
    broken = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    settings.CACHES = {**settings.CACHES, settings.PAGE_CACHE_ALIAS: broken}
    # A search with a query never reaches a shared cache, so words in another reading page's query
    # string are what the cache's failure could have logged.
    assert client.get("/search/?q=flashbacks+at+night").status_code == 200
    assert client.get("/modalities/emdr/?from=flashbacks+at+night").status_code == 200
    assert "Page cache unreadable" in caplog.text, "the failure was not logged"
    assert "flashbacks" not in caplog.text


def test_the_redis_cache_serves_and_invalidates_pages(client, transactional_content, settings, clock,
                                                       django_assert_num_queries):  # fmt: skip
    """The shared cache that several app servers use (Redis at 127.0.0.1:6379)."""
    import uuid

    prefix = f"test-pages-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
            "KEY_PREFIX": prefix,
        },
    }
    settings.CONTENT_CHECK_SECONDS = 3600
    from django.core.cache import caches

    redis_cache = caches[settings.PAGE_CACHE_ALIAS]
    generation.content_generation.reset()
    local_entries.clear()
    try:
        first = client.get("/modalities/emdr/")
        assert first.status_code == 200
        assert redis_cache._cache.get_client().keys(f"{prefix}:*"), "nothing reached Redis"
        local_entries.clear()  # as on another app server: only Redis has the page
        with django_assert_num_queries(0):
            assert client.get("/modalities/emdr/").content == first.content

        modality = Modality.objects.get(language="en", slug="emdr")
        modality.title = "EMDR (changed)"
        modality.save()
        assert b"EMDR (changed)" in client.get("/modalities/emdr/").content
    finally:
        client_ = redis_cache._cache.get_client()
        for key in client_.scan_iter(f"{prefix}:*"):
            client_.delete(key)
        generation.content_generation.reset()
        local_entries.clear()


def test_a_broken_cache_server_costs_speed_not_pages(client, transactional_content, settings, clock):
    settings.CACHES = {
        **settings.CACHES,
        settings.PAGE_CACHE_ALIAS: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }
    generation.content_generation.reset()
    assert client.get("/modalities/emdr/").status_code == 200
    assert client.get("/modalities/emdr/").status_code == 200


def test_this_process_keeps_only_a_bounded_number_of_recent_pages():
    recent = LocalEntries(max_entries=3)
    for n in range(5):
        recent.put(f"k{n}", n)
    recent.get("k2")  # recently used: kept
    recent.put("k5", 5)
    assert len(recent) == 3
    assert recent.get("k2") == 2 and recent.get("k5") == 5
    assert recent.get("k0") is None and recent.get("k3") is None
