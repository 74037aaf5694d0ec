"""The safety page explains, in plain words, what a reader can do to browse more safely."""

from bs4 import BeautifulSoup


def test_the_safety_page_covers_each_topic_the_issue_names(client, db):
    soup = BeautifulSoup(client.get("/safety/").content, "html.parser")
    main = soup.main.get_text(" ", strip=True).lower()
    headings = [h.get_text(strip=True).lower() for h in soup.main.find_all("h2")]
    assert any("quick exit" in h for h in headings)
    assert "does not erase your history" in main
    assert any("private window" in h for h in headings)
    assert any("history" in h for h in headings)
    assert "only this site" in main  # clearing history selectively
    assert any("safer device" in h for h in headings)
    assert any("phones and shared accounts" in h for h in headings)
    assert "call log" in main and "phone bill" in main


def test_every_page_links_to_the_safety_page(client, html_pages):
    missing = [
        path
        for path in html_pages
        if not BeautifulSoup(client.get(path).content, "html.parser").select('header a[href="/safety/"]')
    ]
    assert missing == []
