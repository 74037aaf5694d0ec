"""Bump the content version after a committed change to any published-content model.

Only the version moves here; caches and search indexes react to it, never before the commit.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import Tag

from editorial.models import ContentVersion, Publishable


def _bump_after_commit(**_kwargs):
    transaction.on_commit(ContentVersion.bump)


def _is_content(sender) -> bool:
    # A renamed or deleted tag changes what every page filed under it shows.
    return isinstance(sender, type) and (issubclass(sender, Publishable) or sender is Tag)


def _on_save_or_delete(sender, **kwargs):
    if _is_content(sender):
        _bump_after_commit()


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Publishable):
        _bump_after_commit()


post_save.connect(_on_save_or_delete, dispatch_uid="editorial-version-save")
post_delete.connect(_on_save_or_delete, dispatch_uid="editorial-version-delete")
m2m_changed.connect(_on_m2m, dispatch_uid="editorial-version-m2m")
