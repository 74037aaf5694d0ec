"""What every sitemap section shares: each page listed once per language, with its alternates.

The one sitemap at /sitemap.xml names every page in English and in Spanish, each entry with the
hreflang alternates of both and the English page as x-default, as search engines ask.
"""

from django.contrib.sitemaps import Sitemap


class EveryLanguageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
