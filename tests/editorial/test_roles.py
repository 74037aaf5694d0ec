"""Roles are groups made by a data migration, and the admin enforces what each may do."""

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, make_article, roles_migration
from tests.staff import sign_in


def codenames(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}


def test_migration_creates_editors_and_clinical_reviewers_with_the_right_permissions(db):
    Group.objects.filter(name__in=["Editors", "Clinical reviewers"]).delete()

    roles_migration.create_roles(apps, None)

    editors = codenames(Group.objects.get(name="Editors"))
    reviewers = codenames(Group.objects.get(name="Clinical reviewers"))
    assert {"articles.add_article", "articles.change_article", "modalities.change_modality"} <= editors
    assert not {p for p in editors if ".publish_" in p or ".delete_" in p}
    assert {"articles.publish_article", "modalities.publish_modality"} <= reviewers
    assert editors < reviewers  # a reviewer can do everything an editor can, and more
    assert not {p for p in editors | reviewers if p.startswith("volunteers.")}


def test_role_migration_is_idempotent_and_reversible(db):
    roles_migration.create_roles(apps, None)
    roles_migration.create_roles(apps, None)
    assert Group.objects.filter(name="Editors").count() == 1
    Group.objects.get_or_create(name="Moderators")

    roles_migration.remove_roles(apps, None)

    assert not Group.objects.filter(name__in=["Editors", "Clinical reviewers"]).exists()
    assert Group.objects.filter(name="Moderators").exists()  # the volunteers app's group is not ours


def test_the_role_migration_leaves_the_app_registry_as_it_found_it(db):
    before = apps.get_app_config("articles").models_module
    roles_migration.create_roles(apps, None)
    assert apps.get_app_config("articles").models_module is before


def _content_permissions() -> set[tuple[str, str, str, str]]:
    return set(
        Permission.objects.filter(content_type__app_label__in=roles_migration.CONTENT_APPS).values_list(
            "content_type__app_label", "content_type__model", "codename", "name"
        )
    )


def test_the_role_migration_makes_the_permissions_exactly_as_django_does(db):
    """The migration creates permissions before Django's post-migrate step would; that step must then
    find every one of them as it would have made it, or a database would hold two spellings."""
    Permission.objects.filter(content_type__app_label__in=roles_migration.CONTENT_APPS).delete()
    roles_migration.create_roles(apps, None)
    made_by_the_migration = _content_permissions()

    Permission.objects.filter(content_type__app_label__in=roles_migration.CONTENT_APPS).delete()
    for label in roles_migration.CONTENT_APPS:
        create_permissions(apps.get_app_config(label), verbosity=0)

    assert made_by_the_migration == _content_permissions()


def test_the_role_migration_runs_on_the_models_as_they_were_when_it_was_written(db):
    """As `migrate` runs it: on historical models, before Django has created any permission."""
    Permission.objects.filter(content_type__app_label__in=roles_migration.CONTENT_APPS).delete()
    Group.objects.filter(name__in=roles_migration.ROLES).delete()
    state = MigrationLoader(connection).project_state(("editorial", "0002_editorial_roles"), at_end=False)

    roles_migration.create_roles(state.apps, None)

    reviewers = codenames(Group.objects.get(name="Clinical reviewers"))
    assert {"articles.publish_article", "modalities.view_historicalmodality"} <= reviewers


def test_publishing_is_a_permission_of_reviewers_not_editors(editor, reviewer):
    assert reviewer.has_perm("articles.publish_article")
    assert reviewer.has_perm("modalities.publish_modality")
    assert not editor.has_perm("articles.publish_article")
    assert not editor.has_perm("modalities.publish_modality")


def test_moderators_hold_no_content_permission(moderator):
    content_perms = {
        p for p in moderator.get_all_permissions() if p.startswith(("articles.", "modalities.", "taggit."))
    }
    assert content_perms == set()


@pytest.mark.parametrize("url", [ARTICLE_ADMIN, f"{ARTICLE_ADMIN}add/", MODALITY_ADMIN])
def test_moderator_cannot_open_content_in_the_admin(client, moderator, url):
    sign_in(client, moderator)
    assert client.get(url).status_code == 403


def test_moderator_cannot_change_an_article(client, moderator):
    article = make_article(status=Status.DRAFT)
    sign_in(client, moderator)

    response = client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", {"title": "Vandalised", "_save": "Save"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Sleep and safety plans"


def test_moderator_cannot_preview_or_see_review_dates(client, moderator):
    sign_in(client, moderator)
    assert client.post(f"{ARTICLE_ADMIN}preview/", {"body": "x"}).status_code == 403
    assert client.get("/admin/editorial/review-dates/").status_code == 403


def test_editor_cannot_open_the_volunteer_inbox(client, editor, moderator):
    sign_in(client, editor)
    response = client.get("/inbox/")
    assert response.status_code in {302, 403}
    if response.status_code == 302:
        assert "login" in response["Location"]
    assert b"enquir" not in response.content.lower()

    # The same URL does open for a moderator, so the refusal above is the permission at work.
    sign_in(client, moderator)
    assert client.get("/inbox/").status_code == 200


def test_anonymous_visitor_is_sent_to_the_admin_login(client, db):
    for url in (ARTICLE_ADMIN, "/admin/editorial/review-dates/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
