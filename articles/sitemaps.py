"""The published articles' entries in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published()

    def lastmod(self, item):
        return item.updated_at
