"""Counters in the database: one per key and window, starting again when the window has passed."""

import datetime

import pytest
from django.utils import timezone

from operations import rate_limits
from operations.models import RateCounter

pytestmark = pytest.mark.django_db


def test_without_a_shared_cache_the_database_counts():
    assert not rate_limits.uses_shared_cache()  # the test profile's local-memory cache
    assert [rate_limits.count_hit("a", 60) for _ in range(3)] == [1, 2, 3]
    assert rate_limits.count_hit("b", 60) == 1
    assert dict(RateCounter.objects.values_list("key", "count")) == {"a": 3, "b": 1}


def test_a_new_window_starts_from_one_and_clears_finished_ones():
    rate_limits.count_hit("a", 60)
    rate_limits.count_hit("b", 60)
    past = timezone.now() - datetime.timedelta(seconds=1)
    RateCounter.objects.update(expires_at=past)
    assert rate_limits.count_hit("a", 60) == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["a"]
