"""People in each staff role, signed in through the real sign-in page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from tests.editorial.conftest import PASSWORD, editor, reviewer, roles  # noqa: F401  (fixtures)
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


def sign_in_through_the_form(client, username, next_path=None):
    """Post the admin's sign-in form as a browser would, following the redirects."""
    url = "/admin/login/" + (f"?next={next_path}" if next_path else "")
    page = client.get(url).content.decode()
    data = {"username": username, "password": PASSWORD}
    if 'name="next"' in page:
        data["next"] = re.search(r'name="next" value="([^"]*)"', page).group(1)
    return client.post(url, data, follow=True)
