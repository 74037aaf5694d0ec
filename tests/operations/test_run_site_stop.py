"""run_site's last resort: a child stuck in its own shutdown is killed with everything below it.

gunicorn's master kills its own workers once its grace time is over, but if the master itself is
stuck and only it were killed, its workers would be left running with no parent.
"""

import os
import signal
import subprocess
import sys
import time

from operations.management.commands import run_site

# A parent that ignores SIGTERM (as a stuck master would) with a child that ignores it too.
IGNORE_TERM = "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN)"
STUBBORN = f"""
{IGNORE_TERM}
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "{IGNORE_TERM}; time.sleep(600)"])
time.sleep(600)
"""


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its new parent to reap it has already ended
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def wait_for_descendants(pid: int) -> list[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if found := run_site.descendants(pid):
            return found
        time.sleep(0.1)
    raise AssertionError("the child process did not start")


def test_descendants_lists_the_processes_below_one():
    parent = subprocess.Popen([sys.executable, "-c", STUBBORN])
    try:
        below = wait_for_descendants(parent.pid)
        assert len(below) == 1 and below[0] != parent.pid
        assert run_site.descendants(below[0]) == []
    finally:
        for pid in [*run_site.descendants(parent.pid), parent.pid]:
            os.kill(pid, signal.SIGKILL)
        parent.wait()


def test_a_stuck_child_is_killed_with_what_it_started(monkeypatch):
    monkeypatch.setattr(run_site, "STOP_SECONDS", 1)
    parent = subprocess.Popen([sys.executable, "-c", STUBBORN])
    grandchild = wait_for_descendants(parent.pid)[0]
    run_site.Command()._stop([parent], signal.SIGTERM)
    assert parent.poll() == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and is_running(grandchild):
        time.sleep(0.1)
    assert not is_running(grandchild), "the stuck child's own child was left running"


# A worker busy with a task when Ctrl-C comes: it finishes, then ends cleanly; a second signal would
# make it abandon the task and end with an error (django-tasks' db_worker does exactly this).
BUSY_WORKER = """
import signal, sys, time
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
print("ready", flush=True)
time.sleep(1)
"""


def test_after_ctrl_c_a_busy_worker_is_left_to_finish_its_task():
    busy = subprocess.Popen([sys.executable, "-c", BUSY_WORKER], stdout=subprocess.PIPE, text=True)
    assert busy.stdout.readline().strip() == "ready"
    run_site.Command()._stop([busy], None)  # what run_site does once Ctrl-C has reached everyone
    assert busy.returncode == 0
