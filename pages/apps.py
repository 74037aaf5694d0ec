from django.apps import AppConfig
from django.core.signals import setting_changed
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from pages import frame, language

        # The kept page frame shows settings (crisis lines, site name): a change must show at once.
        setting_changed.connect(frame.forget, dispatch_uid="pages.frame.forget")
        # The addresses of a page in each language follow the URLs and the languages in the settings.
        setting_changed.connect(language.forget, dispatch_uid="pages.language.forget")
