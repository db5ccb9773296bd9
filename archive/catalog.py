"""The SQLite catalog: captures, observations, claims, citations and the hash-chained ledger. The only module
that opens SQLite.

Every write runs in `_write()`: BEGIN IMMEDIATE takes the write lock before anything is read, so a writer
waits its turn (SQLite's busy timeout, then bounded retries) instead of failing when another connection wrote
first, which a deferred BEGIN cannot do. Every stored fact about a capture, claim, citation, account or token
(but its secret) is in its ledger event, so `verify` can hold each row to the hashed record. SQLite failures leave this module as ArchiveErrors
with a plain sentence naming the file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive.actors import current_actor
from archive.clock import utc_now
from archive.errors import ArchiveBusyError, CatalogDamagedError, EntityNameTakenError, LastAdminError, NameTakenError
from archive import figures as figure_engine  # loaded on first use: most commands read no figure
from archive.ledger import GENESIS_HASH, canonical_json, next_entry
from archive.models import Capture, Citation, Claim, Observation
from archive.permissions import ADMIN

if TYPE_CHECKING:
    from archive.figures import Figure
    import sqlite_utils

# The schema's changes, in the order written. sqlite_utils.Migrations applies them and records each in its
# table; sqlite-utils is imported only when one is pending: its import takes most of a read command's start-up.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []
MIGRATION_SET = "evidence"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite_utils.Migrations records (migration_set, name)

# What a figure's sentence says it is about (m015), and every column of a figure as stored.
FIGURE_CONTEXT = ("period", "direction", "subject")
_FIGURE_COLUMNS = ", ".join(("start", "end", "text", "value", "unit", "approx", "precision", *FIGURE_CONTEXT))
# JSON-encoded columns of the captures, observations and citations tables.
_JSON_COLUMNS = ("redirects", "http_headers", "pages", "notes", "tools", "token_marks", "ocr", "parts", "region",
                 "cell")
_CAPTURE_FIELDS = [f for f in Capture.__dataclass_fields__ if f != "text"]
# What a capture's ledger record holds: every stored fact but the text (its hash stands for it) and what is
# derived from the text (recorded as one digest, `derived_sha256`, because it may be derived again).
RECORDED_CAPTURE_FIELDS = ("sha256", "size", "media_type", "kind", "source", "method", "captured_at", "url",
                           "final_url", "redirects", "http_status", "http_headers", "title", "author",
                           "published", "site", "language", "charset", "pages", "notes", "tools", "text_sha256",
                           "previous_id", "warc_sha256", "ocr", "parts")
# The fields m007 attested, as they were then (later migrations add columns that did not exist yet).
_RECORDED_BY_M007 = RECORDED_CAPTURE_FIELDS[:RECORDED_CAPTURE_FIELDS.index("warc_sha256") + 1]
OBSERVATION_FIELDS = ("capture_id", "observed_at", "method", "source", "url", "final_url", "redirects",
                      "http_status", "http_headers")
# Columns a Capture shows as empty rather than None (rows written before they were always filled in).
_EMPTY_DEFAULTS = {"redirects": [], "notes": [], "tools": {}}
BUSY_TIMEOUT = 5.0  # seconds SQLite itself waits for a lock before answering "busy"
WRITE_WAIT = 600.0  # seconds a write waits for its turn in all, before it gives up with ArchiveBusyError


def migration(change: Callable[[sqlite_utils.Database], None]) -> Callable[[sqlite_utils.Database], None]:
    """Add a schema change to MIGRATIONS."""
    MIGRATIONS.append(change)
    return change


@migration
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


@migration
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


@migration
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


@migration
def m004_exchange_warc(db: sqlite_utils.Database) -> None:
    db["captures"].add_column("warc_sha256", str)


@migration
def m005_token_marks(db: sqlite_utils.Database) -> None:
    # Where every 128th token starts, for snippets (derived from the text, like the index).
    db["captures"].add_column("token_marks", str)
    db.execute("UPDATE captures SET indexed = 0")


@migration
def m006_versions_index(db: sqlite_utils.Database) -> None:
    # The newest capture of a URL is looked up on every add; with many versions of one URL, an index on the
    # URL alone left SQLite sorting them all each time.
    db.execute("DROP INDEX IF EXISTS idx_captures_url")
    db["captures"].create_index(["url", "captured_at", "id"])


@migration
def m007_ledger_covers_every_fact(db: sqlite_utils.Database) -> None:
    # Events are looked up by kind (the newest id ever given, a capture's records); observations of bytes
    # already archived get a table of their own.
    db.execute("CREATE INDEX IF NOT EXISTS ledger_event_seq ON ledger (event, seq)")
    db.execute("CREATE INDEX IF NOT EXISTS ledger_subject ON ledger (subject, event)")
    db["observations"].create(
        {"id": int, "capture_id": int, "observed_at": str, "method": str, "source": str, "url": str,
         "final_url": str, "redirects": str, "http_status": int, "http_headers": str},
        pk="id", not_null={"capture_id", "observed_at", "method", "source"},
        foreign_keys=[("capture_id", "captures", "id")],
    )
    db["observations"].create_index(["capture_id"])
    # The archive's own id, also kept in the home (archive.id): a catalog emptied or swapped is told apart.
    db.execute("CREATE TABLE archive (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute("INSERT INTO archive (key, value) VALUES ('id', ?)", [str(uuid.uuid4())])
    # Captures recorded before their ledger events held every fact: the facts as found now are attested
    # once, so that from here on any change to them is seen. Old events are left as they were.
    conn = db.conn
    at = utc_now()
    rows = conn.execute(f"SELECT id, {', '.join(_RECORDED_BY_M007)}, token_marks FROM captures "
                        "ORDER BY id").fetchall()
    for row in rows:
        values = dict(zip(["id", *_RECORDED_BY_M007, "token_marks"], row))
        capture_id = values.pop("id")
        marks = _decode("token_marks", values.pop("token_marks"))
        record = {name: _decode(name, values[name]) for name in _RECORDED_BY_M007}
        record.update((name, record[name] or type(empty)()) for name, empty in _EMPTY_DEFAULTS.items())
        figures = _figure_rows(conn, capture_id)
        record["derived_sha256"] = derived_digest(figures, marks) if marks is not None else None
        _append_ledger(conn, "capture.attested", str(capture_id), {"capture_id": capture_id, **record}, at)


@migration
def m008_checkpoints(db: sqlite_utils.Database) -> None:
    # Signed ledger heads (archive/checkpoints.py): the signature covers what the checkpoint states, an optional
    # RFC 3161 token from `tsa` stamps the signature.
    db["checkpoints"].create(
        {"id": int, "archive_id": str, "entries": int, "hash": str, "created_at": str, "signature": str,
         "public_key": str, "tsa": str, "timestamp_token": str},
        pk="id", not_null={"archive_id", "entries", "hash", "created_at", "signature", "public_key"},
    )


@migration
def m009_accounts(db: sqlite_utils.Database) -> None:
    # Team mode: accounts with roles, API tokens and login sessions. Tokens and sessions are kept only as the
    # SHA-256 of their secret, so a copy of the catalog lets nobody act as anyone.
    db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, "
               "role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT)")
    db.execute("CREATE TABLE tokens (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id), "
               "prefix TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, revoked_at TEXT)")
    db.execute("CREATE TABLE sessions (sha256 TEXT PRIMARY KEY, "
               "account_id INTEGER NOT NULL REFERENCES accounts(id), created_at TEXT NOT NULL)")


@migration
def m010_capture_parts(db: sqlite_utils.Database) -> None:
    # Visual evidence: further originals of a capture (a browser's screenshot, OCR word boxes) and which of its
    # text was read by OCR. Older captures have neither (NULL), and their ledger records do not name them.
    db["captures"].add_column("parts", str)
    db["captures"].add_column("ocr", str)


@migration
def m011_ledger_actor_index(db: sqlite_utils.Database) -> None:
    # "Who did what" filters the ledger by actor (the audit view, an account's activity); the actor lives
    # inside each entry's hashed data, so the index is on the very expression the queries use.
    db.execute(f"CREATE INDEX IF NOT EXISTS ledger_actor ON ledger ({_ACTOR_SQL}, seq)")


@migration
def m012_accounts_in_the_ledger(db: sqlite_utils.Database) -> None:
    # Account changes are ledger events from here on. Accounts and tokens made before are attested once as
    # they stand, so that verify holds every row to the ledger and a later edit of one is seen.
    conn = db.conn
    at = utc_now()
    tokens = conn.execute("SELECT account_id, id, prefix, created_at, revoked_at FROM tokens ORDER BY id").fetchall()
    for account_id, name, role, created_at, disabled_at in conn.execute(
            "SELECT id, name, role, created_at, disabled_at FROM accounts ORDER BY id").fetchall():
        held = [{"token_id": token_id, "prefix": prefix, "created_at": made, "revoked_at": revoked}
                for owner, token_id, prefix, made, revoked in tokens if owner == account_id]
        _append_ledger(conn, "account.attested", name, {"account": name, "role": role, "created_at": created_at,
                                                        "disabled_at": disabled_at, "tokens": held}, at)


@migration
def m013_citation_regions(db: sqlite_utils.Database) -> None:
    # A citation may point at a region of a page's picture and at a table cell, alone or with its quote (JSON,
    # as archive/regions.py makes them). Older citations have neither (NULL), which is what their events, made
    # before the keys existed, stand for: verify reads a missing key as none.
    db["citations"].add_column("region", str)
    db["citations"].add_column("cell", str)


@migration
def m014_entities(db: sqlite_utils.Database) -> None:
    # Entities (a company, a person, a place) and their names in any script: a folded name belongs to one
    # entity at most, so a name in a query stands for one entity. `reading` is the name's Latin reading, by
    # which a query in another script finds it. A merged entity keeps its row, pointing at the one it joined.
    # merged_into names another entity without a foreign key: a copy in id order (evidence migrate) brings an
    # entity merged into a later one before that one.
    db.execute("CREATE TABLE entities (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, "
               "created_at TEXT NOT NULL, updated_at TEXT NOT NULL, merged_into INTEGER)")
    db.execute("CREATE TABLE entity_names (id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL REFERENCES entities(id), "
               "name TEXT NOT NULL, folded TEXT NOT NULL UNIQUE, reading TEXT NOT NULL, added_at TEXT NOT NULL)")
    db.execute("CREATE INDEX entity_names_entity ON entity_names (entity_id)")
    db.execute("CREATE INDEX entity_names_reading ON entity_names (reading)")


@migration
def m015_figure_context(db: sqlite_utils.Database) -> None:
    # What each figure is about, as its sentence says (archive/figures/context.py): its period, its role
    # (direction) and its subject. Derived like the figures themselves: every capture is marked to be derived
    # again, which fills them in at the next ingest or reindex (a `capture.rederived` event each). Until then
    # the columns are NULL, which is what the derived digests recorded before them stand for.
    for column in FIGURE_CONTEXT:
        db["figures"].add_column(column, str)
    db.execute("UPDATE captures SET indexed = 0")


def _migrations_pending(conn: sqlite3.Connection) -> bool:
    """Tell whether a schema change is not yet recorded as applied, reading with sqlite3 alone."""
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE])
    if found.fetchone() is None:
        return True
    applied = {name for (name,) in conn.execute(f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?",
                                                [MIGRATION_SET])}
    return any(change.__name__ not in applied for change in MIGRATIONS)


def schema_migrations() -> sqlite_utils.Migrations:
    """Return MIGRATIONS as a sqlite_utils Migrations set, which applies each change and records it."""
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for change in MIGRATIONS:
        migrations()(change)
    return migrations


def derived_digest(figures: Iterable[Figure], token_marks: list[int] | None) -> str:
    """Return the hash of what is derived from a capture's text (figures, token marks), as the ledger records it."""
    return derived_digest_of_rows([_figure_row(f) for f in figures], token_marks)


def derived_digest_of_rows(figure_rows: Iterable[tuple], token_marks: list[int] | None) -> str:
    """Return the digest of derived data from figure rows as (start, end, text, value, unit, approx, precision,
    period, direction, subject). A figure with no context hashes as the seven fields it had before m015, so
    digests recorded before it still hold for rows whose context was never derived."""
    rows = [row[:7] if not any(row[7:]) else row for row in figure_rows]
    body = canonical_json({"figures": sorted(rows, key=lambda row: row[:2]), "token_marks": token_marks or []})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _figure_row(figure: Figure) -> tuple:
    """Return a figure as the row the figures table stores (after its capture id)."""
    return (figure.start, figure.end, figure.text, figure.value, figure.unit, figure.approx, figure.precision,
            figure.period, figure.direction, figure.subject)


class Catalog:
    """Rows about captures, claims and citations, and the ledger of what happened to them."""

    def __init__(self, path: Path | str, write_wait: float = WRITE_WAIT):
        self.path = Path(path)
        self.write_wait = write_wait
        # Threads share a Catalog (one per web process), each with its own connection and transaction.
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._connect()
        try:
            if _migrations_pending(self._conn):
                with self._write():
                    schema_migrations().apply(self.db)  # each change nests as a savepoint in this transaction
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc) from exc

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """Return the connection wrapped by sqlite-utils, imported on first use (migrations, tests)."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

    @staticmethod
    def exists(path: Path | str) -> bool:
        """Tell whether a file holds an initialised catalog (read-only: nothing is created)."""
        path = Path(path)
        if not path.is_file() or path.stat().st_size == 0:
            return False
        try:
            probe = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
        except sqlite3.Error:
            return True  # there is a file; opening it for real will say what is wrong with it
        try:
            return probe.execute("SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'").fetchone() is not None
        except sqlite3.Error:
            return True
        finally:
            probe.close()

    def close(self) -> None:
        """Close every thread's connection."""
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()

    @property
    def _conn(self) -> sqlite3.Connection:
        """Return this thread's connection, opened on its first use."""
        connection = getattr(self._local, "connection", None)
        return connection if connection is not None else self._connect()

    @property
    def _in_write(self) -> bool:
        return getattr(self._local, "in_write", False)

    @_in_write.setter
    def _in_write(self, value: bool) -> None:
        self._local.in_write = value

    def _connect(self) -> sqlite3.Connection:
        try:
            # check_same_thread=False only so that close() can close other threads' connections.
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                         check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            connection.close()
            raise self._error(exc) from exc
        self._local.connection = connection
        with self._connections_lock:
            self._connections.append(connection)
        return connection

    def archive_id(self) -> str:
        """Return the id the catalog was made with (kept in the home too, as archive.id)."""
        return self._value("SELECT value FROM archive WHERE key = 'id'")

    # -- the two ways SQL runs: reads, and writes that wait their turn ------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        try:
            cursor = self._conn.execute(sql, list(params))
            names = [column[0] for column in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _tuples(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, list(params)).fetchall()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        try:
            row = self._conn.execute(sql, list(params)).fetchone()
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        return row[0] if row else None

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, list(params))
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    @contextmanager
    def _write(self) -> Iterator[None]:
        """Run a block as one write transaction, begun only once this connection holds the write lock."""
        if self._in_write:  # nested: part of the transaction already open
            yield
            return
        self._begin_immediate()
        self._in_write = True
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        else:
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise self._error(exc) from exc
        finally:
            self._in_write = False

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read everything in the block from one moment of the catalog, while writers go on (WAL): a check
        that reads rows and then their ledger events never sees one without the other."""
        if self._in_write or self._conn.in_transaction:
            yield
            return
        self._exec("BEGIN")
        try:
            yield
        finally:
            if self._conn.in_transaction:
                self._conn.execute("COMMIT")

    def _begin_immediate(self) -> None:
        # SQLite waits BUSY_TIMEOUT for the lock; a long writer elsewhere (a migration, a checkpoint) may need
        # more, so the attempt is repeated until write_wait has passed.
        deadline = time.monotonic() + self.write_wait
        while True:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc) or time.monotonic() >= deadline:
                    raise self._error(exc) from exc

    def _error(self, exc: sqlite3.Error) -> Exception:
        """Turn an SQLite error into an archive error with a sentence; leave programming errors as they are."""
        if isinstance(exc, sqlite3.OperationalError) and _is_busy(exc):
            return ArchiveBusyError(f"the catalog {self.path} stayed locked by another process for "
                                    f"{self.write_wait:g} s; nothing was written, try again")
        if isinstance(exc, (sqlite3.ProgrammingError, sqlite3.InterfaceError, sqlite3.IntegrityError)):
            return exc
        return CatalogDamagedError(
            f"the catalog {self.path} cannot be read ({exc}). It is damaged or not an archive catalog: "
            "restore it from a backup; the originals under blobs/ are untouched")

    # -- captures ---------------------------------------------------------------------------

    def add_capture(self, row: dict[str, Any], at: str, figures: list[Figure] = (),
                    observation: dict[str, Any] | None = None) -> tuple[Capture, bool]:
        """Insert a capture, its figures and its ledger event in one transaction; return (capture, created).

        When the same bytes are already catalogued nothing is inserted: the existing capture comes back with
        created False, and `observation` (a fetch that found them again), when given, is recorded with it.
        """
        with self._write():
            existing = self._value("SELECT id FROM captures WHERE sha256 = ?", [row["sha256"]])
            if existing is not None:
                if observation is not None:
                    self.add_observation(existing, observation, at)
                return self.get_capture(existing), False
            if row.get("url") and "previous_id" not in row:
                row = {**row, "previous_id": self._value(
                    "SELECT id FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1",
                    [row["url"]])}
            capture_id = self._next_id("captures", "capture.added", "capture_id")
            encoded = {k: _encode(k, v) for k, v in row.items()}
            _insert(self._conn, "captures", {"id": capture_id, **encoded})
            self._insert_figures(capture_id, figures)
            record = {name: row.get(name) for name in RECORDED_CAPTURE_FIELDS}
            record["derived_sha256"] = derived_digest(list(figures), row.get("token_marks"))
            self._append_ledger("capture.added", str(capture_id), {"capture_id": capture_id, **record}, at)
        return self.get_capture(capture_id), True

    def _next_id(self, table: str, event: str, key: str) -> int:
        """Return a new id: above every row and every id the ledger ever gave (its newest `event` names the
        highest, as `key` of its data), so no id is used twice even if rows are deleted behind our back."""
        in_table = self._value(f'SELECT max(id) FROM "{table}"') or 0
        in_ledger = self._value(f"SELECT json_extract(data, '$.{key}') FROM ledger WHERE event = ? "
                                "ORDER BY seq DESC LIMIT 1", [event]) or 0
        return max(in_table, int(in_ledger)) + 1

    def find_by_sha256(self, sha256: str) -> Capture | None:
        """Return the capture of these exact bytes, if any."""
        rows = self._rows(f"SELECT {_columns()} FROM captures WHERE sha256 = ?", [sha256])
        return _capture(rows[0]) if rows else None

    def latest_for_url(self, url: str) -> Capture | None:
        """Return the newest capture of a URL, if any."""
        rows = self._rows(
            f"SELECT {_columns()} FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1", [url])
        return _capture(rows[0]) if rows else None

    def versions(self, url: str) -> list[Capture]:
        """Return every capture of a URL, oldest first."""
        rows = self._rows(f"SELECT {_columns()} FROM captures WHERE url = ? ORDER BY captured_at, id", [url])
        return [_capture(r) for r in rows]

    def get_capture(self, capture_id: int, with_text: bool = False) -> Capture | None:
        """Return one capture by id, with its text when asked."""
        rows = self._rows(f"SELECT {_columns(with_text)} FROM captures WHERE id = ?", [capture_id])
        return _capture(rows[0]) if rows else None

    def get_captures(self, ids: Iterable[int], with_text: bool = False) -> dict[int, Capture]:
        """Return several captures by id."""
        found: dict[int, Capture] = {}
        for chunk in _chunks(list(ids)):
            rows = self._rows(f"SELECT {_columns(with_text)} FROM captures WHERE id IN ({','.join('?' * len(chunk))})",
                              chunk)
            found.update((r["id"], _capture(r)) for r in rows)
        return found

    def iter_captures(self, with_text: bool = False, unindexed: bool = False, batch: int = 200) -> Iterator[Capture]:
        """Stream captures (all, or those waiting for the search index) in id order without holding them all in
        memory."""
        where = " AND indexed = 0" if unindexed else ""
        last = 0
        while True:
            rows = self._rows(
                f"SELECT {_columns(with_text)} FROM captures WHERE id > ?{where} ORDER BY id LIMIT ?",
                [last, batch])
            if not rows:
                return
            for row in rows:
                yield _capture(row)
            last = rows[-1]["id"]

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return the newest captures first."""
        rows = self._rows(f"SELECT {_columns()} FROM captures ORDER BY id DESC LIMIT ? OFFSET ?", [limit, offset])
        return [_capture(r) for r in rows]

    def count_captures(self) -> int:
        """Return how many captures the catalog holds."""
        return self._value("SELECT count(*) FROM captures")

    def unindexed_ids(self) -> list[int]:
        """Return captures stored but not yet committed to the search index."""
        return [r["id"] for r in self._rows("SELECT id FROM captures WHERE indexed = 0 ORDER BY id")]

    def count_unindexed(self) -> int:
        """Return how many captures wait to be committed to the search index."""
        return self._value("SELECT count(*) FROM captures WHERE indexed = 0")

    def mark_indexed(self, ids: Iterable[int], indexed: bool = True) -> None:
        """Record that captures are (or are no longer) in the search index."""
        with self._write():
            for chunk in _chunks(list(ids)):
                self._exec(f"UPDATE captures SET indexed = ? WHERE id IN ({','.join('?' * len(chunk))})",
                           [int(indexed), *chunk])

    def mark_all_unindexed(self) -> None:
        """Forget which captures are indexed, before a full rebuild."""
        with self._write():
            self._exec("UPDATE captures SET indexed = 0")

    def capture_ids(self) -> set[int]:
        """Return the id of every capture."""
        return {r["id"] for r in self._rows("SELECT id FROM captures")}

    def blob_hashes(self) -> set[str]:
        """Return the hash of every blob a capture records: its original, the WARC of its HTTP exchange, its parts."""
        return set(self.iter_blob_hashes())

    def iter_blob_hashes(self, batch: int = 1000) -> Iterator[str]:
        """Stream the hash of each capture's original, then of its HTTP exchange's WARC if any, then of its parts
        (a screenshot, OCR word boxes), in id order."""
        last = 0
        while rows := self._rows("SELECT id, sha256, warc_sha256, parts FROM captures WHERE id > ? ORDER BY id "
                                 "LIMIT ?", [last, batch]):
            for row in rows:
                yield row["sha256"]
                if row["warc_sha256"]:
                    yield row["warc_sha256"]
                for part in _decode("parts", row["parts"]) or ():
                    yield part["sha256"]
            last = rows[-1]["id"]

    def indexed_ids(self) -> set[int]:
        """Return the ids of captures recorded as committed to the search index."""
        return {r["id"] for r in self._rows("SELECT id FROM captures WHERE indexed = 1")}

    # -- observations: a source fetched again and found unchanged ----------------------------

    def add_observation(self, capture_id: int, observation: dict[str, Any], at: str) -> None:
        """Record a fetch that found a capture's bytes again (URL, time, status, headers), and its ledger event."""
        values = {name: observation.get(name) for name in OBSERVATION_FIELDS}
        values["capture_id"] = capture_id
        with self._write():
            observation_id = self._next_id("observations", "capture.observed", "observation_id")
            _insert(self._conn, "observations",
                    {"id": observation_id, **{k: _encode(k, v) for k, v in values.items()}})
            self._append_ledger("capture.observed", str(capture_id),
                                {"observation_id": observation_id, **values}, at)

    def observations(self, capture_id: int | None = None) -> list[Observation]:
        """Return the later observations of one capture (or of all), oldest first."""
        where, params = ("WHERE capture_id = ?", [capture_id]) if capture_id is not None else ("", [])
        rows = self._rows(f"SELECT * FROM observations {where} ORDER BY id", params)
        return [Observation(**{k: _decode(k, v) for k, v in row.items()}) for row in rows]

    # -- figures and other data derived from a capture's text --------------------------------

    def replace_derived(self, capture_id: int, figures: list[Figure], token_marks: list[int], at: str) -> None:
        """Store afresh what is derived from a capture's text; a changed result is a ledger event."""
        digest = derived_digest(figures, token_marks)
        with self._write():
            self._exec("DELETE FROM figures WHERE capture_id = ?", [capture_id])
            self._insert_figures(capture_id, figures)
            self._exec("UPDATE captures SET token_marks = ? WHERE id = ?", [json.dumps(token_marks), capture_id])
            if self.recorded_capture(capture_id).get("derived_sha256") != digest:
                self._append_ledger("capture.rederived", str(capture_id),
                                    {"capture_id": capture_id, "derived_sha256": digest}, at)

    def _insert_figures(self, capture_id: int, figures: Iterable[Figure]) -> None:
        try:
            self._conn.executemany(
                f"INSERT INTO figures (capture_id, {_FIGURE_COLUMNS}) VALUES (?, {', '.join('?' * 10)})",
                [(capture_id, *_figure_row(f)) for f in figures])
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def figure_rows(self, capture_ids: Iterable[int]) -> dict[int, list[tuple]]:
        """Return the figures stored for several captures, as rows (start, end, text, value, unit, approx,
        precision, period, direction, subject) by capture id: what the derived digest is made of, in one query."""
        found: dict[int, list[tuple]] = {}
        for chunk in _chunks(list(capture_ids)):
            rows = self._tuples(f"SELECT capture_id, {_FIGURE_COLUMNS} FROM figures "
                                f"WHERE capture_id IN ({','.join('?' * len(chunk))}) ORDER BY capture_id", chunk)
            found.update((capture_id, [row[1:] for row in group]) for capture_id, group in groupby(rows, itemgetter(0)))
        return found

    def figures_between(self, unit: str | None, low: float, high: float,
                        limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of a unit whose value lies in [low, high]."""
        unit_clause = "unit IS NULL" if unit is None else "unit = ?"
        params = ([] if unit is None else [unit]) + [low, high, limit]
        rows = self._rows(f"SELECT * FROM figures WHERE {unit_clause} AND value BETWEEN ? AND ? "
                          "ORDER BY capture_id, start LIMIT ?", params)
        return [(row["capture_id"], _figure(row)) for row in rows]

    # -- claims and citations ----------------------------------------------------------------

    def add_claim(self, text: str, at: str) -> Claim:
        """Insert a claim and its ledger event."""
        with self._write():
            claim_id = self._next_id("claims", "claim.created", "claim_id")
            _insert(self._conn, "claims", {"id": claim_id, "text": text, "status": "unchecked", "notes": None,
                                           "created_at": at, "updated_at": at})
            self._append_ledger("claim.created", str(claim_id), {"claim_id": claim_id, "text": text}, at)
        return self.get_claim(claim_id)

    def set_claim_status(self, claim_id: int, status: str, notes: str | None, at: str) -> Claim:
        """Change a claim's status (and notes); the change is a ledger event."""
        with self._write():
            self._exec("UPDATE claims SET status = ?, notes = ?, updated_at = ? WHERE id = ?",
                       [status, notes, at, claim_id])
            self._append_ledger("claim.status_changed", str(claim_id),
                                {"claim_id": claim_id, "status": status, "notes": notes}, at)
        return self.get_claim(claim_id)

    def get_claim(self, claim_id: int) -> Claim | None:
        """Return a claim with its current citations."""
        rows = self._rows("SELECT * FROM claims WHERE id = ?", [claim_id])
        if not rows:
            return None
        claim = Claim(**rows[0])
        claim.citations = self.citations(claim_id=claim_id)
        return claim

    def list_claims(self, limit: int | None = None, offset: int = 0, ids: Iterable[int] | None = None) -> list[Claim]:
        """Return claims newest first (all, a page of them, or those with `ids`), with their number of current
        citations."""
        where, params = "", []
        if ids is not None:
            params = sorted(set(ids))
            where = f"WHERE id IN ({', '.join('?' * len(params))})"
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._rows(
            "SELECT claims.*, (SELECT count(*) FROM citations WHERE claim_id = claims.id "
            f"AND removed_at IS NULL) AS citation_count FROM claims {where} ORDER BY id DESC {page}", params)
        return [Claim(**row) for row in rows]

    def count_claims(self) -> int:
        """Return how many claims there are."""
        return self._value("SELECT count(*) FROM claims")

    def add_citation(self, row: dict[str, Any], at: str) -> Citation:
        """Insert a citation and its ledger event (which records its region and cell, none included)."""
        row = {"region": None, "cell": None, **row}
        with self._write():
            citation_id = self._next_id("citations", "citation.added", "citation_id")
            _insert(self._conn, "citations", {"id": citation_id, **{k: _encode(k, v) for k, v in row.items()},
                                              "created_at": at})
            self._append_ledger("citation.added", str(citation_id), {"citation_id": citation_id, **row}, at)
        return self.citations(citation_id=citation_id)[0]

    def remove_citation(self, citation_id: int, at: str, reason: str | None = None) -> None:
        """Mark a citation removed (retracted); the row stays, and the removal and its reason are a ledger event."""
        with self._write():
            self._exec("UPDATE citations SET removed_at = ? WHERE id = ?", [at, citation_id])
            # The claim too, so that an audit of retractions can name it without reading the citation's row.
            claim_id = self._value("SELECT claim_id FROM citations WHERE id = ?", [citation_id])
            self._append_ledger("citation.removed", str(citation_id),
                                {"citation_id": citation_id, "claim_id": claim_id, "reason": reason}, at)

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
        return [Citation(**{k: _decode(k, v) for k, v in row.items()}) for row in self._rows(sql, params)]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Return every claim row as stored, oldest first."""
        return self._rows("SELECT * FROM claims ORDER BY id")

    # -- ledger ------------------------------------------------------------------------------

    def _append_ledger(self, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
        """Append one hash-chained event; the caller holds the write transaction."""
        try:
            _append_ledger(self._conn, event, subject, data, at)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def ledger_head(self) -> tuple[int, str]:
        """Return the number of ledger entries and the hash of the last one."""
        rows = self._rows("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        return (rows[0]["seq"], rows[0]["hash"]) if rows else (0, GENESIS_HASH)

    # -- the claims' line-ups (issue 16, wp-lineup2): the last change they read ------------------------------

    def last_entry_except(self, events: tuple[str, ...]) -> int:
        """Return the number of the newest ledger entry of any kind but `events` (0 when there is none): the
        last change to what those kinds leave alone (archive.Archive.change_stamp, the claims' line-ups)."""
        # newest first along the primary key: it stops at the first entry of another kind
        return self._value(f"SELECT seq FROM ledger WHERE event NOT IN ({','.join('?' * len(events))}) "
                           "ORDER BY seq DESC LIMIT 1", list(events)) or 0

    # -- end of the line-ups' block ----------------------------------------------------------------------------

    def iter_ledger(self, events: tuple[str, ...] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Stream ledger entries in order, all or only of the given kinds."""
        kinds = f" AND event IN ({','.join('?' * len(events))})" if events else ""
        last = 0
        while True:
            rows = self._rows(f"SELECT * FROM ledger WHERE seq > ?{kinds} ORDER BY seq LIMIT ?",
                              [last, *events, batch])
            if not rows:
                return
            yield from rows
            last = rows[-1]["seq"]

    def ledger_page(self, actor: str | None = None, events: tuple[str, str] | None = None,
                    since: str | None = None, until: str | None = None, subject: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Return a page of ledger entries, newest first, and how many match: by actor, by kinds of event (the
        range [low, high) of event names), by time ([since, until), stored times) and by subject."""
        conditions = [(f"{_ACTOR_SQL} = ?", [actor]), ("event >= ? AND event < ?", list(events or ())),
                      ("at >= ?", [since]), ("at < ?", [until]), ("subject = ?", [subject])]
        given = [(sql, values) for sql, values in conditions if values and values[0] is not None]
        where = [sql for sql, _ in given]
        params = [value for _, values in given for value in values]
        clause = " WHERE " + " AND ".join(where) if where else ""
        total = self._value(f"SELECT count(*) FROM ledger{clause}", params)
        rows = self._rows(f"SELECT * FROM ledger{clause} ORDER BY seq DESC LIMIT ? OFFSET ?",
                          [*params, int(limit), int(offset)])
        return rows, total

    def claim_ledger(self, claim_id: int) -> list[dict[str, Any]]:
        """Return the ledger entries of a claim and of every citation ever made for it, oldest first."""
        citation_ids = [str(i) for (i,) in self._tuples("SELECT id FROM citations WHERE claim_id = ?", [claim_id])]
        rows = self._rows("SELECT * FROM ledger WHERE subject = ? AND event >= 'claim.' AND event < 'claim/' "
                          "ORDER BY seq", [str(claim_id)])
        for chunk in _chunks(citation_ids):
            rows += self._rows(f"SELECT * FROM ledger WHERE subject IN ({','.join('?' * len(chunk))}) "
                               "AND event >= 'citation.' AND event < 'citation/'", chunk)
        return sorted(rows, key=itemgetter("seq"))

    def recorded_capture(self, capture_id: int) -> dict[str, Any]:
        """Return a capture's facts as its ledger events record them (added, then attested and re-derived)."""
        return self.recorded_captures([capture_id]).get(capture_id, {})

    def recorded_captures(self, capture_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Return several captures' facts as their ledger events record them, by capture id (none: not there)."""
        records: dict[str, dict[str, Any]] = {}
        for chunk in _chunks([str(i) for i in capture_ids]):
            rows = self._tuples("SELECT subject, data FROM ledger WHERE subject IN "
                                f"({','.join('?' * len(chunk))}) AND event IN "
                                "('capture.added', 'capture.attested', 'capture.rederived') ORDER BY seq", chunk)
            for subject, data in rows:
                facts = _json_object(data)
                if facts is not None:  # data that is no JSON object records nothing (the chain walk reports it)
                    records.setdefault(subject, {}).update(facts)
        return {int(subject): record for subject, record in records.items()}

    def ledger_hash_at(self, seq: int) -> str | None:
        """Return the hash of ledger entry `seq`, or None when the ledger has no such entry."""
        return self._value("SELECT hash FROM ledger WHERE seq = ?", [seq])

    # -- checkpoints -------------------------------------------------------------------------

    def add_checkpoint(self, row: dict[str, Any]) -> dict[str, Any]:
        """Store a signed checkpoint; return it with its id."""
        with self._write():
            checkpoint_id = _insert(self._conn, "checkpoints", row)
        return {"id": checkpoint_id, **row}

    def checkpoint_rows(self) -> list[dict[str, Any]]:
        """Return every checkpoint as stored, oldest first."""
        return self._rows("SELECT * FROM checkpoints ORDER BY id")

    def count_checkpoints(self) -> int:
        """Return how many checkpoints are stored."""
        return self._value("SELECT count(*) FROM checkpoints")

    def recorded_ids(self, event: str, key: str) -> set[Any]:
        """Return the id every `event` of the ledger gives, as `key` of its data (the ids it ever recorded)."""
        rows = self._tuples(f"SELECT json_extract(data, '$.{key}') FROM ledger WHERE event = ? AND json_valid(data)",
                            [event])
        return {row[0] for row in rows if row[0] is not None}


    # -- entities and their names -------------------------------------------------------------

    def add_entity(self, name: str, kind: str, names: list[tuple[str, str, str]], at: str) -> int:
        """Insert an entity with its names ((name, folded, reading) each, the first its own name) and its ledger
        event; raise EntityNameTakenError when a name is another entity's."""
        with self._write():
            self._refuse_taken(names)
            entity_id = self._next_id("entities", "entity.created", "entity_id")
            _insert(self._conn, "entities", {"id": entity_id, "name": name, "kind": kind, "created_at": at,
                                             "updated_at": at, "merged_into": None})
            for shown, folded, reading in names:
                _insert(self._conn, "entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
                                                     "reading": reading, "added_at": at})
            self._append_ledger("entity.created", str(entity_id),
                                {"entity_id": entity_id, "name": name, "kind": kind,
                                 "names": [shown for shown, _f, _r in names]}, at)
        return entity_id

    def add_entity_names(self, entity_id: int, names: list[tuple[str, str, str]], at: str) -> None:
        """Give an entity more names, one ledger event each; raise EntityNameTakenError when a name is taken."""
        with self._write():
            self._refuse_taken(names)
            for shown, folded, reading in names:
                _insert(self._conn, "entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
                                                     "reading": reading, "added_at": at})
                self._append_ledger("entity.name_added", str(entity_id), {"entity_id": entity_id, "name": shown}, at)
            self._exec("UPDATE entities SET updated_at = ? WHERE id = ?", [at, entity_id])

    def _refuse_taken(self, names: list[tuple[str, str, str]]) -> None:
        """Raise EntityNameTakenError for the first name another entity holds; the caller holds the write lock."""
        for shown, folded, _reading in names:
            held = self._rows("SELECT entities.id, entities.name FROM entity_names JOIN entities "
                              "ON entities.id = entity_names.entity_id WHERE folded = ?", [folded])
            if held:
                raise EntityNameTakenError(shown, held[0]["id"], held[0]["name"])

    def remove_entity_name(self, entity_id: int, folded: str, reason: str | None, at: str) -> None:
        """Take a name from an entity, with its ledger event; the entity's own name becomes its oldest other name
        when it is the one taken."""
        with self._write():
            row = self._rows("SELECT name FROM entity_names WHERE entity_id = ? AND folded = ?", [entity_id, folded])
            self._exec("DELETE FROM entity_names WHERE entity_id = ? AND folded = ?", [entity_id, folded])
            first = self._value("SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id LIMIT 1",
                                [entity_id])
            self._exec("UPDATE entities SET name = ?, updated_at = ? WHERE id = ?", [first, at, entity_id])
            self._append_ledger("entity.name_removed", str(entity_id),
                                {"entity_id": entity_id, "name": row[0]["name"], "reason": reason}, at)

    def merge_entities(self, entity_id: int, into: int, at: str) -> None:
        """Move every name of an entity to another, mark it merged, and record both in one ledger event."""
        with self._write():
            moved = [row["name"] for row in self._rows(
                "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id", [entity_id])]
            self._exec("UPDATE entity_names SET entity_id = ? WHERE entity_id = ?", [into, entity_id])
            self._exec("UPDATE entities SET merged_into = ?, updated_at = ? WHERE id = ?", [into, at, entity_id])
            self._exec("UPDATE entities SET updated_at = ? WHERE id = ?", [at, into])
            self._append_ledger("entity.merged", str(entity_id),
                                {"entity_id": entity_id, "into": into, "names": moved}, at)

    def entity_row(self, entity_id: int) -> dict[str, Any] | None:
        """Return an entity's row with its names (oldest first), or None."""
        rows = self._rows("SELECT * FROM entities WHERE id = ?", [entity_id])
        if not rows:
            return None
        rows[0]["names"] = _own_name_first(rows[0]["name"], [row["name"] for row in self._rows(
            "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id", [entity_id])])
        return rows[0]

    def entity_rows(self, limit: int | None = None, offset: int = 0, merged: bool = False) -> list[dict[str, Any]]:
        """Return entities by name, with their names; those merged into another too when `merged`."""
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        where = "" if merged else "WHERE merged_into IS NULL"
        rows = self._rows(f"SELECT * FROM entities {where} ORDER BY name COLLATE NOCASE, id {page}")
        names: dict[int, list[str]] = {row["id"]: [] for row in rows}
        for chunk in _chunks(list(names)):
            for row in self._rows(f"SELECT entity_id, name FROM entity_names WHERE entity_id IN "
                                  f"({', '.join('?' * len(chunk))}) ORDER BY id", chunk):
                names[row["entity_id"]].append(row["name"])
        for row in rows:
            row["names"] = _own_name_first(row["name"], names[row["id"]])
        return rows

    def count_entities(self) -> int:
        """Return how many entities there are, merged ones aside."""
        return self._value("SELECT count(*) FROM entities WHERE merged_into IS NULL")

    def entity_names_matching(self, folded: Iterable[str], readings: Iterable[str]) -> list[dict[str, Any]]:
        """Return the name rows whose folded form or Latin reading is one of those given."""
        folded, readings = sorted(set(folded)), sorted(set(readings))
        found: dict[tuple[int, str], dict[str, Any]] = {}
        for column, values in (("folded", folded), ("reading", readings)):
            for chunk in _chunks(values):
                for row in self._rows(f"SELECT * FROM entity_names WHERE {column} IN "
                                      f"({', '.join('?' * len(chunk))})", chunk):
                    found[(row["entity_id"], row["folded"])] = row
        return list(found.values())

    def entity_name_owner(self, folded: str) -> int | None:
        """Return the id of the entity holding a folded name, or None."""
        return self._value("SELECT entity_id FROM entity_names WHERE folded = ?", [folded])

    # -- rows as stored, for `evidence migrate` (archive/migrate.py) ---------------------------

    def table_rows(self, table: str, key: str, after: Any, batch: int = 500) -> list[dict[str, Any]]:
        """Return a table's rows as stored whose `key` comes after `after`, in key order."""
        return self._rows(f'SELECT * FROM "{table}" WHERE "{key}" > ? ORDER BY "{key}" LIMIT ?', [after, batch])

    def last_key(self, table: str, key: str) -> Any:
        """Return the greatest `key` of a table's rows, or None when it has none."""
        return self._value(f'SELECT max("{key}") FROM "{table}"')

    def insert_rows(self, table: str, rows: list[dict[str, Any]], replace: bool = False) -> None:
        """Insert rows as they were stored elsewhere, in one transaction (`replace`: over rows of the same key)."""
        verb = "INSERT OR REPLACE" if replace else "INSERT"
        with self._write():
            for row in rows:
                names = ", ".join(f'"{name}"' for name in row)
                self._exec(f'{verb} INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})', list(row.values()))

    # -- accounts, tokens and sessions (team mode) --------------------------------------------

    def has_accounts(self) -> bool:
        """Tell whether any account exists (the archive is then in team mode)."""
        return bool(self._value("SELECT EXISTS (SELECT 1 FROM accounts)"))

    def add_account(self, name: str, role: str, password_hash: str, at: str) -> dict[str, Any]:
        """Insert an account and its ledger event; raise NameTakenError when the name is taken."""
        with self._write():
            try:
                _insert(self._conn, "accounts", {"name": name, "role": role, "password_hash": password_hash,
                                                 "created_at": at})
            except sqlite3.IntegrityError as exc:
                raise NameTakenError(f"There is already an account named {name}.") from exc
            self._append_ledger("account.added", name, {"account": name, "role": role}, at)
        return self.account_row(name)

    def account_row(self, name: str) -> dict[str, Any] | None:
        """Return an account row by name (letter case aside), or None."""
        rows = self._rows("SELECT * FROM accounts WHERE name = ?", [name])
        return rows[0] if rows else None

    def account_rows(self) -> list[dict[str, Any]]:
        """Return every account row, oldest first."""
        return self._rows("SELECT * FROM accounts ORDER BY id")

    def set_account_role(self, account_id: int, role: str, at: str) -> None:
        """Give an account another role, with its ledger event; the last enabled admin keeps theirs."""
        with self._write():
            account = self._rows("SELECT * FROM accounts WHERE id = ?", [account_id])[0]
            if account["role"] == role:
                return
            self._keep_an_admin(account)
            self._exec("UPDATE accounts SET role = ? WHERE id = ?", [role, account_id])
            self._append_ledger("account.role_changed", account["name"], {"account": account["name"], "role": role},
                                at)

    def disable_account(self, account_id: int, at: str) -> None:
        """Disable an account, with its ledger event, and end its sessions; the last enabled admin stays."""
        with self._write():
            account = self._rows("SELECT * FROM accounts WHERE id = ?", [account_id])[0]
            if account["disabled_at"] is None:
                self._keep_an_admin(account)
                self._exec("UPDATE accounts SET disabled_at = ? WHERE id = ?", [at, account_id])
                self._append_ledger("account.disabled", account["name"], {"account": account["name"]}, at)
            self._exec("DELETE FROM sessions WHERE account_id = ?", [account_id])

    def _keep_an_admin(self, account: dict[str, Any]) -> None:
        """Refuse to demote or disable the last enabled admin: nobody could manage the accounts after it.
        Read inside the write transaction, so two admins demoting each other at once cannot both pass."""
        if account["role"] != ADMIN or account["disabled_at"] is not None:
            return
        others = self._value("SELECT count(*) FROM accounts WHERE role = ? AND disabled_at IS NULL AND id != ?",
                             [ADMIN, account["id"]])
        if not others:
            raise LastAdminError(f"{account['name']} is the last enabled admin: make another account admin first, "
                                 "so that someone can still manage the accounts.")

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        """Store a password's new hash (the same password, hashed with stronger parameters): no event."""
        with self._write():
            self._exec("UPDATE accounts SET password_hash = ? WHERE id = ?", [password_hash, account_id])

    def add_token(self, account_id: int, prefix: str, sha256: str, at: str) -> None:
        """Record an API token by its hash and shown prefix, and its ledger event (the prefix only)."""
        with self._write():
            token_id = self._next_id("tokens", "account.token_issued", "token_id")
            _insert(self._conn, "tokens", {"id": token_id, "account_id": account_id, "prefix": prefix,
                                           "sha256": sha256, "created_at": at})
            name = self._value("SELECT name FROM accounts WHERE id = ?", [account_id])
            self._append_ledger("account.token_issued", name, {"account": name, "token_id": token_id,
                                                               "prefix": prefix}, at)

    def token_rows(self, account_id: int | None = None) -> list[dict[str, Any]]:
        """Return token rows (never their secret), all or one account's, oldest first."""
        where = "WHERE account_id = ?" if account_id is not None else ""
        return self._rows(f"SELECT id, account_id, prefix, created_at, revoked_at FROM tokens {where} ORDER BY id",
                          [account_id] if account_id is not None else [])

    def revoke_token(self, token_id: int, at: str) -> None:
        """Mark a live token revoked, with its ledger event."""
        with self._write():
            if not self._exec("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                              [at, token_id]).rowcount:
                return
            name, prefix = self._tuples("SELECT accounts.name, tokens.prefix FROM tokens JOIN accounts ON "
                                        "accounts.id = tokens.account_id WHERE tokens.id = ?", [token_id])[0]
            self._append_ledger("account.token_revoked", name, {"account": name, "token_id": token_id,
                                                                "prefix": prefix}, at)

    def token_account_row(self, sha256: str) -> dict[str, Any] | None:
        """Return the account holding the live token with this hash, or None."""
        rows = self._rows("SELECT accounts.* FROM tokens JOIN accounts ON accounts.id = tokens.account_id "
                          "WHERE tokens.sha256 = ? AND tokens.revoked_at IS NULL", [sha256])
        return rows[0] if rows else None

    def add_session(self, sha256: str, account_id: int, at: str) -> None:
        """Record a login session by the hash of its key."""
        with self._write():
            _insert(self._conn, "sessions", {"sha256": sha256, "account_id": account_id, "created_at": at})

    def session_account_row(self, sha256: str) -> dict[str, Any] | None:
        """Return the account of the session with this hash, or None."""
        rows = self._rows("SELECT accounts.* FROM sessions JOIN accounts ON accounts.id = sessions.account_id "
                          "WHERE sessions.sha256 = ?", [sha256])
        return rows[0] if rows else None

    def end_sessions(self, sha256: str | None = None, account_id: int | None = None) -> None:
        """Delete one session (by hash) or every session of an account."""
        column, value = ("sha256", sha256) if sha256 is not None else ("account_id", account_id)
        with self._write():
            self._exec(f"DELETE FROM sessions WHERE {column} = ?", [value])


# An entry's actor as SQL: entries whose data is not JSON (edited by hand; verify reports them) have none, where
# json_extract alone would fail the whole query.
_ACTOR_SQL = "(CASE WHEN json_valid(data) THEN json_extract(data, '$.actor') END)"


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _append_ledger(conn: sqlite3.Connection, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
    last = conn.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    _insert(conn, "ledger", next_entry(last, event, subject, data, at, actor=current_actor()))


def _own_name_first(name: str, names: list[str]) -> list[str]:
    """Return an entity's names with its own first, the others in the order they were added (names moved by a
    merge keep their older place)."""
    return [name] + [other for other in names if other != name] if name in names else names


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, Any]) -> int:
    """Insert one row of known columns and return its rowid (sqlite-utils' insert re-reads the table's schema
    on every call, which cost more than the insert itself on the ingest path)."""
    names = ", ".join(f'"{name}"' for name in row)
    cursor = conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(row))})', list(row.values()))
    return cursor.lastrowid


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """Cut a list of query parameters into pieces SQLite takes in one statement."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _figure_rows(conn: sqlite3.Connection, capture_id: int) -> list[Figure]:
    # m007 reads them before m015 adds the context columns: only the columns there were then
    cursor = conn.execute("SELECT start, end, text, value, unit, approx, precision FROM figures "
                          "WHERE capture_id = ? ORDER BY start", [capture_id])
    return [figure_engine.Figure(text=text, start=start, end=end, value=value, unit=unit, approx=approx,
                                 precision=precision)
            for start, end, text, value, unit, approx, precision in cursor.fetchall()]


def _columns(with_text: bool = False) -> str:
    return ", ".join(_CAPTURE_FIELDS + (["text"] if with_text else []))


def _encode(column: str, value: Any) -> Any:
    if column in _JSON_COLUMNS and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def _decode(column: str, value: Any) -> Any:
    if column in _JSON_COLUMNS and value is not None:
        return json.loads(value)
    return value


def _capture(row: dict[str, Any]) -> Capture:
    # Only the JSON columns need decoding: the row is decoded in place (a verify reads every row of the archive).
    for name in _JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    for name, empty in _EMPTY_DEFAULTS.items():
        if not row.get(name):
            row[name] = type(empty)()
    return Capture(**row)


def _figure(row: dict[str, Any]) -> Figure:
    return figure_engine.Figure(text=row["text"], start=row["start"], end=row["end"], value=row["value"],
                                unit=row["unit"], approx=row["approx"], precision=row["precision"],
                                period=row["period"], direction=row["direction"], subject=row["subject"])
