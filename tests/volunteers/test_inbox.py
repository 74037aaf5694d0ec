"""Moderators triage in the inbox: counts, filters, search, status, assignment, notes, bulk, history."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib import admin
from django.utils import timezone

from tests.volunteers.conftest import make_enquiry
from volunteers.models import Enquiry, EnquiryEvent, EnquiryNote, HistoryIsAppendOnly

pytestmark = pytest.mark.django_db


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def listed(response) -> list[str]:
    """Names of the enquiries in the inbox table, in order."""
    rows = page_of(response).select("table.inbox-table tbody tr")
    return [row.select_one(".enquiry-cell--name").get_text(strip=True) for row in rows]


@pytest.fixture
def three(moderator):
    a = make_enquiry(name="Ada Lovelace", email="ada@example.org", interests=["translation"])
    b = make_enquiry(name="Bo Ng", email="bo@example.net", interests=["admin", "fundraising"])
    c = make_enquiry(name="Cy Young", email="CY@Example.org", interests=["peer_support"])
    b.change_status(Enquiry.Status.IN_REVIEW, by=moderator)
    c.change_status(Enquiry.Status.SPAM, by=moderator)
    return a, b, c


def test_the_list_shows_counts_per_status(moderator_client, three):
    page = page_of(moderator_client.get("/inbox/"))
    counts = {
        link.get_text(" ", strip=True) for link in page.select("nav[aria-label='Enquiries by status'] a")
    }
    assert "All (3)" in counts
    assert "New (1)" in counts
    assert "In review (1)" in counts
    assert "Spam (1)" in counts
    assert "Accepted (0)" in counts


def test_the_list_shows_newest_first(moderator_client, three):
    assert listed(moderator_client.get("/inbox/")) == ["Cy Young", "Bo Ng", "Ada Lovelace"]


@pytest.mark.parametrize(
    "query,expected",
    [
        ("status=new", ["Ada Lovelace"]),
        ("status=spam", ["Cy Young"]),
        ("interest=admin", ["Bo Ng"]),
        ("interest=fundraising&status=in_review", ["Bo Ng"]),
        ("q=lovelace", ["Ada Lovelace"]),
        ("q=EXAMPLE.ORG", ["Cy Young", "Ada Lovelace"]),
        ("q=bo@example", ["Bo Ng"]),
        ("q=nobody-matches", []),
    ],
)
def test_filters_and_search(moderator_client, three, query, expected):
    assert listed(moderator_client.get(f"/inbox/?{query}")) == expected


def test_filter_by_assignee(moderator_client, moderator, other_moderator, three):
    a, b, _ = three
    a.assign(other_moderator, by=moderator)
    b.assign(moderator, by=moderator)
    assert listed(moderator_client.get(f"/inbox/?assignee={other_moderator.pk}")) == ["Ada Lovelace"]
    assert listed(moderator_client.get(f"/inbox/?assignee={moderator.pk}")) == ["Bo Ng"]
    assert listed(moderator_client.get("/inbox/?assignee=none")) == ["Cy Young"]


def test_filter_by_date_received(moderator_client, three):
    a, b, _ = three
    Enquiry.objects.filter(pk=a.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))
    Enquiry.objects.filter(pk=b.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    since = (timezone.localdate() - datetime.timedelta(days=20)).isoformat()
    until = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    assert listed(moderator_client.get(f"/inbox/?received_from={since}")) == ["Cy Young", "Bo Ng"]
    assert listed(moderator_client.get(f"/inbox/?received_to={until}")) == ["Bo Ng", "Ada Lovelace"]
    assert listed(moderator_client.get(f"/inbox/?received_from={since}&received_to={until}")) == ["Bo Ng"]


def test_a_bad_filter_value_is_explained_and_ignored(moderator_client, three):
    response = moderator_client.get("/inbox/?received_from=yesterday&status=nonsense&assignee=x")
    page = page_of(response)
    assert len(listed(response)) == 3
    assert page.find(id="id_received_from_error") is not None
    assert page.find(id="id_status_error") is not None


def test_the_list_is_accessible(moderator_client, three):
    page = page_of(moderator_client.get("/inbox/"))
    assert len(page.find_all("h1")) == 1
    for control in page.select("input:not([type=hidden]), select, textarea"):
        assert page.find("label", attrs={"for": control["id"]}), control
    assert all(th.get("scope") in ("col", "row") for th in page.select("table th"))
    assert page.find("caption") is not None


def test_the_detail_says_which_language_the_form_was_sent_in(moderator_client):
    enquiry = make_enquiry(language="es")
    page = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/"))
    assert "Language of the form Español" in page.get_text(" ", strip=True)


def test_the_detail_shows_everything_the_volunteer_sent(moderator_client, enquiry):
    page = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/"))
    assert len(page.find_all("h1")) == 1
    text = page.get_text(" ", strip=True)
    for value in [
        "Ada Volunteer",
        "ada.volunteer@example.org",
        "+44 7700 900982",
        "Leeds",
        "United Kingdom",
        "Translation and interpreting",
        "Admin and office support",
        "Two evenings a month",
        "English and Romanian",
        "I translate Romanian.",
    ]:
        assert value in text
    for control in page.select("input:not([type=hidden]), select, textarea"):
        assert page.find("label", attrs={"for": control["id"]}), control


def test_an_unknown_enquiry_is_a_404(moderator_client):
    assert moderator_client.get("/inbox/999999/").status_code == 404


def test_changing_the_status_is_recorded_in_the_history(moderator_client, moderator, enquiry):
    response = moderator_client.post(f"/inbox/{enquiry.pk}/status/", {"status": "in_review"})
    assert response.status_code == 302
    assert response["Location"] == f"/inbox/{enquiry.pk}/"
    enquiry.refresh_from_db()
    assert enquiry.status == "in_review"
    event = enquiry.events.last()
    assert (event.kind, event.actor, event.from_value, event.to_value) == (
        "status",
        moderator,
        "new",
        "in_review",
    )
    history = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/")).select("table.inbox-table tbody tr")
    last = [cell.get_text(strip=True) for cell in history[-1].find_all("td")]
    assert last[1:] == ["maria", "Status changed", "New", "In review"]


def test_closing_starts_the_retention_clock_and_reopening_stops_it(moderator, enquiry):
    enquiry.change_status(Enquiry.Status.DECLINED, by=moderator)
    closed_at = Enquiry.objects.get(pk=enquiry.pk).closed_at
    assert closed_at is not None
    enquiry.change_status(Enquiry.Status.ARCHIVED, by=moderator)
    assert Enquiry.objects.get(pk=enquiry.pk).closed_at == closed_at  # still closed since then
    enquiry.change_status(Enquiry.Status.CONTACTED, by=moderator)
    assert Enquiry.objects.get(pk=enquiry.pk).closed_at is None


def test_setting_the_same_status_again_records_nothing(moderator_client, enquiry):
    moderator_client.post(f"/inbox/{enquiry.pk}/status/", {"status": "new"})
    assert enquiry.events.count() == 1


def test_an_unknown_status_is_refused_with_a_message(moderator_client, enquiry):
    response = moderator_client.post(f"/inbox/{enquiry.pk}/status/", {"status": "deleted"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    enquiry.refresh_from_db()
    assert enquiry.status == "new"


def test_assigning_to_a_moderator_is_recorded(moderator_client, moderator, other_moderator, enquiry):
    moderator_client.post(f"/inbox/{enquiry.pk}/assign/", {"assignee": other_moderator.pk})
    moderator_client.post(f"/inbox/{enquiry.pk}/assign/", {"assignee": ""})
    enquiry.refresh_from_db()
    assert enquiry.assignee is None
    changes = list(enquiry.events.filter(kind="assignee").values_list("from_value", "to_value"))
    assert changes == [("", "omar"), ("omar", "")]
    text = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/")).get_text(" ", strip=True)
    assert "Assignment changed omar nobody" in text


def test_only_moderators_can_be_assigned(moderator_client, editor, enquiry):
    response = moderator_client.post(f"/inbox/{enquiry.pk}/assign/", {"assignee": editor.pk})
    assert response.status_code == 400
    enquiry.refresh_from_db()
    assert enquiry.assignee is None


def test_notes_are_kept_and_the_history_says_one_was_added(moderator_client, enquiry):
    response = moderator_client.post(f"/inbox/{enquiry.pk}/notes/", {"text": "Called her.\nLovely chat."})
    assert response.status_code == 302
    note = EnquiryNote.objects.get()
    assert (note.enquiry, note.author_name, note.text) == (enquiry, "maria", "Called her.\nLovely chat.")
    event = enquiry.events.last()
    assert event.kind == "note"
    assert "Called her" not in (event.from_value + event.to_value)
    page = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/"))
    assert "Lovely chat." in page.select_one("ul.notes").get_text()


def test_an_empty_note_is_refused_with_a_message(moderator_client, enquiry):
    response = moderator_client.post(f"/inbox/{enquiry.pk}/notes/", {"text": "   "})
    assert response.status_code == 400
    assert "Enter the note" in response.content.decode()
    assert EnquiryNote.objects.count() == 0


def test_bulk_mark_as_spam_and_archive(moderator_client, moderator, three):
    a, b, c = three
    response = moderator_client.post(
        "/inbox/bulk/", {"action": "spam", "enquiries": [a.pk, b.pk], "next": "/inbox/?status=new"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/inbox/?status=new"
    assert set(Enquiry.objects.filter(pk__in=[a.pk, b.pk]).values_list("status", flat=True)) == {"spam"}
    moderator_client.post("/inbox/bulk/", {"action": "archive", "enquiries": [a.pk, c.pk]})
    assert set(Enquiry.objects.values_list("status", flat=True)) == {"archived", "spam"}
    assert list(a.events.filter(kind="status").values_list("from_value", "to_value")) == [
        ("new", "spam"),
        ("spam", "archived"),
    ]
    messages = moderator_client.get("/inbox/").content.decode()
    assert "2 enquiries marked as spam." in messages
    assert "2 enquiries marked as archived." in messages


def test_bulk_says_how_many_changed(moderator_client, three):
    a, b, _ = three
    response = moderator_client.post(
        "/inbox/bulk/", {"action": "archive", "enquiries": [a.pk, b.pk]}, follow=True
    )
    assert "2 enquiries marked as archived." in response.content.decode()


def test_bulk_with_nothing_selected_changes_nothing_and_says_why(moderator_client, three):
    response = moderator_client.post("/inbox/bulk/", {"action": "spam"}, follow=True)
    assert "Select at least one enquiry" in response.content.decode()
    assert Enquiry.objects.filter(status="spam").count() == 1


def test_bulk_never_redirects_off_the_inbox(moderator_client, three):
    a, _, _ = three
    for target in ["https://evil.example/", "//evil.example/inbox/", "/admin/"]:
        response = moderator_client.post(
            "/inbox/bulk/", {"action": "spam", "enquiries": [a.pk], "next": target}
        )
        assert response["Location"] == "/inbox/"


def test_history_cannot_be_edited_or_deleted(moderator, enquiry):
    enquiry.change_status(Enquiry.Status.CONTACTED, by=moderator)
    event = enquiry.events.last()
    event.to_value = "accepted"
    with pytest.raises(HistoryIsAppendOnly):
        event.save()
    with pytest.raises(HistoryIsAppendOnly):
        event.delete()
    with pytest.raises(HistoryIsAppendOnly):
        EnquiryEvent.objects.filter(pk=event.pk).update(to_value="accepted")
    with pytest.raises(HistoryIsAppendOnly):
        EnquiryEvent.objects.all().delete()
    assert EnquiryEvent.objects.get(pk=event.pk).to_value == "contacted"


def test_there_is_no_way_to_edit_enquiries_or_history_in_the_admin(admin_client, enquiry):
    assert not admin.site.is_registered(Enquiry)
    assert not admin.site.is_registered(EnquiryEvent)
    assert not admin.site.is_registered(EnquiryNote)
    assert admin_client.get(f"/admin/volunteers/enquiry/{enquiry.pk}/change/").status_code == 404


def test_the_history_survives_a_moderator_account_being_deleted(moderator, enquiry):
    enquiry.change_status(Enquiry.Status.IN_REVIEW, by=moderator)
    moderator.delete()
    event = enquiry.events.last()
    assert event.actor is None
    assert event.who == "maria"
