"""The site's search index (Whoosh): everything the rest of the site may use of it is named here.

    search(plan, kind=, tag=, page=, per_page=, lead=, everything=) -> SearchResults
        Rank published items for a query plan (search.plan); raises IndexUnavailable while a
        rebuild is under way, and the caller answers from the database (search/database.py).
    update_items({(kind, pk), ...}) -> int
        Re-index what a commit changed (search/signals.py).
    rebuild(progress=None) -> RebuildReport         Build afresh from the database and swap it in.
    sync() -> SyncReport                            Catch up with the database in place.
    status() -> dict                                Where the index is and what it reflects.
    wait_for_rebuild(timeout) -> bool               For tests and tools: let a background rebuild end.
    reset()                                         Forget the open index (tests move SEARCH_INDEX_DIR).
    IndexUnavailable, RebuildReport, SyncReport

No module of the site outside this package imports whoosh (tests aside), so the engine can be replaced
by rewriting the package alone. Inside it, each module holds one concern:

    storage.py          the build directories on disk, and the pointer swapped to a new build
    schema.py           the fields of a document in the index, and how words and dates go in
    writing.py          writing documents: a whole build, or the changes after a commit
    freshness.py        rebuilds (one per server at a time), catch-up with the database, repairs
    readers.py          the pool of searchers lent to one search at a time
    query.py            a query plan as a Whoosh query, and the filters
    searching.py        ranking a search and making its page of results
    vocabulary.py       the index's words, as spelling.py asks for them
    spelling.py         typo tolerance and "did you mean", on plain words (no Whoosh)
    snippets.py         the excerpt of each result with the searched words marked (no Whoosh)
    whoosh_internals.py the only reaches into Whoosh beyond its documented interface
    state.py            this_process: the package's only mutable state, with its locks

Ranking weights live in search/weights.py, shared with the database fallback; what each model
contributes to its document is declared on the model (search_fields, see search/documents.py).
Nothing here logs what anyone searched for.
"""

from search.index.freshness import RebuildReport, SyncReport, rebuild, sync, wait_for_rebuild
from search.index.searching import search
from search.index.state import this_process
from search.index.storage import IndexUnavailable, status
from search.index.writing import update_items

__all__ = [
    "IndexUnavailable",
    "RebuildReport",
    "SyncReport",
    "rebuild",
    "reset",
    "search",
    "status",
    "sync",
    "update_items",
    "wait_for_rebuild",
]


def reset():
    """Forget the open index (tests point SEARCH_INDEX_DIR elsewhere; the next search reopens)."""
    this_process.forget()
