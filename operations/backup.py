"""Consistent database backups: SQLite's online backup API, or pg_dump for PostgreSQL."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connections
from django.utils import timezone


class BackupError(Exception):
    """A backup that could not be written; the message says why in plain words."""


def _timestamp() -> str:
    return timezone.now().strftime("%Y%m%dT%H%M%SZ")


def backup_sqlite(source: str, destination: Path) -> Path:
    """Copy a live SQLite database page by page; readers and writers may keep working meanwhile."""
    target = destination / f"db-{_timestamp()}.sqlite3"
    # closing(): sqlite3's own context manager commits but leaves the connection open.
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    return target


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    mapping = {
        "HOST": "PGHOST",
        "PORT": "PGPORT",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "NAME": "PGDATABASE",
    }
    for key, var in mapping.items():
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    return env


def backup_postgresql(settings_dict: dict, destination: Path) -> Path:
    """pg_dump in its custom format: one consistent snapshot, restorable with pg_restore."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise BackupError(
            "pg_dump is not installed. Install the PostgreSQL client tools (postgresql-client)."
        )
    target = destination / f"db-{_timestamp()}.dump"
    # The arguments are fixed; the connection details travel in PG* environment variables.
    result = subprocess.run(  # noqa: S603
        [pg_dump, "--format=custom", "--no-owner", f"--file={target}"],
        env=_pg_env(settings_dict),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    return target


def backup_database(destination: Path, alias: str = "default") -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    # Backups hold personal data: only the owner may read them.
    os.chmod(destination, 0o700)
    connection = connections[alias]
    if connection.vendor == "sqlite":
        path = backup_sqlite(connection.settings_dict["NAME"], destination)
    elif connection.vendor == "postgresql":
        path = backup_postgresql(connection.settings_dict, destination)
    else:
        raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
    os.chmod(path, 0o600)
    return path
