"""`content_changed`: sent once after each committed transaction that changed what readers see.

Receivers are called with `changes`, a frozenset of `Change(model, pk)`, and `using`, the database
alias. By the time they run the content version has moved, so anything that compares it (the page
cache, each server's search index) already sees the change.

editorial/signals.py notes every change to a content model with `note_changes()`; this module gathers
them per database connection and sends them together once the transaction commits:

- each noted change joins its connection's pending set and schedules an on-commit callback;
- the first callback to run after the commit takes the whole pending set, bumps the content version
  once and sends `content_changed` once; the callbacks after it find the set empty and do nothing.

A rolled-back transaction or savepoint discards its own callbacks, never the pending set, so a change
made in an outer transaction before a savepoint rolled back is still sent when the outer one commits.
What a rollback undid is then sent too, with the next commit: a subscriber re-reads an item that did
not change, which costs it a little work, whereas a lost change would leave a stale page behind.
"""

import functools
import logging
import threading
import weakref
from typing import Any, NamedTuple

from django.db import DatabaseError, connections, transaction
from django.dispatch import Signal

from editorial.models import ContentVersion

log = logging.getLogger(__name__)

content_changed = Signal()


class Change(NamedTuple):
    """One row of a content model that was saved, deleted or linked differently."""

    model: type
    pk: Any


# Keyed by the connection object itself: Django gives each thread its own, and the set must live
# exactly as long as the connection whose transaction it describes.
_pending: "weakref.WeakKeyDictionary[Any, set[Change]]" = weakref.WeakKeyDictionary()
_pending_lock = threading.Lock()


def note_changes(changes, using: str) -> None:
    """Send these changes with `content_changed` once the current transaction commits (at once in
    autocommit mode)."""
    connection = connections[using]
    with _pending_lock:
        _pending.setdefault(connection, set()).update(changes)
    transaction.on_commit(functools.partial(_send_pending, connection), using=using)


def _take_pending(connection) -> set[Change]:
    with _pending_lock:
        return _pending.pop(connection, set())


def _send_pending(connection) -> None:
    changes = _take_pending(connection)
    if not changes:
        return  # an earlier callback of this commit sent them
    try:
        ContentVersion.bump()
    except DatabaseError as exc:
        # The commit has happened: subscribers in this process are still told. Only the error's type
        # is logged, its text may hold connection details.
        log.error("content version not bumped (%s); other servers notice at the next change",
                  type(exc).__name__)  # fmt: skip
    # Each subscriber is called even if another fails (Django logs the failure): the change itself
    # is committed already, and must not turn into an error for whoever saved it.
    content_changed.send_robust(sender=None, changes=frozenset(changes), using=connection.alias)
