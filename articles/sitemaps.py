"""The published articles' entries in sitemap.xml."""

from django.contrib.sitemaps import Sitemap

from articles.models import Article
from editorial.languages import site_language


class ArticleSitemap(Sitemap):
    def items(self):
        return Article.objects.published().in_language(site_language())

    def lastmod(self, item):
        return item.updated_at
