"""What every curated Markdown file shares: the YAML front matter and its common fields.

Each kind of content reads its own fields with these (modalities/content_files.py,
articles/content_files.py). Errors name the file and the field.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings

from editorial.models import Status

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.DOTALL)
DATE_KEYS = ("last_reviewed", "next_review_due")


# libyaml's parser when PyYAML was built with it (its wheels are): the same safe loading, several
# times faster, which counts when the tests load the whole content set hundreds of times.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):
    """A safe loader that leaves dates as text, so a bad date is reported against its own field."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class ContentError(Exception):
    """A content file that cannot be loaded; the message names the file and the field."""

    def __init__(self, path: Path, field_name: str, message: str):
        self.path, self.field_name = path, field_name
        super().__init__(f"{path}: {field_name}: {message}")


@dataclass
class ContentItem:
    kind: str  # "modality" or "article"
    path: Path
    fields: dict
    tags: list[str]
    modalities: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.fields["slug"]

    @property
    def language(self) -> str:
        return self.fields["language"]

    @property
    def label(self) -> str:
        """How the load report names it: "article getting-help-now", "(es)" after a translation."""
        label = f"{self.kind} {self.slug}"
        return label if self.language == settings.LANGUAGE_CODE else f"{label} ({self.language})"


def split(path: Path) -> tuple[dict, str]:
    """The file's front matter as a dict, and the Markdown body after it."""
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(path, "file", "is not UTF-8 text") from exc
    match = FRONT_MATTER.match(raw.replace("\r\n", "\n"))
    if not match:
        raise ContentError(path, "front matter", "the file must start with a --- block of YAML")
    try:
        meta = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise ContentError(path, "front matter", f"is not valid YAML ({exc})") from exc
    if not isinstance(meta, dict):
        raise ContentError(path, "front matter", "must be a set of key: value lines")
    return meta, match.group(2)


def text(path, meta, key, required=True, limit=400) -> str:
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise ContentError(path, key, "is missing")
        return ""
    if not isinstance(value, str | int | float):
        raise ContentError(path, key, "must be plain text")
    value = str(value).strip()
    if len(value) > limit:
        raise ContentError(path, key, f"is longer than {limit} characters")
    return value


def date(path, meta, key) -> datetime.date:
    value = meta.get(key)
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None:
        raise ContentError(path, key, "is missing")
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ContentError(path, key, f"{value!r} is not a date like 2026-01-31") from exc


def string_list(path, meta, key) -> list[str]:
    value = meta.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(path, key, "must be a list of words, like [nightmares, shame]")
    return [v.strip() for v in value]


def slug(path, meta) -> str:
    value = text(path, meta, "slug", limit=200)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", value):
        raise ContentError(path, "slug", f"{value!r} must be lower-case words joined by hyphens")
    if value != path.stem:
        raise ContentError(path, "slug", f"{value!r} must match the file name {path.stem!r}")
    return value


def status(path, meta) -> str:
    value = str(meta.get("status", Status.PUBLISHED))
    if value not in Status.values:
        raise ContentError(path, "status", f"{value!r} must be one of {', '.join(Status.values)}")
    return value


def review_dates(path, meta) -> dict[str, datetime.date]:
    return {key: date(path, meta, key) for key in DATE_KEYS}
