"""HTML is compressed (brotli or gzip) where it carries no secret, and never where it does (BREACH)."""

import gzip

import brotli
import pytest
from django.contrib.auth import get_user_model

from caching.compression import accepted_encoding
from tests.performance.conftest import forget_cached_pages
from tests.staff import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip, deflate", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("GZIP", "gzip"),
        ("identity", "identity"),
        ("", "identity"),
        ("gzip;q=0", "identity"),
    ],
)
def test_the_best_encoding_the_client_accepts_is_chosen(header, expected):
    assert accepted_encoding(header) == expected


def test_reading_pages_are_sent_brotli_or_gzip_compressed(client, site):
    plain = client.get("/modalities/emdr/")
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]

    br = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert br["Content-Encoding"] == "br"
    assert brotli.decompress(br.content) == plain.content
    assert int(br["Content-Length"]) == len(br.content) < len(plain.content) / 2

    gz = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="gzip")
    assert gz["Content-Encoding"] == "gzip"
    assert gzip.decompress(gz.content) == plain.content


def test_compressed_pages_are_cached_too(client, site, django_assert_num_queries):
    first = client.get("/articles/", HTTP_ACCEPT_ENCODING="br")
    with django_assert_num_queries(0):
        second = client.get("/articles/", HTTP_ACCEPT_ENCODING="br")
    assert second["Content-Encoding"] == "br" and second.content == first.content


@pytest.mark.urls("tests.performance.urls_with_secret")
def test_a_page_with_a_csrf_token_is_never_compressed(client, db):
    response = client.get("/form/?q=guess", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.cookies  # the CSRF cookie
    assert "Content-Encoding" not in response
    plain = client.get("/plain/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert plain["Content-Encoding"] == "br"


def test_pages_for_a_logged_in_person_are_never_compressed(client, site):
    staff = get_user_model().objects.create_user("editor", password="a long password 1", is_staff=True)
    sign_in(client, staff)
    response = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response


def test_compression_is_deterministic_so_every_worker_sends_the_same_bytes(client, site, page_cache):
    first = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="gzip")
    forget_cached_pages(page_cache)
    second = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="gzip")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
