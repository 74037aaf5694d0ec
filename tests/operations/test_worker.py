"""The task worker keeps mail going: it waits out a database outage, and it finishes what a killed
worker left half-done, with nobody restarting anything by hand.

Each test runs `manage.py db_worker` as a real process against the test's own database and a real
SMTP server (aiosmtpd).
"""

import signal
import socket
import threading
import time

import pytest
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from operations.worker import ABANDONED_CLASS_PATH
from tests.operations.processes import DatabaseSwitch, child_env, free_port, start_manage
from tests.volunteers.conftest import VALID_ANSWERS, make_enquiry
from tests.volunteers.test_notifications import smtp_server
from volunteers.models import Notification

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

QUEUE_IN_DATABASE = override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
WAIT_SECONDS = 60  # the longest any outcome below is waited for; they normally come within seconds


def wait_for(condition, what: str, seconds: float = WAIT_SECONDS):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception:  # noqa: S110  (the database may be coming back)
            pass
        time.sleep(0.2)
    raise AssertionError(f"gave up waiting: {what}")


def statuses() -> list[str]:
    return sorted(Notification.objects.values_list("status", flat=True))


def worker_env(tmp_path, database_url, smtp_port, **extra):
    return child_env(
        tmp_path,
        DATABASE_URL=database_url,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_port),
        DJANGO_MODERATOR_EMAILS="moderators@example.org",
        DJANGO_WORKER_SWEEP_SECONDS="1",
        **extra,
    )


def start_worker(env, log_path):
    arguments = ["db_worker", "--interval", "0.2", "--no-startup-delay", "--no-reload"]
    return start_manage(arguments, env, log_path)


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(10)
        except Exception:
            process.kill()
            process.wait()


def test_the_worker_waits_out_a_database_outage_and_then_sends_everything(tmp_path):
    switch = DatabaseSwitch()
    smtp_port = free_port()
    log_path = tmp_path / "worker.log"
    with smtp_server(smtp_port) as server:
        worker = start_worker(worker_env(tmp_path, switch.url(), smtp_port), log_path)
        try:
            with QUEUE_IN_DATABASE:
                make_enquiry()
            wait_for(lambda: statuses() == ["sent", "sent"], "the first enquiry's mail")

            switch.away()
            wait_for(lambda: "worker: database unavailable" in log_path.read_text(), "the worker to notice")
            time.sleep(3)  # several tries with backoff while the database stays away
            assert worker.poll() is None, "the worker exited when the database went away"
            switch.back()

            # Mail stored after the outage is sent by the same process, without a restart.
            with QUEUE_IN_DATABASE:
                make_enquiry(email="second.volunteer@example.org")
            wait_for(lambda: statuses() == ["sent"] * 4, "mail stored after the outage")
            # ... and the worker's own loop runs queued tasks again.
            wait_for(lambda: not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists(), "queued tasks")
            assert worker.poll() is None
        finally:
            stop(worker)
            switch.stop()
    assert len(server.envelopes) == 4
    log = log_path.read_text()
    # One line when the database went away and one when it came back, for the whole outage.
    for who in ("worker", "sweeper"):
        assert log.count(f"{who}: database unavailable") <= 1, log
        assert log.count(f"{who}: database unavailable") == log.count(f"{who}: database is back"), log
    assert log.count("worker: database unavailable") == 1, log
    assert "Traceback" not in log
    for detail in (VALID_ANSWERS["email"], VALID_ANSWERS["name"], "second.volunteer@example.org"):
        assert detail not in log


class BlackHoleSmtp:
    """A mail server that accepts the connection and then never says a word, so a send hangs."""

    def __init__(self):
        self.port = free_port()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.listener.accept()[0])
            except OSError:
                return

    def close(self):
        self.listener.close()
        for sock in self.held:
            sock.close()


def test_a_send_interrupted_by_a_killed_worker_is_finished_by_the_running_worker(tmp_path):
    switch = DatabaseSwitch()
    black_hole = BlackHoleSmtp()
    dying = start_worker(
        worker_env(tmp_path, switch.url(), black_hole.port, DJANGO_EMAIL_TIMEOUT="120"),
        tmp_path / "dying.log",
    )
    try:
        with QUEUE_IN_DATABASE:
            make_enquiry()
        wait_for(lambda: "sending" in statuses(), "the first worker to start sending")
        dying.kill()  # SIGKILL: no clean-up of any kind, as when a server loses power
        dying.wait()
    finally:
        black_hole.close()
    assert "sending" in statuses()
    task = DBTaskResult.objects.get()
    assert task.status == "RUNNING"

    smtp_port = free_port()
    with smtp_server(smtp_port) as server:
        survivor = start_worker(
            worker_env(
                tmp_path,
                switch.url(),
                smtp_port,
                VOLUNTEER_OUTBOX_STALE_SECONDS="2",
                DJANGO_TASK_ABANDONED_SECONDS="2",
            ),
            tmp_path / "survivor.log",
        )
        try:
            wait_for(lambda: statuses() == ["sent", "sent"], "the abandoned mail to be sent")
            wait_for(lambda: DBTaskResult.objects.get(pk=task.pk).status == "FAILED", "the dead task's row")
        finally:
            stop(survivor)
            switch.stop()
    assert server.recipients() == sorted(["moderators@example.org", VALID_ANSWERS["email"]])
    assert DBTaskResult.objects.get(pk=task.pk).exception_class_path == ABANDONED_CLASS_PATH
