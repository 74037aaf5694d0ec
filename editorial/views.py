"""Staff pages of the editorial workflow that belong to no single model: the review schedule."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from editorial.models import REVIEW_WARNING_DAYS
from editorial.review import publishable_models, review_schedule


def can_see_review_dates(user) -> bool:
    """Editors and clinical reviewers: anyone who may view explainers or articles."""
    return any(
        user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
        for model in publishable_models()
    )


@require_safe
def review_dates(request):
    """What is overdue for clinical review, or due within the warning period."""
    if not can_see_review_dates(request.user):
        raise PermissionDenied
    schedule = review_schedule(within_days=REVIEW_WARNING_DAYS)
    context = {
        **admin.site.each_context(request),
        "title": _("Review dates"),
        "schedule": schedule,
        "sections": [
            ("overdue", _("Overdue for review"), schedule.overdue),
            ("undated", _("No next review date set"), schedule.undated),
            (
                "due-soon",
                ngettext("Due within %(days)d day", "Due within %(days)d days", schedule.within_days)
                % {"days": schedule.within_days},
                schedule.due_soon,
            ),
        ],
    }
    return TemplateResponse(request, "admin/editorial/review_dates.html", context)
