from django.apps import AppConfig
from django.db.models.signals import post_migrate

from caching.generation import content_generation


def _forget_generation(**_kwargs):
    # A flushed or re-migrated database (tests) starts a new history: read the generation again.
    content_generation.reset()


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache"

    def ready(self):
        post_migrate.connect(_forget_generation, dispatch_uid="caching-generation-migrate")
