"""Typo tolerance and "did you mean", on plain words.

A word the site never uses is also searched as the nearest words it does use, and the query with those
words is offered as a suggestion. Nearest words come from the site's own vocabulary and from the synonym
map ("lonley" -> "lonely"). "Did you mean" only ever offers words of items a reader can see now.

Nothing here knows the search engine: it asks a Vocabulary (search/index/vocabulary.py reads one from
the index) which words the site uses.
"""

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from search.plan import QueryPlan
from search.synonyms import synonym_map

# Regular endings, so "nightmare" is known when the site says "nightmares".
SUFFIXES = ("s", "es", "ed", "d", "ing", "ly", "r", "er", "rs", "ers")
# Joined words shorter than this ("to day") are not worth trying as one word.
JOINED_MIN_LENGTH = 6
# Shorter words, and words with digits or symbols, are searched as typed.
CORRECTED_MIN_LENGTH = 4


class Vocabulary(Protocol):
    """The words of the items a reader may see now."""

    def uses(self, word: str) -> bool:
        """An item a reader may see now uses this exact word."""

    def knows_stem_of(self, word: str) -> bool:
        """Searching this word already finds something: some item uses a word with the same stem."""

    def near(self, word: str, maxdist: int) -> Iterable[tuple[str, int]]:
        """(word, how often the site uses it) for the words readers may see that begin with the same
        letter and are at most `maxdist` edits (edit_distance) from `word`."""


def edit_distance(first: str, second: str, limit: int | None = None) -> int:
    """Damerau-Levenshtein distance: insertions, deletions, substitutions and swaps of two letters.

    With `limit`, gives up early with limit + 1 once the distance must be larger. The same measure the
    index uses to find words near a misspelling.
    """
    oneago = None
    thisrow = list(range(1, len(second) + 1)) + [0]
    for x in range(len(first)):
        # The leftmost column sits at the end of the row, where index -1 finds it.
        twoago, oneago, thisrow = oneago, thisrow, [0] * len(second) + [x + 1]
        for y in range(len(second)):
            delcost = oneago[y] + 1
            addcost = thisrow[y - 1] + 1
            subcost = oneago[y - 1] + (first[x] != second[y])
            thisrow[y] = min(delcost, addcost, subcost)
            if (
                x > 0
                and y > 0
                and first[x] == second[y - 1]
                and first[x - 1] == second[y]
                and first[x] != second[y]
            ):
                thisrow[y] = min(thisrow[y], twoago[y - 2] + 1)
        if limit and x > limit and min(thisrow) > limit:
            return limit + 1
    return thisrow[len(second) - 1]


def forms(word: str) -> set[str]:
    """Regular variants of a word, so "nightmare" is known when the site says "nightmares", and
    "traumatized" when it says "traumatised"."""
    found = {word + suffix for suffix in SUFFIXES}
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            found.add(word[: -len(suffix)])
    if word.endswith("ies"):
        found.add(word[:-3] + "y")
    if word.endswith("y"):
        found.add(word[:-1] + "ies")
    if word.endswith("ing"):
        found.add(word[:-3] + "e")
    # American and British spellings.
    found.update({word.replace("iz", "is"), word.replace("is", "iz"), word.replace("our", "or")})
    found.add(word.replace("or", "our"))
    found.discard(word)
    return found


def is_real_word(vocabulary: Vocabulary, word: str) -> bool:
    """The site uses this word, or a plain variant of it, in what readers can see."""
    return any(vocabulary.uses(form) for form in (word, *forms(word)))


def nearest(vocabulary: Vocabulary, word: str) -> list[tuple[int, str]]:
    """(edit distance, word) for the closest words the site uses or the synonym map knows, best first.

    Words of the synonym map that no visible item uses come last: they are searched, never suggested.
    """
    maxdist = 2 if len(word) >= 7 else 1
    candidates: dict[str, tuple[int, int]] = {}
    for candidate, frequency in vocabulary.near(word, maxdist):
        candidates[candidate] = (edit_distance(word, candidate), -frequency)
    for candidate in synonym_map().words:
        if (
            candidate[:1] == word[:1]
            and candidate not in candidates
            and abs(len(candidate) - len(word)) <= maxdist
        ):
            dist = edit_distance(word, candidate, limit=maxdist + 1)
            if dist <= maxdist:
                candidates[candidate] = (dist, 0)
    ranked = sorted(candidates.items(), key=lambda item: item[1])
    return [(dist, candidate) for candidate, (dist, _freq) in ranked]


def word_correction(vocabulary: Vocabulary, word: str) -> tuple[str | None, tuple[str, ...]]:
    """(the word to suggest instead, or None; extra words to search) for one typed word."""
    if is_real_word(vocabulary, word):
        return None, ()
    near = nearest(vocabulary, word)
    suggestible = [pair for pair in near if is_real_word(vocabulary, pair[1])]
    if vocabulary.knows_stem_of(word):
        # Search already finds its stem ("nightmars" ~ "nightmare"): only suggest a near-certain fix.
        suggestible = [(dist, candidate) for dist, candidate in suggestible if dist == 1]
        return (suggestible[0][1] if suggestible else None), ()
    return (suggestible[0][1] if suggestible else None), tuple(candidate for _dist, candidate in near[:2])


@dataclass
class Corrections:
    words: list[str]  # extra words to search: corrections of misspellings, joined split words
    suggestion: str  # the whole query with corrections, for "did you mean"


def corrections(vocabulary: Vocabulary, plan: QueryPlan, known: dict) -> Corrections:
    """What to search besides the words typed, and what to suggest instead of them.

    `known` remembers each word's correction for the same vocabulary (see readers.Reader.corrections).
    """
    covered = {plan.tokens[i] for i in plan.expansion.covered}
    extra: list[str] = []
    replacements: dict[str, str] = {}
    for first, second in itertools.pairwise(plan.tokens):
        joined = first + second
        # "flash backs" -> "flashbacks", "night mares" -> "nightmares"
        if len(joined) >= JOINED_MIN_LENGTH and vocabulary.uses(joined):
            extra.append(joined)
            if not (is_real_word(vocabulary, first) and is_real_word(vocabulary, second)):
                replacements[f"{first} {second}"] = joined
    joined_parts = {part for pair in replacements for part in pair.split()}
    for word in plan.words:
        if word in covered or word in joined_parts or len(word) < CORRECTED_MIN_LENGTH or not word.isalpha():
            continue
        correction = known.get(word)
        if correction is None:
            correction = known[word] = word_correction(vocabulary, word)
        suggested, also = correction
        if suggested:
            replacements[word] = suggested
        extra.extend(also)
    return Corrections(extra, suggestion(plan.text, replacements))


def suggestion(text: str, replacements: dict[str, str]) -> str:
    """The reader's own query with the misspelt words replaced, or "" when nothing changed."""
    corrected = text
    for wrong, right in replacements.items():
        pattern = r"\b" + r"[\W_]+".join(map(re.escape, wrong.split())) + r"\b"
        corrected = re.sub(pattern, lambda _match, right=right: right, corrected, flags=re.IGNORECASE)
    return corrected if corrected != text else ""
