"""Searchers on each language's open index, lent to one search at a time and kept for the next.

Whoosh searchers are not shared between threads: each search borrows one from the pool and gives it
back, so a searcher is reused across requests (and across threads) but never used by two at once.
"""

import contextlib

from django.utils import timezone

from search.index.kept import KeptIndexReader
from search.index.schema import utc_naive
from search.index.state import this_process
from search.index.storage import IndexUnavailable
from search.index.whoosh_internals import LengthListBM25F

POOL_SIZE = 8  # idle searchers kept; more threads than this open their own and close it after
CORRECTIONS_KEPT = 20000  # words whose correction a reader remembers


class Reader:
    """A searcher, and the scheduled items it must hide until their time comes."""

    def __init__(self, ix, generation: int):
        self.generation = generation
        self.searcher = ix.searcher(weighting=LengthListBM25F())
        reader = self.searcher.reader()
        self.kept = KeptIndexReader(reader)
        published = reader.column_reader("published_at", translate=True)
        opened = utc_naive(timezone.now())
        # Scheduled items are few; keeping them here spares every search a date-range query.
        self.scheduled = [
            (published[docnum], docnum) for docnum in reader.all_doc_ids() if published[docnum] > opened
        ]
        self._corrections: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self._corrections_hidden: frozenset[int] = frozenset()

    def hidden(self) -> set[int]:
        """Documents whose publication time has not come yet."""
        now = utc_naive(timezone.now())
        return {docnum for when, docnum in self.scheduled if when > now}

    def corrections(self, hidden: set[int]) -> dict:
        """How each word a reader typed was corrected (search/index/spelling.py), while `hidden` holds.

        Queries differ, words repeat: this spares most searches the walk through the word list.
        Valid for one set of hidden items, and bounded.
        """
        if self._corrections_hidden != hidden or len(self._corrections) > CORRECTIONS_KEPT:
            self._corrections = {}
            self._corrections_hidden = frozenset(hidden)
        return self._corrections

    def close(self):
        self.searcher.close()


@contextlib.contextmanager
def borrowed_reader(language: str):
    """A reader on the current generation of `language`'s index, for the length of one search."""
    state = this_process.of(language)
    generation, ix = state.generation, state.ix
    if ix is None:
        raise IndexUnavailable("the index is not open")
    pool = state.idle_readers
    reader = None
    with state.readers_lock:
        while pool:
            candidate = pool.pop()
            if candidate.generation == generation:
                reader = candidate
                break
            candidate.close()
    if reader is None:
        reader = Reader(ix, generation)
    try:
        yield reader
    finally:
        with state.readers_lock:
            keep = reader.generation == state.generation and len(pool) < POOL_SIZE
            if keep:
                pool.append(reader)
        if not keep:
            reader.close()
