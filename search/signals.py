"""Keep the index following the database: after each commit, re-index or remove what changed.

The index follows `content_changed` (editorial/content_changed.py), sent once per committed
transaction with everything it changed: a rolled-back change never reaches the index, and many
changes in one transaction (loadcontent) share one writer.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from taggit.models import Tag, TaggedItem

from articles.models import Article
from editorial.content_changed import content_changed
from modalities.models import Modality
from search import index
from search.documents import ARTICLE, MODALITY

log = logging.getLogger(__name__)

KIND_OF = {Modality: MODALITY, Article: ARTICLE}


def _tagged_items(tag_pks) -> set[tuple[str, int]]:
    """The indexed items filed under these tags: their documents hold the tags' names and slugs."""
    kinds = {ContentType.objects.get_for_model(model).pk: kind for model, kind in KIND_OF.items()}
    rows = TaggedItem.objects.filter(tag_id__in=tag_pks, content_type_id__in=kinds)
    return {(kinds[content_type_id], object_id) for content_type_id, object_id in
            rows.values_list("content_type_id", "object_id")}  # fmt: skip


def items_to_reindex(changes) -> set[tuple[str, int]]:
    """The (kind, pk) items whose documents may differ after these changes.

    A deleted tag's items are not found here (its links are gone with it); the catch-up on the next
    content-version check re-indexes them.
    """
    refs = {(KIND_OF[model], pk) for model, pk in changes if model in KIND_OF and pk is not None}
    tag_pks = {pk for model, pk in changes if model is Tag}
    if tag_pks:
        refs |= _tagged_items(tag_pks)
    return refs


def _reindex(changes, **kwargs):
    try:
        index.update_items(items_to_reindex(changes))
    except Exception as exc:
        # The commit already happened; the catch-up on the next content-version check repairs it.
        log.error("search index update failed (%s); catch-up will repair it", type(exc).__name__)


def connect() -> None:
    content_changed.connect(_reindex, dispatch_uid="search-reindex")
