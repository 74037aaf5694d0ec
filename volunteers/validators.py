"""Validators for what volunteers type: no control characters, no line breaks where one line is meant.

Single-line answers (name, email, phone, place, availability, languages) could one day reach an email
header or a CSV cell, so they must never carry a line break. Control characters have no place in any
answer: they hide text, reorder it (bidirectional overrides) or break the tools that read it later.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Line and paragraph separators are not category Cc, but mail and CSV tools treat them as line breaks.
LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Bidirectional overrides and isolates can make text read differently from what is stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Allowed in multi-line text only.
MULTILINE_WHITESPACE = frozenset("\r\n\t")

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()./-]*$")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS


@deconstructible
class NoControlCharacters:
    """Rejects control characters; `multiline=True` still allows line breaks and tabs (a message)."""

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def __call__(self, value: str) -> None:
        if not value:
            return
        for char in value:
            if self.multiline and char in MULTILINE_WHITESPACE:
                continue
            if not self.multiline and char in LINE_BREAKS:
                raise ValidationError(_("Keep this on one line."), code="line_break")
            if _is_control(char):
                raise ValidationError(
                    _("Remove the hidden or special characters from this answer."), code="control_character"
                )

    def __eq__(self, other):
        return isinstance(other, NoControlCharacters) and other.multiline == self.multiline


def validate_phone(value: str) -> None:
    """Digits with the usual separators and an optional leading +, at least six digits."""
    if not value:
        return
    digits = sum(char.isdigit() for char in value)
    if not PHONE_PATTERN.match(value) or digits < 6:
        raise ValidationError(
            _("Enter a phone number using digits, like 07700 900 982 or +44 7700 900 982."), code="phone"
        )
