"""Create the editorial roles as groups: Editors write drafts, Clinical reviewers publish and review.

The "Moderators" group belongs to the volunteers app and is created by its own migration.

Permissions are normally created after all migrations have run (post_migrate), so this migration
creates the ones it needs first. The role definitions are copied here on purpose: a migration must keep
doing what it did when it was written, whatever the code looks like later.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

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
    for label in CONTENT_APPS:
        app_config = apps.get_app_config(label)
        # create_permissions() skips app configs without a models module, as migration-state
        # app configs are; flag it for the duration of the call, then put back what was there.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


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
