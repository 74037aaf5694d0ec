"""Spam is stopped without third parties or cookies, and a real person is never silently dropped."""

import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import mail, signing
from django.test import override_settings

from operations.models import RateCounter
from tests.volunteers.conftest import FORM_URL, form_post, redirects_to_thanks
from volunteers import guards
from volunteers.forms import HONEYPOT_FIELD
from volunteers.models import Enquiry

pytestmark = pytest.mark.django_db

CLIENT_ADDRESS = "203.0.113.7"


def post_from(client, address=CLIENT_ADDRESS, **overrides):
    return client.post(FORM_URL, form_post(**overrides), REMOTE_ADDR=address)


def stamp_from_the_past(token, seconds_ago):
    """A stamp the site would have issued `seconds_ago` (signed with the same key and salt)."""
    return signing.dumps({"token": str(token), "t": time.time() - seconds_ago}, salt=guards.STAMP_SALT)


def test_a_filled_honeypot_looks_accepted_but_stores_nothing(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, form_post(**{HONEYPOT_FIELD: "http://spam.example"}))
    assert redirects_to_thanks(response)
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


def test_the_honeypot_is_hidden_from_people(client):
    page = BeautifulSoup(client.get(FORM_URL).content, "html.parser")
    trap = page.find("input", attrs={"name": HONEYPOT_FIELD})
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"
    assert trap.find_parent(attrs={"aria-hidden": "true"}) is not None


@override_settings(VOLUNTEER_MIN_FILL_SECONDS=5)
def test_a_form_sent_faster_than_a_person_can_type_is_not_stored_but_kept(client):
    token = uuid.uuid4()
    response = client.post(FORM_URL, form_post(token=token, form_stamp=stamp_from_the_past(token, 1)))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    page = BeautifulSoup(response.content, "html.parser")
    assert "Please check your answers, then press Send again." in page.get_text()
    assert page.find(id="id_name")["value"] == "Ada Volunteer"


@override_settings(VOLUNTEER_MIN_FILL_SECONDS=5)
def test_a_person_who_took_their_time_gets_through(client):
    token = uuid.uuid4()
    response = client.post(FORM_URL, form_post(token=token, form_stamp=stamp_from_the_past(token, 30)))
    assert response.status_code == 303
    assert Enquiry.objects.count() == 1


@override_settings(VOLUNTEER_MIN_FILL_SECONDS=5)
def test_a_person_told_to_send_again_gets_through_on_the_second_press(client):
    token = uuid.uuid4()
    first = client.post(FORM_URL, form_post(token=token, form_stamp=stamp_from_the_past(token, 1)))
    stamp = BeautifulSoup(first.content, "html.parser").find("input", attrs={"name": "form_stamp"})["value"]
    # The page kept the original stamp, so by the time they press Send again enough time has passed.
    assert guards.stamp_age(stamp, token) >= 1
    second = client.post(FORM_URL, form_post(token=token, form_stamp=stamp_from_the_past(token, 6)))
    assert second.status_code == 303


@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "not-a-signed-value",
        signing.dumps({"token": str(uuid.uuid4()), "t": 0}, salt=guards.STAMP_SALT),  # another form's
        signing.dumps({"token": "x", "t": 0}, salt="some-other-salt"),
    ],
    # Named, not shown: signed values hold the time, and parallel workers must collect the same ids.
    ids=["missing", "not signed", "another form's", "another salt"],
)
def test_a_missing_forged_or_borrowed_stamp_is_not_stored(client, stamp):
    response = client.post(FORM_URL, form_post(form_stamp=stamp))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert "Please check your answers" in response.content.decode()


def test_a_post_without_a_token_is_not_stored_and_gets_a_fresh_form(client):
    response = client.post(FORM_URL, form_post(submission_token="not-a-uuid"))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    page = BeautifulSoup(response.content, "html.parser")
    fresh = page.find("input", attrs={"name": "submission_token"})["value"]
    assert uuid.UUID(fresh)
    assert page.find(id="id_email")["value"] == "ada.volunteer@example.org"


@override_settings(VOLUNTEER_RATE_LIMIT=2, VOLUNTEER_RATE_WINDOW_SECONDS=600)
def test_too_many_enquiries_get_a_friendly_please_wait_page_that_keeps_the_answers(client):
    assert post_from(client, message="one").status_code == 303
    assert post_from(client, message="two").status_code == 303
    response = post_from(client, message="three", name="Third Person")
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("h1").get_text() == "Please wait a moment"
    assert "about 10 minutes" in page.get_text()
    assert page.find(id="id_name")["value"] == "Third Person"
    assert page.find(id="id_message").get_text().strip() == "three"
    assert Enquiry.objects.count() == 2


@override_settings(VOLUNTEER_RATE_LIMIT=1)
def test_the_limit_is_per_client(client):
    assert post_from(client, address="198.51.100.1", message="a").status_code == 303
    assert post_from(client, address="198.51.100.1", message="b").status_code == 429
    assert post_from(client, address="198.51.100.2", message="c").status_code == 303


@override_settings(VOLUNTEER_RATE_LIMIT=1)
def test_answers_with_mistakes_do_not_use_up_the_limit(client):
    for _ in range(3):
        assert post_from(client, email="typo@").status_code == 200
    assert post_from(client).status_code == 303


@override_settings(VOLUNTEER_RATE_LIMIT=0)
def test_a_limit_of_zero_turns_the_check_off(client):
    for n in range(8):
        assert post_from(client, message=f"message {n}").status_code == 303
    assert Enquiry.objects.count() == 8


@override_settings(VOLUNTEER_RATE_LIMIT=1)
def test_the_rate_limit_stores_a_keyed_hash_never_the_address(client):
    post_from(client)
    keys = list(RateCounter.objects.values_list("key", flat=True))
    assert keys, "the submission should have been counted"
    assert not any(CLIENT_ADDRESS in key for key in keys)
    assert any(guards.client_key_for_address(CLIENT_ADDRESS) in key for key in keys)
    enquiry = Enquiry.objects.get()
    stored = " ".join(str(getattr(enquiry, f.attname)) for f in Enquiry._meta.concrete_fields)
    assert CLIENT_ADDRESS not in stored


def test_the_hash_depends_on_the_secret_key():
    with override_settings(SECRET_KEY="one-secret-key-" + "x" * 40):
        first = guards.client_key_for_address(CLIENT_ADDRESS)
    with override_settings(SECRET_KEY="another-secret-key-" + "y" * 40):
        second = guards.client_key_for_address(CLIENT_ADDRESS)
    assert first != second
    assert len(first) == 64


@override_settings(PROXY_COUNT=1, VOLUNTEER_RATE_LIMIT=1)
def test_behind_a_proxy_the_forwarded_address_is_the_client(client):
    proxy = "10.0.0.1"
    first = client.post(
        FORM_URL, form_post(message="a"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    other = client.post(
        FORM_URL, form_post(message="b"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.10"
    )
    again = client.post(
        FORM_URL, form_post(message="c"), REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert (first.status_code, other.status_code, again.status_code) == (303, 303, 429)


# A shared cache that is configured but down: port 9 on this machine answers nothing.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    },
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}


@override_settings(VOLUNTEER_RATE_LIMIT=1, CACHES=UNREACHABLE_REDIS)
def test_an_unreachable_counter_store_lets_real_people_through(client):
    assert post_from(client, message="one").status_code == 303
    assert post_from(client, message="two").status_code == 303
    assert Enquiry.objects.count() == 2
