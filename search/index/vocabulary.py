"""The words of the index, as the spelling module asks for them (spelling.Vocabulary)."""

from search.index.schema import analysed

# "Did you mean" suggests words from this field: the unstemmed words of every text field.
SPELL_FIELD = "spell"


class IndexVocabulary:
    """The words of the items a reader may see now, read from one index reader.

    The word list of the index also keeps the words of items removed since (unpublished, deleted)
    until its files are merged, and holds those of scheduled items (`hidden`): neither may be
    suggested.
    """

    def __init__(self, reader, hidden: set[int]):
        self.reader = reader
        self.hidden = hidden

    def uses(self, word: str) -> bool:
        if (SPELL_FIELD, word) not in self.reader:
            return False
        postings = self.reader.postings(SPELL_FIELD, word)  # leaves out removed items
        while postings.is_active():
            if postings.id() not in self.hidden:
                return True
            postings.next()
        return False

    def knows_stem_of(self, word: str) -> bool:
        return any(
            ("body", stem) in self.reader or ("title", stem) in self.reader for stem in analysed("body", word)
        )

    def near(self, word: str, maxdist: int):
        for candidate in self.reader.terms_within(SPELL_FIELD, word, maxdist, prefix=1):
            if self.uses(candidate):
                yield candidate, self.reader.frequency(SPELL_FIELD, candidate)
