"""The admin resists password guessing, moves to a configured URL, ends staff sessions, keeps the CSP."""

import datetime
import importlib

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from django.urls import clear_url_caches
from django.utils import timezone

import config.urls
from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, PASSWORD, make_article
from tests.foundation.test_settings_from_environment import PRODUCTION_ENV, run_manage
from tests.staff import pass_second_step, sign_in

LOGIN = "/admin/login/"


def post_password(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


# --- Login rate limit (django-axes; off in the test profile, so switched on here) -------------------


@override_settings(AXES_ENABLED=True)
def test_login_is_locked_after_the_failure_limit(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit >= 3
    for _ in range(limit - 1):
        assert post_password(client, editor.username, "wrong guess").status_code == 200  # the form again

    # One short of the limit, the right password and code still work (and clear the count).
    assert post_password(client, editor.username, PASSWORD).status_code == 302
    assert pass_second_step(client, editor).status_code == 302
    client.logout()

    for _ in range(limit):
        post_password(client, editor.username, "wrong guess")
    locked = post_password(client, editor.username, PASSWORD)

    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    assert "too many wrong passwords" in locked.content.decode()
    assert settings.SITE_NAME in locked.content.decode()
    assert "Django administration" not in locked.content.decode()
    assert not signed_in(client)


@override_settings(AXES_ENABLED=True)
def test_lockout_is_per_account_and_address_not_for_everyone(client, editor, reviewer):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_password(client, editor.username, "wrong guess")
    assert post_password(client, reviewer.username, PASSWORD).status_code == 302


def test_login_rate_limit_is_configured_from_the_environment(tmp_path):
    code = "from django.conf import settings; print(settings.AXES_FAILURE_LIMIT, settings.AXES_ENABLED)"
    result = run_manage(
        "shell",
        "-c",
        code,
        env_overrides={**PRODUCTION_ENV, "DJANGO_LOGIN_FAILURE_LIMIT": "3"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["3", "True"]


# --- Admin URL from DJANGO_ADMIN_URL -------------------------------------------------------------


def test_admin_url_is_read_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; from django.urls import reverse; "
        "print(settings.ADMIN_URL, reverse('admin:index'), reverse('editorial:review_dates'))"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        env_overrides={**PRODUCTION_ENV, "DJANGO_ADMIN_URL": "/staff-7f3/"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["staff-7f3/", "/staff-7f3/", "/staff-7f3/editorial/review-dates/"]


@pytest.fixture
def admin_moved_to(settings):
    """Mount the admin at another URL, as DJANGO_ADMIN_URL does at start-up; put it back afterwards."""
    original = settings.ADMIN_URL

    def move(url):
        settings.ADMIN_URL = url
        importlib.reload(config.urls)
        clear_url_caches()

    yield move
    move(original)


def test_admin_answers_only_at_the_configured_url(client, editor, admin_moved_to):
    admin_moved_to("staff-7f3/")
    sign_in(client, editor)

    assert client.get("/staff-7f3/").status_code == 200
    assert client.get("/staff-7f3/articles/article/").status_code == 200
    assert client.get("/staff-7f3/editorial/review-dates/").status_code == 200
    assert client.get("/admin/").status_code == 404
    assert client.get("/staff-7f3/")["Referrer-Policy"] == "same-origin"


# --- Staff sessions expire -----------------------------------------------------------------------


def test_staff_session_length_is_read_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
    )
    result = run_manage(
        "shell",
        "-c",
        code,
        env_overrides={**PRODUCTION_ENV, "DJANGO_STAFF_SESSION_SECONDS": "900"},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["900", "True"]


@override_settings(SESSION_COOKIE_AGE=600)
def test_staff_session_ends_after_the_configured_time(client, editor, monkeypatch):
    response = post_password(client, editor.username, PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["max-age"] and not cookie["expires"]  # gone when the browser closes
    assert cookie["httponly"]
    assert client.session.get_expiry_age() == 600
    assert pass_second_step(client, editor).status_code == 302
    assert client.session.get_expiry_age() == 600

    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=540))
    assert signed_in(client)

    monkeypatch.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(seconds=660))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Referrer policy and CSP on staff pages ------------------------------------------------------


def test_staff_pages_send_same_origin_referrers_and_reading_pages_send_none(client, editor, content):
    """Under no-referrer, browsers post forms with `Origin: null`, which Django's CSRF check refuses."""
    assert client.get(LOGIN)["Referrer-Policy"] == "same-origin"
    assert client.get("/")["Referrer-Policy"] == "no-referrer"
    assert client.get("/articles/")["Referrer-Policy"] == "no-referrer"


def test_login_form_accepts_a_same_origin_post_with_csrf_checks_on(editor):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    token = BeautifulSoup(browser.get(LOGIN).content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )["value"]
    response = browser.post(
        LOGIN,
        {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"origin": "http://testserver"},
    )
    assert response.status_code == 302
    # What browsers send under the public pages' no-referrer policy is refused: hence same-origin here.
    refused = Client(enforce_csrf_checks=True)
    refused.get(LOGIN)
    response = refused.post(
        LOGIN,
        {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={"origin": "null"},
    )
    assert response.status_code == 403


def staff_pages(article, version):
    return [
        "/admin/",
        ARTICLE_ADMIN,
        f"{ARTICLE_ADMIN}add/",
        f"{ARTICLE_ADMIN}{article.pk}/change/",
        f"{ARTICLE_ADMIN}{article.pk}/history/",
        f"{ARTICLE_ADMIN}{article.pk}/history/{version.history_id}/",
        f"{ARTICLE_ADMIN}{article.pk}/delete/",
        MODALITY_ADMIN,
        f"{MODALITY_ADMIN}add/",
        "/admin/editorial/review-dates/",
        "/admin/password_change/",
    ]


def assert_csp_clean(response, url):
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, url
    assert "unsafe-inline" not in policy, url
    page = BeautifulSoup(response.content, "html.parser")
    inline_scripts = [
        s for s in page.find_all("script") if not s.get("src") and s.get("type") != "application/json"
    ]
    assert inline_scripts == [], url
    assert page.find_all("style") == [], url
    assert page.find_all(style=True) == [], url
    handlers = [(el.name, a) for el in page.find_all(True) for a in el.attrs if a.lower().startswith("on")]
    assert handlers == [], url


def test_the_admin_needs_nothing_the_sites_csp_forbids(client, reviewer):
    article = make_article(status=Status.DRAFT)
    article.tags.add("nightmares")
    sign_in(client, reviewer)
    for url in staff_pages(article, article.history.earliest()):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_csp_clean(response, url)
    client.logout()
    assert_csp_clean(client.get(LOGIN), LOGIN)
