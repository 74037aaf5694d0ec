"""How the admin's history page shows a change: the before and after of each field that moved.

django-simple-history keeps every version and computes which fields changed; its default display cuts
long values to 100 characters, which hides the edit in a long Markdown text. Here a long text change
is shown as a line diff instead: the lines removed and the lines added, with a line of context.
Everything stays plain text; the template escapes it.
"""

import difflib
from dataclasses import dataclass

from django.db import models
from simple_history.template_utils import HistoricalRecordContextHelper

# Values at most this long are shown whole, as "before -> after".
SHORT_VALUE_CHARS = 100
CONTEXT_LINES = 1


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "removed", "added", "context" or "gap"
    text: str


def text_diff(old: str, new: str, context: int = CONTEXT_LINES) -> list[DiffLine]:
    """Lines removed and added between two texts, with `context` unchanged lines around each change."""
    old_lines, new_lines = (old or "").splitlines(), (new or "").splitlines()
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for group_index, group in enumerate(matcher.get_grouped_opcodes(context)):
        if group_index:
            lines.append(DiffLine("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("context", line) for line in old_lines[i1:i2])
                continue
            lines.extend(DiffLine("removed", line) for line in old_lines[i1:i2])
            lines.extend(DiffLine("added", line) for line in new_lines[j1:j2])
    return lines


class TextDiffContextHelper(HistoricalRecordContextHelper):
    """simple-history's context helper, with a line diff for long text fields and words for codes."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "(empty)"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)

    def context_for_delta_changes(self, delta):
        context = super().context_for_delta_changes(delta)
        for entry, change in zip(context, delta.changes, strict=True):
            field = self.model._meta.get_field(change.field)
            old, new = change.old, change.new
            is_text = isinstance(field, models.CharField | models.TextField)
            if is_text and max(len(old or ""), len(new or "")) > SHORT_VALUE_CHARS:
                entry["lines"] = text_diff(old, new)
        return context
