"""Fixtures for the decision aid: every therapy of the public contract, published."""

import pytest
from django.utils import timezone

from editorial.models import Status
from modalities.models import SLUGS, Modality
from tests.markers import mark_folder

# Every therapy the site has a URL for (modalities.models.SLUGS). Explainers arrive as content; any
# not written yet is stood in for by a minimal published record, so the aid is tested on all of them.
DESIGN_SLUGS = SLUGS
# Evidence levels for stand-ins, as the content guide rates them (APA 2017: CPT and PE strongly
# recommended, NET conditionally).
STAND_IN_EVIDENCE = {"cognitive-processing-therapy": "strong", "prolonged-exposure": "strong"}
FORBIDDEN_IN_DISCREET = ("trafficking", "traffick", "abuse", "exploitation", "exploit")


def publish_minimal_modality(slug, title, evidence_level="moderate", position=50):
    return Modality.objects.create(
        slug=slug,
        title=title,
        summary=f"{title} in one sentence.",
        status=Status.PUBLISHED,
        published_at=timezone.now(),
        evidence_level=evidence_level,
        evidence_basis="Which guidelines say what.",
        format="One-to-one",
        typical_length="About 12 weekly sessions",
        may_suit="People who want it.",
        session_involves="Talking with a therapist.",
        what_it_is="What it is.",
        who_it_may_help="Who it may help.",
        what_a_session_is_like="A session.",
        evidence="Evidence.",
        cautions="Cautions.",
        finding_a_therapist="Finding one.",
        questions_to_ask="Questions.",
        position=position,
    )


@pytest.fixture
def all_therapies(content):
    """The curated content plus a stand-in for any contract therapy not yet written as content."""
    for slug in DESIGN_SLUGS:
        if not Modality.objects.filter(language="en", slug=slug).exists():
            title = slug.replace("-", " ").capitalize()
            publish_minimal_modality(slug, title, evidence_level=STAND_IN_EVIDENCE.get(slug, "moderate"))
    return list(Modality.objects.published().filter(language="en"))


def pytest_collection_modifyitems(items):
    """What a page says and sends reads the same rows on any database: `make test-postgres` leaves
    this folder's tests out (see the same_on_any_database marker)."""
    mark_folder(items, __file__, pytest.mark.same_on_any_database)
