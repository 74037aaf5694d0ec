"""Read the curated content folder and upsert it all by language and slug.

The folder holds the English pages (modalities/*.md, articles/*.md) and, in a subfolder named by its
language code, each translation (es/modalities/*.md, es/articles/*.md): a translated page is its own
row, with the English page's slug, its own status and its own review.

Everything is validated before anything is written, and the writes happen in one transaction, so a
bad file changes nothing. Errors name the file and the field.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

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


def language_folders(root: Path) -> list[tuple[str, Path]]:
    """(language, folder) for the English pages (the root) and each translation folder present."""
    folders = [(settings.LANGUAGE_CODE, root)]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and (root / code).is_dir():
            folders.append((code, root / code))
    return folders


def _files(folder: Path, kind: str) -> list[Path]:
    return sorted((folder / kind).glob("*.md"))


def read_content_dir(root: Path) -> list[ContentItem]:
    """Parse and validate every file under root; raises ContentError on the first bad one.

    Explainers come first (every language), then articles, so an article's explainers exist by
    the time it is linked to them.
    """
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, "directory", "does not exist")
    folders = language_folders(root)
    modalities = [
        parse_modality(path, language)
        for language, folder in folders
        for path in _files(folder, "modalities")
    ]
    known = {item.slug for item in modalities} | set(Modality.objects.values_list("slug", flat=True))
    articles = [
        parse_article(path, known, language)
        for language, folder in folders
        for path in _files(folder, "articles")
    ]
    if not _files(root, "modalities") and not _files(root, "articles"):
        raise ContentError(root, "directory", "holds no modalities/*.md or articles/*.md files")
    return modalities + articles


def _linked_explainers(item: ContentItem) -> list[Modality]:
    """The explainers an article names, each in the article's language where that version exists
    (else in English): a Spanish article links the Spanish explainers."""
    rows = Modality.objects.filter(
        slug__in=item.modalities, language__in={item.language, settings.LANGUAGE_CODE}
    )
    by_slug = {}
    for row in rows:
        if row.slug not in by_slug or row.language == item.language:
            by_slug[row.slug] = row
    return list(by_slug.values())


def _rendering_changed(obj) -> bool:
    """Whether the row's stored HTML differs from what its Markdown renders to now (in the row's own
    language, by the renderer as it is now): a reload then saves the row again, so an update of the
    renderer or of its words reaches rows whose files did not change."""
    stored = [getattr(obj, name) for name in obj.rendered_fields]
    obj.render_markdown_fields()
    return stored != [getattr(obj, name) for name in obj.rendered_fields]


class _TagsByName:
    """The tags a load uses, read once and created when missing, matched whatever their capitals
    (as TAGGIT_CASE_INSENSITIVE matches them). Handing taggit the tags themselves rather than their
    names spares it a lookup per name and row, most of a load's time."""

    def __init__(self):
        self._tags = {tag.name.lower(): tag for tag in Tag.objects.all()}

    def __call__(self, names: list[str]) -> list[Tag]:
        found = []
        for name in names:
            tag = self._tags.get(name.lower())
            if tag is None:
                tag = self._tags[name.lower()] = Tag.objects.create(name=name)
            found.append(tag)
        return found


def _upsert(item: ContentItem, report: LoadReport, tags: _TagsByName):
    model = MODEL_BY_KIND[item.kind]
    obj = model.objects.filter(language=item.language, slug=item.slug).first()
    # The file names its reviewer in words; the site records the reviewer's account, if one matches.
    fields = {**item.fields, "reviewed_by": reviewer_named(item.fields.get("reviewed_by", ""))}
    explainers = _linked_explainers(item) if item.kind == "article" else []
    if obj is None:
        obj = model(**fields)
        if obj.status == Status.PUBLISHED and obj.published_at is None:
            obj.published_at = timezone.now()
        obj.save()
        report.created.append(item.label)
        # A new row has no tags yet: link them in one insert, where taggit would add them with a
        # lookup and an insert each. Its save above already told everyone that follows content.
        through = obj.tags.through
        through.objects.bulk_create(
            through(content_object=obj, tag=tag) for tag in dict.fromkeys(tags(item.tags))
        )
    else:
        changed = any(getattr(obj, k) != v for k, v in fields.items())
        changed |= sorted(obj.tags.names()) != sorted(item.tags)
        changed |= _rendering_changed(obj)
        if item.kind == "article":
            current = set(obj.modalities.values_list("pk", flat=True))
            changed |= current != {explainer.pk for explainer in explainers}
        if not changed:
            report.unchanged.append(item.label)
            return
        for key, value in fields.items():
            setattr(obj, key, value)
        obj.save()
        report.updated.append(item.label)
        obj.tags.set(tags(item.tags), clear=False)
    if item.kind == "article":
        obj.modalities.set(explainers)


def load_content(root: Path) -> LoadReport:
    """Validate everything under root, then upsert it all in one transaction."""
    items = read_content_dir(root)
    report = LoadReport()
    with transaction.atomic():
        tags = _TagsByName()
        for item in items:
            _upsert(item, report, tags)
    return report
