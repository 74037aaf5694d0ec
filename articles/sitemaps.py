"""The published articles' entries in sitemap.xml."""

from articles.models import Article
from pages.sitemap_languages import EveryLanguageSitemap


class ArticleSitemap(EveryLanguageSitemap):
    def items(self):
        return Article.objects.published()

    def lastmod(self, item):
        return item.updated_at
