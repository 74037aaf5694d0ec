"""One vocabulary of needs and symptoms: capitals never split a tag, and a new tag is added on purpose."""

from bs4 import BeautifulSoup
from taggit.models import Tag

from articles.models import Article
from editorial.tags import format_tags, parse_tags
from tests.editorial.conftest import ARTICLE_ADMIN, admin_form_data, article_post, make_article


def vocabulary(*names):
    return [Tag.objects.create(name=name) for name in names]


def test_a_tag_typed_with_other_capitals_files_under_the_existing_one(editor_client, client):
    vocabulary("nightmares", "trouble sleeping")
    response = editor_client.post(
        f"{ARTICLE_ADMIN}add/", article_post(tags="Nightmares, TROUBLE SLEEPING", confirm_new_tags=None)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert sorted(article.tags.names()) == ["nightmares", "trouble sleeping"]
    assert Tag.objects.count() == 2
    assert client.get("/tags/nightmares_1/").status_code == 404


def test_a_tag_outside_the_vocabulary_is_refused_until_confirmed(editor_client):
    vocabulary("nightmares")
    data = article_post(tags="nightmares, insomnia", confirm_new_tags=None)

    refused = editor_client.post(f"{ARTICLE_ADMIN}add/", data)

    assert refused.status_code == 200
    assert not Article.objects.exists() and not Tag.objects.filter(name="insomnia").exists()
    page = BeautifulSoup(refused.content, "html.parser")
    assert "“insomnia” is not one of the needs and symptoms yet" in page.get_text(" ")
    confirm = page.find("input", attrs={"name": "confirm_new_tags"})
    assert confirm["type"] == "checkbox"
    assert page.find("input", id="id_tags")["value"] == "nightmares, insomnia"  # as typed

    data = admin_form_data(refused.content.decode(), "article_form")
    data.update(confirm_new_tags="on", _save="Save")
    assert editor_client.post(f"{ARTICLE_ADMIN}add/", data).status_code == 302
    assert sorted(Article.objects.get().tags.names()) == ["insomnia", "nightmares"]


def test_the_confirmation_is_hidden_while_every_tag_is_known(editor_client):
    vocabulary("nightmares")
    page = BeautifulSoup(editor_client.get(f"{ARTICLE_ADMIN}add/").content, "html.parser")
    assert page.find("input", attrs={"name": "confirm_new_tags"})["type"] == "hidden"


def test_saved_tags_show_without_quotation_marks(editor_client):
    article = make_article()
    article.tags.set(vocabulary("trouble sleeping", "nightmares", "feeling on edge"))
    page = BeautifulSoup(editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content, "html.parser")
    assert page.find("input", id="id_tags")["value"] == "feeling on edge, nightmares, trouble sleeping"


def test_saving_the_form_unchanged_keeps_names_with_spaces_whole(editor_client):
    article = make_article()
    article.tags.set(vocabulary("trouble sleeping"))
    url = f"{ARTICLE_ADMIN}{article.pk}/change/"
    data = admin_form_data(editor_client.get(url).content.decode(), "article_form")
    data["_save"] = "Save"
    assert editor_client.post(url, data).status_code == 302
    assert list(article.tags.names()) == ["trouble sleeping"]
    assert Tag.objects.count() == 1


def test_parsing_splits_on_commas_only_and_drops_case_duplicates():
    assert parse_tags('trouble sleeping, "feeling on edge", Nightmares, nightmares,, ') == [
        "Nightmares",
        "feeling on edge",
        "trouble sleeping",
    ]
    assert parse_tags("") == []
    assert format_tags([Tag(name="b c"), Tag(name="a")]) == "a, b c"
