"""Filters for staff templates: one way of writing dates and of naming colleagues."""

from django import template

from staff import formats

register = template.Library()


@register.filter
def staff_datetime(value):
    """`{{ record.history_date|staff_datetime }}` -> "3 Nov 2026, 14:05"."""
    return formats.staff_datetime(value)


@register.filter
def staff_name(user):
    """`{{ enquiry.assignee|staff_name }}` -> the first name, or the user name."""
    return formats.staff_name(user)
