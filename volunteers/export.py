"""CSV export of the inbox, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before
reading a formula) would run as a formula when opened; such cells get a leading apostrophe, which
spreadsheets read as "this is text" and do not show. Spreadsheets also skip or fold characters a
reader cannot see: spaces of every kind and invisible format characters (zero-width space, byte-order
mark, direction marks) before the sign, and full-width or small forms of the signs (＝ ＋ － ＠).
So the first visible character is read in its compatibility form (NFKC), and a cell that begins with
an invisible format character is neutralised whatever follows it.
"""

import csv
import unicodedata

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FORMULA_STARTS = frozenset("=+-@\t\r")
# Unicode categories a reader cannot see: format characters, controls, and separators (spaces).
INVISIBLE_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
# Excel only reads a CSV as UTF-8 when it starts with a byte-order mark.
UTF8_BOM = "\ufeff"


def _is_formula_sign(char: str) -> bool:
    return char in FORMULA_STARTS or unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS


def _starts_like_a_formula(text: str) -> bool:
    if unicodedata.category(text[0]) == "Cf":
        return True
    for char in text:
        if _is_formula_sign(char):
            return True
        if unicodedata.category(char) not in INVISIBLE_CATEGORIES:
            return False
    return False


def neutralise(value) -> str:
    """The value as spreadsheet-safe text."""
    text = "" if value is None else str(value)
    if text and _starts_like_a_formula(text):
        return "'" + text
    return text


COLUMNS = [
    (_("Reference"), lambda e: e.reference),
    (_("Received"), lambda e: timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M")),
    (_("Status"), lambda e: e.get_status_display()),
    (_("Assigned to"), lambda e: e.assignee.get_username() if e.assignee else ""),
    (_("Name"), lambda e: e.name),
    (_("Email"), lambda e: e.email),
    (_("Phone"), lambda e: e.phone),
    (_("Town, city or region"), lambda e: e.city_region),
    (_("Country"), lambda e: e.country),
    (_("Would like to help with"), lambda e: "; ".join(e.interest_labels())),
    (_("When they could help"), lambda e: e.availability),
    (_("Languages"), lambda e: e.languages),
    (_("Message"), lambda e: e.message),
]


def write_enquiries(enquiries, stream) -> None:
    """Write a header row and one row per enquiry to `stream` (any object with `write`)."""
    stream.write(UTF8_BOM)
    writer = csv.writer(stream)
    writer.writerow([str(title) for title, _value in COLUMNS])
    for enquiry in enquiries:
        writer.writerow([neutralise(value(enquiry)) for _title, value in COLUMNS])
