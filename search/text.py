"""Turning what a reader typed into clean text and words, before any search engine sees it.

People type in distress, on phones, pasting from anywhere: this module makes any input safe to search.
It trims very long input, drops control and invisible characters, and splits text into lower-case
words. The stop-word list lives here so the index (search/index/) and the database fallback agree.
"""

import re
import unicodedata

# Longer input is trimmed (at a word boundary) before it is searched or shown back.
MAX_QUERY_CHARS = 200
# Only this many meaningful words are searched; the rest of a long sentence adds noise, not meaning.
MAX_WORDS = 12

# Common English words plus the filler of spoken sentences ("I keep having ..."). They carry no
# meaning for search, so neither the index nor the query keeps them. Words from the needs
# vocabulary ("alone", "always", "hard", "trust", "feelings") are deliberately absent.
_STOP_WORDS_TEXT = """
    a about after again all also am an and any are arent as at be because been before being both but by
    can cannot cant could couldnt did didnt do does doesnt doing don dont down during each even ever
    every feel feeling feels felt for from get gets getting got had hadnt has hasnt have havent having
    he her here hers herself him himself his how i id if im in into is isnt it its itself ive just keep
    keeps kept let lets like ll may me might mine more most much must my myself no nor not now of off on
    once only or other our ours out over own re really same shall she should so some such tbd than that
    thats the their theirs them themselves then there these they this those through to too under until
    up us ve very was wasnt we were werent what whats when where which while who whom why will with wont
    would wouldnt yet you your youre yours yourself
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Words of spoken sentences that say nothing about a need ("i want to", "i think i need"). The index
# keeps them (phrases and snippets read naturally), but a query never searches them: on their own
# they would rank whatever happens to repeat them. The synonym map still reads whole phrases, so
# "don't want to talk" keeps meaning *hard to talk about it*.
_FILLER_WORDS_TEXT = """
    want wants wanted wanting wanna gonna gotta know knew knows think thinks thought need needs needed
    something anything everything nothing thing things stuff maybe please ok okay yeah yes hi hello
    thanks lot lots still actually basically literally kind sort bit seem seems seemed go goes going
    went make makes made say says said tell told try tries tried trying way ways one someone anyone
    everyone somebody anybody lately sometimes often usually today anymore cos cause since
"""
FILLER_WORDS = frozenset(_FILLER_WORDS_TEXT.split())

# Control, format (zero-width, bidi overrides), surrogate, private-use and unassigned characters.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}
_SPACES = re.compile(r"\s+")
# A word: letters and digits, with apostrophes inside it ("can't"); hyphens separate words.
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_APOSTROPHES = re.compile(r"['’]")


def clean_query(raw: str | None) -> str:
    """What the reader typed, made safe to search and to show back: trimmed, visible, single-spaced."""
    if not raw:
        return ""
    # Never process more than a few times the limit, whatever arrives.
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_CHARS * 4])
    text = "".join(" " if unicodedata.category(ch) in _INVISIBLE_CATEGORIES else ch for ch in text)
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        # Trim at the last space so no half word is searched, unless that would lose most of it.
        space = cut.rfind(" ")
        text = cut[:space] if space > MAX_QUERY_CHARS // 2 else cut
    return text.strip()


def words(text: str) -> list[str]:
    """Lower-case words with apostrophes removed ("Can't" -> "cant", "self-worth" -> "self", "worth")."""
    return [_APOSTROPHES.sub("", match.group()).lower() for match in _WORD.finditer(text)]


def content_words(tokens: list[str]) -> list[str]:
    """The words worth searching: no stop words, filler or single letters, no repeats, at most MAX_WORDS."""
    seen: list[str] = []
    for token in tokens:
        if len(token) > 1 and token not in STOP_WORDS and token not in FILLER_WORDS and token not in seen:
            seen.append(token)
    return seen[:MAX_WORDS]
