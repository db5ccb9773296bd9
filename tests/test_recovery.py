"""A run killed mid-batch leaves the archive consistent, and the next run picks up where it stopped."""

import json
import subprocess
import sys
from pathlib import Path

from archive.archive import Archive
from tests.documents import write

KILLED_RUN = """
import os, sys
from archive.archive import Archive
from ingest.pipeline import Limits
from ingest.run import ingest
archive = Archive(sys.argv[1])
with archive.batch():
    for n, result in enumerate(ingest(sys.argv[2:], archive.add, Limits()), start=1):
        if n == 3:
            os._exit(9)  # killed: the catalog rows are committed, the index batch is not
"""


def test_killed_run_is_completed_by_the_next(evidence, tmp_path, home):
    sources = [str(write(tmp_path / "src" / f"doc{i}.txt", f"Document {i} about drone exports.")) for i in range(5)]
    done = subprocess.run([sys.executable, "-c", KILLED_RUN, str(home), *sources],
                          cwd=Path(__file__).parents[1], capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr

    with Archive(home) as archive:
        assert archive.catalog.count_captures() == 3
        assert archive.catalog.unindexed_ids() == [1, 2, 3]
        for capture in archive.catalog.iter_captures():
            assert archive.original(capture)  # every catalogued capture has its blob

    result = evidence("ingest", "--json", *sources)
    assert result.exit_code == 0
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    assert statuses == ["exists", "exists", "exists", "captured", "captured"]
    found = json.loads(evidence("search", "drone", "--json", "--limit", "10").stdout)
    assert found["total"] == 5
