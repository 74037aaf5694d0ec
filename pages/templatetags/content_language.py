"""Marks for a page shown in a language other than the reader's (its translation does not exist yet).

A reader of Spanish gets the English version of a page that has no Spanish version (see
PublishableQuerySet.in_language). Lists then say so after its title, the English words carry
lang="en" so screen readers pronounce them as English, and the page itself names its English
address as the canonical one. For a page in the reader's own language each of these is empty.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext

from editorial.languages import site_language

register = template.Library()


@register.filter
def lang_attr(item) -> str:
    """` lang="en"` on an element holding the item's own words, when they are not the reader's language."""
    if getattr(item, "untranslated", False):
        return format_html(' lang="{}"', item.language)
    return ""


@register.filter
def in_own_language(text, item) -> str:
    """The item's words, inside <span lang="en"> when they are not in the reader's language."""
    if getattr(item, "untranslated", False):
        return format_html('<span lang="{}">{}</span>', item.language, text)
    return conditional_escape(text)


@register.simple_tag
def untranslated_mark(item) -> str:
    """ " (in English)" after the item's title in a list, when the reader's version does not exist yet."""
    if getattr(item, "untranslated", False):
        return format_html(' <span class="untranslated-mark">{}</span>', gettext("(in English)"))
    return ""


@register.simple_tag
def canonical_url(item) -> str:
    """The absolute address of the item's page in its own language: the page search engines should
    list for an item a reader gets untranslated."""
    with translation.override(item.language):
        return settings.SITE_URL + item.get_absolute_url()


@register.simple_tag
def written_alternates(alternates, item) -> list:
    """The page's hreflang alternates (pages/language.py) less the languages the item has no published
    version in: that language's address shows the English text, so it is not a page of its own."""
    written = set(
        item._meta.model._default_manager.published()
        .filter(slug=item.slug)
        .values_list("language", flat=True)
    )
    # x-default is the English page: kept while there is one.
    keep = written | ({"x-default"} if site_language() in written else set())
    return [version for version in alternates if version.code in keep]
