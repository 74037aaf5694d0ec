"""What the index stores for each item, how its words are analysed, and how dates go in."""

import datetime
import functools

from django.utils import timezone
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from search.text import STOP_WORDS
from search.weights import FIELD_BOOSTS

# Bump when the schema or the analysers change: older builds are then rebuilt, never misread.
SCHEMA_VERSION = 2

_STEM = StemmingAnalyzer(stoplist=STOP_WORDS, minsize=2)
_PLAIN = StandardAnalyzer(stoplist=STOP_WORDS, minsize=2)

SCHEMA = Schema(
    key=ID(unique=True, stored=True, sortable=True),
    type=ID(stored=True),
    url=STORED,
    title=TEXT(analyzer=_STEM, stored=True),
    names=TEXT(analyzer=_STEM),
    summary=TEXT(analyzer=_STEM, stored=True),
    body=TEXT(analyzer=_STEM, stored=True),
    needs=TEXT(analyzer=_STEM),
    tags=KEYWORD(commas=True, lowercase=True, scorable=True),
    tag_slugs=KEYWORD(commas=True),
    modalities=KEYWORD(commas=True, scorable=True),
    explains=ID(),  # a modality explainer's own slug; empty on articles
    ref=ID(),  # "article:<slug>", "modality:<slug>": how search/crisis.yaml names what results begin with
    # What a result shows: [(tag name, tag slug), ...] and modality slugs, kept as Python lists.
    shown=STORED,
    published_at=DATETIME(stored=True, sortable=True),
    updated_at=DATETIME(stored=True),
    last_reviewed=DATETIME(stored=True),
    # Unstemmed words of every text field: "did you mean" suggests real words from here.
    spell=TEXT(analyzer=_PLAIN, phrase=False),
    stamp=ID(sortable=True),
)
# The fields a typed word is searched in, each with its weight (search/weights.py).
TEXT_FIELDS = tuple(FIELD_BOOSTS)


def analysed(fieldname: str, text: str) -> list[str]:
    """The terms `text` becomes in a query on `fieldname`."""
    return list(SCHEMA[fieldname].process_text(text, mode="query"))


@functools.lru_cache(maxsize=20000)
def stems(word: str) -> tuple[str, ...]:
    """The stemmed terms of one word, as the text fields index it ("nightmares" -> ("nightmar",))."""
    return tuple(analysed("body", word))


def utc_naive(value: datetime.datetime | None) -> datetime.datetime | None:
    """Whoosh drops time zones, so every date goes in (and is compared) as UTC wall-clock time."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(datetime.UTC)
    return value.replace(tzinfo=None)
