"""The catalog on PostgreSQL: captures, observations, claims, citations, accounts and the hash-chained ledger,
the same rows and events as the SQLite catalog (archive/catalog.py), for an archive several machines write.

The queries are archive/sql_catalog.py's, shared with the SQLite catalog and written in its `?` style, which
`_pg_style` turns into psycopg's `%s`. What is PostgreSQL's alone is here: the pool and its transactions
(archive/pg_database.py), `= ANY(array)` for lists, JSON through `evidence_json`, names compared by `lower()`,
id sequences moved after a copy, and a capture's search document. Every write runs in `Database.write()`: one
transaction after the writers' advisory lock, so the ledger's next entry is made from its true last one and
the same bytes racing in from two processes are caught inside the transaction (`exists`). With the search
index in the same database (archive/search/pg_index.py), a new capture's search document is written in its
transaction too: nothing is left to index after a crash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import psycopg

from archive.errors import CaptureError
from archive.models import Capture
from archive.pg_database import Database
from archive.sql_catalog import SqlCatalog

if TYPE_CHECKING:
    from archive.figures import Figure

_CAPTURE_FIELDS_SET = {field.name for field in fields(Capture)} - {"id"}


class PgCatalog(SqlCatalog):
    """Rows about captures, claims and citations, and the ledger of what happened to them, in PostgreSQL."""

    ACTOR_SQL = "(evidence_json(data) ->> 'actor')"  # the expression pg001's ledger_actor index is on
    IN_BATCH = 5000  # values in one array parameter

    def __init__(self, url: str, database: Database | None = None):
        self.db = database or Database(url)
        self.path = self.db.shown  # what messages name (the URL without its password)
        try:
            self.db.migrate()
        except BaseException:
            if database is None:
                self.db.close()
            raise

    def close(self) -> None:
        """Close the pool's connections."""
        self.db.close()

    def snapshot(self) -> AbstractContextManager[None]:
        """Read everything in the block from one moment of the catalog, while writers go on."""
        return self.db.snapshot()

    # -- statements, on this thread's transaction or a pooled connection -----------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return self.db.rows(_pg_style(sql), params)

    def _tuples(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        return self.db.tuples(_pg_style(sql), params)

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        return self.db.value(_pg_style(sql), params)

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> int:
        return self.db.execute(_pg_style(sql), params)

    def _exec_many(self, sql: str, rows: list[tuple]) -> None:
        self.db.execute_many(_pg_style(sql), rows)

    @contextmanager
    def _write(self, lock: bool = True) -> Iterator[psycopg.Connection]:
        # Without `lock`, a change no ledger entry depends on does not wait for the writers' advisory lock.
        with (self.db.write() if lock else self.db.write(lock=None)) as conn:
            yield conn

    # -- PostgreSQL's spelling of what the shared queries leave open --------------------------

    def _in(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(?)", [list(values)]

    def _json_field(self, key: str) -> str:
        return f"(evidence_json(data) -> '{key}')"  # evidence_json: NULL for data that is no JSON

    def _nocase(self, sql: str) -> str:
        return f"lower({sql})"

    def _after_copy(self, table: str, names: list[str]) -> None:
        # Rows copied with their ids leave a serial column's sequence behind: move it past them.
        sequence = self._value("SELECT pg_get_serial_sequence(?, 'id')", [table]) if "id" in names else None
        if sequence:
            self._value(f'SELECT setval(?, (SELECT max(id) FROM "{table}"))', [sequence])

    # -- captures, with their search document --------------------------------------------------

    def add_capture(self, row: dict[str, Any], at: str, figures: list[Figure] = (),
                    observation: dict[str, Any] | None = None,
                    index_terms: dict[str, list[int]] | None = None) -> tuple[Capture, bool]:
        """Insert a capture, its figures and its ledger event in one transaction; return (capture, created).

        The same bytes already catalogued (even by a writer racing this one) insert nothing: that capture
        comes back with created False, and `observation`, when given, is recorded with it. With
        `index_terms` (analysis.analyse terms), its search document is written in the same transaction.
        """
        if any(isinstance(value, str) and "\x00" in value for value in row.values()):
            raise CaptureError(row["source"], "its text holds NUL characters, which a PostgreSQL catalog cannot "
                                              "store; nothing was written")
        # The search document (tsvector literals made in Python) is built before the writers' lock is taken:
        # only its id is unknown until then, and other writers need not wait while it is made.
        document = _prepared_document(row, index_terms) if index_terms is not None else None
        with self._write() as conn:
            capture, created = self._insert_capture(row, at, figures, observation,
                                                    {"indexed": 1} if document is not None else None)
            if created and document is not None:
                from archive.search.pg_documents import write_rows

                write_rows(conn, [(capture.id, *document[1:])])
        return capture, created


@lru_cache(maxsize=512)
def _pg_style(sql: str) -> str:
    """Return a `?`-style statement in psycopg's style: `?` outside quotes becomes `%s`, and every `%` (which
    psycopg reads as a placeholder anywhere) `%%`."""
    pieces = _QUOTED.split(sql)  # odd pieces are quoted literals or identifiers, left as they are but for `%`
    return "".join(piece.replace("%", "%%") if index % 2 else piece.replace("%", "%%").replace("?", "%s")
                   for index, piece in enumerate(pieces))


_QUOTED = re.compile(r"""('(?:[^']|'')*'|"(?:[^"]|"")*")""")


def _prepared_document(row: dict[str, Any], terms: dict[str, list[int]]) -> tuple[Any, ...]:
    """Return the search_documents row of a capture about to be inserted, its id left 0 (given under the lock):
    the document is made from the row's own metadata, as the capture read back after the insert has it."""
    from archive.search.pg_documents import document_row  # the analyzer's Whoosh, for writers only

    return document_row(Capture(id=0, **{name: value for name, value in row.items() if name in _CAPTURE_FIELDS_SET}),
                        terms)
