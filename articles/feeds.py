"""Atom feed of published articles."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article

FEED_LENGTH = 20


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("articles:list")

    def title(self):
        return f"{settings.SITE_NAME}: articles"

    def subtitle(self):
        return "New and updated articles about trauma therapy and healing."

    def items(self):
        return Article.objects.published()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
