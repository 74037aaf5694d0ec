"""Everything Whoosh: the schema, where the index lives, the single writer, rebuilds, catch-up and queries.

No other module imports whoosh, so the engine can be replaced by rewriting this file alone.

On disk, `settings.SEARCH_INDEX_DIR` holds one or more complete builds and a pointer file naming the one
in use::

    var/search/CURRENT                 "build-20260101T120000-4242-a1b2c3"
    var/search/build-.../              Whoosh files, plus meta.json {"content_version": 17, "schema": 1}

`rebuild()` writes a fresh build and swaps the pointer atomically (os.replace), so readers never see a
half-built index. Incremental changes (after each commit, see search/signals.py) go into the build in
use, one writer at a time: a process lock plus Whoosh's own file lock with a timeout, never AsyncWriter.

Each process remembers which content version its index reflects (meta.json keeps it on disk too). At
most every SEARCH_FRESHNESS_SECONDS it compares that with ContentVersion.current() and, when the database
moved on (another app server published something), catches up by re-indexing what changed.

A missing or unreadable index raises IndexUnavailable after starting a rebuild in a background thread;
the caller answers from the database meanwhile. Rebuilds take a lock file in the index directory, so
only one process on a server builds at a time; the others wait for it, then open what it built.
Nothing here logs what anyone searched for.
"""

import contextlib
import datetime
import fcntl
import functools
import itertools
import json
import logging
import os
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from whoosh import index, scoring
from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.qparser import MultifieldPlugin, OrGroup, PhrasePlugin, QueryParser
from whoosh.query import And, NullQuery, Or, Term
from whoosh.support import levenshtein

from editorial.models import ContentVersion
from search import documents
from search.plan import QueryPlan
from search.relevance import listing
from search.results import ELLIPSIS, Result, SearchResults, Snippet
from search.synonyms import synonym_map
from search.text import STOP_WORDS, words

log = logging.getLogger(__name__)

# Bump when the schema or the analysers change: older builds are then rebuilt, never misread.
SCHEMA_VERSION = 2
POINTER = "CURRENT"
META = "meta.json"
REBUILD_LOCK = "rebuild.lock"
BUILD_PREFIX = "build-"

# How much each field counts when a word matches it. Tags ("needs") and titles say what an item is
# about; the body only that it mentions something.
FIELD_BOOSTS = {"title": 3.0, "needs": 3.0, "names": 2.0, "summary": 2.0, "body": 1.0}
# A word from the synonym map: the item is filed under that need, is that therapy's explainer, or
# is an article linked to that therapy.
NEED_BOOST = 4.0
THERAPY_BOOST = 3.0
THERAPY_LINK_BOOST = 1.5
# A correction of a misspelt word counts a little less than a word typed correctly.
CORRECTION_BOOST = 0.8
# Explainers are the site's main answer: one about the need outranks an article that mentions it.
# Applied to every field of an explainer when it is indexed (a document boost): no per-document
# step is needed when ranking.
MODALITY_BOOST = 1.5

# Pruning of words that are everywhere (see _without_common_terms): from this many documents, a term
# in more than this share of a field's documents is left out where the word counts elsewhere.
COMMON_MIN_DOCS = 1000
COMMON_SHARE = 0.2
# Besides the words typed, only the link to a therapy is pruned this way; the needs found by the
# synonym map and the explainers themselves always count.
PRUNABLE_FIELDS = {"modalities"}
# A word found in the text of at least this share of all items ("therapy" on a site about therapy)
# tells nothing about what the reader needs: when the query says anything else, it is not searched.
EVERYWHERE_SHARE = 0.75

# Failed background rebuilds (database away, disk full) are retried no more often than this.
REBUILD_RETRY_SECONDS = 30

_STEM = StemmingAnalyzer(stoplist=STOP_WORDS, minsize=2)
_PLAIN = StandardAnalyzer(stoplist=STOP_WORDS, minsize=2)

SCHEMA = Schema(
    key=ID(unique=True, stored=True, sortable=True),
    type=ID(stored=True),
    url=STORED,
    title=TEXT(analyzer=_STEM, stored=True),
    names=TEXT(analyzer=_STEM),
    summary=TEXT(analyzer=_STEM, stored=True),
    body=TEXT(analyzer=_STEM, stored=True),
    needs=TEXT(analyzer=_STEM),
    tags=KEYWORD(commas=True, lowercase=True, scorable=True),
    tag_slugs=KEYWORD(commas=True),
    modalities=KEYWORD(commas=True, scorable=True),
    explains=ID(),  # a modality explainer's own slug; empty on articles
    ref=ID(),  # "article:<slug>", "modality:<slug>": how search/crisis.yaml names what results begin with
    # What a result shows: [(tag name, tag slug), ...] and modality slugs, kept as Python lists.
    shown=STORED,
    published_at=DATETIME(stored=True, sortable=True),
    updated_at=DATETIME(stored=True),
    last_reviewed=DATETIME(stored=True),
    # Unstemmed words of every text field: "did you mean" suggests real words from here.
    spell=TEXT(analyzer=_PLAIN, phrase=False),
    stamp=ID(sortable=True),
)
TEXT_FIELDS = tuple(FIELD_BOOSTS)


class IndexUnavailable(Exception):
    """The index is missing, outdated or unreadable; a rebuild has been started."""


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


# --- process state --------------------------------------------------------------------------------


class _State:
    """What this process knows about its index. Guarded by `lock`; read without it on the fast path."""

    def __init__(self):
        self.lock = threading.RLock()  # opening, swapping and writing: one at a time in this process
        self.check_lock = threading.Lock()  # one freshness check (and catch-up) at a time
        self.rebuild_lock = threading.Lock()  # one rebuild at a time in this process
        self.root: Path | None = None
        self.ix = None
        self.name: str | None = None
        self.generation = 0  # changes whenever searchers must reopen
        self.disk_generation = -1  # the Whoosh generation (commit count) the searchers will see
        self.checked_at = float("-inf")
        self.rebuild_thread: threading.Thread | None = None
        self.rebuild_failed_at = float("-inf")


_state = _State()
_generations = itertools.count(1)


def _root() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def _next_generation():
    """Make every thread reopen its searcher on its next search."""
    _state.generation = next(_generations)
    _state.disk_generation = _state.ix.latest_generation() if _state.ix is not None else -1


def reset():
    """Forget the open index (tests point SEARCH_INDEX_DIR elsewhere; the next search reopens)."""
    with _state.lock:
        if _state.ix is not None:
            _state.ix.close()
        _state.ix = None
        _state.name = None
        _state.root = None
        _state.checked_at = float("-inf")
        _state.rebuild_failed_at = float("-inf")
        _next_generation()


# --- files on disk --------------------------------------------------------------------------------


def _read_pointer(root: Path) -> str | None:
    try:
        name = (root / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    # Only ever a build directory name inside root, whatever the file says.
    return name if name.startswith(BUILD_PREFIX) and "/" not in name and "\\" not in name else None


def _read_meta(build: Path) -> dict:
    try:
        meta = json.loads((build / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _write_atomically(path: Path, text: str):
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _write_meta(build: Path, content_version: int):
    meta = {"schema": SCHEMA_VERSION, "content_version": content_version, "written_at": time.time()}
    _write_atomically(build / META, json.dumps(meta))


def _remove_old_builds(root: Path, keep: set[str]):
    """Delete builds no process should still be reading: all but the current and the one it replaced.

    Unfinished builds (no meta.json) are left alone for an hour, in case another process is writing one.
    """
    for path in root.glob(f"{BUILD_PREFIX}*"):
        if path.name in keep or not path.is_dir():
            continue
        finished = (path / META).exists()
        if finished or time.time() - path.stat().st_mtime > 3600:
            shutil.rmtree(path, ignore_errors=True)


# --- opening --------------------------------------------------------------------------------------


def _open_current():
    """Open the build the pointer names, or raise IndexUnavailable. Call with _state.lock held."""
    root = _root()
    name = _read_pointer(root)
    if name is None:
        raise IndexUnavailable("no index has been built")
    build = root / name
    meta = _read_meta(build)
    if meta.get("schema") != SCHEMA_VERSION:
        raise IndexUnavailable("the index was built for another schema")
    try:
        ix = index.open_dir(str(build), schema=SCHEMA)
        ix.doc_count()  # reads the table of contents: fails here if files are damaged
    except Exception as exc:
        raise IndexUnavailable(f"the index cannot be opened ({type(exc).__name__})") from exc
    if _state.ix is not None:
        _state.ix.close()
    _state.ix, _state.name, _state.root = ix, name, root
    _next_generation()
    return ix


def _current_ix():
    """The open index for the build in use now (another process may have swapped in a new one)."""
    with _state.lock:
        root = _root()
        if _state.ix is None or _state.root != root or _read_pointer(root) != _state.name:
            return _open_current()
        return _state.ix


class _Reader:
    """A searcher, and the scheduled items it must hide until their time comes.

    Whoosh searchers are not shared between threads: each search borrows one from the pool and gives
    it back, so a searcher is reused across requests (and across threads) but never used by two at once.
    """

    def __init__(self, ix, generation: int):
        self.generation = generation
        self.searcher = ix.searcher(weighting=_BM25FWithLengthLists())
        reader = self.searcher.reader()
        published = reader.column_reader("published_at", translate=True)
        opened = _utc_naive(timezone.now())
        # Scheduled items are few; keeping them here spares every search a date-range query.
        self.scheduled = [
            (published[docnum], docnum) for docnum in reader.all_doc_ids() if published[docnum] > opened
        ]
        # How each word a reader typed was corrected (see _word_correction). Queries differ, words
        # repeat: this spares most searches the walk through the word list. Valid for one set of
        # hidden items, and bounded.
        self.corrections: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self.corrections_hidden: frozenset[int] = frozenset()

    def hidden(self) -> set[int]:
        """Documents whose publication time has not come yet."""
        now = _utc_naive(timezone.now())
        return {docnum for when, docnum in self.scheduled if when > now}

    def close(self):
        self.searcher.close()


class _BM25FWithLengthLists(scoring.BM25F):
    """Whoosh's BM25F, reading field lengths from a list made once per reader.

    Ranking needs the length of the field for every matching document; read from the index files
    one by one, that was a fifth of the time of a search. One instance per searcher.
    """

    def __init__(self):
        super().__init__()
        self._lengths: dict[tuple[int, str], list[int]] = {}

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.BM25FScorer):
            reader = searcher.reader()  # one segment's reader: document numbers are its own
            key = (id(reader), fieldname)
            if key not in self._lengths:
                self._lengths[key] = [
                    reader.doc_field_length(docnum, fieldname, 1) for docnum in range(reader.doc_count_all())
                ]
            scorer.dfl = self._lengths[key].__getitem__
        return scorer


_pool: list[_Reader] = []
_pool_lock = threading.Lock()
POOL_SIZE = 8  # idle searchers kept; more threads than this open their own and close it after


@contextlib.contextmanager
def _borrowed_reader():
    """A reader on the current generation of the index, for the length of one search."""
    generation, ix = _state.generation, _state.ix
    if ix is None:
        raise IndexUnavailable("the index is not open")
    reader = None
    with _pool_lock:
        while _pool:
            candidate = _pool.pop()
            if candidate.generation == generation:
                reader = candidate
                break
            candidate.close()
    if reader is None:
        reader = _Reader(ix, generation)
    try:
        yield reader
    finally:
        with _pool_lock:
            keep = reader.generation == _state.generation and len(_pool) < POOL_SIZE
            if keep:
                _pool.append(reader)
        if not keep:
            reader.close()


def _utc_naive(value: datetime.datetime | None) -> datetime.datetime | None:
    """Whoosh drops time zones, so every date goes in (and is compared) as UTC wall-clock time."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(datetime.UTC)
    return value.replace(tzinfo=None)


# --- writing --------------------------------------------------------------------------------------


def _fields(doc: dict) -> dict:
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
        "published_at": _utc_naive(doc["published_at"]),
        "updated_at": _utc_naive(doc["updated_at"]),
        "last_reviewed": _utc_naive(doc["last_reviewed"]),
        "spell": " ".join([doc["title"], doc["names"], doc["summary"], " ".join(doc["tags"]), doc["body"]]),
        "stamp": doc["stamp"],
        "_boost": MODALITY_BOOST if doc["type"] == documents.MODALITY else 1.0,
    }


def _write(apply) -> None:
    """Run apply(writer) on the build in use and commit: one writer at a time, across processes too.

    Raises index.LockError (via WriterBusy) when another process holds the writer for longer than
    SEARCH_WRITER_TIMEOUT seconds.
    """
    with _state.lock:
        ix = _current_ix()
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
        _next_generation()


class WriterBusy(Exception):
    """Another process kept the index writer for longer than the timeout; catch-up will retry."""


def update_items(refs) -> int:
    """Re-index or remove the given (kind, pk) items after a commit. Returns how many entries changed.

    Does nothing when there is no index yet: the next search or `rebuild_index` builds it whole.
    """
    refs = set(refs)
    if not refs:
        return 0
    try:
        _current_ix()
    except IndexUnavailable:
        return 0
    docs = documents.documents_for(refs)

    def apply(writer):
        for key, doc in docs.items():
            if doc is None:
                writer.delete_by_term("key", key)
            else:
                writer.update_document(**_fields(doc))

    try:
        _write(apply)
    except (WriterBusy, IndexUnavailable):
        log.warning("search index busy or unavailable; the change will be picked up by catch-up")
        return 0
    return len(docs)


@contextlib.contextmanager
def _server_rebuild_lock(root: Path):
    """One rebuild at a time on this server: an exclusive lock on a file that every process shares.

    The operating system releases it if the holder dies, so a crashed rebuild never blocks the next.
    """
    root.mkdir(parents=True, exist_ok=True)
    with (root / REBUILD_LOCK).open("a") as handle:
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
    root = _root()
    with _state.rebuild_lock, _server_rebuild_lock(root):
        if only_if_unusable:
            with _state.lock, contextlib.suppress(IndexUnavailable):
                _open_current()
                return None
        # Read the version before the data: anything committed later bumps it again and is caught up.
        version = ContentVersion.current()
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S")
        build = root / f"{BUILD_PREFIX}{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
        build.mkdir()
        try:
            ix = index.create_in(str(build), SCHEMA)
            docs = list(documents.published_documents())
            writer = ix.writer(limitmb=128)
            try:
                for done, doc in enumerate(docs, start=1):
                    writer.add_document(**_fields(doc))
                    if progress and (done % 500 == 0 or done == len(docs)):
                        progress(done, len(docs))
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            ix.close()
            _write_meta(build, version)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        with _state.lock:
            previous = _read_pointer(root)
            _write_atomically(root / POINTER, build.name)
            _remove_old_builds(root, keep={build.name, previous or ""})
            _open_current()
            _state.checked_at = time.monotonic()
    return RebuildReport(build, len(docs), version, time.monotonic() - started)


def sync() -> SyncReport:
    """Catch up with the database: re-index every item whose stamp changed, drop what is gone.

    Stamps come from plain column values, so finding what changed costs a few queries; only the
    changed items are turned into documents.
    """
    version = ContentVersion.current()
    wanted = documents.current_stamps()
    with _state.lock:
        ix = _current_ix()
        with ix.searcher() as searcher:
            reader = searcher.reader()
            keys = reader.column_reader("key", translate=True)
            stamps = reader.column_reader("stamp", translate=True)
            indexed = {keys[docnum]: stamps[docnum] for docnum in reader.all_doc_ids()}
        changed = [key for key, stamp in wanted.items() if indexed.get(key) != stamp]
        gone = [key for key in indexed if key not in wanted]
        if changed or gone:
            docs = documents.documents_for_keys(changed)

            def apply(writer):
                for key in gone:
                    writer.delete_by_term("key", key)
                for key, doc in docs.items():
                    if doc is None:  # unpublished since the stamps were read
                        writer.delete_by_term("key", key)
                    else:
                        writer.update_document(**_fields(doc))

            _write(apply)
        _write_meta(_root() / _state.name, version)
    return SyncReport(len(changed), len(gone), version)


# --- staying fresh, and repairing ----------------------------------------------------------------


def _rebuild_in_background(reason: str):
    with _state.lock:
        thread = _state.rebuild_thread
        if thread is not None and thread.is_alive():
            return
        if time.monotonic() - _state.rebuild_failed_at < REBUILD_RETRY_SECONDS:
            return
        log.warning("search index unavailable (%s); rebuilding it in the background", reason)
        thread = threading.Thread(target=_background_rebuild, name="search-rebuild", daemon=True)
        _state.rebuild_thread = thread
        thread.start()


def _background_rebuild():
    try:
        report = rebuild(only_if_unusable=True)
        if report is None:
            log.info("search index repaired by another process; using its build")
        else:
            log.info("search index rebuilt in the background: %d documents", report.documents)
    except Exception:
        _state.rebuild_failed_at = time.monotonic()
        log.exception("search index rebuild failed; searches use the database meanwhile")
    finally:
        # This thread's own database connection; the request threads keep theirs.
        connections.close_all()


def wait_for_rebuild(timeout: float = 30.0) -> bool:
    """Wait for a background rebuild to finish (for tests and the command line). True when none runs."""
    thread = _state.rebuild_thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True


def _unavailable(reason: str):
    """Close the broken index, start a rebuild and tell the caller to use the database meanwhile."""
    with _state.lock:
        if _state.ix is not None:
            _state.ix.close()
        _state.ix = None
        _state.name = None
        _next_generation()
    if settings.SEARCH_REBUILD_IN_BACKGROUND:
        _rebuild_in_background(reason)
        raise IndexUnavailable(reason)
    # Tests (and single-threaded tools) rebuild in line, inside the caller's own transaction.
    log.warning("search index unavailable (%s); rebuilding it now", reason)
    rebuild()


def _ensure_ready():
    """Open the index, then at most every SEARCH_FRESHNESS_SECONDS make sure it is current."""
    root = _root()
    if _state.ix is None or _state.root != root:
        try:
            with _state.lock:
                if _state.root is not None and _state.root != root:
                    reset()  # SEARCH_INDEX_DIR changed (tests): forget the old index
                if _state.ix is None:
                    _open_current()
        except IndexUnavailable as exc:
            _unavailable(str(exc))
    now = time.monotonic()
    if now - _state.checked_at < settings.SEARCH_FRESHNESS_SECONDS:
        return
    if not _state.check_lock.acquire(blocking=False):
        return  # another thread is checking; this search uses the index as it is
    try:
        _state.checked_at = now
        _check_freshness()
    finally:
        _state.check_lock.release()


def _check_freshness():
    root = _root()
    name = _read_pointer(root)
    if name is None or not (root / name).is_dir():
        _unavailable("the index directory is missing")
        return
    try:
        with _state.lock:
            if name != _state.name or _state.ix is None:
                _open_current()  # another process swapped in a new build
            elif _state.ix.latest_generation() != _state.disk_generation:
                _next_generation()  # another process committed to this build
    except IndexUnavailable as exc:
        _unavailable(str(exc))
        return
    meta = _read_meta(root / name)
    if meta.get("schema") != SCHEMA_VERSION:
        _unavailable("the index metadata is missing, damaged or outdated")
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


# --- querying -------------------------------------------------------------------------------------

_PARSER = QueryParser(
    None,
    SCHEMA,
    # Words and "quoted phrases" only. Field names, wildcards, ranges, boosts and AND/OR/NOT are read
    # as ordinary words: people in distress do not write query syntax, and `*` must not match everything.
    plugins=[PhrasePlugin(), MultifieldPlugin(list(FIELD_BOOSTS), fieldboosts=FIELD_BOOSTS)],
    group=OrGroup,
)
SNIPPET_CHARS = 220  # about two lines on a phone
SNIPPET_LEAD = 70  # context kept before the first matched word
SNIPPET_SCAN_CHARS = 20000  # matches further into a long text are not worth the time
SNIPPET_MAX_MATCHES = 64  # enough to find a good window; a common word would otherwise cost a lot


def _analysed(fieldname: str, text: str) -> list[str]:
    return list(SCHEMA[fieldname].process_text(text, mode="query"))


def _plain_words_query(terms, boost: float = 1.0):
    """Each word in any text field (OR), with the field boosts; what a query means without syntax."""
    clauses = [
        Term(fieldname, stem, boost=fieldboost * boost)
        for word in terms
        for stem in _stems(word)
        for fieldname, fieldboost in FIELD_BOOSTS.items()
    ]
    return Or(clauses) if clauses else NullQuery


def _parser_input(plan: QueryPlan) -> str:
    """The quoted phrases of the query, plus its meaningful words."""
    phrases = [part for i, part in enumerate(plan.text.split('"')) if i % 2 and part.strip()]
    if plan.text.count('"') % 2:
        phrases = phrases[:-1]  # an unclosed quote is not a phrase
    quoted = " ".join(f'"{" ".join(words(phrase))}"' for phrase in phrases if words(phrase))
    return f"{quoted} {' '.join(plan.words)}".strip()


def _typed_query(plan: QueryPlan):
    """What the reader typed as a query: quoted phrases through Whoosh's parser, or plain words."""
    if '"' not in plan.text:
        return _plain_words_query(plan.words)  # what the parser would make, without its cost
    try:
        return _PARSER.parse(_parser_input(plan))
    except Exception:
        # The parser rejected it: search the same words without any syntax.
        return _plain_words_query(plan.words)


def _without_common_terms(query, reader, needs: tuple[str, ...] = ()):
    """Drop the terms that cannot tell documents apart, repeat another, or match nothing.

    On a big index, a term found in a large share of documents (say "therapy" in bodies, or the link
    to a popular therapy) adds almost the same score to every document, yet scoring it is most of the
    work. A word typed by the reader keeps at least its most selective field, so it always counts.
    Small indexes (under COMMON_MIN_DOCS) keep every such term: they are fast anyway.

    A word of a need the synonym map found ("sleep" in *trouble sleeping*) is not also matched in the
    needs field: the need itself is searched, and would otherwise count twice on the same documents.
    """
    subqueries = query.subqueries if isinstance(query, Or) else [query]
    big = reader.doc_count() >= COMMON_MIN_DOCS
    limit = COMMON_SHARE * reader.doc_count()
    found_needs = {stem for need in needs for stem in _stems(need)}
    by_word: dict[str, list] = {}
    kept = []
    for sub in subqueries:
        if isinstance(sub, Term) and sub.fieldname == "needs" and sub.text in found_needs:
            continue
        if isinstance(sub, Term) and sub.fieldname in FIELD_BOOSTS:
            by_word.setdefault(sub.text, []).append(sub)
        elif isinstance(sub, Term) and sub.fieldname in PRUNABLE_FIELDS:
            frequency = reader.doc_frequency(sub.fieldname, sub.text)
            if frequency and not (big and frequency > limit):
                kept.append(sub)
        else:
            kept.append(sub)
    everywhere_from = EVERYWHERE_SHARE * reader.doc_count()
    everywhere = {word for word in by_word if reader.doc_frequency("body", word) >= everywhere_from}
    if len(everywhere) < len(by_word) or needs or any(isinstance(sub, Term) for sub in kept):
        by_word = {word: terms for word, terms in by_word.items() if word not in everywhere}
    for terms in by_word.values():
        found = [(reader.doc_frequency(t.fieldname, t.text), t) for t in terms]
        found = [(frequency, t) for frequency, t in found if frequency]
        if found and big:
            found = [(f, t) for f, t in found if f <= limit] or [min(found, key=lambda pair: pair[0])]
        kept.extend(t for _frequency, t in found)
    if not kept:
        return NullQuery
    combined = Or(kept).normalize()
    if isinstance(combined, Or):
        # Score each matching document once into an array, rather than through a tree of union
        # matchers: far less Python per document for the flat, many-term queries built here.
        combined.matcher_type = Or.ARRAY_MATCHER
    return combined


def _stem_known(reader, word: str) -> bool:
    """The index holds this word's stem: searching it already finds something."""
    return any(("body", stem) in reader or ("title", stem) in reader for stem in _analysed("body", word))


def _forms(word: str) -> set[str]:
    """Regular variants of a word, so "nightmare" is known when the site says "nightmares", and
    "traumatized" when it says "traumatised"."""
    suffixes = ("s", "es", "ed", "d", "ing", "ly", "r", "er", "rs", "ers")
    forms = {word + suffix for suffix in suffixes}
    for suffix in suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            forms.add(word[: -len(suffix)])
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    if word.endswith("ing"):
        forms.add(word[:-3] + "e")
    # American and British spellings.
    forms.update({word.replace("iz", "is"), word.replace("is", "iz"), word.replace("our", "or")})
    forms.add(word.replace("or", "our"))
    forms.discard(word)
    return forms


def _visible(reader, word: str, hidden: set[int]) -> bool:
    """An item a reader may see now uses this word.

    The word list of the index also keeps the words of items removed since (unpublished, deleted)
    until its files are merged, and holds those of scheduled items: neither may be suggested.
    """
    if ("spell", word) not in reader:
        return False
    postings = reader.postings("spell", word)  # leaves out removed items
    while postings.is_active():
        if postings.id() not in hidden:
            return True
        postings.next()
    return False


def _is_real_word(reader, word: str, hidden: set[int]) -> bool:
    """The site uses this word, or a plain variant of it, in what readers can see."""
    return any(_visible(reader, form, hidden) for form in (word, *_forms(word)))


def _nearest(reader, word: str, hidden: set[int]) -> list[tuple[int, str]]:
    """(edit distance, word) for the closest words the site uses or the synonym map knows, best first.

    Words of the synonym map that no visible item uses come last: they are searched, never suggested.
    """
    maxdist = 2 if len(word) >= 7 else 1
    candidates: dict[str, tuple[int, int]] = {}
    for candidate in reader.terms_within("spell", word, maxdist, prefix=1):
        if not _visible(reader, candidate, hidden):
            continue
        frequency = reader.frequency("spell", candidate)
        candidates[candidate] = (levenshtein.distance(word, candidate), -frequency)
    for candidate in synonym_map().words:
        if (
            candidate[:1] == word[:1]
            and candidate not in candidates
            and abs(len(candidate) - len(word)) <= maxdist
        ):
            dist = levenshtein.distance(word, candidate, limit=maxdist + 1)
            if dist <= maxdist:
                candidates[candidate] = (dist, 0)
    ranked = sorted(candidates.items(), key=lambda item: item[1])
    return [(dist, candidate) for candidate, (dist, _freq) in ranked]


@dataclass
class _Corrections:
    words: list[str]  # extra words to search: corrections of misspellings, joined split words
    suggestion: str  # the whole query with corrections, for "did you mean"


CORRECTIONS_KEPT = 20000  # words whose correction a reader remembers


def _word_correction(reader, word: str, hidden: set[int]) -> tuple[str | None, tuple[str, ...]]:
    """(the word to suggest instead, or None; extra words to search) for one typed word."""
    if _is_real_word(reader, word, hidden):
        return None, ()
    nearest = _nearest(reader, word, hidden)
    suggestible = [pair for pair in nearest if _is_real_word(reader, pair[1], hidden)]
    if _stem_known(reader, word):
        # Search already finds its stem ("nightmars" ~ "nightmare"): only suggest a near-certain fix.
        suggestible = [(dist, candidate) for dist, candidate in suggestible if dist == 1]
        return (suggestible[0][1] if suggestible else None), ()
    return (suggestible[0][1] if suggestible else None), tuple(candidate for _dist, candidate in nearest[:2])


def _corrections(borrowed: _Reader, plan: QueryPlan, hidden: set[int]) -> _Corrections:
    """Typo tolerance: a word the site never uses is also searched as the nearest words it does use.

    Nearest words come from the index's own vocabulary and from the synonym map ("lonley" -> "lonely").
    "Did you mean" only ever offers words of items a reader can see now.
    """
    reader = borrowed.searcher.reader()
    if borrowed.corrections_hidden != hidden or len(borrowed.corrections) > CORRECTIONS_KEPT:
        borrowed.corrections = {}
        borrowed.corrections_hidden = frozenset(hidden)
    covered = {plan.tokens[i] for i in plan.expansion.covered}
    extra: list[str] = []
    replacements: dict[str, str] = {}
    for first, second in itertools.pairwise(plan.tokens):
        joined = first + second
        # "flash backs" -> "flashbacks", "night mares" -> "nightmares"
        if len(joined) >= 6 and _visible(reader, joined, hidden):
            extra.append(joined)
            if not (_is_real_word(reader, first, hidden) and _is_real_word(reader, second, hidden)):
                replacements[f"{first} {second}"] = joined
    joined_parts = {part for pair in replacements for part in pair.split()}
    for word in plan.words:
        if word in covered or word in joined_parts or len(word) < 4 or not word.isalpha():
            continue
        correction = borrowed.corrections.get(word)
        if correction is None:
            correction = borrowed.corrections[word] = _word_correction(reader, word, hidden)
        suggested, also = correction
        if suggested:
            replacements[word] = suggested
        extra.extend(also)
    return _Corrections(extra, _suggestion(plan.text, replacements))


def _suggestion(text: str, replacements: dict[str, str]) -> str:
    """The reader's own query with the misspelt words replaced, or "" when nothing changed."""
    corrected = text
    for wrong, right in replacements.items():
        pattern = r"\b" + r"[\W_]+".join(map(re.escape, wrong.split())) + r"\b"
        corrected = re.sub(pattern, lambda _match, right=right: right, corrected, flags=re.IGNORECASE)
    return corrected if corrected != text else ""


def _filter(kind: str | None, tag: str | None):
    parts = []
    if kind:
        parts.append(Term("type", kind))
    if tag:
        parts.append(Term("tag_slugs", tag))
    return And(parts) if parts else None


def _highlight_terms(query, needs) -> frozenset[str]:
    """The stemmed words to mark in snippets: what was searched, plus the words of matched needs."""
    terms = {text for fieldname, text in query.iter_all_terms() if fieldname in TEXT_FIELDS}
    for need in needs:
        terms.update(_analysed("needs", need))
    return frozenset(t.decode() if isinstance(t, bytes) else t for t in terms)


@functools.lru_cache(maxsize=20000)
def _stems(word: str) -> tuple[str, ...]:
    return tuple(_analysed("body", word))


_WORD_REST = re.compile(r"\w*")


@functools.lru_cache(maxsize=256)
def _candidate_prefixes(terms: frozenset[str]) -> tuple[str, ...]:
    # Stems are (nearly) prefixes of the words they come from: "nightmar" finds "nightmares",
    # "memori" (less its last letter) finds "memory". Each candidate is then checked by stemming it.
    return tuple(sorted({term[:-1] if len(term) > 4 else term for term in terms}))


def _candidates(text: str, prefixes: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) of each word of `text` (already lower case) that begins with one of the prefixes.

    str.find runs through the text in C, far faster than a pattern with many alternatives.
    """
    found = {}
    for prefix in prefixes:
        start = text.find(prefix)
        while start != -1:
            if start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_"):
                found.setdefault(start, _WORD_REST.match(text, start + len(prefix)).end())
            start = text.find(prefix, start + 1)
    return sorted(found.items())


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, stem) of every word in `text` whose stem was searched for."""
    scanned = text[:SNIPPET_SCAN_CHARS]
    lowered = scanned.lower()
    if len(lowered) != len(scanned):
        # A character whose lower case is longer ("İ") would shift every offset after it.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in scanned)
    found = []
    for start, end in _candidates(lowered, _candidate_prefixes(terms)):
        stems = _stems(lowered[start:end])
        if stems and stems[0] in terms:
            found.append((start, end, stems[0]))
            if len(found) == SNIPPET_MAX_MATCHES:
                break
    return found


def _snippet(text: str, terms: frozenset[str]) -> Snippet | None:
    """About SNIPPET_CHARS of `text` where the most different searched words meet, as (text, matched) pieces.

    Written for speed rather than with Whoosh's highlighter, which re-analyses the whole text.
    """
    if not text or not terms:
        return None
    matches = _matches(text, terms)
    if not matches:
        return None
    best, best_count = 0, 0
    for i, (start, _end, _stem) in enumerate(matches):
        limit = start + SNIPPET_CHARS - SNIPPET_LEAD
        count = len({stem for s, e, stem in matches[i:] if e <= limit})
        if count > best_count:
            best, best_count = i, count
    start = max(0, matches[best][0] - SNIPPET_LEAD)
    if start > 0:
        # Begin at a word boundary rather than in the middle of a word.
        space = text.find(" ", start, matches[best][0])
        start = space + 1 if space != -1 else matches[best][0]
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > matches[best][1] else end
    pieces: list[tuple[str, bool]] = [(ELLIPSIS, False)] if start > 0 else []
    position = start
    for match_start, match_end, _stem in matches[best:]:
        if match_end > end:
            break
        if match_start > position:
            pieces.append((text[position:match_start], False))
        pieces.append((text[match_start:match_end], True))
        position = match_end
    pieces.append((text[position:end], False))
    if end < len(text):
        pieces.append((ELLIPSIS, False))
    return Snippet(tuple(piece for piece in pieces if piece[0]))


def _result(fields: dict, terms: frozenset[str], needs: tuple[str, ...]) -> Result:
    snippet = (
        _snippet(fields.get("body", ""), terms)
        or _snippet(fields.get("summary", ""), terms)
        or Snippet.plain(fields.get("summary", ""))
    )

    shown = fields.get("shown") or {}
    # The needs this search was about come first, so a short list shows why the result is here.
    tags = sorted(shown.get("tags", []), key=lambda pair: pair[0] not in needs)
    return Result(
        title=fields["title"],
        url=fields["url"],
        type=fields["type"],
        modalities=tuple(shown.get("modalities", ())),
        tags=tuple(name for name, _slug in tags),
        tag_slugs=tuple(slug for _name, slug in tags),
        snippet=snippet,
    )


def search(
    plan: QueryPlan, *, kind=None, tag=None, page: int = 1, per_page: int = 10, lead=(), everything=False
) -> SearchResults:
    """Rank published items for a query plan; the one ranking the page and the JSON API both show.

    `lead` names items ("article:<slug>") that come first whatever they score; `everything` lists the
    matches under the relevance floor too (search/relevance.py). Raises IndexUnavailable when the
    index cannot answer (a rebuild is then under way).
    """
    options = dict(kind=kind, tag=tag, page=page, per_page=per_page, lead=lead, everything=everything)
    try:
        _ensure_ready()
        return _search(plan, **options)
    except IndexUnavailable:
        raise
    except Exception as exc:
        # A damaged file or a reader closed under us: rebuild, and let the database answer meanwhile.
        log.warning("search index read failed (%s); rebuilding", type(exc).__name__)
        _unavailable(type(exc).__name__)
    # Only reached when rebuilding in line (tests, tools): the fresh index answers.
    return _search(plan, **options)


def _search(plan, **options) -> SearchResults:
    with _borrowed_reader() as reader:
        return _ranked(reader, plan, **options)


def _lead_documents(searcher, lead, restrict, hidden: set[int]) -> list[int]:
    """Document numbers of the lead items that are published, visible and pass the filters, in order."""
    allowed = set(searcher.docs_for_query(restrict)) if restrict is not None else None
    found = []
    for ref in lead:
        docnum = searcher.document_number(ref=ref)
        if docnum is not None and docnum not in hidden and (allowed is None or docnum in allowed):
            found.append(docnum)
    return found


def _ranked(reader: _Reader, plan, *, kind, tag, page, per_page, lead, everything) -> SearchResults:
    searcher = reader.searcher
    hidden = reader.hidden()
    corrections = _corrections(reader, plan, hidden)
    expansion = plan.expansion
    if corrections.words:
        corrected = synonym_map().expand(list(plan.tokens) + corrections.words)
        needs = tuple(dict.fromkeys(expansion.needs + corrected.needs))
        therapies = tuple(dict.fromkeys(expansion.therapies + corrected.therapies))
        also = tuple(dict.fromkeys(expansion.also_search + corrected.also_search))
    else:
        needs, therapies, also = expansion.needs, expansion.therapies, expansion.also_search
    clauses = [_typed_query(plan)]
    clauses += [Term("tags", need, boost=NEED_BOOST) for need in needs]
    clauses += [Term("explains", slug, boost=THERAPY_BOOST) for slug in therapies]
    clauses += [Term("modalities", slug, boost=THERAPY_LINK_BOOST) for slug in therapies]
    if corrections.words:
        clauses.append(_plain_words_query(corrections.words, boost=CORRECTION_BOOST))
    if also:
        clauses.append(_plain_words_query(also))
    query = _without_common_terms(
        Or([c for c in clauses if c is not NullQuery]).normalize(), searcher.reader(), needs
    )
    outcome = SearchResults(query=plan.text, per_page=per_page, suggestion=corrections.suggestion)
    outcome.source = "index"
    if query is NullQuery and not lead:
        return outcome
    restrict = _filter(kind, tag)
    scored = []
    if query is not NullQuery:
        # Scheduled items are in the index, hidden until their publication time has come. Every match
        # is scored (limit=None): the relevance floor needs the best score and how many fall under it.
        # Block-skipping (optimize) is off: it cannot help when every match is wanted.
        hits = searcher.search(query, limit=None, filter=restrict, mask=hidden or None, optimize=False)
        scored = hits.top_n
    lead_documents = _lead_documents(searcher, lead, restrict, hidden) if lead else []
    chosen = listing(scored, lead_documents, everything=everything)
    outcome.total = len(chosen.documents)
    outcome.weaker = chosen.weaker
    outcome.page = min(max(1, page), outcome.num_pages)
    first = (outcome.page - 1) * per_page
    terms = _highlight_terms(query, needs) if query is not NullQuery else frozenset()
    outcome.results = [
        _result(searcher.stored_fields(docnum), terms, needs)
        for docnum in chosen.documents[first : first + per_page]
    ]
    return outcome


def status() -> dict:
    """Where the index is and what it reflects, for the command line."""
    root = _root()
    name = _read_pointer(root)
    meta = _read_meta(root / name) if name else {}
    count = None
    if name and meta.get("schema") == SCHEMA_VERSION:
        try:
            with _current_ix().searcher() as searcher:
                count = searcher.doc_count()
        except IndexUnavailable:
            count = None
    return {
        "path": str(root / name) if name else str(root),
        "content_version": meta.get("content_version"),
        "schema_ok": meta.get("schema") == SCHEMA_VERSION,
        "documents": count,
    }
