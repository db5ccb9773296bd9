import sqlite3

import pytest

from archive.catalog import _ACTOR_SQL, Catalog


def _row(n: int) -> dict:
    return {"sha256": f"{n:064x}", "size": n, "media_type": "text/plain", "kind": "text", "source": f"s{n}",
            "method": "file", "captured_at": "2026-01-01T00:00:00.000000Z", "text": f"text {n}",
            "text_sha256": "0" * 64, "url": "https://example.org/a" if n > 1 else None}


def test_migrations_are_recorded_and_wal_is_on(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    names = [r["name"] for r in catalog.db["_sqlite_migrations"].rows]
    assert names == ["m001_captures_and_ledger", "m002_claims_and_citations", "m003_figures",
                     "m004_exchange_warc", "m005_token_marks", "m006_versions_index",
                     "m007_ledger_covers_every_fact", "m008_checkpoints", "m009_accounts",
                     "m010_capture_parts", "m011_ledger_actor_index",
                     "m012_accounts_in_the_ledger", "m013_citation_regions", "m014_entities",
                     "m015_figure_context", "m016_claim_checks"]
    assert catalog.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    # The newest version of a URL, asked on every add, is read from the index without sorting.
    plan = " ".join(str(row) for row in catalog.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1",
        ["https://example.org/"]))
    assert "idx_captures_url_captured_at_id" in plan and "TEMP B-TREE" not in plan
    # Who did what: the ledger filtered by actor, newest first, is read from an index on the actor.
    plan = " ".join(str(row) for row in catalog.db.execute(
        f"EXPLAIN QUERY PLAN SELECT * FROM ledger WHERE {_ACTOR_SQL} = ? ORDER BY seq DESC LIMIT 50", ["user:a"]))
    assert "ledger_actor" in plan and "TEMP B-TREE" not in plan
    catalog.close()
    # Opening again applies nothing twice.
    again = Catalog(tmp_path / "catalog.db")
    assert [r["name"] for r in again.db["_sqlite_migrations"].rows] == names


def test_the_ledger_refuses_edits_and_deletions(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    catalog.add_capture(_row(1), at="2026-01-01T00:00:01.000000Z")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        catalog.db.execute("UPDATE ledger SET event = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        catalog.db.execute("DELETE FROM ledger")


def test_the_database_refuses_a_second_row_of_the_same_bytes(tmp_path):
    catalog = Catalog(tmp_path / "catalog.db")
    catalog.add_capture(_row(1), at="t")
    with pytest.raises(sqlite3.IntegrityError):  # besides the check inside add_capture's transaction
        catalog.db.execute("INSERT INTO captures (sha256, size, media_type, kind, source, method, captured_at, "
                           "text, text_sha256) SELECT sha256, size, media_type, kind, source, method, "
                           "captured_at, text, text_sha256 FROM captures WHERE id = 1")
