"""State every app server must share: rate-limit counters."""

from django.db import models


class RateCounter(models.Model):
    """How many times one client did one thing in the current window (see operations/rate_limits.py).

    `key` is a keyed hash, never an address. Rows expire with their window and are deleted as new
    windows start, so the table holds about one row per recent client.
    """

    key = models.CharField(max_length=128, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.count} until {self.expires_at:%Y-%m-%d %H:%M}"
