"""Recognising a search by someone who may be in danger, from the reviewed phrases in search/crisis.yaml.

A person typing "i want to die" or "they took my passport" needs help before any article. `recognise()`
reads what was typed and names the kinds of danger it matches (suicide, self-harm, danger now, a child
at risk); `help_for()` adds the words and phone lines to show (search/crisis_help.py). Matching is
deliberately generous, because a false alarm costs a glance and a miss could cost a life:

- capitals, accents and apostrophes are ignored ("Don't" = "dont", "ayúdame" = "ayudame");
- a phrase is found inside a sentence, with up to MAX_GAP extra words between its words
  ("i want to just die"); short glue words of a phrase may be left out ("want die");
- other forms of a word count ("killing" = "kill", "cutting" = "cut", "died" = "die");
- small typos count: one slip in a word of 4-7 letters, two in a longer one, swapped letters
  included ("wnat", "suicde"), as long as the first letter is right;
- a word split or joined by mistake still counts ("kill my self", "killmyself").

Each language has its own phrases (search/crisis.es.yaml: "quiero morir", "me quitaron el pasaporte"),
in the same format, and its own way of comparing words (`Spelling`): Spanish also reads texting
spellings and sound-alike letters ("kiero" = "quiero") and pronouns joined to a verb ("matarme").

Nothing here keeps or logs what was typed.
"""

import functools
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from search import spanish
from search.languages import data_file, search_language
from search.text import words

CRISIS_FILE = Path(__file__).with_name("crisis.yaml")
KINDS = ("suicide", "self-harm", "danger-now", "child-at-risk")
# Extra words allowed between two words of a phrase.
MAX_GAP = 2
# Words a person may leave out of a phrase, as long as two words of it remain to be found.
GLUE = frozenset({"to", "a", "an", "the", "is", "am", "are", "was", "of", "at", "on", "in"})
# Only this many words of a query are read: a phrase that matters sits well inside it.
MAX_TOKENS = 40


# Short forms people type, spelt out the way the phrases are written.
SPELT_OUT = {
    "wanna": ("want", "to"),
    "gonna": ("going", "to"),
    "gotta": ("got", "to"),
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "theyre": ("they", "are"),
    "im": ("i", "am"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "wont": ("will", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "ur": ("your",),
    "u": ("you",),
}


def _as_typed(word: str) -> tuple[str, ...]:
    return (word,)


def _same_first_letter(typed: str, written: str) -> bool:
    return typed[:1] == written[:1]


def _one_slip(typed: str, written: str) -> int:
    return 1


@dataclass(frozen=True)
class Spelling:
    """How one language's typed words are compared with its phrases."""

    spelt_out: Mapping[str, tuple[str, ...]]  # short forms, as the phrases write them
    glue: frozenset[str]  # words a phrase may be typed without
    stem: Callable[[str], str]  # a rough common form of a word
    respell: Callable[[str], tuple[str, ...]] = _as_typed  # one word as the words phrases write
    same_start: Callable[[str, str], bool] = _same_first_letter  # when a typo may count at all
    substitution: Callable[[str, str], int] = _one_slip  # slips for one letter typed for another


def normalise(text: str, spelling: Spelling | None = None) -> list[str]:
    """Lower-case words without accents or apostrophes, as both phrases and queries are compared."""
    spelling = spelling or ENGLISH
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return [
        respelt
        for word in words(plain)
        for part in spelling.spelt_out.get(word, (word,))
        for respelt in spelling.respell(part)
    ]


@functools.lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A rough common form, enough to compare word forms: killing, kills, killed -> kill; dying -> di."""
    irregular = {"dying": "di", "dead": "dead", "burnt": "burn", "took": "take", "taken": "take"}
    if word in irregular:
        return irregular[word]
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # cutting -> cutt -> cut; killing keeps its double l
    if len(word) >= 3 and word.endswith("e"):
        word = word[:-1]
    return word


ENGLISH = Spelling(spelt_out=SPELT_OUT, glue=GLUE, stem=stem)
SPANISH = Spelling(
    spelt_out=spanish.CRISIS_SPELT_OUT,
    glue=spanish.CRISIS_GLUE,
    stem=spanish.crisis_stem,
    respell=spanish.respell,
    same_start=spanish.same_start,
    substitution=spanish.substitution,
)
# How each language's words are compared; a language not named here is compared as English.
SPELLINGS = {"en": ENGLISH, "es": SPANISH}


def _allowed_slips(word: str) -> int:
    return 0 if len(word) < 4 else 1 if len(word) < 8 else 2


def _distance(a: str, b: str, limit: int, substitution: Callable[[str, str], int] = _one_slip) -> int:
    """Edit distance counting a swap of neighbouring letters as one slip (optimal string alignment).

    `substitution` is what typing one letter for another costs (one slip, unless a language says
    otherwise)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else substitution(ca, cb)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


@dataclass(frozen=True)
class _Slot:
    words: frozenset[str]  # any of these words fills the slot
    optional: bool


@dataclass(frozen=True)
class _Phrase:
    kind: str
    slots: tuple[_Slot, ...]

    @property
    def required(self) -> tuple[_Slot, ...]:
        return tuple(slot for slot in self.slots if not slot.optional)


class CrisisPhrases:
    """The phrases of every kind, with what is needed to find them in a query quickly."""

    def __init__(
        self,
        groups: dict[str, list[str]],
        kinds: dict[str, dict],
        spelling: Spelling | None = None,
    ):
        self.spelling = spelling = spelling or ENGLISH
        self.kinds = list(kinds)
        self.lead = {kind: tuple(spec.get("lead") or ()) for kind, spec in kinds.items()}
        group_words = {
            name: frozenset(normalise(" ".join(entries), spelling)) for name, entries in groups.items()
        }
        self.phrases: list[_Phrase] = []
        for kind, spec in kinds.items():
            for text in spec["phrases"]:
                self.phrases.append(self._phrase(kind, text, group_words, spelling))
        self.vocabulary = frozenset(w for p in self.phrases for slot in p.slots for w in slot.words)
        self._by_stem: dict[str, set[str]] = {}
        self._by_deletion: dict[str, set[str]] = {}
        for word in self.vocabulary:
            self._by_stem.setdefault(spelling.stem(word), set()).add(word)
            for variant in _deletions(word, _allowed_slips(word)):
                self._by_deletion.setdefault(variant, set()).add(word)
        # Which phrases could match, given one word of theirs was found.
        self._phrases_with: dict[str, list[int]] = {}
        for number, phrase in enumerate(self.phrases):
            for word in {w for slot in phrase.required for w in slot.words}:
                self._phrases_with.setdefault(word, []).append(number)

    @staticmethod
    def _phrase(kind: str, text: str, group_words: dict[str, frozenset[str]], spelling: Spelling) -> _Phrase:
        slots = []
        for part in text.split():
            if part.startswith("<") and part.endswith(">"):
                name = part[1:-1]
                if name not in group_words:
                    raise ValueError(f"crisis phrase {text!r} names an unknown word group <{name}>")
                slots.append(_Slot(group_words[name], optional=False))
            else:
                slots += [
                    _Slot(frozenset({w}), optional=w in spelling.glue) for w in normalise(part, spelling)
                ]
        if sum(not slot.optional for slot in slots) < 2:
            slots = [_Slot(slot.words, optional=False) for slot in slots]
        if not slots:
            raise ValueError(f"crisis phrase {text!r} of {kind} has no words")
        return _Phrase(kind, tuple(slots))

    @functools.lru_cache(maxsize=50000)  # noqa: B019 - one map per process, kept for its life
    def matches_for(self, token: str) -> frozenset[str]:
        """The phrase words this typed word may stand for: itself, another form of it, or a near spelling."""
        found = set()
        if token in self.vocabulary:
            found.add(token)
        found |= self._by_stem.get(self.spelling.stem(token), set())
        slips = _allowed_slips(token)
        if slips:
            same_start = self.spelling.same_start
            for variant in _deletions(token, slips):
                for word in self._by_deletion.get(variant, ()):
                    limit = min(slips, _allowed_slips(word))
                    if (
                        limit
                        and same_start(token, word)
                        and _distance(token, word, limit, self.spelling.substitution) <= limit
                    ):
                        found.add(word)
        return frozenset(found)

    def _readings(self, tokens: list[str]) -> list[list[str]]:
        """The words as typed, and as they read with split or joined words repaired."""
        repaired: list[str] = []
        for token in tokens:
            split = next(
                (
                    (token[:i], token[i:])
                    for i in range(2, len(token) - 1)
                    if token not in self.vocabulary
                    and token[:i] in self.vocabulary
                    and token[i:] in self.vocabulary
                ),
                None,
            )
            repaired.extend(split or (token,))
        joined: list[str] = []
        position = 0
        while position < len(repaired):
            pair = "".join(repaired[position : position + 2])
            if position + 1 < len(repaired) and pair in self.vocabulary:
                joined.append(pair)
                position += 2
            else:
                joined.append(repaired[position])
                position += 1
        readings = [tokens]
        for reading in (repaired, joined):
            if reading not in readings:
                readings.append(reading)
        return readings

    def recognise(self, text: str) -> tuple[str, ...]:
        """The kinds of danger `text` matches, in the data file's order; () for an everyday search."""
        tokens = normalise(text, self.spelling)[:MAX_TOKENS]
        found: set[str] = set()
        for reading in self._readings(tokens):
            matched = [self.matches_for(token) for token in reading]
            candidates = sorted({n for m in matched for w in m for n in self._phrases_with.get(w, ())})
            for number in candidates:
                phrase = self.phrases[number]
                if phrase.kind not in found and _found(phrase.slots, matched):
                    found.add(phrase.kind)
        return tuple(kind for kind in self.kinds if kind in found)


def _found(slots: tuple[_Slot, ...], matched: list[frozenset[str]]) -> bool:
    """The slots appear in order in the typed words, each within MAX_GAP words of the one before."""

    def fits(slot: _Slot, position: int) -> bool:
        return bool(slot.words & matched[position])

    def search(index: int, earliest: int, latest: int) -> bool:
        if index == len(slots):
            return True
        slot = slots[index]
        for position in range(earliest, min(latest, len(matched) - 1) + 1):
            if fits(slot, position) and search(index + 1, position + 1, position + 1 + MAX_GAP):
                return True
        return slot.optional and search(index + 1, earliest, latest)

    return search(0, 0, len(matched) - 1)


def parse_crisis(data, language: str | None = None) -> CrisisPhrases:
    """Check the YAML's shape and build the matcher, comparing words as `language` does (English by
    default); a clear ValueError names what is wrong."""
    if not isinstance(data, dict) or not isinstance(data.get("kinds"), dict):
        raise ValueError("the crisis file must hold a `kinds:` mapping")
    groups = data.get("groups") or {}
    if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
        raise ValueError("`groups` must map a name to a list of words")
    for kind, spec in data["kinds"].items():
        if kind not in KINDS:
            raise ValueError(f"unknown crisis kind {kind!r}; known kinds: {', '.join(KINDS)}")
        phrases = spec.get("phrases") if isinstance(spec, dict) else None
        usable = isinstance(phrases, list) and all(isinstance(p, str) and p.strip() for p in phrases)
        if not phrases or not usable:
            raise ValueError(f"crisis kind {kind!r} needs a list of phrases")
    return CrisisPhrases(groups, data["kinds"], SPELLINGS.get(language, ENGLISH))


def crisis_phrases(language: str | None = None) -> CrisisPhrases:
    """The phrases of `language` (the reader's when None), read once per process."""
    return _crisis_phrases(search_language(language))


@functools.cache
def _crisis_phrases(language: str) -> CrisisPhrases:
    with data_file("crisis", language).open(encoding="utf-8") as handle:
        return parse_crisis(yaml.safe_load(handle), language)


def recognise(text: str, language: str | None = None) -> tuple[str, ...]:
    """The kinds of danger a query in `language` (the reader's when None) matches (see the module
    docstring); () when it matches none."""
    return crisis_phrases(language).recognise(text) if text else ()
