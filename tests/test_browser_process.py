"""The browser's processes (ingest/browser_process.py): started free of the worker's address-space cap, killed
whole past the memory limit, and gone when the worker that drove them dies."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time

import pytest

from archive.errors import CaptureError
from ingest.browser_process import MemoryWatch, group_memory, uncapped_children
from ingest.limits import Limits
from ingest.pipeline import capture
from ingest.sources import SourceItem
from ingest.workers import WorkerPool
from tests.documents import html_page
from tests.test_browser_visit import browsers_left, no_browser_left

MB = 1024 * 1024
HOLD = "import time; block = bytearray({size}); block[::4096] = b'x' * len(block[::4096]); time.sleep(60)"


def test_children_started_in_the_block_are_not_capped(tmp_path):
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (4096 * MB, hard))
    try:
        report = [sys.executable, "-c", "import resource; print(resource.getrlimit(resource.RLIMIT_AS)[0])"]
        with uncapped_children():
            inside = int(subprocess.run(report, capture_output=True, text=True).stdout)
        outside = int(subprocess.run(report, capture_output=True, text=True).stdout)
        assert resource.getrlimit(resource.RLIMIT_AS)[0] == 4096 * MB  # put back
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    assert inside == hard and outside == 4096 * MB


def test_a_process_group_past_the_memory_limit_is_killed_whole():
    size = 300 * MB
    holders = [subprocess.Popen([sys.executable, "-c", HOLD.format(size=size // 2)], process_group=0)]
    group = os.getpgid(holders[0].pid)
    holders.append(subprocess.Popen([sys.executable, "-c", HOLD.format(size=size // 2)],
                                    process_group=group))
    try:
        deadline = time.monotonic() + 30
        while group_memory(group, size) < size * 0.9 and time.monotonic() < deadline:
            time.sleep(0.1)
        watch = MemoryWatch(group, 200 * MB)
        for holder in holders:
            assert holder.wait(timeout=10) == -signal.SIGKILL
        watch.stop()
        assert watch.tripped
    finally:
        for holder in holders:
            if holder.poll() is None:
                holder.kill()
                holder.wait()


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_the_browser_dies_with_the_worker_that_drives_it(http_server):
    http_server.serve("/endless.gif", b"GIF89a", content_type="image/gif", trickle=0.2)
    url = http_server.serve("/slow", html_page("Slow", '<p>Loading forever.</p><img src="/endless.gif">'))
    limits = Limits(allow_private=True, timeout=60, time_limit=120)
    pool = WorkerPool(1)
    try:
        ticket = pool.submit(url, capture, (SourceItem(url, True, browser=True), limits), limits)
        deadline = time.monotonic() + 60
        while not browsers_left() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert browsers_left(), "the browser never started"
        [worker] = pool.pids
        os.kill(worker, signal.SIGKILL)
        with pytest.raises(CaptureError):
            ticket.result()
        assert no_browser_left(within=15)
    finally:
        pool.close()
