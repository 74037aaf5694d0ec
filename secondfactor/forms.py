"""The one field of every second-factor form: a code from the app, or a backup code."""

from django import forms
from django.utils.translation import gettext_lazy as _

# Long enough for a backup code typed with spaces or dashes; anything longer is not a code.
CODE_MAX_LENGTH = 32


class CodeForm(forms.Form):
    # A wrong code is shown again, so a typo can be seen: it opens nothing, and a used one is spent.
    code = forms.CharField(
        label=_("Code"),
        max_length=CODE_MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, numeric=False, **kwargs):
        super().__init__(*args, **kwargs)
        if numeric:
            # Setting up takes the app's six digits only: a number pad on phones.
            self.fields["code"].widget.attrs.update(inputmode="numeric", pattern="[0-9 ]*")
