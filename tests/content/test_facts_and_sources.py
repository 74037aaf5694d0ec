"""What a fact-check found, kept fixed: the safety facts a survivor acts on, claims the sources do
support, complete references, content notes, and pages that speak to every survivor."""

import re

import pytest
from bs4 import BeautifulSoup

from articles.models import Article
from modalities.models import Modality
from tests.content.test_curated_content import article_text, explainer_text
from tests.content.test_plain_words import reader_texts

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

# A journal reference names its volume and pages (or article number): "43(4):393-402", "31:e3041".
VOLUME_AND_PAGES = re.compile(r"\b\d+(\(\d+\))?:\s?e?\d+")


def modality(slug):
    return Modality.objects.get(language="en", slug=slug)


def article(slug):
    return Article.objects.get(language="en", slug=slug)


def everything(content_text_pairs):
    return " ".join(text for _, text in content_text_pairs)


# --- Getting help now -------------------------------------------------------------------------------


def test_silent_999_call_explains_pressing_55(content):
    text = article_text(article("getting-help-now"))
    assert "55" in text
    assert re.search(r"silent", text, re.IGNORECASE)
    assert re.search(r"cough|tap", text)


def test_texting_911_is_only_offered_where_it_works(content):
    text = article_text(article("getting-help-now"))
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if re.search(r"text 911|text to 911", sentence, re.IGNORECASE):
            assert re.search(r"only where|where it is available|not everywhere", sentence), sentence


def test_getting_help_now_lists_samaritans_and_shout(content):
    text = article_text(article("getting-help-now"))
    assert "116 123" in text and "85258" in text and "SHOUT" in text


def test_us_hotline_is_said_not_to_be_police_or_immigration(content):
    text = article_text(article("getting-help-now"))
    assert re.search(r"not (the )?police|not law enforcement", text)
    assert "immigration" in text
    assert re.search(r"English and Spanish", text)


# --- TF-CBT and children --------------------------------------------------------------------------


def test_no_page_says_tf_cbt_needs_a_safe_adult_to_take_part(client, content):
    pages = [m.get_absolute_url() for m in Modality.objects.filter(language="en")] + ["/modalities/compare/"]
    pages += [a.get_absolute_url() for a in Article.objects.filter(language="en")]
    for url in pages:
        text = " ".join(BeautifulSoup(client.get(url).content, "html.parser").get_text(" ").split())
        assert not re.search(r"have a safe adult who can take part", text, re.IGNORECASE), url


def test_tf_cbt_says_young_people_without_a_caregiver_can_have_it(content):
    tf_cbt = modality("tf-cbt")
    assert any("cebc4cw.org" in ref["url"] for ref in tf_cbt.references)
    no_carer = r"without a (parent|caregiver|carer)|no safe (parent|adult|carer)"
    assert re.search(no_carer, explainer_text(tf_cbt))


def test_tf_cbt_rating_rests_on_child_sources(content):
    tf_cbt = modality("tf-cbt")
    hosts = " ".join(ref["url"] for ref in tf_cbt.references)
    for host in ("nice.org.uk", "who.int", "cebc4cw.org"):
        assert host in hosts, host
    assert re.search(r"children and young people", tf_cbt.evidence)


def test_mannarino_follow_up_is_not_called_a_trial_with_a_control(content):
    texts = [modality("tf-cbt").evidence, article("when-your-child-has-been-hurt").body]
    for text in texts:
        assert not re.search(r"later trial, with 158", text)
        assert re.search(r"no (comparison|control) group|did not compare", text)


def test_adult_complex_ptsd_guideline_is_not_cited_for_children(content):
    assert "Psychological Trauma Society" not in explainer_text(modality("tf-cbt"))
    assert "Psychological Trauma Society" not in article_text(article("when-your-child-has-been-hurt"))


# --- EMDR -----------------------------------------------------------------------------------------


def test_emdr_states_its_length_and_scope_from_the_guidelines(content):
    emdr = modality("emdr")
    text = explainer_text(emdr) + " " + emdr.typical_length
    assert "a few sessions" not in text
    assert "8 to 12" in text
    assert re.search(r"children", emdr.evidence)
    hosts = " ".join(ref["url"] for ref in emdr.references)
    for host in ("istss.org", "healthquality.va.gov", "cebc4cw.org"):
        assert host in hosts, host


def test_emdr_names_the_uk_association_as_it_is_now(content):
    assert "EMDR Association UK & Ireland" not in everything(reader_texts())
    assert "EMDR Association UK" in explainer_text(modality("emdr"))


# --- Somatic experiencing, group, art and music ------------------------------------------------------


def test_the_somatic_experiencing_trial_is_called_small(content):
    text = everything(reader_texts())
    assert "one large trial" not in text
    assert re.search(r"small (randomised )?trial", explainer_text(modality("somatic-experiencing")))


def test_group_therapy_is_not_oversold(content):
    group = modality("group-therapy")
    text = explainer_text(group)
    assert "much better than nothing" not in text
    assert "complex trauma" not in set(group.tags.names())
    assert re.search(r"less studied|less research|fewer studies", text)


@pytest.mark.parametrize("slug", ["art-therapy", "music-therapy"])
def test_creative_therapies_do_not_claim_no_shared_language(content, slug):
    text = explainer_text(modality(slug))
    assert "does not need a shared language" not in text
    assert "interpreter" in text


def test_maddox_is_described_as_visual_art_only(content):
    text = article_text(article("when-words-are-hard"))
    assert "21 trials of arts therapies" not in text
    assert re.search(r"visual art", text)


def test_interpreter_rights_are_not_overstated(content):
    text = article_text(article("finding-a-therapist-you-can-trust"))
    assert "You have the right to get help in a language" not in text
    assert re.search(r"free interpreter", text)


# --- References and sources --------------------------------------------------------------------------


JOURNAL_LINKS = ("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/")


def test_journal_references_name_volume_and_pages(content):
    incomplete = [
        (m.language, m.slug, ref["title"])
        for m in Modality.objects.all()
        for ref in m.references
        if ref["url"].startswith(JOURNAL_LINKS) and not VOLUME_AND_PAGES.search(ref["title"])
    ]
    assert not incomplete


def test_journal_sources_of_articles_name_volume_and_pages(content):
    incomplete = []
    for item in Article.objects.all():
        sources = BeautifulSoup(item.body_html.split('id="sources"', 1)[-1], "html.parser")
        for li in sources.find_all("li"):
            text = li.get_text(" ")
            if "Journal" in text and not VOLUME_AND_PAGES.search(text):
                incomplete.append((item.language, item.slug, text))
    assert not incomplete


def test_every_source_an_article_lists_has_a_link(content):
    for item in Article.objects.filter(language="en"):
        sources = item.body_html.split('id="sources"', 1)
        assert len(sources) == 2, f"{item.slug} has no Sources section"
        soup = BeautifulSoup(sources[1], "html.parser")
        for li in soup.find_all("li"):
            assert li.find("a", href=True), f"{item.slug}: {li.get_text(' ')}"


# --- Content notes --------------------------------------------------------------------------------

HEAVY_TOPICS = re.compile(r"\b(abuse\w*|abused|suicid\w*|self-harm\w*|ending your life)\b", re.I)


def test_articles_that_touch_abuse_suicide_or_self_harm_carry_a_content_note(content):
    heavy = [a for a in Article.objects.filter(language="en") if HEAVY_TOPICS.search(article_text(a))]
    missing = [a.slug for a in heavy if not a.content_note]
    assert not missing


def test_content_note_is_shown_on_the_page(client, content):
    noted = Article.objects.filter(language="en").exclude(content_note="").first()
    assert noted is not None
    page = BeautifulSoup(client.get(noted.get_absolute_url()).content, "html.parser")
    assert noted.content_note in " ".join(page.select_one(".content-note").get_text(" ").split())


# --- Whom it speaks to -----------------------------------------------------------------------------


def test_no_page_assumes_trafficking_means_sex_trafficking(content):
    text = everything(reader_texts())
    assert not re.search(r"(lived through|survived|survivors of) sex trafficking", text)


def test_every_form_of_trafficking_is_named(content):
    overview = article_text(article("therapy-and-healing"))
    for form in ("labour exploitation", "domestic servitude", "forced to commit crimes"):
        assert form in overview, form


def test_the_overview_names_every_survivor(content):
    overview = article_text(article("therapy-and-healing"))
    for group in ("men and boys", "LGBTQ+", "disab", "faith", "immigration", "on their own"):
        assert group.lower() in overview.lower(), group


def test_readme_describes_every_kind_of_trafficking():
    from tests.conftest import ROOT

    intro = (ROOT / "README.md").read_text(encoding="utf-8").split("##")[0]
    assert "sex trafficking" not in intro
    assert "labour exploitation" in intro and "domestic servitude" in intro


@pytest.mark.parametrize("query", ["labour trafficking", "I was forced to work"])
def test_searches_for_labour_trafficking_find_pages(client, content, query):
    from search import index

    index.rebuild()
    assert client.get("/api/search/", {"q": query}).json()["count"] > 0
