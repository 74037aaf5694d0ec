"""Drive wrk (Debian's package) and read its figures back as numbers.

Every run uses a generated Lua script whose done() prints one JSON line, so nothing depends on
wrk's human-readable output. The script can rotate over a list of paths, send a share of searches
that were never seen before (each one a real search, not a cache hit), and stop after a number of
responses (for the memory phases).
"""

import json
import shutil
import signal
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Headers a browser behind the production proxy sends: the proxy says the visitor used HTTPS
# (so the SSL redirect does not apply), and browsers accept compressed responses.
HEADERS = {"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip, deflate, br"}
THREADS = 2
TIMEOUT = "5s"

_LUA = """
local paths = {%(paths)s}
local phrases = {%(phrases)s}
local fresh_every = %(fresh_every)d   -- every Nth request is a search URL never sent before; 0: none
local fresh_offset = %(fresh_offset)d
local stop_after = %(stop_after)d     -- responses per thread; 0: run for the whole duration
local threads_made = 0
local counter = 0
local responses = 0

function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_id", threads_made)
end

local function fresh_search()
  -- An everyday phrase, and a number unique to this request across threads that the search page
  -- ignores: the URL was never seen, so no cache can answer and the search really runs.
  local n = fresh_offset + counter * 8 + thread_id
  return "/search/?q=" .. phrases[n %% #phrases + 1] .. "&n=" .. n
end

function request()
  counter = counter + 1
  local path
  if fresh_every > 0 and counter %% fresh_every == 0 then
    path = fresh_search()
  else
    path = paths[counter %% #paths + 1]
  end
  return wrk.format("GET", path)
end

%(response)s

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK-JSON {"requests": %%d, "duration_us": %%d, "bytes": %%d, "connect": %%d, "read": %%d, ' ..
    '"write": %%d, "status": %%d, "timeout": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""

# wrk's own clock only ends a run at its duration: a thread that has its count says so on stdout,
# and run() interrupts wrk (which then prints its summary) once every thread has.
DONE_MARK = "WRK-THREAD-DONE"
_STOP = f"""
function response(status, headers, body)
  responses = responses + 1
  if responses == stop_after then
    io.write("{DONE_MARK}\\n")
    io.flush()
    wrk.thread:stop()
  end
end
"""


@dataclass
class Result:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    megabytes: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def combine(results: list[Result]) -> Result:
    """Several runs of the same thing as one: totals summed, latency percentiles as the median run's."""
    return Result(
        requests=sum(r.requests for r in results),
        seconds=sum(r.seconds for r in results),
        errors=sum(r.errors for r in results),
        p50_ms=statistics.median(r.p50_ms for r in results),
        p99_ms=statistics.median(r.p99_ms for r in results),
        max_ms=max(r.max_ms for r in results),
        megabytes=sum(r.megabytes for r in results),
    )


def ensure_installed() -> str:
    """The wrk binary; installed from Debian's packages when missing."""
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing it from Debian's packages (apt-get install wrk)...", flush=True)
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, capture_output=True, check=False).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, check=False)
        subprocess.run(install, capture_output=True, check=True)
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk could not be installed; install it with `apt-get install wrk`.")
    return found


def _lua_list(items) -> str:
    return ", ".join(json.dumps(item) for item in items)


def write_script(path: Path, paths, *, phrases=(), fresh_every=0, fresh_offset=0, stop_after=0) -> Path:
    if fresh_every and not phrases:
        raise ValueError("fresh searches need phrases")
    path.write_text(
        _LUA
        % {
            "paths": _lua_list(paths),
            "phrases": _lua_list(phrases or ["x"]),
            "fresh_every": fresh_every,
            "fresh_offset": fresh_offset,
            "stop_after": stop_after,
            "response": _STOP if stop_after else "",
        }
    )
    return path


def run(base_url: str, script: Path, *, connections: int, seconds: int) -> Result:
    command = [
        ensure_installed(),
        f"-t{THREADS}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={TIMEOUT}",
    ]
    for name, value in HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(script), base_url]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    output, threads_done = [], 0
    for out_line in process.stdout:
        output.append(out_line)
        if out_line.strip() == DONE_MARK:
            threads_done += 1
            if threads_done == THREADS:
                process.send_signal(signal.SIGINT)  # wrk stops and prints its summary
    stderr = process.stderr.read()
    if process.wait() != 0:
        raise RuntimeError(f"wrk failed:\n{''.join(output)}\n{stderr}")
    line = next((ln for ln in output if ln.startswith("WRK-JSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no figures:\n{''.join(output)}\n{stderr}")
    data = json.loads(line.removeprefix("WRK-JSON "))
    errors = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=errors,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        max_ms=data["max_us"] / 1000,
        megabytes=data["bytes"] / 1e6,
    )
