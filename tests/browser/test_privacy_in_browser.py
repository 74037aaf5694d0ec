"""Looking at the network panel and the cookie jar of a reading session, as the issue asks."""

import pytest

from tests.pages.public_urls import a_tag, an_article

pytestmark = pytest.mark.browser


def reading_session() -> list[str]:
    """The pages a reader might look at in one sitting."""
    fixed = ["/", "/modalities/", "/modalities/emdr/", "/modalities/compare/", "/articles/", "/tags/"]
    return [*fixed, an_article(), a_tag(), "/search/?q=nightmares", "/safety/"]


def test_reading_pages_leave_no_cookie_and_no_storage(browse, site):
    context, traffic = browse()
    page = context.new_page()
    for path in reading_session():
        page.goto(site.url(path))
        stored = page.evaluate("[localStorage.length, sessionStorage.length]")
        assert stored == [0, 0], path
    assert context.cookies() == []


def test_every_request_of_a_reading_session_goes_to_this_site(browse, site):
    context, traffic = browse()
    page = context.new_page()
    for path in reading_session():
        page.goto(site.url(path))
        page.wait_for_load_state("networkidle")
    assert traffic.site_requests, "the guard saw no requests at all"
    assert traffic.blocked == []
    assert traffic.exit_requests == []
    assert all(site.is_ours(url) for url in traffic.site_requests)
