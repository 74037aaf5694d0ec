"""The site as production runs it, in a throwaway directory: settings, data, gunicorn, its workers' memory.

Nothing here touches var/ or a real database: DJANGO_VAR_DIR points at a fresh temporary folder,
DATABASE_URL is dropped (SQLite inside that folder), and only 127.0.0.1 is bound.
"""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.conf.py"
START_TIMEOUT_SECONDS = 60


def cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def workers_for(cpus: int) -> int:
    """gunicorn's own rule of thumb: two per core, plus one."""
    return 2 * cpus + 1


def production_env(workdir: Path) -> dict[str, str]:
    """The environment of a production server, pointed at `workdir` for every file it writes."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DJANGO_VAR_DIR": str(workdir),
            "SEARCH_INDEX_DIR": str(workdir / "search"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    """Run a management command; stop the benchmark with its output if it fails."""
    completed = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")


def prepare_site(env: dict[str, str]) -> float:
    """Static files, database, curated content and search index, as `make run` sets them up; seconds taken."""
    started = time.perf_counter()
    manage(env, "collectstatic", "--noinput")
    manage(env, "migrate", "--noinput")
    manage(env, "loadcontent")
    manage(env, "rebuild_index")
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Gunicorn:
    """A gunicorn master with the production configuration file, bound to 127.0.0.1."""

    def __init__(self, env: dict[str, str], workers: int, log_path: Path):
        self.port = free_port()
        self.workers = workers
        self.log_path = log_path
        command = [str(Path(sys.executable).with_name("gunicorn"))]
        if GUNICORN_CONFIG.exists():
            command += ["-c", str(GUNICORN_CONFIG)]
        command += ["--workers", str(workers), "--bind", f"127.0.0.1:{self.port}", "config.wsgi:application"]
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited early; see {self.log_path}:\n{self.log_path.read_text()}"
                )
            try:
                if (
                    fetch(self.base_url + "/robots.txt").status == 200
                    and len(self.worker_pids()) == self.workers
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_SECONDS} s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return sorted(int(pid) for pid in children.read_text().split())
        except OSError:
            return []

    def worker_rss_mb(self) -> dict[int, float]:
        """Resident memory of each worker, in MiB."""
        sizes = {}
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            sizes[pid] = kb / 1024
        return sizes

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body


def fetch(url: str, headers: dict[str, str] | None = None) -> Response:
    """One GET with the proxy's headers; error statuses are returned, not raised."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # 127.0.0.1 only
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


def asset_urls(html: str) -> list[str]:
    """Stylesheets and scripts the page loads (self-hosted, hashed names)."""
    links = re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html)
    links += re.findall(r'<link[^>]+href="([^"]+)"[^>]+rel="stylesheet"', html)
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)
    return list(dict.fromkeys(links + scripts))


def search_terms_logged(log: Path) -> int:
    """Lines of the server's log that show a query string (a search term would be in it)."""
    query = re.compile(r"\?[^\s\"]*=")
    return sum(1 for line in log.read_text(errors="replace").splitlines() if query.search(line))
