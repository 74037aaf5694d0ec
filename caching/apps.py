from django.apps import AppConfig


class CachingConfig(AppConfig):
    name = "caching"
    verbose_name = "Page cache"

    def ready(self):
        from caching import signals  # noqa: F401  (connects the receivers that expire the generation)
