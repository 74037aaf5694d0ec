"""Steps a person takes, shared by the browser tests: filling the volunteer form, signing in."""

from django.conf import settings
from django.contrib.auth import get_user_model

from tests.staff import authenticator_for, code_for

VOLUNTEER = {
    "Full name": "Sam Example",
    "Email address": "sam.example@example.org",
    "Town, city or region": "Leeds",
    "Country": "United Kingdom",
    "When you could help": "Weekends",
    "Languages you speak": "English and Polish",
}
HOW_TO_HELP = "Translation and interpreting"
CONSENT = "I agree"


def fill_volunteer_form(page, site, **changes):
    """Open the form and answer every question, with `changes` ({label: value}) applied."""
    page.goto(site.url("/volunteer/"))
    for label, value in {**VOLUNTEER, **changes}.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label(HOW_TO_HELP).check()
    page.get_by_label(CONSENT).check()


def log_in_through_the_admin(page, site, username, password, next_path="/"):
    """Sign in as staff do: the admin's login form, then the code from their authenticator app (one
    is set up for the account first if it has none)."""
    device = authenticator_for(get_user_model().objects.get(username=username))
    page.goto(site.url(f"/{settings.ADMIN_URL}login/?next={next_path}"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("textbox", name="Code").fill(code_for(device))
    page.get_by_role("button", name="Continue").click()
