"""var/ and the SQLite database hold volunteers' personal data: only their owner may open them."""

import os
import stat
import subprocess
import sys

from tests.child_process import clean_env, run_manage
from tests.conftest import ROOT


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def run_with_open_umask(*args, var_dir):
    """manage.py under the usual umask 022, which leaves new files readable by every local user."""
    return run_manage(
        *args,
        env=clean_env(DJANGO_DEBUG="1", DJANGO_VAR_DIR=str(var_dir)),
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),  # noqa: PLW1509 (a plain umask, no threads involved)
    )


def test_var_and_the_sqlite_database_are_created_for_their_owner_only(tmp_path):
    var = tmp_path / "var"
    result = run_with_open_umask("migrate", "--noinput", var_dir=var)
    assert result.returncode == 0, result.stderr
    database = var / "db.sqlite3"
    assert database.stat().st_size > 0, "the database was created and written"
    assert mode(var) == 0o700
    assert mode(database) == 0o600
    # SQLite gives its journal files the database file's permissions.
    for sibling in var.glob("db.sqlite3-*"):
        assert mode(sibling) == 0o600, sibling.name


def test_a_database_in_memory_creates_no_file(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=tmp_path,
        env=clean_env(
            PYTHONPATH=str(ROOT),
            DJANGO_DEBUG="1",
            DJANGO_VAR_DIR=str(tmp_path / "var"),
            DATABASE_URL="sqlite://:memory:",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / ":memory:").exists()


def test_check_deploy_warns_about_a_var_folder_open_to_others(tmp_path):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    os.chmod(var, 0o755)  # as an install made before var/ was created owner-only
    env = clean_env(
        DJANGO_SECRET_KEY="a-long-random-production-like-secret-key-0123456789-abcdefghijkl",
        DJANGO_ALLOWED_HOSTS="healing.example.org",
        DJANGO_VAR_DIR=str(var),
    )
    check_deploy = ("check", "--deploy", "--fail-level", "WARNING")
    result = run_manage(*check_deploy, env=env)
    assert result.returncode != 0
    assert "operations.W001" in result.stderr and f"chmod 700 {var}" in result.stderr
    os.chmod(var, 0o700)
    result = run_manage(*check_deploy, env=env)
    assert result.returncode == 0, result.stderr
