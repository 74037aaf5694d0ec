"""What the index stores for each item, how its words are analysed, and how dates go in.

Every language's index has the same fields; only the analysis of their words differs. English: the
Porter stemmer and English stop words. Spanish: accents folded ("pánico" and "panico" are one word),
Spanish stop words, and the Snowball Spanish stemmer ("pesadillas" -> "pesadill").
"""

import datetime
import functools

from django.conf import settings
from django.utils import timezone
from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StandardAnalyzer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
)
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from search import spanish
from search.text import STOP_WORDS
from search.weights import FIELD_BOOSTS

# Bump when the schema or the analysers of any language change: older builds are then rebuilt, never
# misread.
SCHEMA_VERSION = 3

# (stemmed, plain) analysers of each language: the text fields are stemmed; the words "did you mean"
# suggests from are kept as written.
ANALYSERS = {
    "en": (
        StemmingAnalyzer(stoplist=STOP_WORDS, minsize=2),
        StandardAnalyzer(stoplist=STOP_WORDS, minsize=2),
    ),
    "es": (
        RegexTokenizer()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=spanish.STOP_WORDS, minsize=2)
        | StemFilter(lang="es"),
        RegexTokenizer() | LowercaseFilter() | StopFilter(stoplist=spanish.STOP_WORDS, minsize=2),
    ),
}


def _schema(stemmed, plain) -> Schema:
    return Schema(
        key=ID(unique=True, stored=True, sortable=True),
        type=ID(stored=True),
        url=STORED,
        title=TEXT(analyzer=stemmed, stored=True),
        names=TEXT(analyzer=stemmed),
        summary=TEXT(analyzer=stemmed, stored=True),
        body=TEXT(analyzer=stemmed, stored=True),
        needs=TEXT(analyzer=stemmed),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True),
        tag_slugs=KEYWORD(commas=True),
        modalities=KEYWORD(commas=True, scorable=True),
        explains=ID(),  # a modality explainer's own slug; empty on articles
        ref=ID(),  # "article:<slug>", "modality:<slug>": how search/crisis.yaml names what results begin with
        stand_in=ID(),  # "yes" on a page not written in the index's language yet (search/documents.py)
        # What a result shows: [(tag name, tag slug), ...] and modality slugs, kept as Python lists.
        shown=STORED,
        published_at=DATETIME(stored=True, sortable=True),
        updated_at=DATETIME(stored=True),
        last_reviewed=DATETIME(stored=True),
        # Unstemmed words of every text field: "did you mean" suggests real words from here.
        spell=TEXT(analyzer=plain, phrase=False),
        stamp=ID(sortable=True),
    )


SCHEMAS = {language: _schema(*analysers) for language, analysers in ANALYSERS.items()}
SCHEMA = SCHEMAS["en"]
# The fields a typed word is searched in, each with its weight (search/weights.py).
TEXT_FIELDS = tuple(FIELD_BOOSTS)


def schema_for(language: str) -> Schema:
    """The schema of `language`'s index; a language without analysers of its own is read as English."""
    return SCHEMAS.get(language, SCHEMA)


def analysed(fieldname: str, text: str, language: str = settings.LANGUAGE_CODE) -> list[str]:
    """The terms `text` becomes in a query on `fieldname` of `language`'s index."""
    return list(schema_for(language)[fieldname].process_text(text, mode="query"))


@functools.lru_cache(maxsize=20000)
def stems(word: str, language: str = settings.LANGUAGE_CODE) -> tuple[str, ...]:
    """The stemmed terms of one word, as the text fields of `language`'s index hold it
    ("nightmares" -> ("nightmar",), "pesadillas" -> ("pesadill",))."""
    return tuple(analysed("body", word, language))


def utc_naive(value: datetime.datetime | None) -> datetime.datetime | None:
    """Whoosh drops time zones, so every date goes in (and is compared) as UTC wall-clock time."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(datetime.UTC)
    return value.replace(tzinfo=None)
