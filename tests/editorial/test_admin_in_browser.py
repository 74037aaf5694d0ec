"""An editor in a real browser, under the site's real headers: log in, write, preview, send for review.

This is where a policy can break the admin without any server-side test noticing: a CSP that blocks the
admin's scripts or styles, or a referrer policy under which the browser posts `Origin: null` and Django
refuses the login. Any console error (a CSP violation is one) or request to another host fails the test.

The browser runs in a thread of its own: the browser package keeps one Playwright session open in the
test thread for the whole run, and a second one cannot share that thread. The test thread then checks
what the browser saw, and the database.
"""

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest

from articles.models import Article
from editorial.models import Status
from tests.chromium import launch, require_chromium
from tests.editorial.conftest import PASSWORD
from tests.staff import authenticator_for, code_for

pytestmark = pytest.mark.browser

BODY = (
    "## At night\n\n| When | What may help |\n|---|---|\n| Before bed | A wind-down routine |\n\n"
    "Call the [hotline](https://humantraffickinghotline.org).\n\n<script>alert('x')</script>\n"
)


@pytest.fixture
def chromium_installed():
    require_chromium()


def editor_session(base, username, code) -> dict:
    """Drive the admin as an editor; return what the browser saw. Runs in its own thread."""
    from playwright.sync_api import sync_playwright

    seen = {"errors": [], "other_hosts": []}
    host = urlsplit(base).netloc

    def guard(route, request):
        if urlsplit(request.url).netloc == host:
            route.continue_()
        else:
            seen["other_hosts"].append(request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        context.route("**/*", guard)
        context.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
        context.on("weberror", lambda error: seen["errors"].append(str(error.error)))
        page = context.new_page()

        page.goto(base + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        seen["second_step"] = page.url
        page.fill("#id_code", code)
        page.click("input[type=submit]")
        page.wait_for_load_state()
        seen["after_login"] = page.url

        page.goto(base + "/admin/articles/article/add/")
        page.fill("#id_title", "Nights can be hard")
        page.fill("#id_summary", "Small things that may help at night.")
        seen["slug"] = page.input_value("#id_slug")
        page.fill("#id_body", BODY)
        page.fill("#id_tags", "nightmares, ")
        page.dispatch_event("#id_tags", "input")
        seen["suggestions"] = page.eval_on_selector(
            "#id_tags", "el => Array.from(el.list.options).map(o => o.value)"
        )
        page.fill("#id_tags", "nightmares, trouble sleeping")

        with context.expect_page() as opened:
            page.get_by_role("button", name="Preview as readers will see it").click()
        preview = opened.value
        preview.wait_for_load_state()
        seen["preview_h1"] = preview.get_by_role("heading", level=1).inner_text()
        seen["preview_cells"] = preview.locator(".prose table td").all_inner_texts()
        seen["preview_links"] = preview.locator(".prose a").evaluate_all("els => els.map(a => a.href)")
        seen["preview_inline_scripts"] = preview.locator("script:not([src])").count()
        preview.close()

        page.select_option("#id_status", "in_review")
        page.click("input[name=_save]")
        page.wait_for_load_state()
        seen["after_save"] = page.url
        seen["message"] = page.locator(".messagelist").inner_text()
        browser.close()
    return seen


def test_editor_logs_in_writes_previews_and_sends_for_review(
    live_server, transactional_content, chromium_installed, editor
):
    with ThreadPoolExecutor(max_workers=1) as pool:
        # The code is worked out here: the browser's thread keeps an event loop, where the ORM may not run.
        code = code_for(authenticator_for(editor))
        session = pool.submit(editor_session, live_server.url, editor.username, code)
        seen = session.result(timeout=120)

    assert seen["second_step"].startswith(live_server.url + "/admin/second-factor/")  # password accepted
    assert seen["after_login"] == live_server.url + "/admin/"  # CSRF accepted both posts
    assert seen["slug"] == "nights-can-be-hard"  # filled in from the title
    assert "nightmares, trouble sleeping" in seen["suggestions"]
    assert not any(s.endswith(", nightmares") for s in seen["suggestions"])  # already chosen
    assert seen["preview_h1"] == "Nights can be hard"
    assert seen["preview_cells"] == ["Before bed", "A wind-down routine"]
    assert seen["preview_links"] == ["https://humantraffickinghotline.org/"]
    assert seen["preview_inline_scripts"] == 0
    assert seen["after_save"] == live_server.url + "/admin/articles/article/"
    assert "was added successfully" in seen["message"]
    assert seen["errors"] == [] and seen["other_hosts"] == []

    article = Article.objects.get(slug="nights-can-be-hard")
    assert article.status == Status.IN_REVIEW
    assert sorted(article.tags.names()) == ["nightmares", "trouble sleeping"]
    assert article.history.count() == 1  # the save; the preview stored nothing
    assert "<script" not in article.body_html
