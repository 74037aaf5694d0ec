"""The decision aid's questions: what is asked, the answers offered, and how an answer is quoted back.

Every question is optional and offers "Not sure", which is also what an unanswered question means.
The answers' names are the ones content/choose/reasons.yaml links to therapies. `you_said` is the
answer quoted back in a reason ("May fit because you said you would like to go a little at a time").
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NOT_SURE = "not-sure"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    you_said: str


@dataclass(frozen=True)
class Question:
    name: str
    legend: str
    hint: str
    options: tuple[Option, ...]
    # A short name for the question on the printed summary ("Talking about it: a little at a time").
    topic: str

    @property
    def values(self) -> frozenset[str]:
        return frozenset(option.value for option in self.options)

    def option(self, value: str) -> Option | None:
        return next((option for option in self.options if option.value == value), None)


QUESTIONS: tuple[Question, ...] = (
    Question(
        name="talking",
        legend=_("How do you feel about talking about what happened?"),
        hint=_("Some therapies ask you to go over a memory in detail. Others do not."),
        topic=_("Talking about what happened"),
        options=(
            Option("yes", _("I want to talk it through"), _("you want to talk it through")),
            Option("bit", _("A little at a time"), _("you would like to go a little at a time")),
            Option("not-now", _("Not now"), _("you do not want to talk about it now")),
        ),
    ),
    Question(
        name="setting",
        legend=_("Would you rather meet a therapist on your own, or be in a group?"),
        hint="",
        topic=_("On my own or in a group"),
        options=(
            Option("alone", _("On my own, one-to-one"), _("you would rather meet one-to-one")),
            Option(
                "group",
                _("In a small group with others who have been through something like it"),
                _("you would like to be in a group"),
            ),
        ),
    ),
    Question(
        name="way_in",
        legend=_("Is there a way in that appeals to you?"),
        hint=_("Some therapies work through the body, art or music, not only through words."),
        topic=_("A way in"),
        options=(
            Option("body", _("The body: breath, tension, feeling calmer"), _("the body appeals to you")),
            Option("art", _("Art: drawing, painting, making things"), _("art appeals to you")),
            Option("music", _("Music: rhythm, songs, sound"), _("music appeals to you")),
            Option("words", _("Talking and thinking suit me best"), _("talking and thinking suit you best")),
        ),
    ),
    Question(
        name="practice",
        legend=_("Could you practise things at home between sessions?"),
        hint=_("Some therapies give worksheets or recordings to use at home."),
        topic=_("Practice at home"),
        options=(
            Option("yes", _("Yes"), _("you could practise at home")),
            Option(
                "no",
                _("No, or it would not be private at home"),
                _("practice at home would be hard or not private"),
            ),
        ),
    ),
    Question(
        name="time",
        legend=_("How much time could you give to therapy each week?"),
        hint=_("Count the session and any practice."),
        topic=_("Time each week"),
        options=(
            Option("hour", _("About an hour"), _("you have about an hour a week")),
            Option("more", _("Two hours or more"), _("you could give two hours or more a week")),
        ),
    ),
    Question(
        name="age",
        legend=_("How old is the person who would go to therapy?"),
        hint=_("You may be answering for someone else. That is fine."),
        topic=_("Age"),
        options=(
            Option("child", _("A child, under 13"), _("the person is a child")),
            Option("teen", _("A teenager, 13 to 17"), _("the person is a teenager")),
            Option("adult", _("An adult, 18 or over"), _("the person is an adult")),
        ),
    ),
    Question(
        name="safe_adult",
        legend=_("For a child or teenager: is there a safe adult who could take part?"),
        hint=_("A parent, carer or other trusted adult who did not cause the harm."),
        topic=_("A safe adult who could take part"),
        options=(
            Option("yes", _("Yes"), _("a safe adult could take part")),
            Option("no", _("No, not now"), _("there is no safe adult who could take part now")),
        ),
    ),
    Question(
        name="language",
        legend=_("Would you need therapy in another language, or with an interpreter?"),
        hint="",
        topic=_("Language"),
        options=(
            Option("yes", _("Yes"), _("you would need another language or an interpreter")),
            Option("no", _("No, this language is fine"), _("this language is fine for you")),
        ),
    ),
    Question(
        name="worry",
        legend=_("What worries you most about therapy?"),
        hint="",
        topic=_("What worries me most"),
        options=(
            Option("judged", _("Being judged"), _("being judged worries you most")),
            Option("reliving", _("Reliving what happened"), _("reliving it worries you most")),
            Option("trust", _("Trusting someone new"), _("trusting someone new worries you most")),
            Option("cost", _("Cost, or finding a place"), _("cost or finding a place worries you most")),
            Option("found-out", _("Someone finding out"), _("someone finding out worries you most")),
        ),
    ),
)

BY_NAME = {question.name: question for question in QUESTIONS}


def answers_from(data) -> dict[str, str]:
    """Each question's answer from submitted form data (a QueryDict or dict).

    Anything missing, unknown or repeated oddly counts as "not sure": every question is optional,
    so there is nothing to reject and no error to show.
    """
    answers = {}
    for question in QUESTIONS:
        value = data.get(question.name, NOT_SURE)
        answers[question.name] = value if value in question.values else NOT_SURE
    return answers


def given(answers: dict[str, str]) -> list[tuple[Question, Option]]:
    """The questions that were answered (not "not sure"), in order, with the chosen option."""
    chosen = []
    for question in QUESTIONS:
        option = question.option(answers.get(question.name, NOT_SURE))
        if option is not None:
            chosen.append((question, option))
    return chosen
