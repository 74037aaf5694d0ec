"""A refused member of staff is told who they are signed in as and which role the page needs; sign-in
warns before it pauses, and the pause page says how long it lasts."""

from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from tests.staff import sign_in
from tests.staff_pages.conftest import PASSWORD


def test_an_editor_refused_the_inbox_is_told_who_they_are_and_which_role_it_needs(client, editor):
    sign_in(client, editor)
    response = client.get("/inbox/")
    assert response.status_code == 403
    page = BeautifulSoup(response.content, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "signed in as Erin" in text
    assert "This page is for Moderators." in text
    assert "/admin/" in [a["href"] for a in page.select("main a")]
    assert page.find("form", action="/admin/logout/") is not None
    assert page.select(".quick-exit, #help-box") == []


def test_a_moderator_refused_an_admin_page_is_told_which_role_it_needs(client, moderator):
    sign_in(client, moderator)
    response = client.get("/admin/articles/article/")
    assert response.status_code == 403
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "signed in as Maria" in text
    assert "Editors or Clinical reviewers" in text
    assert "/inbox/" in response.content.decode()


def test_readers_still_get_the_readers_refusal(client, editor):
    sign_in(client, editor)
    client.logout()
    response = client.get("/inbox/")
    assert response.status_code == 302  # readers are sent to sign in; nothing about staff shown


def wrong_password(client, username):
    return client.post("/admin/login/", {"username": username, "password": "wrong guess", "next": "/admin/"})


@override_settings(AXES_ENABLED=True)
def test_sign_in_says_how_many_tries_remain_before_the_pause(client, editor):
    limit = settings.AXES_FAILURE_LIMIT
    first = BeautifulSoup(wrong_password(client, editor.username).content, "html.parser")
    assert first.find(id="tries-left").get_text(strip=True) == (
        f"You have {limit - 1} more tries before signing in pauses for 1 hour."
    )
    for _ in range(limit - 3):
        wrong_password(client, editor.username)
    last = BeautifulSoup(wrong_password(client, editor.username).content, "html.parser")
    assert last.find(id="tries-left").get_text(strip=True) == (
        "You have 1 more try before signing in pauses for 1 hour."
    )


@override_settings(AXES_ENABLED=True)
def test_the_pause_page_says_how_long_it_lasts(client, editor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong_password(client, editor.username)
    locked = client.post("/admin/login/", {"username": editor.username, "password": PASSWORD})
    assert locked.status_code == 429
    text = BeautifulSoup(locked.content, "html.parser").get_text(" ", strip=True)
    assert "You can try again in 1 hour." in text


def test_a_first_try_shows_no_warning(client, editor):
    page = client.get("/admin/login/").content.decode()
    assert 'id="tries-left"' not in page
