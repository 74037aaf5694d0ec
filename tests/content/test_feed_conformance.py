"""The article feed is a valid Atom document: every element RFC 4287 requires is present and well formed.

The checker below is written from the RFC's own rules (section numbers in the messages), so it also
fails on a feed that Django would happily produce: a weak checker must not pass a broken feed.
"""

import xml.etree.ElementTree as ET
from datetime import datetime
from urllib.parse import urlsplit

import pytest

ATOM = "{http://www.w3.org/2005/Atom}"
TEXT_TYPES = {None, "text", "html", "xhtml"}


def _is_iri(value: str | None) -> bool:
    parts = urlsplit(value or "")
    return bool(parts.scheme) and bool(parts.netloc or parts.path)


def _is_date(value: str | None) -> bool:
    # RFC 3339 date-time (section 3.3): a full date, a time and an offset or "Z".
    try:
        parsed = datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value and parsed.tzinfo is not None


def _person_problems(person, where: str) -> list[str]:
    names = person.findall(f"{ATOM}name")
    named = len(names) == 1 and (names[0].text or "").strip()
    problems = [] if named else [f"{where}: an author needs exactly one name (3.2.1)"]
    for uri in person.findall(f"{ATOM}uri"):
        if not _is_iri(uri.text):
            problems.append(f"{where}: author uri {uri.text!r} is not an IRI")
    return problems


def _common_problems(element, where: str) -> list[str]:
    """Rules feeds and entries share: one id (an IRI), one title, one updated date (4.1.1, 4.1.2)."""
    problems = []
    for name in ("id", "title", "updated"):
        found = element.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} <{name}> elements, exactly one is required")
    ids = element.findall(f"{ATOM}id")
    if ids and not _is_iri(ids[0].text):
        problems.append(f"{where}: id {ids[0].text!r} is not an absolute IRI (4.2.6)")
    for updated in element.findall(f"{ATOM}updated") + element.findall(f"{ATOM}published"):
        if not _is_date(updated.text):
            problems.append(f"{where}: {updated.tag} {updated.text!r} is not an RFC 3339 date (3.3)")
    for text_element in ("title", "subtitle", "summary", "rights"):
        for found in element.findall(f"{ATOM}{text_element}"):
            if found.get("type") not in TEXT_TYPES:
                problems.append(f"{where}: {text_element} type {found.get('type')!r} (3.1.1)")
    for link in element.findall(f"{ATOM}link"):
        if not link.get("href"):
            problems.append(f"{where}: a link without href (4.2.7.1)")
    links = element.findall(f"{ATOM}link")
    alternates = [link for link in links if link.get("rel", "alternate") == "alternate"]
    pairs = [(link.get("type"), link.get("hreflang")) for link in alternates]
    if len(pairs) != len(set(pairs)):
        problems.append(f"{where}: two alternate links with the same type and hreflang (4.1.1, 4.1.2)")
    for person in element.findall(f"{ATOM}author") + element.findall(f"{ATOM}contributor"):
        problems += _person_problems(person, where)
    return problems


def atom_problems(document: bytes) -> list[str]:
    """Every RFC 4287 requirement the feed breaks; empty for a valid feed."""
    root = ET.fromstring(document)
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}, not atom:feed"]
    problems = _common_problems(root, "feed")
    feed_has_author = bool(root.findall(f"{ATOM}author"))
    if not any(link.get("rel") == "self" for link in root.findall(f"{ATOM}link")):
        problems.append("feed: no link rel='self' (4.1.1 says it SHOULD have one)")
    entries = root.findall(f"{ATOM}entry")
    if not entries:
        problems.append("feed has no entries to check")
    entry_ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    if len(entry_ids) != len(set(entry_ids)):
        problems.append("two entries share an id (4.1.1)")
    for entry in entries:
        where = f"entry {entry.findtext(f'{ATOM}id')}"
        problems += _common_problems(entry, where)
        if not feed_has_author and not entry.findall(f"{ATOM}author"):
            problems.append(f"{where}: no author, and the feed has none (4.1.1, 4.1.2)")
        content = entry.find(f"{ATOM}content")
        has_alternate = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(f"{ATOM}link")
        )
        if content is None and not has_alternate:
            problems.append(f"{where}: neither content nor an alternate link (4.1.2)")
        if (content is None or content.get("src")) and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where}: no summary and no inline content (4.1.2)")
    return problems


@pytest.fixture
def feed(client, content):
    response = client.get("/feeds/articles/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content


def test_the_article_feed_meets_rfc_4287(feed):
    assert atom_problems(feed) == []


def test_the_feed_names_the_editorial_team_as_author(feed, settings):
    author = ET.fromstring(feed).find(f"{ATOM}author")
    assert author is not None
    assert settings.SITE_NAME in author.findtext(f"{ATOM}name")
    # A person's address would be a target; the team is reached through the site itself.
    assert author.find(f"{ATOM}email") is None


def test_the_checker_finds_a_missing_author_and_a_bad_date():
    # The feed as it was once served: entries with no author anywhere, and a date without an offset.
    broken = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>https://x.example/</id>'
        b'<updated>2024-01-01T00:00:00Z</updated><link rel="self" href="https://x.example/f/"/>'
        b"<entry><title>a</title><id>https://x.example/a/</id><updated>2024-01-01 00:00</updated>"
        b'<link href="https://x.example/a/"/><summary>s</summary></entry></feed>'
    )
    problems = atom_problems(broken)
    assert any("no author" in problem for problem in problems)
    assert any("RFC 3339" in problem for problem in problems)
