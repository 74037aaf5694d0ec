"""Atom feed of published articles, in the reader's language.

RFC 4287 requires an author on the feed or on every entry: the editorial team is named once, on the
feed, with the site's home page as its address (no person's name or email becomes a target).
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from articles.models import Article

FEED_LENGTH = 20


class ArticleFeed(Feed):
    feed_type = Atom1Feed
    link = reverse_lazy("articles:list")

    def title(self):
        return gettext("%(site_name)s: articles") % {"site_name": settings.SITE_NAME}

    def author_name(self):
        return gettext("%(site_name)s editorial team") % {"site_name": settings.SITE_NAME}

    def get_object(self, request, *args, **kwargs):
        # The feed's one "object" is the site's absolute home address: the author's uri must be an
        # absolute IRI, and only the request knows the scheme and host it was reached by.
        return request.build_absolute_uri(reverse("home"))

    def author_link(self, home_url):
        return home_url

    def subtitle(self):
        return gettext("New and updated articles about trauma therapy and healing.")

    def items(self):
        return Article.objects.published().in_language()[:FEED_LENGTH]

    def item_title(self, item):
        if item.untranslated:  # no version in the feed's language yet: the English one, said so
            return f"{item.title} {gettext('(in English)')}"
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
