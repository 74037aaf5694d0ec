"""A search leaves its words neither in the address bar nor in the browser's history.

One test runs chromium with a profile of its own on disk, searches the way a reader does, then
closes the browser and reads the profile's History database, where Chrome keeps every address and
title it was shown: the words must not be there, and the pages visited must be (so the check is real).
"""

import shutil
import sqlite3

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.browser

# Words that appear in no address or title of the site, so finding them means a search leaked.
FIRST_WORDS = "sleepless shaking"
SECOND_WORDS = "nightmares"
SECRET_WORDS = ["sleepless", "shaking", "nightmares", "q="]


def history_rows(profile) -> list[str]:
    """Every address, title and typed search term in a closed profile's History database."""
    copy = profile.parent / "History-copy"
    shutil.copy(profile / "Default" / "History", copy)
    with sqlite3.connect(copy) as db:
        rows = [f"{url} {title}" for url, title in db.execute("SELECT url, title FROM urls")]
        rows += [term for (term,) in db.execute("SELECT term FROM keyword_search_terms")]
    return rows


def search_from(page, box_selector: str, words: str):
    page.fill(box_selector, words)
    page.press(box_selector, "Enter")
    page.wait_for_function(
        "words => document.querySelector('#search-q') && document.querySelector('#search-q').value === words",
        arg=words,
    )


@pytest.fixture
def own_profile_browser(chromium, site, tmp_path):
    """A chromium with its own profile on disk, allowed to reach the live server only."""
    profile = tmp_path / "profile"
    context = chromium.browser_type.launch_persistent_context(
        str(profile),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        # Playwright turns the back-forward cache off by default; readers' browsers have it on.
        ignore_default_args=["--disable-back-forward-cache"],
    )
    # Requests are watched, not intercepted: interception would keep pages out of the browser's
    # back-forward cache, which is what brings results back after a reader follows a result.
    other_hosts = []
    context.on("request", lambda request: site.is_ours(request.url) or other_hosts.append(request.url))
    yield context, profile
    assert other_hosts == []


def test_searches_leave_no_words_in_the_address_bar_or_the_history_database(own_profile_browser, site):
    context, profile = own_profile_browser
    page = context.pages[0] if context.pages else context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto(site.url("/"))
    search_from(page, "#home-search", FIRST_WORDS)
    assert page.url == site.url("/search/")
    assert page.locator("#results-title, #crisis-help").first.is_visible()
    search_from(page, "#search-q", SECOND_WORDS)
    assert page.url == site.url("/search/")
    # A result link was followed, then Back: the results are there again, and no words appeared.
    page.locator("ol.search-results a").first.click()
    page.wait_for_load_state()
    assert "/search/" not in page.url

    # Back and Forward walk through the searches with no prompt and no words in the address.
    page.go_back(wait_until="commit")
    page.wait_for_selector("#search-q")
    page.go_back(wait_until="commit")
    assert page.locator("#search-q").input_value() == FIRST_WORDS
    assert page.url == site.url("/search/")
    page.go_back(wait_until="commit")
    assert page.url == site.url("/")
    page.go_forward(wait_until="commit")
    assert page.locator("#search-q").input_value() == FIRST_WORDS
    page.go_forward(wait_until="commit")
    assert page.locator("#search-q").input_value() == SECOND_WORDS
    assert page.url == site.url("/search/")
    assert dialogs == []
    assert "resubmission" not in page.content().lower()
    context.close()

    rows = history_rows(profile)
    assert any(row.startswith(site.url("/ ")) or row.startswith(site.url("/search/")) for row in rows), rows
    for row in rows:
        for word in SECRET_WORDS:
            assert word not in row, row


def test_links_that_carry_words_are_followed_without_them_in_the_address(browse, site):
    """Pages of results, "did you mean" and filter links are links to /search/?q=...: each is
    followed by the script, so the words go in a request body, not the address."""
    context, _ = browse()
    page = context.new_page()
    page.goto(site.url("/search/"))
    page.evaluate(
        """() => {
            const link = document.createElement("a");
            link.href = "/search/?q=nightmares&page=1";
            link.id = "link-with-words";
            link.textContent = "nightmares";
            document.querySelector("main").append(link);
        }"""
    )
    page.click("#link-with-words")
    page.wait_for_function("() => document.querySelector('#search-q').value === 'nightmares'")
    assert page.url == site.url("/search/")
    assert page.locator("ol.search-results li").count() > 0


def test_without_javascript_the_search_page_says_the_words_stay_in_history(browse, site):
    context, _ = browse(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("/search/"))
    notice = page.locator(".search-history-note")
    assert notice.count() == 1
    assert notice.is_visible()
    assert "will stay in its history" in notice.inner_text()
    assert notice.get_by_role("link").get_attribute("href") == "/safety/"
    # The form still works as a plain form; the words are then in the address, as the notice says.
    page.fill("#search-q", "nightmares")
    page.press("#search-q", "Enter")
    page.wait_for_url("**/search/?q=nightmares*")


def test_with_javascript_the_history_notice_is_not_shown(tab, site):
    tab.goto(site.url("/search/"))
    assert tab.locator(".search-history-note").count() == 0
