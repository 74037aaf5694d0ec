"""What readers search for never reaches a log: gunicorn's access log and every Django log line."""

import logging
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.conf import settings
from django.test import RequestFactory
from gunicorn.config import Config

from pages.logging import MaskRequestDetails, StripQueryStrings
from tests.conftest import ROOT

GUNICORN_CONF = ROOT / "config" / "gunicorn.conf.py"
SECRET_WORDS = "nightmares-and-flashbacks"
# Atoms that would record a query string, the reader's address, where they came from or their browser.
IDENTIFYING_ATOMS = ("%(r)s", "%(q)s", "%(h)s", "%(f)s", "%(a)s")
# Any request header (X-Forwarded-For, Referer, Cookie...) could identify a reader too.
REQUEST_HEADER_ATOM = re.compile(r"%\(\{[^}]*\}i\)s")


@pytest.fixture(scope="module")
def gunicorn_conf():
    return runpy.run_path(str(GUNICORN_CONF))


def test_access_log_format_has_the_path_but_no_query_address_or_referrer(gunicorn_conf):
    log_format = gunicorn_conf["access_log_format"]
    assert "%(U)s" in log_format
    assert [atom for atom in IDENTIFYING_ATOMS if atom in log_format] == []
    assert REQUEST_HEADER_ATOM.findall(log_format) == []


def test_every_gunicorn_log_handler_strips_query_strings(gunicorn_conf):
    logconfig = gunicorn_conf["logconfig_dict"]
    filters = {name: spec["()"] for name, spec in logconfig["filters"].items()}
    for name, handler in logconfig["handlers"].items():
        names = handler.get("filters", [])
        assert "pages.logging.StripQueryStrings" in {filters[f] for f in names}, name
    for name in ("gunicorn.error", "gunicorn.access"):
        assert logconfig["loggers"][name]["propagate"] is False


def test_the_config_file_is_valid_for_gunicorn(gunicorn_conf):
    config = Config()
    unknown = [name for name in gunicorn_conf if not name.startswith("_") and name not in config.settings]
    assert unknown == ["os"]
    for name, value in gunicorn_conf.items():
        if name in config.settings:
            config.set(name, value)
    assert config.access_log_format == gunicorn_conf["access_log_format"]


def runserver_record(request_line: str) -> logging.LogRecord:
    """A record shaped like the one runserver's django.server logger writes for each request."""
    return logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s', (request_line, "200", "512"), None
    )


@pytest.mark.parametrize(
    "request_line",
    [
        f"GET /search/?q={SECRET_WORDS} HTTP/1.1",
        f"GET /api/search/?q={SECRET_WORDS}&type=article HTTP/1.1",
        f"GET /search/?q=bad%20dreams&{SECRET_WORDS}=1 HTTP/1.1",
    ],
)
def test_runserver_request_lines_lose_their_query(request_line):
    record = runserver_record(request_line)
    StripQueryStrings().filter(record)
    message = record.getMessage()
    assert "search/" in message
    assert "?" not in message
    assert SECRET_WORDS not in message
    assert "bad" not in message


def test_django_request_records_lose_the_request_and_its_query():
    request = RequestFactory().get("/search/", {"q": SECRET_WORDS})
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (request.get_full_path(),), None
    )
    record.request = request
    record.status_code = 404
    StripQueryStrings().filter(record)
    assert record.getMessage() == "Not Found: /search/"
    assert record.request is None


def test_tracebacks_lose_queries_they_quote():
    try:
        raise ValueError(f"could not parse /search/?q={SECRET_WORDS}")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "boom", (), sys.exc_info())
    StripQueryStrings().filter(record)
    formatted = logging.Formatter().format(record)
    assert "could not parse /search/" in formatted
    assert SECRET_WORDS not in formatted


def test_gunicorn_access_atoms_lose_their_query():
    atoms = {"U": "/search/", "q": f"q={SECRET_WORDS}", "r": f"GET /search/?q={SECRET_WORDS} HTTP/1.1"}
    record = logging.LogRecord("gunicorn.access", logging.INFO, __file__, 1, "%(r)s", (atoms,), None)
    StripQueryStrings().filter(record)
    assert record.getMessage() == "GET /search/ HTTP/1.1"


def test_every_django_log_handler_strips_query_strings():
    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "strip_query" in handler.get("filters", []), name
    assert settings.LOGGING["filters"]["strip_query"]["()"] == "pages.logging.StripQueryStrings"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict, timeout: float = 10) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (127.0.0.1 only)
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


@pytest.fixture
def production_gunicorn(tmp_path):
    """gunicorn with config/gunicorn.conf.py and the production settings, on a free local port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DJANGO_SECRET_KEY="production-like-secret-key-for-the-access-log-test-0123456789",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    # The friendly error pages link the hashed stylesheet, so collect it as a release does.
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)
    command = [sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", "1", "--threads", "1"]
    if "control_socket_disable" in Config().settings:
        command.append("--no-control-socket")
    out, err = tmp_path / "stdout.log", tmp_path / "stderr.log"
    with open(out, "w") as stdout, open(err, "w") as stderr:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=stderr)
    try:
        # Ready when a worker answers, not when the port opens: on a busy machine a worker can take
        # longer to import Django than one request's timeout.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                _get(f"http://127.0.0.1:{port}/robots.txt", {"X-Forwarded-Proto": "https"}, timeout=30)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start: " + err.read_text())
        yield f"http://127.0.0.1:{port}", out, err
    finally:
        server.terminate()
        server.wait(timeout=15)


@pytest.mark.own_sqlite_site
def test_gunicorn_in_production_logs_no_search_terms_or_address(production_gunicorn):
    base, out, err = production_gunicorn
    # Behind the proxy: the request arrived over HTTPS.
    https = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}
    status, headers = _get(f"{base}/robots.txt?q={SECRET_WORDS}", https)
    assert status == 200
    # The production profile sends HSTS over HTTPS.
    assert re.match(r"max-age=\d{8,}", headers["Strict-Transport-Security"])
    _get(f"{base}/api/search/?q={SECRET_WORDS}", https)  # no database here: fails, and is logged
    time.sleep(0.3)  # let the worker flush its log lines
    access, errors = out.read_text(), err.read_text()
    assert '"GET /robots.txt HTTP/1.1" 200' in access
    assert SECRET_WORDS not in access + errors
    assert "127.0.0.1" not in access


def test_gunicorn_listens_on_this_machine_only_unless_told(monkeypatch):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    assert runpy.run_path(str(GUNICORN_CONF))["bind"] == "127.0.0.1:8000"
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8080")
    assert runpy.run_path(str(GUNICORN_CONF))["bind"] == "0.0.0.0:8080"


def _send_raw(base: str, request: bytes) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        return sock.recv(4096)


# Malformed requests whose pieces gunicorn would quote in its error log: a search typed into the
# request line with a space in it, a bad method and a bad header.
MALFORMED_REQUESTS = [
    b"GET /search/?q=bad dreams-and-flashbacks HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET /search/ nightmares-and-flashbacks\r\nHost: 127.0.0.1\r\n\r\n",
    b"G(T /nightmares-and-flashbacks/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Note nightmares-and-flashbacks\r\n\r\n",
]


@pytest.mark.own_sqlite_site
def test_gunicorns_error_log_masks_addresses_and_pieces_of_bad_requests(production_gunicorn):
    base, out, err = production_gunicorn
    for request in MALFORMED_REQUESTS:
        assert _send_raw(base, request).startswith(b"HTTP/1.1 400")
    time.sleep(0.3)  # let the worker flush its log lines
    errors = err.read_text()
    invalid = [line for line in errors.splitlines() if "Invalid request" in line]
    assert len(invalid) == len(MALFORMED_REQUESTS), errors  # the lines were written, masked
    assert "flashbacks" not in errors and "dreams" not in errors
    assert not [line for line in invalid if "127.0.0.1" in line]
    assert "flashbacks" not in out.read_text()


@pytest.mark.parametrize(
    "message, expected",
    [
        (
            "Invalid request from ip=203.0.113.9: Invalid HTTP Version: 'dreams HTTP/1.1'",
            "Invalid request: Invalid HTTP Version: '[masked]'",
        ),
        (
            "Invalid request from ip=2001:db8::7: Invalid HTTP Header: 'X-A \\' b'",
            "Invalid request: Invalid HTTP Header: '[masked]'",
        ),
        (
            'Invalid request from ip=::1: Proxy request from "::1" not allowed',
            "Invalid request: Proxy request from '[masked]' not allowed",
        ),
    ],
)
def test_the_error_log_filter_masks_address_and_quoted_pieces(message, expected):
    record = logging.LogRecord("gunicorn.error", logging.WARNING, __file__, 1, message, (), None)
    MaskRequestDetails().filter(record)
    assert record.getMessage() == expected


FORGED_HOST = "forged-host.example"


@pytest.mark.own_sqlite_site
def test_a_forged_host_is_one_short_line_without_traceback_or_address(production_gunicorn):
    base, out, err = production_gunicorn
    for _ in range(3):
        status, _ = _get(f"{base}/?q={SECRET_WORDS}", {"Host": FORGED_HOST})
        assert status == 400
    time.sleep(0.3)  # let the worker flush its log lines
    # What was written after start-up (whose "Listening at" line names the server's own address).
    errors = err.read_text().partition("Booting worker")[2].partition("\n")[2]
    lines = [line for line in errors.splitlines() if FORGED_HOST in line]
    assert len(lines) == 3, errors
    assert all(len(line) < 300 for line in lines)
    assert "Traceback" not in errors
    assert "DisallowedHost" not in errors.replace("django.security.DisallowedHost", "")
    assert "127.0.0.1" not in errors
    assert SECRET_WORDS not in errors
