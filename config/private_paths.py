"""Files and folders that hold personal data are created for their owner only.

var/ holds the SQLite database (volunteers' enquiries), the search index and the secret key; under the
usual umask 022 new files would be readable by every local user. Both helpers set owner-only modes
when they create something and leave what already exists alone (an operator may have chosen its
modes). SQLite gives its -wal and -shm files the database file's mode, so a 0600 database keeps its
journal private too.
"""

import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and any missing parents) if missing; the folder itself is owner-only."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        path.mkdir(mode=PRIVATE_DIR_MODE)
    except FileExistsError:  # another process made it first, with the same mode
        return
    os.chmod(path, PRIVATE_DIR_MODE)


def ensure_private_file(path: Path) -> None:
    """Create `path` empty and owner-only if missing (an empty file is a valid SQLite database)."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    except FileExistsError:
        return
    os.close(descriptor)
