"""On a phone, a search by someone in danger shows help on the first screen, with large call and text
links."""

import pytest

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
MIN_TARGET_PX = 44


QUERIES = ["i want to die", "they took my passport", "my little brother is being hurt"]


@pytest.mark.parametrize("query", QUERIES)
def test_help_comes_first_on_a_phone_with_large_call_and_text_links(browse, site, query):
    context, _ = browse(**PHONE)
    page = context.new_page()
    page.goto(site.url("/search/?" + f"q={query.replace(' ', '+')}"))

    first = page.evaluate("document.querySelector('main').firstElementChild.id")
    assert first == "crisis-help"
    panel = page.locator("#crisis-help").bounding_box()
    assert panel["y"] < PHONE["viewport"]["height"], "the help starts on the first screen"

    links = page.locator("#crisis-help a[href^='tel:'], #crisis-help a[href^='sms:']")
    assert links.count() >= 3
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, links.nth(index).inner_text()
    assert query not in page.locator("#crisis-help").inner_text().lower()
    assert violations(page) == []
