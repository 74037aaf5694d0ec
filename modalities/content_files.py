"""Read one explainer's curated Markdown file: front matter, then the fixed ## sections in order."""

import re
from pathlib import Path

from django.core.exceptions import ValidationError

from curated import front_matter
from curated.front_matter import ContentError, ContentItem
from modalities.models import SECTION_HEADINGS, SECTIONS, SLUGS, validate_references

SECTION_HEADING = re.compile(r"^## +(.+?)\s*$", re.MULTILINE)

# The explainer's body sections, in order, for each language: heading in the file -> model field.
FIELD_BY_HEADING = {
    language: {heading: field for (field, _english, _anchor), heading in zip(SECTIONS, headings, strict=True)}
    for language, headings in SECTION_HEADINGS.items()
}
TEXT_KEYS = (
    "title", "summary", "evidence_basis", "format", "typical_length", "may_suit",
    "session_involves", "reviewed_by",
)  # fmt: skip
EVIDENCE_LEVELS = {"strong", "moderate", "emerging", "limited"}


def _sections(path, body, language) -> dict[str, str]:
    field_by_heading = FIELD_BY_HEADING[language]
    parts = SECTION_HEADING.split(body)
    if parts[0].strip():
        raise ContentError(path, "body", "text before the first ## heading has no section")
    headings, texts = parts[1::2], parts[2::2]
    if headings != list(field_by_heading):
        raise ContentError(
            path,
            "body",
            f"needs exactly these ## sections, in order: {', '.join(field_by_heading)}",
        )
    sections = {}
    for heading, text in zip(headings, texts, strict=True):
        if not text.strip():
            raise ContentError(path, heading, "this section is empty")
        sections[field_by_heading[heading]] = text.strip() + "\n"
    return sections


def parse_modality(path: Path, language: str = "en") -> ContentItem:
    """One explainer file written in `language` (its ## headings are that language's)."""
    meta, body = front_matter.split(path)
    slug = front_matter.slug(path, meta)
    if slug not in SLUGS:
        raise ContentError(path, "slug", f"{slug!r} is not one of {', '.join(SLUGS)}")
    fields = {key: front_matter.text(path, meta, key) for key in TEXT_KEYS}
    fields["full_name"] = front_matter.text(path, meta, "full_name", required=False)
    fields["slug"] = slug
    fields["language"] = language
    fields["status"] = front_matter.status(path, meta)
    fields["position"] = SLUGS.index(slug)
    level = meta.get("evidence_level")
    if level not in EVIDENCE_LEVELS:
        raise ContentError(path, "evidence_level", "must be strong, moderate, emerging or limited")
    fields["evidence_level"] = level
    fields.update(front_matter.review_dates(path, meta))
    references = meta.get("references")
    try:
        validate_references(references)
    except ValidationError as exc:
        raise ContentError(path, "references", " ".join(exc.messages)) from exc
    fields["references"] = [{"title": str(r["title"]), "url": str(r["url"])} for r in references]
    fields.update(_sections(path, body, language))
    return ContentItem("modality", path, fields, front_matter.string_list(path, meta, "tags"))
