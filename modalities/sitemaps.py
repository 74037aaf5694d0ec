"""The published explainers' entries in sitemap.xml."""

from modalities.models import Modality
from pages.sitemap_languages import EveryLanguageSitemap


class ModalitySitemap(EveryLanguageSitemap):
    def items(self):
        return Modality.objects.published()

    def lastmod(self, item):
        return item.updated_at
