"""Spelling and snippets on plain words and text, with no index behind them."""

from search.index import snippets, spelling
from search.plan import plan_query


class Words:
    """A vocabulary from a plain word list: what the spelling module asks of the index."""

    def __init__(self, counts: dict[str, int], stems=()):
        self.counts = counts
        self.stems = set(stems)

    def uses(self, word):
        return word in self.counts

    def knows_stem_of(self, word):
        return word.rstrip("s") in self.stems

    def near(self, word, maxdist):
        for candidate, count in self.counts.items():
            if candidate[:1] == word[:1] and spelling.edit_distance(word, candidate) <= maxdist:
                yield candidate, count


SITE = Words({"nightmares": 5, "nightmare": 1, "flashbacks": 3, "lonely": 4, "therapy": 9, "bad": 2})


def test_a_misspelt_word_is_searched_and_suggested_as_the_nearest_real_word():
    fixes = spelling.corrections(SITE, plan_query("nightmres therapy"), {})
    assert fixes.words[:1] == ["nightmares"]
    assert fixes.suggestion == "nightmares therapy"


def test_split_words_are_joined():
    fixes = spelling.corrections(SITE, plan_query("flash backs"), {})
    assert "flashbacks" in fixes.words
    assert fixes.suggestion == "flashbacks"


def test_real_words_and_their_forms_are_left_alone():
    assert spelling.corrections(SITE, plan_query("lonely nightmare therapy"), {}).suggestion == ""
    assert spelling.is_real_word(SITE, "flashback"), "a plain variant of a word the site uses"


def test_a_word_whose_stem_is_known_is_only_suggested_a_near_certain_fix():
    vocabulary = Words({"nightmares": 5}, stems={"nightmar"})
    assert spelling.word_correction(vocabulary, "nightmars") == ("nightmares", ())
    assert spelling.word_correction(vocabulary, "nitemars") == (None, ())


def test_corrections_are_remembered_per_word():
    known = {}
    spelling.corrections(SITE, plan_query("lonley"), known)
    assert known == {"lonley": ("lonely", ("lonely",))}


def stem(word):
    return (word.rstrip("s"),)


def test_a_snippet_marks_the_searched_words_where_they_meet():
    text = "Intro words. " * 40 + "Bad nightmares keep coming back, and nightmares wake you. " + "More. " * 40
    found = snippets.snippet(text, frozenset({"nightmare", "bad"}), stem)
    marked = [piece for piece, matched in found.pieces if matched]
    assert marked == ["Bad", "nightmares", "nightmares"]
    assert found.pieces[0] == ("…", False) and found.pieces[-1] == ("…", False)
    assert len(found.text) <= snippets.SNIPPET_CHARS + 2


def test_no_snippet_without_a_searched_word():
    assert snippets.snippet("Nothing to see here.", frozenset({"nightmare"}), stem) is None
