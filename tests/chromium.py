"""How the tests launch a browser, said once: Debian's /usr/bin/chromium, headless, never downloaded.

Missing chromium skips the browser tests on a workstation and fails them in CI.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def require_chromium() -> None:
    """Skip (or, in CI, fail) the calling test when chromium is not installed."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)"
        if running_in_ci():
            pytest.fail(message)
        pytest.skip(message)


def launch(playwright):
    """A headless chromium from the given Playwright (sync API)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
