"""Reading on a 360 px phone: tap sizes, lists that stay lists, a compact header, the compare page."""

import re

import pytest

from tests.pages.public_urls import a_tag, an_article

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 800}, "is_mobile": True, "has_touch": True}
TAP_TARGET = 44  # px: WCAG 2.5.5 (AAA) and Apple's and Android's guidance, for hands that shake
MOST_TAGS_ON_A_CARD = 3
# The words that must never show in a tab, a history entry or an address.
TOPIC = re.compile(r"traffick|abus|exploit", re.IGNORECASE)


@pytest.fixture
def phone(browse):
    context, _ = browse(**PHONE)
    return context.new_page()


def test_every_number_to_call_or_text_is_a_44_px_target(phone, site):
    for path in ("/", "/modalities/emdr/"):
        phone.goto(site.url(path))
        links = phone.locator('a[href^="tel:"], a[href^="sms:"]')
        assert links.count() >= 5
        sizes = [(link.inner_text(), link.bounding_box()) for link in links.all()]
        small = [(text, round(box["width"]), round(box["height"])) for text, box in sizes
                 if box["width"] < TAP_TARGET or box["height"] < TAP_TARGET]  # fmt: skip
        assert small == [], path


def test_list_cards_show_at_most_three_needs_and_the_item_page_shows_them_all(phone, site):
    for path, card in (("/articles/", ".article-list > li"), ("/modalities/", ".card")):
        phone.goto(site.url(path))
        counts = phone.locator(card).evaluate_all(
            "cards => cards.map(c => c.querySelectorAll('.tags li').length)"
        )
        assert counts and max(counts) <= MOST_TAGS_ON_A_CARD, path
        assert max(counts) == MOST_TAGS_ON_A_CARD, f"{path}: no card shows its needs"
    # An explainer with more needs than a card shows lists every one of them on its own page.
    phone.goto(site.url("/modalities/emdr/"))
    assert phone.locator(".tags li").count() > MOST_TAGS_ON_A_CARD


def test_therapy_cards_do_not_say_the_name_twice(phone, site):
    phone.goto(site.url("/modalities/"))
    for card in phone.locator(".card").all():
        title = card.get_by_role("heading").inner_text().strip()
        subtitle = card.locator(".full-name")
        if subtitle.count():
            assert not subtitle.inner_text().lower().startswith(title.lower()), title
    # An abbreviation is still spelled out.
    emdr = phone.locator(".card", has_text="EMDR")
    assert emdr.locator(".full-name").inner_text().lower().startswith("eye movement")


@pytest.mark.parametrize(
    "path",
    ["/", "/modalities/", "/modalities/compare/", "/tags/", "/safety/", "/volunteer/", "/es/", "/es/safety/"],
)
def test_the_header_is_at_most_two_rows(phone, site, path):
    phone.goto(site.url(path))
    rows = phone.evaluate(
        """() => {
            const tops = [...document.querySelectorAll('.site-header a:not(.skip-link)')]
              .map(a => a.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.top);
            const rows = [];
            for (const top of tops.sort((a, b) => a - b))
              if (!rows.length || top - rows[rows.length - 1] > 12) rows.push(top);
            return rows.length;
        }"""
    )
    assert rows <= 2
    # The menu stays inside the screen; it scrolls sideways within itself.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_last_menu_link_scrolls_into_view_when_focused(phone, site):
    phone.goto(site.url("/"))
    last = phone.locator(".nav-list a").last
    last.focus()
    box = last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_the_home_search_example_fits_in_the_box(phone, site):
    phone.goto(site.url("/"))
    room = phone.locator("#home-search").evaluate(
        """input => {
            const style = getComputedStyle(input);
            const context = document.createElement("canvas").getContext("2d");
            context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const inner = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            return [context.measureText(input.placeholder).width, inner, input.placeholder];
        }"""
    )
    text_width, inner_width, placeholder = room
    assert placeholder
    assert text_width <= inner_width, room


@pytest.mark.parametrize("javascript", [True, False])
def test_a_phone_reader_picks_two_therapies_and_sees_them_side_by_side(browse, site, javascript):
    context, _ = browse(**PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site.url("/modalities/compare/"))
    page.get_by_label("EMDR", exact=True).check()
    page.get_by_label("TF-CBT", exact=True).check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"show=emdr.*show=tf-cbt|show=tf-cbt.*show=emdr"))
    table = page.locator("table.compare--chosen")
    headings = table.locator("thead th").all_inner_texts()
    assert sorted(headings) == ["EMDR", "TF-CBT"]
    # Side by side: the two columns share each row, and the table fits the screen.
    first_row = table.locator("tbody").first.locator("td")
    boxes = [cell.bounding_box() for cell in first_row.all()]
    assert len(boxes) == 2 and abs(boxes[0]["y"] - boxes[1]["y"]) < 1
    assert boxes[1]["x"] + boxes[1]["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Much shorter than the list of every therapy.
    chosen_height = page.evaluate("document.documentElement.scrollHeight")
    page.goto(site.url("/modalities/compare/"))
    assert chosen_height < 0.6 * page.evaluate("document.documentElement.scrollHeight")
    page.go_back()
    # What they picked stays ticked, so they can change it.
    assert page.get_by_label("EMDR", exact=True).is_checked()


def test_picking_one_or_four_says_to_pick_two_or_three_and_keeps_the_choice(phone, site):
    phone.goto(site.url("/modalities/compare/?show=emdr"))
    assert "Pick two or three" in phone.locator(".compare-picker").inner_text()
    assert phone.get_by_label("EMDR", exact=True).is_checked()
    assert phone.locator("table.compare--chosen").count() == 0
    phone.goto(site.url("/modalities/compare/?show=emdr&show=tf-cbt&show=art-therapy&show=group-therapy"))
    assert "You picked 4 therapies" in phone.locator(".compare-picker").inner_text()


NINE = 9  # the therapies the site is planned to explain


def make_nine_therapies():
    """Copies of the longest-worded explainer until the site has nine, to try the table at its size."""
    from modalities.models import Modality

    english = Modality.objects.published().filter(language="en")
    wordiest = max(english, key=lambda m: len(m.may_suit + m.session_involves))
    for number in range(english.count(), NINE):
        copy = Modality.objects.get(pk=wordiest.pk)
        copy.pk, copy.id = None, None
        copy.slug, copy.title = f"{wordiest.slug}-{number}", f"{wordiest.title} {number}"
        copy.save()


def test_the_compare_table_has_the_whole_width_on_a_desktop(tab, site):
    make_nine_therapies()
    tab.goto(site.url("/modalities/compare/"))
    assert tab.locator("table.compare--all tbody tr").count() == NINE
    assert tab.locator(".compare-picker input[type=checkbox]").count() == NINE
    table = tab.locator("table.compare--all").bounding_box()
    main = tab.locator("main").bounding_box()
    help_box = tab.locator(".help-box").bounding_box()
    assert table["width"] >= main["width"] - 2 >= 1000
    assert help_box["y"] > table["y"] + table["height"]  # the help box follows the table
    tallest = max(
        tab.locator("table.compare--all tbody tr").evaluate_all("rows => rows.map(r => r.offsetHeight)")
    )
    assert tallest < 300


def test_no_tab_title_or_address_names_the_topic(tab, site):
    tab.goto(site.url("/"))
    assert tab.title() == "Healing Paths"
    paths = ["/", "/modalities/", "/modalities/emdr/", "/modalities/compare/", "/articles/", an_article(),
             "/tags/", a_tag(), "/search/?q=sleep", "/safety/", "/volunteer/",
             "/volunteer/thanks/"]  # fmt: skip
    named = []
    for path in paths:
        tab.goto(site.url(path))
        if TOPIC.search(tab.title()):
            named.append(f"title of {path}: {tab.title()}")
        for href in tab.locator("a[href^='/']").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        ):
            if TOPIC.search(href):
                named.append(f"link on {path}: {href}")
    assert named == []
