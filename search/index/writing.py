"""Putting documents into the index: a whole new build, or changes to the build in use.

Incremental changes (after each commit, see search/signals.py) go into the build in use one writer at
a time: a process lock plus Whoosh's own file lock with a timeout, never AsyncWriter.
"""

import logging
from pathlib import Path

from django.conf import settings
from whoosh import index

from search import documents
from search.index.schema import utc_naive
from search.index.state import this_process
from search.index.storage import IndexUnavailable, create, current_index
from search.weights import MODALITY_BOOST

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
        "needs": ". ".join(doc["tags"]),
        "tags": ",".join(doc["tags"]),
        "tag_slugs": ",".join(doc["tag_slugs"]),
        "modalities": ",".join(doc["modalities"]),
        "explains": doc["modalities"][0] if doc["type"] == documents.MODALITY else "",
        "ref": doc["ref"],
        "shown": {
            "tags": list(zip(doc["tags"], doc["tag_slugs"], strict=True)),
            "modalities": doc["modalities"],
        },
        "published_at": utc_naive(doc["published_at"]),
        "updated_at": utc_naive(doc["updated_at"]),
        "last_reviewed": utc_naive(doc["last_reviewed"]),
        "spell": " ".join([doc["title"], doc["names"], doc["summary"], " ".join(doc["tags"]), doc["body"]]),
        "stamp": doc["stamp"],
        # A document boost: every field of an explainer counts more, with no per-document step when
        # ranking.
        "_boost": MODALITY_BOOST if doc["type"] == documents.MODALITY else 1.0,
    }


def write_build(build: Path, docs: list[dict], progress=None):
    """Fill the empty directory `build` with `docs`; `progress(done, total)` is called as they go in."""
    ix = create(build)
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


def write(apply) -> None:
    """Run apply(writer) on the build in use and commit: one writer at a time, across processes too.

    Raises WriterBusy when another process holds the writer for longer than SEARCH_WRITER_TIMEOUT
    seconds.
    """
    with this_process.lock:
        ix = current_index()
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
        this_process.reopen_searchers()


def replace(docs: dict[str, dict | None], gone=()) -> None:
    """Re-index each document by key (None removes it), and remove the keys in `gone`."""

    def apply(writer):
        for key in gone:
            writer.delete_by_term("key", key)
        for key, doc in docs.items():
            if doc is None:
                writer.delete_by_term("key", key)
            else:
                writer.update_document(**fields(doc))

    write(apply)


def update_items(refs) -> int:
    """Re-index or remove the given (kind, pk) items after a commit. Returns how many entries changed.

    Does nothing when there is no index yet: the next search or `rebuild_index` builds it whole.
    """
    refs = set(refs)
    if not refs:
        return 0
    try:
        current_index()
    except IndexUnavailable:
        return 0
    docs = documents.documents_for(refs)
    try:
        replace(docs)
    except (WriterBusy, IndexUnavailable):
        log.warning("search index busy or unavailable; the change will be picked up by catch-up")
        return 0
    return len(docs)
