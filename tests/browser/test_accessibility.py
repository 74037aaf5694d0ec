"""axe-core finds no violation (WCAG 2.2 AA and best practice, target size included) on the key pages."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.browser.journeys import fill_volunteer_form, log_in_through_the_admin
from tests.pages.public_urls import a_tag, an_article

pytestmark = pytest.mark.browser

MODERATOR_PASSWORD = "a-long-moderator-password-1234"
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    # axe leaves the WCAG 2.2 target-size rule (24 x 24 px) off by default; the issue asks for it.
    "rules": {"target-size": {"enabled": True}},
}


def violations(page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{page.url} {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
    ]


def test_reading_pages_have_no_axe_violations(tab, site):
    paths = [
        "/",
        "/modalities/emdr/",
        "/modalities/compare/",
        "/modalities/compare/?show=emdr&show=tf-cbt&show=music-therapy",
        "/modalities/compare/?show=emdr",
        an_article(),
        a_tag(),
        "/search/?q=nightmares",
        "/search/?q=zzqxv",
        "/search/",
        "/safety/",
        "/volunteer/thanks/",
    ]
    found = []
    for path in paths:
        tab.goto(site.url(path))
        found += violations(tab)
    assert found == []


def test_reading_pages_have_no_axe_violations_on_a_phone(browse, site):
    context, _ = browse(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    found = []
    for path in (
        "/",
        "/modalities/emdr/",
        "/modalities/compare/",
        "/modalities/compare/?show=emdr&show=tf-cbt",
    ):
        page.goto(site.url(path))
        found += violations(page)
    assert found == []


def test_the_volunteer_form_with_errors_has_no_axe_violations(tab, site):
    tab.goto(site.url("/volunteer/"))
    assert violations(tab) == []
    tab.get_by_role("button", name="Send").click()
    tab.locator(".govuk-error-summary, .error-summary, [role=alert]").first.wait_for()
    assert violations(tab) == []


@pytest.fixture
def moderator(transactional_db):
    group, _ = Group.objects.get_or_create(name="Moderators")
    group.permissions.add(Permission.objects.get(codename="moderate_enquiry"))
    user = get_user_model().objects.create_user("mod", "mod@example.org", MODERATOR_PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


def test_the_inbox_list_and_detail_have_no_axe_violations(tab, site, moderator):
    fill_volunteer_form(tab, site)
    tab.get_by_role("button", name="Send").click()
    tab.wait_for_url(re.compile(r"/volunteer/thanks/\?sent="))  # the signed "just sent" mark
    log_in_through_the_admin(tab, site, "mod", MODERATOR_PASSWORD, next_path="/inbox/")
    tab.wait_for_url(site.url("/inbox/"))
    assert violations(tab) == []
    tab.get_by_role("row").filter(has_text="Sam Example").get_by_role("link").first.click()
    tab.wait_for_load_state()
    assert tab.url.startswith(site.url("/inbox/"))
    assert tab.url != site.url("/inbox/")
    assert violations(tab) == []
