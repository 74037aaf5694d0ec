"""sitemap.xml: only published content and the fixed public pages.

The fixed pages are listed here; each content app lists its own published items beside its models.
"""

from django.urls import reverse

from articles.sitemaps import ArticleSitemap
from modalities.sitemaps import ModalitySitemap
from pages.sitemap_languages import EveryLanguageSitemap


class FixedPagesSitemap(EveryLanguageSitemap):
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
