"""The decision aid (/choose/) in a real browser, tried as a new reader would.

On a phone: answer three questions and skip the rest, compare two, print the discreet summary and
read it as someone who found it on a table; press Back after the quick exit. Also: axe, keyboard
only, 320 px and 200 % zoom, and no JavaScript at all.
"""

import re

import pytest
from django.conf import settings

from modalities.models import SLUGS
from tests.browser.test_accessibility import violations
from tests.browser.test_layout import horizontal_overflow

pytestmark = pytest.mark.browser

AID = "/choose/"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
BEFORE_THIS_SITE = "data:text/html,<title>Before</title><h1>Somewhere else</h1>"
THREE_ANSWERS = {
    "How do you feel about talking about what happened?": "A little at a time",
    "How old is the person who would go to therapy?": "An adult, 18 or over",
    "What worries you most about therapy?": "Someone finding out",
}
REVEALING = re.compile(r"traffick|abus|exploit", re.I)


def answer_three(page):
    for legend, answer in THREE_ANSWERS.items():
        page.get_by_role("group", name=re.compile(re.escape(legend))).get_by_label(answer, exact=True).check()


def show_results(page, site):
    page.get_by_role("button", name="Show the therapies").click()
    page.get_by_role("heading", level=1, name="Therapies that may suit you").wait_for()
    assert page.url == site.url(AID), "answers must never reach the address bar"


def tick(page, *titles):
    for title in titles:
        page.get_by_label(f"Tick to compare {title}").check()


def test_on_a_phone_answer_three_skip_the_rest_and_compare_two(browse, site):
    context, _ = browse(**PHONE)
    page = context.new_page()
    page.goto(site.url(AID))
    assert 6 <= page.locator("fieldset").count() <= 10
    answer_three(page)
    show_results(page, site)
    assert horizontal_overflow(page) <= 0
    items = page.locator("li.fit")
    assert items.count() == len(SLUGS)  # every published therapy, none hidden
    first = items.first.inner_text()
    assert "You said you would like to go a little at a time." in first
    main = page.inner_text("main")
    assert "This starts a conversation with a therapist. It does not decide for you." in main
    assert not re.search(r"\byou should\b", main, re.I)

    tick(page, "EMDR", "Art therapy")
    page.get_by_role("button", name="Compare the ones I ticked").click()
    table = page.get_by_role("table", name="Side by side, with your answers")
    table.wait_for()
    assert table.locator("thead th").all_inner_texts() == ["EMDR", "Art therapy"]
    assert page.url == site.url(AID)
    assert horizontal_overflow(page) <= 0
    # Side by side even on a phone: the two columns sit next to each other.
    first_box, second_box = (cell.bounding_box() for cell in table.locator("thead th").all())
    assert first_box["y"] == second_box["y"] and second_box["x"] > first_box["x"]


def test_the_discreet_summary_prints_nothing_that_gives_it_away(browse, site, artifacts):
    context, _ = browse(**PHONE)
    page = context.new_page()
    page.goto(site.url(AID))
    answer_three(page)
    show_results(page, site)
    tick(page, "EMDR", "TF-CBT")
    page.get_by_role("button", name="Discreet print").click()
    page.get_by_role("heading", level=1, name="Notes for an appointment").wait_for()
    assert page.title() == "Notes for an appointment"

    page.emulate_media(media="print")
    printed = page.evaluate("document.body.innerText")
    assert settings.SITE_NAME.lower() not in printed.lower()
    assert REVEALING.findall(printed) == []
    assert page.locator(".quick-exit").is_hidden() and page.locator(".print-controls").is_hidden()
    assert page.locator("img, svg").count() == 0
    for part in ("What matters to me", "Therapies I chose", "Questions to ask a therapist",
                 "My first session: what I can ask for", "A therapist of the gender I choose."):  # fmt: skip
        assert part in printed
    assert "“Someone finding out”: EMDR has no homework" in printed
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "discreet-summary.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, "the summary fits on one page"


def test_the_printable_summary_fits_on_one_page(tab, site, artifacts):
    tab.goto(site.url(AID))
    answer_three(tab)
    show_results(tab, site)
    tick(tab, "EMDR", "Somatic Experiencing", "Art therapy")
    tab.get_by_role("button", name="Printable summary").click()
    tab.get_by_role("heading", level=1, name="My summary for a first talk with a therapist").wait_for()
    tab.emulate_media(media="print")
    pdf = tab.pdf(format="A4", print_background=True)
    (artifacts / "summary.pdf").write_bytes(pdf)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1


def test_back_after_the_quick_exit_shows_nothing_of_the_answers(browse, site):
    context, traffic = browse(**PHONE)
    page = context.new_page()
    page.goto(BEFORE_THIS_SITE)
    page.goto(site.url(AID))
    answer_three(page)
    show_results(page, site)
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert len(traffic.exit_requests) == 1

    try:
        page.go_back()
        page.wait_for_load_state()
    except Exception as error:  # noqa: BLE001  a page that may not be shown again is fine here
        assert "ERR_CACHE_MISS" in str(error)
    shown = page.content()
    for answer in THREE_ANSWERS.values():
        checked = page.locator("input:checked + label", has_text=answer)
        assert checked.count() == 0, f"{answer!r} is still ticked after Back"
    assert "You said" not in shown
    assert page.locator("li.fit").count() == 0


def test_every_step_has_no_axe_violations(browse, site):
    found = []
    for options in ({}, PHONE):
        context, _ = browse(**options)
        page = context.new_page()
        page.goto(site.url(AID))
        found += violations(page)
        answer_three(page)
        show_results(page, site)
        found += violations(page)
        tick(page, "EMDR", "Group therapy")
        page.get_by_role("button", name="Compare the ones I ticked").click()
        page.get_by_role("table").wait_for()
        found += violations(page)
        page.get_by_role("button", name="Printable summary").click()
        page.get_by_role("heading", level=1, name=re.compile("My summary")).wait_for()
        found += violations(page)
        page.get_by_role("button", name="Back to the full list").click()
        page.get_by_role("button", name="Discreet print").click()
        page.get_by_role("heading", level=1, name="Notes for an appointment").wait_for()
        found += violations(page)
    assert found == []


def test_keyboard_only_answer_and_see_results(tab, site):
    tab.goto(site.url(AID))
    for _ in range(40):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.name") == "talking":
            break
    else:
        pytest.fail("Tab never reached the first question")
    # Arrow keys move within a group of radios and choose as they go.
    focused = tab.evaluate("document.activeElement.value")
    tab.keyboard.press("ArrowDown")
    assert tab.evaluate("document.activeElement.value") != focused
    chosen = tab.evaluate("document.querySelector(`label[for='${document.activeElement.id}']`).textContent")
    tab.keyboard.press("Enter")  # submits the form, as Enter does in any field
    tab.get_by_role("heading", level=1, name="Therapies that may suit you").wait_for()
    assert tab.locator("li.fit").count() == len(SLUGS)
    assert chosen.strip() in tab.inner_text(".you-said")


@pytest.mark.parametrize(("width", "scale"), [(320, 1), (640, 2)])
def test_no_step_scrolls_sideways_at_320_px_or_200_percent(browse, site, width, scale):
    context, _ = browse(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    page = context.new_page()
    page.goto(site.url(AID))
    overflow = {"questions": horizontal_overflow(page)}
    answer_three(page)
    show_results(page, site)
    overflow["results"] = horizontal_overflow(page)
    tick(page, "EMDR", "Group therapy", "Music therapy")
    page.get_by_role("button", name="Compare the ones I ticked").click()
    page.get_by_role("table").wait_for()
    overflow["compare"] = horizontal_overflow(page)
    page.get_by_role("button", name="Printable summary").click()
    page.get_by_role("heading", level=1, name=re.compile("My summary")).wait_for()
    overflow["summary"] = horizontal_overflow(page)
    assert {step: extra for step, extra in overflow.items() if extra > 0} == {}


def test_it_all_works_without_javascript(browse, site):
    context, traffic = browse(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site.url(AID))
    answer_three(page)
    show_results(page, site)
    tick(page, "EMDR", "Art therapy")
    page.get_by_role("button", name="Compare the ones I ticked").click()
    page.get_by_role("table").wait_for()
    page.get_by_role("button", name="Discreet print").click()
    page.get_by_role("heading", level=1, name="Notes for an appointment").wait_for()
    assert page.get_by_role("button", name="Print", exact=True).is_hidden(), "a Print button needs a script"
    assert context.cookies() == []
