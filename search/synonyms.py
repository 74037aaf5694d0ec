"""The curated map from everyday words to the site's vocabulary (search/synonyms.yaml), applied at query time.

"bad dreams" finds what is tagged *nightmares*, "jumpy" what is tagged *always on edge*, "painting" the
art therapy explainer, "español" what the site says about interpreters and languages. The map is data
that editors and clinical reviewers can read and change. Each language has its own, in the same format
(search/synonyms.es.yaml: "pesadillas" finds *nightmares*), whose keys are the same vocabulary.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from search.languages import data_file, letter_fold, search_language
from search.text import words

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")


@dataclass(frozen=True)
class Expansion:
    """What the synonym map found in a query."""

    needs: tuple[str, ...] = ()  # tag names from the needs vocabulary
    therapies: tuple[str, ...] = ()  # modality slugs
    also_search: tuple[str, ...] = ()  # words the site uses for what was typed ("spanish" -> "interpreter")
    covered: frozenset[int] = field(default_factory=frozenset)  # positions of words a phrase explained


def _normal(word: str) -> str:
    """One form for singular and plural, so "bad dream" and "bad dreams" match the same entry."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _unchanged(word: str) -> str:
    return word


class SynonymMap:
    """Phrases (as tuples of normalised words) -> the needs, therapies and site words they mean."""

    def __init__(
        self,
        needs: dict[str, list[str]],
        therapies: dict[str, list[str]],
        also_search: dict[str, list[str]] | None = None,
        fold: Callable[[str], str] = _unchanged,
    ):
        self.fold = fold
        self.phrases: dict[tuple[str, ...], tuple[set[str], set[str]]] = {}
        self.also: dict[tuple[str, ...], list[str]] = {}
        # Every word of every phrase, as typed in the map: spelling correction can suggest them.
        self.words: set[str] = set()
        for need, phrases in needs.items():
            # A need's own name always means that need ("nightmares", "feeling alone").
            for phrase in [need, *phrases]:
                self._add(phrase, need=need)
        for slug, phrases in therapies.items():
            for phrase in [slug.replace("-", " "), *phrases]:
                self._add(phrase, therapy=slug)
        for site_words, phrases in (also_search or {}).items():
            for phrase in phrases:
                self._add(phrase)
                self.also.setdefault(self._phrase_key(phrase), []).extend(words(site_words))
        self.longest = max((len(key) for key in self.phrases), default=0)

    def _normal(self, word: str) -> str:
        return _normal(self.fold(word))

    def _phrase_key(self, phrase: str) -> tuple[str, ...]:
        return tuple(self._normal(w) for w in words(phrase))

    def _add(self, phrase: str, need: str | None = None, therapy: str | None = None):
        key = self._phrase_key(phrase)
        if not key:
            return
        self.words.update(w for w in words(phrase) if len(w) >= 4 and w.isalpha())
        needs, therapies = self.phrases.setdefault(key, (set(), set()))
        if need:
            needs.add(need)
        if therapy:
            therapies.add(therapy)

    def expand(self, tokens: list[str]) -> Expansion:
        """Every phrase of the map found in `tokens` (lower-case words, as search.text.words makes them)."""
        normal = [self._normal(t) for t in tokens]
        needs: list[str] = []
        therapies: list[str] = []
        also: list[str] = []
        covered: set[int] = set()
        for start in range(len(normal)):
            for length in range(min(self.longest, len(normal) - start), 0, -1):
                key = tuple(normal[start : start + length])
                found = self.phrases.get(key)
                if not found:
                    continue
                covered.update(range(start, start + length))
                needs.extend(sorted(n for n in found[0] if n not in needs))
                therapies.extend(sorted(t for t in found[1] if t not in therapies))
                also.extend(w for w in self.also.get(key, ()) if w not in also)
        return Expansion(tuple(needs), tuple(therapies), tuple(also), frozenset(covered))


def parse_synonyms(data, language: str | None = None) -> SynonymMap:
    """Check the YAML's shape and build the map, comparing words as `language` does (English by
    default); a clear ValueError names what is wrong."""
    if not isinstance(data, dict):
        raise ValueError("the synonym file must hold `needs:` and `therapies:` mappings")
    sections = {}
    for section in ("needs", "therapies", "also_search"):
        mapping = data.get(section) or {}
        if not isinstance(mapping, dict):
            raise ValueError(f"`{section}` must map a name to a list of phrases")
        for key, phrases in mapping.items():
            if not isinstance(key, str) or not isinstance(phrases, list):
                raise ValueError(f"`{section}` entry {key!r} must be a name with a list of phrases")
            if not all(isinstance(p, str) and p.strip() for p in phrases):
                raise ValueError(f"`{section}` entry {key!r} holds an empty or non-text phrase")
        sections[section] = mapping
    # Besides capitals and a plural "s", Spanish ignores accents ("verguenza" = "vergüenza").
    fold = letter_fold(language) or _unchanged
    return SynonymMap(sections["needs"], sections["therapies"], sections["also_search"], fold)


def synonym_map(language: str | None = None) -> SynonymMap:
    """The map of `language` (the reader's when None), read once per process."""
    return _synonym_map(search_language(language))


@functools.cache
def _synonym_map(language: str) -> SynonymMap:
    with data_file("synonyms", language).open(encoding="utf-8") as handle:
        return parse_synonyms(yaml.safe_load(handle), language)
