from django.apps import AppConfig


class SecondFactorConfig(AppConfig):
    name = "secondfactor"
    verbose_name = "Second factor for staff"
