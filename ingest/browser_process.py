"""The browser's processes: started outside the worker's address-space cap, held to a memory cap, killed whole.

A worker caps its own address space (RLIMIT_AS, ingest/tasks.py), and its children inherit the cap. Chromium
reserves address space it never touches (measured: 54 GB for the browser process, 1.5 TB for a renderer: V8's
pointer cage, PartitionAlloc's pools) and dies at start under the worker's 2 GiB (SIGTRAP). So the Playwright
driver, which starts Chromium, is started with the cap lifted (`uncapped_children`), and the browser is bounded
another way:
- memory: `MemoryWatch` sums what Chromium's processes hold in memory every half second and kills them all
  past the worker's memory limit. It counts PSS (each shared page once: 390 MB for a plain page, where the sum
  of RSS says 940 MB), read only when the cheaper RSS sum passes the limit, since RSS is never below PSS;
- time: the visit has its own deadline (ingest/browser.py) and kills the browser when it passes;
- the worker's death: the driver ends when its pipe from the worker closes and takes Chromium down with it
  (measured: nothing left 3 s after a SIGKILL of the Python process).
Playwright starts Chromium as the leader of its own process group; every process Chromium starts joins it
except its crash reporters, which exit with it, so killing the group ends the browser.
"""

from __future__ import annotations

import os
import resource
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

WATCH_SECONDS = 0.5
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@contextmanager
def uncapped_children() -> Iterator[None]:
    """Let processes started inside the block reserve address space freely (the worker's own cap is lifted
    meanwhile and put back after: nothing hostile is read while it is off)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == hard:
        yield
        return
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def browser_group(profile: str) -> int | None:
    """Return the process group of the Chromium running with the profile folder `profile`, if one does."""
    wanted = f"--user-data-dir={profile}".encode()
    for pid in _pids():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                arguments = handle.read().split(b"\0")
        except OSError:
            continue
        if wanted in arguments and not any(a.startswith(b"--type=") for a in arguments):
            try:
                return os.getpgid(pid)
            except OSError:
                return None
    return None


def kill_group(group: int | None) -> None:
    """Kill every process of a group, if it still exists."""
    if group is None or group <= 1:
        return
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def group_memory(group: int, limit: int) -> int:
    """Return the bytes a process group holds in memory: the sum of RSS when under `limit`, else of PSS."""
    members = [pid for pid in _pids() if _group_of(pid) == group]
    resident = sum(_statm_resident(pid) for pid in members)
    return resident if resident <= limit else sum(_proportional(pid) for pid in members)


class MemoryWatch:
    """Kill a process group whose memory passes `limit` bytes; `tripped` tells that it did."""

    def __init__(self, group: int, limit: int):
        self.group = group
        self.limit = limit
        self.tripped = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="evidence-browser-memory", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _watch(self) -> None:
        while not self._stop.wait(WATCH_SECONDS):
            if group_memory(self.group, self.limit) > self.limit:
                self.tripped = True
                kill_group(self.group)
                return


def _pids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def _group_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return int(fields[2])  # after the name: state, ppid, pgrp
    except (OSError, IndexError, ValueError):
        return None


def _statm_resident(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def _proportional(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return _statm_resident(pid)
