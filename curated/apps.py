from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CuratedConfig(AppConfig):
    name = "curated"
    verbose_name = _("Curated content files")
