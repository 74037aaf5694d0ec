"""The curated content meets the content guide: complete, plain, cited and honest about evidence."""

import re
from urllib.parse import urlsplit

import pytest
import textstat
from bs4 import BeautifulSoup
from taggit.models import Tag

from articles.models import Article
from modalities.models import SLUGS, EvidenceLevel, Modality
from tests.conftest import ROOT

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

MAX_READING_GRADE = 8.5
MIN_EXPLAINER_WORDS = 600
MIN_REFERENCES = 3
MIN_ARTICLES = 10
MIN_NEEDS = 25
REFERENCE_HOSTS = {
    "doi.org", "pubmed.ncbi.nlm.nih.gov", "www.nice.org.uk", "www.who.int", "www.apa.org",
    "istss.org", "www.healthquality.va.gov", "preventionservices.acf.hhs.gov", "www.cebc4cw.org",
    "www.ukpts.co.uk",
}  # fmt: skip
# Evidence must not be inflated: these have only a few trials or little research.
HONEST_EVIDENCE = {
    "somatic-experiencing": {EvidenceLevel.EMERGING},
    "art-therapy": {EvidenceLevel.LIMITED, EvidenceLevel.EMERGING},
    "music-therapy": {EvidenceLevel.LIMITED, EvidenceLevel.EMERGING},
    # Guidelines disagree (one recommends it, one conditionally, one not at all): not Strong.
    "narrative-exposure-therapy": {EvidenceLevel.MODERATE},
}
CAUTION_WORDS = ("promis", "careful", "wary", "no one can")
PROMISES = re.compile(r"\b(cures?|cured|guarantee[sd]?|will fix)\b", re.IGNORECASE)


def vocabulary():
    """The tag vocabulary written down for editors in content/README.md."""
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Needs and symptoms vocabulary (tags)")[1].split("##")[0]
    words = block.split("\n\n", 2)[2]
    return {w.strip() for w in words.replace("\n", " ").split("·") if w.strip()}


def plain_text(html: str) -> str:
    """Readable text of rendered HTML, one sentence per block (as a reader meets it)."""
    soup = BeautifulSoup(html, "html.parser")
    parts = []
    for element in soup.find_all(["p", "li", "h2", "h3", "h4", "td", "th"]):
        if element.find(["p", "li"]):
            continue
        text = " ".join(element.get_text(" ").split())
        if text and text[-1] not in ".!?:":
            text += "."
        if text:
            parts.append(text)
    return " ".join(parts)


def explainer_text(modality: Modality) -> str:
    return " ".join(plain_text(html) for _, _, html in modality.sections())


def article_text(article: Article) -> str:
    # The list of sources is citations, not prose for the reader.
    return plain_text(article.body_html.split('id="sources"')[0])


def test_every_explainer_exists_and_is_published(content):
    assert sorted(
        Modality.objects.published().filter(language="en").values_list("slug", flat=True)
    ) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_is_complete_long_enough_and_cited(content, slug):
    modality = Modality.objects.get(language="en", slug=slug)
    for field in (
        "summary", "evidence_basis", "format", "typical_length", "may_suit", "session_involves",
        *Modality.markdown_fields,
    ):  # fmt: skip
        assert getattr(modality, field).strip(), f"{slug}: {field} is empty"
    assert modality.last_reviewed and modality.next_review_due > modality.last_reviewed
    assert len(explainer_text(modality).split()) >= MIN_EXPLAINER_WORDS
    assert len(modality.references) >= MIN_REFERENCES
    for ref in modality.references:
        assert urlsplit(ref["url"]).hostname in REFERENCE_HOSTS, ref
    assert modality.tags.count() >= 5


@pytest.mark.parametrize("slug", SLUGS)
def test_explainer_reads_at_grade_eight_or_lower(content, slug):
    grade = textstat.flesch_kincaid_grade(explainer_text(Modality.objects.get(language="en", slug=slug)))
    assert grade <= MAX_READING_GRADE, f"{slug} reads at grade {grade}"


def test_every_article_reads_at_grade_eight_or_lower(content):
    grades = {
        a.slug: textstat.flesch_kincaid_grade(article_text(a)) for a in Article.objects.filter(language="en")
    }
    too_hard = {slug: grade for slug, grade in grades.items() if grade > MAX_READING_GRADE}
    assert not too_hard


@pytest.mark.parametrize("slug, levels", HONEST_EVIDENCE.items())
def test_thin_evidence_is_not_inflated(content, slug, levels):
    assert Modality.objects.get(language="en", slug=slug).evidence_level in levels


def test_no_page_promises_a_cure(content):
    texts = [explainer_text(m) for m in Modality.objects.filter(language="en")]
    texts += [article_text(a) for a in Article.objects.filter(language="en")]
    for text in texts:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            # A warning about people who promise cures is the opposite of a promise.
            if any(word in sentence.lower() for word in CAUTION_WORDS):
                continue
            assert not PROMISES.search(sentence), sentence


def test_at_least_ten_articles_tagged_and_linked(content):
    articles = Article.objects.published().filter(language="en")
    assert articles.count() >= MIN_ARTICLES
    for article in articles:
        assert article.tags.count() >= 2, article.slug
    linked = articles.filter(modalities__isnull=False).distinct().count()
    assert linked >= MIN_ARTICLES - 1


def test_needs_vocabulary_is_everyday_words_and_used(content):
    words = vocabulary()
    assert len(words) >= MIN_NEEDS
    used = set(Tag.objects.values_list("name", flat=True))
    assert used <= words, used - words
    assert len(used) >= MIN_NEEDS


def test_every_reading_page_says_not_medical_advice_exactly_once(client, content):
    urls = ["/", "/modalities/compare/", "/safety/"]
    urls += [m.get_absolute_url() for m in Modality.objects.filter(language="en")]
    urls += [a.get_absolute_url() for a in Article.objects.filter(language="en")]
    for url in urls:
        text = BeautifulSoup(client.get(url).content, "html.parser").get_text(" ").lower()
        assert text.count("not medical advice") == 1, url
