"""Fixtures for the editorial workflow: people in each role, content in each state, admin form helpers."""

import datetime
import importlib

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from tests.staff import sign_in
from volunteers.permissions import MODERATE_PERMISSION, MODERATORS_GROUP

roles_migration = importlib.import_module("editorial.migrations.0002_editorial_roles")

PASSWORD = "a-long-test-password-42"
ARTICLE_ADMIN = "/admin/articles/article/"
MODALITY_ADMIN = "/admin/modalities/modality/"


@pytest.fixture
def roles(db):
    """The Editors and Clinical reviewers groups, as migration 0002 makes them.

    The test database is built by the migrations, but transactional tests elsewhere in the suite flush
    it; running the migration's own function again is idempotent and restores them.
    """
    roles_migration.create_roles(apps, None)
    return {name: Group.objects.get(name=name) for name in roles_migration.ROLES}


def _staff(django_user_model, username, group, first_name=""):
    user = django_user_model.objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD, is_staff=True, first_name=first_name
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(django_user_model, roles):
    return _staff(django_user_model, "erin", roles["Editors"], "Erin")


@pytest.fixture
def reviewer(django_user_model, roles):
    return _staff(django_user_model, "dr-rao", roles["Clinical reviewers"], "Dr Rao")


@pytest.fixture
def moderator(django_user_model, db):
    """A staff account in the Moderators group (made by the volunteers app's migration)."""
    group, _ = Group.objects.get_or_create(name=MODERATORS_GROUP)
    app_label, codename = MODERATE_PERMISSION.split(".")
    group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return _staff(django_user_model, "mo", group)


@pytest.fixture
def editor_client(client, editor):
    sign_in(client, editor)
    return client


@pytest.fixture
def reviewer_client(client, reviewer):
    sign_in(client, reviewer)
    return client


def make_article(status=Status.DRAFT, **fields) -> Article:
    """An article saved the way the admin saves one (Markdown rendered on save)."""
    today = timezone.localdate()
    defaults = {
        "title": "Sleep and safety plans",
        "slug": "sleep-and-safety-plans",
        "summary": "How a plan for the night may help.",
        "body": "## A plan\n\nA short plan for the night.\n",
        "last_reviewed": today - datetime.timedelta(days=10),
        "next_review_due": today + datetime.timedelta(days=200),
    }
    defaults.update(fields)
    article = Article(status=status, **defaults)
    article.save()
    return article


def admin_form_data(html: str, form_id: str) -> dict:
    """The fields of an admin form as a browser would submit them, read from its HTML."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no form #{form_id} on the page"
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "textarea":
            # A browser drops the one newline HTML allows right after <textarea>.
            data[name] = field.string.removeprefix("\n") if field.string else ""
        elif field.name == "select":
            chosen = field.find_all("option", selected=True) or field.find_all("option")[:1]
            values = [option.get("value", "") for option in chosen]
            data[name] = values if field.has_attr("multiple") else values[0]
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") not in {"submit", "button", "image", "file"}:
            data[name] = field.get("value", "")
    return data


def article_post(**overrides) -> dict:
    """A complete article form submission as the admin's add page sends it."""
    data = {
        "language": "en",
        "title": "Sleep and safety plans",
        "slug": "sleep-and-safety-plans",
        "summary": "How a plan for the night may help.",
        "content_note": "",
        "body": "## A plan\n\nA short plan for the night.\n",
        "tags": "nightmares, trouble sleeping",
        "confirm_new_tags": "on",  # these tests start with an empty vocabulary
        "status": Status.DRAFT,
        "_save": "Save",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
