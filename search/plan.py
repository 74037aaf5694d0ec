"""What a query means before any engine runs it: its words and the vocabulary the synonym map found."""

from dataclasses import dataclass, field

from django.conf import settings

from search.languages import search_language
from search.synonyms import Expansion, synonym_map
from search.text import content_words, words


@dataclass(frozen=True)
class QueryPlan:
    text: str  # the cleaned query, as shown back to the reader
    tokens: tuple[str, ...]  # every word, lower case, in order
    words: tuple[str, ...]  # the words worth searching (no stop words, capped)
    expansion: Expansion = field(default_factory=Expansion)
    language: str = settings.LANGUAGE_CODE  # searched in this language's index, with its words

    @property
    def needs(self) -> tuple[str, ...]:
        return self.expansion.needs

    @property
    def therapies(self) -> tuple[str, ...]:
        return self.expansion.therapies

    @property
    def also_search(self) -> tuple[str, ...]:
        return self.expansion.also_search

    @property
    def is_empty(self) -> bool:
        """Nothing searchable: only stop words, punctuation or symbols."""
        return not self.words and not self.needs and not self.therapies and not self.also_search


def plan_query(text: str, language: str | None = None) -> QueryPlan:
    """Split a cleaned query (search.text.clean_query) into words and apply the synonym map, both of
    `language` (the reader's when None)."""
    language = search_language(language)
    tokens = words(text)
    return QueryPlan(
        text=text,
        tokens=tuple(tokens),
        words=tuple(content_words(tokens, language)),
        expansion=synonym_map(language).expand(tokens),
        language=language,
    )
