"""The published articles' entries in sitemap.xml."""

from articles.models import Article
from editorial.languages import site_language
from pages.sitemap_languages import EveryLanguageSitemap


class ArticleSitemap(EveryLanguageSitemap):
    def items(self):
        return Article.objects.published().in_language(site_language())

    def lastmod(self, item):
        return item.updated_at
