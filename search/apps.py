from django.apps import AppConfig
from django.core.signals import setting_changed


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from search import cards, signals

        signals.connect()
        # Kept result cards show URLs and translations: a settings change must show at once.
        setting_changed.connect(cards.forget, dispatch_uid="search.cards.forget")
