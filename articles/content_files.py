"""Read one article's curated Markdown file: front matter, then the Markdown body."""

import datetime
from pathlib import Path

from curated import front_matter
from curated.front_matter import ContentError, ContentItem

TEXT_KEYS = ("title", "summary")


def parse_article(path: Path, known_modalities: set[str], language: str = "en") -> ContentItem:
    """One article file written in `language`; its `modalities` name explainers by slug."""
    meta, body = front_matter.split(path)
    fields = {key: front_matter.text(path, meta, key) for key in TEXT_KEYS}
    fields["slug"] = front_matter.slug(path, meta)
    fields["language"] = language
    fields["status"] = front_matter.status(path, meta)
    fields["content_note"] = front_matter.text(path, meta, "content_note", required=False, limit=300)
    fields.update(front_matter.review_dates(path, meta))
    published = front_matter.date(path, meta, "published")
    fields["published_at"] = datetime.datetime.combine(published, datetime.time(), datetime.UTC)
    fields["reviewed_by"] = front_matter.text(path, meta, "reviewed_by", required=False, limit=200)
    if not body.strip():
        raise ContentError(path, "body", "is empty")
    fields["body"] = body.strip() + "\n"
    modalities = front_matter.string_list(path, meta, "modalities")
    unknown = sorted(set(modalities) - known_modalities)
    if unknown:
        raise ContentError(path, "modalities", f"unknown modality slug(s): {', '.join(unknown)}")
    tags = front_matter.string_list(path, meta, "tags")
    return ContentItem("article", path, fields, tags, modalities)
