"""The needs-and-symptoms vocabulary: the tags in use on the published content of the reader's language."""

import unicodedata

from django.db.models import Count, Q
from django.utils.translation import gettext, gettext_noop
from taggit.models import Tag

from articles.models import Article
from modalities.models import Modality


def _published_ids(model):
    return model.objects.published().in_language().values("pk")


def needs_in_use():
    """Tags on at least one published modality or article a reader of the active language gets,
    with how many items use each."""
    on_published = Q(
        taggit_taggeditem_items__content_type__model="modality",
        taggit_taggeditem_items__object_id__in=_published_ids(Modality),
    ) | Q(
        taggit_taggeditem_items__content_type__model="article",
        taggit_taggeditem_items__object_id__in=_published_ids(Article),
    )
    return (
        Tag.objects.annotate(item_count=Count("taggit_taggeditem_items", filter=on_published))
        .filter(item_count__gt=0)
        .order_by("name")
    )


# The needs vocabulary of content/README.md. Tags are stored and linked by these English names in
# every language; this list only puts them in the translation catalogue, so each page can show a
# need in the reader's language (need_name). A tag outside the list is shown as it is stored.
VOCABULARY = (
    gettext_noop("nightmares"),
    gettext_noop("flashbacks"),
    gettext_noop("trouble sleeping"),
    gettext_noop("painful memories"),
    gettext_noop("shame"),
    gettext_noop("guilt"),
    gettext_noop("low self-worth"),
    gettext_noop("can't trust people"),
    gettext_noop("feeling alone"),
    gettext_noop("connection with others"),
    gettext_noop("always on edge"),
    gettext_noop("panic"),
    gettext_noop("fear"),
    gettext_noop("worry"),
    gettext_noop("stress"),
    gettext_noop("anger"),
    gettext_noop("sadness"),
    gettext_noop("grief"),
    gettext_noop("numbness"),
    gettext_noop("feeling disconnected"),
    gettext_noop("body tension"),
    gettext_noop("feeling unsafe"),
    gettext_noop("avoiding reminders"),
    gettext_noop("hard to talk about it"),
    gettext_noop("self-expression"),
    gettext_noop("relationships"),
    gettext_noop("feeling stuck"),
    gettext_noop("complex trauma"),
    gettext_noop("children and teens"),
    gettext_noop("caregivers and families"),
    gettext_noop("getting started"),
)


def need_name(name: str) -> str:
    """A need's name as the reader sees it: translated when it is in the vocabulary."""
    return gettext(name) if name else ""


def _alphabetical(name: str) -> str:
    # Accents do not move a word to the end of the alphabet ("ánimo" sorts with "a").
    letters = unicodedata.normalize("NFD", name.casefold())
    return "".join(char for char in letters if not unicodedata.combining(char))


def in_shown_order(tags) -> list:
    """Tags in the alphabetical order of the names the reader sees, in any language."""
    return sorted(tags, key=lambda tag: _alphabetical(need_name(tag.name)))
