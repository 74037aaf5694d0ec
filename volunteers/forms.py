"""Forms: the public interest form and the moderators' inbox controls.

Messages follow GOV.UK's error message style: say what to do, in plain words, naming the field.
"""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from staff.formats import staff_name
from volunteers.addresses import validate_reply_address
from volunteers.models import MULTI_LINE, NOTE_MAX_LENGTH, Enquiry, Interest
from volunteers.permissions import moderators

# Hidden form fields read by the view, not by the form (they are checks, not answers).
TOKEN_FIELD = "submission_token"  # noqa: S105 (a field name, not a secret)
STAMP_FIELD = "form_stamp"
# A field people never see or fill; bots that fill every box fill it too. The name avoids words
# (website, url, company) that browsers' autofill might fill in for a real person.
HONEYPOT_FIELD = "leave_this_blank"

WHAT_TO_DO_WHEN_EMPTY = {
    "name": _("Enter your full name"),
    "email": _("Enter your email address"),
    "city_region": _("Enter your town, city or region"),
    "country": _("Enter your country"),
    "interests": _("Select at least one way you would like to help"),
    "availability": _("Tell us when you could help"),
    "languages": _("Enter the languages you speak"),
    "consent": _("Tick the box to say we may keep your details to reply to you"),
}
# One whole sentence per field, so a translation can fit the field's name into its own grammar.
WHAT_TO_DO_WHEN_TOO_LONG = {
    "name": _("Full name must be %(limit_value)d characters or fewer (you typed %(show_value)d)"),
    "email": _("Email address must be %(limit_value)d characters or fewer (you typed %(show_value)d)"),
    "phone": _("Phone number must be %(limit_value)d characters or fewer (you typed %(show_value)d)"),
    "city_region": _(
        "Town, city or region must be %(limit_value)d characters or fewer (you typed %(show_value)d)"
    ),
    "country": _("Country must be %(limit_value)d characters or fewer (you typed %(show_value)d)"),
    "availability": _(
        "When you could help must be %(limit_value)d characters or fewer (you typed %(show_value)d)"
    ),
    "languages": _(
        "Languages you speak must be %(limit_value)d characters or fewer (you typed %(show_value)d)"
    ),
    "message": _(
        "Anything else you would like to tell us must be %(limit_value)d characters or fewer "
        "(you typed %(show_value)d)"
    ),
}


class EnquiryForm(forms.ModelForm):
    """The volunteer interest form. The view stores it with `Enquiry.objects.submit`, never `save()`."""

    interests = forms.MultipleChoiceField(
        label=_("How would you like to help?"),
        choices=Interest.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."),
        error_messages={"invalid_choice": _("Select only from the list")},
    )
    consent = forms.BooleanField(
        label=_("I agree that your moderators may keep these details to talk with me about volunteering"),
    )

    class Meta:
        model = Enquiry
        fields = [
            "name",
            "email",
            "phone",
            "city_region",
            "country",
            "interests",
            "availability",
            "languages",
            "message",
            "consent",
        ]
        help_texts = {
            "email": _("We will only use this to reply to you."),
            "phone": _("Only if you would rather we called you."),
            "city_region": _("For example: Leeds, or Ontario."),
            "availability": _("For example: two evenings a month, or weekends."),
            "languages": _("For example: English and Romanian."),
            "message": _(
                "Anything that helps us see how you could help. You do not have to tell us about your "
                "own experiences. Up to 2,000 characters."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "city_region": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "country": forms.TextInput(attrs={"autocomplete": "country-name"}),
            "availability": forms.TextInput(),
            "languages": forms.TextInput(),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name in WHAT_TO_DO_WHEN_EMPTY:
                field.error_messages["required"] = WHAT_TO_DO_WHEN_EMPTY[name]
            if name in WHAT_TO_DO_WHEN_TOO_LONG:
                field.error_messages["max_length"] = WHAT_TO_DO_WHEN_TOO_LONG[name]
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address in the correct format, like name@example.com"
        )

    def clean_email(self):
        email = self.cleaned_data["email"]
        validate_reply_address(email)
        return email

    def answers(self) -> dict:
        """The cleaned answers, as `Enquiry.objects.submit` takes them (consent is the act of sending)."""
        return {name: value for name, value in self.cleaned_data.items() if name != "consent"}

    def error_summary(self) -> list[tuple[str, str]]:
        """(element id, message) for every error, in the order the fields appear on the page."""
        entries = [("", str(message)) for message in self.non_field_errors()]
        for field in self:
            # A group of checkboxes has no single label target; link to its first box.
            anchor = field.id_for_label or f"{field.auto_id}_0"
            entries.extend((anchor, str(message)) for message in field.errors)
        return entries


class InboxFilterForm(forms.Form):
    """The inbox's filters and search, read from the query string; a bad value is ignored, not fatal."""

    ASSIGNEE_NOBODY = "none"

    q = forms.CharField(label=_("Name or email"), max_length=100, required=False, validators=[MULTI_LINE])
    status = forms.ChoiceField(label=_("Status"), required=False)
    interest = forms.ChoiceField(label=_("Would like to help with"), required=False)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    received_from = forms.DateField(
        label=_("Received on or after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Any status")), *Enquiry.Status.choices]
        self.fields["interest"].choices = [("", _("Anything")), *Interest.choices]
        self.fields["assignee"].choices = [
            ("", _("Anyone or nobody")),
            (self.ASSIGNEE_NOBODY, _("Nobody yet")),
            *((str(user.pk), staff_name(user)) for user in moderators()),
        ]

    def filter(self, queryset):
        """Apply every valid filter to `queryset`; invalid ones are reported on the form and skipped."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("q"):
            queryset = queryset.search(data["q"])
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("interest"):
            queryset = queryset.with_interest(data["interest"])
        if data.get("assignee") == self.ASSIGNEE_NOBODY:
            queryset = queryset.filter(assignee__isnull=True)
        elif data.get("assignee"):
            queryset = queryset.filter(assignee_id=int(data["assignee"]))
        if data.get("received_from"):
            queryset = queryset.filter(created_at__gte=_start_of(data["received_from"]))
        if data.get("received_to"):
            queryset = queryset.filter(
                created_at__lt=_start_of(data["received_to"] + datetime.timedelta(days=1))
            )
        return queryset


def _start_of(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of `day` in the site's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Enquiry.Status.choices)


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=None, required=False, empty_label=_("Nobody")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = moderators()
        self.fields["assignee"].label_from_instance = staff_name


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Add an internal note"),
        help_text=_("Only moderators see notes. Notes are deleted with the enquiry's personal details."),
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[MULTI_LINE],
        error_messages={
            "required": _("Enter the note"),
            "max_length": _(
                "The note must be %(limit_value)d characters or fewer (you typed %(show_value)d)"
            ),
        },
    )


class BulkActionForm(forms.Form):
    ACTIONS = {"spam": Enquiry.Status.SPAM, "archive": Enquiry.Status.ARCHIVED}

    action = forms.ChoiceField(
        label=_("With the selected enquiries"),
        choices=[("spam", _("Mark as spam")), ("archive", _("Archive"))],
        error_messages={"required": _("Choose what to do"), "invalid_choice": _("Choose what to do")},
    )
    enquiries = forms.ModelMultipleChoiceField(
        queryset=Enquiry.objects.all(),
        error_messages={
            "required": _("Select at least one enquiry"),
            "invalid_choice": _("One of the selected enquiries no longer exists"),
            "invalid_pk_value": _("Select enquiries from the list"),
        },
    )

    def new_status(self) -> str:
        return self.ACTIONS[self.cleaned_data["action"]]
