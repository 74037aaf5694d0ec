"""Every page's frame: language, landmarks, one h1, the quick exit first, the skip link, the help box.

Checked on every public HTML page and on each error page, rendered the way Django renders them.
"""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings

from pages import views

FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])"
# How the help box says it, in each language the site is written in.
NOT_MEDICAL_ADVICE = {"en": "not medical advice", "es": "no consejo médico"}


def frame_problems(html: bytes | str, language: str = "en") -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    expect(soup.html and soup.html.get("lang") == language, f"html has no lang='{language}'")
    expect(soup.title and soup.title.get_text(strip=True), "no title")
    viewport = soup.find("meta", attrs={"name": "viewport"})
    expect(viewport and "user-scalable" not in viewport["content"], "zooming is not allowed")
    expect(viewport and "maximum-scale" not in viewport["content"], "zooming is limited")

    h1s = soup.find_all("h1")
    expect(len(h1s) == 1, f"{len(h1s)} h1 elements")
    mains = soup.find_all("main")
    expect(len(mains) == 1 and mains[0].get("id") == "main-content", "not one main#main-content")
    expect(h1s and mains and h1s[0] in mains[0].descendants, "the h1 is outside main")
    body = soup.body
    expect(len(body.find_all("header", recursive=False)) == 1, "no page header (banner)")
    expect(len(body.find_all("footer", recursive=False)) == 1, "no page footer (contentinfo)")
    expect(soup.select("header nav[aria-label]"), "no labelled main navigation")

    focusable = soup.select(FOCUSABLE)
    exit_link = soup.select_one("a[data-quick-exit]")
    expect(exit_link is not None, "no quick exit")
    expect(focusable and focusable[0] is exit_link, "the quick exit is not the first tab stop")
    skip = soup.select_one("a.skip-link")
    expect(len(focusable) > 1 and focusable[1] is skip, "the skip link is not the second tab stop")
    expect(skip and skip["href"] == "#main-content", "the skip link does not lead to main")
    if exit_link is not None:
        expect(exit_link["href"] == settings.QUICK_EXIT_URL, "the quick exit goes somewhere else")
        expect("noreferrer" in exit_link.get("rel", []), "the quick exit link may send a referrer")
        expect(exit_link.get("referrerpolicy") == "no-referrer", "no referrerpolicy on the quick exit")
    region = soup.select_one("[data-quick-exit-bar]")
    expect(region and region.get("role") == "region" and region.get("aria-label"), "quick exit is no region")
    status = soup.select_one("[data-quick-exit-status]")
    expect(status and status.get("aria-live") == "polite", "no live region for the Shift shortcut")

    help_box = soup.select_one("aside#help-box")
    expect(help_box is not None, "no help box")
    if help_box is not None:
        expect(help_box.select('a[href^="tel:"]'), "no tel: link in the help box")
        expect(help_box.select('a[href^="sms:"]'), "no sms: link in the help box")
        expect(NOT_MEDICAL_ADVICE[language] in help_box.get_text().lower(), "the help box does not say it")
    frame = BeautifulSoup(html, "html.parser")
    frame.main.decompose()
    said = frame.get_text().lower().count(NOT_MEDICAL_ADVICE[language])
    expect(said == 1, f"the frame says 'not medical advice' {said} times")
    safety = "/safety/" if language == settings.LANGUAGE_CODE else f"/{language}/safety/"
    expect(frame.select(f'a[href="{safety}"]'), "no link to the safety page outside main")
    return problems


def test_every_public_page_has_the_frame(client, html_pages):
    problems = []
    for path in html_pages:
        problems += [f"{path}: {problem}" for problem in frame_problems(client.get(path).content)]
    assert problems == []


@pytest.mark.parametrize(
    "handler, status",
    [
        (views.bad_request, 400),
        (views.permission_denied, 403),
        (views.page_not_found, 404),
        (views.server_error, 500),
    ],
)
def test_error_pages_have_the_frame_and_need_no_database(handler, status, django_assert_num_queries, db):
    request = RequestFactory().get("/anything/")
    with django_assert_num_queries(0):
        response = handler(request) if status == 500 else handler(request, exception=None)
    assert response.status_code == status
    assert frame_problems(response.content) == []


@pytest.mark.parametrize("template", ["429.html", "503.html"])
def test_other_error_templates_have_the_frame(template, db):
    html = render_to_string(template, request=RequestFactory().get("/anything/"))
    assert frame_problems(html) == []


def test_the_current_section_is_marked_in_the_navigation(client, content):
    soup = BeautifulSoup(client.get("/modalities/compare/").content, "html.parser")
    current = soup.select('nav a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Compare"]


@override_settings(QUICK_EXIT_URL="https://news.example/today")
def test_the_quick_exit_target_is_configurable(client, content):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    assert soup.select_one("a[data-quick-exit]")["href"] == "https://news.example/today"


@override_settings(
    CRISIS_LINES=[
        {"name": "Helpline Example", "call": "+44 (0) 800 123 456", "text": "85258", "note": "All night."},
        {"name": "Text-only line", "text": "741741"},
        {"name": "A line with no number yet"},
    ],
    EMERGENCY_NUMBERS=[{"region": "EU", "call": "112"}],
)
def test_crisis_lines_are_configurable_and_dial_cleanly(client, content):
    help_box = BeautifulSoup(client.get("/").content, "html.parser").select_one("#help-box")
    links = {a.get_text(): a["href"] for a in help_box.find_all("a")}
    assert links["+44 (0) 800 123 456"] == "tel:+440800123456"
    assert links["85258"] == "sms:85258"
    assert links["741741"] == "sms:741741"
    assert links["112"] == "tel:112"
    text = help_box.get_text(" ", strip=True)
    assert "Text 741741" in text
    assert "A line with no number yet" in text
    assert "1-888-373-7888" not in text


def test_the_default_crisis_lines_are_the_us_and_uk_lines(client, content):
    help_box = BeautifulSoup(client.get("/").content, "html.parser").select_one("#help-box")
    hrefs = {a["href"] for a in help_box.find_all("a")}
    assert {"tel:18883737888", "sms:233733", "tel:988", "sms:988", "tel:08000121700"} <= hrefs
    assert {"tel:911", "tel:999"} <= hrefs


def test_the_frame_check_itself_spots_a_second_h1_and_a_late_exit():
    html = render_to_string("404.html", request=RequestFactory().get("/x/"))
    broken = html.replace("</main>", "<h1>Another</h1></main>")
    broken = broken.replace('<a class="skip-link"', '<a href="/">Home</a><a class="skip-link"', 1)
    problems = frame_problems(broken)
    assert "2 h1 elements" in problems
    assert "the skip link is not the second tab stop" in problems


def test_the_kept_frame_marks_the_current_page_on_each_page_in_turn(client, content):
    """The frame is rendered once and kept (pages/frame.py); the current menu link still follows the page."""
    seen = {}
    paths = ("/modalities/compare/", "/articles/", "/modalities/emdr/", "/search/", "/modalities/compare/")
    for path in paths:
        soup = BeautifulSoup(client.get(path).content, "html.parser")
        seen[path] = [a.get_text() for a in soup.select('nav a[aria-current="page"]')]
    assert seen == {
        "/modalities/compare/": ["Compare"],
        "/articles/": ["Articles"],
        "/modalities/emdr/": [],
        "/search/": ["Search"],
    }


def test_a_frame_rendered_without_a_request_is_never_served_to_readers(client, content):
    """A template rendered with another context (no crisis lines) must not leave its frame for readers."""
    bare = {"SITE_NAME": "", "QUICK_EXIT_URL": "", "CRISIS_LINES": [], "EMERGENCY_NUMBERS": []}
    bare["NAV_CURRENT"] = ""
    render_to_string("base.html", bare)
    help_box = BeautifulSoup(client.get("/").content, "html.parser").select_one("#help-box")
    assert {"tel:18883737888", "tel:988"} <= {a["href"] for a in help_box.find_all("a")}
    exit_link = BeautifulSoup(client.get("/").content, "html.parser").select_one("a[data-quick-exit]")
    assert exit_link["href"] == settings.QUICK_EXIT_URL
