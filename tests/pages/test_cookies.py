"""Reading pages set no cookie; only the volunteer form (CSRF) and staff pages do."""

from django.conf import settings

from tests.pages.public_urls import MISSING_PAGE, VOLUNTEER_FORM, machine_pages


def test_no_reading_page_sets_a_cookie(client, reading_pages):
    set_cookies = {}
    for path in [*reading_pages, *machine_pages(), MISSING_PAGE]:
        response = client.get(path)
        if response.cookies or "Set-Cookie" in response.headers:
            set_cookies[path] = sorted(response.cookies)
    assert set_cookies == {}


def test_reading_pages_start_no_session(client, reading_pages):
    for path in reading_pages:
        client.get(path)
    assert settings.SESSION_COOKIE_NAME not in client.cookies
    assert not client.cookies


def test_the_volunteer_form_sets_only_its_csrf_cookie(client, content):
    response = client.get(VOLUNTEER_FORM)
    assert sorted(response.cookies) == [settings.CSRF_COOKIE_NAME]
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["secure"]  # production value; the test profile keeps it
    assert cookie["samesite"] == "Lax"


def test_the_staff_login_page_sets_only_its_csrf_cookie(client, db):
    response = client.get(f"/{settings.ADMIN_URL}login/")
    assert response.status_code == 200
    assert sorted(response.cookies) == [settings.CSRF_COOKIE_NAME]
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_forms_csrf_cookie_ends_with_the_browser_session(client, content):
    # A cookie with a lifetime outlives the visit: a lasting trace on a shared or watched device.
    response = client.get(VOLUNTEER_FORM)
    cookie = response.cookies[settings.CSRF_COOKIE_NAME]
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    header = cookie.output().lower()
    assert "max-age" not in header and "expires" not in header
