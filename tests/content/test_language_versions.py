"""Each language version of a page is its own row: same slug, its own language, status, review and
history. loadcontent reads the Spanish pages from content/es/ and the English ones as before."""

import shutil
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from articles.models import Article
from markup import render_markdown
from modalities.models import SLUGS, Modality
from tests.conftest import ROOT

SPANISH = ROOT / "content" / "es"
BEFORE = [("articles", "0004_reviewed_by_a_reviewer"), ("modalities", "0003_reviewed_by_a_reviewer")]
AFTER = [("articles", "0005_language_versions"), ("modalities", "0004_language_versions")]


def spanish_files(kind):
    return sorted((SPANISH / kind).glob("*.md"))


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def load(directory):
    out = StringIO()
    call_command("loadcontent", str(directory), stdout=out)
    return out.getvalue()


def test_every_spanish_file_becomes_a_spanish_row_with_the_english_slug(content):
    for kind, model in (("modalities", Modality), ("articles", Article)):
        assert spanish_files(kind), kind
        for path in spanish_files(kind):
            spanish = model.objects.get(language="es", slug=path.stem)
            english = model.objects.get(language="en", slug=path.stem)
            assert spanish.pk != english.pk
            assert spanish.title and spanish.summary != english.summary


def test_english_rows_are_what_the_english_files_say(content):
    assert sorted(Modality.objects.filter(language="en").values_list("slug", flat=True)) == sorted(SLUGS)
    english_articles = sorted(path.stem for path in (ROOT / "content" / "articles").glob("*.md"))
    assert sorted(Article.objects.filter(language="en").values_list("slug", flat=True)) == english_articles
    emdr = Modality.objects.get(language="en", slug="emdr")
    assert [heading for _id, heading, _html in emdr.sections()][0] == "What it is"


def test_spanish_section_headings_fill_the_same_fields(content):
    emdr = Modality.objects.get(language="es", slug="emdr")
    text = (SPANISH / "modalities" / "emdr.md").read_text(encoding="utf-8")
    first = text.split("## Qué es\n")[1].split("\n## ")[0].strip()
    last = text.split("## Preguntas para hacer a un terapeuta\n")[1].strip()
    assert emdr.what_it_is.strip() == first
    assert emdr.questions_to_ask.strip() == last
    assert [heading for _id, heading, _html in emdr.sections()][0] == "Qué es"
    assert all(html for _id, _heading, html in emdr.sections())


def test_a_spanish_version_has_its_own_review_and_reviewer(content, django_user_model):
    english = Article.objects.get(language="en", slug="getting-help-now")
    before = (english.last_reviewed, english.next_review_due, english.reviewed_by_id)
    spanish = Article.objects.get(language="es", slug="getting-help-now")
    assert str(spanish.last_reviewed) == "2026-11-30"  # from its own file
    reviewer = django_user_model.objects.create_user("dr-rao")
    spanish.record_review(reviewer)
    spanish.save()
    english.refresh_from_db()
    assert (english.last_reviewed, english.next_review_due, english.reviewed_by_id) == before
    spanish.refresh_from_db()
    assert spanish.reviewed_by == reviewer and spanish.next_review_due != before[1]


def test_a_spanish_version_has_its_own_history(content):
    english = Modality.objects.get(language="en", slug="emdr")
    spanish = Modality.objects.get(language="es", slug="emdr")
    english_versions = english.history.count()
    spanish.summary = "Un resumen nuevo."
    spanish.save()
    assert spanish.history.count() == 2
    assert english.history.count() == english_versions
    assert spanish.history.first().language == "es"


def test_a_spanish_article_links_the_spanish_explainers(content):
    article = Article.objects.get(language="es", slug="finding-a-therapist-you-can-trust")
    linked = list(article.modalities.all())
    therapies = {"tf-cbt", "emdr", "somatic-experiencing", "group-therapy", "art-therapy", "music-therapy"}
    assert {m.slug for m in linked} == therapies
    assert {m.language for m in linked} == {"es"}
    english = Article.objects.get(language="en", slug="finding-a-therapist-you-can-trust")
    assert {m.language for m in english.modalities.all()} == {"en"}


def test_a_translation_links_the_english_explainer_while_its_own_is_missing(db, content_copy):
    (content_copy / "es" / "modalities" / "music-therapy.md").unlink()
    load(content_copy)
    article = Article.objects.get(language="es", slug="finding-a-therapist-you-can-trust")
    languages = {m.slug: m.language for m in article.modalities.all()}
    assert languages["music-therapy"] == "en"
    assert languages["art-therapy"] == "es"
    # Once the Spanish explainer is written, the next load links it instead.
    shutil.copy(SPANISH / "modalities" / "music-therapy.md", content_copy / "es" / "modalities")
    report = load(content_copy)
    assert "updated   article finding-a-therapist-you-can-trust (es)" in report
    languages = {m.slug: m.language for m in article.modalities.all()}
    assert languages["music-therapy"] == "es"


def test_the_report_names_translations_by_language_and_a_second_load_changes_nothing(db, content_copy):
    first = load(content_copy)
    assert "created   modality emdr\n" in first
    assert "created   modality emdr (es)\n" in first
    assert "created   article getting-help-now (es)\n" in first
    second = load(content_copy)
    assert "0 created, 0 updated" in second


def test_a_spanish_file_with_the_english_headings_is_a_clear_error(db, content_copy):
    path = content_copy / "es" / "modalities" / "emdr.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("## Qué es\n", "## What it is\n"), encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        load(content_copy)
    message = str(error.value)
    assert "es/modalities/emdr.md" in message
    assert "Qué es" in message
    assert not Modality.objects.exists()


def test_a_spanish_file_must_keep_the_english_slug(db, content_copy):
    path = content_copy / "es" / "modalities" / "emdr.md"
    path.rename(path.with_name("emdr-es.md"))
    with pytest.raises(CommandError, match="slug"):
        load(content_copy)


def test_a_slug_is_unique_within_a_language_only(content):
    english = Article.objects.get(language="en", slug="you-are-not-alone")
    Article.objects.create(language="es", slug=english.slug, title="No estás solo", summary="s", body="b")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(language="en", slug=english.slug, title="Again", summary="s", body="b")


@pytest.mark.django_db(transaction=True)
def test_the_migration_makes_every_existing_row_english_and_slugs_unique_per_language():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldArticle = old.get_model("articles", "Article")
    OldArticle.objects.create(title="Old", slug="old", summary="s", body="b", status="draft")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    call_command("migrate", verbosity=0)  # and the rest of the way, as a release does

    assert Article.objects.get(slug="old").language == "en"
    Article.objects.create(language="es", slug="old", title="Viejo", summary="s", body="b")
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(language="es", slug="old", title="Otra vez", summary="s", body="b")


FOOTNOTED = "Una idea.[^1]\n\n[^1]: De dónde viene.\n"


def backlink_titles(html):
    return [a["title"] for a in BeautifulSoup(html, "html.parser").select("a.footnote-backref")]


def test_markdown_adds_its_own_words_in_the_language_of_the_text():
    assert backlink_titles(render_markdown(FOOTNOTED, "es").html) == ["Volver al texto"]
    assert backlink_titles(render_markdown(FOOTNOTED, "en").html) == ["Back to the text"]
    with translation.override("es"):
        assert backlink_titles(render_markdown(FOOTNOTED).html) == ["Volver al texto"]


def test_a_spanish_row_renders_in_spanish_whatever_language_saves_it(content):
    """The admin and loadcontent run in English: the row's own language decides."""
    article = Article.objects.get(language="es", slug="finding-a-therapist-you-can-trust")
    article.body = FOOTNOTED
    article.save()
    assert backlink_titles(Article.objects.get(pk=article.pk).body_html) == ["Volver al texto"]
    explainer = Modality.objects.get(language="es", slug="emdr")
    explainer.what_it_is = FOOTNOTED
    explainer.save()
    assert backlink_titles(Modality.objects.get(pk=explainer.pk).what_it_is_html) == ["Volver al texto"]
    english = Article.objects.get(language="en", slug="finding-a-therapist-you-can-trust")
    english.body = FOOTNOTED
    with translation.override("es"):
        english.save()
    assert backlink_titles(Article.objects.get(pk=english.pk).body_html) == ["Back to the text"]


def test_reloading_the_content_renders_again_what_was_stored_in_another_language(db, content_copy):
    """Rows rendered before their language was taken into account get their Spanish words back on the
    next loadcontent, though their files did not change; after that a reload changes nothing."""
    path = content_copy / "es" / "articles" / "finding-a-therapist-you-can-trust.md"
    path.write_text(path.read_text("utf-8").replace("\n## Fuentes", "[^1]\n\n[^1]: Nota.\n\n## Fuentes"))
    load(content_copy)
    rows = Article.objects.filter(language="es", slug="finding-a-therapist-you-can-trust")
    rows.update(body_html=render_markdown(rows.get().body, "en").html)
    assert backlink_titles(rows.get().body_html) == ["Back to the text"]
    report = load(content_copy)
    assert backlink_titles(rows.get().body_html) == ["Volver al texto"]
    assert "1 updated" in report, report
    assert "0 updated" in load(content_copy)
