from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from editorial import signals  # noqa: F401  (connects the content-version receivers)
