"""Putting documents into an index: a whole new build, or changes to the build in use.

Incremental changes (after each commit, see search/signals.py) go into the build in use one writer at
a time: a process lock plus Whoosh's own file lock with a timeout, never AsyncWriter. A change reaches
the index of every language: the item's own adds or updates it, any other drops it if it holds it (a
page whose language was changed moves from one index to the other).
"""

import logging
from pathlib import Path

from django.conf import settings
from whoosh import index

from search import documents
from search.index.schema import utc_naive
from search.index.state import this_process
from search.index.storage import IndexUnavailable, create, current_index
from search.languages import languages
from search.weights import MODALITY_BOOST, STAND_IN_BOOST

log = logging.getLogger(__name__)


class WriterBusy(Exception):
    """Another process kept the index writer for longer than the timeout; catch-up will retry."""


def fields(doc: dict) -> dict:
    """A document from search.documents, as Whoosh fields."""
    return {
        "key": doc["key"],
        "type": doc["type"],
        "url": doc["url"],
        "title": doc["title"],
        "names": doc["names"],
        "summary": doc["summary"],
        "body": doc["body"],
        "needs": ". ".join(doc["needs"]),
        "tags": ",".join(doc["tags"]),
        "tag_slugs": ",".join(doc["tag_slugs"]),
        "modalities": ",".join(doc["modalities"]),
        "explains": doc["modalities"][0] if doc["type"] == documents.MODALITY else "",
        "ref": doc["ref"],
        "stand_in": "yes" if doc["stand_in"] else "",
        "shown": {
            "tags": list(zip(doc["tags"], doc["tag_slugs"], strict=True)),
            "modalities": doc["modalities"],
            "language": doc["language"],
            "stand_in": doc["stand_in"],
        },
        "published_at": utc_naive(doc["published_at"]),
        "updated_at": utc_naive(doc["updated_at"]),
        "last_reviewed": utc_naive(doc["last_reviewed"]),
        # "Did you mean" offers words of the index's language only, never a stand-in's English ones.
        "spell": ""
        if doc["stand_in"]
        else " ".join([doc["title"], doc["names"], doc["summary"], " ".join(doc["needs"]), doc["body"]]),
        "stamp": doc["stamp"],
        # A document boost: every field of an explainer counts more, and a stand-in less (a page written
        # in the reader's language comes first), with no per-document step when ranking.
        "_boost": (MODALITY_BOOST if doc["type"] == documents.MODALITY else 1.0)
        * (STAND_IN_BOOST if doc["stand_in"] else 1.0),
    }


def write_build(build: Path, docs: list[dict], language: str, progress=None):
    """Fill the empty directory `build` with `docs` of `language`; `progress(done, total)` is called as
    they go in."""
    ix = create(build, language)
    writer = ix.writer(limitmb=128)
    try:
        for done, doc in enumerate(docs, start=1):
            writer.add_document(**fields(doc))
            if progress and (done % 500 == 0 or done == len(docs)):
                progress(done, len(docs))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    ix.close()


def write(apply, language: str) -> None:
    """Run apply(writer) on the build of `language` in use and commit: one writer at a time, across
    processes too.

    Raises WriterBusy when another process holds the writer for longer than SEARCH_WRITER_TIMEOUT
    seconds.
    """
    state = this_process.of(language)
    with state.lock:
        ix = current_index(language)
        try:
            writer = ix.writer(timeout=settings.SEARCH_WRITER_TIMEOUT)
        except index.LockError as exc:
            raise WriterBusy from exc
        try:
            apply(writer)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        state.reopen_searchers()


def replace(docs: dict[str, dict | None], language: str, gone=()) -> None:
    """Re-index each document of `language`'s index by key (None removes it), and remove the keys in
    `gone`."""

    def apply(writer):
        for key in gone:
            writer.delete_by_term("key", key)
        for key, doc in docs.items():
            if doc is None:
                writer.delete_by_term("key", key)
            else:
                writer.update_document(**fields(doc))

    write(apply, language)


def update_items(refs) -> int:
    """Re-index or remove the given (kind, pk) items after a commit, in every language's index. Returns
    how many entries changed.

    Does nothing to an index that does not exist yet: the next search or `rebuild_index` builds it whole.
    """
    refs = set(refs)
    if not refs:
        return 0
    return sum(_update_language(refs, language) for language in languages())


def _update_language(refs: set, language: str) -> int:
    try:
        ix = current_index(language)
    except IndexUnavailable:
        return 0
    docs = documents.documents_for(refs, language)
    # An item of another language is removed only from an index that holds it: the others are left
    # alone, with no write at all.
    absent = [key for key, doc in docs.items() if doc is None]
    if absent:
        with ix.searcher() as searcher:
            held = {key for key in absent if searcher.document_number(key=key) is not None}
        docs = {key: doc for key, doc in docs.items() if doc is not None or key in held}
    if not docs:
        return 0
    try:
        replace(docs, language)
    except (WriterBusy, IndexUnavailable):
        log.warning("search index busy or unavailable; the change will be picked up by catch-up")
        return 0
    return len(docs)
