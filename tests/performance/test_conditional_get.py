"""Conditional GET: reading pages carry a validator, and an unchanged page costs a 304."""

import pytest

from modalities.models import Modality

pytestmark = pytest.mark.django_db(transaction=True)


def test_reading_page_carries_an_etag_and_revalidation_rules(client, site):
    response = client.get("/modalities/emdr/")
    assert response["ETag"].startswith('"')
    assert response["Cache-Control"] == "no-cache"  # browsers keep a copy and ask before reusing it


def test_unchanged_page_answers_304_without_a_body(client, site, django_assert_num_queries):
    etag = client.get("/modalities/emdr/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/modalities/emdr/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_a_changed_page_gets_a_new_etag_and_a_full_answer(client, site):
    etag = client.get("/modalities/emdr/")["ETag"]
    modality = Modality.objects.get(language="en", slug="emdr")
    modality.summary = "A new one-sentence summary."
    modality.save()
    response = client.get("/modalities/emdr/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert b"A new one-sentence summary." in response.content


def test_each_encoding_has_its_own_validator(client, site):
    plain = client.get("/modalities/emdr/")
    brotli = client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="br")
    assert plain["ETag"] != brotli["ETag"]
    assert client.get("/modalities/emdr/", HTTP_ACCEPT_ENCODING="br",
                      HTTP_IF_NONE_MATCH=brotli["ETag"]).status_code == 304  # fmt: skip
