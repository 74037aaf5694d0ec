"""Signing staff in, for tests. Staff sign in with a password and then a second factor (a code from an
authenticator app), so `client.force_login(user)` alone leaves a half-signed-in session that staff
pages refuse. Use these instead:

- `sign_in(client, user)`: a Django test client signed in fully (password and second factor passed),
  as `force_login` did before; returns the client.
- `authenticator_for(user)`: the user's authenticator (a confirmed TOTP device), set up if missing.
- `code_for(device)`: the code the authenticator app shows now, for tests that type it into a form.
- `sign_in_with_forms(client, username, password)`: through the real login form and second step;
  `pass_second_step(client, user)` types the code after a password posted by the test itself.

Browser tests sign in through the real forms with `tests.browser.journeys.log_in_through_the_admin`.
"""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "Authenticator app"


def authenticator_for(user) -> TOTPDevice:
    """The user's confirmed authenticator, set up now (as enrolment would) when they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=True)


def code_for(device: TOTPDevice) -> str:
    """The code the app shows, as the server will accept it: one it has not accepted before.

    The server takes the previous, current and next 30-second code, each once. When this step's code
    was used already (two sign-ins within 30 seconds), the next step's code is the one to type; when
    even that was used, wait for the clock as a person would.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() + device.tolerance <= device.last_t:
        time.sleep(0.5)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():0{device.digits}d}"


def sign_in(client, user):
    """Sign `user` in on `client` fully: the session has passed the password and the second factor."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
    return client


def admin_login_url() -> str:
    return f"/{settings.ADMIN_URL}login/"


def sign_in_with_forms(client, username, password, next_url=None):
    """Sign in through the real forms, as a person does: the admin's login form (password), then the
    second step (the code the authenticator shows). Returns the last response, redirects followed."""
    user = get_user_model().objects.get(username=username)
    authenticator_for(user)  # set up beforehand, so the password leads to the code form
    next_url = next_url or f"/{settings.ADMIN_URL}"
    response = client.post(
        admin_login_url(), {"username": username, "password": password, "next": next_url}, follow=True
    )
    assert response.request["PATH_INFO"] == reverse("secondfactor:verify"), response.redirect_chain
    return pass_second_step(client, user, next_url, follow=True)


def pass_second_step(client, user, next_url=None, **options):
    """Type the authenticator's code into the second step, after the password was accepted."""
    data = {"code": code_for(authenticator_for(user)), "next": next_url or f"/{settings.ADMIN_URL}"}
    return client.post(reverse("secondfactor:verify"), data, **options)
