"""A Spanish search by someone in danger opens with help, as the English one does: the panel first in
<main> at /es/search/, `crisis` in /es/api/search/, the lines that answer in Spanish, and the Spanish
help page first among the results.

The phrasings live in tests/search/samples/crisis_queries.es.tsv (typos, texting spellings, missing
accents, sentences, every kind), with everyday Spanish searches that must not raise the alarm.
"""

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup
from django.utils import translation

from pages.context_processors import crisis_lines
from search import crisis, crisis_help, database, engine
from search.crisis import parse_crisis
from search.languages import data_file
from search.plan import plan_query
from tests.search.samples import read_tsv

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

PAGE = "/es/search/"
API = "/es/api/search/"
ROWS = read_tsv("crisis_queries.es.tsv")
CRISIS_ROWS = [(expect, query) for expect, query in ROWS if expect != "none"]
EVERYDAY_ROWS = [query for expect, query in ROWS if expect == "none"]


def test_the_spanish_samples_are_large_enough():
    assert len(CRISIS_ROWS) >= 40
    assert len(EVERYDAY_ROWS) >= 30
    assert set(crisis.KINDS) <= {expect for expect, _query in CRISIS_ROWS}


def _first_in_main(response):
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one("main")
    return next(child for child in main.children if getattr(child, "name", None)), main


def test_every_spanish_crisis_search_opens_with_help_in_the_page_and_the_api(client, indexed_content):
    missed = []
    for expect, query in CRISIS_ROWS:
        first, main = _first_in_main(client.get(PAGE, {"q": query}))
        data = client.get(API, {"q": query}).json()
        help_first = first.name == "section" and first.get("id") == "crisis-help"
        listed = bool(main.select("ol.search-results > li"))
        kind = (data["crisis"] or {}).get("kind")
        if not (help_first and listed and kind and expect in ("crisis", kind)):
            missed.append((query, help_first, listed, kind))
        if data["crisis"]:
            assert data["crisis"]["message"] and data["crisis"]["lines"]
            assert all(set(line) == {"name", "call", "text", "note"} for line in data["crisis"]["lines"])
    # Each miss: (query, help first in <main>, results listed, kind in the API).
    assert not missed, f"{len(missed)} of {len(CRISIS_ROWS)} missed: {missed}"


def test_no_everyday_spanish_search_raises_the_alarm(client, indexed_content):
    alarmed = []
    for query in EVERYDAY_ROWS:
        page = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
        if page.select("#crisis-help") or client.get(API, {"q": query}).json()["crisis"] is not None:
            alarmed.append(query)
    assert not alarmed, f"{len(alarmed)} of {len(EVERYDAY_ROWS)} raised the alarm: {alarmed}"


def _panel_links(client, query):
    soup = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
    panel = soup.select_one("#crisis-help")
    return [a["href"] for a in panel.select("a[href^='tel:'], a[href^='sms:']")], panel.get_text(" ")


def test_the_spanish_panel_lists_the_lines_that_answer_in_spanish(client, indexed_content):
    suicide, text = _panel_links(client, "me quiero morir")
    assert {"tel:988", "sms:988"} <= set(suicide)
    assert "AYUDA" in text and "988lineadevida.org" in text, "the Spanish note of the 988 line"
    assert "tel:116123" not in suicide, "a line that answers only in English is not listed"

    danger, text = _panel_links(client, "me quitaron el pasaporte")
    assert danger[:2] == ["tel:911", "tel:999"], "in danger now, the emergency number comes first"
    assert {"tel:18883737888", "sms:233733", "tel:08000121700"} <= set(danger)
    assert "Por texto y chat, en español" in text
    assert "Marca 55" in text and "Press 55" not in text, "the emergency numbers' notes are Spanish too"


def test_the_spanish_help_for_a_child_at_risk_lists_a_child_abuse_line(client, indexed_content):
    """As the English help does: the emergency number, the trafficking lines, then Childhelp, whose
    interpreters answer in Spanish; the note says so in Spanish."""
    child, text = _panel_links(client, "mi hijo está en peligro")
    assert child[:2] == ["tel:911", "tel:999"], "a child in danger: the emergency number comes first"
    assert {"tel:18883737888", "tel:08000121700"} <= set(child)
    assert {"tel:18004224453", "sms:18004224453"} <= set(child), "Childhelp, by call and by text"
    assert "Childhelp" in text and "intérpretes" in text
    assert "worried about a child" not in text, "the English note"
    suicide, _text = _panel_links(client, "me quiero morir")
    assert "tel:18004224453" not in suicide, "only for a child at risk"
    box = BeautifulSoup(client.get("/es/").content, "html.parser").select_one("#help-box")
    assert "Childhelp" not in box.get_text(), "kept out of the help box, as in English"


def test_the_help_of_a_spanish_search_is_the_spanish_one_wherever_it_is_asked_for():
    """The language named, not the active one: the lines, the emergency numbers and the content."""
    help_ = crisis_help.help_for("me quitaron el pasaporte", "es")
    assert any("español" in line["note"] for line in help_.lines)
    assert any("Marca 55" in number.get("note", "") for number in help_.emergency)
    assert help_.lead == ("article:getting-help-now", "page:safety")


def test_the_api_gives_the_spanish_lines_and_the_message_in_the_reader_s_language(client, indexed_content):
    data = client.get(API, {"q": "quiero morir"}).json()["crisis"]
    assert data["kind"] == "suicide"
    with translation.override("es"):
        assert data["message"] == str(crisis_help.MESSAGES["suicide"])
        spanish_notes = {line["note"] for line in crisis_lines("es")}
    assert {line["note"] for line in data["lines"]} & spanish_notes
    english = client.get("/api/search/", {"q": "i want to die"}).json()["crisis"]
    assert not {line["note"] for line in english["lines"]} & spanish_notes
    assert data["message"] != english["message"], "the Spanish catalogue words the help in Spanish"


@pytest.fixture
def spanish_textstat():
    """textstat's Spanish syllables and formulas, for this test only (the setting is process-wide)."""
    textstat.set_lang("es")
    yield textstat
    textstat.set_lang("en_US")


def test_the_spanish_help_reads_easily(client, indexed_content, spanish_textstat):
    """Calm, short words: the help may be read in a panic. Szigriszt-Pazos (INFLESZ) 65 and above is
    "bastante fácil", the level the Spanish pages are written at."""
    for query in ("quiero morir", "cortarme", "me quitaron el pasaporte", "mi hijo está en peligro"):
        page = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
        panel = page.select_one("#crisis-help")
        assert panel.find_parent(lang=True)["lang"] == "es"
        for paragraph in panel.select("p:not(.note)"):
            text = paragraph.get_text(" ", strip=True)
            assert spanish_textstat.szigriszt_pazos(text) >= 65, (query, text)


def test_spanish_results_lead_with_the_spanish_help(indexed_content):
    assert engine.search("quiero morir", language="es").results[0].url == "/es/articles/getting-help-now/"
    danger = [r.url for r in engine.search("me quitaron el pasaporte", language="es").results[:2]]
    assert danger == ["/es/articles/getting-help-now/", "/es/safety/"]
    child = engine.search("mi hijo está en peligro", language="es").results[0].url
    assert child == "/es/articles/getting-help-now/"


def test_the_spanish_panel_never_repeats_the_query(client, indexed_content):
    query = "mi jefe zqxwv me quitó el pasaporte"
    soup = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
    assert "zqxwv" not in str(soup.select_one("#crisis-help"))
    assert "zqxwv" not in client.get(API, {"q": query}).json()["crisis"]["message"]


def test_no_did_you_mean_rewrites_the_words_of_someone_in_danger(indexed_content):
    assert engine.search("kiero morir", language="es").suggestion == ""


def test_the_database_search_also_leads_with_the_spanish_help(content):
    """While the index is rebuilt the database answers; its results begin with the same content."""
    help_ = crisis_help.help_for("me quiero matar", "es")
    outcome = database.search(plan_query("me quiero matar", "es"), lead=help_.lead)
    assert outcome.results[0].url == "/es/articles/getting-help-now/"


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("kiero morir", "suicide"),  # k for "qu", as many people text
        ("q ya no kiero vivir", "suicide"),
        ("ME QUIERO MORIR YA", "suicide"),
        ("pienso en matarme", "suicide"),
        ("me voy a matar esta noche", "suicide"),
        ("cortandome", "self-harm"),
        ("me quitaron mi pasaporte y mis papeles", "danger-now"),
        ("no me dejan salr", "danger-now"),  # a letter left out
    ],
)
def test_spanish_word_forms_and_texting_spellings_are_recognised(typed, kind):
    assert crisis.recognise(typed, "es")[:1] == (kind,)


def test_each_language_reads_its_own_phrases():
    assert crisis.recognise("i want to die") == ("suicide",)
    assert crisis.recognise("solo me siento triste", "es") == ()
    assert crisis.recognise("pesadillas", "es") == ()


def test_the_spanish_crisis_file_has_the_english_file_s_format_and_kinds():
    english = parse_crisis(yaml.safe_load(data_file("crisis", "en").read_text(encoding="utf-8")))
    spanish = parse_crisis(yaml.safe_load(data_file("crisis", "es").read_text(encoding="utf-8")))
    assert spanish.kinds == english.kinds
    assert all(spanish.lead[kind] for kind in spanish.kinds), "every kind begins with some content"
