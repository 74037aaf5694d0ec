"""Every kind of Spanish page speaks Spanish all around its content: no English interface text is left.

Each Spanish page is compared with the same page in English. Visible text (and the words a screen
reader or the quick exit says: aria-label, placeholder, title, alt, the quick exit's announcements)
that reads exactly the same in both is English left behind: a string not marked for translation, or
marked and not translated. What the page is about is left out of the comparison: the content body
(explainer sections, article text, search snippets) and every text an editor wrote (titles, summaries,
short facts, the decision aid's reasons), which may still be English while a page has no Spanish
version; so is anything marked as being in another language (`lang="en"`, like the link to the English
page). What remains must be Spanish, apart from the short allow-list below.
"""

import re
import unicodedata
import uuid

import pytest
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from django.core import signing

from articles.models import Article
from modalities.models import Modality
from search import index
from tests.conftest import ROOT
from volunteers import guards, views
from volunteers.forms import STAMP_FIELD, TOKEN_FIELD

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

# Words a reader sees in the same form in English and Spanish, so finding them is no sign of English.
SAME_IN_BOTH = {
    "Error:",  # the error prefix is the same word in Spanish
    "Shift",  # the key's name on the keyboard (the Spanish text adds "Mayús")
    "Chrome:",  # browser names, in the steps to clear the history
    "Firefox:",
    "Edge:",
}
SAME_IN_BOTH_PATTERNS = (
    # Therapy acronyms (EMDR, TF-CBT) and phone numbers.
    re.compile(r"^[A-Z0-9][A-Z0-9 &().+/-]*$"),
)
# Where the content body is: editors' and writers' text, checked by the content's own tests.
CONTENT_BODY = (
    ".prose",  # an article's text
    "article.article nav.toc",  # an article's contents, made from its own headings
    "article.explainer > section:not(.related) > :not(h2)",  # an explainer's sections, below the heading
    "ol.references",  # citations keep their titles
    "ol.search-results li > p:not(.note)",  # snippets quoted from the content
)
# Attributes whose words reach the reader: read aloud, shown as a hint, or shown as the tab's title.
SPOKEN_ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
SPOKEN_DATA = re.compile(r"^data-(announce-.*|leaving-title|private-search)$")


def content_texts() -> set[str]:
    """Every short text an editor wrote: shown as it is stored, whatever the page's language."""
    texts = set()
    fields = ("title", "summary", "full_name", "evidence_basis", "format", "typical_length")
    fields += ("may_suit", "session_involves")
    for values in Modality.objects.values_list(*fields):
        texts.update(values)
    for values in Article.objects.values_list("title", "summary", "content_note"):
        texts.update(values)
    for path in (ROOT / "content").rglob("reasons.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts.update(link["fact"] for link in data["links"])
        texts.update(source["title"] for source in data["sources"].values())
    return {_normal(text) for text in texts if text}


def _normal(text: str) -> str:
    return " ".join(str(text).split())


def _outside_other_languages(element) -> bool:
    """Not inside an element marked as written in another language (lang="en")."""
    for parent in (element, *element.parents):
        lang = parent.get("lang") if hasattr(parent, "get") else None
        if lang and parent.name != "html":
            return lang.startswith("es")
    return True


def interface_texts(html: str) -> set[str]:
    """The words around the content: text nodes and spoken attributes, one normalised text each."""
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    for selector in CONTENT_BODY:
        for element in soup.select(selector):
            element.decompose()
    texts = set()
    head_title = soup.find("title")
    if head_title is not None:
        # "Page · Site" (pages/discretion.py): the page's own title and the site's name, each on its own.
        texts.update(_normal(part) for part in head_title.get_text().split(" · "))
    description = soup.find("meta", attrs={"name": "description"})
    if description is not None:
        texts.add(_normal(description["content"]))
    body = soup.body or soup
    for string in body.find_all(string=True):
        if _outside_other_languages(string.parent):
            texts.add(_normal(string))
    for element in body.find_all(True):
        if not _outside_other_languages(element):
            continue
        for name, value in element.attrs.items():
            if name in SPOKEN_ATTRIBUTES or SPOKEN_DATA.match(name):
                texts.add(_normal(value))
    return {text for text in texts if re.search(r"[A-Za-z]{2}", text)}


def same_in_both(text: str) -> bool:
    if text in SAME_IN_BOTH or text == settings.SITE_NAME:  # the site's name is a name
        return True
    return any(pattern.match(text) for pattern in SAME_IN_BOTH_PATTERNS)


def is_content(text: str, content: set[str]) -> bool:
    # An editor's text may follow a word of the template and its full stop ("Strong. Most guidelines…").
    return text in content or text.lstrip(" .,:;") in content


def english_left(spanish_html: str, english_html: str, content: set[str]) -> list[str]:
    """Interface text of the Spanish page that reads exactly as on the English page."""
    left = interface_texts(spanish_html) & interface_texts(english_html)
    return sorted(text for text in left if not is_content(text, content) and not same_in_both(text))


def fetch(client, method, path, data=None, status=200):
    response = getattr(client, method)(path, data or {})
    assert response.status_code == status, f"{method.upper()} {path}: {response.status_code}"
    return response.content.decode()


def assert_spanish(client, method, english_path, data=None, status=200):
    spanish_path = "/es" + english_path
    spanish = fetch(client, method, spanish_path, data, status)
    english = fetch(client, method, english_path, data, status)
    assert '<html lang="es"' in spanish, f"{spanish_path} does not say it is in Spanish"
    left = english_left(spanish, english, content_texts())
    assert not left, f"{spanish_path} still shows English: {left}"
    return BeautifulSoup(spanish, "html.parser")


# --- The pages ---------------------------------------------------------------------------------------

READING_PAGES = [
    "/",
    "/modalities/",
    "/modalities/emdr/",
    "/modalities/compare/",
    "/modalities/compare/?show=emdr&show=tf-cbt",
    "/articles/",
    "/articles/getting-help-now/",  # written in Spanish
    "/articles/you-are-not-alone/",  # not yet: its English text inside the Spanish frame
    "/tags/",
    "/tags/nightmares/",
    "/safety/",
    "/choose/",
]


@pytest.mark.parametrize("path", READING_PAGES)
def test_reading_pages_speak_spanish(client, content, path):
    assert_spanish(client, "get", path)


def test_needs_are_shown_by_their_spanish_names_in_alphabetical_order(client, content):
    page = BeautifulSoup(fetch(client, "get", "/es/tags/"), "html.parser")
    names = [link.contents[0].strip() for link in page.select("main ul.tags a")]
    assert "pesadillas" in names
    unaccented = [unicodedata.normalize("NFD", name).encode("ascii", "ignore").lower() for name in names]
    assert unaccented == sorted(unaccented)
    heading = BeautifulSoup(fetch(client, "get", "/es/tags/nightmares/"), "html.parser").h1.get_text()
    assert heading == "Pesadillas"


def test_the_compare_page_says_in_spanish_why_a_choice_is_refused(client, content):
    assert_spanish(client, "get", "/modalities/compare/?show=emdr")


@pytest.fixture
def indexed(content):
    index.rebuild()


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        pytest.param("", "#browse-by-need", id="empty"),
        pytest.param("EMDR", "ol.search-results li", id="results"),
        pytest.param("zzqx", '#results-title ~ p[role="status"]', id="nothing-matched"),
    ],
)
def test_the_search_page_speaks_spanish(client, indexed, query, shown):
    page = assert_spanish(client, "get", "/search/", {"q": query} if query else None)
    assert page.select(shown), f"the Spanish search for {query!r} does not show {shown}"


def test_the_decision_aid_results_speak_spanish(client, content):
    answers = {"talking": "bit", "setting": "alone", "way_in": "body", "age": "adult", "show": "results"}
    assert_spanish(client, "post", "/choose/", answers)


@pytest.mark.parametrize("show", ["compare", "summary", "discreet"])
def test_the_decision_aid_comparison_and_prints_speak_spanish(client, content, show):
    answers = {"talking": "bit", "worry": "trust", "show": show, "compare": ["emdr", "tf-cbt"]}
    assert_spanish(client, "post", "/choose/", answers)


def test_the_volunteer_form_and_its_errors_speak_spanish(client, db):
    assert_spanish(client, "get", "/volunteer/")
    token = uuid.uuid4()
    too_little = {
        TOKEN_FIELD: str(token),
        STAMP_FIELD: guards.issue_stamp(token),
        "email": "not an address",
        "phone": "call me",
        "city_region": "x" * 101,
    }
    page = assert_spanish(client, "post", "/volunteer/", too_little)
    assert page.select(".error-summary li"), "the form was not refused"


def test_the_thanks_page_speaks_spanish(client, db):
    mark = signing.TimestampSigner(salt=views.SENT_MARK_SALT).sign(views.SENT_MARK)
    assert_spanish(client, "get", "/volunteer/thanks/", {views.SENT_MARK: mark})
    assert_spanish(client, "get", "/volunteer/thanks/")


def test_the_not_found_page_speaks_spanish(client, db):
    assert_spanish(client, "get", "/no-such-page/", status=404)


# --- The check itself ----------------------------------------------------------------------------------


def test_the_check_finds_english_left_in_the_frame_and_skips_the_content():
    english = f"""<html lang="en"><head><title>Search · {settings.SITE_NAME}</title></head><body>
        <a aria-label="Quick exit">Exit this page</a><h1>Search</h1>
        <div class="prose"><p>An article in English.</p></div>
        <p>Evidence: Strong</p><a lang="en" href="/">English</a><p>EMDR</p><p>Call 988</p></body></html>"""
    spanish = f"""<html lang="es"><head><title>Buscar · {settings.SITE_NAME}</title></head><body>
        <a aria-label="Quick exit">Salir de esta página</a><h1>Buscar</h1>
        <div class="prose"><p>An article in English.</p></div>
        <p>Evidence: Strong</p><a lang="en" href="/">English</a><p>EMDR</p>
        <p>Llama al 988</p><td><strong>Fuerte</strong>. A fact an editor wrote.</td></body></html>"""
    content = {"A fact an editor wrote."}
    english = english.replace("</body>", "<td><strong>Strong</strong>. A fact an editor wrote.</td></body>")
    assert english_left(spanish, english, content) == ["Evidence: Strong", "Quick exit"]
