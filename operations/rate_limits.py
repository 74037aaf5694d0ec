"""Counting what a client does within a window, shared by every process on every app server.

gunicorn runs several worker processes, and a site may run several servers: a count kept in one
process's memory lets each of them grant the whole limit. So counters live where every process
sees them: in the cache when that is a shared one (Redis: DJANGO_CACHE_URL=redis://...), otherwise
in the database. Both count atomically, so simultaneous requests never both see the same number.

Callers pass a key that is already a keyed hash (no address is ever stored) and decide themselves
what to do when the store is unreachable.
"""

import datetime

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from caching.policy import is_shared_cache
from operations.models import RateCounter

CACHE_PREFIX = "rate:"


def uses_shared_cache() -> bool:
    """A cache in one process's memory is useless for counting across processes."""
    return is_shared_cache(caches[DEFAULT_CACHE_ALIAS])


def count_hit(key: str, window_seconds: int) -> int:
    """Count one more hit for `key` and return the hits within its current window, this one included.

    A window starts with the first hit and lasts `window_seconds`. Errors of the store propagate.
    """
    if uses_shared_cache():
        return _count_in_cache(CACHE_PREFIX + key, window_seconds)
    return _count_in_database(key, window_seconds)


def _count_in_cache(key: str, window_seconds: int) -> int:
    cache = caches[DEFAULT_CACHE_ALIAS]
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.set(key, 1, timeout=window_seconds)
        return 1


def _count_in_database(key: str, window_seconds: int) -> int:
    now = timezone.now()
    with transaction.atomic():
        counted = RateCounter.objects.filter(key=key, expires_at__gt=now).update(count=F("count") + 1)
        if not counted:
            # A new window. Clearing every finished window here keeps the table small.
            RateCounter.objects.filter(expires_at__lte=now).delete()
            try:
                with transaction.atomic():
                    RateCounter.objects.create(
                        key=key, count=1, expires_at=now + datetime.timedelta(seconds=window_seconds)
                    )
                return 1
            except IntegrityError:  # another process opened the window first: count in it
                RateCounter.objects.filter(key=key).update(count=F("count") + 1)
        return RateCounter.objects.filter(key=key).values_list("count", flat=True).get()
