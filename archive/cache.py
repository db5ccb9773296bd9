"""Derived files kept under the home's cache/ folder: pictures of pages, the tables found on them. The only module
that touches cache/.

Nothing here is evidence: every file can be made again from an original, so the folder may be deleted at any
time. A file is written aside and renamed into place, so a reader (another thread, another process) finds it
whole or not at all; the folder is held under `max_bytes` by deleting the files written longest ago.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from pathlib import Path

MAX_BYTES = 512 * 1024 * 1024
SWEEP_EVERY = 64  # files written between two looks at the folder's size: a look walks the whole folder
KEPT_SHARE = 0.8  # a sweep deletes down to this share of max_bytes, so that the next write does not sweep again
_KEY = re.compile(r"[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*")  # what a key may be: it becomes a path under cache/


class DerivedCache:
    """Files under cache/<key>, each written whole; the oldest deleted past a size bound."""

    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES):
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._writes = 0
        self._lock = threading.Lock()

    def path_for(self, key: str) -> Path:
        """Return where the file of a key lives."""
        if not _KEY.fullmatch(key) or ".." in key.split("/"):
            raise ValueError(f"not a cache key: {key!r}")
        return self.folder / key

    def get(self, key: str) -> bytes | None:
        """Return a cached file's bytes, or None when it was never made or was deleted."""
        try:
            return self.path_for(key).read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            return None

    def put(self, key: str, data: bytes) -> None:
        """Keep a file under its key, replacing what was there (the same derivation gives the same bytes)."""
        target = self.path_for(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, staging = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(staging, target)
        except BaseException:
            os.unlink(staging)
            raise
        with self._lock:
            self._writes += 1
            due = self._writes % SWEEP_EVERY == 0
        if due:
            self.sweep()

    def sweep(self) -> int:
        """Delete the files written longest ago until the folder holds at most KEPT_SHARE of max_bytes, when it
        holds more than max_bytes; return how many bytes were freed."""
        files = []
        for root, _dirs, names in os.walk(self.folder):
            for name in names:
                path = Path(root) / name
                try:
                    stat = path.stat()
                except FileNotFoundError:  # another process swept it a moment ago
                    continue
                files.append((stat.st_mtime, stat.st_size, path))
        total = sum(size for _, size, _ in files)
        if total <= self.max_bytes:
            return 0
        freed = 0
        for _mtime, size, path in sorted(files):
            if total - freed <= self.max_bytes * KEPT_SHARE:
                break
            try:
                path.unlink()
                freed += size
            except FileNotFoundError:
                continue
        return freed
