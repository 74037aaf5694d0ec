"""The content generation: a short token that changes whenever what readers can see changes.

Cached pages are filed under the current token, so a new token makes every older entry unreachable at
once (old entries simply expire).

What the token is made of belongs to whoever owns the content: it hands this module, once at start-up,
a function that reads the current `Generation` and the signal it sends after each committed change
(`register_generation`). The page cache knows nothing more about content than that.

Reading the generation costs at least one query, so each process asks at most every
`CONTENT_CHECK_SECONDS`, at once after a change committed in this process, and when the token's own
`changes_at` has come (a scheduled publish time). Every other request reuses the token it has: a cache
hit touches no database. Until a generation is registered, there is no token and nothing is cached.
"""

import datetime
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# While the database is unreachable, ask again this often rather than on every request: cached pages
# keep being served with the token we already have.
RETRY_AFTER_FAILURE_SECONDS = 5.0


@dataclass(frozen=True)
class Generation:
    """The current token, and when it changes by itself although nothing is saved (None: not so)."""

    token: str
    changes_at: datetime.datetime | None = None


class ContentGeneration:
    """Per-process holder of the current token; thread-safe, and cheap to ask."""

    def __init__(self, clock=time.monotonic, wall_clock=time.time):
        self._clock = clock
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._read: Callable[[], Generation] | None = None
        self._changes = 0  # local changes seen; a refresh that overlaps one must not count as fresh
        self.reset()

    def use(self, read: Callable[[], Generation]) -> None:
        self._read = read
        self.reset()

    def reset(self) -> None:
        """Forget everything; the next request reads the database again."""
        self._next_check = float("-inf")
        self._changes_at = float("inf")  # wall-clock seconds when the token changes by itself
        self._token = None

    def mark_stale(self) -> None:
        """Content changed in this process: read the generation again on the next request."""
        self._changes += 1
        self._next_check = float("-inf")

    def _is_fresh(self) -> bool:
        return self._clock() < self._next_check and self._wall_clock() < self._changes_at

    def token(self) -> str | None:
        """The current token, or None when it cannot be known (no database at start-up, nothing
        registered)."""
        if self._read is None:
            return None
        if self._is_fresh():
            return self._token
        with self._lock:
            if not self._is_fresh():
                self._refresh()
        return self._token

    def _refresh(self) -> None:
        changes = self._changes
        try:
            generation = self._read()
        except DatabaseError as exc:
            # Only the exception's type: its text may hold connection details.
            logger.warning("Content version unreadable (%s); keeping the current page cache generation.",
                           type(exc).__name__)  # fmt: skip
            self._next_check = self._clock() + RETRY_AFTER_FAILURE_SECONDS
            return
        self._token = generation.token
        changes_at = generation.changes_at
        self._changes_at = changes_at.timestamp() if changes_at is not None else float("inf")
        if changes == self._changes:  # else a change committed meanwhile: look again next request
            self._next_check = self._clock() + settings.CONTENT_CHECK_SECONDS


content_generation = ContentGeneration()


def _on_content_changed(**_kwargs):
    content_generation.mark_stale()


def register_generation(read: Callable[[], Generation], *, changed) -> None:
    """The page cache's one hook into content: `read()` returns the current Generation, and `changed`
    is the signal sent after each committed content change (it makes this process ask at once; other
    processes notice within CONTENT_CHECK_SECONDS)."""
    content_generation.use(read)
    changed.connect(_on_content_changed, dispatch_uid="page-cache-content-changed")
