"""Where the index lives on disk, and the pointer that says which complete build is in use.

`settings.SEARCH_INDEX_DIR` holds one or more complete builds and a pointer file naming the one in
use::

    var/search/CURRENT                 "build-20260101T120000-4242-a1b2c3"
    var/search/build-.../              Whoosh files, plus meta.json {"content_version": 17, "schema": 2}

A new build is written beside the old one and the pointer is swapped atomically (os.replace), so
readers never see a half-built index.
"""

import datetime
import json
import os
import secrets
import shutil
import time
from pathlib import Path

from django.conf import settings
from whoosh import index

from search.index.schema import SCHEMA, SCHEMA_VERSION
from search.index.state import this_process

POINTER = "CURRENT"
META = "meta.json"
BUILD_PREFIX = "build-"
# Unfinished builds (no meta.json yet) this old are abandoned: no process is still writing them.
ABANDONED_AFTER_SECONDS = 3600


class IndexUnavailable(Exception):
    """The index is missing, outdated or unreadable; a rebuild has been started."""


def root() -> Path:
    return Path(settings.SEARCH_INDEX_DIR)


def read_pointer(directory: Path) -> str | None:
    """The name of the build in use in `directory`, or None."""
    try:
        name = (directory / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    # Only ever a build directory name inside the index directory, whatever the file says.
    return name if name.startswith(BUILD_PREFIX) and "/" not in name and "\\" not in name else None


def read_meta(build: Path) -> dict:
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


def write_meta(build: Path, content_version: int):
    """Record which content version `build` reflects; a build without it is not finished."""
    meta = {"schema": SCHEMA_VERSION, "content_version": content_version, "written_at": time.time()}
    _write_atomically(build / META, json.dumps(meta))


def new_build(directory: Path) -> Path:
    """A fresh, empty build directory, named so that no other process picks the same one."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%S")
    build = directory / f"{BUILD_PREFIX}{stamp}-{os.getpid()}-{secrets.token_hex(3)}"
    build.mkdir()
    return build


def create(build: Path):
    """An empty Whoosh index in `build`."""
    return index.create_in(str(build), SCHEMA)


def swap_to(build: Path):
    """Point every process at `build`, open it here, and delete builds nobody reads any more."""
    directory = build.parent
    with this_process.lock:
        previous = read_pointer(directory)
        _write_atomically(directory / POINTER, build.name)
        _remove_old_builds(directory, keep={build.name, previous or ""})
        open_current()


def _remove_old_builds(directory: Path, keep: set[str]):
    """Delete builds no process should still be reading: all but the current and the one it replaced.

    Unfinished builds (no meta.json) are left alone for an hour, in case another process is writing one.
    """
    for path in directory.glob(f"{BUILD_PREFIX}*"):
        if path.name in keep or not path.is_dir():
            continue
        finished = (path / META).exists()
        if finished or time.time() - path.stat().st_mtime > ABANDONED_AFTER_SECONDS:
            shutil.rmtree(path, ignore_errors=True)


def open_current():
    """Open the build the pointer names, or raise IndexUnavailable. Call with this_process.lock held."""
    directory = root()
    name = read_pointer(directory)
    if name is None:
        raise IndexUnavailable("no index has been built")
    build = directory / name
    meta = read_meta(build)
    if meta.get("schema") != SCHEMA_VERSION:
        raise IndexUnavailable("the index was built for another schema")
    try:
        ix = index.open_dir(str(build), schema=SCHEMA)
        ix.doc_count()  # reads the table of contents: fails here if files are damaged
    except Exception as exc:
        raise IndexUnavailable(f"the index cannot be opened ({type(exc).__name__})") from exc
    this_process.use(ix, name, directory)
    return ix


def current_index():
    """The open index for the build in use now (another process may have swapped in a new one)."""
    with this_process.lock:
        directory = root()
        if (
            this_process.ix is None
            or this_process.root != directory
            or read_pointer(directory) != this_process.name
        ):
            return open_current()
        return this_process.ix


def status() -> dict:
    """Where the index is and what it reflects, for the command line."""
    directory = root()
    name = read_pointer(directory)
    meta = read_meta(directory / name) if name else {}
    count = None
    if name and meta.get("schema") == SCHEMA_VERSION:
        try:
            with current_index().searcher() as searcher:
                count = searcher.doc_count()
        except IndexUnavailable:
            count = None
    return {
        "path": str(directory / name) if name else str(directory),
        "content_version": meta.get("content_version"),
        "schema_ok": meta.get("schema") == SCHEMA_VERSION,
        "documents": count,
    }
