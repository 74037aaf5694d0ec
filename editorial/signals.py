"""The one place that listens to Django's model signals for content.

Every save, delete and many-to-many change of a content model (editorial/content_models.py) is noted
here, and goes out as a single `content_changed` after its transaction commits
(editorial/content_changed.py). Whoever needs to follow content - the page cache, the search index -
subscribes to that signal, never to the model signals, so no subscriber depends on the order of
INSTALLED_APPS or keeps its own idea of what counts as content.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from editorial.content_changed import Change, note_changes
from editorial.content_models import content_link_models, content_models
from editorial.models import Publishable


def _on_save_or_delete(sender, instance, using, **kwargs):
    note_changes({Change(sender, instance.pk)}, using)


def _on_link_change(sender, instance, action, model, pk_set, using, **kwargs):
    if not action.startswith("post_") or not isinstance(instance, tuple(content_models())):
        return
    changes = {Change(type(instance), instance.pk)}
    if pk_set and issubclass(model, Publishable):
        # Changed from the other side (a therapy's articles): each linked item's page lists the link.
        # A tag added to an article is the article's change alone; the tag itself did not change.
        changes.update(Change(model, pk) for pk in pk_set)
    note_changes(changes, using)


def connect() -> None:
    """Listen to the content models only: other models' saves never reach these receivers."""
    for model in content_models():
        label = model._meta.label_lower
        post_save.connect(_on_save_or_delete, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(_on_save_or_delete, sender=model, dispatch_uid=f"content-delete-{label}")
    for through in content_link_models():
        label = through._meta.label_lower
        m2m_changed.connect(_on_link_change, sender=through, dispatch_uid=f"content-links-{label}")
