"""Setting up an authenticator (QR code drawn on the server as SVG), backup codes, and an operator's reset."""

import base64

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from secondfactor.devices import BACKUP_CODE_COUNT
from tests.editorial.test_admin_hardening import assert_csp_clean
from tests.secondfactor.conftest import post_code, post_password
from tests.staff import authenticator_for, code_for, sign_in

ENROL = "/admin/second-factor/set-up/"


def secret_on(page) -> bytes:
    """The key a person would type into their app, read from the page."""
    text = BeautifulSoup(page.content, "html.parser").find(id="secret-key").get_text()
    secret = "".join(text.split())
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def backup_codes_on(page) -> list[str]:
    return [
        li.get_text(strip=True)
        for li in BeautifulSoup(page.content, "html.parser").select("#backup-codes li")
    ]


def stored_backup_codes(user) -> list[str]:
    return sorted(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def app_code(key: bytes) -> str:
    """What an authenticator app holding `key` shows now."""
    return f"{TOTP(key).token():06d}"


@pytest.fixture
def half_signed_in(client, moderator):
    assert post_password(client, moderator).status_code == 302
    return client


def test_the_set_up_page_draws_the_qr_code_itself(half_signed_in, moderator):
    page = half_signed_in.get(ENROL + "?next=/inbox/")

    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    svg = html.find("svg", class_="qr-code")
    assert svg is not None and svg.find("path") is not None
    assert svg["role"] == "img" and svg["aria-label"]
    assert html.find_all("img", src=lambda src: src and not src.startswith("/static/")) == []
    assert "no-store" in page["Cache-Control"]
    assert_csp_clean(page, ENROL)
    # The QR code holds the same secret as the key printed beside it, for this account.
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    assert secret_on(page) == device.bin_key
    # A reload shows the same secret, so a scan already made still works.
    assert secret_on(half_signed_in.get(ENROL)) == device.bin_key


def test_setting_up_with_the_apps_code_signs_in_and_shows_backup_codes_once(half_signed_in, moderator):
    key = secret_on(half_signed_in.get(ENROL))

    response = half_signed_in.post(ENROL, {"code": app_code(key), "next": "/inbox/"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    shown = backup_codes_on(response)
    assert len(shown) == BACKUP_CODE_COUNT == len(set(shown))
    assert sorted(shown) == stored_backup_codes(moderator)
    assert TOTPDevice.objects.get(user=moderator).confirmed
    assert half_signed_in.get("/inbox/").status_code == 200
    # Shown once: nothing on any later page repeats them.
    assert shown[0] not in half_signed_in.get(ENROL, follow=True).content.decode()


def test_a_wrong_code_does_not_finish_setting_up(half_signed_in, moderator):
    key = secret_on(half_signed_in.get(ENROL))
    wrong = f"{(int(app_code(key)) + 1) % 10**6:06d}"

    response = half_signed_in.post(ENROL, {"code": wrong})

    assert response.status_code == 200
    assert "That code does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()
    assert half_signed_in.get("/inbox/").status_code == 302


def test_a_password_alone_cannot_add_a_second_authenticator(half_signed_in, moderator):
    authenticator_for(moderator)
    response = half_signed_in.get(ENROL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("secondfactor:verify"))
    assert half_signed_in.post(ENROL, {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=moderator).count() == 1


def test_a_password_alone_cannot_make_new_backup_codes(half_signed_in, moderator):
    authenticator_for(moderator)
    response = half_signed_in.post(reverse("secondfactor:backup_codes"))
    assert response.status_code == 302
    assert not StaticDevice.objects.filter(user=moderator).exists()


def test_a_signed_in_person_can_replace_their_backup_codes(client, moderator):
    sign_in(client, moderator)
    assert "unused backup code" in client.get(reverse("secondfactor:backup_codes")).content.decode()
    first = client.post(reverse("secondfactor:backup_codes"))
    second = client.post(reverse("secondfactor:backup_codes"))
    codes = backup_codes_on(second)
    assert len(codes) == BACKUP_CODE_COUNT
    assert sorted(codes) == stored_backup_codes(moderator)
    assert first.content != second.content


def test_devices_and_their_secrets_are_not_in_the_admin():
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


# --- An operator resets a lost device --------------------------------------------------------------


def test_reset_removes_the_authenticator_and_backup_codes(client, moderator, capsys):
    sign_in(client, moderator)
    client.post(reverse("secondfactor:backup_codes"))
    assert client.get("/inbox/").status_code == 200

    call_command("reset_second_factor", moderator.username)

    assert "Removed mo's authenticator" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=moderator).exists()
    assert not StaticDevice.objects.filter(user=moderator).exists()
    # A session verified with the lost device no longer counts: it is sent to set up a new one.
    response = client.get("/inbox/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("secondfactor:enrol"))


def test_after_a_reset_the_next_sign_in_sets_up_a_new_authenticator(moderator):
    old = authenticator_for(moderator)
    old_code = code_for(old)
    call_command("reset_second_factor", moderator.username)

    browser = Client()
    post_password(browser, moderator)
    assert post_code(browser, old_code).status_code == 302  # sent to set up: no device to check
    key = secret_on(browser.get(ENROL))
    assert key != old.bin_key
    assert browser.post(ENROL, {"code": app_code(key)}).status_code == 200
    assert browser.get("/inbox/").status_code == 200


def test_reset_names_an_unknown_account(db):
    with pytest.raises(CommandError, match="No account with the user name 'nobody'"):
        call_command("reset_second_factor", "nobody")
