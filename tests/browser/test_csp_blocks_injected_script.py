"""Defence in depth: even HTML that slipped past the sanitiser cannot run script in a reader's browser."""

import pytest

from articles.models import Article

pytestmark = pytest.mark.browser

INJECTED = (
    '<p>Injected</p><script>document.title = "pwned"; window.injected = true;</script>'
    '<img src="/static/css/site.css" onerror="window.injected = true">'
)


def test_inline_script_in_stored_html_does_not_run(browse, site):
    # Write straight into the stored HTML, bypassing the sanitiser, as a bug in it might.
    Article.objects.filter(slug="getting-help-now").update(body_html=INJECTED)
    context, traffic = browse()
    tab = context.new_page()
    tab.goto(site.url("/articles/getting-help-now/"))
    assert tab.locator("text=Injected").count() == 1, "the page itself still renders"
    assert tab.title() != "pwned"
    assert tab.evaluate("() => window.injected === undefined")
    assert any("Content Security Policy" in text for text in traffic.console_errors)
    # The violations were the point of this test; nothing else may have gone wrong.
    traffic.console_errors[:] = [t for t in traffic.console_errors if "Content Security Policy" not in t]
