"""Articles in the admin: the shared editorial workflow, plus the article's own fields and filters."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from editorial.admin_lists import ReviewDueFilter, TagFilter
from editorial.languages import version_label
from markup import MARKDOWN_HELP


@admin.register(Article)
class ArticleAdmin(PublishableAdmin):
    preview_template = "admin/editorial/preview_article.html"
    preview_name = "article"

    list_display = ["title", "language", "status", "on_site", "next_review", "updated_at"]
    list_filter = ["language", "status", TagFilter, "modalities", ReviewDueFilter]
    search_fields = ["title", "slug", "summary", "content_note", "body", "tags__name"]
    fieldsets = [
        (None, {"fields": ["language", "title", "slug", "summary", "content_note"]}),
        (_("Text"), {"fields": ["body"], "description": MARKDOWN_HELP}),
        (_("Needs, symptoms and therapies"), {"fields": ["tags", "confirm_new_tags", "modalities"]}),
        PUBLISHING_FIELDSET,
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "modalities":
            # A short list of therapies: tick boxes are quicker to read than a multiple-select list.
            kwargs["widget"] = forms.CheckboxSelectMultiple
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "modalities":
            field.label_from_instance = version_label  # "EMDR" and "EMDR (Spanish)" are two boxes
        return field
