"""The translation catalogues in locale/, read with polib (no system gettext needed), and which of
their messages readers see.

Staff pages (admin, editorial, inbox, second factor) stay in English in every language, so a message
used only there needs no translation; every other message is reader-facing.
"""

import re

import polib

from tests.conftest import ROOT

LOCALE_DIR = ROOT / "locale"
SOURCES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))
SPANISH = LOCALE_DIR / "es" / "LC_MESSAGES" / "django.po"

# Where staff-only messages live: anything else a message is used in makes it reader-facing.
STAFF_ONLY = re.compile(
    r"^(editorial/|markup/(changes|help)\.py$|staff/|secondfactor/|[a-z]+/apps\.py$|[a-z]+/admin\.py$"
    r"|volunteers/inbox_views\.py$|volunteers/export\.py$"
    r"|templates/(admin|staff|secondfactor|volunteers/inbox)/"
    r"|templates/volunteers/email/moderator_alert\.txt$)"
)


def is_staff_only(entry: polib.POEntry) -> bool:
    return all(STAFF_ONLY.match(path) for path, _line in entry.occurrences)


def reader_facing(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete and not is_staff_only(entry)]
