"""Therapy explainers in the admin: the shared editorial workflow, plus the explainer's sections."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from markup import MARKDOWN_HELP
from modalities.models import Modality


@admin.register(Modality)
class ModalityAdmin(PublishableAdmin):
    preview_template = "admin/editorial/preview_modality.html"
    preview_name = "modality"

    list_display = ["title", "language", "status", "evidence_level", "on_site", "next_review", "updated_at"]
    search_fields = ["title", "full_name", "slug", "summary", "tags__name"]
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "full_name", "summary", "position"]}),
        (
            _("Compare table"),
            {
                "fields": [
                    "evidence_level",
                    "evidence_basis",
                    "format",
                    "typical_length",
                    "may_suit",
                    "session_involves",
                ]
            },
        ),
        (
            _("Sections"),
            {
                "fields": list(Modality.markdown_fields),
                "description": MARKDOWN_HELP,
            },
        ),
        (
            _("References"),
            {
                "fields": ["references"],
                "description": _('A list like [{"title": "Guideline name", "url": "https://…"}].'),
            },
        ),
        (_("Needs and symptoms"), {"fields": ["tags", "confirm_new_tags"]}),
        PUBLISHING_FIELDSET,
    ]
