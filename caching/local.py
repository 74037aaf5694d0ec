"""A small per-process copy of the most recently served pages, in front of the configured cache.

With a shared cache (Redis), every hit would otherwise cost a network round trip; with the local
memory cache, a copy and an unpickling. Keys carry the content generation, so an entry here can
never be stale: a change moves the token, and old entries just age out of this bounded list.
"""

import threading
from collections import OrderedDict

# Enough for every reading page in two encodings, plus the popular searches; a few MB at most.
MAX_LOCAL_ENTRIES = 200


class LocalEntries:
    """A thread-safe least-recently-used mapping with a fixed number of entries."""

    def __init__(self, max_entries: int = MAX_LOCAL_ENTRIES):
        self.max_entries = max_entries
        self._entries = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry) -> None:
        with self._lock:
            self._entries[key] = entry
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


local_entries = LocalEntries()
