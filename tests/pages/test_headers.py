"""Every public response carries the privacy and security headers the issue lists."""

import pytest

from pages.middleware import FORM_PAGE_REFERRER_POLICY
from tests.pages.public_urls import DECISION_AID, MISSING_PAGE, VOLUNTEER_FORM, decision_aid_steps

ONE_YEAR = 365 * 24 * 60 * 60


def parse_csp(header: str) -> dict[str, list[str]]:
    """{directive: [sources]} from a Content-Security-Policy header."""
    policy = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = words[1:]
    return policy


def csp_problems(header: str | None) -> list[str]:
    if not header:
        return ["no Content-Security-Policy"]
    policy = parse_csp(header)
    problems = []
    expected = {
        "default-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
    for directive, sources in expected.items():
        if policy.get(directive) != sources:
            problems.append(f"{directive} is {policy.get(directive)}, expected {sources}")
    # Scripts and styles fall back to default-src when not named; either way only 'self' may serve them.
    for directive in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        sources = policy.get(directive, policy.get("default-src", []))
        if sources != ["'self'"]:
            problems.append(f"{directive} allows {sources}")
    for unsafe in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'"):
        if unsafe in header:
            problems.append(f"policy contains {unsafe}")
    return problems


def permissions_policy_problems(header: str | None) -> list[str]:
    if not header:
        return ["no Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    problems = [f"{name} is allowed to {allow}" for name, allow in features.items() if allow != "()"]
    problems += [
        f"{name} is not denied"
        for name in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics")
        if name not in features
    ]
    return problems


def header_problems(response, path: str) -> list[str]:
    headers = response.headers
    problems = csp_problems(headers.get("Content-Security-Policy"))
    problems += permissions_policy_problems(headers.get("Permissions-Policy"))
    expected_referrer = FORM_PAGE_REFERRER_POLICY if path == VOLUNTEER_FORM else "no-referrer"
    checks = {
        "Referrer-Policy": expected_referrer,
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "X-DNS-Prefetch-Control": "off",
        # Other sites may link here but not embed or read our responses (Spectre-class leaks).
        "Cross-Origin-Resource-Policy": "same-origin",
    }
    for name, value in checks.items():
        if headers.get(name) != value:
            problems.append(f"{name} is {headers.get(name)!r}, expected {value!r}")
    return problems


def test_every_public_url_answers(client, every_public_url):
    statuses = {path: client.get(path).status_code for path in every_public_url}
    expected = {path: 404 if path == MISSING_PAGE else 200 for path in every_public_url}
    assert statuses == expected


def test_every_public_url_sends_the_privacy_headers(client, every_public_url):
    problems = []
    for path in every_public_url:
        problems += [f"{path}: {problem}" for problem in header_problems(client.get(path), path)]
    assert problems == []


def test_the_decision_aid_pages_reached_by_post_send_the_privacy_headers(client, content):
    # The discreet print stands alone (it does not extend base.html), so it relies on these headers
    # too: DNS prefetching, for one, is switched off only here, never in the page.
    problems = []
    for step, answers in decision_aid_steps().items():
        response = client.post(DECISION_AID, answers)
        problems += [f"{step}: {problem}" for problem in header_problems(response, DECISION_AID)]
    assert problems == []


def test_over_https_every_public_url_sends_hsts_for_a_year(client, every_public_url):
    # The test profile keeps production's HSTS values (DEBUG is off); only the scheme is faked here.
    # tests/pages/test_access_logs.py checks the same header from gunicorn with the production settings.
    problems = []
    for path in every_public_url:
        hsts = client.get(path, secure=True).headers.get("Strict-Transport-Security", "")
        directives = {d.strip().split("=")[0]: d.strip() for d in hsts.split(";") if d.strip()}
        max_age = int(directives.get("max-age", "max-age=0").split("=")[1])
        if max_age < ONE_YEAR or "includeSubDomains" not in directives:
            problems.append(f"{path}: {hsts!r}")
    assert problems == []


def test_the_form_page_keeps_the_referrer_on_this_site_only(client, content):
    # A form on a no-referrer page posts with "Origin: null", which Django's CSRF check refuses;
    # same-origin sends the origin back here and still tells other sites nothing.
    response = client.get(VOLUNTEER_FORM)
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_reader_who_has_the_form_cookie_still_gets_no_referrer_on_reading_pages(client, content):
    client.get(VOLUNTEER_FORM)  # the browser now holds the CSRF cookie
    assert client.cookies
    assert client.get("/safety/").headers["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize(
    "header, problem",
    [
        ("default-src 'self'; script-src 'self' 'unsafe-inline'", "'unsafe-inline'"),
        ("default-src 'self'; script-src 'self' https://cdn.example", "script-src allows"),
        ("default-src *", "default-src is"),
        ("default-src 'self'", "frame-ancestors"),
    ],
)
def test_the_csp_check_itself_catches_a_weak_policy(header, problem):
    assert any(problem in found for found in csp_problems(header))
