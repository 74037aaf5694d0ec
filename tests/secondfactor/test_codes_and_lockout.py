"""Wrong and reused codes are refused; wrong codes count toward the sign-in lockout with wrong passwords."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from secondfactor.devices import issue_backup_codes
from tests.secondfactor.conftest import PASSWORD, locked_out, post_code, post_password
from tests.staff import authenticator_for, code_for


@pytest.fixture
def no_delay(settings):
    """django-otp makes a device wait 1, 2, 4... seconds after wrong codes; these tests type fast."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def wrong_code(device) -> str:
    return f"{(int(code_for(device)) + 1) % 10**6:06d}"


def verified(client) -> bool:
    return client.get("/inbox/").status_code == 200


def test_a_wrong_code_is_refused(client, moderator, no_delay):
    device = authenticator_for(moderator)
    post_password(client, moderator)

    response = post_code(client, wrong_code(device))

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert f'value="{wrong_code(device)}"' in response.content.decode()  # shown again, to spot a typo
    assert not verified(client)


def test_a_code_is_accepted_once_only(moderator, no_delay):
    device = authenticator_for(moderator)
    code = code_for(device)
    first, second = Client(), Client()
    post_password(first, moderator)
    post_password(second, moderator)

    assert post_code(first, code).status_code == 302
    refused = post_code(second, code)

    assert refused.status_code == 200 and "used already" in refused.content.decode()
    assert verified(first) and not verified(second)


def test_guessing_is_slowed_down_and_a_slowed_try_is_not_checked(client, moderator, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # a 60 s pause, not 1 s: a slow machine still sees it
    device = authenticator_for(moderator)
    post_password(client, moderator)
    post_code(client, wrong_code(device))

    too_soon = post_code(client, code_for(device))  # the right code, a moment after a wrong one

    assert too_soon.status_code == 200
    assert "Too many wrong codes. Wait" in too_soon.content.decode()
    assert not verified(client)


def test_a_backup_code_works_once(client, moderator, no_delay):
    authenticator_for(moderator)
    codes = issue_backup_codes(moderator)
    post_password(client, moderator)

    response = post_code(client, codes[0].upper()[:4] + " " + codes[0][4:])  # as people type them
    assert response.status_code == 302
    page = client.get("/inbox/")
    assert page.status_code == 200
    assert "You have 9 backup codes left" in page.content.decode()

    again = Client()
    post_password(again, moderator)
    assert post_code(again, codes[0]).status_code == 200
    assert not verified(again)
    assert StaticToken.objects.filter(device__user=moderator).count() == 9


def test_codes_from_another_account_are_refused(client, moderator, editor, no_delay):
    authenticator_for(moderator)
    other = authenticator_for(editor)
    post_password(client, moderator)
    assert post_code(client, code_for(other)).status_code == 200
    assert not verified(client)


# --- The lockout (django-axes) ---------------------------------------------------------------------


def test_wrong_codes_lock_the_account_like_wrong_passwords(client, moderator, axes_on, no_delay):
    device = authenticator_for(moderator)
    post_password(client, moderator)
    for _ in range(axes_on - 1):
        assert post_code(client, wrong_code(device)).status_code == 200

    last = post_code(client, wrong_code(device))

    assert locked_out(last)
    assert "_auth_user_id" not in client.session  # signed out
    # The password no longer opens even the first step, from this address.
    assert locked_out(post_password(client, moderator))


def test_wrong_passwords_and_wrong_codes_add_up(client, moderator, axes_on, no_delay):
    device = authenticator_for(moderator)
    for _ in range(axes_on - 2):
        post_password(client, moderator, password="wrong guess")
    assert post_password(client, moderator).status_code == 302
    assert post_code(client, wrong_code(device)).status_code == 200

    assert locked_out(post_code(client, wrong_code(device)))


def test_a_wrong_code_is_counted_but_not_stored(client, moderator, axes_on, no_delay):
    device = authenticator_for(moderator)
    post_password(client, moderator)
    typed = wrong_code(device)
    post_code(client, typed)

    attempt = AccessAttempt.objects.get(username=moderator.username)
    assert attempt.failures_since_start == 1
    assert typed not in attempt.post_data


def test_the_right_password_does_not_wipe_the_count_of_wrong_codes(moderator, axes_on, no_delay):
    """Otherwise whoever knows the password could guess codes forever, signing in again between tries."""
    device = authenticator_for(moderator)
    for _ in range(axes_on - 1):
        attempt = Client()
        post_password(attempt, moderator)
        post_code(attempt, wrong_code(device))

    attempt = Client()
    assert post_password(attempt, moderator).status_code == 302
    assert locked_out(post_code(attempt, wrong_code(device)))


def test_a_locked_out_session_cannot_keep_guessing(moderator, axes_on, no_delay):
    device = authenticator_for(moderator)
    waiting = Client()
    post_password(waiting, moderator)  # signed in with the password before the lock
    for _ in range(axes_on):
        post_password(Client(), moderator, password="wrong guess")

    response = post_code(waiting, code_for(device))  # even the right code

    assert locked_out(response)
    assert not verified(waiting)


def test_signing_in_fully_clears_the_count(client, moderator, axes_on, no_delay):
    device = authenticator_for(moderator)
    post_password(client, moderator)
    for _ in range(axes_on - 1):
        post_code(client, wrong_code(device))
    assert post_code(client, code_for(device)).status_code == 302
    client.post(reverse("admin:logout"))

    again = Client()
    post_password(again, moderator)
    for _ in range(axes_on - 1):
        assert post_code(again, wrong_code(device)).status_code == 200  # counting from zero again
    assert post_password(Client(), moderator, password=PASSWORD).status_code == 302
