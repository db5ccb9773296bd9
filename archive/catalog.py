"""The SQLite catalog: captures and the hash-chained ledger. The only module that opens SQLite."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from archive.figures import Figure
from archive.models import Capture, Citation, Claim

migrations = Migrations("evidence")

# JSON-encoded columns of the captures table.
_JSON_COLUMNS = ("redirects", "http_headers", "pages", "notes", "tools", "token_marks")
_CAPTURE_FIELDS = [f for f in Capture.__dataclass_fields__ if f != "text"]
GENESIS_HASH = "0" * 64


@migrations()
def m001_captures_and_ledger(db: sqlite_utils.Database) -> None:
    db["captures"].create(
        {
            "id": int, "sha256": str, "size": int, "media_type": str, "kind": str, "source": str,
            "method": str, "captured_at": str, "url": str, "final_url": str, "redirects": str,
            "http_status": int, "http_headers": str, "title": str, "author": str, "published": str,
            "site": str, "language": str, "charset": str, "pages": str, "notes": str, "tools": str,
            "text": str, "text_sha256": str, "previous_id": int, "indexed": int,
        },
        pk="id",
        not_null={"sha256", "size", "media_type", "kind", "source", "method", "captured_at",
                  "text", "text_sha256"},
        defaults={"indexed": 0},
        foreign_keys=[("previous_id", "captures", "id")],
    )
    db["captures"].create_index(["sha256"], unique=True)
    db["captures"].create_index(["url"])
    db["captures"].create_index(["indexed"])
    db["ledger"].create(
        {"seq": int, "at": str, "event": str, "subject": str, "data": str, "prev_hash": str, "hash": str},
        pk="seq",
        not_null={"at", "event", "data", "prev_hash", "hash"},
    )
    # The ledger is append-only: the database itself refuses edits and deletions.
    db.execute("CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger "
               "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END")
    db.execute("CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger "
               "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END")


@migrations()
def m002_claims_and_citations(db: sqlite_utils.Database) -> None:
    db["claims"].create(
        {"id": int, "text": str, "status": str, "notes": str, "created_at": str, "updated_at": str},
        pk="id", not_null={"text", "status", "created_at", "updated_at"}, defaults={"status": "unchecked"},
    )
    db["citations"].create(
        {"id": int, "claim_id": int, "capture_id": int, "exact": str, "prefix": str, "suffix": str,
         "start": int, "end": int, "page": int, "stance": str, "note": str, "created_at": str,
         "removed_at": str},
        pk="id", not_null={"claim_id", "capture_id", "exact", "prefix", "suffix", "start", "end", "stance",
                           "created_at"},
        foreign_keys=[("claim_id", "claims", "id"), ("capture_id", "captures", "id")],
    )
    db["citations"].create_index(["claim_id"])
    db["citations"].create_index(["capture_id"])


@migrations()
def m003_figures(db: sqlite_utils.Database) -> None:
    # Figures are derived from capture texts, like the search index; existing captures get theirs when the
    # archive next brings its derived data up to date (Archive.index_pending).
    db["figures"].create(
        {"id": int, "capture_id": int, "start": int, "end": int, "text": str, "value": float, "unit": str,
         "approx": str, "precision": float},
        pk="id", not_null={"capture_id", "start", "end", "text", "value", "precision"},
        foreign_keys=[("capture_id", "captures", "id")],
    )
    db["figures"].create_index(["unit", "value"])
    db["figures"].create_index(["capture_id"])
    db.execute("UPDATE captures SET indexed = 0")


@migrations()
def m004_exchange_warc(db: sqlite_utils.Database) -> None:
    db["captures"].add_column("warc_sha256", str)


@migrations()
def m005_token_marks(db: sqlite_utils.Database) -> None:
    # Where every 128th token starts, for snippets (derived from the text, like the index).
    db["captures"].add_column("token_marks", str)
    db.execute("UPDATE captures SET indexed = 0")


@migrations()
def m006_versions_index(db: sqlite_utils.Database) -> None:
    # The newest capture of a URL is looked up on every add; with many versions of one URL, an index on the
    # URL alone left SQLite sorting them all each time.
    db.execute("DROP INDEX IF EXISTS idx_captures_url")
    db["captures"].create_index(["url", "captured_at", "id"])


def canonical_json(value: Any) -> str:
    """Serialise a value the one way that is hashed: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def ledger_hash(prev_hash: str, seq: int, at: str, event: str, subject: str | None, data: str) -> str:
    """Return the hash that chains a ledger entry to the one before it."""
    body = canonical_json({"seq": seq, "at": at, "event": event, "subject": subject,
                           "data": json.loads(data), "prev": prev_hash})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


class Catalog:
    """Rows about captures and the ledger of what happened to them."""

    def __init__(self, path: Path):
        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA busy_timeout=10000")
        self.db.execute("PRAGMA foreign_keys=ON")
        migrations.apply(self.db)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()

    # -- captures ---------------------------------------------------------------------------

    def add_capture(self, row: dict[str, Any], at: str, figures: list[Figure] = ()) -> Capture:
        """Insert a capture row, its figures and its ledger event in one transaction; return the capture."""
        encoded = {k: _encode(k, v) for k, v in row.items()}
        with self.db.atomic():
            capture_id = _insert(self.db, "captures", encoded)
            self._insert_figures(capture_id, figures)
            event = {"capture_id": capture_id, "sha256": row["sha256"], "text_sha256": row["text_sha256"],
                     "source": row["source"], "captured_at": row["captured_at"]}
            if row.get("warc_sha256"):
                event["warc_sha256"] = row["warc_sha256"]
            self._append_ledger("capture.added", str(capture_id), event, at)
        return self.get_capture(capture_id)

    def find_by_sha256(self, sha256: str) -> Capture | None:
        """Return the capture of these exact bytes, if any."""
        rows = list(self.db.query(f"SELECT {_columns()} FROM captures WHERE sha256 = ?", [sha256]))
        return _capture(rows[0]) if rows else None

    def latest_for_url(self, url: str) -> Capture | None:
        """Return the newest capture of a URL, if any."""
        rows = list(self.db.query(
            f"SELECT {_columns()} FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1",
            [url]))
        return _capture(rows[0]) if rows else None

    def versions(self, url: str) -> list[Capture]:
        """Return every capture of a URL, oldest first."""
        rows = self.db.query(
            f"SELECT {_columns()} FROM captures WHERE url = ? ORDER BY captured_at, id", [url])
        return [_capture(r) for r in rows]

    def get_capture(self, capture_id: int, with_text: bool = False) -> Capture | None:
        """Return one capture by id, with its text when asked."""
        cols = _columns(with_text)
        rows = list(self.db.query(f"SELECT {cols} FROM captures WHERE id = ?", [capture_id]))
        return _capture(rows[0]) if rows else None

    def get_captures(self, ids: Iterable[int], with_text: bool = False) -> dict[int, Capture]:
        """Return several captures by id."""
        ids = list(ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.db.query(f"SELECT {_columns(with_text)} FROM captures WHERE id IN ({marks})", ids)
        return {r["id"]: _capture(r) for r in rows}

    def iter_captures(self, with_text: bool = False, where: str = "1", batch: int = 200) -> Iterator[Capture]:
        """Stream captures in id order without holding them all in memory."""
        last = 0
        while True:
            rows = list(self.db.query(
                f"SELECT {_columns(with_text)} FROM captures WHERE id > ? AND ({where}) ORDER BY id LIMIT ?",
                [last, batch]))
            if not rows:
                return
            for row in rows:
                yield _capture(row)
            last = rows[-1]["id"]

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return the newest captures first."""
        rows = self.db.query(
            f"SELECT {_columns()} FROM captures ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset])
        return [_capture(r) for r in rows]

    def count_captures(self) -> int:
        """Return how many captures the catalog holds."""
        return self.db.execute("SELECT count(*) FROM captures").fetchone()[0]

    def unindexed_ids(self) -> list[int]:
        """Return captures stored but not yet committed to the search index."""
        return [r[0] for r in self.db.execute("SELECT id FROM captures WHERE indexed = 0 ORDER BY id")]

    def mark_indexed(self, ids: Iterable[int], indexed: bool = True) -> None:
        """Record that captures are (or are no longer) in the search index."""
        ids = list(ids)
        with self.db.atomic():
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                self.db.execute(f"UPDATE captures SET indexed = ? WHERE id IN ({','.join('?' * len(chunk))})",
                                [int(indexed), *chunk])

    def mark_all_unindexed(self) -> None:
        """Forget which captures are indexed, before a full rebuild."""
        with self.db.atomic():
            self.db.execute("UPDATE captures SET indexed = 0")

    # -- figures -----------------------------------------------------------------------------

    def replace_derived(self, capture_id: int, figures: list[Figure], token_marks: list[int]) -> None:
        """Store afresh what is derived from a capture's text: its figures and its token marks."""
        with self.db.atomic():
            self.db.execute("DELETE FROM figures WHERE capture_id = ?", [capture_id])
            self._insert_figures(capture_id, figures)
            self.db.execute("UPDATE captures SET token_marks = ? WHERE id = ?", [json.dumps(token_marks), capture_id])

    def _insert_figures(self, capture_id: int, figures: list[Figure]) -> None:
        self.db.conn.executemany(
            "INSERT INTO figures (capture_id, start, end, text, value, unit, approx, precision) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(capture_id, f.start, f.end, f.text, f.value, f.unit, f.approx, f.precision) for f in figures])

    def figures_of(self, capture_id: int) -> list[Figure]:
        """Return the figures stored for one capture, in text order."""
        rows = self.db.query("SELECT * FROM figures WHERE capture_id = ? ORDER BY start", [capture_id])
        return [_figure(row) for row in rows]

    def figures_between(self, unit: str | None, low: float, high: float,
                        limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of a unit whose value lies in [low, high]."""
        unit_clause = "unit IS NULL" if unit is None else "unit = ?"
        params = ([] if unit is None else [unit]) + [low, high, limit]
        rows = self.db.query(f"SELECT * FROM figures WHERE {unit_clause} AND value BETWEEN ? AND ? "
                             "ORDER BY capture_id, start LIMIT ?", params)
        return [(row["capture_id"], _figure(row)) for row in rows]

    # -- claims and citations ----------------------------------------------------------------

    def add_claim(self, text: str, at: str) -> Claim:
        """Insert a claim and its ledger event."""
        with self.db.atomic():
            claim_id = self.db["claims"].insert({"text": text, "status": "unchecked", "notes": None,
                                                 "created_at": at, "updated_at": at}).last_pk
            self._append_ledger("claim.created", str(claim_id), {"claim_id": claim_id, "text": text}, at)
        return self.get_claim(claim_id)

    def set_claim_status(self, claim_id: int, status: str, notes: str | None, at: str) -> Claim:
        """Change a claim's status (and notes); the change is a ledger event."""
        with self.db.atomic():
            self.db["claims"].update(claim_id, {"status": status, "notes": notes, "updated_at": at})
            self._append_ledger("claim.status_changed", str(claim_id),
                                {"claim_id": claim_id, "status": status, "notes": notes}, at)
        return self.get_claim(claim_id)

    def get_claim(self, claim_id: int) -> Claim | None:
        """Return a claim with its current citations."""
        rows = list(self.db.query("SELECT * FROM claims WHERE id = ?", [claim_id]))
        if not rows:
            return None
        claim = Claim(**rows[0])
        claim.citations = self.citations(claim_id=claim_id)
        return claim

    def list_claims(self) -> list[Claim]:
        """Return all claims, newest first, with their number of current citations."""
        rows = self.db.query(
            "SELECT claims.*, (SELECT count(*) FROM citations WHERE claim_id = claims.id "
            "AND removed_at IS NULL) AS citation_count FROM claims ORDER BY id DESC")
        return [Claim(**row) for row in rows]

    def add_citation(self, row: dict[str, Any], at: str) -> Citation:
        """Insert a citation and its ledger event."""
        with self.db.atomic():
            citation_id = self.db["citations"].insert({**row, "created_at": at}).last_pk
            self._append_ledger("citation.added", str(citation_id), {"citation_id": citation_id, **row}, at)
        return self.citations(citation_id=citation_id)[0]

    def remove_citation(self, citation_id: int, at: str) -> None:
        """Mark a citation removed; the row stays, and the removal is a ledger event."""
        with self.db.atomic():
            self.db["citations"].update(citation_id, {"removed_at": at})
            self._append_ledger("citation.removed", str(citation_id), {"citation_id": citation_id}, at)

    def citations(self, claim_id: int | None = None, capture_id: int | None = None,
                  citation_id: int | None = None, include_removed: bool = False) -> list[Citation]:
        """Return citations by claim, capture or id, oldest first."""
        where, params = [], []
        for column, value in (("claim_id", claim_id), ("capture_id", capture_id), ("id", citation_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if not include_removed:
            where.append("removed_at IS NULL")
        sql = "SELECT * FROM citations" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [Citation(**row) for row in self.db.query(sql, params)]

    # -- ledger ------------------------------------------------------------------------------

    def _append_ledger(self, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
        """Append one hash-chained event; the caller holds the transaction."""
        last = self.db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        payload = canonical_json(data)
        digest = ledger_hash(prev, seq, at, event, subject, payload)
        _insert(self.db, "ledger", {"seq": seq, "at": at, "event": event, "subject": subject,
                                    "data": payload, "prev_hash": prev, "hash": digest})

    def ledger_head(self) -> tuple[int, str]:
        """Return the number of ledger entries and the hash of the last one."""
        row = self.db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS_HASH)

    def iter_ledger(self) -> Iterator[dict[str, Any]]:
        """Stream ledger entries in order."""
        yield from self.db.query("SELECT * FROM ledger ORDER BY seq")


def _insert(db: sqlite_utils.Database, table: str, row: dict[str, Any]) -> int:
    """Insert one row of known columns and return its rowid; sqlite-utils' insert re-reads the table's
    schema on every call, which cost more than the insert itself on the ingest path."""
    names = ", ".join(f'"{name}"' for name in row)
    cursor = db.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})', list(row.values()))
    return cursor.lastrowid


def _columns(with_text: bool = False) -> str:
    return ", ".join(_CAPTURE_FIELDS + (["text"] if with_text else []))


def _encode(column: str, value: Any) -> Any:
    if column in _JSON_COLUMNS and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def _capture(row: dict[str, Any]) -> Capture:
    values = dict(row)
    for column in _JSON_COLUMNS:
        if values.get(column) is not None:
            values[column] = json.loads(values[column])
    values["redirects"] = values.get("redirects") or []
    values["notes"] = values.get("notes") or []
    values["tools"] = values.get("tools") or {}
    return Capture(**values)


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(text=row["text"], start=row["start"], end=row["end"], value=row["value"], unit=row["unit"],
                  approx=row["approx"], precision=row["precision"])
