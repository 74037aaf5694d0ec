"""The admin form writers use for explainers and articles: plain-word messages and the publishing rule.

Who may publish is decided by the admin (`PublishableAdmin.has_publish_permission`) and handed to the
form as `can_publish`; the form then offers only the statuses that person may choose, and refuses the
rest with a message that says what to do instead.
"""

import re

from django import forms
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext
from taggit.forms import TagWidget
from taggit.models import Tag

from editorial.models import Status
from editorial.tags import new_tag_names
from staff.formats import staff_name

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Enough for every need and symptom the site files content under, without an unbounded page.
MAX_TAG_SUGGESTIONS = 500

# Django's defaults ("Enter a valid date.") say what is wrong, not what to type instead.
DATE_EXAMPLE = _("Enter a date like 2026-01-31.")
PLAIN_MESSAGES = {
    forms.DateField: {"invalid": DATE_EXAMPLE},
    forms.TimeField: {"invalid": _("Enter a time like 09:30.")},
    forms.JSONField: {
        "invalid": _('This is not a valid list. Follow the example: [{"title": "…", "url": "https://…"}]')
    },
    forms.ChoiceField: {"invalid_choice": _("Choose one of the options in the list.")},
    forms.ModelMultipleChoiceField: {
        "invalid_choice": _("Choose from the list."),
        "invalid_pk_value": _("Choose from the list."),
    },
}
TOO_LONG = _("Keep this to %(limit_value)d characters or fewer (it has %(show_value)d).")
SLUG_TAKEN = gettext_noop(
    "Another page already uses this slug (the end of its web address) in this language. "
    "Choose a different one."
)
NOT_YOURS_TO_PUBLISH = gettext_noop(
    "Only a clinical reviewer can publish. Choose “In review” to ask for a review, then save."
)


def existing_tag_names() -> list[str]:
    """Names of the tags already in use, for suggestions while typing."""
    return list(Tag.objects.order_by("name").values_list("name", flat=True)[:MAX_TAG_SUGGESTIONS])


class TagSuggestionsWidget(TagWidget):
    """Comma-separated tags, with the existing tags offered as suggestions.

    The suggestions are a <datalist>, so the browser completes a tag without any script; the small
    static script `admin-extra/tag-suggestions.js` makes it complete the tag after the last comma too.
    """

    class Media:
        js = ["admin-extra/tag-suggestions.js"]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        list_id = f"{widget_attrs.get('id') or name}-suggestions"
        widget_attrs.update({"list": list_id, "autocomplete": "off", "data-tag-suggestions": ""})
        context["suggestions_id"] = list_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        rendered = self._render(self.template_name, context, renderer)
        # format_html escapes every tag name; nothing typed reaches the page unescaped.
        options = format_html_join(
            "", '<option value="{}"></option>', ((tag,) for tag in existing_tag_names())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', rendered, context["suggestions_id"], options)


class PublishableAdminForm(forms.ModelForm):
    """Base form for explainers and articles; the admin builds the model-specific form from it."""

    can_publish = False  # set per request by PublishableAdmin.get_form

    # Hidden until a typed tag matches none in the vocabulary; then it asks for a deliberate yes.
    confirm_new_tags = forms.BooleanField(
        label=_("Add the new needs and symptoms"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        widgets = {"tags": TagSuggestionsWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["required"] = _("Please fill in “%(field)s”.") % {
                "field": field.label or name
            }
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = TOO_LONG  # the code of MaxLengthValidator
            # A date-and-time field checks its date and its time with fields of its own.
            for part in (field, *getattr(field, "fields", ())):
                for field_class, messages in PLAIN_MESSAGES.items():
                    if isinstance(part, field_class):
                        part.error_messages.update(messages)
        if "reviewed_by" in self.fields:
            self.fields["reviewed_by"].label_from_instance = staff_name
            self.fields["reviewed_by"].empty_label = _("Not recorded")
        if "slug" in self.fields:
            self.fields["slug"].help_text = _(
                "The end of the web address: lower-case words joined by hyphens. "
                "Filled in from the title; change it before publishing, not after."
            )
        status = self.fields.get("status")
        if status is not None and not self.can_publish:
            # Only the widget loses "Published": a posted "published" still reaches clean(), which
            # answers it in plain words rather than with "not one of the available choices".
            status.widget.choices = [
                (Status.DRAFT, Status.DRAFT.label),
                (Status.IN_REVIEW, Status.IN_REVIEW.label),
            ]
            status.help_text = _(
                "Choose “In review” when it is ready for a clinical reviewer to check and publish."
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if not SLUG_PATTERN.fullmatch(slug):
            raise forms.ValidationError(
                _("Use only lower-case letters, numbers and single hyphens, like what-to-expect.")
            )
        return slug

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status == Status.PUBLISHED and not self.can_publish:
            self.add_error("status", _(NOT_YOURS_TO_PUBLISH))
        last, due = cleaned.get("last_reviewed"), cleaned.get("next_review_due")
        if last and due and due <= last:
            self.add_error("next_review_due", _("The next review must come after the last review."))
        if last and last > timezone.localdate():
            self.add_error("last_reviewed", _("The last review cannot be in the future."))
        self._check_slug_is_free(cleaned)
        self._check_new_tags(cleaned)
        return cleaned

    def _check_slug_is_free(self, cleaned) -> None:
        """A slug is unique per language (a translation shares its English page's slug). Said here,
        against the slug field, rather than as the model constraint's message above the form; a
        field with an error is left out of the constraint's own check, so it is said once."""
        slug = cleaned.get("slug")
        language = cleaned.get("language", self.instance.language)
        if not slug or not language:
            return
        others = self._meta.model._default_manager.filter(language=language, slug=slug)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            self.add_error("slug", _(SLUG_TAKEN))

    def _check_new_tags(self, cleaned) -> None:
        """A tag that is not in the vocabulary yet is created only when the writer says so: a typo
        or a near-duplicate would otherwise become a public page of its own."""
        new = new_tag_names(cleaned.get("tags") or ())
        if not new or cleaned.get("confirm_new_tags"):
            return
        names = ", ".join(f"“{name}”" for name in new)
        self.add_error(
            "tags",
            ngettext(
                "%(names)s is not one of the needs and symptoms yet. Check it against the suggestions "
                "offered while you type, or tick “Add the new needs and symptoms” below to add it.",
                "%(names)s are not among the needs and symptoms yet. Check them against the suggestions "
                "offered while you type, or tick “Add the new needs and symptoms” below to add them.",
                len(new),
            )
            % {"names": names},
        )
        confirm = self.fields["confirm_new_tags"]
        confirm.widget = forms.CheckboxInput()
        explained = _("New: %(names)s. Each becomes a public page listing what is filed under it.")
        confirm.help_text = explained % {"names": names}
