"""The translations: every reader-facing message has one, it keeps the message's placeholders and
markup, and the compiled django.mo in the repository says exactly what its django.po says.

The .mo is kept in the repository so that a fresh machine needs no gettext tools; these tests compile
the .po with polib instead, so they need none either.
"""

import re

import polib
import pytest

from tests.pages.catalogue import SOURCES, SPANISH, reader_facing

# What a translation must carry over unchanged: named placeholders, and the tags and attributes of
# the markup inside a message (a link's address, <kbd>, <strong>, <time datetime=...>).
CARRIED_OVER = re.compile(r"%\(\w+\)[sd]|</?\w+|\w+=\"[^\"]*\"")


def _messages(catalogue) -> dict:
    """Every translated message, by (context, id, plural id): what a compiled catalogue holds."""
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural): (
            entry.msgstr,
            tuple(sorted((int(form), text) for form, text in entry.msgstr_plural.items())),
        )
        for entry in catalogue
        if entry.msgid and (entry.msgstr or any(entry.msgstr_plural.values()))
    }


def test_the_catalogues_are_there():
    assert SPANISH in SOURCES


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.parent.parent.name)
def test_the_compiled_catalogue_matches_its_source(source, tmp_path):
    compiled = source.with_suffix(".mo")
    assert compiled.exists(), f"{compiled.name} is missing: run manage.py compilemessages and commit it"
    expected = tmp_path / "django.mo"
    polib.pofile(str(source)).save_as_mofile(str(expected))

    kept, fresh = polib.mofile(str(compiled)), polib.mofile(str(expected))
    assert _messages(kept) == _messages(fresh), (
        f"{compiled} is out of date with {source.name}: run manage.py compilemessages and commit both"
    )
    assert kept.metadata.get("Plural-Forms") == fresh.metadata.get("Plural-Forms")


def test_every_reader_facing_message_is_translated_into_spanish():
    catalogue = polib.pofile(str(SPANISH))
    untranslated = [
        entry.msgid for entry in reader_facing(catalogue) if not entry.translated() or entry.fuzzy
    ]
    assert not untranslated, f"{len(untranslated)} reader-facing messages have no Spanish yet: {untranslated}"


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.parent.parent.name)
def test_translations_keep_the_placeholders_and_markup(source):
    broken = []
    for entry in polib.pofile(str(source)).translated_entries():
        pairs = (
            [(entry.msgid, entry.msgstr)]
            if not entry.msgid_plural
            else [
                (entry.msgid if int(form) == 0 else entry.msgid_plural, text)
                for form, text in entry.msgstr_plural.items()
            ]
        )
        for original, translation in pairs:
            if sorted(CARRIED_OVER.findall(original)) != sorted(CARRIED_OVER.findall(translation)):
                broken.append(original)
    assert not broken, f"these translations lose or change a placeholder or a tag: {broken}"
