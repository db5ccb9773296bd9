"""A blob read once from its store into a copy, checked against its hash before anyone reads it.

Serving an original must refuse bytes that no longer match their hash, which can only be known after the
last byte is read, yet a large original should not sit whole in memory, nor be read twice from a bucket. So it
is read once, hashed as it is copied, and handed out only once it is known to be intact: into a
SpooledTemporaryFile (memory up to SPOOL_IN_MEMORY, then a temporary file, as warcio spills large bodies) for
this process to read, or into a named temporary file for a worker process to open by its path. A stream
from elsewhere (an original on its way into a bucket, archive/s3_store.py) is checked into a spooled copy the
same way.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from archive.errors import IntegrityError
from archive.seams import BlobBackend

SPOOL_IN_MEMORY = 8 * 1024 * 1024
CHUNK = 1024 * 1024


def verified_copy(store: BlobBackend, sha256: str) -> tuple[BinaryIO, int]:
    """Return a copy of a blob at its start and its size; raise IntegrityError when its bytes do not match
    their hash (FileNotFoundError when it is missing)."""
    with store.open(sha256) as blob:
        return checked_copy(blob, sha256)


def checked_copy(stream: BinaryIO, sha256: str) -> tuple[BinaryIO, int]:
    """Copy what a stream holds into a spooled file, hashing it on the way; return the copy at its start and its
    size, or raise IntegrityError when the bytes do not match `sha256`."""
    copy = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
    try:
        size = _copy_checked(stream, sha256, copy)
    except BaseException:
        copy.close()
        raise
    copy.seek(0)
    return copy, size


@contextmanager
def verified_file(store: BlobBackend, sha256: str) -> Iterator[Path]:
    """Yield the path of a temporary file holding a blob, checked against its hash (IntegrityError when it does
    not match), and delete the file afterwards: for a worker process to open, so that neither this process nor
    the pipe to the worker carries the blob whole."""
    handle, name = tempfile.mkstemp(prefix="evidence-original-")
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as copy, store.open(sha256) as blob:
            _copy_checked(blob, sha256, copy)
        yield path
    finally:
        path.unlink(missing_ok=True)


def _copy_checked(stream: BinaryIO, sha256: str, copy: BinaryIO) -> int:
    """Copy a stream into `copy` in CHUNK pieces, hashing as it goes; return its size, or raise IntegrityError."""
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        copy.write(chunk)
        size += len(chunk)
    if digest.hexdigest() != sha256:
        raise IntegrityError(f"blob {sha256} does not match its hash")
    return size
