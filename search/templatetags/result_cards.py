"""`{% result_cards results tags_url %}`: the search page's result cards, kept per item (search/cards.py)."""

from django import template

from search import cards

register = template.Library()

# What sat around each card when the page looped over them in the template: kept for identical pages.
SEPARATOR = "\n    "


@register.simple_tag
def result_cards(results, tags_url):
    return cards.cards(results, tags_url, SEPARATOR)
