"""Search speed with no cache to help: searches nobody made before, against a static file, side by side.

Run with `make bench` (or `.venv/bin/python -m benchmarks.search_speed_bench`). Search is the one thing
readers do that the page cache cannot absorb, so this measures it without the page cache
(DJANGO_PAGE_CACHE_SECONDS=0): gunicorn with the production configuration and SEARCH_BENCH_WORKERS
workers (2 by default), the curated content, and wrk at 32 connections taking turns between

- the hashed stylesheet, served by the same server (the reference), and
- the search page, each request a distinct three-word query drawn from the site's vocabulary (the
  words of the synonym map), so no two requests search the same thing.

Printed: requests per second, p50/p99 latency and errors of each, and the search's throughput as a
share of the stylesheet's. Target: at least TARGET_SHARE. Exit status 1 when it is missed.
"""

import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote_plus

from benchmarks import wrk
from benchmarks.server import Gunicorn, asset_urls, fetch, prepare_site, production_env, search_terms_logged
from benchmarks.targets import check

CONNECTIONS = 32
ROUNDS = 3
ROUND_SECONDS = 4
WARM_SECONDS = 2
WORKERS = 2
# Each wrk run sends the queries of its own block (the Lua script numbers requests offset + 8 x count +
# thread), so no query is sent twice as long as a thread sends fewer than BLOCK / 8 in one run.
BLOCK = 16000
QUERIES = BLOCK * (1 + ROUNDS)  # a block for the warm-up, then one per round
SEED = 20261130
TARGET_SHARE = 0.15
# After a run of searches, the server counts as idle again once the stylesheet comes back this fast.
DRAINED_SECONDS = 0.05
DRAIN_LIMIT_SECONDS = 30


def vocabulary() -> list[str]:
    """Words people search with: every word of the synonym map that is not a stop word or filler."""
    import yaml

    from search.synonyms import SYNONYMS_FILE, parse_synonyms
    from search.text import FILLER_WORDS, STOP_WORDS

    synonyms = parse_synonyms(yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8")))
    found = {w for phrase in synonyms.phrases for w in phrase}
    return sorted(w for w in found if len(w) > 2 and w not in STOP_WORDS and w not in FILLER_WORDS)


def three_word_queries(words: list[str], count: int) -> list[str]:
    """Distinct three-word queries, in a fixed random order."""
    rng = random.Random(SEED)
    queries: set[str] = set()
    while len(queries) < count:
        queries.add("+".join(quote_plus(w) for w in rng.sample(words, 3)))
    ordered = sorted(queries)
    rng.shuffle(ordered)
    return ordered


def drain(base: str, stylesheet: str) -> None:
    """Wait until searches still queued from the last run are answered, so they do not slow the next."""
    deadline = time.monotonic() + DRAIN_LIMIT_SECONDS
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(base + stylesheet)
        if time.monotonic() - started < DRAINED_SECONDS:
            return
        time.sleep(0.2)


def main() -> int:
    workers = int(os.environ.get("SEARCH_BENCH_WORKERS") or WORKERS)
    workdir = Path(tempfile.mkdtemp(prefix="healing-paths-search-bench-"))
    scripts = workdir / "wrk"
    scripts.mkdir()
    env = production_env(workdir)
    env["DJANGO_PAGE_CACHE_SECONDS"] = "0"  # nothing may be answered from the page cache
    wrk.ensure_installed()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    words = vocabulary()
    queries = three_word_queries(words, QUERIES)
    print(f"gunicorn: {workers} workers (config/gunicorn.conf.py), page cache off; {len(words)} vocabulary "
          f"words, {len(queries):,} distinct three-word queries; load average before: "
          + " ".join(f"{n:.1f}" for n in os.getloadavg()))  # fmt: skip
    server = None
    try:
        print(f"setup: collectstatic, migrate, loadcontent, rebuild_index in {prepare_site(env):.1f} s")
        server = Gunicorn(env, workers, workdir / "gunicorn.log")
        server.wait_ready()
        base = server.base_url
        stylesheet = next(url for url in asset_urls(fetch(base + "/").body.decode()) if url.endswith(".css"))
        static_script = wrk.write_script(scripts / "static.lua", [stylesheet])

        def search_script(run: int) -> Path:
            # Every request a query never sent before: the "fresh" search of the script, with the
            # three-word queries as its phrases (the n= number it adds is ignored by the page).
            return wrk.write_script(
                scripts / f"search-{run}.lua", ["/search/"], phrases=queries, fresh_every=1,
                fresh_offset=run * BLOCK,
            )  # fmt: skip

        wrk.run(base, static_script, connections=CONNECTIONS, seconds=WARM_SECONDS)
        wrk.run(base, search_script(0), connections=CONNECTIONS, seconds=WARM_SECONDS)
        drain(base, stylesheet)
        static_runs, search_runs = [], []
        for round_number in range(1, ROUNDS + 1):
            static_runs.append(wrk.run(base, static_script, connections=CONNECTIONS, seconds=ROUND_SECONDS))
            search_runs.append(
                wrk.run(base, search_script(round_number), connections=CONNECTIONS, seconds=ROUND_SECONDS)
            )
            drain(base, stylesheet)
        static, search = wrk.combine(static_runs), wrk.combine(search_runs)
        sent = sum(r.requests for r in search_runs)
        repeated = any(r.requests / wrk.THREADS >= BLOCK / 8 for r in search_runs)
        print(f"\nthroughput at {CONNECTIONS} connections, {ROUNDS} rounds of {ROUND_SECONDS} s, in turns:")
        print(f"  {'':36}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for name, result in (("static stylesheet", static), ("search, distinct 3-word queries", search)):
            print(f"  {name:36}{result.rps:9.0f}{result.p50_ms:9.2f}{result.p99_ms:9.2f}{result.errors:8d}")
        share = search.rps / static.rps
        print(f"  search / static: {share:.3f}x   ({sent:,} searches measured)")
        logged = search_terms_logged(workdir / "gunicorn.log")
        failures: list[str] = []
        print("\ntargets:")
        check(f"search >= {TARGET_SHARE} of static without the page cache ({share:.3f})",
              share >= TARGET_SHARE, failures)  # fmt: skip
        check(f"zero errors ({static.errors + search.errors})", static.errors + search.errors == 0, failures)
        check(f"no search term in the server's log ({logged})", logged == 0, failures)
        if repeated:
            print("  note: a round sent more searches than its block of queries: some were repeated")
        return 1 if failures else 0
    finally:
        if server is not None:
            server.stop()
        time.sleep(0.1)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
