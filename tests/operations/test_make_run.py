"""`make run` is the real site: production settings under gunicorn, with the task worker beside it.

Runs the Makefile target itself, as a newcomer would, in a throwaway var/ folder and on a free port,
then presses Ctrl-C the way a terminal does (SIGINT to the whole process group).
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.volunteers.conftest import VALID_ANSWERS

pytestmark = [pytest.mark.slow, pytest.mark.own_sqlite_site]

START_SECONDS = 600  # migrate, collectstatic, loadcontent and the index, on a busy machine
MAIL_SECONDS = 120
STOP_SECONDS = 60
MIN_FILL_SECONDS = 3  # settings.VOLUNTEER_MIN_FILL_SECONDS in production


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Reader:
    """A browser-like client: keeps cookies, reports error statuses instead of raising."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path: str, data: dict | None = None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


@pytest.fixture(scope="module")
def make_run(tmp_path_factory):
    var = tmp_path_factory.mktemp("make-run-var")
    log = var / "terminal.log"
    port = free_port()
    # A newcomer's shell: none of the test profile's settings.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    with open(log, "w") as terminal:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "run", f"PORT={port}", f"VAR_DIR={var}"],
            cwd=ROOT,
            env=env,
            stdout=terminal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                pytest.fail("make run stopped:\n" + log.read_text())
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=5).close()
                break
            except OSError:
                time.sleep(1)
        else:
            pytest.fail("make run did not answer:\n" + log.read_text())
        yield base, process, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_an_unknown_address_gets_the_friendly_404_page(make_run):
    base, _, _ = make_run
    status, headers, page = Reader(base).open("/no-such-page/")
    assert status == 404
    assert "We could not find that page" in page
    assert "Exit this page" in page and "Need help now?" in page
    # Not Django's technical 404, which lists every URL pattern, the admin's and the inbox's too.
    assert "URLconf" not in page and "inbox/" not in page
    assert headers["Content-Type"].startswith("text/html")


def test_it_serves_production_static_files_over_plain_http(make_run):
    base, _, _ = make_run
    status, headers, home = Reader(base).open("/")
    assert status == 200
    assert "Strict-Transport-Security" not in headers  # and no redirect to https either
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home)
    assert stylesheet, "the page does not link the hashed stylesheet"
    status, headers, _ = Reader(base).open(stylesheet.group(1))
    assert status == 200
    assert "immutable" in headers["Cache-Control"]


def test_a_volunteer_enquiry_sends_mail_to_the_terminal_with_links_to_this_port(make_run):
    base, _, log = make_run
    reader = Reader(base)
    status, _, form_page = reader.open("/volunteer/")
    assert status == 200
    form = BeautifulSoup(form_page, "html.parser").find("form", method="post")
    hidden = {field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")}
    time.sleep(MIN_FILL_SECONDS + 0.5)  # as a person would: faster looks like a bot
    status, _, thanks = reader.open("/volunteer/", {**hidden, **VALID_ANSWERS})
    assert status == 200
    assert "We have your enquiry" in thanks
    deadline = time.monotonic() + MAIL_SECONDS
    while time.monotonic() < deadline and f"{base}/inbox/" not in log.read_text():
        time.sleep(1)
    terminal = log.read_text()
    assert f"{base}/inbox/" in terminal, "the worker printed no moderator mail"
    assert VALID_ANSWERS["email"] in terminal  # the volunteer's confirmation, addressed to them
    assert "http://127.0.0.1:8000" not in terminal.replace(base, "")


def group_is_running(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_stops_the_site_and_the_worker(make_run):
    base, process, log = make_run
    os.killpg(process.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
    process.wait(timeout=STOP_SECONDS)
    # gunicorn's workers finish their requests first: give the group up to STOP_SECONDS to be gone.
    deadline = time.monotonic() + STOP_SECONDS
    while time.monotonic() < deadline and group_is_running(process.pid):
        time.sleep(0.2)
    left = subprocess.run(["ps", "-eo", "pid,pgid,stat,cmd"], capture_output=True, text=True).stdout
    left = [line for line in left.splitlines()[1:] if line.split()[1] == str(process.pid)]
    assert not group_is_running(process.pid), left  # nothing of the group is left running
    with pytest.raises(OSError):
        urllib.request.urlopen(base + "/robots.txt", timeout=5)
    assert "Stopped the site and the task worker." in log.read_text()
