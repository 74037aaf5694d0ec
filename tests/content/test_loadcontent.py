"""loadcontent validates everything first, upserts by slug, is idempotent and reports what it did."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article
from modalities.models import SLUGS, Modality
from tests.conftest import ROOT


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def load(directory):
    out = StringIO()
    call_command("loadcontent", str(directory), stdout=out)
    return out.getvalue()


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_load_creates_then_second_load_changes_nothing(db, content_copy):
    first = load(content_copy)
    explainers = len(list((content_copy / "modalities").glob("*.md")))
    assert Modality.objects.filter(language="en").count() == explainers == len(SLUGS)
    # Every file, English and translated, is one row.
    files = len(list(content_copy.glob("**/modalities/*.md")) + list(content_copy.glob("**/articles/*.md")))
    assert Modality.objects.count() + Article.objects.count() == files
    assert f"{files} created, 0 updated, 0 unchanged" in first
    second = load(content_copy)
    assert f"0 created, 0 updated, {files} unchanged (skipped)" in second


def test_changed_file_is_updated_in_place(db, content_copy):
    load(content_copy)
    path = content_copy / "articles" / "getting-help-now.md"
    replace_in(path, "title: ", "title: Updated - ")
    report = load(content_copy)
    assert "updated   article getting-help-now" in report
    assert Article.objects.get(language="en", slug="getting-help-now").title.startswith("Updated - ")
    assert Article.objects.filter(language="en", slug="getting-help-now").count() == 1


@pytest.mark.parametrize(
    "filename, old, new, field",
    [
        ("articles/getting-help-now.md", "title: ", "headline: ", "title"),
        ("articles/you-are-not-alone.md", "modalities: [", "modalities: [not-a-therapy, ", "modalities"),
        (
            "articles/you-are-not-alone.md",
            "last_reviewed: 20",
            "last_reviewed: 2026-13-45  # was 20",
            "last_reviewed",
        ),
        ("modalities/emdr.md", "title: ", "title: [unclosed\nbroken: ", "front matter"),
        ("modalities/emdr.md", "evidence_level: strong", "evidence_level: amazing", "evidence_level"),
        ("modalities/emdr.md", "## Who it may help", "## Who it is for", "body"),
    ],
)
def test_bad_file_is_a_clear_error_and_nothing_is_loaded(db, content_copy, filename, old, new, field):
    replace_in(content_copy / filename, old, new)
    with pytest.raises(CommandError) as error:
        load(content_copy)
    message = str(error.value)
    assert filename.split("/")[1] in message
    assert field in message
    assert Modality.objects.count() == 0
    assert Article.objects.count() == 0


def test_bad_file_leaves_existing_content_untouched(db, content_copy):
    load(content_copy)
    before = Article.objects.get(language="en", slug="getting-help-now").title
    replace_in(content_copy / "articles" / "getting-help-now.md", "title: ", "title: Changed ")
    replace_in(content_copy / "modalities" / "emdr.md", "last_reviewed: 20", "last_reviewed: soon  # was 20")
    with pytest.raises(CommandError):
        load(content_copy)
    assert Article.objects.get(language="en", slug="getting-help-now").title == before


def test_missing_directory_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        load(tmp_path / "nowhere")


def test_loaded_markdown_is_rendered_and_sanitised(db, content_copy):
    replace_in(
        content_copy / "articles" / "getting-help-now.md",
        "\n---\n",
        "\n---\n<script>alert(1)</script>\n[x](javascript:alert(1))\n\n",
    )
    load(content_copy)
    html = Article.objects.get(language="en", slug="getting-help-now").body_html
    assert "<script" not in html and "javascript:" not in html
    assert "<h2" in html
