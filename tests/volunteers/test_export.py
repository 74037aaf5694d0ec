"""CSV export: the filtered list, readable by spreadsheets, with formulas neutralised."""

import csv
import io

import pytest

from tests.volunteers.conftest import make_enquiry
from volunteers.export import neutralise
from volunteers.models import Enquiry

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so Excel reads it as UTF-8
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize(
    "value,expected",
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("  =1+1", "'  =1+1"),
        # Invisible or look-alike starts that a spreadsheet may skip or fold into a formula sign.
        ("\u200b=1+1", "'\u200b=1+1"),
        ("\ufeff=1+1", "'\ufeff=1+1"),
        ("\u200b\u200b+1", "'\u200b\u200b+1"),
        ("\u2060@SUM(A1)", "'\u2060@SUM(A1)"),
        ("\u200e-1", "'\u200e-1"),
        ("\u00a0=1", "'\u00a0=1"),
        ("\u3000=1", "'\u3000=1"),
        ("\u200bAda", "'\u200bAda"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0b1", "'\uff0b1"),
        ("\uff0d1", "'\uff0d1"),
        ("\uff20SUM(A1)", "'\uff20SUM(A1)"),
        ("\ufe661", "'\ufe661"),
        (" \u200b\uff1d1", "' \u200b\uff1d1"),
        ("Ada = kind", "Ada = kind"),
        (" Ada", " Ada"),
        ("\uff21da", "\uff21da"),
        ("ada@example.org", "ada@example.org"),
        ("", ""),
        (None, ""),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_export_is_a_download_of_the_filtered_list(moderator_client, moderator):
    keep = make_enquiry(name="Keep Me", email="keep@example.org")
    other = make_enquiry(name="Not Me", email="not@example.org")
    other.change_status(Enquiry.Status.SPAM, by=moderator)
    response = moderator_client.get("/inbox/export.csv?status=new")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="volunteer-enquiries-')
    exported = rows(response)
    assert [row["Name"] for row in exported] == ["Keep Me"]
    row = exported[0]
    assert row["Reference"] == keep.reference
    assert row["Email"] == "keep@example.org"
    assert row["Status"] == "New"
    assert row["Would like to help with"] == "Admin and office support; Translation and interpreting"
    assert row["Message"] == "I translate Romanian.\nI can help at weekends."


def test_export_neutralises_formulas_in_every_cell(moderator_client):
    make_enquiry(
        name="=cmd|' /C calc'!A0",
        phone="+44 7700 900982",
        city_region="-2+3",
        country="@SUM(1,2)",
        availability="\t=1",
        languages='=HYPERLINK("http://evil.example")',
        message="+danger",
        email="\ufeff=1+1@example.org",
    )
    row = rows(moderator_client.get("/inbox/export.csv"))[0]
    for column in [
        "Name",
        "Phone",
        "Town, city or region",
        "Country",
        "When they could help",
        "Languages",
        "Message",
        "Email",
    ]:
        assert row[column].startswith("'"), column


def test_export_search_matches_the_list(moderator_client):
    make_enquiry(name="Ada Lovelace", email="ada@example.org")
    make_enquiry(name="Bo Ng", email="bo@example.net")
    assert [r["Name"] for r in rows(moderator_client.get("/inbox/export.csv?q=example.net"))] == ["Bo Ng"]


def test_export_of_nothing_still_has_the_header(moderator_client):
    text = moderator_client.get("/inbox/export.csv").content.decode()
    assert text.startswith("\ufeffReference,Received,Status")
