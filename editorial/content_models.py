"""The one list of content models: the models whose rows readers see, so that a change to any row
changes public pages.

- every concrete `Publishable` (therapy explainers, articles): derived from the model registry, so a
  new kind of content counts from the day it exists;
- taggit's `Tag`: a renamed or deleted tag changes its own page, every page filed under it, and the
  search filters.

editorial/signals.py notes changes to these models (and to the many-to-many links they own), and
editorial/generation.py reads the publishing schedule of the publishable ones.
"""

from django.apps import apps
from taggit.models import Tag

from editorial.models import Publishable


def publishable_models() -> list[type[Publishable]]:
    """The concrete models that inherit the publication workflow."""
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def content_models() -> list[type]:
    return [*publishable_models(), Tag]


def content_link_models() -> set[type]:
    """The through models of the content models' many-to-many fields (tags, an article's therapies)."""
    return {field.remote_field.through for model in content_models() for field in model._meta.many_to_many}
