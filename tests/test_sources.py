"""Reading sources: only regular files are read, and never more bytes than the size cap allows."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archive.errors import CaptureError
from ingest.sources import read_file
from tests.documents import html_page, write

REPO = Path(__file__).resolve().parents[1]
# Runs `evidence` with its address space capped, so that a read without end fails fast instead of filling memory.
LAUNCH = ("import resource, sys; "
          "resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv.pop(1)), resource.RLIM_INFINITY)); "
          "from app import cli; cli(prog_name='evidence')")


def evidence_process(home: Path, *args: str, memory: int = 4 << 30, timeout: float = 120):
    """Run `evidence --home HOME ARGS...` in its own process and return the finished process."""
    command = [sys.executable, "-c", LAUNCH, str(memory), "--home", str(home), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=timeout)


def _lines(stdout: str) -> dict[str, dict]:
    return {line["source"]: line for line in map(json.loads, stdout.splitlines())}


def test_fifos_in_a_folder_fail_plainly_and_the_good_file_is_captured(tmp_path):
    folder = tmp_path / "folder"
    good = write(folder / "good.html", html_page("Drones", "Report on drone exports."))
    named = folder / "p.html"  # picked up by its name
    bare = folder / "pipe"  # no extension: the folder walk would sniff its first bytes
    crawl = tmp_path / "crawl.warc"  # named on the command line: imported as a WARC file
    for fifo in (named, bare, crawl):
        os.mkfifo(fifo)
    done = evidence_process(tmp_path / "home", "ingest", "--json", str(folder), str(crawl), timeout=60)
    assert done.returncode == 1, done.stderr
    lines = _lines(done.stdout)
    assert lines[str(good)]["status"] == "captured"
    for fifo in (named, bare, crawl):
        assert lines[str(fifo)]["status"] == "failed"
        assert lines[str(fifo)]["error"] == f"{fifo}: not a regular file (a FIFO)"


def test_a_device_whose_size_reads_as_zero_is_refused_plainly(tmp_path):
    done = evidence_process(tmp_path / "home", "ingest", "--max-size", "1", "/dev/zero", memory=2 << 30)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr + done.stdout
    assert "failed   /dev/zero: not a regular file (a character device)" in done.stderr


def test_a_regular_file_longer_than_its_announced_size_is_cut_at_the_cap():
    # Files under /proc say they are empty (st_size 0) and then hold whatever they hold when read.
    maps = Path("/proc/self/maps")
    if not maps.is_file() or maps.stat().st_size:
        pytest.skip("needs Linux's /proc, whose files announce a size of 0")
    with pytest.raises(CaptureError, match=r"^/proc/self/maps: the file is too large \(over the 0\.0 MB limit\)$"):
        read_file(str(maps), 1000)


def test_a_regular_file_within_the_cap_is_read_whole(tmp_path):
    page = write(tmp_path / "page.html", b"x" * 1000)
    assert read_file(str(page), 1000).body == b"x" * 1000
    with pytest.raises(CaptureError, match=r"page\.html: the file is too large \(0\.0 MB, limit 0\.0 MB\)$"):
        read_file(str(page), 999)
