"""The therapy explainers, as structured fields (after NCTSN's fact sheets)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.models import Publishable
from search.fields import NAMES, SearchField

SLUGS = (
    "tf-cbt",
    "emdr",
    "cognitive-processing-therapy",
    "prolonged-exposure",
    "narrative-exposure-therapy",
    "somatic-experiencing",
    "group-therapy",
    "art-therapy",
    "music-therapy",
)


# The explainer's sections in reading order: (model field, heading readers and editors see, anchor).
# The page, its contents list, the content files' ## headings and the admin all read this one list.
SECTIONS = (
    ("what_it_is", "What it is", "what-it-is"),
    ("who_it_may_help", "Who it may help", "who-it-may-help"),
    ("what_a_session_is_like", "What a session is like", "what-a-session-is-like"),
    ("evidence", "How strong is the evidence", "evidence"),
    ("cautions", "Cautions and things to ask", "cautions"),
    ("finding_a_therapist", "Finding a trained therapist", "finding-a-therapist"),
    ("questions_to_ask", "Questions to ask a therapist", "questions-to-ask"),
)
# The same sections' headings in each language an explainer is written in, in SECTIONS order: a
# version's content file and its page use the headings of the version's own language.
SECTION_HEADINGS = {
    "en": tuple(heading for _field, heading, _anchor in SECTIONS),
    "es": (
        "Qué es",
        "A quién puede ayudar",
        "Cómo es una sesión",
        "Qué dicen los estudios",
        "Precauciones y qué preguntar",
        "Cómo encontrar a una persona con formación",
        "Preguntas para hacer a un terapeuta",
    ),
}


class EvidenceLevel(models.TextChoices):
    """The site's own evidence scale, explained on the "How we rate evidence" page."""

    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    EMERGING = "emerging", _("Emerging")
    LIMITED = "limited", _("Limited")


EVIDENCE_MEANING = {
    EvidenceLevel.STRONG: _("Recommended by major treatment guidelines."),
    EvidenceLevel.MODERATE: _("Conditionally recommended, or supported by several trials."),
    EvidenceLevel.EMERGING: _("A few promising trials, but not yet enough to be sure."),
    EvidenceLevel.LIMITED: _("Little research so far. It may still help alongside other care."),
}


def validate_references(value):
    """References are a list of {"title", "url"} with web links only."""
    if not isinstance(value, list):
        raise ValidationError(_("References must be a list."))
    for index, ref in enumerate(value, start=1):
        if not isinstance(ref, dict) or not ref.get("title") or not ref.get("url"):
            raise ValidationError(_("Reference %(index)s needs a title and a url.") % {"index": index})
        if not str(ref["url"]).startswith("https://"):
            raise ValidationError(
                _("Reference %(index)s: the link must start with https://.") % {"index": index}
            )


class Modality(Publishable):
    """One therapy explainer. Each Markdown section has a sanitised `_html` sibling."""

    markdown_fields = tuple(field for field, _heading, _anchor in SECTIONS)

    full_name = models.CharField(max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0, help_text=_("Order in lists."))

    # Short fields for the compare table.
    evidence_level = models.CharField(max_length=20, choices=EvidenceLevel.choices)
    evidence_basis = models.CharField(max_length=400, help_text=_("Which guidelines or studies say what."))
    format = models.CharField(max_length=200)
    typical_length = models.CharField(max_length=200)
    may_suit = models.CharField(max_length=400, help_text=_("Who it may suit, in one sentence."))
    session_involves = models.CharField(max_length=400, help_text=_("What a session involves."))

    # The explainer's sections, as Markdown.
    what_it_is = models.TextField()
    who_it_may_help = models.TextField()
    what_a_session_is_like = models.TextField()
    evidence = models.TextField(help_text=_("The evidence in plain words, naming the guidelines."))
    cautions = models.TextField(help_text=_("Cautions and things to ask."))
    finding_a_therapist = models.TextField(help_text=_("How to find a trained practitioner."))
    questions_to_ask = models.TextField()

    what_it_is_html = models.TextField(editable=False, default="")
    who_it_may_help_html = models.TextField(editable=False, default="")
    what_a_session_is_like_html = models.TextField(editable=False, default="")
    evidence_html = models.TextField(editable=False, default="")
    cautions_html = models.TextField(editable=False, default="")
    finding_a_therapist_html = models.TextField(editable=False, default="")
    questions_to_ask_html = models.TextField(editable=False, default="")

    references = models.JSONField(default=list, blank=True, validators=[validate_references])

    history = HistoricalRecords(excluded_fields=[f"{n}_html" for n in markdown_fields])

    # What site search indexes besides the title and summary (search/fields.py), in reading order:
    # the full name, the compare table's words, then each section's text.
    search_fields = (
        SearchField("full_name", part=NAMES),
        SearchField("may_suit"),
        SearchField("session_involves"),
        SearchField("format"),
        SearchField("typical_length"),
        *(SearchField(f"{name}_html", html=True) for name in markdown_fields),
    )

    url_name = "modalities:detail"

    class Meta(Publishable.Meta):
        ordering = ["position", "title"]
        verbose_name_plural = _("modalities")
        # Clinical reviewers hold it (editorial migration 0002); editors do not.
        permissions = [("publish_modality", "Can publish explainers and record their review")]

    @property
    def spelled_out_name(self) -> str:
        """The full name, where it tells a reader more than the title does (what "EMDR" stands for).

        Empty when the full name only repeats the title ("Music therapy") or adds to it ("Group
        therapy for trauma"): a subtitle that says the name again is noise on a card.
        """
        if self.full_name.casefold().startswith(self.title.casefold()):
            return ""
        return self.full_name

    @property
    def evidence_meaning(self) -> str:
        return EVIDENCE_MEANING.get(self.evidence_level, "")

    def sections(self):
        """(id, heading, html) for each section, in reading order; the page and its contents use it.
        The headings are in the version's own language; the ids are the same in every language."""
        headings = SECTION_HEADINGS.get(self.language, SECTION_HEADINGS["en"])
        return [
            (anchor, heading, getattr(self, f"{field}_html"))
            for (field, _english, anchor), heading in zip(SECTIONS, headings, strict=True)
        ]
