"""From what a reader typed to what is searched: cleaning, words, the synonym map, snippets."""

import re

import pytest
import yaml

from modalities.models import SLUGS
from search.plan import plan_query
from search.results import Snippet
from search.synonyms import SYNONYMS_FILE, parse_synonyms, synonym_map
from search.text import MAX_QUERY_CHARS, clean_query, content_words, words
from tests.conftest import ROOT


def vocabulary() -> set[str]:
    """The needs-and-symptoms vocabulary as content/README.md lists it."""
    readme = (ROOT / "content" / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Needs and symptoms vocabulary")[1].split("##")[0]
    listing = section.split("\n\n")[2]
    return {term.strip() for term in listing.replace("\n", " ").split("·")}


def test_clean_query_trims_long_input_at_a_word():
    cleaned = clean_query("nightmares " * 600)
    assert len(cleaned) <= MAX_QUERY_CHARS
    assert cleaned.split() == ["nightmares"] * len(cleaned.split())


def test_clean_query_removes_control_and_invisible_characters():
    assert clean_query("night\x00mares\x07 \u202e\u200bflash\tbacks\n") == "night mares flash backs"
    assert clean_query(None) == ""
    assert clean_query(" \t\r\n ") == ""


def test_clean_query_keeps_letters_of_every_script_and_emoji():
    assert clean_query("  pesadillas   悪夢 😱 ") == "pesadillas 悪夢 😱"


def test_words_and_content_words():
    assert words("Can't SLEEP, self-worth!") == ["cant", "sleep", "self", "worth"]
    tokens = words("I keep having nightmares about what happened to me")
    assert content_words(tokens) == ["nightmares", "happened"]


@pytest.mark.parametrize(
    ("typed", "needs"),
    [
        ("bad dreams", {"nightmares"}),
        ("I have bad dream every night", {"nightmares"}),
        ("can't sleep", {"trouble sleeping"}),
        ("cant sleep", {"trouble sleeping"}),
        ("I'm so jumpy", {"always on edge"}),
        ("on edge", {"always on edge"}),
        ("I blame myself", {"guilt", "shame"}),
        ("lonely", {"feeling alone", "connection with others"}),
        ("isolated", {"feeling alone", "connection with others"}),
        ("no words for it", {"hard to talk about it"}),
        ("can't talk about it", {"hard to talk about it"}),
        ("Flash backs", {"flashbacks"}),
        ("nightmares", {"nightmares"}),
    ],
)
def test_synonyms_map_everyday_words_to_the_vocabulary(typed, needs):
    assert needs <= set(plan_query(clean_query(typed)).needs)


@pytest.mark.parametrize(
    ("typed", "therapy"),
    [
        ("painting", "art-therapy"),
        ("drumming", "music-therapy"),
        ("support group", "group-therapy"),
        ("cbt", "tf-cbt"),
        ("eye movements", "emdr"),
        ("somatic", "somatic-experiencing"),
    ],
)
def test_synonyms_point_at_therapies(typed, therapy):
    assert therapy in plan_query(typed).therapies


def test_unrelated_words_expand_to_nothing():
    plan = plan_query("weather forecast tomorrow")
    assert plan.needs == () and plan.therapies == ()


def test_synonym_file_uses_only_the_site_vocabulary():
    data = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    assert set(data["needs"]) <= vocabulary(), "every key must be a tag exactly as content/README.md lists it"
    assert set(data["therapies"]) <= set(SLUGS)
    assert synonym_map().phrases


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"needs": ["x"]},
        {"needs": {"fear": "scared"}},
        {"needs": {"fear": ["", "scared"]}},
        {"therapies": {1: []}},
    ],
)
def test_malformed_synonym_file_names_the_problem(data):
    with pytest.raises(ValueError, match=r"synonym file|needs|therapies"):
        parse_synonyms(data)


def test_plan_of_symbols_is_empty():
    for typed in ("*", "AND OR (", "?!", "😱", '"', "the of and"):
        assert plan_query(clean_query(typed)).is_empty


def test_snippet_html_escapes_everything_but_the_marks():
    snippet = Snippet((("<script>alert(1)</script> & ", False), ("<b>nightmares</b>", True), (" end", False)))
    html = str(snippet.html)
    assert html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>&lt;b&gt;nightmares&lt;/b&gt;</mark> end"
    )
    assert snippet.text == "<script>alert(1)</script> & <b>nightmares</b> end"
    assert re.findall(r"<(\w+)", html) == ["mark"]
