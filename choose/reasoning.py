"""The reasoning data (content/choose/reasons.yaml): which answer links to which therapy, and why.

Each language has its own file (content/es/choose/reasons.yaml for Spanish), with the same links
and only the facts written in that language; the aid reads the one of the reader's language.

Each link says one fact about one therapy, the source it rests on, whether the fact makes the
therapy *fit* the answer or makes it *harder*, and how much it weighs. The file is read once per
process and checked as it is read, so a mistake in it names the link at fault instead of showing a
reader a half-right page.
"""

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

from choose.questions import BY_NAME, NOT_SURE
from editorial.languages import reading_language, site_language

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
REASONS_FILE = CONTENT_DIR / "choose" / "reasons.yaml"

FITS = "fits"
HARDER = "harder"
EFFECTS = (FITS, HARDER)
WEIGHTS = (1, 2)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ReasoningError(ValueError):
    """The reasoning file is not as documented; the message names the entry."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Link:
    therapy: str  # a modality slug
    question: str
    answer: str
    effect: str  # FITS or HARDER
    weight: int
    fact: str
    source: Source

    @property
    def signed_weight(self) -> int:
        return self.weight if self.effect == FITS else -self.weight


@dataclass(frozen=True)
class Reasoning:
    sources: dict[str, Source]
    links: tuple[Link, ...]

    @functools.cached_property
    def therapies(self) -> frozenset[str]:
        """Slugs of the therapies the file has reasons for."""
        return frozenset(link.therapy for link in self.links)

    def links_for(self, therapy: str, answers: dict[str, str]) -> list[Link]:
        """The links that the given answers switch on for one therapy, in the file's order."""
        return [
            link
            for link in self.links
            if link.therapy == therapy and answers.get(link.question, NOT_SURE) == link.answer
        ]


def _source(key, entry) -> Source:
    if not isinstance(entry, dict) or not entry.get("title") or not entry.get("url"):
        raise ReasoningError(f"source {key!r} needs a title and a url")
    if not str(entry["url"]).startswith("https://"):
        raise ReasoningError(f"source {key!r}: the url must start with https://")
    return Source(str(key), str(entry["title"]), str(entry["url"]))


def _link(number: int, entry, sources: dict[str, Source]) -> Link:
    where = f"link {number}"
    if not isinstance(entry, dict):
        raise ReasoningError(f"{where} is not a mapping")
    therapy = str(entry.get("therapy", ""))
    if not _SLUG.match(therapy):
        raise ReasoningError(f"{where}: therapy {therapy!r} is not a slug")
    question = BY_NAME.get(str(entry.get("question", "")))
    if question is None:
        raise ReasoningError(f"{where} ({therapy}): unknown question {entry.get('question')!r}")
    answer = str(entry.get("answer", ""))
    if answer not in question.values:
        raise ReasoningError(f"{where} ({therapy}): question {question.name!r} has no answer {answer!r}")
    effect = entry.get("effect")
    if effect not in EFFECTS:
        raise ReasoningError(f"{where} ({therapy}): effect must be one of {', '.join(EFFECTS)}")
    weight = entry.get("weight", 1)
    if weight not in WEIGHTS:
        raise ReasoningError(f"{where} ({therapy}): weight must be 1 or 2")
    fact = " ".join(str(entry.get("fact", "")).split())
    if not fact:
        raise ReasoningError(f"{where} ({therapy}): the fact is missing")
    source = sources.get(str(entry.get("source", "")))
    if source is None:
        raise ReasoningError(f"{where} ({therapy}): unknown source {entry.get('source')!r}")
    return Link(therapy, question.name, answer, effect, weight, fact, source)


def parse_reasoning(data) -> Reasoning:
    """Check and convert the loaded YAML; raises ReasoningError naming the first problem."""
    if not isinstance(data, dict):
        raise ReasoningError("the file must hold `sources` and `links`")
    raw_sources = data.get("sources") or {}
    if not isinstance(raw_sources, dict):
        raise ReasoningError("`sources` must be a mapping of key to title and url")
    sources = {str(key): _source(key, entry) for key, entry in raw_sources.items()}
    raw_links = data.get("links") or []
    if not isinstance(raw_links, list):
        raise ReasoningError("`links` must be a list")
    links = tuple(_link(number, entry, sources) for number, entry in enumerate(raw_links, start=1))
    seen = set()
    for link in links:
        key = (link.therapy, link.question, link.answer)
        if key in seen:
            raise ReasoningError(f"two links for {link.therapy} on {link.question} = {link.answer}")
        seen.add(key)
    return Reasoning(sources, links)


def reasons_file(language: str) -> Path:
    """The reasoning written in `language`; the English file where that language has none yet."""
    if language != site_language():
        translated = CONTENT_DIR / language / "choose" / "reasons.yaml"
        if translated.is_file():
            return translated
    return REASONS_FILE


def load_reasoning(path: Path = REASONS_FILE) -> Reasoning:
    with open(path, encoding="utf-8") as handle:
        return parse_reasoning(yaml.safe_load(handle))


def reasoning(language: str | None = None) -> Reasoning:
    """The site's reasoning in `language` (the reader's, by default)."""
    return _reasoning_in(language or reading_language())


@functools.cache
def _reasoning_in(language: str) -> Reasoning:
    """Each language's reasoning, read once per process."""
    return load_reasoning(reasons_file(language))
