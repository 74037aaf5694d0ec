"""The sanitiser's changes to a writer's Markdown are reported, each with its reason and line."""

from markup import explain_changes, render_markdown


def reasons(text):
    return [(change.line, change.source, change.reason) for change in explain_changes(text)]


def test_a_single_hash_heading_is_reported_with_where_headings_start():
    text = "Intro line.\n\n# Heading\n\nMore text.\n"
    [(line, source, reason)] = reasons(text)
    assert (line, source) == (3, "# Heading")
    assert "Headings start at ##" in reason
    assert "<h1" not in render_markdown(text).html  # what the report describes really happens


def test_an_image_from_another_site_is_reported_as_removed():
    text = "## Pictures\n\n![A calm room](https://images.example.com/room.jpg)\n"
    [(line, source, reason)] = reasons(text)
    assert line == 3 and "images.example.com" in source
    assert "Images must come from this site" in reason
    assert "images.example.com" not in render_markdown(text).html


def test_an_image_from_the_site_and_ordinary_markdown_report_nothing():
    text = (
        "## A section\n\n### A part\n\n*Soft* and **strong**.\n\n- one\n- two\n\n1. first\n\n"
        "[A link](https://example.org) and [mail](mailto:a@example.org).\n\n"
        "![A calm room](/static/images/room.svg)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "A note.[^1]\n\n[^1]: The footnote.\n"
    )
    assert explain_changes(text) == []


def test_scripts_raw_html_bad_links_and_comments_are_each_reported():
    text = (
        '## Title\n\n<script>alert(1)</script>\n\n<span style="color:red">red</span>\n\n'
        "[click](javascript:alert(1))\n\n<!-- hidden -->\n"
    )
    found = reasons(text)
    assert [line for line, _, _ in found] == [3, 5, 7, 9]
    assert "removed with everything inside it" in found[0][2]
    assert "<span> is not allowed" in found[1][2]
    assert "this link was removed" in found[2][2]
    assert "comments are removed" in found[3][2]


def test_the_report_never_changes_what_is_rendered():
    text = "# Heading\n\n![x](https://evil.example/x.png)\n"
    before = render_markdown(text).html
    explain_changes(text)
    assert render_markdown(text).html == before
