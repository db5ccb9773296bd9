import sqlite3

import pytest

from archive.catalog import Catalog
from archive.ledger import GENESIS_HASH, ledger_hash


def _row(n: int) -> dict:
    return {"sha256": f"{n:064x}", "size": n, "media_type": "text/plain", "kind": "text", "source": f"s{n}",
            "method": "file", "captured_at": "2026-01-01T00:00:00.000000Z", "text": f"text {n}",
            "text_sha256": "0" * 64, "url": "https://example.org/a" if n > 1 else None}


def test_migrations_are_recorded_and_wal_is_on(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    names = [r["name"] for r in catalog.db["_sqlite_migrations"].rows]
    assert names == ["m001_captures_and_ledger", "m002_claims_and_citations", "m003_figures",
                     "m004_exchange_warc", "m005_token_marks", "m006_versions_index",
                     "m007_ledger_covers_every_fact"]
    assert catalog.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The newest version of a URL, asked on every add, is read from the index without sorting.
    plan = " ".join(str(row) for row in catalog.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1",
        ["https://example.org/"]))
    assert "idx_captures_url_captured_at_id" in plan and "TEMP B-TREE" not in plan
    catalog.close()
    # Opening again applies nothing twice.
    again = Catalog(tmp_path / "catalog.db")
    assert [r["name"] for r in again.db["_sqlite_migrations"].rows] == names


def test_every_capture_appends_a_chained_ledger_entry(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    first, created = catalog.add_capture(_row(1), at="2026-01-01T00:00:01.000000Z")
    catalog.add_capture(_row(2), at="2026-01-01T00:00:02.000000Z")
    entries = list(catalog.iter_ledger())
    assert [e["event"] for e in entries] == ["capture.added", "capture.added"]
    assert entries[0]["prev_hash"] == GENESIS_HASH
    assert entries[1]["prev_hash"] == entries[0]["hash"]
    for entry in entries:
        assert entry["hash"] == ledger_hash(entry["prev_hash"], entry["seq"], entry["at"], entry["event"],
                                            entry["subject"], entry["data"])
    assert catalog.ledger_head() == (2, entries[1]["hash"])
    assert first.id == 1 and created


def test_the_ledger_refuses_edits_and_deletions(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    catalog.add_capture(_row(1), at="2026-01-01T00:00:01.000000Z")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        catalog.db.execute("UPDATE ledger SET event = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        catalog.db.execute("DELETE FROM ledger")


def test_same_bytes_are_catalogued_once(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    first, created = catalog.add_capture(_row(1), at="t")
    again, created_again = catalog.add_capture(_row(1), at="t")  # checked inside the write transaction
    assert created and not created_again and again.id == first.id
    assert catalog.ledger_head()[0] == 1  # nothing inserted, no ledger entry
    with pytest.raises(sqlite3.IntegrityError):  # and the database itself refuses a second row
        catalog.db.execute("INSERT INTO captures (sha256, size, media_type, kind, source, method, captured_at, "
                           "text, text_sha256) SELECT sha256, size, media_type, kind, source, method, "
                           "captured_at, text, text_sha256 FROM captures WHERE id = 1")


def test_versions_and_index_bookkeeping(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    for n in (1, 2, 3):
        catalog.add_capture(_row(n), at="t")
    assert [c.id for c in catalog.versions("https://example.org/a")] == [2, 3]
    assert catalog.unindexed_ids() == [1, 2, 3]
    catalog.mark_indexed([1, 3])
    assert catalog.unindexed_ids() == [2]
    assert [c.id for c in catalog.iter_captures(where="indexed = 0")] == [2]
