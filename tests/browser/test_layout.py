"""Small screens, zoom, reduced motion and print, in a real browser; screenshots for people to look at."""

import pytest

pytestmark = pytest.mark.browser

NARROW_PAGES = ["/", "/modalities/emdr/", "/modalities/compare/", "/articles/", "/tags/", "/search/?q=sleep",
                "/safety/", "/volunteer/"]  # fmt: skip
SCREENSHOT_PAGES = {"home": "/", "explainer": "/modalities/emdr/"}


def horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize(
    "width, scale",
    [
        (320, 1),  # WCAG 1.4.10 reflow: 320 CSS px wide
        (640, 2),  # a 1280 px window at 200% zoom
    ],
)
def test_no_page_scrolls_sideways_when_narrow_or_zoomed(browse, site, width, scale):
    context, _ = browse(viewport={"width": width, "height": 800}, device_scale_factor=scale)
    page = context.new_page()
    overflowing = {}
    for path in NARROW_PAGES:
        page.goto(site.url(path))
        if (extra := horizontal_overflow(page)) > 0:
            overflowing[path] = extra
    assert overflowing == {}


def test_the_exit_and_navigation_fit_at_320_px(browse, site):
    context, _ = browse(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site.url("/"))
    for name in ("Exit this page", "Help now", "Browse safely"):
        link = page.get_by_role("link", name=name, exact=True).first
        # The menu is one line that scrolls sideways inside itself on a phone (as focus scrolls it).
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, name
        assert box["height"] >= 24, name


def test_smooth_scrolling_stops_when_the_reader_asks_for_less_motion(browse, site):
    context, _ = browse(reduced_motion="reduce")
    page = context.new_page()
    page.goto(site.url("/modalities/emdr/"))
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    context, _ = browse(reduced_motion="no-preference")
    page = context.new_page()
    page.goto(site.url("/modalities/emdr/"))
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"


CONTROLS = (".quick-exit", ".skip-link", ".site-nav", ".help-now", ".site-footer", ".toc")


def printed_controls_and_help(page) -> tuple[list[str], int]:
    """Which of the site's controls still show in print, and how many help boxes do."""
    shown = [
        selector
        for selector in (
            ".quick-exit",
            ".skip-link",
            ".site-nav",
            ".help-now",
            ".site-footer",
            ".toc",
            ".tags",
        )
        if page.locator(selector).count() and page.locator(selector).first.is_visible()
    ]
    help_boxes = [box for box in page.locator(".help-box, #crisis-help").all() if box.is_visible()]
    return shown, len(help_boxes)


@pytest.mark.parametrize("path", ["/modalities/emdr/", "/articles/how-we-rate-evidence/", "/articles/"])
def test_printed_pages_have_no_controls_and_the_crisis_lines_once(tab, site, path):
    tab.goto(site.url(path))
    tab.emulate_media(media="print")
    shown, help_boxes = printed_controls_and_help(tab)
    assert shown == []
    assert help_boxes == 1
    # The numbers are printed as text, after the page's own content.
    assert tab.locator(".help-box").get_by_text("988").first.is_visible()
    main, help_box = tab.locator("main").bounding_box(), tab.locator(".help-box").bounding_box()
    assert help_box["y"] >= main["y"] + main["height"]


def test_printing_an_explainer_drops_the_controls_and_shows_reference_addresses(tab, site):
    tab.goto(site.url("/modalities/emdr/"))
    tab.emulate_media(media="print")
    for selector in (".quick-exit", ".site-nav", ".site-footer", ".toc"):
        assert tab.locator(selector).is_hidden(), selector
    assert tab.get_by_role("heading", level=1).is_visible()
    addresses = tab.locator(".references .ref-url")
    assert addresses.count() >= 3
    assert all(text.startswith("https://") for text in addresses.all_inner_texts())
    assert addresses.first.is_visible()


def test_printing_an_article_writes_out_its_links(tab, site):
    tab.goto(site.url("/articles/how-we-rate-evidence/"))
    tab.emulate_media(media="print")
    after = tab.evaluate(
        """() => {
            const link = document.querySelector('.prose a[href^="https://"]');
            return [link.getAttribute("href"), getComputedStyle(link, "::after").content];
        }"""
    )
    assert after[0] in after[1]


def test_printing_the_comparison_keeps_it_a_table_without_the_controls(browse, site):
    context, _ = browse(viewport={"width": 700, "height": 900})
    page = context.new_page()
    page.goto(site.url("/modalities/compare/"))
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".quick-exit").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('table.compare')).display") == "table"
    assert page.locator("table.compare thead").is_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_of_home_and_an_explainer(browse, site, artifacts, width):
    phone = width < 600
    context, _ = browse(viewport={"width": width, "height": 800}, is_mobile=phone, has_touch=phone)
    page = context.new_page()
    for name, path in SCREENSHOT_PAGES.items():
        page.goto(site.url(path))
        target = artifacts / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
        assert horizontal_overflow(page) <= 0
