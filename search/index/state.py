"""What this process knows about its search index: the one piece of mutable state in the package.

Every module of the package reads and changes `this_process`; nothing else keeps state between searches
(the caches of schema.stems and of the snippet prefixes only remember answers that never change).
"""

import itertools
import threading
from pathlib import Path


class IndexState:
    """The index this process has open, which searchers are still valid, and the locks guarding them.

    Changed under `lock`; searches read it without the lock on their fast path.
    """

    def __init__(self):
        self.lock = threading.RLock()  # opening, swapping and writing: one at a time in this process
        self.check_lock = threading.Lock()  # one freshness check (and catch-up) at a time
        self.rebuild_lock = threading.Lock()  # one rebuild at a time in this process
        self.root: Path | None = None  # the index directory the open build lives in
        self.ix = None  # the open Whoosh index
        self.name: str | None = None  # the build directory's name
        self.generation = 0  # changes whenever searchers must reopen
        self.disk_generation = -1  # the Whoosh generation (commit count) the searchers will see
        self.checked_at = float("-inf")  # when the freshness check last ran (time.monotonic)
        self.rebuild_thread: threading.Thread | None = None
        self.rebuild_failed_at = float("-inf")
        self.idle_readers: list = []  # searchers between searches (see readers.py)
        self.readers_lock = threading.Lock()
        self._generations = itertools.count(1)

    def reopen_searchers(self):
        """Make every thread reopen its searcher on its next search."""
        self.generation = next(self._generations)
        self.disk_generation = self.ix.latest_generation() if self.ix is not None else -1

    def use(self, ix, name: str, root: Path):
        """Search `ix` (the build `name` in `root`) from now on. Call with `lock` held."""
        if self.ix is not None:
            self.ix.close()
        self.ix, self.name, self.root = ix, name, root
        self.reopen_searchers()

    def close(self):
        """Close the open index; the next search opens the build in use again."""
        with self.lock:
            if self.ix is not None:
                self.ix.close()
            self.ix = None
            self.name = None
            self.reopen_searchers()

    def forget(self):
        """Close the index and forget where it was, as a new process would start."""
        with self.lock:
            self.close()
            self.root = None
            self.checked_at = float("-inf")
            self.rebuild_failed_at = float("-inf")


this_process = IndexState()
