"""The inbox made for moderators: everything in "All", filters folded away, back to the same filters,
assign to me, counts that make sense, and colleagues called by their first names."""

import pytest
from bs4 import BeautifulSoup

from tests.volunteers.conftest import make_enquiry
from volunteers.models import Enquiry

pytestmark = pytest.mark.django_db


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def names_listed(page) -> list[str]:
    return [cell.get_text(strip=True) for cell in page.select(".inbox-table .enquiry-cell--name")]


@pytest.fixture
def named_moderator(moderator):
    moderator.first_name = "Maria"
    moderator.save()
    return moderator


def test_all_lists_archived_and_spam_enquiries_too(moderator_client, moderator):
    make_enquiry(name="Open One")
    make_enquiry(name="Spam One").change_status(Enquiry.Status.SPAM, by=moderator)
    make_enquiry(name="Old One").change_status(Enquiry.Status.ARCHIVED, by=moderator)

    page = page_of(moderator_client.get("/inbox/"))

    assert sorted(names_listed(page)) == ["Old One", "Open One", "Spam One"]
    all_link = page.select_one("nav[aria-label='Enquiries by status'] a")
    assert all_link.get_text(" ", strip=True) == "All (3)"


def test_filters_are_folded_away_and_say_how_many_are_in_use(moderator_client, enquiry):
    page = page_of(moderator_client.get("/inbox/"))
    filters = page.find("details", class_="inbox-filters")
    assert filters is not None and not filters.has_attr("open")
    assert filters.summary.get_text(strip=True) == "Find enquiries"

    page = page_of(moderator_client.get("/inbox/?q=ada&interest=translation&status=new"))
    summary = page.find("details", class_="inbox-filters").summary.get_text(strip=True)
    assert summary == "Find enquiries (2 filters in use)"


def test_back_to_the_inbox_returns_to_the_same_filters(moderator_client, enquiry):
    listing = page_of(moderator_client.get("/inbox/?status=new&q=ada"))
    detail_url = listing.select_one(".enquiry-cell--ref a")["href"]

    detail = page_of(moderator_client.get(detail_url))
    back = detail.find("a", string="Back to the inbox")["href"]
    assert back == "/inbox/?status=new&q=ada"


def test_back_to_the_inbox_survives_a_triage_step(moderator_client, enquiry):
    listing = page_of(moderator_client.get("/inbox/?status=new"))
    detail_url = listing.select_one(".enquiry-cell--ref a")["href"]
    detail = page_of(moderator_client.get(detail_url))
    back_field = detail.select_one("form[action$='/status/'] input[name=back]")

    response = moderator_client.post(
        f"/inbox/{enquiry.pk}/status/", {"status": "contacted", "back": back_field["value"]}, follow=True
    )

    assert page_of(response).find("a", string="Back to the inbox")["href"] == "/inbox/?status=new"


def test_back_never_leads_off_the_inbox(moderator_client, enquiry):
    page = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/?back=https://evil.example/"))
    assert page.find("a", string="Back to the inbox")["href"].startswith("/inbox/?")


def test_no_download_is_offered_when_nothing_is_found(moderator_client, enquiry):
    page = page_of(moderator_client.get("/inbox/?q=nobody-by-this-name"))
    assert "Download" not in page.get_text()
    page = page_of(moderator_client.get("/inbox/"))
    assert (
        page.find("a", download=True).get_text(strip=True) == "Download this enquiry as a spreadsheet (CSV)"
    )


def test_assign_to_me(moderator_client, named_moderator, enquiry):
    detail = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/"))
    button = detail.find("button", string="Assign to me")
    form = button.find_parent("form")
    data = {field["name"]: field.get("value", "") for field in form.find_all("input")}

    response = moderator_client.post(form["action"], data, follow=True)

    enquiry.refresh_from_db()
    assert enquiry.assignee == named_moderator
    page = page_of(response)
    assert "Assigned to you." in page.get_text()
    assert page.find("button", string="Assign to me") is None  # already yours


def test_colleagues_are_called_by_their_first_names(
    moderator_client, named_moderator, other_moderator, enquiry
):
    other_moderator.first_name = "Omar"
    other_moderator.save()
    enquiry.assign(other_moderator, by=named_moderator)
    enquiry.change_status(Enquiry.Status.CONTACTED, by=named_moderator)

    listing = page_of(moderator_client.get("/inbox/"))
    assert listing.select_one(".enquiry-cell--assignee").get_text(strip=True) == "Omar"
    assert "Omar" in [o.get_text() for o in listing.select("select[name=assignee] option")]
    detail = page_of(moderator_client.get(f"/inbox/{enquiry.pk}/"))
    history = [row.find_all("td")[1].get_text(strip=True) for row in detail.select("table tbody tr")]
    assert set(history[1:]) == {"Maria"}
    assert "omar" not in detail.get_text() and "maria" not in detail.get_text()


def test_each_enquiry_shows_its_status_and_assignee_beside_its_reference(moderator_client, enquiry):
    row = page_of(moderator_client.get("/inbox/")).select_one(".inbox-cards tbody tr")
    cells = [cell["class"][0] for cell in row.find_all(["td", "th"])]
    assert cells[:4] == [
        "enquiry-cell--select",
        "enquiry-cell--ref",
        "enquiry-cell--status",
        "enquiry-cell--assignee",
    ]
