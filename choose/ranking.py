"""Order every published therapy by how well it fits the answers, with the reasons both ways.

A therapy's fit is the sum of its links' weights: a "fits" link adds, a "may be harder" link takes
away. Ties keep the order of the site's evidence scale (strong first), then the site's own order,
so with no answers at all the list reads like the compare page. A published therapy that the
reasoning file does not cover yet is never hidden: it comes last, marked as having no reasons.
"""

from dataclasses import dataclass, field

from choose.questions import BY_NAME
from choose.reasoning import FITS, Link, Reasoning, reasoning
from modalities.models import EvidenceLevel

EVIDENCE_ORDER = {level.value: rank for rank, level in enumerate(EvidenceLevel)}


@dataclass(frozen=True)
class Reason:
    """One link, switched on by an answer, in the words a reader sees."""

    you_said: str  # the answer quoted back: "you would like to go a little at a time"
    answer_label: str  # the answer as it was offered: "A little at a time"
    fact: str
    source_title: str
    source_url: str
    link: Link


@dataclass
class Fit:
    modality: object  # modalities.models.Modality
    has_reasons: bool
    fits: list[Reason] = field(default_factory=list)
    harder: list[Reason] = field(default_factory=list)

    @property
    def score(self) -> int:
        return sum(reason.link.signed_weight for reason in self.fits + self.harder)

    @property
    def slug(self) -> str:
        return self.modality.slug


def _reason(link: Link) -> Reason:
    option = BY_NAME[link.question].option(link.answer)
    return Reason(
        you_said=str(option.you_said),
        answer_label=str(option.label),
        fact=link.fact,
        source_title=link.source.title,
        source_url=link.source.url,
        link=link,
    )


def fit_for(modality, answers: dict[str, str], data: Reasoning) -> Fit:
    links = data.links_for(modality.slug, answers)
    return Fit(
        modality=modality,
        has_reasons=modality.slug in data.therapies,
        fits=[_reason(link) for link in links if link.effect == FITS],
        harder=[_reason(link) for link in links if link.effect != FITS],
    )


def rank(modalities, answers: dict[str, str], data: Reasoning | None = None) -> list[Fit]:
    """Every modality given, best fit first; none is ever left out."""
    data = data or reasoning()
    fits = [fit_for(modality, answers, data) for modality in modalities]
    order = {id(fit): index for index, fit in enumerate(fits)}
    return sorted(
        fits,
        key=lambda fit: (
            not fit.has_reasons,
            -fit.score,
            EVIDENCE_ORDER.get(fit.modality.evidence_level, len(EVIDENCE_ORDER)),
            order[id(fit)],
        ),
    )
