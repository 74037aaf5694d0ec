"""`{% language_links as languages %}`: the page in every language (pages/language.py)."""

from django import template

from pages.language import NO_LINKS, language_links

register = template.Library()


@register.simple_tag(takes_context=True, name="language_links")
def language_links_tag(context):
    # A template rendered without a request (a mail, a test's bare frame) belongs to no address.
    request = context.get("request")
    return NO_LINKS if request is None else language_links(request)
