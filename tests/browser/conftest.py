"""Real-browser tests: Debian's chromium, driven by Playwright's sync API, against a live server.

Browsers are never downloaded: chromium is launched from /usr/bin/chromium. The tests skip only when
that binary is missing and CI is not set; in CI a missing browser is a failure.

Every browser context is guarded: a request to the live server goes through, a request to the quick
exit's neutral site is answered by a local stub (so nothing leaves the machine), and any other
request is blocked and fails the test. Console errors (a CSP violation, say) and script errors fail
the test too.
"""

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.chromium import launch, require_chromium
from tests.conftest import ROOT

ARTIFACTS = ROOT / "artifacts"
EXIT_STUB_HTML = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


@pytest.fixture(scope="package")
def chromium():
    """One headless chromium for the whole browser package."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, and Django refuses ORM
    # calls from a thread with a running loop. The calls here are plain synchronous test setup.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Site:
    """The live server, with the curated content loaded."""

    base: str

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    def is_ours(self, url: str) -> bool:
        return urlsplit(url).netloc == self.host


@pytest.fixture
def site(live_server, transactional_content):
    return Site(live_server.url)


@dataclass
class Traffic:
    """What a browser context asked for, sorted by where it went."""

    site_requests: list[str] = field(default_factory=list)
    exit_requests: list = field(default_factory=list)  # playwright Request objects
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture
def browse(chromium, site):
    """A factory for guarded browser contexts: `context, traffic = browse(viewport=...)`."""
    exit_host = urlsplit(settings.QUICK_EXIT_URL).netloc
    opened = []

    def new_context(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        context = chromium.new_context(**options)
        traffic = Traffic()

        def guard(route, request):
            host = urlsplit(request.url).netloc
            if host == site.host:
                traffic.site_requests.append(request.url)
                route.continue_()
            elif host == exit_host:
                traffic.exit_requests.append(request)
                route.fulfill(status=200, content_type="text/html", body=EXIT_STUB_HTML)
            else:
                traffic.blocked.append(request.url)
                route.abort()

        def on_console(message):
            if message.type == "error":
                traffic.console_errors.append(message.text)

        context.route("**/*", guard)
        context.on("console", on_console)
        context.on("weberror", lambda error: traffic.console_errors.append(str(error.error)))
        opened.append((context, traffic))
        return context, traffic

    yield new_context

    problems = []
    for context, traffic in opened:
        context.close()
        problems += [f"request to another host: {url}" for url in traffic.blocked]
        problems += [f"console error: {text}" for text in traffic.console_errors]
    if problems:
        pytest.fail("\n".join(problems))


@pytest.fixture
def tab(browse):
    """A browser tab (Playwright page) in a fresh guarded context, desktop-sized."""
    context, _ = browse()
    return context.new_page()


@pytest.fixture
def artifacts():
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
