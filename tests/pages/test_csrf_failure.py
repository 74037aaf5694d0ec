"""A form sent without a valid CSRF token gets the site's own 403 page, not Django's stock one."""

from bs4 import BeautifulSoup
from django.test import Client

from tests.pages.public_urls import VOLUNTEER_FORM
from tests.pages.test_page_frame import frame_problems


def test_a_post_without_a_token_gets_the_friendly_403_page(db, django_assert_num_queries):
    client = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = client.post(VOLUNTEER_FORM, {"name": "Ada"})
    assert response.status_code == 403
    html = response.content.decode()
    assert frame_problems(html) == []
    # Django's page: inline styles (blocked by the CSP) and advice to turn the Referer header back on.
    assert "CSRF verification failed" not in html
    assert "<style" not in html and "Referer" not in html
    text = BeautifulSoup(html, "html.parser").main.get_text(" ", strip=True)
    assert "could not be sent" in text
    assert "reload" in text.lower()
    # Nothing Django's CSRF machinery left behind may identify the visit.
    assert "Set-Cookie" not in response.headers
