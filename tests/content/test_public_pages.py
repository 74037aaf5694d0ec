"""The public reading pages: what each shows, what stays hidden, and how many queries each costs."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from articles.models import Article
from editorial.models import Status
from modalities.models import SLUGS, Modality

# Every public page runs a small, fixed number of queries, whatever the amount of content.
MAX_QUERIES_PER_PAGE = 12


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def public_urls():
    urls = ["/", "/modalities/", "/modalities/compare/", "/articles/", "/tags/", "/safety/"]
    urls += [f"/modalities/{slug}/" for slug in SLUGS]
    urls += [a.get_absolute_url() for a in Article.objects.published().filter(language="en")]
    urls += ["/tags/nightmares/", "/tags/body-tension/", "/feeds/articles/", "/sitemap.xml"]
    return urls


def test_every_public_page_answers_with_bounded_queries(client, content, django_assert_max_num_queries):
    for url in public_urls():
        with django_assert_max_num_queries(MAX_QUERIES_PER_PAGE):
            response = client.get(url)
        assert response.status_code == 200, url


def test_query_count_does_not_grow_with_content(client, content, django_assert_num_queries):
    """No N+1: adding tagged articles leaves the list page's query count unchanged."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/articles/")
    for i in range(5):
        article = Article.objects.create(
            title=f"Extra {i}", slug=f"extra-{i}", summary="s", body="b", status=Status.PUBLISHED
        )
        article.tags.add("nightmares", "shame")
    with CaptureQueriesContext(connection) as after:
        client.get("/articles/")
    assert len(after) == len(before)


def test_explainer_page_has_everything_a_reader_needs(client, content):
    page = soup(client.get("/modalities/emdr/"))
    assert len(page.find_all("h1")) == 1
    assert page.find("nav", class_="toc")
    assert "Evidence: Strong" in page.find(class_="evidence").text
    assert page.find(class_="evidence__meaning").text.strip()
    headings = [h.text for h in page.find_all("h2")]
    for heading in ("What it is", "Who it may help", "What a session is like", "How strong is the evidence",
                    "Cautions and things to ask", "Finding a trained therapist",
                    "Questions to ask a therapist", "References"):  # fmt: skip
        assert heading in headings
    references = page.find("ol", class_="references").find_all("a")
    assert len(references) >= 3
    assert all(a["href"].startswith("https://") for a in references)
    assert "Last reviewed" in page.find(class_="review-dates").text
    assert "Next review due" in page.find(class_="review-dates").text
    assert page.find("section", class_="related").find("a")


def test_compare_page_lists_every_therapy_side_by_side(client, content):
    page = soup(client.get("/modalities/compare/"))
    rows = page.find("table", class_="compare").find("tbody").find_all("tr")
    assert len(rows) == len(SLUGS)
    columns = [th.text for th in page.find("thead").find_all("th")]
    assert columns == ["Therapy", "Who it may suit", "Format", "Typical length", "Evidence",
                       "What a session involves"]  # fmt: skip
    # Each cell carries its column name, so the table can become cards on a phone.
    assert all(td.get("data-label") for td in rows[0].find_all("td"))


def test_article_page_shows_tags_modalities_and_related(client, content):
    page = soup(client.get("/articles/you-are-not-alone/"))
    assert page.find("h1").text == Article.objects.get(language="en", slug="you-are-not-alone").title
    assert page.find("ul", class_="tags").find("a")["href"].startswith("/tags/")
    related_links = [a["href"] for a in page.select("section.related a")]
    assert "/modalities/group-therapy/" in related_links
    assert any(href.startswith("/articles/") for href in related_links)


def test_article_list_paginates(client, content):
    for i in range(12):
        Article.objects.create(title=f"Extra {i}", slug=f"extra-{i}", summary="s", body="b",
                               status=Status.PUBLISHED)  # fmt: skip
    first = soup(client.get("/articles/"))
    assert first.find("nav", class_="pagination").find("a", rel="next")
    assert client.get("/articles/?page=3").status_code == 200
    assert client.get("/articles/?page=999").status_code == 200
    assert client.get("/articles/?page=abc").status_code == 200


def test_tag_pages_list_what_is_filed_under_each_need(client, content):
    index = soup(client.get("/tags/"))
    assert len(index.select("ul.tags a")) >= 25
    page = soup(client.get("/tags/nightmares/"))
    assert "/modalities/emdr/" in [a["href"] for a in page.find_all("a")]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW])
def test_drafts_and_items_in_review_are_hidden(client, content, status):
    Article.objects.filter(slug="you-are-not-alone").update(status=status)
    Modality.objects.filter(slug="emdr").update(status=status)
    assert client.get("/articles/you-are-not-alone/").status_code == 404
    assert client.get("/modalities/emdr/").status_code == 404
    assert b"you-are-not-alone" not in client.get("/articles/").content
    assert b"you-are-not-alone" not in client.get("/feeds/articles/").content
    assert b"you-are-not-alone" not in client.get("/sitemap.xml").content
    assert b"/modalities/emdr/" not in client.get("/modalities/compare/").content


def test_scheduled_article_appears_only_when_its_time_comes(client, content):
    Article.objects.filter(slug="you-are-not-alone").update(
        published_at=timezone.now() + timezone.timedelta(hours=1)
    )
    assert client.get("/articles/you-are-not-alone/").status_code == 404
    Article.objects.filter(slug="you-are-not-alone").update(published_at=timezone.now())
    assert client.get("/articles/you-are-not-alone/").status_code == 200


@pytest.mark.parametrize("url", ["/modalities/not-a-therapy/", "/articles/nope/", "/tags/nope/", "/nope/"])
def test_unknown_slugs_get_a_helpful_404_inside_the_site_frame(client, content, url):
    response = client.get(url)
    assert response.status_code == 404
    page = soup(response)
    assert page.find(id="quick-exit") and page.find(id="help-box")
    assert page.find("a", href="/search/")


def test_feed_sitemap_and_robots(client, content):
    feed = client.get("/feeds/articles/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"<entry>" in feed.content
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/modalities/emdr/" in sitemap and "/articles/getting-help-now/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap:" in robots and "Disallow: /inbox/" in robots


# "six therapies", "6 kinds of therapy": a count written into a page goes stale when a therapy is added.
# "pick two or three therapies" is a choice, not a count of the site's therapies.
THERAPY_COUNT = re.compile(
    r"(?<!\bor )\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+"
    r"(kinds? of\s+)?therap(y|ies)\b",
    re.IGNORECASE,
)


COUNT_FREE_PAGES = ["/", "/modalities/", "/modalities/compare/", "/search/", "/search/?q=nightmares"]


@pytest.mark.parametrize("url", COUNT_FREE_PAGES)
def test_no_page_writes_down_how_many_therapies_there_are(client, content, url):
    text = " ".join(soup(client.get(url)).get_text(" ").split())
    assert not THERAPY_COUNT.search(text), THERAPY_COUNT.search(text).group(0)


def test_home_and_index_show_every_published_therapy(client, content):
    for url in ("/", "/modalities/"):
        cards = soup(client.get(url)).select("ul.cards li.card")
        assert len(cards) == Modality.objects.published().filter(language="en").count() == len(SLUGS), url
