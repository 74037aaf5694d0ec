from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecondFactorConfig(AppConfig):
    name = "secondfactor"
    verbose_name = _("Second factor for staff")
