"""Crisis lines follow the page's language: a Spanish page lists lines that answer in Spanish."""

from bs4 import BeautifulSoup
from django.test import override_settings
from django.utils import translation

from pages.context_processors import crisis_lines, emergency_numbers
from search import crisis_help


def help_box(client, path):
    return BeautifulSoup(client.get(path).content, "html.parser").select_one("#help-box")


def test_the_spanish_help_box_lists_the_lines_that_answer_in_spanish(client, content):
    box = help_box(client, "/es/")
    hrefs = {a["href"] for a in box.find_all("a")}
    assert {"tel:18883737888", "sms:233733", "tel:988", "sms:988", "tel:08000121700"} <= hrefs
    text = box.get_text(" ", strip=True)
    assert "AYUDA" in text and "988lineadevida.org" in text
    assert "Call or text, 24/7." not in text  # the English note


def test_the_english_help_box_keeps_the_english_lines(client, content):
    text = help_box(client, "/").get_text(" ", strip=True)
    assert "Call or text, 24/7." in text
    assert "AYUDA" not in text


def test_every_spanish_line_has_a_spanish_note_and_a_number():
    for line in crisis_lines("es"):
        assert line["note"] and line["name"], line
        assert line["call_href"] or line["text_href"], line
    notes = " ".join(line["note"] for line in crisis_lines("es"))
    assert "24 horas" in notes


@override_settings(CRISIS_LINES_BY_LANGUAGE={})
def test_a_language_without_its_own_lines_falls_back_to_the_default_ones(client, content):
    assert "Call or text, 24/7." in help_box(client, "/es/").get_text(" ", strip=True)


@override_settings(CRISIS_LINES_BY_LANGUAGE={"es": [{"name": "Línea de ejemplo", "call": "+1 555 0100"}]})
def test_the_lines_follow_the_active_language_unless_one_is_named():
    assert [line["name"] for line in crisis_lines("es")] == ["Línea de ejemplo"]
    with translation.override("es"):
        assert [line["name"] for line in crisis_lines()] == ["Línea de ejemplo"]
        assert "Línea de ejemplo" not in [line["name"] for line in crisis_lines("en")]


def test_the_search_crisis_panel_uses_the_lines_of_the_page_s_language(monkeypatch):
    # Which words count as a crisis is search's business; here only the lines it then shows.
    monkeypatch.setattr(crisis_help.crisis, "recognise", lambda text: ("suicide",))
    with translation.override("es"):
        spanish = crisis_help.help_for("anything")
    english = crisis_help.help_for("anything")
    assert any("AYUDA" in line["note"] for line in spanish.lines)
    assert not any("AYUDA" in line["note"] for line in english.lines)


def test_spanish_pages_name_the_emergency_numbers_in_spanish(client, content):
    english = BeautifulSoup(client.get("/").content, "html.parser").select_one("#help-box").get_text(" ")
    spanish = BeautifulSoup(client.get("/es/").content, "html.parser").select_one("#help-box").get_text(" ")
    assert "(UK)" in english and "(Reino Unido)" not in english
    assert "(Reino Unido)" in spanish and "(EE. UU.)" in spanish and "(UK)" not in spanish
    with translation.override("es"):
        assert "Marca 55" in emergency_numbers()[1]["note"]
