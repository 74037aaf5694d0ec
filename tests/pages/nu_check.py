"""The Nu HTML Checker (vnu.jar) on every public page type and the site's stylesheets.

Run by `make test-conformance`, which installs the `vnu-jar` npm package and runs it with the
machine's Java: that is why this file is not named test_*.py and stays out of `make test`.
`VNU_JAR` says where the jar is. A page passes with zero errors and zero warnings.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.pages.public_urls import (
    DECISION_AID,
    VOLUNTEER_FORM,
    decision_aid_steps,
    in_spanish,
    spanish_html_pages,
)

# The reader-facing stylesheets: the site's, and the decision aid's (its pages and discreet print).
STYLESHEETS = [ROOT / "static" / "css" / name for name in ("site.css", "choose.css", "choose-discreet.css")]
CHECK_SECONDS = 300
# Checked beside the site's pages, so a checker that reports nothing at all fails the test.
KNOWN_BAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="x-dns-prefetch-control" content="off"><title>t</title></head></html>'
)


@pytest.fixture(scope="module")
def vnu():
    jar = os.environ.get("VNU_JAR", "")
    if not jar or not Path(jar).is_file():
        pytest.fail(f"VNU_JAR={jar!r} is not the Nu checker's jar; run `make test-conformance`")
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing; install Debian's default-jre-headless")
    return [java, "-jar", jar]


def nu_messages(vnu, folder: Path) -> list[dict]:
    """Every message the Nu checker has about the files in `folder`."""
    result = subprocess.run(
        [*vnu, "--format", "json", "--also-check-css", "--exit-zero-always", str(folder)],
        capture_output=True,
        text=True,
        timeout=CHECK_SECONDS,
    )
    return json.loads(result.stderr or result.stdout)["messages"]


def is_finding(message: dict) -> bool:
    """An error, or a warning (an "info" message whose subType is "warning")."""
    return message["type"] != "info" or message.get("subType") == "warning"


def describe(message: dict, folder: Path) -> str:
    where = message.get("url", "").removeprefix("file:").removeprefix(str(folder) + "/")
    return f"{where}:{message.get('lastLine', '?')}: {message['type']}: {message['message']}"


def test_every_page_and_stylesheet_has_no_errors_or_warnings(client, html_pages, tmp_path, vnu):
    pages = {path: client.get(path) for path in [*html_pages, *spanish_html_pages()]}
    pages["volunteer form with errors"] = client.post(VOLUNTEER_FORM, {"name": "", "email": "x"})
    for aid in (DECISION_AID, in_spanish(DECISION_AID)):
        for step, answers in decision_aid_steps().items():
            pages[f"{aid} {step}"] = client.post(aid, answers)
    for number, (path, response) in enumerate(pages.items()):
        name = f"{number:02d}-" + ("".join(c if c.isalnum() else "-" for c in path).strip("-") or "home")
        (tmp_path / f"{name}.html").write_bytes(response.content)
    for stylesheet in STYLESHEETS:
        shutil.copy(stylesheet, tmp_path / stylesheet.name)
    (tmp_path / "known-bad.html").write_text(KNOWN_BAD)
    messages = nu_messages(vnu, tmp_path)
    for message in messages:
        print(describe(message, tmp_path))
    findings = [describe(m, tmp_path) for m in messages if is_finding(m)]
    assert [f for f in findings if f.startswith("known-bad.html")], "the checker did not run"
    assert [f for f in findings if not f.startswith("known-bad.html")] == []
    print(f"Nu checker: {len(pages)} pages and {len(STYLESHEETS)} stylesheet(s), no errors or warnings")
