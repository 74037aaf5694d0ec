"""sitemap.xml: only published content and the fixed public pages."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Article
from modalities.models import Modality


class StaticPagesSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "modalities:index",
            "modalities:compare",
            "articles:list",
            "articles:tags",
            "safety",
        ]

    def location(self, item):
        return reverse(item)


class ModalitySitemap(Sitemap):
    def items(self):
        return Modality.objects.published()

    def lastmod(self, item):
        return item.updated_at


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published()

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"pages": StaticPagesSitemap, "modalities": ModalitySitemap, "articles": ArticleSitemap}
