"""Three app-server processes find the index gone at the same moment: one rebuilds it, the other two
wait for that build and use it, and all three answer from the database meanwhile."""

import subprocess
import sys

import pytest

from tests.operations.processes import ROOT, child_env, database_url

pytestmark = [pytest.mark.slow]

PROCESSES = 3
# Each process searches once (the index is missing: it starts a repair and answers from the
# database), waits for its repair, then searches again from the index.
SCRIPT = """
import django
django.setup()
from search import engine, index
first = engine.search("nightmares")
assert index.wait_for_rebuild(180), "the repair did not finish"
second = engine.search("nightmares")
print("ANSWERS", first.source, first.total > 0, second.source, second.total > 0, flush=True)
"""


def test_three_processes_repairing_a_missing_index_build_it_once(transactional_content, tmp_path):
    index_dir = tmp_path / "shared-index"
    env = child_env(
        tmp_path,
        DATABASE_URL=database_url(),
        SEARCH_INDEX_DIR=str(index_dir),
        SEARCH_REBUILD_IN_BACKGROUND="1",
    )
    children = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [child.communicate(timeout=300)[0] for child in children]
    assert [child.returncode for child in children] == [0] * PROCESSES, outputs
    log = "\n".join(outputs)
    assert log.count("ANSWERS database True index True") == PROCESSES, log
    assert log.count("search index rebuilt in the background") == 1, log
    assert log.count("search index repaired by another process") == PROCESSES - 1, log
    assert "EmptyIndexError" not in log and "Traceback" not in log, log
    assert len(list(index_dir.glob("build-*"))) == 1
