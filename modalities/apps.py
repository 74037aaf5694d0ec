from django.apps import AppConfig


class ModalitiesConfig(AppConfig):
    name = "modalities"
    verbose_name = "Therapy explainers"
