"""A blob read once from its store into a spooled copy, checked against its hash before anyone reads it.

Serving an original must refuse bytes that no longer match their hash, which can only be known after the
last byte is read, yet a large original should not sit whole in memory, nor be read twice from a bucket. So it
is read once, hashed as it is copied into a SpooledTemporaryFile (memory up to SPOOL_IN_MEMORY, then a
temporary file, as warcio spills large bodies), and handed out only once it is known to be intact.
"""

from __future__ import annotations

import hashlib
import tempfile
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
    digest, size = hashlib.sha256(), 0
    try:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            copy.write(chunk)
            size += len(chunk)
        if digest.hexdigest() != sha256:
            raise IntegrityError(f"blob {sha256} does not match its hash")
    except BaseException:
        copy.close()
        raise
    copy.seek(0)
    return copy, size
