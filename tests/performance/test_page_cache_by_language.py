"""Spanish pages are cached like English ones: each address is its own entry, hits cost no query."""

import pytest

from tests.performance.test_page_cache import READING_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

# The crawler files are one per site: they have no Spanish address.
SPANISH_READING_PAGES = [f"/es{url}" for url in READING_PAGES if url not in ("/sitemap.xml", "/robots.txt")]


def test_every_spanish_reading_page_is_served_from_the_cache_without_a_query(
    client, site, django_assert_num_queries
):
    for url in SPANISH_READING_PAGES:
        stored_before = len(site._cache)
        first = client.get(url)
        assert first.status_code == 200, url
        assert len(site._cache) == stored_before + 1, f"{url} was not stored"
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second.content == first.content, url
        assert second["Content-Language"] == "es", url


def test_the_english_and_spanish_pages_of_one_path_are_kept_apart(client, site):
    english = client.get("/modalities/emdr/")
    spanish = client.get("/es/modalities/emdr/")
    assert b'<html lang="en">' in english.content
    assert b'<html lang="es">' in spanish.content
    assert b'<html lang="en">' in client.get("/modalities/emdr/").content  # a hit, still English
    assert b'<html lang="es">' in client.get("/es/modalities/emdr/").content


def test_an_unchanged_spanish_page_answers_304(client, site, django_assert_num_queries):
    etag = client.get("/es/modalities/emdr/")["ETag"]
    assert etag != client.get("/modalities/emdr/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/es/modalities/emdr/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_a_browser_asking_for_spanish_shares_the_english_entry(client, site, django_assert_num_queries):
    client.get("/modalities/emdr/")
    with django_assert_num_queries(0):
        response = client.get("/modalities/emdr/", HTTP_ACCEPT_LANGUAGE="es")
    assert b'<html lang="en">' in response.content
