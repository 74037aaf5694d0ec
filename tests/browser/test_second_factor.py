"""A moderator sets up their phone's authenticator and signs in with it, in a real browser.

The QR code and the key come from the page itself; the codes an app would show are worked out here
from that key. The browser fixtures fail the test on any request to another host or any console
error (a CSP violation is one).
"""

import base64

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.test_accessibility import violations
from tests.staff import code_for

pytestmark = pytest.mark.browser

PASSWORD = "a-long-moderator-password-1234"


@pytest.fixture
def moderator(transactional_db):
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="moderate_enquiry"))
    user = get_user_model().objects.create_user("maya", "maya@example.org", PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


def enter_password(page, site):
    page.goto(site.url(f"/{settings.ADMIN_URL}login/?next=/inbox/"))
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def app_code(secret_text: str) -> str:
    secret = "".join(secret_text.split())
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def test_a_moderator_sets_up_their_phone_and_signs_in_with_it(browse, site, moderator, artifacts):
    context, traffic = browse()
    page = context.new_page()

    # First sign-in: the password leads to setting up the app, not to the inbox.
    enter_password(page, site)
    assert page.url.startswith(site.url(f"/{settings.ADMIN_URL}second-factor/set-up/"))
    qr = page.locator("svg.qr-code")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 150 and abs(box["width"] - box["height"]) < 1  # big enough for a camera
    page.screenshot(path=str(artifacts / "second-factor-set-up.png"), full_page=True)
    assert violations(page) == []
    page.goto(site.url("/inbox/"))  # trying to skip it
    assert "/second-factor/set-up/" in page.url

    # The app is set up from the key shown beside the QR code, and its code typed in.
    code = app_code(page.locator("#secret-key").inner_text())
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="Finish setting up").click()
    page.wait_for_load_state()
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10
    assert violations(page) == []
    page.get_by_role("link", name="I have saved them: continue").click()
    page.wait_for_url(site.url("/inbox/"))
    assert page.get_by_role("heading", level=1).inner_text() == "Volunteer inbox"

    # Next time, on another browser: password, then the code the phone shows; a wrong one first.
    device = TOTPDevice.objects.get(user=moderator, confirmed=True)
    other_context, _ = browse()
    other = other_context.new_page()
    enter_password(other, site)
    assert other.url.startswith(site.url(f"/{settings.ADMIN_URL}second-factor/"))
    wrong = f"{(int(code_for(device)) + 1) % 10**6:06d}"
    other.get_by_role("textbox", name="Code").fill(wrong)
    other.get_by_role("button", name="Continue").click()
    other.wait_for_load_state()
    assert "That code is not right" in other.locator("#content-main").inner_text()
    other.screenshot(path=str(artifacts / "second-factor-wrong-code.png"), full_page=True)
    assert violations(other) == []

    # Wait out the pause that follows a wrong code, as the page asks, then type the right one.
    device.refresh_from_db()
    other.wait_for_timeout(1100)
    other.get_by_role("textbox", name="Code").fill(code_for(device))
    other.get_by_role("button", name="Continue").click()
    other.wait_for_url(site.url("/inbox/"))

    assert traffic.blocked == [] and traffic.console_errors == []
