"""The published explainers' entries in sitemap.xml."""

from editorial.languages import site_language
from modalities.models import Modality
from pages.sitemap_languages import EveryLanguageSitemap


class ModalitySitemap(EveryLanguageSitemap):
    def items(self):
        return Modality.objects.published().in_language(site_language())

    def lastmod(self, item):
        return item.updated_at
