from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChooseConfig(AppConfig):
    name = "choose"
    verbose_name = _("Decision aid")
