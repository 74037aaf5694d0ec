"""The published explainers' entries in sitemap.xml: each explainer in every language it is written in."""

from modalities.models import Modality
from pages.sitemap_languages import LanguageVersionsSitemap


class ModalitySitemap(LanguageVersionsSitemap):
    model = Modality
