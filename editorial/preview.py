"""Unsaved content, dressed so the public page templates can show it as a preview.

A preview is built from what the writer has typed, not from the database: an unsaved model instance
whose Markdown goes through the same `render_markdown_fields()` as a save. The public templates read its
tags and linked explainers through `.all()`, which an unsaved instance cannot answer, so `PreviewItem`
stands in front of it and answers those from the posted form.
"""

from dataclasses import dataclass

from django.utils.text import capfirst, slugify
from taggit.models import Tag

from markup import explain_changes


@dataclass(frozen=True)
class PreviewTag:
    name: str
    slug: str


class PreviewRelation:
    """A stand-in for a related manager: `.all()` returns what the form named."""

    def __init__(self, items):
        self._items = list(items)

    def all(self):
        return self._items


class PreviewItem:
    """Looks like the saved object to a template; its relations come from the posted form."""

    def __init__(self, instance, tags=(), modalities=()):
        self._instance = instance
        self.tags = PreviewRelation(tags)
        self.modalities = PreviewRelation(modalities)

    def __getattr__(self, name):
        return getattr(self._instance, name)


def preview_tags(names) -> list[PreviewTag]:
    """The tags named in the form, with the slugs their public links will have."""
    names = list(names)
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "slug"))
    tags = []
    for name in names:
        slug = existing.get(name) or slugify(name)
        if slug:  # a tag made only of punctuation gets its page when saved; no link to show yet
            tags.append(PreviewTag(name=name, slug=slug))
    return tags


@dataclass(frozen=True)
class FieldChange:
    field: str
    line: int | None
    source: str
    reason: str


def sanitiser_changes(item) -> list[FieldChange]:
    """What the sanitiser changed in each of the item's Markdown fields, field by field."""
    changes = []
    for name in item.markdown_fields:
        label = capfirst(item._meta.get_field(name).verbose_name)
        for change in explain_changes(getattr(item, name)):
            changes.append(FieldChange(str(label), change.line, change.source, change.reason))
    return changes
