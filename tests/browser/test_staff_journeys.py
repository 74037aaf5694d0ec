"""Staff journeys in a real browser: an article from draft to review to publication, then a restore
that keeps it live; a tag typed with other capitals; a moderator's day on a phone, from sign-in to
sign-out. Every page runs under the site's real headers and CSP; a console error fails the test."""

import re

import pytest
from playwright.sync_api import expect
from taggit.models import Tag

from articles.models import Article
from editorial.models import Status
from tests.browser.journeys import log_in_through_the_admin
from tests.browser.test_accessibility import violations
from tests.editorial import conftest as editorial_fixtures
from tests.editorial.conftest import PASSWORD
from tests.staff_pages import conftest as staff_fixtures
from tests.volunteers.conftest import make_enquiry

pytestmark = pytest.mark.browser

# People in each role, as the editorial and staff tests make them.
roles, editor, reviewer = editorial_fixtures.roles, editorial_fixtures.editor, editorial_fixtures.reviewer
moderator = staff_fixtures.moderator

PHONE = {"width": 390, "height": 844}
FIRST_BODY = "## At night\n\nKeep a light on.\nWrite the plan down.\n"
LIVE_BODY = "## At night\n\nKeep a light on.\nWrite the plan on paper.\n"


def sign_in(page, site, username):
    """Sign in through the real forms, with no page having asked for it (so the landing decides)."""
    log_in_through_the_admin(page, site, username, PASSWORD, next_path="")
    page.wait_for_load_state()


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    return page.locator(".messagelist").inner_text()


def open_article(page, site, title):
    page.goto(site.url("/admin/articles/article/"))
    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_load_state()


def test_draft_review_publish_then_a_restore_keeps_the_article_live(browse, site, editor, reviewer):
    writer, _ = browse()
    page = writer.new_page()
    sign_in(page, site, editor.username)
    assert page.url == site.url("/admin/")
    page.goto(site.url("/admin/articles/article/add/"))
    page.fill("#id_title", "A plan for the night")
    page.fill("#id_summary", "Small steps that may help at night.")
    page.fill("#id_body", FIRST_BODY)
    page.fill("#id_tags", "nightmares")
    said = save(page)
    assert "saved as a draft" in said
    open_article(page, site, "A plan for the night")
    page.select_option("#id_status", "in_review")
    said = save(page)
    assert "is sent for review. A clinical reviewer checks and publishes it" in said

    checker, _ = browse()
    page = checker.new_page()
    sign_in(page, site, reviewer.username)
    queue = page.locator("#review-queue")
    expect(queue).to_contain_text("Waiting for your review (1)")
    queue.get_by_role("link", name="A plan for the night").click()
    page.wait_for_load_state()
    expect(page.locator("h2.titled-state")).to_contain_text("In review")
    expect(page.locator(".workflow-note")).to_contain_text("Waiting for your review")
    page.select_option("#id_status", "published")
    page.fill("#id_body", LIVE_BODY)
    said = save(page)
    assert "is published and on the site now" in said
    article = Article.objects.get(title="A plan for the night")
    assert article.is_public
    stamps = (article.published_at, article.last_reviewed, article.next_review_due, article.reviewed_by)

    open_article(page, site, "A plan for the night")
    page.get_by_role("link", name="History").click()
    page.wait_for_load_state()
    in_review_row = page.locator("#change-history tbody tr").nth(1)  # newest first: published, in review
    expect(in_review_row.locator("td").nth(1)).to_have_text("In review")
    in_review_row.get_by_role("link", name="View or restore").click()
    page.wait_for_load_state()
    comparison = page.locator(".restore-comparison")
    expect(comparison).to_contain_text("- Write the plan on paper.")
    expect(comparison).to_contain_text("+ Write the plan down.")
    expect(page.locator(".restore-note")).to_contain_text("Publication and review stay as they are now")
    assert page.locator("#id_status").input_value() == "published"
    page.get_by_role("button", name="Restore this version").click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text("Restored version of")

    article.refresh_from_db()
    assert article.body.replace("\r\n", "\n").strip() == FIRST_BODY.strip()  # browsers send CRLF
    assert article.status == Status.PUBLISHED
    assert (
        article.published_at,
        article.last_reviewed,
        article.next_review_due,
        article.reviewed_by,
    ) == stamps
    reader, _ = browse()
    public = reader.new_page()
    response = public.goto(site.url(article.get_absolute_url()))
    assert response.status == 200
    expect(public.locator("main")).to_contain_text("Write the plan down.")

    open_article(page, site, "A plan for the night")
    page.get_by_role("link", name="History").click()
    page.wait_for_load_state()
    expect(page.locator("#change-history tbody tr").first).to_contain_text("Restored version of")


def test_a_tag_typed_with_other_capitals_joins_the_existing_one(browse, site, editor):
    context, _ = browse()
    page = context.new_page()
    sign_in(page, site, editor.username)
    page.goto(site.url("/admin/articles/article/add/"))
    page.fill("#id_title", "Bad nights")
    page.fill("#id_summary", "When sleep will not come.")
    page.fill("#id_body", FIRST_BODY)
    page.fill("#id_tags", "Nightmares, Trouble Sleeping, Insomnia")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()

    expect(page.locator(".errorlist")).to_contain_text("“Insomnia” is not one of the needs and symptoms yet")
    assert page.locator("#id_tags").input_value() == "Nightmares, Trouble Sleeping, Insomnia"
    page.get_by_label("Add the new needs and symptoms").check()
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()

    assert page.locator("#id_tags").input_value() == "Insomnia, nightmares, trouble sleeping"
    assert Tag.objects.filter(name__iexact="nightmares").count() == 1
    assert Tag.objects.filter(name__iexact="trouble sleeping").count() == 1
    assert sorted(Article.objects.get(title="Bad nights").tags.names()) == [
        "Insomnia",
        "nightmares",
        "trouble sleeping",
    ]


def test_a_moderator_signs_in_to_the_inbox_triages_on_a_phone_and_signs_out(
    browse, site, moderator, artifacts
):
    for name in ("Ada Example", "Bo Example", "Cy Example"):
        make_enquiry(name=name, email=f"{name.split()[0].lower()}@example.org")
    context, _ = browse(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()

    sign_in(page, site, moderator.username)
    assert page.url == site.url("/inbox/")
    header = page.locator("header.staff-header")
    expect(header).to_contain_text("Signed in as Maria")
    expect(page.locator(".quick-exit, #help-box")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    expect(page.locator("details.inbox-filters")).not_to_have_attribute("open", re.compile(".*"))
    assert violations(page) == []

    page.screenshot(path=str(artifacts / "inbox-on-a-phone.png"), full_page=True)
    first_card = page.locator(".inbox-cards tbody tr").first
    box = first_card.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"], "the first enquiry is on the first screen"
    for cell in (".enquiry-cell--status", ".enquiry-cell--assignee"):
        assert first_card.locator(cell).is_visible()
        cell_box = first_card.locator(cell).bounding_box()
        assert cell_box["x"] + cell_box["width"] <= PHONE["width"]

    page.locator("nav[aria-label='Enquiries by status'] a", has_text="New").click()
    page.wait_for_load_state()
    page.locator(".inbox-cards tbody tr").first.locator(".enquiry-cell--ref a").click()
    page.wait_for_load_state()
    assert violations(page) == []
    page.get_by_role("button", name="Assign to me").click()
    page.wait_for_load_state()
    expect(page.locator(".inbox-messages")).to_contain_text("Assigned to you.")
    page.select_option("#id_status", "contacted")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    expect(page.locator(".enquiry-facts")).to_contain_text("Maria")
    page.get_by_role("link", name="Back to the inbox").click()
    page.wait_for_load_state()
    assert page.url == site.url("/inbox/?status=new")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page.goto(site.url("/inbox/"))
    assert "/admin/login/" in page.url


def test_the_inbox_uses_the_full_width_of_a_desktop(browse, site, moderator):
    make_enquiry(name="Ada Example", interests=["translation", "admin", "fundraising"])
    context, _ = browse(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    sign_in(page, site, moderator.username)
    table = page.locator(".inbox-table")
    assert table.bounding_box()["width"] > 1100
    for header in ("Status", "Assigned to", "Received"):
        cell = page.get_by_role("columnheader", name=header)
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= 1280, header
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
