"""The Spanish site in a real browser, as a Spanish reader uses it on a phone: search in their own
words, crisis help first, an explainer, switching language on the same page and back, the volunteer
form; and axe finds no violation on the Spanish pages, on a desktop and on a phone."""

import re

import pytest

from tests.browser.test_accessibility import violations
from volunteers.models import Enquiry

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
# An article with no Spanish version yet: it is shown in English inside the Spanish frame.
NOT_TRANSLATED = "/es/articles/bad-dreams-and-sleep/"
SPANISH_PAGES = [
    "/es/",
    "/es/modalities/",
    "/es/modalities/emdr/",
    "/es/modalities/compare/",
    "/es/articles/",
    "/es/articles/getting-help-now/",
    NOT_TRANSLATED,
    "/es/tags/",
    "/es/search/",
    "/es/search/?q=pesadillas",
    "/es/search/?q=quiero+morir",
    "/es/search/?q=zzqxv",
    "/es/safety/",
    "/es/choose/",
    "/es/volunteer/",
]


@pytest.fixture
def phone(browse):
    context, _ = browse(**PHONE)
    return context.new_page()


def search_from_the_home_box(page, words: str) -> None:
    page.get_by_role("search").get_by_role("searchbox").fill(words)
    page.get_by_role("search").get_by_role("button").click()
    page.locator("#main-content #results-title").wait_for()


def test_spanish_pages_have_no_axe_violations(tab, site):
    found = []
    for path in SPANISH_PAGES:
        tab.goto(site.url(path))
        assert tab.evaluate("document.documentElement.lang") == "es", path
        found += violations(tab)
    assert found == []


def test_spanish_pages_have_no_axe_violations_on_a_phone(phone, site):
    found = []
    for path in SPANISH_PAGES:
        phone.goto(site.url(path))
        found += violations(phone)
    assert found == []


def test_a_spanish_reader_searches_in_their_own_words_on_a_phone(phone, site):
    phone.goto(site.url("/es/"))
    search_from_the_home_box(phone, "no puedo dormir por las pesadillas")
    assert phone.url == site.url("/es/search/")  # the words stay out of the address
    results = phone.locator("#main-content .search-results a").all_inner_texts()
    assert any("EMDR" in title for title in results[:3]), results[:3]
    assert phone.locator("#crisis-help").count() == 0

    phone.goto(site.url("/es/"))
    search_from_the_home_box(phone, "quiero morir")
    # The help comes first in <main>, in Spanish, on the first screen, with lines to call or text.
    assert phone.evaluate("document.querySelector('main').firstElementChild.id") == "crisis-help"
    help_box = phone.locator("#crisis-help")
    assert help_box.bounding_box()["y"] < 800
    assert "988" in help_box.inner_text()
    assert help_box.locator('a[href^="tel:"]').count() >= 1
    assert "quiero morir" not in help_box.inner_text().lower()  # the help never repeats the words


def test_the_emdr_explainer_in_spanish_switches_to_english_and_back(phone, site):
    phone.goto(site.url("/es/modalities/emdr/"))
    assert phone.evaluate("document.documentElement.lang") == "es"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    spanish_heading = phone.get_by_role("heading", level=1).inner_text()

    phone.locator("a.language-switch[hreflang=en]").click()
    phone.wait_for_url(site.url("/modalities/emdr/"))
    assert phone.evaluate("document.documentElement.lang") == "en"
    assert "EMDR" in phone.get_by_role("heading", level=1).inner_text()

    phone.locator("a.language-switch[hreflang=es]").click()
    phone.wait_for_url(site.url("/es/modalities/emdr/"))
    assert phone.get_by_role("heading", level=1).inner_text() == spanish_heading
    # Switching left nothing behind on the device.
    assert phone.context.cookies() == []


def test_a_page_not_yet_in_spanish_says_so_in_spanish(phone, site):
    phone.goto(site.url(NOT_TRANSLATED))
    assert phone.evaluate("document.documentElement.lang") == "es"
    main = phone.locator("#main-content")
    assert re.search(r"ingl[eé]s", main.inner_text(), re.IGNORECASE)
    assert main.locator('[lang="en"]').count() >= 1  # the English text is marked as English


def test_a_spanish_volunteer_fills_the_form_in_spanish(phone, site):
    phone.goto(site.url("/es/volunteer/"))
    assert phone.get_by_role("button", name="Enviar").is_visible()
    answers = {
        "name": "Lucía Ejemplo",
        "email": "lucia.ejemplo@example.org",
        "city_region": "Sevilla",
        "country": "España",
        "availability": "Los fines de semana",
        "languages": "Español e inglés",
    }
    for name, value in answers.items():
        phone.locator(f'[name="{name}"]').fill(value)
    phone.locator('[name="interests"][value="translation"]').check()
    phone.locator('[name="consent"]').check()
    phone.get_by_role("button", name="Enviar").click()
    phone.wait_for_url(re.compile(r"/es/volunteer/thanks/\?sent="))
    assert phone.evaluate("document.documentElement.lang") == "es"
    enquiry = Enquiry.objects.get(email=answers["email"])
    assert enquiry.language == "es"
    assert enquiry.name == answers["name"]
