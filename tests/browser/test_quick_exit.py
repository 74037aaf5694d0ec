"""The quick exit in a real browser: the button and Shift x3 leave at once, and Back does not return."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

EXPLAINER = "/modalities/emdr/"
# Where the reader was before this site; a data: URL so the test needs no other server.
BEFORE_THIS_SITE = "data:text/html,<title>Before</title><h1>Somewhere else</h1>"
SHIFT_WINDOW_MS = 5000


def open_from_elsewhere(page, site, path=EXPLAINER):
    """Arrive on `path` the way a reader does: from some other page, so Back has somewhere to go."""
    page.goto(BEFORE_THIS_SITE)
    page.goto(site.url(path))
    page.get_by_role("heading", level=1).wait_for()


def assert_left_for_good(page, site, traffic):
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert page.title() == "Weather"
    assert len(traffic.exit_requests) == 1
    # The neutral site is not told where the reader came from.
    assert traffic.exit_requests[0].header_value("referer") is None
    page.go_back()
    page.wait_for_load_state()
    assert not site.is_ours(page.url), "Back returned to this site"
    assert page.url.startswith("data:")


def press_shift(page, times=1):
    for _ in range(times):
        page.keyboard.press("Shift")


def test_the_exit_button_leaves_and_back_does_not_return(browse, site):
    context, traffic = browse()
    page = context.new_page()
    open_from_elsewhere(page, site)
    page.get_by_role("link", name="Exit this page").click()
    assert_left_for_good(page, site, traffic)


def test_shift_three_times_leaves_and_back_does_not_return(browse, site):
    context, traffic = browse()
    page = context.new_page()
    open_from_elsewhere(page, site)
    press_shift(page, 3)
    assert_left_for_good(page, site, traffic)


REPORT_EXIT_STATE = """() => new MutationObserver(() => window.reportExitState({
    exiting: document.documentElement.classList.contains("exiting"),
    onlyExitVisible: [...document.body.children].every(
        (el) => el.matches(".quick-exit") === el.checkVisibility()),
    headingVisible: document.querySelector("h1").checkVisibility(),
    title: document.title,
    stillHere: location.href,
})).observe(document.documentElement, {attributes: true, attributeFilter: ["class"]})"""


def wait_for(page, condition, seconds=5):
    for _ in range(seconds * 10):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("timed out")


def test_the_page_is_hidden_the_moment_the_exit_starts(browse, site):
    context, _ = browse()
    page = context.new_page()
    # Hold the neutral site's answer back, to look at this page while it is on its way out. (Playwright
    # cannot evaluate in a page whose navigation is pending, so the page reports its own state.)
    held, states = [], []
    context.route(settings.QUICK_EXIT_URL, lambda route: held.append(route))
    page.expose_function("reportExitState", lambda state: states.append(state))
    open_from_elsewhere(page, site)
    page.evaluate(REPORT_EXIT_STATE)
    page.get_by_role("link", name="Exit this page").click(no_wait_after=True)
    wait_for(page, lambda: held and states)
    assert states[0] == {
        "exiting": True,
        "onlyExitVisible": True,
        "headingVisible": False,
        "title": "Loading",
        "stillHere": site.url(EXPLAINER),
    }
    held[0].fulfill(status=200, content_type="text/html", body="<title>Weather</title>")
    page.wait_for_url(settings.QUICK_EXIT_URL)


def test_each_shift_press_is_announced_to_screen_readers(tab, site):
    tab.goto(site.url("/"))
    status = tab.locator("[data-quick-exit-status]")
    assert status.get_attribute("aria-live") == "polite"
    press_shift(tab)
    assert status.text_content() == "Shift pressed. Press it 2 more times to leave this page."
    assert tab.locator("[data-quick-exit-bar]").get_attribute("data-presses") == "1"
    press_shift(tab)
    assert "1 more time " in status.text_content()
    tab.keyboard.press("a")
    assert tab.locator("[data-quick-exit-bar]").get_attribute("data-presses") == "0"
    assert site.is_ours(tab.url)


def test_a_spanish_page_announces_each_press_in_spanish_and_still_leaves(browse, site):
    context, traffic = browse()
    page = context.new_page()
    open_from_elsewhere(page, site, "/es/modalities/emdr/")
    status = page.locator("[data-quick-exit-status]")
    press_shift(page)
    assert status.text_content() == "Tecla Shift pulsada. Púlsala 2 veces más para salir de esta página."
    press_shift(page)
    assert status.text_content() == "Tecla Shift pulsada. Púlsala 1 vez más para salir de esta página."
    press_shift(page)
    assert_left_for_good(page, site, traffic)


def still_here(page, presses: str):
    """The exit counted what it should and did not start: checked at once, no waiting on a hunch."""
    assert page.locator("[data-quick-exit-bar]").get_attribute("data-presses") == presses
    assert not page.evaluate("document.documentElement.classList.contains('exiting')")


def test_shift_inside_typed_words_does_not_leave(tab, site):
    tab.clock.install()
    tab.goto(site.url("/"))
    box = tab.get_by_label("What are you living with? Search in your own words.")
    box.click()
    # Capitals typed the way people type them: Shift held down while the letter is pressed.
    for word in ("Hello", "World", "I", "Am", "OK"):
        tab.keyboard.down("Shift")
        tab.keyboard.press(f"Key{word[0]}")
        tab.keyboard.up("Shift")
        tab.keyboard.type(word[1:] + " ")
    # Three capitals in a row, each with its own Shift: still typing, not an exit.
    for letter in "ABC":
        tab.keyboard.press(f"Shift+Key{letter}")
    tab.clock.run_for(1000)  # past any delayed exit, within the five-second window
    still_here(tab, "0")
    assert site.is_ours(tab.url)
    assert box.input_value() == "Hello World I Am OK ABC"
    # The counter is listening: a lone Shift now counts.
    press_shift(tab)
    still_here(tab, "1")


def test_another_key_between_presses_starts_the_count_again(tab, site):
    tab.clock.install()
    tab.goto(site.url("/"))
    press_shift(tab, 2)
    tab.keyboard.press("ArrowDown")
    press_shift(tab, 2)
    tab.clock.run_for(1000)
    still_here(tab, "2")
    assert site.is_ours(tab.url)
    press_shift(tab)
    tab.wait_for_url(settings.QUICK_EXIT_URL)


def test_presses_more_than_five_seconds_apart_do_not_count(tab, site):
    tab.clock.install()
    tab.goto(site.url("/"))
    press_shift(tab, 2)
    tab.clock.run_for(SHIFT_WINDOW_MS + 100)
    assert tab.locator("[data-quick-exit-status]").text_content() == "Quick exit cancelled."
    press_shift(tab)
    tab.clock.run_for(SHIFT_WINDOW_MS - 500)
    press_shift(tab)  # within five seconds of the last press: the count is 2, not 3
    assert site.is_ours(tab.url)
    tab.clock.run_for(SHIFT_WINDOW_MS - 500)
    press_shift(tab)
    tab.wait_for_url(settings.QUICK_EXIT_URL)


def test_without_javascript_the_exit_is_a_plain_link_that_sends_no_referrer(browse, site):
    context, traffic = browse(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(EXPLAINER))
    # The explainer reads fine without scripts.
    assert page.get_by_role("heading", level=1).inner_text() == "EMDR"
    assert page.get_by_role("heading", name="References").is_visible()
    # The Shift hint is not shown: without the script it would not be true.
    assert page.locator(".quick-exit__hint").is_hidden()
    page.get_by_role("link", name="Exit this page").click()
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert traffic.exit_requests[0].header_value("referer") is None


def test_the_exit_stays_in_reach_while_scrolling_on_a_phone(browse, site):
    context, _ = browse(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site.url(EXPLAINER))
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert page.evaluate("window.scrollY") > 2000
    box = page.get_by_role("link", name="Exit this page").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740
    assert box["height"] >= 44 and box["width"] >= 44
    page.get_by_role("link", name="Exit this page").tap()
    page.wait_for_url(settings.QUICK_EXIT_URL)
