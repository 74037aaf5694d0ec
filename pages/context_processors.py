"""Values every page's frame needs: the site name, the quick-exit target and the crisis lines.

The crisis lines come from settings (SITE_CRISIS_LINES, SITE_EMERGENCY_NUMBERS), so each deployment
shows its own country's numbers; a page in another language lists the lines that answer in it
(SITE_CRISIS_LINES_BY_LANGUAGE), or the default ones when none are configured for it. A line without
a number is still shown, without a link, rather than failing the page: a help box must never be the
reason a page breaks.
"""

import re

from django.conf import settings
from django.utils import translation

from pages.frame import nav_current

_NOT_DIALLED = re.compile(r"[^0-9+]")


def _dial(number: str) -> str:
    """A tel:/sms: target holds digits (and a leading +) only."""
    return _NOT_DIALLED.sub("", number or "")


def _href(scheme: str, number: str | None) -> str:
    digits = _dial(number or "")
    return f"{scheme}:{digits}" if digits else ""


def _configured_lines(language: str) -> list[dict]:
    # An empty list falls back too: the help box is never left without a number.
    return settings.CRISIS_LINES_BY_LANGUAGE.get(language) or settings.CRISIS_LINES


def crisis_lines(language: str | None = None) -> list[dict]:
    """The crisis lines for a language (the active one unless named), each with `call_href` (tel:)
    and `text_href` (sms:) added. The help box and search's crisis help both list these."""
    return [
        {
            **line,
            "call_href": _href("tel", line.get("call")),
            "text_href": _href("sms", line.get("text")),
        }
        for line in _configured_lines(language or translation.get_language() or settings.LANGUAGE_CODE)
    ]


def emergency_numbers(language: str | None = None) -> list[dict]:
    """The emergency numbers for a language (the active one unless named), each with a `call_href`."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    numbers = settings.EMERGENCY_NUMBERS_BY_LANGUAGE.get(language) or settings.EMERGENCY_NUMBERS
    return [{**number, "call_href": _href("tel", number.get("call"))} for number in numbers]


def site(request) -> dict:
    """Template context for base.html: site name, quick-exit target, crisis lines, current menu link."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        # Lines marked "help_box": false are shown only where a search recognises danger.
        "CRISIS_LINES": [line for line in crisis_lines() if line.get("help_box", True)],
        "EMERGENCY_NUMBERS": emergency_numbers(),
        "NAV_CURRENT": nav_current(request),
    }
