"""Two app servers on one host, both with config/gunicorn.conf.py, never share (and so never remove)
each other's control socket: it is off unless an instance is given a path of its own."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.operations.processes import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite_site]


def start_gunicorn(tmp_path, name: str, **extra_env):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "GUNICORN_"))}
    env.pop("XDG_RUNTIME_DIR", None)
    env.update(
        HOME=str(tmp_path / "home"),  # gunicorn's default socket would go under $HOME/.gunicorn/
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="two-instances-test-secret-key-0123456789-abcdefghijklmnop",
        DJANGO_VAR_DIR=str(tmp_path / name),
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
        **extra_env,
    )
    log = (tmp_path / f"{name}.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    server.terminate()
    pytest.fail("gunicorn did not start: " + (tmp_path / f"{name}.log").read_text())


def answers(base: str) -> int:
    # As the proxy in front would send it, so production's HTTPS redirect does not apply.
    request = urllib.request.Request(base + "/robots.txt", headers={"X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (127.0.0.1)
        return response.status


def test_two_instances_on_one_host_open_no_shared_control_socket(tmp_path):
    first, first_url = start_gunicorn(tmp_path, "first")
    second, second_url = start_gunicorn(tmp_path, "second")
    try:
        assert answers(first_url) == 200
        assert answers(second_url) == 200
        assert not (tmp_path / "home" / ".gunicorn").exists()
    finally:
        for server in (first, second):
            server.terminate()
            server.wait(15)


def test_an_instance_given_a_control_socket_path_gets_its_own(tmp_path):
    path = tmp_path / "first" / "gunicorn.ctl"
    path.parent.mkdir(parents=True)
    server, url = start_gunicorn(tmp_path, "first", GUNICORN_CONTROL_SOCKET=str(path))
    try:
        assert answers(url) == 200
        deadline = time.monotonic() + 10
        while not path.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert path.is_socket()
        assert not (tmp_path / "home" / ".gunicorn").exists()
    finally:
        server.terminate()
        server.wait(15)
