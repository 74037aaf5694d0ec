"""The admin's history pages answer 403 to staff without content permissions and 404 to malformed
addresses: never 500, whoever asks and whatever they type."""

import pytest

from tests.editorial.conftest import ARTICLE_ADMIN, MODALITY_ADMIN, make_article
from tests.staff import sign_in

MALFORMED = [
    "{pk}/history/abc/",
    "abc/history/",
    "abc/history/1/",
    "{pk}/history/1e3/",
    "{pk}/history/%00/",
    "%00/history/",
    "1e3/history/",
    "{pk}/history/99999999999999999999999999/",
    "99999999999999999999999999/history/",
    "{pk}/history/-1/",
]


@pytest.fixture
def article(db):
    return make_article()


def history_urls(admin_path, pk):
    return [admin_path + path.format(pk=pk) for path in MALFORMED]


@pytest.mark.parametrize("admin_path", [ARTICLE_ADMIN, MODALITY_ADMIN])
def test_malformed_history_addresses_are_not_found(editor_client, article, admin_path):
    answers = {url: editor_client.get(url).status_code for url in history_urls(admin_path, article.pk)}
    assert answers == dict.fromkeys(answers, 404)


def test_staff_without_content_permission_are_refused_before_anything_else(client, moderator, article):
    sign_in(client, moderator)
    valid = [f"{ARTICLE_ADMIN}{article.pk}/history/", f"{ARTICLE_ADMIN}{article.pk}/history/1/"]
    urls = valid + history_urls(ARTICLE_ADMIN, article.pk) + history_urls(MODALITY_ADMIN, article.pk)
    answers = {url: client.get(url).status_code for url in urls}
    assert answers == dict.fromkeys(answers, 403)


def test_the_history_still_opens_for_editors(editor_client, article):
    assert editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/history/").status_code == 200
    version = article.history.latest("history_date").history_id
    assert editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/history/{version}/").status_code == 200
