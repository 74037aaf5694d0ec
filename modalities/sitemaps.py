"""The published explainers' entries in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from editorial.languages import site_language
from modalities.models import Modality


class ModalitySitemap(Sitemap):
    def items(self):
        return Modality.objects.published().in_language(site_language())

    def lastmod(self, item):
        return item.updated_at
