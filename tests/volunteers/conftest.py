"""Fixtures for the volunteer form and the inbox: valid answers, enquiries, and people in each role."""

import logging
import uuid
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache

from tests.staff import sign_in
from volunteers import guards
from volunteers.forms import STAMP_FIELD, TOKEN_FIELD
from volunteers.models import Enquiry

FORM_URL = "/volunteer/"
THANKS_URL = "/volunteer/thanks/"


def redirects_to_thanks(response) -> bool:
    """A 303 to the thank-you page (its address carries a signed "just sent" mark)."""
    return response.status_code == 303 and urlsplit(response["Location"]).path == THANKS_URL


VALID_ANSWERS = {
    "name": "Ada Volunteer",
    "email": "ada.volunteer@example.org",
    "phone": "+44 7700 900982",
    "city_region": "Leeds",
    "country": "United Kingdom",
    "interests": ["translation", "admin"],
    "availability": "Two evenings a month",
    "languages": "English and Romanian",
    "message": "I translate Romanian.\nI can help at weekends.",
    "consent": "on",
}


def form_post(**overrides) -> dict:
    """A POST body as the form sends it: valid answers, a fresh token and its signed stamp."""
    token = overrides.pop("token", None) or uuid.uuid4()
    data = {**VALID_ANSWERS, TOKEN_FIELD: str(token), STAMP_FIELD: guards.issue_stamp(token)}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_enquiry(**overrides) -> Enquiry:
    """An enquiry stored the way the form stores it."""
    answers = {key: value for key, value in VALID_ANSWERS.items() if key != "consent"}
    answers.update(overrides)
    return Enquiry.objects.submit(submission_token=uuid.uuid4(), fingerprint=uuid.uuid4().hex, **answers)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Each test starts with no submissions counted (in the database, rolled back with each test, or in
    a shared cache when DJANGO_CACHE_URL names one)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enquiry(db):
    return make_enquiry()


@pytest.fixture
def moderators_group(db):
    """The Moderators group. The data migration creates it (tested in test_permissions.py), but
    transactional tests elsewhere in the suite flush the database, so make sure it is there."""
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="volunteers", codename="moderate_enquiry")
    )
    return group


@pytest.fixture
def moderator(django_user_model, moderators_group):
    """A staff account in the Moderators group."""
    user = django_user_model.objects.create_user(
        "maria", email="maria@example.org", password="unused-password-123", is_staff=True
    )
    user.groups.add(moderators_group)
    return user


@pytest.fixture
def other_moderator(django_user_model, moderators_group):
    user = django_user_model.objects.create_user(
        "omar", email="omar@example.org", password="unused-password-123", is_staff=True
    )
    user.groups.add(moderators_group)
    return user


@pytest.fixture
def editor(django_user_model):
    """A staff account that edits articles but has no right to the inbox."""
    user = django_user_model.objects.create_user(
        "eddie", email="eddie@example.org", password="unused-password-123", is_staff=True
    )
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    sign_in(client, moderator)
    return client


@pytest.fixture
def every_log_line():
    """Every log record from every logger, including those that do not propagate to the root."""
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep(level=logging.DEBUG)
    names = ["", "django.request", "django.server", "django_tasks", "django_tasks_db", "volunteers"]
    loggers = [logging.getLogger(name) for name in names]
    old_levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    yield records
    for logger, level in zip(loggers, old_levels, strict=True):
        logger.removeHandler(handler)
        logger.setLevel(level)
