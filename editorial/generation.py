"""The content generation the page cache files pages under: a token that changes whenever what readers
can see changes.

The token is built from:

- the ContentVersion counter and the time it last moved. It is bumped once after every committed
  content change (editorial/content_changed.py), in whichever process or server made it; its time
  tells a counter that was reset (a restored backup, a flushed test database) from the one it
  replaced;
- the latest scheduled publish time that has passed, so an article scheduled for 09:00 appears at
  09:00 although nothing was saved then. The next publish time still to come is handed over with the
  token, as the moment the token changes by itself.

The page cache decides how often to ask (caching/generation.py); each question costs one query, plus
the schedule's aggregates when the counter moved or a scheduled time came.
"""

from django.db.models import Max, Min
from django.utils import timezone

from caching.generation import Generation
from editorial.content_models import publishable_models
from editorial.models import ContentVersion, Status


def _microseconds(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment is not None else 0


def read_schedule(now):
    """(latest publish time that has passed, next publish time still to come) over all content.

    Two aggregate queries per publishable model.
    """
    passed, upcoming = None, None
    for model in publishable_models():
        latest = model.objects.published().aggregate(latest=Max("published_at"))["latest"]
        soonest = model.objects.filter(status=Status.PUBLISHED, published_at__gt=now).aggregate(
            soonest=Min("published_at")
        )["soonest"]
        if latest is not None and (passed is None or latest > passed):
            passed = latest
        if soonest is not None and (upcoming is None or soonest < upcoming):
            upcoming = soonest
    return passed, upcoming


class ContentGenerationReader:
    """Reads the generation, and reuses the schedule while the counter stands and no publish time came."""

    def __init__(self):
        # (counter row, Generation) of the last read; replaced whole, so threads never see half of it.
        self._last = None

    def __call__(self) -> Generation:
        row = ContentVersion.objects.filter(pk=1).values_list("version", "changed_at").first()
        now = timezone.now()
        last = self._last
        # Without a counter row (an empty database) nothing tells one state from another: read it all.
        if row is not None and last is not None and last[0] == row:
            generation = last[1]
            if generation.changes_at is None or now < generation.changes_at:
                return generation
        passed, upcoming = read_schedule(now)
        version, changed_at = row or (0, None)
        token = f"{version}.{_microseconds(changed_at)}.{_microseconds(passed)}"
        generation = Generation(token=token, changes_at=upcoming)
        self._last = (row, generation)
        return generation


read_content_generation = ContentGenerationReader()
