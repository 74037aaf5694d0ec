"""Whether a search is really the question the decision aid answers ("which therapy is right for me").

The search index holds explainers and articles only; this small check lets the search page point to
the aid when someone asks, in their own words, which therapy to pick. It looks at words, not at
spelling: each phrase matches when all of its words appear in the query.
"""

import re

# Each entry: words that together mean "help me choose". Kept short and plain; add phrases freely.
PHRASES = (
    ("which", "therapy"),
    ("what", "therapy"),
    ("which", "treatment"),
    ("what", "treatment"),
    ("right", "for", "me"),
    ("best", "therapy"),
    ("best", "treatment"),
    ("suit", "me"),
    ("suits", "me"),
    ("choose", "therapy"),
    ("choosing", "therapy"),
    ("pick", "therapy"),
    ("decision", "aid"),
    # Spanish, for the Spanish pages and for readers who search in Spanish.
    ("qué", "terapia"),
    ("que", "terapia"),
    ("cuál", "terapia"),
    ("cual", "terapia"),
)

_WORD = re.compile(r"\w+", re.UNICODE)


def points_to_the_aid(query: str) -> bool:
    words = set(_WORD.findall(str(query).lower()))
    return any(all(word in words for word in phrase) for phrase in PHRASES)
