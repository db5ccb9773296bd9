"""The helper processes that hash originals in files for verify: right digests, None for what cannot be read,
safe from several threads, and gone after close."""

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from archive.file_digests import FileDigests


def test_digests_match_hashlib_and_unreadable_files_give_none(tmp_path):
    files = []
    for number, size in enumerate([0, 1, 2047, 2048, 300_000]):
        path = tmp_path / f"blob-{number}"
        path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
        files.append(path)
    missing, folder = tmp_path / "gone", tmp_path / "a-folder"
    folder.mkdir()
    with FileDigests(2) as helpers:
        digests = helpers.digests([str(p) for p in files] + [str(missing), str(folder)])
    assert digests[:5] == [hashlib.sha256(p.read_bytes()).hexdigest() for p in files]
    assert digests[5:] == [None, None]


def test_many_threads_share_the_helpers_and_each_gets_its_own_answers(tmp_path):
    paths = []
    for number in range(60):
        path = tmp_path / f"blob-{number}"
        path.write_bytes(f"original number {number}".encode() * 50)
        paths.append(str(path))
    batches = [paths[i:i + 7] for i in range(0, len(paths), 7)]
    with FileDigests(2) as helpers, ThreadPoolExecutor(4) as threads:
        answers = list(threads.map(helpers.digests, batches))
    expected = [[hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in batch] for batch in batches]
    assert answers == expected


def test_close_ends_every_helper(tmp_path):
    helpers = FileDigests(2)
    workers = list(helpers._all)
    helpers.close()
    assert [worker.returncode for worker in workers] == [0, 0]
