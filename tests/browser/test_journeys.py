"""What readers and volunteers do, end to end: search and read, send the volunteer form."""

import re

import pytest

from tests.browser.journeys import fill_volunteer_form

pytestmark = pytest.mark.browser

ERROR_SUMMARY = ".govuk-error-summary, .error-summary, [role=alert]"


def test_search_from_the_home_page_and_open_a_result(tab, site):
    tab.goto(site.url("/"))
    tab.get_by_label("What are you living with? Search in your own words.").fill("EMDR")
    tab.keyboard.press("Enter")
    # The private search keeps the words out of the address bar.
    tab.locator("ol.search-results").wait_for()
    assert tab.url == site.url("/search/")
    result = tab.get_by_role("main").get_by_role("link", name=re.compile("EMDR")).first
    result.click()
    tab.wait_for_load_state()
    assert re.search(r"/(modalities|articles)/[\w-]+/$", tab.url)
    assert "EMDR" in tab.get_by_role("heading", level=1).inner_text()


def test_the_volunteer_form_shows_errors_then_accepts_the_corrected_answers(tab, site):
    fill_volunteer_form(tab, site, **{"Email address": "sam at example", "Country": ""})
    tab.get_by_role("button", name="Send").click()

    summary = tab.locator(ERROR_SUMMARY).first
    summary.wait_for()
    assert tab.title().startswith("Error")
    problems = summary.get_by_role("link").all_inner_texts()
    assert any("email" in problem.lower() for problem in problems)
    assert any("country" in problem.lower() for problem in problems)
    # What the person typed is still there.
    assert tab.get_by_label("Full name", exact=True).input_value() == "Sam Example"
    assert tab.get_by_label("Email address", exact=True).input_value() == "sam at example"
    # Each error links to its field.
    summary.get_by_role("link", name=re.compile("country", re.I)).click()
    country_id = tab.get_by_label("Country", exact=True).get_attribute("id")
    assert tab.evaluate("document.activeElement.id") == country_id

    tab.get_by_label("Email address", exact=True).fill("sam.example@example.org")
    tab.get_by_label("Country", exact=True).fill("United Kingdom")
    tab.get_by_role("button", name="Send").click()
    tab.wait_for_url(re.compile(r"/volunteer/thanks/\?sent="))  # the signed "just sent" mark
    assert tab.get_by_role("heading", level=1).is_visible()
    # Back to reading: the form's cookie is the only one there is.
    assert {cookie["name"] for cookie in tab.context.cookies()} <= {"csrftoken"}
