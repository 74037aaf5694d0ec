"""`{{ tag.name|need_name }}`: a need's name in the reader's language (see needs.vocabulary.need_name)."""

from django import template

from needs.vocabulary import need_name as _need_name

register = template.Library()


@register.filter
def need_name(name) -> str:
    return _need_name(name)
