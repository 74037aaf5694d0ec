"""Many people sending the form at the same moment: every enquiry is stored, and stored once.

Real HTTP against a live test server, one thread per person, all released together by a barrier.
Runs on SQLite (a file with WAL and immediate transactions) and on PostgreSQL alike.
"""

import http.cookiejar
import threading
import urllib.error
import urllib.parse
import urllib.request
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core import mail
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import override_settings
from django.test.testcases import LiveServerThread

from tests.volunteers.conftest import VALID_ANSWERS
from volunteers.models import Enquiry, EnquiryEvent, Notification

PEOPLE = 50
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


class RoomyServer(ThreadedWSGIServer):
    """The test server with a real app server's listen queue (gunicorn's is 2048). Django's test
    server queues only 10 connections and resets the rest, which would test the test server."""

    request_queue_size = 128


class RoomyServerThread(LiveServerThread):
    server_class = RoomyServer


@pytest.fixture
def server_url(transactional_db):
    thread = RoomyServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A tiny browser: its own cookies, no redirects followed, so each answer can be checked."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects
        )

    def open_form(self) -> dict:
        with self.opener.open(self.base_url + "/volunteer/", timeout=60) as response:
            page = BeautifulSoup(response.read(), "html.parser")
        return {
            field["name"]: field.get("value", "")
            for field in page.select("form.volunteer-form input[type=hidden]")
        }

    def send(self, hidden: dict, answers: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode({**hidden, **answers}, doseq=True).encode()
        request = urllib.request.Request(self.base_url + "/volunteer/", data=body, method="POST")
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, ""
        except urllib.error.HTTPError as answer:  # 3xx is not followed, so it arrives here
            # The path alone: the thank-you address carries a signed mark that differs each time.
            return answer.code, urlsplit(answer.headers.get("Location", "")).path


def run_together(jobs):
    """Start every job, release them at one instant, wait for all; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def worker(index, job):
        try:
            prepared = job.prepare()
            barrier.wait(timeout=60)
            results[index] = job.go(prepared)
        except BaseException as exc:  # reported below; a thread must not swallow it
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


class Person:
    def __init__(self, base_url, number, browser=None, hidden_from=None):
        self.browser = browser or Browser(base_url)
        self.number = number
        self.hidden_from = hidden_from

    def prepare(self):
        return self.hidden_from if self.hidden_from is not None else self.browser.open_form()

    def go(self, hidden):
        answers = {
            **VALID_ANSWERS,
            "name": f"Person {self.number}",
            "email": f"person{self.number}@example.org",
        }
        return self.browser.send(hidden, answers)


# The live server speaks plain HTTP, so the CSRF cookie cannot be marked Secure here.
@override_settings(VOLUNTEER_RATE_LIMIT=0, CSRF_COOKIE_SECURE=False)
def test_fifty_people_at_once_are_all_stored_exactly_once(server_url):
    results = run_together([Person(server_url, n) for n in range(PEOPLE)])
    assert results == [(303, "/volunteer/thanks/")] * PEOPLE
    emails = sorted(Enquiry.objects.values_list("email", flat=True))
    assert emails == sorted(f"person{n}@example.org" for n in range(PEOPLE))
    assert EnquiryEvent.objects.count() == PEOPLE
    # Fifty outbox drains ran side by side (tests run tasks at once): each mail went exactly once.
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert Notification.objects.count() == len(mail.outbox) == 2 * PEOPLE


@override_settings(VOLUNTEER_RATE_LIMIT=0, CSRF_COOKIE_SECURE=False)
def test_the_same_form_sent_many_times_at_once_is_stored_once(server_url):
    # A frantic multi-click: one browser, one form, ten POSTs in flight together.
    browser = Browser(server_url)
    hidden = browser.open_form()
    results = run_together([Person(server_url, 1, browser=browser, hidden_from=hidden) for _ in range(10)])
    assert results == [(303, "/volunteer/thanks/")] * 10
    assert Enquiry.objects.count() == 1
    assert Notification.objects.count() == 2
