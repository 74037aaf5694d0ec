"""A quick exit that can always be tried again: when the neutral site is slow or its loading is
stopped, a second press or click goes again at once, and the page stays hidden meanwhile; a page
the browser restores from its back-forward cache comes back whole."""

import pytest
from django.conf import settings

from tests.browser.conftest import EXIT_STUB_HTML
from tests.browser.test_quick_exit import open_from_elsewhere, press_shift

pytestmark = pytest.mark.browser

HIDDEN_BUT_EXIT = """() => [...document.body.children].every(
    (el) => el.matches(".quick-exit") === el.checkVisibility())"""


def hold_first_exit_request(context):
    """The neutral site never answers the first request; later ones get its page."""
    held = []

    def answer(route):
        if not held:
            held.append(route)
        else:
            route.fulfill(status=200, content_type="text/html", body=EXIT_STUB_HTML)

    context.route(settings.QUICK_EXIT_URL, answer)
    return held


def wait_until(page, condition, seconds=10):
    for _ in range(seconds * 20):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("timed out")


@pytest.mark.parametrize("how", ["click", "shift"])
def test_a_stopped_exit_can_be_tried_again_at_once(browse, site, how):
    context, _ = browse()
    page = context.new_page()
    held = hold_first_exit_request(context)
    open_from_elsewhere(page, site)
    exit_button = page.get_by_role("link", name="Exit this page")
    exit_button.click(no_wait_after=True)
    wait_until(page, lambda: held)
    # The reader presses Escape: the browser stops loading the neutral site and stays here.
    # (Through the DevTools protocol: a script cannot run in a page whose navigation is pending.)
    context.new_cdp_session(page).send("Page.stopLoading")
    assert page.evaluate("document.documentElement.classList.contains('exiting')")
    assert page.evaluate(HIDDEN_BUT_EXIT), "the page showed again while the exit was pending"
    assert page.title() == "Loading"
    if how == "click":
        exit_button.click()
    else:
        press_shift(page)
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert page.title() == "Weather"


def test_a_slow_neutral_site_can_be_left_for_by_pressing_again(browse, site):
    context, _ = browse()
    page = context.new_page()
    held = hold_first_exit_request(context)
    open_from_elsewhere(page, site)
    press_shift(page, 3)
    wait_until(page, lambda: held)
    press_shift(page)  # one more press is enough: the count already reached three
    page.wait_for_url(settings.QUICK_EXIT_URL)
    assert page.title() == "Weather"


def test_a_page_restored_from_the_back_forward_cache_is_whole_again(browse, site):
    context, _ = browse()
    page = context.new_page()
    page.goto(site.url("/modalities/emdr/"))
    title = page.title()
    # As if an exit had begun and the reader then went elsewhere and came Back to a cached page.
    page.evaluate("document.documentElement.classList.add('exiting'); document.title = 'Loading'")
    page.evaluate("""() => window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}))""")
    assert not page.evaluate("document.documentElement.classList.contains('exiting')")
    assert page.title() == title
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.locator("[data-quick-exit-bar]").get_attribute("data-presses") == "0"
