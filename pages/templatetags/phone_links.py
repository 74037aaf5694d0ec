"""Phone numbers as links a phone can dial or text with one tap, ready to sit inside a translated sentence.

`{% phone_link href number as call %}` gives the number as a tel:/sms: link (or as plain text when it
has no dialable digits), so a whole sentence such as "Call {{ call }} or text {{ text }}" stays one
message for the translator instead of words glued around an included link.
"""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def phone_link(href: str, number: str | None) -> str:
    if not number:
        return ""
    if href:
        return format_html('<a href="{}">{}</a>', href, number)
    return conditional_escape(number)


@register.simple_tag
def any_of_these_numbers(numbers) -> str:
    """Emergency numbers as links, each with its region, offered as alternatives: "911 (US) or 999 (UK)"."""
    shown = []
    for number in numbers:
        link = phone_link(number.get("call_href", ""), number.get("call"))
        shown.append(format_html("{} ({})", link, number["region"]) if number.get("region") else link)
    separator = " {} ".format(pgettext("between phone numbers to choose from", "or"))
    return mark_safe(conditional_escape(separator).join(shown))  # noqa: S308 (every part is escaped above)
