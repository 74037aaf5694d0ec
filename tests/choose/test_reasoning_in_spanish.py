"""The decision aid in Spanish: its reasons come from content/es/choose/reasons.yaml, the same links
as the English file with the facts in Spanish, and the therapies it ranks are the Spanish versions."""

import re

import textstat
from bs4 import BeautifulSoup
from django.utils import translation

from choose.reasoning import REASONS_FILE, load_reasoning, reasoning, reasons_file
from modalities.models import Modality
from tests.conftest import ROOT

AID = "/choose/"
SPANISH_REASONS = ROOT / "content" / "es" / "choose" / "reasons.yaml"
MIN_INFLESZ = 65  # as for the Spanish pages (tests/content/test_spanish_content.py)


def shape(link):
    """Everything a link says except its fact, which is the only part a translation changes."""
    return (
        link.therapy,
        link.question,
        link.answer,
        link.effect,
        link.weight,
        link.source.key,
        link.source.url,
    )


def test_spanish_readers_get_the_spanish_file_and_others_the_english_one():
    assert reasons_file("es") == SPANISH_REASONS
    assert reasons_file("en") == REASONS_FILE
    assert reasons_file("fr") == REASONS_FILE  # no French file: the English reasons
    with translation.override("es"):
        assert reasoning() == load_reasoning(SPANISH_REASONS)
    with translation.override("en"):
        assert reasoning() == load_reasoning(REASONS_FILE)


def test_the_spanish_file_has_the_english_links_with_every_fact_in_spanish():
    english, spanish = load_reasoning(REASONS_FILE), load_reasoning(SPANISH_REASONS)
    assert [shape(link) for link in spanish.links] == [shape(link) for link in english.links]
    assert all(es.fact != en.fact for es, en in zip(spanish.links, english.links, strict=True))


def test_the_spanish_facts_read_easily_and_never_tell_the_reader_what_to_do():
    facts = [link.fact for link in load_reasoning(SPANISH_REASONS).links]
    textstat.set_lang("es")
    try:
        assert textstat.szigriszt_pazos(" ".join(facts)) >= MIN_INFLESZ
    finally:
        textstat.set_lang("en_US")
    assert [fact for fact in facts if re.search(r"\b(debes|deberías|tienes que)\b", fact, re.I)] == []


def test_the_aid_in_spanish_ranks_the_spanish_versions_with_the_spanish_reasons(client, content):
    spanish_fact = next(
        link.fact for link in load_reasoning(SPANISH_REASONS).links if link.therapy == "tf-cbt"
    )
    response = client.post(f"/es{AID}", {"age": "child", "show": "results"})
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [h2.get_text(" ", strip=True) for h2 in soup.select("li.fit h2")]
    spanish_titles = set(Modality.objects.filter(language="es").values_list("title", flat=True))
    assert len(titles) == Modality.objects.filter(language="en").count()
    assert set(titles) == spanish_titles
    assert spanish_fact in soup.get_text(" ")
    assert not soup.select(".untranslated-mark")


def test_the_aid_in_english_keeps_the_english_reasons(client, content):
    english_fact = next(link.fact for link in load_reasoning(REASONS_FILE).links if link.therapy == "tf-cbt")
    response = client.post(AID, {"age": "child", "show": "results"})
    text = BeautifulSoup(response.content, "html.parser").get_text(" ")
    assert english_fact in text
    assert "Desensibilización" not in text


def test_a_therapy_without_a_spanish_version_is_ranked_in_english_and_said_so(client, content):
    Modality.objects.filter(language="es", slug="music-therapy").update(status="draft")
    english_title = Modality.objects.get(language="en", slug="music-therapy").title
    soup = BeautifulSoup(client.post(f"/es{AID}", {"show": "results"}).content, "html.parser")
    heading = soup.find(id="fit-music-therapy")
    assert heading.find(attrs={"lang": "en"}).get_text() == english_title
    assert heading.select(".untranslated-mark")
    assert len(soup.select("li.fit")) == Modality.objects.filter(language="en").count()


def test_the_discreet_print_leaves_out_what_names_the_topic_in_spanish_too():
    from choose.discreet import discreet_or_empty

    revealing_texts = (
        "Para personas que sufrieron explotación laboral.",
        "Hecha para víctimas de trata de personas.",
        "Si fuiste explotada en una casa.",
        "Después de un abuso.",
    )
    for revealing in revealing_texts:
        assert discreet_or_empty(revealing) == "", revealing
    assert discreet_or_empty("Se trata de hablar poco a poco.") == "Se trata de hablar poco a poco."
    assert discreet_or_empty("Trafficked and exploited.") == ""
