"""The needs-and-symptoms vocabulary: the tags in use on published content."""

from django.db.models import Count, Q
from taggit.models import Tag

from articles.models import Article
from modalities.models import Modality


def _published_ids(model):
    return model.objects.published().values("pk")


def needs_in_use():
    """Tags on at least one published modality or article, with how many items use each."""
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
