"""The decision aid's pages: questions by GET, results and summaries by POST, nothing kept or traced."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import RequestFactory
from django.views.debug import SafeExceptionReporterFilter

from caching import policy
from choose.questions import NOT_SURE, QUESTIONS
from modalities.models import Modality
from tests.choose.conftest import DESIGN_SLUGS, FORBIDDEN_IN_DISCREET, publish_minimal_modality

AID = "/choose/"
SOME_ANSWERS = {"talking": "bit", "setting": "alone", "age": "adult"}


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response) -> str:
    return " ".join(page(response).get_text(" ").split())


def assert_private(response):
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_the_questions_are_fieldsets_with_legends_each_with_not_sure_checked(client, content):
    response = client.get(AID)
    assert_private(response)
    form = page(response).find("form", attrs={"data-choose-private": True})
    assert form["method"] == "post" and form["autocomplete"] == "off"
    fieldsets = form.find_all("fieldset")
    assert len(fieldsets) == len(QUESTIONS)
    for fieldset, question in zip(fieldsets, QUESTIONS, strict=True):
        assert fieldset.legend.get_text(strip=True).endswith(str(question.legend))
        not_sure = fieldset.find("input", attrs={"value": NOT_SURE})
        assert not_sure.has_attr("checked")
        assert [radio["name"] for radio in fieldset.find_all("input")] == [question.name] * (
            len(question.options) + 1
        )
        for radio in fieldset.find_all("input"):
            assert fieldset.find("label", attrs={"for": radio["id"]}), radio["id"]
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None


def test_the_aid_has_the_quick_exit_and_the_help_box(client, content):
    soup = page(client.get(AID))
    assert soup.find(attrs={"data-quick-exit": True})
    assert soup.find(id="help-box")


def test_results_list_every_published_therapy_with_reasons_and_evidence_in_words(client, all_therapies):
    response = client.post(AID, {**SOME_ANSWERS, "show": "results"})
    assert_private(response)
    soup = page(response)
    listed = [item.h2["id"].removeprefix("fit-") for item in soup.select("li.fit")]
    assert sorted(listed) == sorted(DESIGN_SLUGS)
    assert "This starts a conversation with a therapist. It does not decide for you." in text_of(response)
    assert soup.select("ul.reasons--fits li") and soup.select("ul.reasons--harder li")
    for item in soup.select("li.fit"):
        assert re.search(r"Evidence: (Strong|Moderate|Emerging|Limited)", item.get_text(" ")), item.h2
    first = soup.select("li.fit")[0]
    assert "You said you would like to go a little at a time." in first.get_text(" ")
    assert first.select_one(".reason__source a")["href"].startswith("https://")


def test_answers_travel_in_the_body_and_come_back_as_hidden_fields_only(client, all_therapies):
    soup = page(client.post(AID, {**SOME_ANSWERS, "show": "results"}))
    form = soup.find("form", attrs={"data-choose-private": True})
    assert form["method"] == "post" and form["action"] == AID
    hidden = {field["name"]: field["value"] for field in form.find_all("input", attrs={"type": "hidden"})}
    assert hidden == SOME_ANSWERS


def test_answers_in_the_address_are_ignored(client, all_therapies):
    response = client.get(AID, {"talking": "bit", "show": "results"})
    assert_private(response)
    assert page(response).select("li.fit") == []
    assert (
        page(response).find("input", attrs={"name": "talking", "value": "bit"}).has_attr("checked") is False
    )


def test_nothing_answered_lists_every_therapy_by_evidence(client, all_therapies):
    response = client.post(AID, {"show": "results"})
    soup = page(response)
    assert len(soup.select("li.fit")) == len(all_therapies)
    assert "listed by how strong their evidence is" in text_of(response)
    assert soup.select(".reasons li") == []


def test_junk_answers_count_as_not_sure_and_never_fail(client, all_therapies):
    junk = {"talking": "<script>", "age": "'; DROP TABLE", "compare": ["nope", "../x"], "show": "whatever"}
    response = client.post(AID, junk)
    assert_private(response)
    assert len(page(response).select("li.fit")) == len(all_therapies)
    assert b"<script>" not in response.content


def test_a_therapy_without_reasons_is_listed_last_with_an_honest_note(client, all_therapies):
    publish_minimal_modality("new-therapy", "A new therapy", evidence_level="strong", position=0)
    soup = page(client.post(AID, {**SOME_ANSWERS, "show": "results"}))
    last = soup.select("li.fit")[-1]
    assert last.h2.get_text(strip=True) == "A new therapy"
    assert "We have not yet written how this therapy links to the questions" in last.get_text(" ")


def test_an_unpublished_therapy_is_not_listed(client, all_therapies):
    Modality.objects.filter(slug="emdr").update(status="draft")
    soup = page(client.post(AID, {**SOME_ANSWERS, "show": "results"}))
    assert "emdr" not in [item.h2["id"].removeprefix("fit-") for item in soup.select("li.fit")]


def test_compare_two_side_by_side(client, all_therapies):
    response = client.post(AID, {**SOME_ANSWERS, "compare": ["emdr", "group-therapy"], "show": "compare"})
    assert_private(response)
    table = page(response).find("table", class_="side-by-side")
    assert [th.get_text(strip=True) for th in table.thead.find_all("th")] == ["EMDR", "Group therapy"]
    groups = [th.get_text(strip=True) for th in table.find_all("th", attrs={"scope": "rowgroup"})]
    assert {"Evidence", "Format", "May fit because", "May be harder because"} <= set(groups)


def test_compare_with_fewer_than_two_ticked_asks_gently_and_keeps_the_list(client, all_therapies):
    response = client.post(AID, {**SOME_ANSWERS, "compare": ["emdr"], "show": "compare"})
    soup = page(response)
    assert soup.find(class_="choose-note").get_text(" ").startswith("To compare, tick two or three")
    assert soup.find("input", attrs={"name": "compare", "value": "emdr"}).has_attr("checked")


def test_compare_shows_at_most_three(client, all_therapies):
    ticked = ["emdr", "group-therapy", "art-therapy", "music-therapy"]
    response = client.post(AID, {"compare": ticked, "show": "compare"})
    table = page(response).find("table", class_="side-by-side")
    assert len(table.thead.find_all("th")) == 3
    assert "You ticked 4." in text_of(response)


def test_summary_has_what_matters_the_chosen_therapies_questions_and_the_first_session_card(
    client, all_therapies
):
    response = client.post(AID, {**SOME_ANSWERS, "compare": ["emdr", "art-therapy"], "show": "summary"})
    assert_private(response)
    text = text_of(response)
    assert "Talking about what happened: A little at a time" in text
    assert [h3.get_text(strip=True) for h3 in page(response).select(".summary-therapy h3")] == [
        "EMDR",
        "Art therapy",
    ]
    assert "Questions to ask a therapist" in text
    for right in (
        "A therapist of the gender I choose.",
        "An interpreter I choose, never one linked to anyone who controlled me.",
        "To bring an advocate or someone I trust.",
        "Not to share details until I am ready.",
        "Breaks when I need them, and a stop signal we agree on.",
        "To know how my notes are kept and who can see them.",
    ):
        assert right in text
    assert len(page(response).select(".first-session-card input[type=checkbox]")) == 6


def test_summary_without_ticks_lists_the_best_fits(client, all_therapies):
    response = client.post(AID, {"way_in": "art", "show": "summary"})
    titles = [h3.get_text(strip=True) for h3 in page(response).select(".summary-therapy h3")]
    assert len(titles) == 3 and titles[0] == "Art therapy"


def test_discreet_print_has_no_site_name_no_logo_a_neutral_title_and_no_revealing_word(client, all_therapies):
    # Every therapy and every answer, so every fact that could be printed is printed.
    answers = {question.name: question.options[0].value for question in QUESTIONS}
    for slugs in (DESIGN_SLUGS[:3], DESIGN_SLUGS[3:6], DESIGN_SLUGS[6:]):
        response = client.post(AID, {**answers, "compare": list(slugs), "show": "discreet"})
        assert_private(response)
        soup = page(response)
        assert soup.title.get_text(strip=True) == "Notes for an appointment"
        whole = response.content.decode().lower()
        assert settings.SITE_NAME.lower() not in whole
        assert [word for word in FORBIDDEN_IN_DISCREET if word in whole] == []
        assert soup.find("img") is None and soup.find(class_="site-name") is None
        assert soup.select(".summary-therapy") and soup.select(".first-session-card")


def test_discreet_print_leaves_out_a_fact_that_names_what_happened(client, all_therapies):
    Modality.objects.filter(slug="emdr").update(format="Often used after trafficking")
    response = client.post(AID, {"compare": ["emdr", "group-therapy"], "show": "discreet"})
    assert b"trafficking" not in response.content.lower()
    assert "EMDR" in text_of(response)


def test_change_my_answers_brings_them_back_checked(client, all_therapies):
    soup = page(client.post(AID, {**SOME_ANSWERS, "show": "edit"}))
    for name, value in SOME_ANSWERS.items():
        assert soup.find("input", attrs={"name": name, "value": value}).has_attr("checked")
    assert soup.find("input", attrs={"name": "worry", "value": NOT_SURE}).has_attr("checked")


@pytest.mark.parametrize("show", ["results", "compare", "summary", "discreet", "edit"])
def test_no_page_of_the_aid_says_you_should(client, all_therapies, show):
    answers = {question.name: question.options[-1].value for question in QUESTIONS}
    response = client.post(AID, {**answers, "compare": ["emdr", "tf-cbt"], "show": show})
    assert not re.search(r"\byou\s+should\b", text_of(response), re.I)


def test_post_values_are_hidden_from_error_reports(client, all_therapies):
    response = client.post(AID, {**SOME_ANSWERS, "show": "results"})
    cleansed = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert set(cleansed.values()) == {SafeExceptionReporterFilter.cleansed_substitute}


def test_the_page_cache_never_takes_the_aid():
    factory = RequestFactory()
    assert not policy.request_is_cacheable(factory.get(AID))
    assert not policy.request_is_cacheable(factory.post(AID, SOME_ANSWERS))


def test_no_store_keeps_every_response_out_of_any_cache(client, all_therapies):
    request = RequestFactory().get("/")
    for response in (client.get(AID), client.post(AID, {**SOME_ANSWERS, "show": "results"})):
        assert not policy.response_is_storable(request, response)
        assert "ETag" not in response


def test_other_methods_are_refused_politely(client, content):
    assert client.put(AID).status_code == 405
    assert client.head(AID).status_code == 200
