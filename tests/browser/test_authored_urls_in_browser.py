"""What Chromium itself fetches for sanitised hostile HTML: nothing from another host.

The sanitised samples are served on the site's own address with no Content Security Policy, so the
sanitiser alone stands between them and a third-party request. The guarded browser context fails
the test for any request that leaves the site.
"""

import pytest

from markup import render_markdown
from tests.content.test_markdown_sanitising import load_eval_samples

pytestmark = pytest.mark.browser


def test_no_sanitised_sample_makes_the_browser_fetch_from_another_host(browse, site):
    body = "\n".join(f"<div>{render_markdown(sample).html}</div>" for sample in load_eval_samples())
    context, traffic = browse()
    tab = context.new_page()
    # A page-level route wins over the context's guard: this one address serves the samples, bare.
    tab.route(
        site.url("/sanitised-samples/"),
        lambda route: route.fulfill(status=200, content_type="text/html", body=f"<!doctype html>{body}"),
    )
    tab.goto(site.url("/sanitised-samples/"))
    tab.wait_for_load_state("networkidle")
    assert tab.locator("img").count() >= 1, "the samples' images were rendered"
    # Every image kept points here; the guard records (and fails on) any request elsewhere.
    assert traffic.blocked == []
