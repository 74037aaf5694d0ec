"""Keep the index following the database: after each commit, re-index or remove what changed.

Receivers only note which items changed; the work happens in transaction.on_commit, so a rolled-back
change never reaches the index, and many changes in one transaction (loadcontent) share one writer.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from taggit.models import TaggedItem

from articles.models import Article
from modalities.models import Modality
from search import index
from search.documents import ARTICLE, MODALITY

log = logging.getLogger(__name__)

KIND_OF = {Modality: MODALITY, Article: ARTICLE}


class _Batch:
    """The items one transaction (or savepoint) changed, re-indexed together once it commits.

    A batch lives in Django's own list of on-commit callbacks, so a rollback discards it with
    everything it noted: nothing rolled back ever reaches the index, and nothing leaks into the next
    transaction.
    """

    def __init__(self, ref):
        self.refs = {ref}

    def __call__(self):
        try:
            index.update_items(self.refs)
        except Exception as exc:
            # The commit already happened; the catch-up on the next content-version check repairs it.
            log.error("search index update failed (%s); catch-up will repair it", type(exc).__name__)


def _open_batch(connection) -> _Batch | None:
    """The batch already waiting for this transaction at the current savepoint level, if any."""
    if not connection.in_atomic_block:
        return None
    savepoints = set(connection.savepoint_ids)
    for entry in connection.run_on_commit:
        waiting_in, callback = entry[0], entry[1]
        if isinstance(callback, _Batch) and waiting_in == savepoints:
            return callback
    return None


def schedule(kind: str, pk, using=None) -> None:
    """Re-index (or remove) this item once the current transaction commits (at once in autocommit)."""
    batch = _open_batch(transaction.get_connection(using))
    if batch is not None:
        batch.refs.add((kind, pk))
    else:
        transaction.on_commit(_Batch((kind, pk)), using=using)


def _on_save_or_delete(sender, instance, using=None, **kwargs):
    kind = KIND_OF.get(sender)
    if kind and instance.pk is not None:
        schedule(kind, instance.pk, using)


def _on_m2m(sender, instance, action, reverse, model, pk_set, using=None, **kwargs):
    if not action.startswith("post_"):
        return
    if type(instance) in KIND_OF:
        schedule(KIND_OF[type(instance)], instance.pk, using)
    if model is Article and pk_set:
        # Changed from the modality's side: the articles' documents list their modalities.
        for pk in pk_set:
            schedule(ARTICLE, pk, using)


def connect() -> None:
    for model in KIND_OF:
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"search-save-{model.__name__}")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"search-delete-{model.__name__}")
    m2m_changed.connect(_on_m2m, sender=TaggedItem, dispatch_uid="search-tags")
    m2m_changed.connect(_on_m2m, sender=Article.modalities.through, dispatch_uid="search-article-modalities")
