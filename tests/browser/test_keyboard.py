"""Keyboard-only use: the exit is the first tab stop, the skip link the second, and focus is visible."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {
                text: el.textContent.trim(),
                id: el.id,
                outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                shadow: style.boxShadow !== "none",
                background: style.backgroundColor,
                inView: box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0,
            };
        }"""
    )


def test_tab_reaches_the_exit_first_then_the_skip_link(tab, site):
    tab.goto(site.url("/modalities/emdr/"))
    tab.keyboard.press("Tab")
    first = focused(tab)
    assert first["text"] == "Exit this page"
    assert first["inView"]
    assert first["outline"] or first["shadow"], "focus on the exit is not visible"
    tab.keyboard.press("Tab")
    second = focused(tab)
    assert second["text"] == "Skip to main content"
    assert second["inView"], "the skip link does not appear when focused"
    # Following the skip link moves focus to the main content.
    tab.keyboard.press("Enter")
    assert focused(tab)["id"] == "main-content"
    tab.keyboard.press("Tab")
    inside_main = tab.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert inside_main


def test_enter_on_the_focused_exit_leaves(tab, site):
    tab.goto(site.url("/safety/"))
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(settings.QUICK_EXIT_URL)


def test_every_link_and_control_shows_where_focus_is(tab, site):
    tab.goto(site.url("/"))
    unseen = []
    count = tab.evaluate("document.querySelectorAll('a[href], button, input:not([type=hidden])').length")
    for _ in range(count):
        tab.keyboard.press("Tab")
        state = focused(tab)
        if not (state["outline"] or state["shadow"]):
            unseen.append(state["text"] or state["id"])
    assert unseen == []


def test_shift_tab_from_the_skip_link_goes_back_to_the_exit_without_counting(tab, site):
    tab.clock.install()
    tab.goto(site.url("/"))
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")
    for _ in range(3):
        # Shift+Tab three times: a shortcut, not three Shift presses.
        tab.keyboard.press("Shift+Tab")
    tab.clock.run_for(1000)  # past any delayed exit, within the five-second window
    presses = tab.locator("[data-quick-exit-bar]")
    assert presses.get_attribute("data-presses") == "0"
    assert not tab.evaluate("document.documentElement.classList.contains('exiting')")
    assert site.is_ours(tab.url)
    # The counter is listening: a lone Shift now counts.
    tab.keyboard.press("Shift")
    assert presses.get_attribute("data-presses") == "1"
