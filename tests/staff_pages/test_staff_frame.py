"""Staff pages: each role lands where its work is, sees who is signed in, and can sign out."""

from bs4 import BeautifulSoup

from tests.staff import sign_in
from tests.staff_pages.conftest import sign_in_through_the_form


def page_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def test_a_moderator_lands_in_the_inbox_after_signing_in(client, moderator):
    response = sign_in_through_the_form(client, moderator)
    assert response.redirect_chain[-1][0] == "/inbox/"
    assert page_of(response).h1.get_text(strip=True) == "Volunteer inbox"


def test_an_editor_lands_on_the_admin_home_page(client, editor):
    response = sign_in_through_the_form(client, editor)
    assert response.redirect_chain[-1][0] == "/admin/"


def test_a_page_that_asked_for_sign_in_is_where_signing_in_leads(client, moderator):
    response = sign_in_through_the_form(client, moderator, next_path="/inbox/?status=new")
    assert response.redirect_chain[-1][0] == "/inbox/?status=new"


def test_a_moderator_can_still_open_the_admin_home_page_on_purpose(client, moderator):
    sign_in(client, moderator)
    assert client.get("/admin/").status_code == 200


def test_the_admin_links_to_the_inbox_for_moderators(client, moderator):
    sign_in(client, moderator)
    links = [a["href"] for a in page_of(client.get("/admin/")).select("#user-tools a")]
    assert "/inbox/" in links


def test_the_admin_does_not_offer_the_inbox_to_editors(client, editor):
    sign_in(client, editor)
    links = [a["href"] for a in page_of(client.get("/admin/")).select("#user-tools a")]
    assert "/inbox/" not in links


def test_inbox_pages_show_who_is_signed_in_and_a_sign_out_form(client, moderator):
    sign_in(client, moderator)
    page = page_of(client.get("/inbox/"))
    header = page.find("header", class_="staff-header")
    assert "Signed in as Maria" in header.get_text(" ", strip=True)
    form = header.find("form")
    assert form["method"] == "post" and form["action"] == "/admin/logout/"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("button").get_text(strip=True) == "Sign out"
    assert [a["href"] for a in header.select("nav a")] == ["/inbox/", "/admin/"]


def test_signing_out_from_the_inbox_ends_the_session(client, moderator):
    sign_in(client, moderator)
    response = client.post("/admin/logout/", follow=True)
    assert response.status_code == 200
    assert client.get("/inbox/").status_code == 302  # back to the sign-in page


def test_inbox_pages_wear_the_staff_frame_not_the_readers(client, moderator):
    sign_in(client, moderator)
    html = client.get("/inbox/").content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert page.select(".quick-exit, #help-box, .site-nav, .site-footer") == []
    assert "css/staff.css" in html and "css/site.css" not in html
