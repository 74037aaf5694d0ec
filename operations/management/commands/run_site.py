"""python manage.py run_site [--port N]: the site as production runs it, and the task worker, together.

`make run` calls this after migrating, collecting static files and loading the content. It starts
gunicorn with config/gunicorn.conf.py (bound to 127.0.0.1 only) and `manage.py db_worker` side by
side, both writing to this terminal, so the mail the worker sends (printed by the console backend)
shows up here. Ctrl-C reaches all three processes; this one waits for the other two to finish.
If either stops on its own, the other is stopped too, so nothing is left half running.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# gunicorn gives its workers GRACE_SECONDS to finish the requests in flight, then kills them itself;
# the task worker finishes its task. STOP_SECONDS is longer, so this command only steps in (killing a
# child and everything below it) when gunicorn's own shutdown is stuck.
GRACE_SECONDS = 10
STOP_SECONDS = 20
POLL_SECONDS = 0.5
LOCAL_WORKERS = 2
# How a child that was asked to stop (Ctrl-C or SIGTERM) may end; any other code means it failed.
STOPPED_CLEANLY = {0, -signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT, 128 + signal.SIGTERM}


class Command(BaseCommand):
    help = "Serve the site with gunicorn on 127.0.0.1 and run the task worker beside it."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, port, **options):
        manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
        config = settings.BASE_DIR / "config" / "gunicorn.conf.py"
        gunicorn = [sys.executable, "-m", "gunicorn", "-c", str(config), "--bind", f"127.0.0.1:{port}"]
        gunicorn += ["--workers", str(LOCAL_WORKERS), "--graceful-timeout", str(GRACE_SECONDS)]
        children = [
            # Fixed commands of this project's own tools; nothing in them comes from a request.
            subprocess.Popen(gunicorn, cwd=settings.BASE_DIR),  # noqa: S603
            subprocess.Popen([*manage, "db_worker"], cwd=settings.BASE_DIR),  # noqa: S603
        ]
        self.stdout.write(f"Serving http://127.0.0.1:{port}/ and running the task worker. Ctrl-C stops both.")
        # A stop request (systemd, a test) is passed on; Ctrl-C already reaches every process itself.
        signal.signal(signal.SIGTERM, lambda *_: self._stop(children, signal.SIGTERM))
        signum = signal.SIGTERM  # one of them stopped on its own: stop the other
        try:
            while all(child.poll() is None for child in children):
                time.sleep(POLL_SECONDS)
        except KeyboardInterrupt:
            # Ctrl-C has reached both already. Another signal now would tell the task worker, busy
            # with a task, to abandon it ("press Ctrl+C again to force"): just wait for them.
            signum = None
        self._stop(children, signum)
        codes = [child.wait() for child in children]
        if not set(codes) <= STOPPED_CLEANLY:
            raise CommandError(f"The site or the task worker stopped with an error (exit codes {codes}).")
        self.stdout.write("Stopped the site and the task worker.")

    def _stop(self, children, signum):
        """Send signum (if any) to the children still running, wait for them, and kill what is stuck."""
        for child in children:
            if signum is not None and child.poll() is None:
                child.send_signal(signum)
        deadline = time.monotonic() + STOP_SECONDS
        for child in children:
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                # Killing gunicorn's master alone would leave its workers running with no parent.
                for pid in [*descendants(child.pid), child.pid]:
                    with contextlib.suppress(ProcessLookupError):  # it ended meanwhile
                        os.kill(pid, signal.SIGKILL)
                child.wait()


def descendants(pid: int) -> list[int]:
    """Every process below pid, children first found, read from /proc (none where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # "pid (command) state ppid ...": the command may hold spaces and parentheses.
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we read
        children.setdefault(parent, []).append(int(stat.parent.name))
    found, queue = [], [pid]
    while queue:
        below = children.get(queue.pop(), [])
        found += below
        queue += below
    return found
