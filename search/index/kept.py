"""What a reader (search/index/readers.py) keeps of its index between searches.

An open index does not change: how many documents hold a term, and the stored fields of a document,
are the same for every search on it, and many searches ask for the same ones. A reader is used by
one search at a time, so none of this needs a lock. Each kind is bounded, the least recently used
going first; all of it goes with the reader when a new generation of the index opens.
"""

from collections import OrderedDict

# Terms whose document frequency is kept: every searched word is looked up in each text field.
FREQUENCIES_KEPT = 20000
# Documents whose stored fields are kept: about ten per search, and a few hundred come up often.
DOCUMENTS_KEPT = 512


class Bounded:
    """A mapping of at most `size` entries, the least recently used dropped first."""

    def __init__(self, size: int):
        self.size = size
        self._entries: OrderedDict = OrderedDict()

    def get(self, key, compute):
        entries = self._entries
        try:
            value = entries[key]
        except KeyError:
            value = entries[key] = compute()
            if len(entries) > self.size:
                entries.popitem(last=False)
            return value
        entries.move_to_end(key)
        return value

    def __len__(self) -> int:
        return len(self._entries)


class KeptIndexReader:
    """The parts of a Whoosh index reader the search asks for over and over, answered once each."""

    def __init__(self, reader):
        self._reader = reader
        self._doc_count = reader.doc_count()
        self._frequencies = Bounded(FREQUENCIES_KEPT)
        self._documents = Bounded(DOCUMENTS_KEPT)

    def doc_count(self) -> int:
        return self._doc_count

    def doc_frequency(self, fieldname: str, text) -> int:
        return self._frequencies.get((fieldname, text), lambda: self._reader.doc_frequency(fieldname, text))

    def stored_fields(self, docnum: int) -> dict:
        """The stored fields of a document. Shared between searches: read them, never change them."""
        return self._documents.get(docnum, lambda: self._reader.stored_fields(docnum))
