"""People in each staff role, signed in through the real sign-in page."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.editorial.conftest import PASSWORD, editor, reviewer, roles  # noqa: F401  (fixtures)
from tests.staff import authenticator_for, pass_second_step
from volunteers.permissions import MODERATE_PERMISSION, MODERATORS_GROUP


@pytest.fixture
def moderator(django_user_model, db):
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    app_label, codename = MODERATE_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    user = django_user_model.objects.create_user(
        "maria.k", email="maria@example.org", password=PASSWORD, is_staff=True, first_name="Maria"
    )
    user.groups.add(group)
    return user


def sign_in_through_the_form(client, user, next_path=None):
    """Sign in as a person does, through the admin's sign-in form and then the second step, with the
    `next` the form itself carries (the landing, unless a page asked for sign-in). Redirects followed."""
    authenticator_for(user)  # set up beforehand, so the password leads to the code form
    url = "/admin/login/" + (f"?next={next_path}" if next_path else "")
    page = client.get(url).content.decode()
    next_value = html.unescape(re.search(r'name="next" value="([^"]*)"', page).group(1))
    response = client.post(
        url, {"username": user.username, "password": PASSWORD, "next": next_value}, follow=True
    )
    assert response.request["PATH_INFO"] == reverse("secondfactor:verify"), response.redirect_chain
    step_next = parse_qs(urlsplit(response.redirect_chain[-1][0]).query).get("next", [""])[0]
    return pass_second_step(client, user, step_next, follow=True)
