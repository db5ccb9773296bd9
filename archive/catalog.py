"""The SQLite catalog: captures, observations, claims, citations and the hash-chained ledger. The only module
that opens SQLite.

The queries themselves are archive/sql_catalog.py's, shared with the PostgreSQL catalog; this module owns what
is SQLite's alone: connections (one per thread), the schema and its migrations, how a write waits its turn,
and SQLite's spelling of a few pieces (IN lists, JSON, letter case). Every write runs in `_write()`: BEGIN
IMMEDIATE takes the write lock before anything is read, so a writer waits its turn (SQLite's busy timeout, then
bounded retries) instead of failing when another connection wrote first, which a deferred BEGIN cannot do.
Every stored fact about a capture, claim, citation, account or token (but its secret) is in its ledger event,
so `verify` can hold each row to the hashed record. SQLite failures leave this module as ArchiveErrors with a
plain sentence naming the file.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive import figures as figure_engine  # loaded on first use: most commands read no figure
from archive.actors import current_actor
from archive.clock import utc_now
from archive.errors import ArchiveBusyError, CatalogDamagedError
from archive.ledger import next_entry
from archive.sql_catalog import EMPTY_DEFAULTS, RECORDED_CAPTURE_FIELDS, SqlCatalog, _decode, derived_digest, insert_sql

if TYPE_CHECKING:
    from archive.figures import Figure
    import sqlite_utils

# The schema's changes, in the order written. sqlite_utils.Migrations applies them and records each in its
# table; sqlite-utils is imported only when one is pending: its import takes most of a read command's start-up.
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = []
MIGRATION_SET = "evidence"
MIGRATIONS_TABLE = "_sqlite_migrations"  # where sqlite_utils.Migrations records (migration_set, name)

# What a figure's sentence says it is about (m015).
FIGURE_CONTEXT = ("period", "direction", "subject")
# The fields m007 attested, as they were then (later migrations add columns that did not exist yet).
_RECORDED_BY_M007 = RECORDED_CAPTURE_FIELDS[:RECORDED_CAPTURE_FIELDS.index("warc_sha256") + 1]
# An entry's actor as SQL: entries whose data is not JSON (edited by hand; verify reports them) have none, where
# json_extract alone would fail the whole query. m011 indexes this very expression.
_ACTOR_SQL = "(CASE WHEN json_valid(data) THEN json_extract(data, '$.actor') END)"
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
        record.update((name, record[name] or type(empty)()) for name, empty in EMPTY_DEFAULTS.items())
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


@migration
def m016_claim_checks(db: sqlite_utils.Database) -> None:
    # A claim's figures and each citation's agreement with them (archive/claim_checks.py), JSON: derived once
    # and stored, so that showing a claim needs no figure engine. NULL until derived: claims and citations made
    # before get theirs the first time they are shown, or at the next reindex. A later change of how figures
    # are read or compared sets them to NULL again, as m015 marks the captures to be derived again.
    db["claims"].add_column("figures", str)
    db["citations"].add_column("agreement", str)


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


class Catalog(SqlCatalog):
    """Rows about captures, claims and citations, and the ledger of what happened to them, in SQLite."""

    ACTOR_SQL = _ACTOR_SQL
    IN_BATCH = 500  # values in one IN list: well below the parameters SQLite takes in a statement

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

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> int:
        try:
            return self._conn.execute(sql, list(params)).rowcount
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    def _exec_many(self, sql: str, rows: list[tuple]) -> None:
        try:
            self._conn.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc

    # -- SQLite's spelling of what the shared queries leave open ------------------------------

    def _in(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({', '.join('?' * len(values))})", list(values)

    def _json_field(self, key: str) -> str:
        # json_extract alone fails the whole query on data that is no JSON (edited by hand; verify reports it)
        return f"(CASE WHEN json_valid(data) THEN json_extract(data, '$.{key}') END)"

    def _nocase(self, sql: str) -> str:
        return f"{sql} COLLATE NOCASE"

    @contextmanager
    def _write(self, lock: bool = True) -> Iterator[sqlite3.Connection]:
        """Run a block as one write transaction, begun only once this connection holds the write lock (SQLite's
        only lock: `lock` changes nothing here)."""
        if self._in_write:  # nested: part of the transaction already open
            yield self._conn
            return
        self._begin_immediate()
        self._in_write = True
        try:
            yield self._conn
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


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _append_ledger(conn: sqlite3.Connection, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
    """Append one hash-chained event from a migration (which has its connection, not a Catalog)."""
    last = conn.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    entry = next_entry(last, event, subject, data, at, actor=current_actor())
    conn.execute(insert_sql("ledger", list(entry)), list(entry.values()))


def _figure_rows(conn: sqlite3.Connection, capture_id: int) -> list[Figure]:
    # m007 reads them before m015 adds the context columns: only the columns there were then
    cursor = conn.execute("SELECT start, end, text, value, unit, approx, precision FROM figures "
                          "WHERE capture_id = ? ORDER BY start", [capture_id])
    return [figure_engine.Figure(text=text, start=start, end=end, value=value, unit=unit, approx=approx,
                                 precision=precision)
            for start, end, text, value, unit, approx, precision in cursor.fetchall()]
