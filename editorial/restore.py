"""Restoring an earlier version: its words come back; its publication state and review record do not.

django-simple-history restores a version by filling the edit form with every field of that version,
status and review dates included, so restoring an old draft of a live page would quietly take it off
the site and wipe its review. Here the version's publication and review fields are replaced by the ones
stored now before the form is built: the form shows the current state, and only a person who changes
it there (a reviewer choosing "Draft", say) changes it. The restore page first shows what restoring
would change, current text first, and the new history entry says which version came back.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from editorial.history import SHORT_VALUE_CHARS, text_diff
from staff.formats import STAFF_DATETIME_FORMAT

# What a restore never takes from the old version: where the page stands and who reviewed it.
KEPT_ON_RESTORE = (
    "status",
    "published_at",
    "published_by",
    "last_reviewed",
    "next_review_due",
    "reviewed_by",
)
# Kept by the database itself, or derived from other fields.
NOT_COMPARED = {"id", "created_at", "updated_at"}


def version_being_restored(obj):
    """The historical record `obj` was built from, or None for an ordinary instance.

    simple-history marks the instances it builds from a version with `_history`.
    """
    return getattr(obj, "_history", None)


def keep_current_publication(obj) -> None:
    """Give an instance built from an old version the publication and review fields stored now."""
    stored = type(obj).objects.filter(pk=obj.pk).values(*(_attname(obj, n) for n in KEPT_ON_RESTORE)).first()
    if stored is not None:
        for attname, value in stored.items():
            setattr(obj, attname, value)


def restore_reason(version) -> str:
    """What the history says about a restore: which version came back."""
    when = date_format(timezone.localtime(version.history_date), STAFF_DATETIME_FORMAT)
    return _("Restored version of %(when)s") % {"when": when}


def compared_fields(model) -> list:
    """The fields a restore brings back: what the writer wrote, not the stored HTML or the stamps."""
    html_fields = {f"{name}_html" for name in getattr(model, "markdown_fields", ())}
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in KEPT_ON_RESTORE
        and field.name not in NOT_COMPARED
        and field.name not in html_fields
        and field.editable
    ]


def restore_comparison(current, version_obj) -> list[dict]:
    """Each field restoring would change: its label, the value now, the value after, and for long
    texts a line diff from now to after (the current version comes first)."""
    changes = []
    for field in compared_fields(type(current)):
        now, after = field.value_from_object(current), field.value_from_object(version_obj)
        if now == after:
            continue
        entry = {"label": str(field.verbose_name).capitalize(), "now": now, "after": after}
        texts = isinstance(now, str) and isinstance(after, str)
        # Markdown is read line by line: any text of several lines, or a long one, is shown as a diff.
        if texts and ("\n" in now + after or max(len(now), len(after)) > SHORT_VALUE_CHARS):
            entry["lines"] = text_diff(now, after)
        changes.append(entry)
    return changes


def _attname(obj, name: str) -> str:
    return obj._meta.get_field(name).attname
