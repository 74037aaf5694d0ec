"""Read curated Markdown files (YAML front matter + body) and upsert them by slug.

Everything is validated before anything is written, and the writes happen in one transaction, so a
bad file changes nothing. Errors name the file and the field.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from editorial.reviewers import reviewer_named
from modalities.models import SECTIONS as MODALITY_SECTION_LIST
from modalities.models import SLUGS as MODALITY_SLUGS
from modalities.models import Modality, validate_references

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.DOTALL)
SECTION_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)

# The explainer's body sections, in order: heading in the file -> model field.
MODALITY_SECTIONS = {heading: field for field, heading, _anchor in MODALITY_SECTION_LIST}
MODALITY_TEXT_KEYS = (
    "title", "summary", "evidence_basis", "format", "typical_length", "may_suit",
    "session_involves", "reviewed_by",
)  # fmt: skip
ARTICLE_TEXT_KEYS = ("title", "summary")
DATE_KEYS = ("last_reviewed", "next_review_due")


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so a bad date is reported against its own field."""


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


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _split(path: Path) -> tuple[dict, str]:
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


def _text(path, meta, key, required=True, limit=400) -> str:
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


def _date(path, meta, key) -> datetime.date:
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


def _string_list(path, meta, key) -> list[str]:
    value = meta.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(path, key, "must be a list of words, like [nightmares, shame]")
    return [v.strip() for v in value]


def _slug(path, meta) -> str:
    slug = _text(path, meta, "slug", limit=200)
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug):
        raise ContentError(path, "slug", f"{slug!r} must be lower-case words joined by hyphens")
    if slug != path.stem:
        raise ContentError(path, "slug", f"{slug!r} must match the file name {path.stem!r}")
    return slug


def _status(path, meta) -> str:
    status = str(meta.get("status", Status.PUBLISHED))
    if status not in Status.values:
        raise ContentError(path, "status", f"{status!r} must be one of {', '.join(Status.values)}")
    return status


def _sections(path, body) -> dict[str, str]:
    parts = SECTION_HEADING.split(body)
    if parts[0].strip():
        raise ContentError(path, "body", "text before the first ## heading has no section")
    headings, texts = parts[1::2], parts[2::2]
    if headings != list(MODALITY_SECTIONS):
        raise ContentError(
            path,
            "body",
            f"needs exactly these ## sections, in order: {', '.join(MODALITY_SECTIONS)}",
        )
    sections = {}
    for heading, text in zip(headings, texts, strict=True):
        if not text.strip():
            raise ContentError(path, heading, "this section is empty")
        sections[MODALITY_SECTIONS[heading]] = text.strip() + "\n"
    return sections


def parse_modality(path: Path) -> ContentItem:
    meta, body = _split(path)
    slug = _slug(path, meta)
    if slug not in MODALITY_SLUGS:
        raise ContentError(path, "slug", f"{slug!r} is not one of {', '.join(MODALITY_SLUGS)}")
    fields = {key: _text(path, meta, key) for key in MODALITY_TEXT_KEYS}
    fields["full_name"] = _text(path, meta, "full_name", required=False)
    fields["slug"] = slug
    fields["status"] = _status(path, meta)
    fields["position"] = MODALITY_SLUGS.index(slug)
    level = meta.get("evidence_level")
    if level not in {"strong", "moderate", "emerging", "limited"}:
        raise ContentError(path, "evidence_level", "must be strong, moderate, emerging or limited")
    fields["evidence_level"] = level
    for key in DATE_KEYS:
        fields[key] = _date(path, meta, key)
    references = meta.get("references")
    try:
        validate_references(references)
    except ValidationError as exc:
        raise ContentError(path, "references", " ".join(exc.messages)) from exc
    fields["references"] = [{"title": str(r["title"]), "url": str(r["url"])} for r in references]
    fields.update(_sections(path, body))
    return ContentItem("modality", path, fields, _string_list(path, meta, "tags"))


def parse_article(path: Path, known_modalities: set[str]) -> ContentItem:
    meta, body = _split(path)
    fields = {key: _text(path, meta, key) for key in ARTICLE_TEXT_KEYS}
    fields["slug"] = _slug(path, meta)
    fields["status"] = _status(path, meta)
    fields["content_note"] = _text(path, meta, "content_note", required=False, limit=300)
    for key in DATE_KEYS:
        fields[key] = _date(path, meta, key)
    published = _date(path, meta, "published")
    fields["published_at"] = datetime.datetime.combine(published, datetime.time(), datetime.UTC)
    fields["reviewed_by"] = _text(path, meta, "reviewed_by", required=False, limit=200)
    if not body.strip():
        raise ContentError(path, "body", "is empty")
    fields["body"] = body.strip() + "\n"
    modalities = _string_list(path, meta, "modalities")
    unknown = sorted(set(modalities) - known_modalities)
    if unknown:
        raise ContentError(path, "modalities", f"unknown modality slug(s): {', '.join(unknown)}")
    return ContentItem("article", path, fields, _string_list(path, meta, "tags"), modalities)


def read_content_dir(root: Path) -> list[ContentItem]:
    """Parse and validate every file under root; raises ContentError on the first bad one."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, "directory", "does not exist")
    modalities = [parse_modality(p) for p in sorted((root / "modalities").glob("*.md"))]
    known = {item.slug for item in modalities} | set(Modality.objects.values_list("slug", flat=True))
    articles = [parse_article(p, known) for p in sorted((root / "articles").glob("*.md"))]
    if not modalities and not articles:
        raise ContentError(root, "directory", "holds no modalities/*.md or articles/*.md files")
    return modalities + articles


def _upsert(model, item: ContentItem, report: LoadReport):
    obj = model.objects.filter(slug=item.slug).first()
    label = f"{item.kind} {item.slug}"
    # The file names its reviewer in words; the site records the reviewer's account, if one matches.
    fields = {**item.fields, "reviewed_by": reviewer_named(item.fields.get("reviewed_by", ""))}
    if obj is None:
        obj = model(**fields)
        if obj.status == Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        obj.save()
        report.created.append(label)
    else:
        changed = any(getattr(obj, k) != v for k, v in fields.items())
        changed |= sorted(obj.tags.names()) != sorted(item.tags)
        if item.kind == "article":
            current = sorted(obj.modalities.values_list("slug", flat=True))
            changed |= current != sorted(item.modalities)
        if not changed:
            report.unchanged.append(label)
            return
        for key, value in fields.items():
            setattr(obj, key, value)
        obj.save()
        report.updated.append(label)
    obj.tags.set(item.tags, clear=False)
    if item.kind == "article":
        obj.modalities.set(Modality.objects.filter(slug__in=item.modalities))


def load_content(root: Path) -> LoadReport:
    """Validate everything under root, then upsert it all in one transaction."""
    items = read_content_dir(root)
    report = LoadReport()
    with transaction.atomic():
        for item in items:
            _upsert(Modality if item.kind == "modality" else Article, item, report)
    return report
