"""The reasoning behind the decision aid: complete, sourced, plain, and able to put each therapy first."""

import random
import re

import pytest
import textstat

from choose.questions import NOT_SURE, QUESTIONS
from choose.ranking import rank
from choose.reasoning import REASONS_FILE, ReasoningError, load_reasoning, parse_reasoning
from tests.choose.conftest import DESIGN_SLUGS

MAX_READING_GRADE = 8.5
MIN_QUESTIONS, MAX_QUESTIONS = 6, 10


@pytest.fixture(scope="module")
def data():
    return load_reasoning()


def nobody_sure():
    return {question.name: NOT_SURE for question in QUESTIONS}


def reasons_shown(fits):
    return {(fit.slug, reason.fact) for fit in fits for reason in fit.fits + fit.harder}


def test_there_are_six_to_ten_questions_each_with_not_sure():
    assert MIN_QUESTIONS <= len(QUESTIONS) <= MAX_QUESTIONS
    for question in QUESTIONS:
        assert len(question.options) >= 2, question.name
        assert NOT_SURE not in question.values, "'not sure' is offered once, by the form itself"


def test_every_therapy_of_the_site_has_reasons(data):
    assert set(DESIGN_SLUGS) <= data.therapies


def test_every_link_names_a_source_with_a_web_address(data):
    for link in data.links:
        assert link.source.url.startswith("https://"), link
        assert link.source.title, link
    used = {link.source.key for link in data.links}
    assert used == set(data.sources), "every source listed is used, and only listed sources are used"


def test_every_answer_changes_at_least_one_reason(all_therapies):
    baseline = reasons_shown(rank(all_therapies, nobody_sure()))
    assert baseline == set(), "with no answers there is nothing to give as a reason"
    for question in QUESTIONS:
        for option in question.options:
            answers = {**nobody_sure(), question.name: option.value}
            assert reasons_shown(rank(all_therapies, answers)) != baseline, (question.name, option.value)


def _margin(slug, answers, therapies, data):
    """How far `slug` leads every other therapy (negative when behind)."""
    scores = {fit.slug: fit.score for fit in rank(therapies, answers, data)}
    mine = scores.pop(slug)
    return mine - max(scores.values())


def answers_that_put_first(slug, therapies, data, attempts=40):
    """Search for answers that put `slug` strictly first: hill-climbing from seeded random starts."""
    choices = {question.name: [*sorted(question.values), NOT_SURE] for question in QUESTIONS}
    rng = random.Random(slug)
    for attempt in range(attempts):
        answers = nobody_sure() if attempt == 0 else {n: rng.choice(v) for n, v in choices.items()}
        margin = _margin(slug, answers, therapies, data)
        improved = True
        while improved and margin <= 0:
            improved = False
            for name, values in choices.items():
                for value in values:
                    trial = {**answers, name: value}
                    trial_margin = _margin(slug, trial, therapies, data)
                    if trial_margin > margin:
                        answers, margin, improved = trial, trial_margin, True
        if margin > 0:
            return answers
    return None


@pytest.mark.parametrize("slug", DESIGN_SLUGS)
def test_every_therapy_comes_first_for_some_answers(all_therapies, data, slug):
    answers = answers_that_put_first(slug, all_therapies, data)
    assert answers is not None, f"no set of answers puts {slug} first"
    ranked = rank(all_therapies, answers, data)
    assert ranked[0].slug == slug
    assert ranked[0].score > ranked[1].score, "first on its own merits, not on a tie-break"


def test_reason_texts_read_at_grade_eight_and_a_half_or_lower(data):
    texts = {link.fact for link in data.links}
    texts |= {f"You said {option.you_said}." for question in QUESTIONS for option in question.options}
    too_hard = {text: textstat.flesch_kincaid_grade(text) for text in texts}
    too_hard = {text: grade for text, grade in too_hard.items() if grade > MAX_READING_GRADE}
    assert too_hard == {}


def test_no_reason_or_question_tells_the_reader_what_they_should_do(data):
    lines = REASONS_FILE.read_text(encoding="utf-8").splitlines()
    texts = [link.fact for link in data.links] + [line for line in lines if not line.lstrip().startswith("#")]
    for question in QUESTIONS:
        texts += [str(question.legend), str(question.hint)]
        texts += [str(part) for option in question.options for part in (option.label, option.you_said)]
    assert [text for text in texts if re.search(r"\byou\s+(should|must|need to)\b", text, re.I)] == []


VALID_LINK = {
    "therapy": "emdr",
    "question": "talking",
    "answer": "bit",
    "effect": "fits",
    "fact": "A fact.",
    "source": "who",
}
VALID_SOURCES = {"who": {"title": "WHO (2013)", "url": "https://www.who.int/"}}


def test_the_checker_accepts_a_well_formed_file():
    data = parse_reasoning({"sources": VALID_SOURCES, "links": [VALID_LINK]})
    assert data.therapies == {"emdr"}


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"question": "mood"}, "unknown question"),
        ({"answer": "maybe"}, "has no answer"),
        ({"effect": "great"}, "effect"),
        ({"weight": 5}, "weight"),
        ({"fact": "  "}, "fact is missing"),
        ({"source": "nowhere"}, "unknown source"),
        ({"therapy": "Not A Slug"}, "not a slug"),
    ],
)
def test_the_checker_names_a_broken_link(change, complaint):
    with pytest.raises(ReasoningError, match=complaint):
        parse_reasoning({"sources": VALID_SOURCES, "links": [{**VALID_LINK, **change}]})


def test_the_checker_refuses_sources_without_https_and_duplicate_links():
    with pytest.raises(ReasoningError, match="https"):
        parse_reasoning({"sources": {"who": {"title": "WHO", "url": "http://who.int"}}, "links": []})
    with pytest.raises(ReasoningError, match="two links"):
        parse_reasoning({"sources": VALID_SOURCES, "links": [VALID_LINK, VALID_LINK]})
