"""Keeping the index in step with the database: whole rebuilds, catch-up, and repairs.

Each process remembers which content version its index reflects (meta.json keeps it on disk too). At
most every SEARCH_FRESHNESS_SECONDS it compares that with ContentVersion.current() and, when the
database moved on (another app server published something), catches up by re-indexing what changed.

A missing or unreadable index raises IndexUnavailable after starting a rebuild in a background thread;
the caller answers from the database meanwhile. Rebuilds take a lock file in the index directory, so
only one process on a server builds at a time; the others wait for it, then open what it built.
"""

import contextlib
import fcntl
import logging
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections

from editorial.models import ContentVersion
from search import documents
from search.index import storage
from search.index.schema import SCHEMA_VERSION
from search.index.state import this_process
from search.index.storage import IndexUnavailable
from search.index.writing import WriterBusy, replace, write_build

log = logging.getLogger(__name__)

REBUILD_LOCK = "rebuild.lock"
# Failed background rebuilds (database away, disk full) are retried no more often than this.
REBUILD_RETRY_SECONDS = 30


@dataclass
class RebuildReport:
    path: Path
    documents: int
    content_version: int
    seconds: float


@dataclass
class SyncReport:
    updated: int
    removed: int
    content_version: int


@contextlib.contextmanager
def _server_rebuild_lock(directory: Path):
    """One rebuild at a time on this server: an exclusive lock on a file that every process shares.

    The operating system releases it if the holder dies, so a crashed rebuild never blocks the next.
    """
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / REBUILD_LOCK).open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def rebuild(progress=None, *, only_if_unusable: bool = False) -> RebuildReport | None:
    """Build a complete index from the database in a fresh directory, then swap it in.

    `progress(done, total)` is called as documents are added. Safe while searches run: they keep
    using the old build until the pointer moves. With `only_if_unusable` (repairs), nothing is built
    when the index opens after waiting for the lock, because another process has just rebuilt it;
    then None is returned.
    """
    started = time.monotonic()
    directory = storage.root()
    with this_process.rebuild_lock, _server_rebuild_lock(directory):
        if only_if_unusable:
            with this_process.lock, contextlib.suppress(IndexUnavailable):
                storage.open_current()
                return None
        # Read the version before the data: anything committed later bumps it again and is caught up.
        version = ContentVersion.current()
        build = storage.new_build(directory)
        try:
            docs = list(documents.published_documents())
            write_build(build, docs, progress)
            storage.write_meta(build, version)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        with this_process.lock:
            storage.swap_to(build)
            this_process.checked_at = time.monotonic()
    return RebuildReport(build, len(docs), version, time.monotonic() - started)


def sync() -> SyncReport:
    """Catch up with the database: re-index every item whose stamp changed, drop what is gone.

    Stamps come from plain column values, so finding what changed costs a few queries; only the
    changed items are turned into documents.
    """
    version = ContentVersion.current()
    wanted = documents.current_stamps()
    with this_process.lock:
        ix = storage.current_index()
        with ix.searcher() as searcher:
            reader = searcher.reader()
            keys = reader.column_reader("key", translate=True)
            stamps = reader.column_reader("stamp", translate=True)
            indexed = {keys[docnum]: stamps[docnum] for docnum in reader.all_doc_ids()}
        changed = [key for key, stamp in wanted.items() if indexed.get(key) != stamp]
        gone = [key for key in indexed if key not in wanted]
        if changed or gone:
            # An item unpublished since the stamps were read comes back as None, and is removed.
            replace(documents.documents_for_keys(changed), gone)
        storage.write_meta(storage.root() / this_process.name, version)
    return SyncReport(len(changed), len(gone), version)


def _rebuild_in_background(reason: str):
    with this_process.lock:
        thread = this_process.rebuild_thread
        if thread is not None and thread.is_alive():
            return
        if time.monotonic() - this_process.rebuild_failed_at < REBUILD_RETRY_SECONDS:
            return
        log.warning("search index unavailable (%s); rebuilding it in the background", reason)
        thread = threading.Thread(target=_background_rebuild, name="search-rebuild", daemon=True)
        this_process.rebuild_thread = thread
        thread.start()


def _background_rebuild():
    try:
        report = rebuild(only_if_unusable=True)
        if report is None:
            log.info("search index repaired by another process; using its build")
        else:
            log.info("search index rebuilt in the background: %d documents", report.documents)
    except Exception:
        this_process.rebuild_failed_at = time.monotonic()
        log.exception("search index rebuild failed; searches use the database meanwhile")
    finally:
        # This thread's own database connection; the request threads keep theirs.
        connections.close_all()


def wait_for_rebuild(timeout: float = 30.0) -> bool:
    """Wait for a background rebuild to finish (for tests and the command line). True when none runs."""
    thread = this_process.rebuild_thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True


def unavailable(reason: str):
    """Close the broken index, start a rebuild and tell the caller to use the database meanwhile.

    Raises IndexUnavailable, except where rebuilds run in line (tests, single-threaded tools): then
    it returns once the fresh index is in use.
    """
    this_process.close()
    if settings.SEARCH_REBUILD_IN_BACKGROUND:
        _rebuild_in_background(reason)
        raise IndexUnavailable(reason)
    # Rebuilt in line, inside the caller's own transaction.
    log.warning("search index unavailable (%s); rebuilding it now", reason)
    rebuild()


def ensure_ready():
    """Open the index, then at most every SEARCH_FRESHNESS_SECONDS make sure it is current."""
    directory = storage.root()
    if this_process.ix is None or this_process.root != directory:
        try:
            with this_process.lock:
                if this_process.root is not None and this_process.root != directory:
                    this_process.forget()  # SEARCH_INDEX_DIR changed (tests): forget the old index
                if this_process.ix is None:
                    storage.open_current()
        except IndexUnavailable as exc:
            unavailable(str(exc))
    now = time.monotonic()
    if now - this_process.checked_at < settings.SEARCH_FRESHNESS_SECONDS:
        return
    if not this_process.check_lock.acquire(blocking=False):
        return  # another thread is checking; this search uses the index as it is
    try:
        this_process.checked_at = now
        _check_freshness()
    finally:
        this_process.check_lock.release()


def _check_freshness():
    directory = storage.root()
    name = storage.read_pointer(directory)
    if name is None or not (directory / name).is_dir():
        unavailable("the index directory is missing")
        return
    try:
        with this_process.lock:
            if name != this_process.name or this_process.ix is None:
                storage.open_current()  # another process swapped in a new build
            elif this_process.ix.latest_generation() != this_process.disk_generation:
                this_process.reopen_searchers()  # another process committed to this build
    except IndexUnavailable as exc:
        unavailable(str(exc))
        return
    meta = storage.read_meta(directory / name)
    if meta.get("schema") != SCHEMA_VERSION:
        unavailable("the index metadata is missing, damaged or outdated")
        return
    try:
        if meta.get("content_version") != ContentVersion.current():
            sync()
    except WriterBusy:
        log.warning("search index writer busy; catch-up retries at the next check")
    except DatabaseError as exc:
        # The database is having a moment: keep answering from the index as it is.
        log.warning("search catch-up could not read the database (%s)", type(exc).__name__)
        close_old_connections()
