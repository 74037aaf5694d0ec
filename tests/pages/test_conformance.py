"""Every public page type, in English and in Spanish, is conforming HTML, as far as it can be
checked without Java.

tests/pages/conformance.py holds the checks; `make test-conformance` adds the Nu HTML Checker.
"""

import pytest

from tests.pages.conformance import html_problems
from tests.pages.public_urls import (
    DECISION_AID,
    VOLUNTEER_FORM,
    decision_aid_steps,
    in_spanish,
    spanish_html_pages,
)

# Words, markup and ranking: the same rows give the same answer on any database.
pytestmark = pytest.mark.same_on_any_database

DECISION_AID_TEMPLATES = {
    f"choose/{name}.html" for name in ("questions", "results", "compare", "summary", "summary_discreet")
}


def page_problems(response, path: str) -> list[str]:
    assert response["Content-Type"].startswith("text/html"), path
    return [f"{path}: {problem}" for problem in html_problems(response.content.decode())]


def test_every_public_page_is_conforming_html(client, html_pages):
    problems = []
    for path in html_pages:
        problems += page_problems(client.get(path), path)
    assert problems == []


def test_every_spanish_page_is_conforming_html(client, content):
    problems = []
    for path in spanish_html_pages():
        problems += page_problems(client.get(path), path)
    assert problems == []


@pytest.mark.parametrize("aid", [DECISION_AID, in_spanish(DECISION_AID)])
def test_every_decision_aid_page_after_the_questions_is_conforming_html(client, content, aid):
    problems, templates = [], set()
    for step, answers in decision_aid_steps().items():
        response = client.post(aid, answers)
        assert response.status_code == 200, step
        templates.add(response.templates[0].name)
        problems += page_problems(response, f"{aid} ({step})")
    assert templates == DECISION_AID_TEMPLATES  # each of the aid's pages, not one of them five times
    assert problems == []


def test_the_volunteer_form_with_errors_is_conforming_html(client, content):
    response = client.post(VOLUNTEER_FORM, {"name": "", "email": "not an address"})
    assert response.status_code == 200
    assert page_problems(response, "volunteer form with errors") == []


BROKEN = {
    "the dns-prefetch pragma": '<meta http-equiv="x-dns-prefetch-control" content="off">',
    "a link in a link": '<a href="/a/">one <a href="/b/">two</a></a>',
    "a stray end tag": "<p>text</div></p>",
    "a duplicate id": '<p id="x">a</p><p id="x">b</p>',
    "a label for nothing": '<label for="nowhere">Name</label>',
    "a skip link to nothing": '<a href="#main-content">Skip</a>',
    "a list holding a paragraph": "<ul><p>no</p></ul>",
}


@pytest.mark.parametrize("snippet", BROKEN.values(), ids=BROKEN.keys())
def test_the_checker_finds_each_kind_of_error(snippet):
    head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
    assert html_problems(f"{head}<body><p>x</p></body></html>") == []
    assert html_problems(f"{head}<body>{snippet}</body></html>") != []
