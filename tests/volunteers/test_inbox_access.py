"""Only moderators get into the inbox: anonymous visitors sign in first, everyone else gets 403."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission

from tests.staff import sign_in
from volunteers.permissions import can_moderate, moderators

pytestmark = pytest.mark.django_db


def inbox_requests(enquiry_pk):
    """(method, path, data) for every inbox view."""
    return [
        ("get", "/inbox/", {}),
        ("get", "/inbox/?status=new&q=ada", {}),
        ("get", "/inbox/export.csv", {}),
        ("get", f"/inbox/{enquiry_pk}/", {}),
        ("post", "/inbox/bulk/", {"action": "spam", "enquiries": [enquiry_pk]}),
        ("post", f"/inbox/{enquiry_pk}/status/", {"status": "spam"}),
        ("post", f"/inbox/{enquiry_pk}/assign/", {"assignee": ""}),
        ("post", f"/inbox/{enquiry_pk}/notes/", {"text": "A note"}),
    ]


VIEW_COUNT = 8


@pytest.mark.parametrize("index", range(VIEW_COUNT))
def test_anonymous_visitors_are_sent_to_sign_in(client, enquiry, index):
    method, path, data = inbox_requests(enquiry.pk)[index]
    response = getattr(client, method)(path, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/inbox/")
    enquiry.refresh_from_db()
    assert enquiry.status == "new"
    assert enquiry.notes.count() == 0


@pytest.mark.parametrize("index", range(VIEW_COUNT))
def test_signed_in_accounts_without_the_permission_get_403(client, editor, enquiry, index):
    sign_in(client, editor)
    method, path, data = inbox_requests(enquiry.pk)[index]
    response = getattr(client, method)(path, data)
    assert response.status_code == 403
    assert "This page is not open to you" in response.content.decode()
    assert "Ada Volunteer" not in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == "new"
    assert enquiry.notes.count() == 0


@pytest.mark.parametrize("index", range(VIEW_COUNT))
def test_moderators_get_in(moderator_client, enquiry, index):
    method, path, data = inbox_requests(enquiry.pk)[index]
    response = getattr(moderator_client, method)(path, data)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith("/inbox/")


def test_inbox_pages_are_never_cached(moderator_client, enquiry):
    for path in ["/inbox/", f"/inbox/{enquiry.pk}/", "/inbox/export.csv"]:
        assert "no-store" in moderator_client.get(path)["Cache-Control"]


def test_a_superuser_can_moderate(client, django_user_model, enquiry):
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "unused-password-123")
    sign_in(client, admin)
    assert client.get("/inbox/").status_code == 200


def test_can_moderate_decides_for_every_kind_of_account(django_user_model, moderator, editor):
    direct = django_user_model.objects.create_user("dana")
    direct.user_permissions.add(Permission.objects.get(codename="moderate_enquiry"))
    inactive = django_user_model.objects.create_user("ivan", is_active=False)
    inactive.groups.add(Group.objects.get(name="Moderators"))
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "unused-password-123")
    assert can_moderate(moderator)
    assert can_moderate(django_user_model.objects.get(pk=direct.pk))
    assert can_moderate(superuser)
    assert not can_moderate(editor)
    assert not can_moderate(inactive)
    assert not can_moderate(AnonymousUser())
    assert not can_moderate(None)
    assert sorted(u.username for u in moderators()) == ["dana", "maria", "root"]


def test_the_data_migration_creates_the_moderators_group_with_the_permission(db):
    migration = importlib.import_module("volunteers.migrations.0002_moderators_group")
    Group.objects.filter(name="Moderators").delete()
    migration.create_moderators_group(apps, None)
    migration.create_moderators_group(apps, None)  # running it twice changes nothing
    group = Group.objects.get(name="Moderators")
    assert [p.codename for p in group.permissions.all()] == ["moderate_enquiry"]
    assert Permission.objects.filter(codename="moderate_enquiry").count() == 1


def test_the_mail_outbox_in_the_admin_is_read_only_and_for_moderators_only(
    client, moderator, editor, enquiry
):
    sign_in(client, moderator)
    listing = client.get("/admin/volunteers/notification/")
    assert listing.status_code == 200
    assert "Confirmation to the volunteer for enquiry" in listing.content.decode()
    assert "Ada Volunteer" not in listing.content.decode()
    assert client.get("/admin/volunteers/notification/add/").status_code == 403
    sign_in(client, editor)
    assert client.get("/admin/volunteers/notification/").status_code == 403
