"""The volunteer rate limit holds across processes: gunicorn's workers (and other app servers) share
one count per client, kept in the database by default.

Two separate Python processes, each with its own memory, send the form from one address at the same
time through the real view; together they get exactly the limit through.
"""

import os
import subprocess
import sys
import textwrap

import pytest
from django.db import connection

from tests.conftest import ROOT
from volunteers.models import Enquiry

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LIMIT = 3
SENDS_PER_PROCESS = 4
PROCESSES = 2

# One worker process: the real view, through Django's test client, from one client address.
WORKER = textwrap.dedent(
    f"""
    import sys, uuid
    import django
    django.setup()
    from django.test import Client
    from volunteers import guards
    from tests.volunteers.conftest import VALID_ANSWERS
    from volunteers.forms import STAMP_FIELD, TOKEN_FIELD

    sys.stdin.readline()  # start together
    client = Client()
    codes = []
    for n in range({SENDS_PER_PROCESS}):
        token = uuid.uuid4()
        data = {{**VALID_ANSWERS, "message": f"{{sys.argv[1]}} {{n}}", TOKEN_FIELD: str(token),
                STAMP_FIELD: guards.issue_stamp(token)}}
        codes.append(client.post("/volunteer/", data, REMOTE_ADDR="203.0.113.50").status_code)
    print(" ".join(map(str, codes)))
    """
)


def database_url() -> str:
    """The test database, as a URL another process can open."""
    settings_dict = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings_dict['NAME']}"
    user, host, port = settings_dict["USER"], settings_dict["HOST"], settings_dict["PORT"]
    return f"postgres://{user}@{host}:{port}/{settings_dict['NAME']}"


def test_two_processes_together_let_only_the_limit_through(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        PYTHONPATH=str(ROOT),
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_DEBUG="1",  # plain HTTP and no manifest of static files; nothing else changes
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_VAR_DIR=str(tmp_path),
        DATABASE_URL=database_url(),
        VOLUNTEER_RATE_LIMIT=str(LIMIT),
        VOLUNTEER_MIN_FILL_SECONDS="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if os.environ.get("DJANGO_CACHE_URL", "").startswith("redis"):
        env["DJANGO_CACHE_URL"] = os.environ["DJANGO_CACHE_URL"]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, f"worker-{n}"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.stdin.write("go\n")
        worker.stdin.flush()
    codes = []
    for worker in workers:
        out, err = worker.communicate(timeout=240)
        assert worker.returncode == 0, err
        codes += [int(code) for code in out.split()]
    assert len(codes) == PROCESSES * SENDS_PER_PROCESS
    assert codes.count(303) == LIMIT, codes
    assert codes.count(429) == PROCESSES * SENDS_PER_PROCESS - LIMIT, codes
    assert Enquiry.objects.count() == LIMIT
