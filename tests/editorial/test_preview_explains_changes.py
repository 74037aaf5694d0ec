"""The preview lists every change the site made to the Markdown, with the reason; the edit form says
once what Markdown can do."""

from bs4 import BeautifulSoup

from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, article_post


def test_preview_lists_a_top_heading_and_an_outside_image_with_reasons(editor_client):
    body = "# My heading\n\nSome text.\n\n![A room](https://images.example.com/room.jpg)\n"
    response = editor_client.post(f"{ARTICLE_ADMIN}preview/", article_post(body=body))

    banner = BeautifulSoup(response.content, "html.parser").find(class_="preview-banner")
    items = [li.get_text(" ", strip=True) for li in banner.select(".markdown-changes li")]
    assert len(items) == 2
    assert items[0].startswith("Body (line 1): # My heading")
    assert "Headings start at ##" in items[0]
    assert "images.example.com" in items[1] and "Images must come from this site" in items[1]


def test_preview_of_clean_markdown_lists_nothing(editor_client):
    response = editor_client.post(f"{ARTICLE_ADMIN}preview/", article_post())
    page = BeautifulSoup(response.content, "html.parser")
    assert page.find(class_="markdown-changes") is None


def test_the_edit_forms_say_what_markdown_can_do(editor_client, content):
    for url in (f"{ARTICLE_ADMIN}add/", f"{MODALITY_ADMIN}add/"):
        text = BeautifulSoup(editor_client.get(url).content, "html.parser").get_text(" ", strip=True)
        assert "## starts a section" in text
        assert "images from other sites are removed" in text
