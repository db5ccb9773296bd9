"""Hash many files in helper processes, for verify.

Threads that hash small files take and give back the interpreter lock several times a file (open, read, hash,
close), and each time the thread checking the catalog must stop for them: at 3,000 originals that cost the check
about half a second, as much as the hashing itself. A helper process has a lock of its own: a thread here sends
it a batch of paths and waits for the digests, one round trip a batch.

The helper is `digest_worker.py`, run by path with `python -I -S` (no site packages, nothing of ours imported),
so it starts in a few milliseconds.
"""

from __future__ import annotations

import queue
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

WORKER = Path(__file__).with_name("digest_worker.py")


class FileDigests:
    """A few helper processes that return each file's SHA-256 (None when it cannot be read); any thread may call
    `digests`, each call uses one helper at a time."""

    def __init__(self, processes: int):
        self._idle: queue.SimpleQueue[subprocess.Popen] = queue.SimpleQueue()
        self._all: list[subprocess.Popen] = []
        try:
            for _ in range(processes):
                worker = subprocess.Popen([sys.executable, "-I", "-S", str(WORKER)], stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                self._all.append(worker)
                self._idle.put(worker)
        except OSError:
            self.close()
            raise

    def digests(self, paths: Sequence[str]) -> list[str | None]:
        """Return the hex SHA-256 of each file, in order; None for a file that cannot be read."""
        worker = self._idle.get()
        try:
            # Paths are the store's own (hex names under its folder): no newline can be in one.
            worker.stdin.write("".join(f"{path}\n" for path in paths).encode("utf-8") + b"\n")
            worker.stdin.flush()
            lines = [worker.stdout.readline() for _ in paths]
        finally:
            self._idle.put(worker)
        if not all(lines):
            raise OSError("a hashing helper process ended early")
        return [None if line == b"-\n" else line.decode("ascii").strip() for line in lines]

    def close(self) -> None:
        """End the helpers (they exit when their input closes)."""
        for worker in self._all:
            try:
                worker.stdin.close()
            except OSError:
                pass
        for worker in self._all:
            try:
                worker.wait(timeout=5)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            worker.stdout.close()
        self._all.clear()

    def __enter__(self) -> FileDigests:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
