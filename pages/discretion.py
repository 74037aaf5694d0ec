"""Words that must not show where someone looking over a reader's shoulder would see them.

Tab titles and browser history are visible to whoever picks up the device, and the reader may be
watched by the person who controls them. Titles never name the topic of the site: if a page's own
title would (an article's authored title, say), its tab shows the site's name alone.
"""

import re

# Stems, so "trafficked", "abusive" and "exploited" are caught too; Spanish for the /es/ pages.
TOPIC_WORDS = re.compile(
    r"\b(traffick\w*|abus\w*|exploit\w*|explotaci\w*|explotad\w*|trata de personas|tr[aá]fico de personas)",
    re.IGNORECASE,
)


def names_the_topic(text: str) -> bool:
    return bool(TOPIC_WORDS.search(text or ""))


def tab_title(page_title: str, site_name: str) -> str:
    """ "Page · Site" for the browser tab, or the site's name alone (home, or a title that would tell)."""
    page_title = " ".join((page_title or "").split())
    if not page_title or names_the_topic(page_title):
        return site_name
    return f"{page_title} · {site_name}"
