"""Plain words everywhere a reader looks: every summary and every compare-table cell reads at the
site's grade, the compare table and the top of an explainer carry no citations or guideline acronyms,
and every page is written in one variety of English (British, like the site's own pages)."""

import re

import pytest
import textstat
from bs4 import BeautifulSoup

from articles.models import Article
from modalities.models import Modality
from tests.content.test_curated_content import MAX_READING_GRADE, article_text, explainer_text, plain_text

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

# Guideline and clearinghouse names, and the research words the compare table used to lean on. They
# belong in an explainer's evidence section and its references, not in a cell or a page's opening.
CITATION_WORDS = re.compile(
    r"\b(NICE|WHO|APA|ISTSS|VA/DoD|CEBC|NG116|Title IV-E|Clearinghouse|meta-analys\w*|randomi[sz]ed|"
    r"waitlist|et al)\b|\b(19|20)\d\d\b"
)

# American spellings the site must not mix with its British ones. Proper names keep their owners'
# spelling (the World Health Organization, the US Department of Defense), so they are removed first.
AMERICAN_SPELLINGS = re.compile(
    r"\b(behavior\w*|color\w*|favor\w*|honor\w*|labor|labors|neighbor\w*|center|centers|centered|"
    r"counselor\w*|counseling|license|licenses|moms?|pediatric\w*|programs?|gray|fulfill|enroll|"
    r"\w+lyz(?:e|es|ed|ing)|\w+iz(?:e|es|ed|ing|ation|ations))\b",
    re.IGNORECASE,
)
NOT_AMERICAN = {"size", "sizes", "sized", "seize", "seized", "prize", "prizes"}
PROPER_NAMES = ("World Health Organization", "Department of Defense")


def reader_texts():
    """(where, text) for everything a reader can meet on a modality or article page."""
    for modality in Modality.objects.filter(language="en"):
        fields = ("title", "full_name", "summary", "evidence_basis", "format", "typical_length", "may_suit",
                  "session_involves")  # fmt: skip
        for field in fields:
            yield f"{modality.slug}.{field}", getattr(modality, field)
        yield f"{modality.slug} page", explainer_text(modality)
    for article in Article.objects.filter(language="en"):
        for field in ("title", "summary", "content_note"):
            yield f"{article.slug}.{field}", getattr(article, field)
        yield f"{article.slug} page", article_text(article)


def compare_cells(client):
    soup = BeautifulSoup(client.get("/modalities/compare/").content, "html.parser")
    cells = [(td["data-label"], " ".join(td.get_text(" ").split())) for td in soup.select("table.compare td")]
    assert cells, "the compare table has no cells"
    return cells


def grade(text: str) -> float:
    # A cell or summary is often one short phrase with no full stop; read it as one sentence.
    return textstat.flesch_kincaid_grade(plain_text(f"<p>{text}</p>"))


def test_every_summary_reads_at_grade_eight_or_lower(content):
    summaries = [(m.slug, m.summary) for m in Modality.objects.filter(language="en")]
    summaries += [(a.slug, a.summary) for a in Article.objects.filter(language="en")]
    too_hard = {slug: grade(text) for slug, text in summaries if grade(text) > MAX_READING_GRADE}
    assert not too_hard


def test_every_compare_cell_reads_at_grade_eight_or_lower(client, content):
    too_hard = [(label, text, grade(text)) for label, text in compare_cells(client)]
    too_hard = [cell for cell in too_hard if cell[2] > MAX_READING_GRADE]
    assert not too_hard


def test_compare_cells_leave_citations_to_the_explainers(client, content):
    cited = [(label, text) for label, text in compare_cells(client) if CITATION_WORDS.search(text)]
    assert not cited


@pytest.mark.parametrize("field", ["summary", "evidence_basis", "what_it_is"])
def test_explainers_open_in_plain_words_without_guideline_acronyms(content, field):
    for modality in Modality.objects.filter(language="en"):
        text = getattr(modality, field)
        assert not CITATION_WORDS.search(text), f"{modality.slug}.{field}: {CITATION_WORDS.search(text)[0]}"


def test_evidence_sections_still_name_their_guidelines_or_studies(content):
    for modality in Modality.objects.filter(language="en"):
        assert CITATION_WORDS.search(modality.evidence), modality.slug


def test_one_variety_of_english_throughout(content):
    found = []
    for where, text in reader_texts():
        for name in PROPER_NAMES:
            text = text.replace(name, "")
        words = {m.group(0) for m in AMERICAN_SPELLINGS.finditer(text)}
        found += [(where, word) for word in sorted(words) if word.lower() not in NOT_AMERICAN]
    assert not found


def test_the_spelling_check_catches_american_spellings():
    sample = "A licensed counselor used cognitive behavioral therapy to help you recognize the color."
    caught = {m.group(0).lower() for m in AMERICAN_SPELLINGS.finditer(sample)}
    assert caught == {"counselor", "behavioral", "recognize", "color"}
