""" "View on site" leads to the page for a published item, and to a preview for one readers cannot see."""

from bs4 import BeautifulSoup

from editorial.models import Status
from tests.editorial.conftest import ARTICLE_ADMIN, make_article


def view_on_site(client, article):
    page = BeautifulSoup(client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content, "html.parser")
    return page.find("a", class_="viewsitelink")


def test_view_on_site_of_a_draft_opens_its_preview(editor_client):
    article = make_article(status=Status.DRAFT)
    link = view_on_site(editor_client, article)
    assert link["href"] == f"{ARTICLE_ADMIN}{article.pk}/preview/"
    response = editor_client.get(link["href"])
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text(strip=True) == article.title
    assert "Preview of the saved version" in page.find(class_="preview-banner").get_text()


def test_view_on_site_of_a_published_article_opens_the_public_page(reviewer_client, reviewer, client):
    article = make_article(status=Status.DRAFT)
    article.publish(reviewer)
    article.save()
    link = view_on_site(reviewer_client, article)
    response = reviewer_client.get(link["href"])  # the admin's "view on site" shortcut
    assert response.status_code == 302 and response["Location"].endswith(article.get_absolute_url())
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_saved_preview_is_for_staff_only(client, db):
    article = make_article(status=Status.DRAFT)
    response = client.get(f"{ARTICLE_ADMIN}{article.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_saved_explainer_can_be_previewed_too(reviewer_client, content):
    from modalities.models import Modality

    emdr = Modality.objects.get(language="en", slug="emdr")
    response = reviewer_client.get(f"/admin/modalities/modality/{emdr.pk}/preview/")
    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").h1.get_text(strip=True) == emdr.title
