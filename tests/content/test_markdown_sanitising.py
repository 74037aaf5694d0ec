"""Every hostile sample (tests/samples, and shared/eval when present) is defused by the one rendering
module, and Markdown still works."""

import html
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from markup import render_markdown, sanitize_html
from tests.samples import HERE as SAMPLES_DIR
from tests.samples import xss_samples

FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "style", "form", "input", "base", "meta", "link"}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def load_eval_samples():
    return xss_samples()


def browser_url(value: str) -> str:
    """A URL as a browser reads it (written here independently of markup/urls.py, to check it):
    character references decoded, C0 controls and spaces trimmed, tabs and newlines dropped,
    backslashes read as slashes."""
    url = html.unescape(value).strip("".join(chr(c) for c in range(0x21)))
    return re.sub(r"[\t\n\r]", "", url).replace("\\", "/")


# Our own additions: mutation XSS, entity-encoded schemes, attr_list tricks, odd whitespace.
OWN_SAMPLES = [
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mi><mglyph><style><img src=x onerror=alert(1)>",
    "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[x](jav&#x09;ascript:alert(1))",
    "[x](  JaVaScRiPt:alert(1))",
    "[x](vbscript:msgbox(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '# Heading {onclick=alert(1)}\n\nText {: style="color:red" }',
    "[link](https://example.org){: onmouseover=alert(1) }",
    '<img src="//evil.example/x.png">',
    '<img src="/\\evil.example/x.png">',
    '![x](https://evil.example/x.png "title")',
    '<a href="#" class="quick-exit__button">Fake exit</a>',
    '<h2 id="quick-exit">Clobber</h2>',
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    '<base href="https://evil.example/">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<<script>script>alert(1)<</script>/script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<!--<img src=x onerror=alert(1)>-->",
]


def assert_defused(html: str):
    # html.parser decodes character references in attribute values, as a browser does.
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name not in FORBIDDEN_ELEMENTS, html
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), html
            assert name.lower() != "style", html
            value = " ".join(value) if isinstance(value, list) else value
            if name == "href":
                url = browser_url(value)
                scheme = urlsplit(url).scheme.lower()
                assert scheme in ALLOWED_SCHEMES or scheme == "", html
                if scheme in {"http", "https"} or url.startswith("//"):
                    assert element.get("rel") == ["noopener", "noreferrer"], html
            if name == "src":
                url = browser_url(value)
                parts = urlsplit(url)
                assert url.startswith("/") and not url.startswith("//"), html
                assert not parts.scheme and not parts.netloc, html
        if element.name == "a" and element.get("class"):
            assert set(element["class"]) <= {"footnote-ref", "footnote-backref"}, html
    # Nothing executable survives as markup, whatever text remains.
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered


@pytest.mark.parametrize("sample", load_eval_samples() + OWN_SAMPLES)
def test_hostile_markdown_is_defused(sample):
    assert_defused(render_markdown(sample).html)


def test_eval_file_has_samples():
    assert len(load_eval_samples()) >= 15


def test_the_projects_own_samples_include_urls_a_browser_reads_differently():
    own = (SAMPLES_DIR / "xss_markdown.txt").read_text(encoding="utf-8")
    assert own.count("\n%%%\n") >= 25
    assert "/&#9;/evil.example/" in own and "/&#92;evil.example/" in own


@pytest.mark.parametrize(
    "src",
    [
        "/&#9;/evil.example/x.gif",
        "/&#10;/evil.example/x.gif",
        "/&#92;evil.example/x.gif",
        "/&#x2F;evil.example/x.gif",
        "/\\evil.example/x.gif",
        " //evil.example/x.gif",
        "/\t/evil.example/x.gif",
    ],
)
def test_an_image_that_a_browser_would_fetch_from_another_host_loses_its_source(src):
    soup = BeautifulSoup(sanitize_html(f'<img src="{src}" alt="x">'), "html.parser")
    assert soup.find("img").get("src") is None


@pytest.mark.parametrize("src", ["/static/images/lake.png", "/media/a%2F/b.png", "/static/x.png?v=1"])
def test_images_from_this_site_keep_their_source(src):
    soup = BeautifulSoup(sanitize_html(f'<img src="{src}" alt="x">'), "html.parser")
    assert soup.find("img")["src"] == src


@pytest.mark.parametrize(
    "href", ["//evil.example/", "/\\evil.example/", "/&#92;evil.example/", "/&#9;/evil.example/"]
)
def test_a_link_a_browser_reads_as_another_host_tells_it_nothing(href):
    soup = BeautifulSoup(sanitize_html(f'<a href="{href}">away</a>'), "html.parser")
    assert soup.find("a")["rel"] == ["noopener", "noreferrer"]


def test_a_link_within_the_site_carries_no_rel():
    soup = BeautifulSoup(sanitize_html('<a href="/safety/" rel="noopener">safety</a>'), "html.parser")
    assert "rel" not in soup.find("a").attrs


def test_legitimate_markdown_still_renders():
    rendered = render_markdown(
        "## Getting help\n\nSome **bold** and _soft_ words.\n\n"
        "- one\n- two\n\n"
        "1. first\n2. second\n\n"
        "A [guideline](https://www.nice.org.uk/guidance/ng116), a [page](/safety/), "
        "a [section](#getting-help), [mail](mailto:help@example.org) and [call](tel:988).\n\n"
        "| Therapy | Evidence |\n|---|---|\n| EMDR | Strong |\n\n"
        "A claim.[^1]\n\n[^1]: A source.\n\n![A calm lake](/static/images/lake.png)"
    )
    soup = BeautifulSoup(rendered.html, "html.parser")
    assert soup.find("h2", id="getting-help")
    assert soup.find("strong").text == "bold"
    assert len(soup.find_all("li")) >= 4
    links = {a["href"]: a for a in soup.find_all("a")}
    assert links["https://www.nice.org.uk/guidance/ng116"]["rel"] == ["noopener", "noreferrer"]
    assert "rel" not in links["/safety/"].attrs
    assert "#getting-help" in links and "mailto:help@example.org" in links and "tel:988" in links
    assert soup.find("table").find("td").text == "EMDR"
    assert soup.find("sup") and soup.find("div", class_="footnote")
    assert soup.find("img")["src"] == "/static/images/lake.png"
    assert "getting-help" in rendered.toc


def test_hostile_sample_keeps_its_legitimate_markdown():
    html = render_markdown(
        '**Bold** and _italic_ with a [normal link](https://example.org) <b onclick="alert(1)">x</b>'
    ).html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("strong").text == "Bold"
    assert soup.find("em").text == "italic"
    assert soup.find("a")["href"] == "https://example.org"
    assert soup.find("b").attrs == {}


def test_script_content_is_dropped_not_shown_as_text():
    assert "alert" not in render_markdown("<script>alert(1)</script> after").html
    assert "after" in sanitize_html("<script>alert(1)</script> after")
