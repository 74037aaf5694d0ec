from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from caching.generation import register_generation
        from editorial import signals
        from editorial.content_changed import content_changed
        from editorial.generation import read_content_generation

        signals.connect()
        # The page cache files pages under the generation editorial keeps (content version and
        # publishing schedule), and asks again as soon as a change commits in this process.
        register_generation(read_content_generation, changed=content_changed)
