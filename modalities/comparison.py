"""What the compare page compares, and the reader's choice of two or three therapies to see side by side.

One list of facts feeds both tables: every therapy (one row each) and the chosen few (one column
each, so two or three fit side by side on a phone). The choice is a plain GET form of checkboxes
(`?show=emdr&show=tf-cbt`): it works without JavaScript and a reader can keep the address.
"""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

MIN_CHOSEN = 2
MAX_CHOSEN = 3

# (label, how to read it from a modality); "evidence" is the level in words, then its basis.
FACTS = (
    (_("Who it may suit"), "may_suit"),
    (_("Format"), "format"),
    (_("Typical length"), "typical_length"),
    (_("Evidence"), "evidence"),
    (_("What a session involves"), "session_involves"),
)


@dataclass(frozen=True)
class Fact:
    label: str
    text: str
    level: str = ""  # the evidence level in words, shown in bold before the text
    modality: object = field(default=None, compare=False)  # the therapy it is about


def facts_of(modality) -> list[Fact]:
    """Every compared fact of one therapy, in FACTS order."""
    facts = []
    for label, name in FACTS:
        if name == "evidence":
            level = modality.get_evidence_level_display()
            facts.append(Fact(label, modality.evidence_basis, level, modality=modality))
        else:
            facts.append(Fact(label, getattr(modality, name), modality=modality))
    return facts


def side_by_side(chosen) -> list[tuple[str, list[Fact]]]:
    """(fact label, that fact for each chosen therapy) for every fact: the rows of the chosen table."""
    columns = [facts_of(modality) for modality in chosen]
    return [(label, [facts[row] for facts in columns]) for row, (label, _name) in enumerate(FACTS)]


class ChooseTherapiesForm(forms.Form):
    """Which therapies to compare side by side; an empty choice shows them all."""

    show = forms.MultipleChoiceField(
        label=_("Pick two or three therapies to see side by side"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, data, modalities):
        super().__init__(data)
        self.modalities = list(modalities)
        self.fields["show"].choices = [(m.slug, m.title) for m in self.modalities]

    def clean_show(self):
        chosen = self.cleaned_data["show"]
        if chosen and not MIN_CHOSEN <= len(chosen) <= MAX_CHOSEN:
            raise forms.ValidationError(
                ngettext(
                    "You picked %(count)d therapy. Pick two or three to see them side by side.",
                    "You picked %(count)d therapies. Pick two or three to see them side by side.",
                    len(chosen),
                )
                % {"count": len(chosen)}
            )
        return chosen

    def chosen(self) -> list:
        """The chosen therapies in the site's usual order, or [] when the choice is empty or invalid."""
        if not self.is_valid():
            return []
        slugs = set(self.cleaned_data["show"])
        return [m for m in self.modalities if m.slug in slugs]
