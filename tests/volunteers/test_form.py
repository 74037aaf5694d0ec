"""The public volunteer form: fields, validation, GOV.UK error summary, POST-redirect-GET, no duplicates."""

import time
import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.db import OperationalError
from django.test import override_settings

from tests.volunteers.conftest import FORM_URL, THANKS_URL, VALID_ANSWERS, form_post, redirects_to_thanks
from volunteers import views
from volunteers.models import Enquiry, EnquiryEvent, EnquiryInterest, Notification

pytestmark = pytest.mark.django_db

SINGLE_LINE_FIELDS = ["name", "email", "phone", "city_region", "country", "availability", "languages"]
MAX_LENGTHS = {
    "name": 100,
    "email": 254,
    "phone": 30,
    "city_region": 100,
    "country": 100,
    "availability": 200,
    "languages": 200,
    "message": 2000,
}


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def test_form_has_a_label_for_every_field_and_a_privacy_notice(client):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    for field in [*SINGLE_LINE_FIELDS, "message", "consent"]:
        control = page.find(attrs={"name": field})
        assert control is not None, field
        assert page.find("label", attrs={"for": control["id"]}), field
    boxes = page.find_all("input", attrs={"name": "interests"})
    assert len(boxes) == 6
    assert all(page.find("label", attrs={"for": box["id"]}) for box in boxes)
    assert page.find("legend").get_text(strip=True) == "How would you like to help?"
    notice = page.find(id="privacy-notice").get_text(" ", strip=True)
    assert "only our moderators" in notice
    assert "365 days after we close your enquiry" in notice
    assert page.find("form", class_="volunteer-form").has_attr("novalidate")


@override_settings(VOLUNTEER_RETENTION_DAYS=90)
def test_privacy_notice_reads_the_retention_period_from_settings(client):
    notice = soup(client.get(FORM_URL)).find(id="privacy-notice").get_text(" ", strip=True)
    assert "90 days after we close your enquiry" in notice


def test_form_sets_only_the_csrf_cookie(client):
    response = client.get(FORM_URL)
    assert set(response.cookies) == {"csrftoken"}


def test_the_blank_form_stays_private_and_a_form_holding_answers_is_never_stored(client):
    blank = client.get(FORM_URL)["Cache-Control"]
    assert "private" in blank and "no-cache" in blank and "no-store" not in blank
    with_answers = client.post(FORM_URL, form_post(email="typo@"))["Cache-Control"]
    assert "no-store" in with_answers


def test_thanks_page_sets_no_cookie(client):
    response = client.get(THANKS_URL)
    assert response.status_code == 200
    assert not response.cookies
    assert "What happens next" in response.content.decode()


def test_the_thanks_page_after_sending_says_the_enquiry_arrived(client):
    thanks = client.post(FORM_URL, form_post(), follow=True)
    assert thanks.redirect_chain[0][1] == 303
    assert "We have your enquiry" in thanks.content.decode()
    assert not thanks.cookies
    # A reload within the hour still thanks.
    assert "We have your enquiry" in client.get(thanks.redirect_chain[0][0]).content.decode()


@pytest.mark.parametrize("mark", ["", "?sent=", "?sent=sent", "?sent=sent:1tAAAA:forged-signature"])
def test_the_thanks_page_opened_on_its_own_claims_no_enquiry(client, mark):
    page = client.get(THANKS_URL + mark).content.decode()
    assert "We have your enquiry" not in page
    assert "No form was sent on this visit" in page
    assert 'href="/volunteer/"' in page


class SignedTwoHoursAgo(signing.TimestampSigner):
    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 2 * 60 * 60)


def test_an_old_thanks_address_from_history_claims_no_enquiry(client):
    # The mark is genuine, as the form made it two hours ago: someone found it in the history.
    old_mark = SignedTwoHoursAgo(salt=views.SENT_MARK_SALT).sign(views.SENT_MARK)
    page = client.get(THANKS_URL, {views.SENT_MARK: old_mark}).content.decode()
    assert "We have your enquiry" not in page
    assert "No form was sent on this visit" in page


def test_redirect_after_a_good_post_sets_no_cookie(client):
    response = client.post(FORM_URL, form_post())
    assert response.status_code == 303
    assert not response.cookies


def test_valid_answers_are_stored_once_and_redirect_to_thanks(client):
    response = client.post(FORM_URL, form_post())
    assert redirects_to_thanks(response)
    enquiry = Enquiry.objects.get()
    assert enquiry.name == "Ada Volunteer"
    assert enquiry.email == "ada.volunteer@example.org"
    assert enquiry.message == "I translate Romanian.\nI can help at weekends."
    assert enquiry.status == Enquiry.Status.NEW
    assert enquiry.consent_given_at is not None
    assert sorted(enquiry.interests.values_list("interest", flat=True)) == ["admin", "translation"]
    assert list(enquiry.events.values_list("kind", "to_value")) == [("submitted", "new")]
    assert set(enquiry.notifications.values_list("kind", flat=True)) == {
        "moderator_alert",
        "volunteer_confirmation",
    }


def test_phone_and_message_are_optional(client):
    response = client.post(FORM_URL, form_post(phone="", message=""))
    assert response.status_code == 303
    assert Enquiry.objects.get().phone == ""


def test_errors_are_summarised_at_the_top_linking_to_each_field(client):
    response = client.post(FORM_URL, form_post(name="", email="ada@example", interests=None, consent=None))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    page = soup(response)
    assert page.title.get_text().startswith("Error:")
    summary = page.find(attrs={"data-error-summary": True})
    assert summary["role"] == "alert"
    assert summary["tabindex"] == "-1"
    # The summary comes before the page heading, as in GOV.UK's pattern.
    assert summary.find_next("h1") is not None
    links = {a["href"]: a.get_text(strip=True) for a in summary.find_all("a")}
    assert links == {
        "#id_name": "Enter your full name",
        "#id_email": "Enter an email address in the correct format, like name@example.com",
        "#id_interests_0": "Select at least one way you would like to help",
        "#id_consent": "Tick the box to say we may keep your details to reply to you",
    }
    # Every link points at an element that exists, and the field says what is wrong next to it.
    for href in links:
        assert page.find(id=href[1:]) is not None
    email = page.find(id="id_email")
    assert email["aria-invalid"] == "true"
    assert "id_email_error" in email["aria-describedby"]
    assert "in the correct format" in page.find(id="id_email_error").get_text()


def test_everything_typed_is_kept_when_something_is_wrong(client):
    response = client.post(FORM_URL, form_post(email="ada.volunteer@example"))
    page = soup(response)
    assert page.find(id="id_name")["value"] == "Ada Volunteer"
    assert page.find(id="id_email")["value"] == "ada.volunteer@example"
    assert page.find(id="id_phone")["value"] == "+44 7700 900982"
    assert page.find(id="id_city_region")["value"] == "Leeds"
    assert page.find(id="id_languages")["value"] == "English and Romanian"
    assert page.find(id="id_message").get_text() == "\nI translate Romanian.\nI can help at weekends."
    checked = {box["value"] for box in page.find_all("input", attrs={"name": "interests", "checked": True})}
    assert checked == {"translation", "admin"}
    assert page.find(id="id_consent").has_attr("checked")


def test_fixing_a_typo_keeps_the_same_token_and_then_stores_once(client):
    token = uuid.uuid4()
    first = client.post(FORM_URL, form_post(token=token, email="ada@@example.org"))
    assert first.status_code == 200
    page = soup(first)
    assert page.find("input", attrs={"name": "submission_token"})["value"] == str(token)
    resend = {
        "submission_token": str(token),
        "form_stamp": page.find("input", attrs={"name": "form_stamp"})["value"],
    }
    second = client.post(FORM_URL, form_post(**resend))
    assert second.status_code == 303
    assert Enquiry.objects.count() == 1


@pytest.mark.parametrize(
    "field,message",
    [
        ("name", "Enter your full name"),
        ("email", "Enter your email address"),
        ("city_region", "Enter your town, city or region"),
        ("country", "Enter your country"),
        ("availability", "Tell us when you could help"),
        ("languages", "Enter the languages you speak"),
    ],
)
def test_each_required_field_says_what_to_enter(client, field, message):
    response = client.post(FORM_URL, form_post(**{field: ""}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("field,limit", MAX_LENGTHS.items())
def test_every_field_has_a_length_limit(client, field, limit):
    too_long = "a" * (limit - 12 + 1) + "@example.org" if field == "email" else "7" * (limit + 1)
    response = client.post(FORM_URL, form_post(**{field: too_long}))
    assert response.status_code == 200
    assert f"must be {limit} characters or fewer" in response.content.decode()
    assert Enquiry.objects.count() == 0


@pytest.mark.parametrize("field", SINGLE_LINE_FIELDS)
def test_no_line_break_in_fields_that_could_reach_a_mail_header(client, field):
    value = {"email": "ada@example.org\r\nBcc: victim@example.org"}.get(field, "Ada\r\nBcc: x@example.org")
    response = client.post(FORM_URL, form_post(**{field: value}))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    summary = soup(response).find(attrs={"data-error-summary": True})
    assert summary.find("a", href=f"#id_{field}").get_text(strip=True) in (
        "Keep this on one line.",
        "Enter an email address in the correct format, like name@example.com",
    )


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\u202e"])
@pytest.mark.parametrize("field", ["name", "message", "languages"])
def test_control_characters_are_refused(client, field, char):
    response = client.post(FORM_URL, form_post(**{field: f"Ada{char}Volunteer"}))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert f'href="#id_{field}"' in response.content.decode()


def test_the_message_may_have_several_lines_and_tabs(client):
    response = client.post(FORM_URL, form_post(message="Line one\r\n\tLine two"))
    assert response.status_code == 303
    assert Enquiry.objects.get().message == "Line one\r\n\tLine two"


@pytest.mark.parametrize("email", ["ada", "ada@", "@example.org", "ada@example", "ada example@example.org"])
def test_email_must_have_real_syntax(client, email):
    response = client.post(FORM_URL, form_post(email=email))
    assert "Enter an email address in the correct format" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_phone_must_look_like_a_phone_number(client):
    response = client.post(FORM_URL, form_post(phone="call me maybe"))
    assert "Enter a phone number using digits" in response.content.decode()


def test_an_unknown_interest_is_refused(client):
    response = client.post(FORM_URL, form_post(interests=["admin", "hacking"]))
    assert "Select only from the list" in response.content.decode()
    assert Enquiry.objects.count() == 0


def test_double_click_stores_one_enquiry(client):
    body = form_post()
    first = client.post(FORM_URL, body)
    second = client.post(FORM_URL, body)
    assert first.status_code == second.status_code == 303
    assert redirects_to_thanks(second)
    assert Enquiry.objects.count() == 1
    assert Notification.objects.count() == 2


def test_a_resent_form_is_recognised_by_its_token_alone(client):
    token = uuid.uuid4()
    assert client.post(FORM_URL, form_post(token=token)).status_code == 303
    # Same form (same token), answers edited after it was sent: still the one enquiry already stored.
    assert client.post(FORM_URL, form_post(token=token, message="Edited after sending")).status_code == 303
    assert list(Enquiry.objects.values_list("message", flat=True)) == [VALID_ANSWERS["message"]]


def test_back_then_send_again_from_a_reloaded_form_stores_one_enquiry(client):
    # A reloaded form carries a new token; the same answers within a day are still one enquiry.
    assert client.post(FORM_URL, form_post()).status_code == 303
    again = form_post(token=uuid.uuid4(), name="  ADA   volunteer ")
    assert client.post(FORM_URL, again).status_code == 303
    assert Enquiry.objects.count() == 1


def test_different_answers_from_the_same_browser_are_two_enquiries(client):
    client.post(FORM_URL, form_post())
    client.post(FORM_URL, form_post(message="A different message"))
    assert Enquiry.objects.count() == 2


def test_database_unavailable_answers_503_with_the_answers_kept(client, monkeypatch):
    def database_away(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(Enquiry.objects, "submit", database_away)
    response = client.post(FORM_URL, form_post())
    assert response.status_code == 503
    assert response["Retry-After"]
    page = soup(response)
    assert len(page.find_all("h1")) == 1
    assert "not sent yet" in page.find("h1").get_text()
    assert page.find(id="id_name")["value"] == "Ada Volunteer"
    assert page.find(id="id_email")["value"] == "ada.volunteer@example.org"
    assert "I translate Romanian." in page.find(id="id_message").get_text()
    assert Enquiry.objects.count() == 0


def test_a_failure_half_way_through_saving_stores_nothing(client, monkeypatch):
    def fails(*args, **kwargs):
        raise OperationalError("disk I/O error")

    # The enquiry row is written first; the outbox rows last. If those fail, nothing may remain.
    monkeypatch.setattr(Notification.objects, "bulk_create", fails)
    response = client.post(FORM_URL, form_post())
    assert response.status_code == 503
    assert Enquiry.objects.count() == 0
    assert EnquiryInterest.objects.count() == 0
    assert EnquiryEvent.objects.count() == 0


def test_database_away_before_the_duplicate_check_also_answers_503(client, monkeypatch):
    def database_away(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("django.db.models.query.QuerySet.exists", database_away)
    response = client.post(FORM_URL, form_post())
    assert response.status_code == 503
    assert soup(response).find(id="id_name")["value"] == "Ada Volunteer"


def test_stored_values_match_the_form_exactly(client):
    client.post(FORM_URL, form_post())
    enquiry = Enquiry.objects.get()
    for field in ["name", "email", "phone", "city_region", "country", "availability", "languages"]:
        assert getattr(enquiry, field) == VALID_ANSWERS[field]


def test_nothing_the_volunteer_typed_reaches_the_logs(
    client, monkeypatch, every_log_line, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_post())
    client.post(FORM_URL, form_post(email="ada.volunteer@example", message="typo"))
    client.post(FORM_URL, form_post(leave_this_blank="http://spam.example", message="bot"))

    def database_away(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(Enquiry.objects, "submit", database_away)
    client.post(FORM_URL, form_post(message="while the database is away"))
    assert every_log_line, "the submissions above should have logged something"
    for line in every_log_line:
        for value in ["Ada Volunteer", "ada.volunteer@example", "7700 900982", "Romanian", "Leeds"]:
            assert value not in line
