"""Expire this process's content generation as soon as a content change commits here.

editorial/signals.py bumps ContentVersion after the commit; these receivers are connected after it
("caching" follows "editorial" in INSTALLED_APPS), so their on-commit callback runs after the bump
and the very next request reads the new version. Other processes notice within
CONTENT_CHECK_SECONDS. A flushed or re-migrated database (tests) forgets the generation too.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from caching.generation import content_generation
from editorial.models import Publishable


def _is_content(sender) -> bool:
    return isinstance(sender, type) and issubclass(sender, Publishable)


def _on_save_or_delete(sender, **kwargs):
    if _is_content(sender):
        transaction.on_commit(content_generation.mark_stale)


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Publishable):
        transaction.on_commit(content_generation.mark_stale)


def _on_migrate(**kwargs):
    content_generation.reset()


post_save.connect(_on_save_or_delete, dispatch_uid="caching-generation-save")
post_delete.connect(_on_save_or_delete, dispatch_uid="caching-generation-delete")
m2m_changed.connect(_on_m2m, dispatch_uid="caching-generation-m2m")
post_migrate.connect(_on_migrate, dispatch_uid="caching-generation-migrate")
