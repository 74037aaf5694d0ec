"""The public URLs that every page-wide promise (headers, cookies, structure) is checked against.

Paths are written out rather than reversed: they are the site's public addresses, which links
elsewhere rely on, and a renamed URL should fail here.
Needs the curated content loaded (the `content` fixtures).
"""

from articles.models import Article
from modalities.models import SLUGS, Modality
from needs.vocabulary import needs_in_use

MODALITY_SLUGS = SLUGS  # one list of therapies the site has a page for
SEARCH_TERMS = "nightmares"
MISSING_PAGE = "/no-such-page/"
VOLUNTEER_FORM = "/volunteer/"
DECISION_AID = "/choose/"
# Answers a reader might give the decision aid (choose/questions.py); the others stay "not sure".
AID_ANSWERS = {"talking": "bit", "setting": "alone", "age": "adult"}


def an_article() -> str:
    """The address of one published article."""
    return Article.objects.published().order_by("slug").first().get_absolute_url()


def a_tag() -> str:
    """The address of one need/symptom page that lists something."""
    return f"/tags/{needs_in_use().first().slug}/"


def reading_pages() -> list[str]:
    """HTML pages a reader GETs: each must set no cookie and follow every page-wide rule."""
    return [
        "/",
        "/modalities/",
        *(f"/modalities/{slug}/" for slug in MODALITY_SLUGS),
        "/modalities/compare/",
        "/articles/",
        an_article(),
        "/tags/",
        a_tag(),
        f"/search/?q={SEARCH_TERMS}",
        "/search/",
        "/safety/",
        DECISION_AID,
        "/volunteer/thanks/",
    ]


def machine_pages() -> list[str]:
    """Public responses that are not HTML pages: JSON, feeds, crawler files."""
    return [f"/api/search/?q={SEARCH_TERMS}", "/feeds/articles/", "/sitemap.xml", "/robots.txt"]


def html_pages() -> list[str]:
    """Every public HTML page, including the form and a page that does not exist."""
    return [*reading_pages(), VOLUNTEER_FORM, MISSING_PAGE]


def decision_aid_steps() -> dict[str, dict]:
    """The decision aid's pages after the questions, each reached by POSTing answers to
    DECISION_AID (choose/views.py): {the page (the form's `show` button): the form posted}.

    Two therapies are ticked, as a reader does to compare them; the summaries then list those two.
    """
    ticked = list(
        Modality.objects.published().in_language().order_by("slug").values_list("slug", flat=True)[:2]
    )
    return {
        show: {**AID_ANSWERS, "compare": ticked, "show": show}
        for show in ("results", "compare", "summary", "discreet", "edit")
    }


def every_public_url() -> list[str]:
    """All of the above."""
    return [*html_pages(), *machine_pages()]


# The same site in Spanish under /es/: every reader-facing address above, prefixed. The crawler
# files (robots.txt, sitemap.xml) are one per site and have no Spanish twin.
SITE_WIDE_FILES = ("/sitemap.xml", "/robots.txt")


def in_spanish(path: str) -> str:
    """The Spanish address of an English reader-facing page."""
    return f"/es{path}"


def spanish_html_pages() -> list[str]:
    """Every public HTML page in Spanish (including the form and a missing page)."""
    return [in_spanish(path) for path in html_pages()]


def spanish_machine_pages() -> list[str]:
    """The JSON and feed responses in Spanish."""
    return [in_spanish(path) for path in machine_pages() if path not in SITE_WIDE_FILES]
