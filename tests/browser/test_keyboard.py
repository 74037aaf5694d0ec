"""Keyboard-only use: the exit is the first tab stop, the skip link the second, and focus is visible."""

import pytest
from django.conf import settings

from tests.pages.public_urls import MISSING_PAGE

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


@pytest.mark.parametrize(("path", "label", "other"), [("/safety/", "Español", "/es/safety/"),
                                                     ("/es/safety/", "English", "/safety/")])  # fmt: skip
def test_the_same_page_in_the_other_language_is_a_few_tabs_away(tab, site, path, label, other):
    tab.goto(site.url(path))
    for _ in range(5):  # the exit, the skip link, the site's name, "Help now", then this link
        tab.keyboard.press("Tab")
    now = focused(tab)
    assert now["text"] == label
    assert now["inView"] and (now["outline"] or now["shadow"])
    tab.keyboard.press("Enter")
    tab.wait_for_url(site.url(other))


def test_enter_on_the_focused_exit_leaves(tab, site):
    tab.goto(site.url("/safety/"))
    tab.keyboard.press("Tab")
    tab.keyboard.press("Enter")
    tab.wait_for_url(settings.QUICK_EXIT_URL)


# One of each page type a reader can reach, so every component's focus style is met at least once.
PAGE_TYPES = [
    "/",
    "/modalities/",
    "/modalities/emdr/",
    "/modalities/compare/",
    "/modalities/compare/?show=emdr&show=tf-cbt",
    "/articles/",
    "/articles/you-are-not-alone/",
    "/tags/",
    "/tags/nightmares/",
    "/search/?q=sleep",
    "/search/",
    "/safety/",
    "/volunteer/",
    "/volunteer/thanks/",
    "/choose/",
    "/choose/ results",  # reached by posting the questions; the aid has a stylesheet of its own
    MISSING_PAGE,  # the friendly error pages share one frame; the 404 stands for them all
    "/es/",
    "/es/modalities/emdr/",
]
# Pages with no address of their own: the page at the path, then the button pressed on it.
AFTER_A_BUTTON = {"/choose/ results": ("/choose/", "Show the therapies")}
TEXT_CONTRAST = 4.5  # WCAG 1.4.3, normal text
INDICATOR_CONTRAST = 3.0  # WCAG 1.4.11 / 2.4.13: the focus indicator against what surrounds it

# Measured in the page from computed styles. A colour over a transparent background sits on the
# nearest ancestor's background. The indicator is an outline, a box shadow or a background of its
# own; it counts when one of its colours stands out from the background around the element.
FOCUS_STATE_JS = r"""() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const channel = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const parse = s => (s.match(/rgba?\([^)]*\)/g) || []).map(c => c.match(/[\d.]+/g).map(Number));
  const visible = c => c.length < 4 || c[3] > 0.5;
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const backgroundOf = node => {
    for (; node; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor)[0];
      if (c && visible(c)) return c;
    }
    return [255, 255, 255];
  };
  const style = getComputedStyle(el);
  const own = backgroundOf(el), around = backgroundOf(el.parentElement);
  const indicator = [];
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  if (outlined) indicator.push(...parse(style.outlineColor));
  if (style.boxShadow !== "none") indicator.push(...parse(style.boxShadow));
  indicator.push(own);
  const box = el.getBoundingClientRect();
  const text = (el.innerText || el.value || "").trim();
  return {
    name: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""} "${text.slice(0, 40)}"`,
    hasText: text.length > 0 && el.type !== "checkbox",
    text: ratio(parse(style.color)[0], own),
    indicator: Math.max(...indicator.filter(visible).map(c => ratio(c, around))),
    shown: box.width > 0 && box.height > 0,
  };
}"""


def focus_problems(page, limit: int = 400) -> tuple[int, list[str]]:
    """Tab from the top of the page to its end; what is wrong with each focused element."""
    problems, seen = [], 0
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if state is None:
            break
        seen += 1
        if state["hasText"] and state["text"] < TEXT_CONTRAST:
            problems.append(f"{state['name']}: text contrast {state['text']:.2f}:1 when focused")
        if state["indicator"] < INDICATOR_CONTRAST:
            problems.append(f"{state['name']}: focus indicator only {state['indicator']:.2f}:1")
        if not state["shown"]:
            problems.append(f"{state['name']}: focused but not on screen")
    return seen, problems


@pytest.mark.parametrize("width", [1280, 360])
def test_every_focusable_element_is_readable_and_visibly_focused(browse, site, width):
    context, traffic = browse(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    for path in PAGE_TYPES:
        address, button = AFTER_A_BUTTON.get(path, (path, None))
        response = page.goto(site.url(address))
        assert response.status == (404 if path == MISSING_PAGE else 200), path
        if button:
            with page.expect_navigation():
                page.get_by_role("button", name=button).click()
        seen, found = focus_problems(page)
        assert seen >= 10, f"{path}: only {seen} focusable elements reached"
        problems += [f"{path} {problem}" for problem in found]
    # The browser reports the missing page's 404 on the console; that one, and only that one, is expected.
    missing = [text for text in traffic.console_errors if "status of 404" in text]
    assert len(missing) == 1, traffic.console_errors
    traffic.console_errors.remove(missing[0])
    assert problems == []


def test_the_focus_check_itself_finds_pale_text_on_yellow(browse, site):
    # The header's links as they once were: white on the yellow focus colour (1.35:1).
    context, _ = browse(bypass_csp=True)  # to add the bad style below
    page = context.new_page()
    page.goto(site.url("/"))
    page.add_style_tag(content=".site-header a:focus-visible { color: #fff !important; }")
    _, problems = focus_problems(page, limit=6)
    assert any("text contrast 1.3" in problem for problem in problems)


@pytest.mark.parametrize("width", [320, 360, 1280])
def test_the_focused_skip_link_never_covers_the_exit(browse, site, width):
    context, _ = browse(
        viewport={"width": width, "height": 700}, is_mobile=width < 600, has_touch=width < 600
    )
    page = context.new_page()
    page.goto(site.url("/modalities/emdr/"))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    exit_button = page.get_by_role("link", name="Exit this page")
    assert skip.evaluate("el => el === document.activeElement")
    a, b = skip.bounding_box(), exit_button.bounding_box()
    assert a["width"] > 0 and a["y"] >= 0
    overlap = not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                   or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip
    assert not overlap, (a, b)
    # The exit button can still be reached by a tap at its centre while the skip link is shown.
    centre = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('a')?.textContent", centre)
    assert on_top.startswith("Exit this page")


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
