"""The search page and the JSON API: what a reader sees, and what they must be able to trust."""

import logging

from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Article
from editorial.models import Status

PAGE = reverse("search:page")
API = reverse("search:api")

HOSTILE = [
    "x" * 5000,
    "nightmares " * 600,
    "título pesadillas ñ 悪夢 кошмары",
    "😱😭 nightmares 🌙",
    "night\x00mares\x07\x1b[31m",
    "\u202enightmares\u200b",
    "title:",
    "title:nightmares body:*",
    "AND OR (",
    "NOT",
    "*",
    "?*~^",
    '"unclosed',
    '"bad dreams"',
    "' OR 1=1 --",
    "%00%27",
    "<script>alert(1)</script>",
    "\\",
    "   ",
]


def titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("ol.search-results h3 a")]


def test_empty_query_shows_the_browse_page(client, indexed_content):
    for url in (PAGE, f"{PAGE}?q=", f"{PAGE}?q=%20%20%20"):
        response = client.get(url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("#browse-by-need")
        needs = [a.get_text() for a in soup.select("#browse-by-need ul.tags a")]
        assert "nightmares" in needs
        assert soup.select_one(f'#browse-by-need a[href="{reverse("needs:list")}"]')
        assert not soup.select("ol.search-results")
        assert soup.select_one("#help-box"), "the help box is on every page"


def test_results_with_highlighted_snippets_and_query_kept(client, indexed_content):
    response = client.get(PAGE, {"q": "bad dreams"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#search-q")["value"] == "bad dreams"
    results = soup.select("ol.search-results > li")
    assert results
    marks = [m.get_text().lower() for m in soup.select("ol.search-results mark")]
    assert any("nightmare" in m or "dream" in m for m in marks)
    assert "Therapy explainer" in results[0].get_text() or "Article" in results[0].get_text()
    assert soup.select("ol.search-results ul.tags a[href^='/tags/']")


def test_query_is_escaped_everywhere(client, indexed_content):
    response = client.get(PAGE, {"q": '"><script>alert(1)</script>'})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_snippet_text_is_escaped_except_the_marks(
    client, indexed_content, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.create(
            title="Escaping check",
            slug="escaping-check",
            summary="A test article.",
            body="Some people write `<b>zanzibar</b>` and <i>zanzibar & co</i> in their notes.",
            status=Status.PUBLISHED,
        )
    response = client.get(PAGE, {"q": "zanzibar"})
    soup = BeautifulSoup(response.content, "html.parser")
    snippet = soup.select("ol.search-results > li")[0]
    assert not snippet.select("b"), "text that looks like HTML stays text"
    assert [m.get_text() for m in snippet.select("mark")][:2] == ["zanzibar", "zanzibar"]
    assert "&lt;b&gt;" in response.content.decode()


def test_type_filter(client, indexed_content):
    for kind, label in (("modality", "Therapy explainer"), ("article", "Article")):
        response = client.get(PAGE, {"q": "nightmares", "type": kind})
        soup = BeautifulSoup(response.content, "html.parser")
        kinds = [li.select_one("p.note").get_text() for li in soup.select("ol.search-results > li")]
        assert kinds and set(kinds) == {label}
        assert soup.select_one(f'#search-type option[value="{kind}"]').has_attr("selected")


def test_tag_filter(client, indexed_content):
    response = client.get(API, {"q": "therapy", "tag": "nightmares"})
    results = response.json()["results"]
    assert results and all("nightmares" in r["tags"] for r in results)
    page = client.get(PAGE, {"q": "therapy", "tag": "nightmares"})
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.select_one('#search-tag option[value="nightmares"]').has_attr("selected")


def test_nonsense_filters_are_ignored(client, indexed_content):
    plain = client.get(API, {"q": "nightmares"}).json()
    for params in ({"type": "secret"}, {"tag": "../../etc"}, {"tag": "x" * 500}, {"type": ["a", "b"]}):
        response = client.get(API, {"q": "nightmares", **params})
        assert response.status_code == 200
        assert response.json() == plain


def test_filters_that_match_nothing_offer_a_way_back(client, indexed_content):
    response = client.get(PAGE, {"q": "drumming", "tag": "nightmares", "type": "modality"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert not soup.select("ol.search-results")
    back = soup.find("a", string="Search again without the filters")
    assert back and back["href"].endswith("?q=drumming")


def test_pagination(client, indexed_content):
    first = client.get(PAGE, {"q": "therapy"})
    second = client.get(PAGE, {"q": "therapy", "page": 2})
    assert len(titles(first)) == 10
    assert titles(second) and not set(titles(first)) & set(titles(second))
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.select_one("nav.pagination a[rel=next]")
    assert next_link["href"] == "?q=therapy&page=2"
    last_page = 2
    while BeautifulSoup(
        client.get(PAGE, {"q": "therapy", "page": last_page}).content, "html.parser"
    ).select_one("nav.pagination a[rel=next]"):
        last_page += 1
    last = titles(client.get(PAGE, {"q": "therapy", "page": last_page}))
    assert titles(client.get(PAGE, {"q": "therapy", "page": 999})) == last, "past the end: last page"
    for junk in ("abc", "-1", "0", "9" * 5000):
        assert titles(client.get(PAGE, {"q": "therapy", "page": junk})) == titles(first)


def test_pagination_keeps_the_filters(client, indexed_content):
    response = client.get(PAGE, {"q": "therapy", "type": "article"})
    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one("nav.pagination a[rel=next]")
    if link:  # eleven or more articles match
        assert link["href"] == "?q=therapy&type=article&page=2"


def test_did_you_mean_link(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "nightmars"}).content, "html.parser")
    link = soup.select_one(".did-you-mean a")
    assert link.get_text() == "nightmares"
    assert link["href"] == f"{PAGE}?q=nightmares"


def test_nothing_found_is_helpful(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "qwertyuiop"}).content, "html.parser")
    text = soup.get_text()
    assert "Nothing matched" in text
    assert soup.select("#browse-by-need ul.tags a")


def test_api_shape_is_exactly_the_design(client, indexed_content):
    body = client.get(API, {"q": "nightmares"}).json()
    assert set(body) == {"query", "count", "results", "crisis", "suggestion"}
    assert body["query"] == "nightmares"
    assert body["crisis"] is None and body["suggestion"] is None
    assert body["count"] == len(body["results"]) > 0
    for result in body["results"]:
        assert set(result) == {"title", "url", "type", "modalities", "tags", "snippet", "language"}
        assert result["type"] in ("modality", "article", "page")
        assert isinstance(result["tags"], list) and all(isinstance(t, str) for t in result["tags"])
        assert "<mark>" not in result["snippet"]
    emdr = next(r for r in body["results"] if r["title"] == "EMDR")
    assert emdr == {**emdr, "type": "modality", "modalities": ["emdr"], "url": "/modalities/emdr/"}
    assert "nightmares" in emdr["tags"]
    article = next(r for r in body["results"] if r["url"] == "/articles/bad-dreams-and-sleep/")
    assert set(article["modalities"]) == {"emdr", "tf-cbt"}


def test_api_empty_query(client, indexed_content):
    empty = {"query": "", "count": 0, "results": [], "crisis": None, "suggestion": None}
    assert client.get(API).json() == empty
    assert client.get(API, {"q": "  \t "}).json() == empty


def test_page_and_api_rank_identically(client, indexed_content):
    for query in ("bad dreams", "therapy", "I keep having nightmares about what happened", "lonley"):
        api = [r["title"] for r in client.get(API, {"q": query}).json()["results"]]
        page = titles(client.get(PAGE, {"q": query}))
        assert page and api[: len(page)] == page, query


def test_hostile_input_always_answers_200(client, indexed_content):
    # One database for all of them: each input is checked on the page and the API.
    for query in HOSTILE:
        page = client.get(PAGE, {"q": query})
        api = client.get(API, {"q": query})
        assert page.status_code == 200, repr(query[:40])
        assert api.status_code == 200, repr(query[:40])
        assert len(api.json()["query"]) <= 200
        assert "\x00" not in api.json()["query"]


def test_long_query_is_trimmed_not_refused(client, indexed_content):
    body = client.get(API, {"q": "nightmares " * 600}).json()
    assert body["count"] > 0
    assert body["query"].startswith("nightmares nightmares")
    assert len(body["query"]) <= 200


def test_search_pages_set_no_cookie(client, indexed_content):
    for response in (
        client.get(PAGE),
        client.get(PAGE, {"q": "nightmares"}),
        client.get(PAGE, {"q": "nightmars", "page": 2}),
        client.get(API, {"q": "nightmares"}),
    ):
        assert response.status_code == 200
        assert not response.cookies
        assert "Set-Cookie" not in response.headers


def test_page_title_does_not_repeat_the_query(client, indexed_content):
    """Browser history lists page titles; the search itself stays out of them."""
    soup = BeautifulSoup(client.get(PAGE, {"q": "nightmares"}).content, "html.parser")
    assert "nightmares" not in soup.title.get_text()


def test_search_works_without_javascript(client, indexed_content):
    soup = BeautifulSoup(client.get(PAGE, {"q": "nightmares"}).content, "html.parser")
    form = soup.select_one("form[role=search]")
    assert form["method"] == "get" and form["action"] == PAGE
    assert form.select_one("button[type=submit]")
    assert not soup.select("main script")


def test_only_the_methods_each_answer_needs(client, indexed_content):
    assert client.head(PAGE, {"q": "nightmares"}).status_code == 200
    # The page takes POST (words out of the address); the API stays read-only, and nothing else goes.
    assert client.post(PAGE, {"q": "nightmares"}).status_code == 200
    assert client.put(PAGE, {"q": "nightmares"}).status_code == 405
    assert client.delete(PAGE).status_code == 405
    assert client.post(API, {"q": "nightmares"}).status_code == 405


def test_search_terms_never_reach_the_logs(client, indexed_content, caplog, index_dir):
    caplog.set_level(logging.DEBUG)
    secret = "zqxwvsecretterm"
    client.get(PAGE, {"q": f"nightmares {secret}"})
    client.get(API, {"q": f"{secret} AND OR ("})
    # A broken index logs what happened, but never what was searched for.
    for path in index_dir.glob("build-*/*"):
        path.write_bytes(b"garbage")
    client.get(PAGE, {"q": f"nightmares {secret}"})
    assert caplog.records, "the broken index was reported"
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert secret not in str(record.args)
