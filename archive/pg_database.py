"""One PostgreSQL database, as the catalog and the search index on it use it: a pool of connections
(psycopg_pool), a transaction per thread, the writers' turn, and PostgreSQL's errors told as archive errors.

Reads borrow a pooled connection for one statement (autocommit); `write()` holds one connection for a whole
transaction and first takes WRITE_LOCK, a transaction-level advisory lock: every write appends to the
hash-chained ledger, whose next entry needs the last one, so writers take turns as SQLite's BEGIN IMMEDIATE
makes them do. (SERIALIZABLE with retries would have every racing writer read the same last entry, all but
one fail at commit, and redo their work; waiting in line wastes nothing.) The lock ends with the transaction,
and with the connection of a writer killed midway, which PostgreSQL then rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from archive.backends import public_url
from archive.errors import ArchiveBusyError, CatalogDamagedError, DatabaseUnavailableError

# Advisory lock keys of this archive's database (any 64-bit numbers no other program of the database uses).
WRITE_LOCK = 0x65766964656E6365  # "evidence": one writer of the catalog and ledger at a time
MIGRATION_LOCK = WRITE_LOCK + 1  # one process brings the schema up to date at a time
INDEX_LOCK = WRITE_LOCK + 2  # one writer of the search index (a rebuild) at a time
POOL_SIZE = 10  # connections a process keeps at most: a serve process's threads, an ingest's one writer
CONNECT_WAIT = 30.0  # seconds to wait for a connection (the server starting, the pool's connections all in use)
WRITE_WAIT = 600.0  # seconds a write waits for its turn before it gives up with ArchiveBusyError


class Database:
    """A pool of connections to one database, a transaction per thread, and the schema brought up to date."""

    def __init__(self, url: str, pool_size: int = POOL_SIZE, write_wait: float = WRITE_WAIT):
        self.url = url
        self.shown = public_url(url)
        self.write_wait = write_wait
        self._local = threading.local()
        self.pool = ConnectionPool(url, min_size=1, max_size=pool_size, kwargs={"autocommit": True}, open=False,
                                   timeout=CONNECT_WAIT, check=ConnectionPool.check_connection,
                                   configure=_configure, name="evidence-catalog")
        try:
            self.pool.open(wait=True, timeout=CONNECT_WAIT)
        except psycopg.Error as exc:
            self.pool.close()
            raise self.error(exc) from exc

    def migrate(self) -> list[str]:
        """Bring the schema up to date (archive/pg_migrations.py); return the names of the changes applied."""
        from archive import pg_migrations

        try:
            with self.pool.connection() as conn:
                return pg_migrations.apply(conn)
        except psycopg.Error as exc:
            raise self.error(exc) from exc

    def close(self) -> None:
        """Close every connection of the pool."""
        self.pool.close()

    # -- statements --------------------------------------------------------------------------

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """Yield this thread's connection inside a transaction or snapshot, else one borrowed from the pool."""
        held = getattr(self._local, "connection", None)
        if held is not None:
            yield held
            return
        try:
            with self.pool.connection() as borrowed:
                yield borrowed
        except psycopg.Error as exc:
            raise self.error(exc) from exc

    def rows(self, sql: str, params: Iterable[Any] | dict = ()) -> list[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        with self.connection() as conn:
            try:
                cursor = conn.execute(sql, _params(params))
                names = [column.name for column in cursor.description]
                return [dict(zip(names, row)) for row in cursor.fetchall()]
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    def tuples(self, sql: str, params: Iterable[Any] | dict = ()) -> list[tuple]:
        """Run a query; return its rows as tuples."""
        with self.connection() as conn:
            try:
                return conn.execute(sql, _params(params)).fetchall()
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    def value(self, sql: str, params: Iterable[Any] | dict = ()) -> Any:
        """Run a query; return the first column of its first row, or None."""
        found = self.tuples(sql, params)
        return found[0][0] if found else None

    def execute(self, sql: str, params: Iterable[Any] | dict = ()) -> int:
        """Run a statement; return how many rows it changed."""
        with self.connection() as conn:
            try:
                return conn.execute(sql, _params(params)).rowcount
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    def execute_many(self, sql: str, rows: list[tuple]) -> None:
        """Run a statement once per row of parameters."""
        if not rows:
            return
        with self.connection() as conn:
            try:
                with conn.cursor() as cursor:
                    cursor.executemany(sql, rows)
            except psycopg.Error as exc:
                raise self.error(exc) from exc

    # -- transactions ------------------------------------------------------------------------

    @property
    def in_write(self) -> bool:
        """Tell whether this thread is inside a write transaction."""
        return getattr(self._local, "writing", False)

    @contextmanager
    def write(self, lock: int | None = WRITE_LOCK) -> Iterator[psycopg.Connection]:
        """Run a block as one transaction on one connection, after waiting for the writers' turn (`lock`);
        nested, it is part of the transaction already open. Everything or nothing of it is written."""
        held = getattr(self._local, "connection", None)
        if held is not None and self.in_write:
            yield held
            return
        if held is not None:
            raise RuntimeError("a write cannot start inside a snapshot")
        try:
            with self.pool.connection() as conn:
                self._local.connection, self._local.writing = conn, True
                try:
                    with conn.transaction():
                        conn.execute(f"SET LOCAL lock_timeout = {int(self.write_wait * 1000)}")
                        if lock is not None:
                            conn.execute("SELECT pg_advisory_xact_lock(%s)", [lock])
                        yield conn
                finally:
                    self._local.connection, self._local.writing = None, False
        except psycopg.Error as exc:
            raise self.error(exc) from exc

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Read everything inside the block from one moment of the database, while writers go on."""
        if getattr(self._local, "connection", None) is not None:
            yield
            return
        try:
            with self.pool.connection() as conn:
                self._local.connection = conn
                try:
                    with conn.transaction():
                        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                        yield
                finally:
                    self._local.connection = None
        except psycopg.Error as exc:
            raise self.error(exc) from exc

    # -- errors ------------------------------------------------------------------------------

    def error(self, exc: psycopg.Error) -> Exception:
        """Turn a PostgreSQL error into an archive error with a sentence; leave programming errors and refused
        changes (constraints, the ledger's triggers) as they are."""
        if isinstance(exc, psycopg.errors.LockNotAvailable):
            return ArchiveBusyError(f"the catalog database {self.shown} stayed locked by another writer for "
                                    f"{self.write_wait:g} s; nothing was written, try again")
        if isinstance(exc, psycopg.OperationalError):  # the server stopped, refused or could not be reached
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return DatabaseUnavailableError(
                f"the catalog database {self.shown} cannot be reached ({reason}); what was being written was "
                "not written. Start the server (or correct EVIDENCE_DATABASE_URL) and run the command again: "
                "it goes on from there")
        if isinstance(exc, (psycopg.errors.DataCorrupted, psycopg.errors.IndexCorrupted)):
            return CatalogDamagedError(f"the catalog database {self.shown} reports damage ({exc}); restore it "
                                       "from a backup")
        return exc


def _configure(conn: psycopg.Connection) -> None:
    """Set up a new connection of the pool. No JIT compiling: the archive's statements take milliseconds, but
    one whose estimate is far off (a join on capture ids the planner cannot count) passes jit_above_cost and
    spent 1.5 s compiling to run 70 ms (a capitalised word's close spellings scored at 20,000 captures)."""
    conn.execute("SET jit = off")


def _params(params: Iterable[Any] | dict) -> list[Any] | dict:
    return params if isinstance(params, dict) else list(params)
