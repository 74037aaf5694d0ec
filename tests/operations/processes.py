"""Helpers for tests that run the site's own processes (the task worker, search repair) for real.

The child processes use the production settings and the test's own database, so they see what the
test committed. A database outage is made for real: on SQLite the folder holding the file is moved
away; on PostgreSQL the child talks through a small TCP relay that the test can close and reopen.
"""

import os
import shutil
import socket
import subprocess
import sys
import threading
from contextlib import suppress
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(port: int | None = None) -> str:
    """The URL of the test's own database, optionally through another port (a relay)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings["USER"] or "postgres"
    host = settings["HOST"] or "127.0.0.1"
    return f"postgres://{user}@{host}:{port or settings['PORT'] or 5432}/{settings['NAME']}"


def child_env(tmp_path: Path, **extra: str) -> dict:
    """Production settings, nothing inherited from the test's DJANGO_* environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="child-process-secret-" + "x" * 40,
        DJANGO_VAR_DIR=str(tmp_path / "var"),
        DJANGO_CACHE_URL="locmem://",
        DJANGO_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start_manage(args: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    log = log_path.open("wb")
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
    )


class TcpRelay:
    """Forwards a local port to the database server until closed; can be reopened on the same port."""

    def __init__(self, target_port: int):
        self.target_port = target_port
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()

    def open(self) -> None:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        """The database 'stops': no new connections, and every open one is cut."""
        with self.lock:
            if self.listener is not None:
                # shutdown() wakes the thread blocked in accept(); close() alone would leave the
                # socket listening until that call returns, and new connections would hang.
                with _quietly():
                    self.listener.shutdown(socket.SHUT_RDWR)
                self.listener.close()
                self.listener = None
            for sock in self.sockets:
                with _quietly():
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            try:
                server = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with _quietly():
            while data := source.recv(65536):
                sink.sendall(data)
        with _quietly():
            sink.shutdown(socket.SHUT_WR)


def _quietly():
    return suppress(OSError)  # a socket the other side already closed


class DatabaseSwitch:
    """Takes the test database away from child processes and brings it back."""

    def __init__(self):
        self.relay = None
        if connection.vendor != "sqlite":
            self.relay = TcpRelay(int(connection.settings_dict["PORT"] or 5432))
            self.relay.open()
        self.folder = Path(connection.settings_dict["NAME"]).parent

    def url(self) -> str:
        return database_url(self.relay.port if self.relay else None)

    def away(self) -> None:
        connection.close()
        if self.relay:
            self.relay.close()
        else:
            shutil.move(self.folder, self.folder.with_name(self.folder.name + "-away"))

    def back(self) -> None:
        if self.relay:
            self.relay.open()
        else:
            shutil.move(self.folder.with_name(self.folder.name + "-away"), self.folder)

    def stop(self) -> None:
        if self.relay:
            self.relay.close()
