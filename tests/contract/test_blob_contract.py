"""What every blob backend does (archive.seams.BlobBackend): original bytes stored once under their SHA-256,
never rewritten, read whole or streamed, checked against their hash on demand."""

from __future__ import annotations

import hashlib
import io
import random

import pytest

from archive.errors import IntegrityError
from archive.seams import BlobBackend
from tests.contract.backends import unmatched_members


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_store_has_every_member_of_the_seam(blobs):
    assert unmatched_members(blobs, BlobBackend) == []


def test_put_returns_the_hash_and_get_the_bytes(blobs):
    digest = blobs.put(b"evidence")
    assert digest == _sha256(b"evidence")
    assert blobs.get(digest) == blobs.get(digest, verify=True) == b"evidence"


def test_the_same_bytes_twice_are_one_blob(blobs):
    first = blobs.put(b"original")
    assert blobs.put(b"original") == blobs.put(b"original", sha256=first) == first
    assert list(blobs.iter_hashes()) == [first]


def test_a_stored_blob_is_never_rewritten(blobs):
    digest = blobs.put(b"original")
    assert blobs.put(b"other bytes under the same name", sha256=digest) == digest
    assert blobs.get(digest, verify=True) == b"original"


def test_open_streams_a_blob_in_pieces(blobs):
    data = random.Random(5).randbytes(3 * 1024 * 1024 + 7)
    digest = blobs.put(data)
    with blobs.open(digest) as stream:
        pieces = list(iter(lambda: stream.read(1024 * 1024), b""))
    assert len(pieces) == 4 and b"".join(pieces) == data


def test_a_verified_read_of_changed_bytes_raises_integrity_error(blob_case, blobs):
    digest = blobs.put(b"original")
    blob_case.change_bytes(digest, b"tampered")
    with pytest.raises(IntegrityError, match=digest):
        blobs.get(digest, verify=True)
    assert blobs.get(digest) == b"tampered"  # unverified, a read returns what is stored


def test_has_holds_any_and_iter_hashes_tell_what_is_stored(blobs):
    assert not blobs.holds_any() and list(blobs.iter_hashes()) == []
    stored = {blobs.put(data) for data in (b"first", b"second", b"third")}
    assert blobs.holds_any()
    assert sorted(blobs.iter_hashes()) == sorted(stored)
    assert all(blobs.has(digest) for digest in stored)
    assert not blobs.has(_sha256(b"never stored"))


def test_a_missing_blob_raises_file_not_found(blobs):
    missing = _sha256(b"never stored")
    with pytest.raises(FileNotFoundError):
        blobs.get(missing)
    with pytest.raises(FileNotFoundError):
        with blobs.open(missing) as stream:  # a backend may open lazily: the first read raises at the latest
            stream.read()


def test_another_opening_sees_what_one_stored(blob_case, blobs):
    # Ingest workers store originals through their own opening; the writer checks them through its own.
    digest = blobs.put(b"stored by a worker")
    elsewhere = blob_case.backend.open()
    assert elsewhere.has(digest) and elsewhere.get(digest, verify=True) == b"stored by a worker"


def test_a_stream_is_stored_in_pieces_under_its_hash(blobs):
    data = random.Random(7).randbytes(3 * 1024 * 1024 + 7)
    digest = _sha256(data)
    assert blobs.put_stream(io.BytesIO(data), digest) == digest
    assert blobs.get(digest, verify=True) == data and list(blobs.iter_hashes()) == [digest]


def test_a_stream_whose_bytes_do_not_match_their_hash_stores_nothing(blobs):
    claimed = _sha256(b"what the catalog recorded")
    with pytest.raises(IntegrityError, match=claimed):
        blobs.put_stream(io.BytesIO(b"other bytes"), claimed)
    assert not blobs.has(claimed) and list(blobs.iter_hashes()) == []


def test_a_stream_for_a_stored_blob_leaves_it_as_it_is(blobs):
    digest = blobs.put(b"original")
    unread = io.BytesIO(b"other bytes under the same name")
    assert blobs.put_stream(unread, digest) == digest
    assert blobs.get(digest, verify=True) == b"original" and unread.tell() == 0
