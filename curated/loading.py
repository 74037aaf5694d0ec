"""Read the curated content folder (modalities/*.md, articles/*.md) and upsert it all by slug.

Everything is validated before anything is written, and the writes happen in one transaction, so a
bad file changes nothing. Errors name the file and the field.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from articles.content_files import parse_article
from articles.models import Article
from curated.front_matter import ContentError, ContentItem
from editorial.models import Status
from editorial.reviewers import reviewer_named
from modalities.content_files import parse_modality
from modalities.models import Modality

MODEL_BY_KIND = {"modality": Modality, "article": Article}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


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


def _upsert(item: ContentItem, report: LoadReport):
    model = MODEL_BY_KIND[item.kind]
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
            _upsert(item, report)
    return report
