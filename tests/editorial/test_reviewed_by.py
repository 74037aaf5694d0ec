""" "Reviewed by" is a chosen clinical reviewer, not free text; old texts became reviewers where they
named one."""

import importlib

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from editorial.models import Status
from editorial.reviewers import reviewer_named
from tests.editorial.conftest import ARTICLE_ADMIN, make_article

BEFORE = [("articles", "0003_publish_permission"), ("modalities", "0002_publish_permission")]
AFTER = [("articles", "0004_reviewed_by_a_reviewer"), ("modalities", "0003_reviewed_by_a_reviewer")]


def test_the_form_offers_only_clinical_reviewers_by_first_name(reviewer_client, reviewer, editor):
    article = make_article(status=Status.PUBLISHED)
    page = BeautifulSoup(reviewer_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").content, "html.parser")
    options = [o.get_text() for o in page.find("select", id="id_reviewed_by").find_all("option")]
    assert options == ["Not recorded", "Dr Rao"]  # Erin is an editor, not a reviewer


def test_a_reviewer_is_found_by_the_name_written_in_a_content_file(reviewer, roles, django_user_model):
    amal = django_user_model.objects.create_user("amal", first_name="Amal", last_name="Rao")
    amal.groups.add(roles["Clinical reviewers"])
    assert reviewer_named("Amal Rao") == amal
    assert reviewer_named("Dr Amal Rao, LCSW") == amal
    assert reviewer_named("dr-rao") == reviewer
    assert reviewer_named("Editorial team (clinical review pending)") is None
    assert reviewer_named("") is None


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_old_texts_into_reviewers_where_it_can(django_user_model):
    roles = importlib.import_module("editorial.migrations.0002_editorial_roles")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Article = old.get_model("articles", "Article")
    User = old.get_model("auth", "User")
    Group_ = old.get_model("auth", "Group")
    roles.create_roles(old, None)
    amal = User.objects.create(username="amal", first_name="Amal", last_name="Rao")
    amal.groups.add(Group_.objects.get(name="Clinical reviewers"))
    common = {"summary": "s", "body": "b", "status": "draft"}
    Article.objects.create(title="Named", slug="named", reviewed_by="Dr Amal Rao, LCSW", **common)
    Article.objects.create(title="Team", slug="team", reviewed_by="Editorial team", **common)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    call_command("migrate", verbosity=0)  # and the rest of the way, as a release does

    from articles.models import Article as Current

    assert Current.objects.get(slug="named").reviewed_by_id == amal.pk
    assert Current.objects.get(slug="team").reviewed_by is None
    assert Group.objects.filter(name="Clinical reviewers").exists()
