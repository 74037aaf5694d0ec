"""People in each staff role (the editorial fixtures, shared), a superuser, and sign-in steps."""

import pytest
from django.urls import reverse

from tests.editorial.conftest import PASSWORD, editor, moderator, reviewer, roles  # noqa: F401
from tests.staff import admin_login_url


@pytest.fixture
def superuser(django_user_model, db):
    return django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)


def post_password(client, user, password=PASSWORD, next_url="/inbox/"):
    """The admin's login form: the first step only."""
    return client.post(admin_login_url(), {"username": user.username, "password": password, "next": next_url})


def post_code(client, code, next_url="/inbox/"):
    return client.post(reverse("secondfactor:verify"), {"code": code, "next": next_url})


@pytest.fixture
def axes_on(settings):
    """The sign-in lockout, off in the test profile, switched on."""
    settings.AXES_ENABLED = True
    return settings.AXES_FAILURE_LIMIT


def locked_out(response) -> bool:
    return response.status_code == 429 and "Sign-in paused" in response.content.decode()
