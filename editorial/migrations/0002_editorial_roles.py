"""Create the editorial roles as groups: Editors write drafts, Clinical reviewers publish and review.

The "Moderators" group belongs to the volunteers app and is created by its own migration.

Permissions are normally created after all migrations have run (post_migrate), so this migration
creates the ones it needs first. The role definitions are copied here on purpose: a migration must keep
doing what it did when it was written, whatever the code looks like later.
"""

from django.contrib.auth import get_permission_codename
from django.db import migrations
from django.utils import translation

CONTENT_APPS = ("modalities", "articles")

ROLES = {
    "Editors": [
        "modalities.add_modality",
        "modalities.change_modality",
        "modalities.view_modality",
        "modalities.view_historicalmodality",
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_historicalarticle",
    ],
    "Clinical reviewers": [
        "modalities.add_modality",
        "modalities.change_modality",
        "modalities.view_modality",
        "modalities.delete_modality",
        "modalities.publish_modality",
        "modalities.view_historicalmodality",
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.delete_article",
        "articles.publish_article",
        "articles.view_historicalarticle",
    ],
}


def _ensure_permissions(apps):
    """Create the content apps' permissions as Django's own post-migrate step names them (which then
    finds them there and adds nothing): its code names, its names, on the models' content types."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for label in CONTENT_APPS:
        for model in apps.get_app_config(label).get_models():
            opts = model._meta
            content_type = ContentType.objects.get_for_model(model)
            with translation.override(None):
                verbose_name = str(opts.verbose_name)
            wanted = [
                (get_permission_codename(action, opts), f"Can {action} {verbose_name}")
                for action in opts.default_permissions
            ]
            for codename, name in [*wanted, *opts.permissions]:
                Permission.objects.get_or_create(
                    content_type=content_type, codename=codename, defaults={"name": name}
                )


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _ensure_permissions(apps)
    for name, perms in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("modalities", "0002_publish_permission"),
        ("articles", "0003_publish_permission"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
