"""Template tags for the admin's own pages: the review queue and review-dates panels on the home page."""

from django import template

from editorial.review import review_schedule, waiting_for_review
from editorial.views import can_see_review_dates

register = template.Library()


@register.simple_tag(takes_context=True)
def review_summary(context):
    """The review schedule for the admin home page, or None for staff who do not edit content."""
    request = context.get("request")
    if request is None or not can_see_review_dates(request.user):
        return None
    return review_schedule()


@register.simple_tag(takes_context=True)
def review_queue(context):
    """What waits for a clinical review, or None for staff who do not edit content."""
    request = context.get("request")
    if request is None or not can_see_review_dates(request.user):
        return None
    return waiting_for_review()
