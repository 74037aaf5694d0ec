"""The published explainers' entries in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from modalities.models import Modality


class ModalitySitemap(Sitemap):
    def items(self):
        return Modality.objects.published()

    def lastmod(self, item):
        return item.updated_at
