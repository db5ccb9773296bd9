"""Content-addressed blob store: original bytes written once, never modified."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from archive.errors import IntegrityError

CHUNK = 1024 * 1024  # what a streamed put reads at a time
_HEX_DIGEST = re.compile("[0-9a-f]{64}")  # a blob's name, and all that may become a path under the store


def sha256_hex(data: bytes) -> str:
    """Return the SHA-256 of bytes as lowercase hex."""
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Files under blobs/sha256/ab/cd/<hash>, each written atomically and read-only."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.root = self.folder / "sha256"

    @property
    def location(self) -> str:
        """Name the store for people: its folder."""
        return str(self.folder)

    def describe(self) -> dict:
        """Say where the store is for people."""
        return {"backend": "files", "location": str(self.folder.resolve())}

    def path_for(self, sha256: str) -> Path:
        """Return where the blob with this hash lives."""
        if not _HEX_DIGEST.fullmatch(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root.joinpath(sha256[:2], sha256[2:4], sha256)

    def has(self, sha256: str) -> bool:
        """Tell whether a blob is stored."""
        return self.path_for(sha256).is_file()

    def holds_any(self) -> bool:
        """Tell whether any blob was ever stored here."""
        try:
            with os.scandir(self.root) as entries:
                return any(entry.is_dir() for entry in entries)
        except FileNotFoundError:
            return False

    def iter_hashes(self) -> Iterator[str]:
        """Yield the hash of every stored blob."""
        for _root, _dirs, files in os.walk(self.root):
            yield from (name for name in files if not name.startswith("."))

    def put(self, data: bytes, sha256: str | None = None) -> str:
        """Store bytes once under their hash and return the hash; an existing blob is never rewritten."""
        digest = sha256 or sha256_hex(data)
        self._write_once(digest, lambda tmp: tmp.write(data))
        return digest

    def put_stream(self, stream: BinaryIO, sha256: str) -> str:
        """Store a stream's bytes once under their hash, a piece at a time, checked against it before the blob
        exists (IntegrityError, nothing stored, when they differ); return the hash."""
        def copy(tmp: BinaryIO) -> None:
            digest = hashlib.sha256()
            while chunk := stream.read(CHUNK):
                digest.update(chunk)
                tmp.write(chunk)
            if digest.hexdigest() != sha256:
                raise IntegrityError(f"the bytes given for blob {sha256} do not match its hash; nothing was stored")

        self._write_once(sha256, copy)
        return sha256

    def _write_once(self, sha256: str, write: Callable[[BinaryIO], object]) -> None:
        """Write a blob through a temporary file (fsync, read-only, hard link), unless it is stored already."""
        target = self.path_for(sha256)
        if target.is_file():
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as tmp:
                write(tmp)
                tmp.flush()
                os.fsync(tmp.fileno())
            os.chmod(tmp_name, 0o444)
            # link() fails if another writer got there first, so an existing blob is never replaced.
            try:
                os.link(tmp_name, target)
            except FileExistsError:
                pass
        finally:
            os.unlink(tmp_name)
        _fsync_dir(target.parent)

    def get(self, sha256: str, verify: bool = False) -> bytes:
        """Return a blob's bytes, optionally checking them against their hash."""
        data = self.path_for(sha256).read_bytes()
        if verify and sha256_hex(data) != sha256:
            raise IntegrityError(f"blob {sha256} does not match its hash")
        return data

    def open(self, sha256: str):
        """Open a blob for streaming reads."""
        return self.path_for(sha256).open("rb")


def _fsync_dir(path: Path) -> None:
    """Make a rename or link durable by syncing its directory."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
