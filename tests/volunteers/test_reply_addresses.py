"""An address typed into the form cannot turn the inbox's Reply link into something else."""

import pytest
from bs4 import BeautifulSoup

from tests.volunteers.conftest import FORM_URL, form_post, make_enquiry
from volunteers.models import Enquiry

pytestmark = pytest.mark.django_db

INJECTION = "victim?cc=attacker%40evil.example&subject=hi@example.org"


def error_for_email(response) -> str:
    page = BeautifulSoup(response.content, "html.parser")
    return page.find(id="id_email_error").get_text(" ", strip=True)


@pytest.mark.parametrize(
    "email",
    [
        INJECTION,
        "victim&bcc=attacker@example.org",
        "a=b@example.org",
        "victim#x@example.org",
        "victim%40evil.example@example.org",
        '"victim?cc=x"@example.org',
    ],
)
def test_an_address_with_link_characters_is_refused_with_a_clear_message(client, email):
    response = client.post(FORM_URL, form_post(email=email))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert "without the characters ? & = % #" in error_for_email(response)
    # What the person typed is shown again, to be corrected.
    assert BeautifulSoup(response.content, "html.parser").find(id="id_email")["value"] == email


@pytest.mark.parametrize(
    "email, message",
    [
        ("user@[127.0.0.1]", "a full domain name after the @"),
        ("user@localhost", "a full domain name after the @"),
        ("user@mail.localhost", "a full domain name after the @"),
        # Refused by the syntax check already, with its own message.
        ("user@[IPv6:::1]", "in the correct format"),
        ("user@intranet", "in the correct format"),
        ("user@127.0.0.1", "in the correct format"),
    ],
)
def test_an_address_at_no_real_domain_is_refused_with_a_clear_message(client, email, message):
    response = client.post(FORM_URL, form_post(email=email))
    assert response.status_code == 200
    assert Enquiry.objects.count() == 0
    assert message in error_for_email(response)


@pytest.mark.parametrize("email", ["o'brien+help@example.org", "ana.maria_2@sub.example.co.uk"])
def test_ordinary_addresses_still_get_through(client, email):
    assert client.post(FORM_URL, form_post(email=email)).status_code == 303
    assert Enquiry.objects.get().email == email


def test_the_reply_link_is_to_one_address_even_for_an_old_hostile_one(moderator_client):
    # Stored before the form refused such addresses (make_enquiry skips the form).
    enquiry = make_enquiry(email=INJECTION)
    page = BeautifulSoup(moderator_client.get(f"/inbox/{enquiry.pk}/").content, "html.parser")
    link = page.select_one('a[href^="mailto:"]')
    href = link["href"]
    assert href == "mailto:victim%3Fcc%3Dattacker%2540evil.example%26subject%3Dhi@example.org"
    assert "?" not in href and "&" not in href
    assert link.get_text() == INJECTION
