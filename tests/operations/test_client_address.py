"""One client address for the whole site: behind DJANGO_PROXY_COUNT proxies, the sign-in lockout and
the volunteer rate limit both see the visitor, not the proxy, and cannot be fooled by what the
visitor writes into X-Forwarded-For."""

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from operations.client_address import client_address

PROXY = "10.0.0.1"
PASSWORD = "a-long-test-password-42"
LOGIN = f"/{settings.ADMIN_URL}login/"


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    "proxies, remote, forwarded, expected",
    [
        (0, "198.51.100.1", "203.0.113.9", "198.51.100.1"),  # no proxy: the header is the visitor's own
        (1, PROXY, "198.51.100.1", "198.51.100.1"),
        (1, PROXY, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the left part is the visitor's invention
        (2, PROXY, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (1, PROXY, " 2001:db8::5 ", "2001:db8::5"),
        (2, PROXY, "198.51.100.1", PROXY),  # came around a proxy: not through every one
        (1, PROXY, "", PROXY),
        (1, PROXY, "not-an-address", PROXY),
    ],
)
def test_the_client_is_found_behind_the_configured_proxies(settings, proxies, remote, forwarded, expected):
    settings.PROXY_COUNT = proxies
    assert client_address(request_from(remote, forwarded)) == expected


def test_the_sign_in_lockout_asks_the_same_function():
    from axes.helpers import get_client_ip_address

    with override_settings(PROXY_COUNT=1):
        assert get_client_ip_address(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"


def sign_in(client, username, password, forwarded):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": f"/{settings.ADMIN_URL}"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("erin", password=PASSWORD, is_staff=True)


@override_settings(AXES_ENABLED=True, PROXY_COUNT=1)
def test_behind_a_proxy_wrong_passwords_from_one_address_lock_only_that_address(client, editor):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # Whatever the guesser puts in front, the proxy appends the address it saw.
        sign_in(client, editor.username, "wrong guess", f"192.0.2.{attempt}, 198.51.100.66")
    assert sign_in(client, editor.username, PASSWORD, "198.51.100.66").status_code == 429
    assert sign_in(client, editor.username, PASSWORD, "192.0.2.1, 198.51.100.66").status_code == 429

    # The editor, at home behind the same proxy, still signs in.
    assert sign_in(client, editor.username, PASSWORD, "203.0.113.20").status_code == 302
