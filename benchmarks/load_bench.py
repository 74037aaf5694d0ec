"""Pages under load: the production configuration under gunicorn, measured with wrk in one run.

Run with `make bench` (or `.venv/bin/python -m benchmarks.load_bench`). In a throwaway directory it
collects static files, migrates, loads the curated content and builds the search index; starts
gunicorn with config/gunicorn.conf.py (debug off, a fresh secret key, workers from the CPU count,
127.0.0.1 only; wrk is installed from Debian's packages when missing); then prints:

1. the page weight of an explainer (HTML + CSS + JS), plain and as sent with brotli;
2. throughput at 32 connections for the hashed stylesheet, an explainer, an article and the search
   page: requests/s, p50/p99 latency, errors, and each page's throughput as a share of the
   stylesheet's, measured in turns on the same server in the same run. One more row, for
   information, sends a search nobody made before on every request (no cache can answer it);
3. how soon an article published, then unpublished, by another process reaches every worker;
4. the soak: 60 s at 64 connections over every reading page and a set of searches, with
   errors and the workers' memory at the start, half-way and at the end;
5. the resident memory of one worker after 10,000 and after 20,000 requests;
6. whether the server's log kept any query string (it must not: search terms are private).

Requests carry the headers a browser behind the production proxy sends: X-Forwarded-Proto: https
and Accept-Encoding: gzip, deflate, br. BENCH_WORKERS overrides the worker count and
DJANGO_CACHE_URL=redis://... measures the shared cache. Exit status 1 when a target is missed.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import wrk
from benchmarks.server import (
    ROOT,
    Gunicorn,
    asset_urls,
    cpu_count,
    fetch,
    prepare_site,
    production_env,
    search_terms_logged,
    workers_for,
)
from benchmarks.targets import check

CONNECTIONS = 32
# Each page is measured in rounds, taking turns with the others, so that anything else the machine
# does meanwhile falls on all of them alike and the ratios stay fair.
ROUNDS = 3
ROUND_SECONDS = 4
WARM_SECONDS = 2
SOAK_CONNECTIONS = 64
SOAK_SECONDS = 60
REQUESTS_PER_WORKER_PER_PHASE = 10_000
MEMORY_PHASE_LIMIT_SECONDS = 120

# Targets for speed under load and for staying up over a long soak.
TARGET_PAGE_SHARE = 0.7
TARGET_SEARCH_SHARE = 0.3
TARGET_P99_MS = 50.0
TARGET_PAGE_WEIGHT_KB = 60.0
# Allocator noise: a worker that settled moves by well under this between phases.
MEMORY_GROWTH_TOLERANCE_MB = 1.0
PUBLISH_DEADLINE_SECONDS = 5.0

EXPLAINER = "/modalities/emdr/"
ARTICLE = "/articles/you-are-not-alone/"
SEARCH = "/search/?q=nightmares"
# Everyday words people search with: pairs of them make the searches of the mixed runs.
SEARCH_WORDS = [
    "sleep", "nightmares", "trust", "fear", "body", "tension", "anger", "shame", "memories", "panic",
    "group", "art", "music", "emdr", "therapy", "calm", "safe", "talk", "alone", "help", "flashbacks",
    "numb", "worry", "grief", "family", "anxiety", "dreams", "triggers", "hope", "support",
]  # fmt: skip
POPULAR_SEARCHES = ["nightmares", "bad+dreams", "cant+trust+anyone", "panic", "my+body+is+tense", "shame"]
# What people type, for the never-cached search row (each sent with a unique, ignored parameter).
SEARCH_PHRASES = [
    "bad+dreams", "cant+sleep", "nightmares+every+night", "i+dont+trust+anyone", "my+body+is+always+tense",
    "flashbacks", "panic+attacks", "feeling+numb", "shame", "jumpy", "talking+is+too+hard",
    "therapy+without+talking", "group+therapy", "art+therapy", "music+and+healing", "emdr+eye+movements",
    "how+long+does+therapy+take", "angry+all+the+time", "memories+that+wont+go+away", "finding+a+therapist",
]  # fmt: skip
# The mixed runs (memory, soak) search with a fixed set of distinct queries, so every cache reaches
# its steady size in the first phase and any later growth is a leak.
SEARCHES_IN_MIX = 30


@dataclass
class Row:
    name: str
    path: str
    result: wrk.Result
    cached: bool


def _kb(n: int) -> float:
    return n / 1024


def page_weight(base: str) -> tuple[float, list[str]]:
    page = fetch(base + EXPLAINER)
    html = page.body.decode()
    assets = asset_urls(html)
    plain = {EXPLAINER: len(page.body)}
    sent = {EXPLAINER: len(fetch(base + EXPLAINER, {"Accept-Encoding": "br"}).body)}
    for url in assets:
        plain[url] = len(fetch(base + url).body)
        sent[url] = len(fetch(base + url, {"Accept-Encoding": "br"}).body)
    total = _kb(sum(plain.values()))
    print("\nexplainer page weight (HTML + CSS + JS):")
    for url in plain:
        print(f"  {url:60} {_kb(plain[url]):6.1f} KB   {_kb(sent[url]):6.1f} KB brotli")
    print(f"  {'total':60} {total:6.1f} KB   {_kb(sum(sent.values())):6.1f} KB brotli   "
          f"(target < {TARGET_PAGE_WEIGHT_KB:.0f} KB)")  # fmt: skip
    return total, assets


def throughput(base: str, scripts: Path, subjects: list[tuple[str, str, int]]) -> list[Row]:
    """Measure each (name, path, fresh_every); the first subject is the reference.

    Cached subjects take turns, round after round. Never-cached ones run afterwards, on their own:
    their slow requests would still be finishing when the next subject's run began.
    """
    runs = {}
    for name, path, fresh_every in subjects:
        script = wrk.write_script(
            scripts / f"{re.sub(r'[^a-z]+', '-', name.lower())}.lua",
            [path],
            phrases=SEARCH_PHRASES,
            fresh_every=fresh_every,
            fresh_offset=int(time.time()) % 100_000 * 1000,
        )
        runs[name] = (script, [])
    turns = [runs[name] for name, _, fresh_every in subjects if not fresh_every]
    alone = [runs[name] for name, _, fresh_every in subjects if fresh_every]
    for script, _ in turns:
        wrk.run(base, script, connections=CONNECTIONS, seconds=WARM_SECONDS)  # every worker renders it once
    for _ in range(ROUNDS):
        for script, results in turns:
            results.append(wrk.run(base, script, connections=CONNECTIONS, seconds=ROUND_SECONDS))
    for script, results in alone:
        for _ in range(ROUNDS):
            results.append(wrk.run(base, script, connections=CONNECTIONS, seconds=ROUND_SECONDS))
    return [
        Row(name, path, wrk.combine(runs[name][1]), cached=not fresh_every)
        for name, path, fresh_every in subjects
    ]


def print_table(rows: list[Row], static: Row) -> None:
    print(
        f"\nthroughput at {CONNECTIONS} connections, {wrk.THREADS} wrk threads: {ROUNDS} rounds of "
        f"{ROUND_SECONDS} s per page (cached pages take turns); p50/p99 of the median round:"
    )
    header = f"  {'page':34}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}{'vs static':>11}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for row in rows:
        r = row.result
        share = r.rps / static.result.rps
        print(f"  {row.name:34}{r.rps:9.0f}{r.p50_ms:9.2f}{r.p99_ms:9.2f}{r.errors:8d}{share:10.2f}x")


def publish_probe(base: str, env: dict[str, str]) -> list[tuple[str, float]]:
    """Publish, then unpublish, an article from another process; time until every worker agrees."""
    timings = []
    for action, expected in (("publish", 200), ("unpublish", 404)):
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.publish_probe", action],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        committed = float(completed.stdout.split()[-1])
        deadline = time.time() + PUBLISH_DEADLINE_SECONDS + 5
        agreeing = 0
        while time.time() < deadline:
            # A run of consecutive answers spread over the workers: all of them show the change.
            status = fetch(base + "/articles/benchmark-probe/").status
            agreeing = agreeing + 1 if status == expected else 0
            if agreeing >= 20:
                break
            time.sleep(0.01)
        timings.append((action, time.time() - committed if agreeing >= 20 else float("inf")))
    print("\nan article published, then unpublished, by another process (as an editor saving in the admin):")
    for action, seconds in timings:
        print(f"  {action:10} seen by every worker within {seconds:.2f} s of the commit "
              f"(target < {PUBLISH_DEADLINE_SECONDS:.0f} s; each worker checks every second)")  # fmt: skip
    return timings


def reading_paths(base: str) -> list[str]:
    """Every page in the sitemap plus the other reading pages and popular searches."""
    sitemap = fetch(base + "/sitemap.xml").body.decode()
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    paths += ["/", "/tags/", "/tags/nightmares/", "/tags/shame/", "/safety/", "/feeds/articles/",
              "/robots.txt", "/sitemap.xml"]  # fmt: skip
    paths += [f"/search/?q={q}" for q in POPULAR_SEARCHES] + [f"/api/search/?q={q}" for q in POPULAR_SEARCHES]
    pairs = [f"{a}+{b}" for a in SEARCH_WORDS for b in SEARCH_WORDS if a != b]
    paths += [f"/search/?q={q}" for q in pairs[:: len(pairs) // SEARCHES_IN_MIX][:SEARCHES_IN_MIX]]
    return list(dict.fromkeys(paths))


def _memory_line(label: str, sizes: dict[int, float]) -> str:
    unit = "MiB per worker" if len(sizes) > 1 else "MiB"
    return f"  {label:34}" + "".join(f"{mb:8.1f}" for mb in sizes.values()) + f"   {unit}"


def memory_phases(env: dict[str, str], workdir: Path, scripts: Path, paths: list[str]) -> tuple[float, int]:
    """One worker (so every request is its own), two phases of 10,000 requests each."""
    server = Gunicorn(env, 1, workdir / "gunicorn-memory.log")
    try:
        server.wait_ready()
        print(
            f"\nmemory: one worker (production configuration), {REQUESTS_PER_WORKER_PER_PHASE:,} requests "
            f"per phase over {len(paths)} reading pages and searches, {CONNECTIONS} connections:"
        )
        print(_memory_line("at start", server.worker_rss_mb()))
        sizes, errors = [], 0
        script = wrk.write_script(
            scripts / "memory.lua", paths, stop_after=REQUESTS_PER_WORKER_PER_PHASE // wrk.THREADS
        )
        for phase in (1, 2):
            result = wrk.run(
                server.base_url, script, connections=CONNECTIONS, seconds=MEMORY_PHASE_LIMIT_SECONDS
            )
            errors += result.errors
            sizes.append(server.worker_rss_mb())
            label = f"after {REQUESTS_PER_WORKER_PER_PHASE * phase:,} requests"
            print(
                _memory_line(label, sizes[-1]) + f"  ({result.requests:,} answered, {result.errors} errors)"
            )
    finally:
        server.stop()
    growth = max(sizes[1][pid] - sizes[0].get(pid, 0.0) for pid in sizes[1])
    print(f"  growth from 10,000 to 20,000: {growth:+.1f} MiB "
          f"(target: none, within {MEMORY_GROWTH_TOLERANCE_MB:.0f} MiB of allocator noise)")  # fmt: skip
    return growth, errors


def soak(server: Gunicorn, scripts: Path, paths: list[str]) -> tuple[wrk.Result, float]:
    """Two back-to-back halves; growth is what the second half adds, once every worker is warm."""
    script = wrk.write_script(scripts / "soak.lua", paths)
    sizes = [server.worker_rss_mb()]
    halves = []
    for _ in range(2):
        halves.append(
            wrk.run(server.base_url, script, connections=SOAK_CONNECTIONS, seconds=SOAK_SECONDS // 2)
        )
        sizes.append(server.worker_rss_mb())
    result = wrk.combine(halves)
    # A leak grows every worker (they serve the same mix); one worker's step is the allocator's.
    growths = [sizes[2][pid] - sizes[1].get(pid, 0.0) for pid in sizes[2]]
    growth = sum(growths) / len(growths)
    print(
        f"\nsoak: {SOAK_SECONDS} s at {SOAK_CONNECTIONS} connections over {len(paths)} "
        f"reading pages and searches:"
    )
    print(
        f"  {result.requests:,} requests, {result.rps:.0f} req/s, p50 {result.p50_ms:.2f} ms, "
        f"p99 {result.p99_ms:.2f} ms (median half), max {result.max_ms:.0f} ms, errors {result.errors}"
    )
    for label, size in zip(
        ("memory at start", f"after {SOAK_SECONDS // 2} s", f"after {SOAK_SECONDS} s"), sizes, strict=True
    ):
        print(_memory_line(label, size))
    print(
        f"  growth over the second half: {growth:+.1f} MiB per worker on average, "
        f"largest {max(growths):+.1f} MiB"
    )
    return result, growth


def main() -> int:
    cpus = cpu_count()
    workers = int(os.environ.get("BENCH_WORKERS") or workers_for(cpus))
    workdir = Path(tempfile.mkdtemp(prefix="healing-paths-bench-"))
    scripts = workdir / "wrk"
    scripts.mkdir()
    env = production_env(workdir)
    wrk.ensure_installed()
    cache = os.environ.get("DJANGO_CACHE_URL", "locmem:// (each worker its own)")
    threads = env.get("GUNICORN_THREADS", "2")
    print(f"machine: {cpus} CPUs; gunicorn: {workers} workers x {threads} threads "
          f"(config/gunicorn.conf.py); page cache: {cache}; database: SQLite in {workdir}")  # fmt: skip
    # Other work on the machine lengthens every latency tail; say how busy it was before we started.
    print(
        "load average before the benchmark (1, 5, 15 min): " + " ".join(f"{n:.1f}" for n in os.getloadavg())
    )
    server = None
    try:
        print(f"setup: collectstatic, migrate, loadcontent, rebuild_index in {prepare_site(env):.1f} s")
        server = Gunicorn(env, workers, workdir / "gunicorn.log")
        server.wait_ready()
        base = server.base_url
        weight_kb, assets = page_weight(base)
        stylesheet = next(url for url in assets if url.endswith(".css"))

        rows = throughput(
            base,
            scripts,
            [
                ("static stylesheet (hashed)", stylesheet, 0),
                ("explainer " + EXPLAINER, EXPLAINER, 0),
                ("article " + ARTICLE, ARTICLE, 0),
                ("search " + SEARCH, SEARCH, 0),
                # A phrase plus a number the page ignores: every URL new, so the search really runs.
                ("search, never cached", "/search/?q=<phrase>&n=<new>", 1),
            ],
        )
        static = rows[0]
        print_table(rows, static)
        timings = publish_probe(base, env)
        paths = reading_paths(base)
        soak_result, soak_growth = soak(server, scripts, paths)
        server.stop()
        growth, memory_errors = memory_phases(env, workdir, scripts, paths)
        logged = sum(search_terms_logged(log) for log in workdir.glob("gunicorn*.log"))
        print(f"\nlog lines that show a query string: {logged}")

        failures: list[str] = []
        share = {row.name: row.result.rps / static.result.rps for row in rows}
        print("\ntargets:")
        for row in rows[1:3]:
            check(f"{row.name} >= {TARGET_PAGE_SHARE} of static ({share[row.name]:.2f})",
                  share[row.name] >= TARGET_PAGE_SHARE, failures)  # fmt: skip
        search, never_cached = rows[3], rows[4]
        check(f"{search.name} >= {TARGET_SEARCH_SHARE} of static ({share[search.name]:.2f})",
              share[search.name] >= TARGET_SEARCH_SHARE, failures)  # fmt: skip
        # No target: what a search nobody made before costs (the engine and the page template).
        print(f"  (info)  {never_cached.name}: {share[never_cached.name]:.2f} of static, "
              f"{never_cached.result.p50_ms:.0f} ms p50 under load")  # fmt: skip
        for row in rows:
            if row.cached and row is not static:
                check(f"{row.name} p99 < {TARGET_P99_MS:.0f} ms ({row.result.p99_ms:.1f})",
                      row.result.p99_ms < TARGET_P99_MS, failures)  # fmt: skip
        for row in rows:
            check(f"{row.name}: zero errors at {CONNECTIONS} connections ({row.result.errors})",
                  row.result.errors == 0, failures)  # fmt: skip
        check(f"explainer under {TARGET_PAGE_WEIGHT_KB:.0f} KB ({weight_kb:.1f} KB)",
              weight_kb < TARGET_PAGE_WEIGHT_KB, failures)  # fmt: skip
        check("published and unpublished articles reach every worker in time",
              all(s < PUBLISH_DEADLINE_SECONDS for _, s in timings), failures)  # fmt: skip
        check(f"no memory growth in a worker from 10,000 to 20,000 requests ({growth:+.1f} MiB)",
              growth <= MEMORY_GROWTH_TOLERANCE_MB and memory_errors == 0, failures)  # fmt: skip
        check(f"soak: zero errors ({soak_result.errors}), no memory growth ({soak_growth:+.1f} MiB/worker)",
              soak_result.errors == 0 and soak_growth <= MEMORY_GROWTH_TOLERANCE_MB, failures)  # fmt: skip
        check("no search term in the server's log", logged == 0, failures)
        return 1 if failures else 0
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
