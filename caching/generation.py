"""The content generation: a short token that changes whenever what readers can see changes.

Cached pages are filed under the current token, so a new token makes every older entry unreachable at
once (old entries simply expire). The token is built from:

- the ContentVersion counter and the time it last moved. editorial/signals.py bumps it after every
  committed content change, in whichever process or server made it; its time tells a counter that
  was reset (a restored backup, a flushed test database) from the one it replaced;
- the latest scheduled publish time that has passed, so an article scheduled for 09:00 appears at
  09:00 although nothing was saved then.

Reading the counter costs one query, so each process re-reads it at most every
`CONTENT_CHECK_SECONDS`, and at once after a change committed in this process (see caching/signals.py).
Every other request reuses the token it has: a cache hit touches no database.
"""

import logging
import threading
import time

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError
from django.db.models import Max, Min
from django.utils import timezone

from editorial.models import ContentVersion, Publishable, Status

logger = logging.getLogger(__name__)

# While the database is unreachable, ask again this often rather than on every request: cached pages
# keep being served with the token we already have.
RETRY_AFTER_FAILURE_SECONDS = 5.0


def _microseconds(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment is not None else 0


def _content_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def read_schedule(now):
    """(latest publish time that has passed, next publish time still to come) over all content.

    Runs two aggregate queries per content model; called only when the content version moved or
    the next scheduled time has come.
    """
    passed, upcoming = None, None
    for model in _content_models():
        latest = model.objects.published().aggregate(latest=Max("published_at"))["latest"]
        soonest = model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
            soonest=Min("published_at")
        )["soonest"]
        if latest is not None and (passed is None or latest > passed):
            passed = latest
        if soonest is not None and (upcoming is None or soonest < upcoming):
            upcoming = soonest
    return passed, upcoming


class ContentGeneration:
    """Per-process holder of the current token; thread-safe, and cheap to ask."""

    def __init__(self, clock=time.monotonic, wall_clock=time.time):
        self._clock = clock
        self._wall_clock = wall_clock
        self._lock = threading.Lock()
        self._changes = 0  # local changes seen; a refresh that overlaps one must not count as fresh
        self.reset()

    def reset(self) -> None:
        """Forget everything; the next request reads the database again."""
        self._version = None
        self._next_check = float("-inf")
        self._next_publish_at = float("inf")  # wall-clock seconds of the next scheduled publish
        self._token = None

    def mark_stale(self) -> None:
        """Content changed in this process: read the counter again on the next request."""
        self._changes += 1
        self._next_check = float("-inf")

    def _is_fresh(self) -> bool:
        return self._clock() < self._next_check and self._wall_clock() < self._next_publish_at

    def token(self) -> str | None:
        """The current token, or None when it cannot be known (no database at start-up)."""
        if self._is_fresh():
            return self._token
        with self._lock:
            if not self._is_fresh():
                self._refresh()
        return self._token

    def _refresh(self) -> None:
        changes = self._changes
        try:
            version = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
            version = version or (0, None)
            if version != self._version or self._wall_clock() >= self._next_publish_at:
                passed, upcoming = read_schedule(timezone.now())
                self._next_publish_at = upcoming.timestamp() if upcoming is not None else float("inf")
                self._token = f"{version[0]}.{_microseconds(version[1])}.{_microseconds(passed)}"
                self._version = version
        except DatabaseError as exc:
            # Only the exception's type: its text may hold connection details.
            logger.warning("Content version unreadable (%s); keeping the current page cache generation.",
                           type(exc).__name__)  # fmt: skip
            self._next_check = self._clock() + RETRY_AFTER_FAILURE_SECONDS
            return
        if changes == self._changes:  # else a change committed meanwhile: look again next request
            self._next_check = self._clock() + settings.CONTENT_CHECK_SECONDS


content_generation = ContentGeneration()
