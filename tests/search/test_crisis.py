"""A search by someone in danger opens with help: the crisis panel first in <main>, and `crisis` in the API.

The phrasings live in tests/search/samples/crisis_queries.tsv (typos, sentences, every kind), plus the
shared eval sample when a ../shared folder sits beside the repository.
"""

import pytest
import textstat
import yaml
from bs4 import BeautifulSoup
from django.urls import reverse

from search import crisis, crisis_help, database, engine
from search.crisis import parse_crisis
from search.plan import plan_query
from tests.samples import tsv_rows
from tests.search.samples import read_tsv

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

PAGE = reverse("search:page")
API = reverse("search:api")


def _rows():
    # Ours, then the project's copy of the shared sample (and the shared one, beside the repo).
    return list(dict.fromkeys(read_tsv("crisis_queries.tsv") + tsv_rows("crisis_queries.tsv")))


ROWS = _rows()
CRISIS_ROWS = [(expect, query) for expect, query, *_ in ROWS if expect != "none"]
EVERYDAY_ROWS = [query for expect, query, *_ in ROWS if expect == "none"]


def test_the_samples_are_large_enough():
    own = read_tsv("crisis_queries.tsv")
    kinds = {expect for expect, *_ in own}
    assert sum(expect != "none" for expect, *_ in own) >= 60
    assert sum(expect == "none" for expect, *_ in own) >= 40
    assert set(crisis.KINDS) <= kinds


def _first_in_main(response):
    soup = BeautifulSoup(response.content, "html.parser")
    main = soup.select_one("main")
    return next(child for child in main.children if getattr(child, "name", None)), main


def test_every_crisis_search_opens_with_help_in_the_page_and_the_api(client, indexed_content):
    missed = []
    for expect, query in CRISIS_ROWS:
        first, main = _first_in_main(client.get(PAGE, {"q": query}))
        data = client.get(API, {"q": query}).json()
        help_first = first.name == "section" and first.get("id") == "crisis-help"
        listed = bool(main.select("ol.search-results > li")) and "Nothing matched" not in main.get_text()
        kind = (data["crisis"] or {}).get("kind")
        if not (help_first and listed and kind and expect in ("crisis", kind)):
            missed.append((query, help_first, listed, kind))
        if data["crisis"]:
            assert data["crisis"]["message"] and data["crisis"]["lines"]
            assert all(set(line) == {"name", "call", "text", "note"} for line in data["crisis"]["lines"])
    # Each miss: (query, help first in <main>, results listed, kind in the API).
    assert not missed, f"{len(missed)} of {len(CRISIS_ROWS)} missed: {missed}"


def test_no_everyday_search_raises_the_alarm(client, indexed_content):
    alarmed = []
    for query in EVERYDAY_ROWS:
        page = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
        if page.select("#crisis-help") or client.get(API, {"q": query}).json()["crisis"] is not None:
            alarmed.append(query)
    assert not alarmed, f"{len(alarmed)} of {len(EVERYDAY_ROWS)} raised the alarm: {alarmed}"


def test_help_fits_the_kind(client, indexed_content):
    def numbers(query):
        soup = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
        return [a["href"] for a in soup.select("#crisis-help a[href^='tel:'], #crisis-help a[href^='sms:']")]

    suicide = numbers("i want to die")
    assert {"tel:988", "sms:988", "tel:116123"} <= set(suicide)
    assert "tel:18883737888" not in suicide

    danger = numbers("they took my passport")
    assert danger[:2] == ["tel:911", "tel:999"], "in danger now, the emergency number comes first"
    assert {"tel:18883737888", "sms:233733", "tel:08000121700"} <= set(danger)

    child = numbers("my little brother is being hurt")
    assert child[:2] == ["tel:911", "tel:999"]
    assert {"tel:18004224453", "tel:08088005000"} <= set(child)


def test_the_panel_explains_what_happens_when_you_call(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "he is outside"}).content, "html.parser")
    text = soup.select_one("#crisis-help").get_text(" ")
    assert "not the police or immigration" in text
    assert "trained person answers" in text


def test_the_panel_never_repeats_the_query(client, indexed_content):
    query = "my boss zqxwv took my passport"
    soup = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
    panel = soup.select_one("#crisis-help")
    assert "zqxwv" not in str(panel)
    assert "zqxwv" not in client.get(API, {"q": query}).json()["crisis"]["message"]


def test_results_lead_with_the_content_that_fits(indexed_content):
    assert engine.search("i want to die").results[0].url == "/articles/getting-help-now/"
    child = [r.url for r in engine.search("my little brother is being hurt").results[:2]]
    assert child == ["/articles/getting-help-now/", "/articles/when-your-child-has-been-hurt/"]


def test_filters_that_exclude_everything_still_show_help_not_nothing_matched(client, indexed_content):
    response = client.get(PAGE, {"q": "kill myself", "type": "modality", "tag": "nightmares"})
    first, main = _first_in_main(response)
    assert first.get("id") == "crisis-help"
    assert "Nothing matched" not in main.get_text()


def test_no_did_you_mean_rewrites_the_words_of_someone_in_danger(indexed_content):
    assert engine.search("my little brother is being hurt").suggestion == ""


def test_lines_come_from_the_deployment_settings(client, indexed_content, settings):
    settings.CRISIS_LINES = [
        {"name": "Local crisis line", "call": "0800 123", "kinds": ["suicide"]},
        {"name": "Help box only", "call": "0800 999"},
    ]
    settings.EMERGENCY_NUMBERS = [{"region": "EU", "call": "112"}]
    data = client.get(API, {"q": "i want to die"}).json()["crisis"]
    assert [line["name"] for line in data["lines"]][0] == "Local crisis line"
    assert "112" in [line["call"] for line in data["lines"]]
    # A kind no configured line names falls back to the help box's lines: help is never empty.
    danger = client.get(API, {"q": "they took my passport"}).json()["crisis"]
    assert {"Local crisis line", "Help box only"} <= {line["name"] for line in danger["lines"]}


def test_help_box_keeps_only_its_own_lines(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "i want to die"}).content, "html.parser")
    box = soup.select_one("#help-box").get_text(" ")
    assert "988" in box
    assert "Childline" not in box, 'lines marked "help_box": false stay out of the box on every page'


def test_the_database_search_also_leads_with_the_content_that_fits(content):
    """While the index is rebuilt the database answers; its results begin with the same content."""
    help_ = crisis_help.help_for("i want to kill myself")
    outcome = database.search(plan_query("i want to kill myself"), lead=help_.lead)
    assert outcome.results[0].url == "/articles/getting-help-now/"
    assert database.search(plan_query("kill myself"), lead=help_.lead).total >= 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "kinds"),
        ({"kinds": {"boredom": {"phrases": ["meh"]}}}, "unknown crisis kind"),
        ({"kinds": {"suicide": {"phrases": []}}}, "phrases"),
        ({"kinds": {"suicide": {"phrases": ["<nobody> is here"]}}}, "unknown word group"),
    ],
)
def test_a_broken_crisis_file_is_refused_with_a_clear_message(data, message):
    with pytest.raises(ValueError, match=message):
        parse_crisis(data)


def test_the_crisis_file_in_the_repo_is_valid():
    data = yaml.safe_load(crisis.CRISIS_FILE.read_text(encoding="utf-8"))
    phrases = parse_crisis(data)
    assert phrases.kinds == ["suicide", "self-harm", "child-at-risk", "danger-now"]


def test_the_help_reads_at_grade_eight_or_lower(client, indexed_content):
    """Calm, short words: the help may be read in a panic, by someone reading in a second language."""
    for query in ("i want to die", "i cut myself", "they took my passport", "my brother is being hurt"):
        page = BeautifulSoup(client.get(PAGE, {"q": query}).content, "html.parser")
        panel = page.select_one("#crisis-help")
        for paragraph in panel.select("p:not(.note)"):
            text = paragraph.get_text(" ", strip=True)
            assert textstat.flesch_kincaid_grade(text) <= 8, (query, text)
