"""The published articles' entries in sitemap.xml: each article in every language it is written in."""

from articles.models import Article
from pages.sitemap_languages import LanguageVersionsSitemap


class ArticleSitemap(LanguageVersionsSitemap):
    model = Article
