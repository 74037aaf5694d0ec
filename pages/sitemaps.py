"""sitemap.xml: only published content and the fixed public pages.

The fixed pages are listed here; each content app lists its own published items beside its models.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.sitemaps import ArticleSitemap
from modalities.sitemaps import ModalitySitemap


class FixedPagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "modalities:index",
            "modalities:compare",
            "articles:list",
            "needs:list",
            "safety",
        ]

    def location(self, item):
        return reverse(item)


SITEMAPS = {"pages": FixedPagesSitemap, "modalities": ModalitySitemap, "articles": ArticleSitemap}
