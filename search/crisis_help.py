"""The help a search shows first when it recognises danger: calm words, and the lines that fit.

The phone lines are configured per deployment (settings.CRISIS_LINES and EMERGENCY_NUMBERS, the same
ones the help box shows; CRISIS_LINES_BY_LANGUAGE for the lines that answer in another language);
each line's "kinds" says which kinds of danger it is shown for. A kind that no configured line names
falls back to every line of the help box, so the help is never empty. The words come from the
translation catalogue, read when the help is shown, so a Spanish search's help is worded in Spanish.
"""

from dataclasses import dataclass

from django.utils.translation import gettext, gettext_lazy

from pages.context_processors import crisis_lines, emergency_numbers
from search import crisis
from search.languages import search_language

# What the help says first, by kind. Short sentences, common words: it may be read in a panic.
MESSAGES = {
    "suicide": gettext_lazy(
        "You matter, and you do not have to face this alone. "
        "You can talk to someone right now, by phone or by text, day or night."
    ),
    "self-harm": gettext_lazy(
        "You matter, and you deserve care. If you have hurt yourself or want to, "
        "you can talk to someone right now, day or night."
    ),
    "danger-now": gettext_lazy(
        "Your safety comes first. If you are in danger right now, call the emergency number. "
        "If you cannot talk, some lines below can text with you."
    ),
    "child-at-risk": gettext_lazy(
        "A child's safety comes first. If a child is in danger right now, call the emergency number. "
        "The lines below can help you work out what to do next."
    ),
}
# Kinds whose help begins with the emergency number rather than a helpline.
EMERGENCY_FIRST = frozenset({"danger-now", "child-at-risk"})


@dataclass(frozen=True)
class CrisisHelp:
    kind: str  # the kind that leads (the first one search/crisis.yaml names)
    kinds: tuple[str, ...]  # every kind the query matched
    lines: tuple[dict, ...]  # helplines, each with call_href / text_href for the page
    emergency: tuple[dict, ...]  # emergency numbers, each with call_href
    lead: tuple[str, ...]  # the content the results begin with ("article:<slug>", "page:<name>")

    @property
    def message(self) -> str:
        return str(MESSAGES[self.kind])

    @property
    def emergency_first(self) -> bool:
        return self.kind in EMERGENCY_FIRST

    def as_json(self) -> dict:
        emergency = [
            {
                "name": gettext("Emergency (%(region)s)") % {"region": number.get("region", "")}
                if number.get("region")
                else gettext("Emergency"),
                "call": number.get("call", ""),
                "text": "",
                "note": number.get("note", ""),
            }
            for number in self.emergency
        ]
        lines = [
            {key: line.get(key) or "" for key in ("name", "call", "text", "note")} for line in self.lines
        ]
        return {
            "kind": self.kind,
            "message": self.message,
            "lines": emergency + lines if self.emergency_first else lines + emergency,
        }


def _lines_for(kinds: tuple[str, ...], language: str) -> tuple[dict, ...]:
    every = crisis_lines(language)
    fitting = [line for line in every if set(line.get("kinds") or ()) & set(kinds)]
    # Lines are listed in the order of the kinds matched, so the leading kind's lines come first.
    fitting.sort(key=lambda line: min(kinds.index(k) for k in line.get("kinds") if k in kinds))
    if not fitting:
        fitting = [line for line in every if line.get("help_box", True)] or every
    return tuple(fitting)


def help_for(text: str, language: str | None = None) -> CrisisHelp | None:
    """The help to show first for a query in `language` (the reader's when None), or None when it
    reads as an everyday search. The phrases, the lines and the content it leads with are all that
    language's: a Spanish search lists the lines that answer in Spanish."""
    language = search_language(language)
    kinds = crisis.recognise(text, language)
    if not kinds:
        return None
    leads = crisis.crisis_phrases(language).lead
    lead = tuple(dict.fromkeys(ref for kind in kinds for ref in leads.get(kind, ())))
    return CrisisHelp(
        kind=kinds[0],
        kinds=kinds,
        lines=_lines_for(kinds, language),
        emergency=tuple(emergency_numbers(language)),
        lead=lead,
    )
