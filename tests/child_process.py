"""Running manage.py (or Python) in a child process, as a fresh deployment would start it.

The child gets the production settings module and none of the test run's own DJANGO_* or
DATABASE_URL variables, so what it does follows only from the variables the test hands it.
"""

import os
import subprocess
import sys

from tests.conftest import ROOT

TEST_RUN_PREFIXES = ("DJANGO_", "DATABASE_URL")


def clean_env(**variables: str) -> dict[str, str]:
    """This process's environment without the test run's settings, plus `variables`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(TEST_RUN_PREFIXES)}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings"
    env.update(variables)
    return env


def run_manage(*args: str, env: dict[str, str], timeout: int = 120, **options) -> subprocess.CompletedProcess:
    """`manage.py args` from the repository root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **options,
    )
