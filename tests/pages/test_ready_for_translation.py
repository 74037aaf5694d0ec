"""Counted phrases are whole sentences a translator can reorder, never words glued to a suffix."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils.translation.template import templatize

from tests.conftest import ROOT

TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT / "templates")))
def test_no_template_builds_a_plural_by_hand(path):
    # `pluralize` glues an English "s" onto a word; other languages change the whole phrase.
    assert "|pluralize" not in path.read_text(encoding="utf-8")


def test_the_search_status_is_one_sentence_for_the_translator():
    source = (ROOT / "templates" / "search" / "search.html").read_text(encoding="utf-8")
    messages = re.findall(r"ngettext\(u?'([^']*)'", templatize(source))
    assert "%(total)s result (narrowed), showing %(first)s to %(last)s." in messages


@pytest.mark.parametrize(("minutes", "sentence"), [(1, "about 1 minute, then"), (3, "about 3 minutes, then")])
def test_the_wait_is_counted_in_a_whole_sentence(rf, minutes, sentence):
    context = {"wait_minutes": minutes, "retention_days": 365}
    html = render_to_string("volunteers/please_wait.html", context, request=rf.get("/"))
    assert f"Please wait {sentence} press Send again." in html
