import os
import stat

import pytest

from archive.store import BlobStore, sha256_hex


def test_put_stores_bytes_under_their_hash(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    digest = store.put(b"evidence")
    assert digest == sha256_hex(b"evidence")
    path = store.path_for(digest)
    assert path == tmp_path / "blobs" / "sha256" / digest[:2] / digest[2:4] / digest
    assert path.read_bytes() == b"evidence"
    assert store.get(digest, verify=True) == b"evidence"


def test_blobs_are_read_only_and_never_rewritten(tmp_path):
    store = BlobStore(tmp_path / "blobs")
    digest = store.put(b"original")
    path = store.path_for(digest)
    assert not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    inode = os.stat(path).st_ino
    assert store.put(b"original") == digest
    assert os.stat(path).st_ino == inode  # the same file, untouched
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".tmp-")]


def test_path_for_refuses_anything_but_a_hash(tmp_path):
    with pytest.raises(ValueError):
        BlobStore(tmp_path).path_for("../../etc/passwd")
