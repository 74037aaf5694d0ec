"""A task worker that outlives database outages and cleans up after workers that died.

django-tasks-db's worker loop stops for good on the first database error it does not expect, so a
database restart used to leave mail waiting until someone restarted the worker by hand. This worker
runs the same loop inside an outer one:

1. A database error (the server stopped, the file vanished, the network dropped) is logged once for
   the outage, the connections are closed, and the worker waits with backoff (1, 2, 4 ... seconds,
   at most MAX_BACKOFF_SECONDS) until the database answers again; then it logs once that the
   database is back and carries on. Other errors still stop it, so a bug is never retried forever.
2. A sweeper thread runs every TASK_WORKER_SWEEP_SECONDS. It marks task rows left RUNNING by a
   worker that was killed (older than TASK_ABANDONED_SECONDS) as failed, and calls each function in
   TASK_WORKER_SWEEPS, so work that a dead worker dropped (a notification left "sending") is picked
   up by the living one without anyone running a command. The sweeps are named in settings so this
   module knows nothing of volunteers or mail.

Log lines name errors by class only: a driver's message can quote connection details.
"""

import contextlib
import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connections
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("operations.worker")

# The errors that mean "the database is away", not "the code is wrong".
DATABASE_ERRORS = (DatabaseError, InterfaceError)
FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
ABANDONED_CLASS_PATH = "operations.worker.AbandonedTask"
ABANDONED_NOTE = "The worker running this task stopped before it finished; a sweep marked it failed."


class OutageLog:
    """Says once that the database went away and once that it came back, however long it lasts."""

    def __init__(self, who: str):
        self.who = who
        self.since: float | None = None

    def failed(self, exc: BaseException) -> None:
        if self.since is None:
            self.since = time.monotonic()
            logger.warning(
                "%s: database unavailable (%s); waiting for it to come back.", self.who, type(exc).__name__
            )

    def recovered(self) -> None:
        if self.since is not None:
            logger.warning("%s: database is back after %.0f s.", self.who, time.monotonic() - self.since)
            self.since = None


def close_connections() -> None:
    """Drop this thread's connections, broken or not, so the next query opens a fresh one."""
    for connection in connections.all(initialized_only=True):
        # Closing a connection to a server that is gone can fail too.
        with contextlib.suppress(*DATABASE_ERRORS):
            connection.close()


def database_answers() -> bool:
    try:
        for connection in connections.all():
            connection.ensure_connection()
    except DATABASE_ERRORS:
        close_connections()
        return False
    return True


def mark_abandoned_tasks(now=None) -> int:
    """Mark task rows still RUNNING long after they started as failed; return how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.TASK_ABANDONED_SECONDS)
    return DBTaskResult.objects.filter(status="RUNNING", started_at__lt=cutoff).update(
        status="FAILED",
        finished_at=now,
        exception_class_path=ABANDONED_CLASS_PATH,
        traceback=ABANDONED_NOTE,
    )


def sweep_once() -> None:
    """One sweep: abandoned task rows, then every configured sweep function."""
    abandoned = mark_abandoned_tasks()
    if abandoned:
        logger.warning("Marked %d abandoned task(s) as failed.", abandoned)
    for path in settings.TASK_WORKER_SWEEPS:
        import_string(path)()


class Sweeper(threading.Thread):
    """Runs sweep_once() now and then every `interval` seconds until stopped."""

    def __init__(self, interval: float):
        super().__init__(name="task-sweeper", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()
        self.outage = OutageLog("sweeper")

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                sweep_once()
                self.outage.recovered()
            except DATABASE_ERRORS as exc:
                self.outage.failed(exc)
            except Exception as exc:  # a sweep must never kill the thread; the next one tries again
                logger.error("Sweep failed (%s).", type(exc).__name__)
            finally:
                close_connections()  # this thread's own connection; never held between sweeps
            self.stopped.wait(self.interval)

    def stop(self) -> None:
        self.stopped.set()


class ResilientWorker(Worker):
    """django-tasks-db's worker, restarted in place after database errors, with a sweeper beside it."""

    def __init__(self, *, sweep_interval: float | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sweep_interval = sweep_interval
        self.outage = OutageLog("worker")

    def run(self) -> None:
        sweeper = None
        if self.sweep_interval and not self.batch:
            sweeper = Sweeper(self.sweep_interval)
            sweeper.start()
        try:
            self._run_through_outages()
        finally:
            if sweeper is not None:
                sweeper.stop()

    def _run_through_outages(self) -> None:
        backoff = FIRST_BACKOFF_SECONDS
        while self.running:
            try:
                super().run()
                return  # the loop ended on purpose: shutdown, --batch or --max-tasks
            except DATABASE_ERRORS as exc:
                self.outage.failed(exc)
                close_connections()
            while self.running and not database_answers():
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
            backoff = FIRST_BACKOFF_SECONDS
            self.outage.recovered()
