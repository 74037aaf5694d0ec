"""When the database goes away: cached pages keep serving, others answer a fast friendly 503, and a
volunteer's answers come back to them with nothing saved half-way."""

import time
from contextlib import contextmanager

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from tests.volunteers.conftest import form_post
from volunteers.models import Enquiry

OUTAGE_ANSWER_SECONDS = 1.0


@contextmanager
def database_away():
    """Point the connection somewhere nothing answers, as when the database server has stopped."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-directory/db.sqlite3"
    else:
        connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def visitor(transactional_content):
    # A real visitor sees the error page, never a re-raised exception.
    return Client(raise_request_exception=False)


def assert_friendly_503(response):
    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(attrs={"data-quick-exit": True}), "the quick exit is still there"
    assert page.find(id="help-box"), "the crisis lines are still there"
    assert b"Traceback" not in response.content and b"OperationalError" not in response.content
    assert response["Retry-After"]


def test_cached_reading_page_keeps_serving(visitor):
    first = visitor.get("/modalities/emdr/")
    assert first.status_code == 200
    with database_away():
        again = visitor.get("/modalities/emdr/")
    assert again.status_code == 200
    assert again.content == first.content


def test_uncached_page_answers_friendly_503_within_a_second(visitor):
    with database_away():
        started = time.monotonic()
        response = visitor.get("/articles/therapy-and-healing/")
        elapsed = time.monotonic() - started
    assert_friendly_503(response)
    assert elapsed < OUTAGE_ANSWER_SECONDS


def test_volunteer_form_post_is_shown_back_filled_in_and_nothing_saved(visitor):
    answers = form_post()
    with database_away():
        response = visitor.post("/volunteer/", answers)
    assert response.status_code == 503
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find("input", attrs={"name": "name"})["value"] == answers["name"]
    assert page.find("input", attrs={"name": "email"})["value"] == answers["email"]
    assert answers["message"].splitlines()[0] in page.find("textarea", attrs={"name": "message"}).text
    assert Enquiry.objects.count() == 0
    # Once the database is back, the same answers go through exactly once.
    assert visitor.post("/volunteer/", answers).status_code == 303
    assert Enquiry.objects.count() == 1
