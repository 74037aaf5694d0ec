"""What every sitemap section shares: each page listed once per language, with its alternates.

The one sitemap at /sitemap.xml names every page in English and in Spanish, each entry with the
hreflang alternates of both and the English page as x-default, as search engines ask; an explainer
or article not written in Spanish yet is listed in English only.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class EveryLanguageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class LanguageVersionsSitemap(EveryLanguageSitemap):
    """Published content (explainers, articles): each page in the languages it is written in.

    A page with no published version in a language is left out in that language, and out of its
    alternates: its address there shows the English text, which names the English page as the
    canonical one. Each entry's last change is that of the page's latest-changed version.
    """

    model = None  # a Publishable model

    @cached_property
    def _versions(self) -> dict[str, dict]:
        """{slug: {language: row}} of every published version, in the model's order."""
        versions: dict[str, dict] = {}
        for row in self.model.objects.published().only("slug", "language", "updated_at"):
            versions.setdefault(row.slug, {})[row.language] = row
        return versions

    def items(self):
        # One row stands for each page: the English one, whose address follows the active language.
        return [
            rows.get(settings.LANGUAGE_CODE) or next(iter(rows.values())) for rows in self._versions.values()
        ]

    def get_languages_for_item(self, item):
        written = self._versions[item.slug]
        return [code for code in self._languages() if code in written]

    def lastmod(self, item):
        return max(row.updated_at for row in self._versions[item.slug].values())
