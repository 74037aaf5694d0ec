"""`make bench`: run every benchmark, each in its own process, and print the figures they report.

Each benchmark is a module with a main() that sets up its own throwaway database and prints its
figures; a separate process keeps their Django settings and databases apart. Add new ones to BENCHMARKS.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (title, module), run in this order.
BENCHMARKS = [
    ("Pages under load: gunicorn (production configuration) and wrk", "benchmarks.load_bench"),
    ("Search: Whoosh index vs ORM icontains, 5,000 synthetic articles", "benchmarks.search_bench"),
    ("Search without the page cache: distinct searches vs a static file", "benchmarks.search_speed_bench"),
    ("Reading on a phone and by keyboard: chromium at 360 and 1280 px", "benchmarks.phone_layout"),
]


def main(argv: list[str]) -> int:
    wanted = set(argv)
    failures = 0
    for title, module in BENCHMARKS:
        if wanted and module.rsplit(".", 1)[-1] not in wanted:
            continue
        print(f"== {title}", flush=True)
        result = subprocess.run([sys.executable, "-m", module], cwd=ROOT, check=False)
        if result.returncode != 0:
            print(f"!! {module} exited with status {result.returncode}", flush=True)
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
