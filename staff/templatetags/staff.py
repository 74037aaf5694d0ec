"""Template tools for staff pages: one way of writing dates, of naming colleagues, and the staff menu."""

from django import template

from staff import formats
from staff.lockout import describe_duration
from staff.navigation import staff_links as links_for

register = template.Library()


@register.filter
def staff_datetime(value):
    """`{{ record.history_date|staff_datetime }}` -> "3 Nov 2026, 14:05"."""
    return formats.staff_datetime(value)


@register.filter
def staff_name(user):
    """`{{ enquiry.assignee|staff_name }}` -> the first name, or the user name."""
    return formats.staff_name(user)


@register.simple_tag(takes_context=True)
def staff_links(context):
    """`{% staff_links as links %}`: the staff areas the signed-in person may open."""
    request = context.get("request")
    return links_for(getattr(request, "user", None))


@register.filter
def staff_duration(delta):
    """`{{ cooloff_timedelta|staff_duration }}` -> "1 hour"."""
    return describe_duration(delta) if delta else ""
