"""The content lists in the admin: what needs someone comes first, and filters by review date and tag."""

from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from editorial.models import REVIEW_WARNING_DAYS, Status


class ReviewDueFilter(admin.SimpleListFilter):
    title = gettext_lazy("review due")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            (
                "soon",
                ngettext("Due within %(days)d day", "Due within %(days)d days", REVIEW_WARNING_DAYS)
                % {"days": REVIEW_WARNING_DAYS},
            ),
            ("none", _("No date set")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        if self.value() == "soon":
            return queryset.review_due().filter(next_review_due__gte=timezone.localdate())
        if self.value() == "none":
            return queryset.filter(next_review_due__isnull=True)
        return queryset


class TagFilter(admin.SimpleListFilter):
    """The needs and symptoms this kind of content is filed under."""

    title = gettext_lazy("tag")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        return [(tag.slug, tag.name) for tag in model_admin.model.tags.all().order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


# In review first (a reviewer's next task), then drafts, then published.
WORKFLOW_ORDER = Case(
    When(status=Status.IN_REVIEW, then=Value(0)),
    When(status=Status.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
).asc()


class WorkflowChangeList(ChangeList):
    """The list puts what needs someone first, unless the person sorts by a column."""

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if ORDER_VAR in self.params:
            return ordering
        return [WORKFLOW_ORDER, "-updated_at", *ordering]
