"""Values every page's frame needs: the site name, the quick-exit target and the crisis lines."""

import re

from django.conf import settings

_NOT_DIALLED = re.compile(r"[^0-9+]")


def _dial(number: str) -> str:
    """A tel:/sms: target holds digits (and a leading +) only."""
    return _NOT_DIALLED.sub("", number or "")


def crisis_lines():
    return [
        {
            **line,
            "call_href": f"tel:{_dial(line['call'])}" if line.get("call") else "",
            "text_href": f"sms:{_dial(line['text'])}" if line.get("text") else "",
        }
        for line in settings.CRISIS_LINES
    ]


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        "CRISIS_LINES": crisis_lines(),
        "EMERGENCY_NUMBERS": [
            {**n, "call_href": f"tel:{_dial(n['call'])}"} for n in settings.EMERGENCY_NUMBERS
        ],
    }
