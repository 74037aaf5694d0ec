from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModalitiesConfig(AppConfig):
    name = "modalities"
    verbose_name = _("Therapy explainers")
