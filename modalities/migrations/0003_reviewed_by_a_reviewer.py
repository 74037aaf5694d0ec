""""Reviewed by" becomes a chosen clinical reviewer (a user in the Clinical reviewers group) instead of
free text. Each old text is matched to a reviewer where it names one (user name, first name, or full
name, alone or within the text); where none matches, or several do, the field is left empty.

The matching is copied here on purpose: a migration must keep doing what it did when it was written.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

GROUP = "Clinical reviewers"
MODELS = ("modality", "historicalmodality")


def _names(user):
    full = f"{user.first_name} {user.last_name}".strip()
    return {n.casefold() for n in (user.username, user.first_name, full) if n}, full.casefold()


def _reviewer_named(reviewers, text):
    wanted = " ".join(text.split()).casefold()
    exact = [user for user in reviewers if wanted in _names(user)[0]]
    if len(exact) == 1:
        return exact[0]
    within = [user for user in reviewers if " " in _names(user)[1] and _names(user)[1] in wanted]
    return within[0] if len(within) == 1 else None


def text_to_reviewer(apps, schema_editor):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    reviewers = list(User.objects.filter(groups__name=GROUP).distinct())
    for name in MODELS:
        model = apps.get_model("modalities", name)
        texts = model.objects.exclude(reviewed_by="").values_list("reviewed_by", flat=True).distinct()
        for text in list(texts):
            user = _reviewer_named(reviewers, text)
            if user is not None:
                model.objects.filter(reviewed_by=text).update(reviewer=user)


def reviewer_to_text(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("modalities", name)
        for row in model.objects.exclude(reviewer=None).select_related("reviewer"):
            user = row.reviewer
            text = f"{user.first_name} {user.last_name}".strip() or user.username
            model.objects.filter(pk=row.pk).update(reviewed_by=text[:200])


def _reviewer_field(historical):
    options = {
        "blank": True,
        "help_text": "The clinical reviewer who checked it last.",
        "limit_choices_to": {"groups__name": "Clinical reviewers"},
        "null": True,
        "related_name": "+",
        "to": settings.AUTH_USER_MODEL,
        "verbose_name": "reviewed by",
    }
    if historical:
        return models.ForeignKey(
            db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, **options
        )
    return models.ForeignKey(on_delete=django.db.models.deletion.SET_NULL, **options)


class Migration(migrations.Migration):
    dependencies = [
        ("modalities", "0002_publish_permission"),
        ("editorial", "0002_editorial_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(model_name="modality", name="reviewer", field=_reviewer_field(False)),
        migrations.AddField(model_name="historicalmodality", name="reviewer", field=_reviewer_field(True)),
        migrations.RunPython(text_to_reviewer, reviewer_to_text),
        migrations.RemoveField(model_name="modality", name="reviewed_by"),
        migrations.RemoveField(model_name="historicalmodality", name="reviewed_by"),
        migrations.RenameField(model_name="modality", old_name="reviewer", new_name="reviewed_by"),
        migrations.RenameField(model_name="historicalmodality", old_name="reviewer", new_name="reviewed_by"),
    ]
