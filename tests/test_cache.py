"""The cache of derived files: written whole under safe keys, the oldest deleted past its size bound."""

import os
import threading

import pytest

from archive.cache import DerivedCache


def test_a_file_is_kept_under_its_key_and_replaced_whole(tmp_path):
    cache = DerivedCache(tmp_path / "cache")
    assert cache.get("pages/abc/1-800.png") is None
    cache.put("pages/abc/1-800.png", b"first")
    cache.put("pages/abc/1-800.png", b"second")
    assert cache.get("pages/abc/1-800.png") == b"second"
    assert [p.name for p in (tmp_path / "cache" / "pages" / "abc").iterdir()] == ["1-800.png"]  # nothing left aside


@pytest.mark.parametrize("key", ["../escape", "pages/../../x", "/absolute", "pages//double", "", "a b", "pages/\x00"])
def test_a_key_never_leaves_the_folder(tmp_path, key):
    with pytest.raises(ValueError):
        DerivedCache(tmp_path).get(key)


def test_the_folder_may_be_deleted_at_any_time(tmp_path):
    cache = DerivedCache(tmp_path / "cache")
    cache.put("tables/x/1.json", b"{}")
    (tmp_path / "cache" / "tables" / "x" / "1.json").unlink()
    assert cache.get("tables/x/1.json") is None
    cache.put("tables/x/1.json", b"[]")
    assert cache.get("tables/x/1.json") == b"[]"


def test_past_its_bound_the_files_written_longest_ago_go_first(tmp_path):
    cache = DerivedCache(tmp_path, max_bytes=1000)
    for number in range(12):
        cache.put(f"pages/p/{number}.png", bytes(100))
        os.utime(tmp_path / "pages" / "p" / f"{number}.png", (number, number))  # written a second apart
    assert cache.sweep() == 400  # 1,200 bytes held: down to 800
    assert sorted(int(p.stem) for p in (tmp_path / "pages" / "p").iterdir()) == list(range(4, 12))
    assert cache.sweep() == 0


def test_writers_in_threads_never_leave_a_half_written_file(tmp_path):
    cache = DerivedCache(tmp_path)
    seen = []

    def write(byte: int) -> None:
        for _ in range(50):
            cache.put("pages/same/1.png", bytes([byte]) * 50_000)
            seen.append(cache.get("pages/same/1.png"))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(len(data) == 50_000 and len(set(data)) == 1 for data in seen)
