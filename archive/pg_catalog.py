"""The catalog on PostgreSQL: captures, observations, claims, citations, accounts and the hash-chained ledger,
the same rows and events as the SQLite catalog (archive/catalog.py), for an archive several machines write.

Every write runs in `Database.write()`: one transaction after the writers' advisory lock, so the ledger's next
entry is made from its true last one and the same bytes racing in from two processes are caught inside the
transaction (`exists`). With the search index in the same database (archive/search/pg_index.py), a new
capture's search document is written in its transaction too: nothing is left to index after a crash.
"""

from __future__ import annotations

import json
from dataclasses import fields
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import psycopg

from archive.actors import current_actor
from archive.catalog import (OBSERVATION_FIELDS, RECORDED_CAPTURE_FIELDS, _CAPTURE_FIELDS, _capture, _chunks,
                             _decode, _encode, _figure, _figure_row, _json_object, _own_name_first, derived_digest)
from archive.errors import CaptureError, EntityNameTakenError, LastAdminError, NameTakenError
from archive.ledger import GENESIS_HASH, next_entry
from archive.models import Capture, Citation, Claim, Observation
from archive.permissions import ADMIN
from archive.pg_database import Database

if TYPE_CHECKING:
    from archive.figures import Figure

_ACTOR_SQL = "(evidence_json(data) ->> 'actor')"
_COLUMNS = ", ".join(f'"{name}"' for name in _CAPTURE_FIELDS)
_FIGURE_COLUMNS = 'start, "end", text, value, unit, approx, precision, period, direction, subject'
_CAPTURE_FIELDS_SET = {field.name for field in fields(Capture)} - {"id"}


class PgCatalog:
    """Rows about captures, claims and citations, and the ledger of what happened to them, in PostgreSQL."""

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

    def archive_id(self) -> str:
        """Return the id the catalog was made with (kept in each home too, as archive.id)."""
        return self.db.value("SELECT value FROM archive WHERE key = 'id'")

    def snapshot(self) -> AbstractContextManager[None]:
        """Read everything in the block from one moment of the catalog, while writers go on."""
        return self.db.snapshot()

    # -- captures ---------------------------------------------------------------------------

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
        with self.db.write() as conn:
            existing = self.db.value("SELECT id FROM captures WHERE sha256 = %s", [row["sha256"]])
            if existing is not None:
                if observation is not None:
                    self.add_observation(existing, observation, at)
                return self.get_capture(existing), False
            if row.get("url") and "previous_id" not in row:
                row = {**row, "previous_id": self.db.value(
                    "SELECT id FROM captures WHERE url = %s ORDER BY captured_at DESC, id DESC LIMIT 1",
                    [row["url"]])}
            capture_id = self._next_id("captures", "capture.added", "capture_id")
            encoded = {k: _encode(k, v) for k, v in row.items()}
            if index_terms is not None:
                encoded["indexed"] = 1
            _insert(conn, "captures", {"id": capture_id, **encoded})
            self._insert_figures(capture_id, figures)
            record = {name: row.get(name) for name in RECORDED_CAPTURE_FIELDS}
            record["derived_sha256"] = derived_digest(list(figures), row.get("token_marks"))
            self._append_ledger("capture.added", str(capture_id), {"capture_id": capture_id, **record}, at)
            capture = self.get_capture(capture_id)
            if document is not None:
                from archive.search.pg_documents import write_rows

                write_rows(conn, [(capture_id, *document[1:])])
        return capture, True

    def _next_id(self, table: str, event: str, key: str) -> int:
        """Return a new id: above every row and every id the ledger ever gave (its newest `event` names the
        highest), so no id is used twice even if rows are deleted behind our back."""
        in_table = self.db.value(f'SELECT max(id) FROM "{table}"') or 0
        in_ledger = self.db.value("SELECT evidence_json(data) ->> %s FROM ledger WHERE event = %s "
                                  "ORDER BY seq DESC LIMIT 1", [key, event]) or 0
        return max(in_table, int(in_ledger)) + 1

    def find_by_sha256(self, sha256: str) -> Capture | None:
        """Return the capture of these exact bytes, if any."""
        return self._one_capture(f"SELECT {_COLUMNS} FROM captures WHERE sha256 = %s", [sha256])

    def latest_for_url(self, url: str) -> Capture | None:
        """Return the newest capture of a URL, if any."""
        return self._one_capture(f"SELECT {_COLUMNS} FROM captures WHERE url = %s "
                                 "ORDER BY captured_at DESC, id DESC LIMIT 1", [url])

    def versions(self, url: str) -> list[Capture]:
        """Return every capture of a URL, oldest first."""
        rows = self.db.rows(f"SELECT {_COLUMNS} FROM captures WHERE url = %s ORDER BY captured_at, id", [url])
        return [_capture(r) for r in rows]

    def get_capture(self, capture_id: int, with_text: bool = False) -> Capture | None:
        """Return one capture by id, with its text when asked."""
        return self._one_capture(f"SELECT {_columns(with_text)} FROM captures WHERE id = %s", [capture_id])

    def _one_capture(self, sql: str, params: list[Any]) -> Capture | None:
        rows = self.db.rows(sql, params)
        return _capture(rows[0]) if rows else None

    def get_captures(self, ids: Iterable[int], with_text: bool = False) -> dict[int, Capture]:
        """Return several captures by id."""
        rows = self.db.rows(f"SELECT {_columns(with_text)} FROM captures WHERE id = ANY(%s)", [list(ids)])
        return {r["id"]: _capture(r) for r in rows}

    def iter_captures(self, with_text: bool = False, unindexed: bool = False, batch: int = 200) -> Iterator[Capture]:
        """Stream captures (all, or those waiting for the search index) in id order without holding them all."""
        where = " AND indexed = 0" if unindexed else ""
        last = 0
        while rows := self.db.rows(f"SELECT {_columns(with_text)} FROM captures WHERE id > %s{where} "
                                   "ORDER BY id LIMIT %s", [last, batch]):
            for row in rows:
                yield _capture(row)
            last = rows[-1]["id"]

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return the newest captures first."""
        rows = self.db.rows(f"SELECT {_COLUMNS} FROM captures ORDER BY id DESC LIMIT %s OFFSET %s", [limit, offset])
        return [_capture(r) for r in rows]

    def count_captures(self) -> int:
        """Return how many captures the catalog holds."""
        return self.db.value("SELECT count(*) FROM captures")

    def capture_ids(self) -> set[int]:
        """Return the id of every capture."""
        return {i for (i,) in self.db.tuples("SELECT id FROM captures")}

    def blob_hashes(self) -> set[str]:
        """Return the hash of every blob a capture records: its original, its exchange's WARC, its parts."""
        return set(self.iter_blob_hashes())

    def iter_blob_hashes(self, batch: int = 1000) -> Iterator[str]:
        """Stream the hash of each capture's original, then of its exchange's WARC if any, then of its parts."""
        last = 0
        while rows := self.db.rows("SELECT id, sha256, warc_sha256, parts FROM captures WHERE id > %s ORDER BY id "
                                   "LIMIT %s", [last, batch]):
            for row in rows:
                yield row["sha256"]
                if row["warc_sha256"]:
                    yield row["warc_sha256"]
                for part in _decode("parts", row["parts"]) or ():
                    yield part["sha256"]
            last = rows[-1]["id"]

    # -- which captures the search index holds -----------------------------------------------

    def unindexed_ids(self) -> list[int]:
        """Return captures stored but not yet committed to the search index."""
        return [i for (i,) in self.db.tuples("SELECT id FROM captures WHERE indexed = 0 ORDER BY id")]

    def count_unindexed(self) -> int:
        """Return how many captures wait to be committed to the search index."""
        return self.db.value("SELECT count(*) FROM captures WHERE indexed = 0")

    def mark_indexed(self, ids: Iterable[int], indexed: bool = True) -> None:
        """Record that captures are (or are no longer) in the search index."""
        with self.db.write(lock=None):
            self.db.execute("UPDATE captures SET indexed = %s WHERE id = ANY(%s)", [int(indexed), list(ids)])

    def mark_all_unindexed(self) -> None:
        """Forget which captures are indexed, before a full rebuild."""
        with self.db.write(lock=None):
            self.db.execute("UPDATE captures SET indexed = 0 WHERE indexed <> 0")

    def indexed_ids(self) -> set[int]:
        """Return the ids of captures recorded as committed to the search index."""
        return {i for (i,) in self.db.tuples("SELECT id FROM captures WHERE indexed = 1")}

    # -- observations ------------------------------------------------------------------------

    def add_observation(self, capture_id: int, observation: dict[str, Any], at: str) -> None:
        """Record a fetch that found a capture's bytes again (URL, time, status, headers), and its ledger event."""
        values = {name: observation.get(name) for name in OBSERVATION_FIELDS}
        values["capture_id"] = capture_id
        with self.db.write() as conn:
            observation_id = self._next_id("observations", "capture.observed", "observation_id")
            _insert(conn, "observations", {"id": observation_id, **{k: _encode(k, v) for k, v in values.items()}})
            self._append_ledger("capture.observed", str(capture_id), {"observation_id": observation_id, **values}, at)

    def observations(self, capture_id: int | None = None) -> list[Observation]:
        """Return the later observations of one capture (or of all), oldest first."""
        where, params = ("WHERE capture_id = %s", [capture_id]) if capture_id is not None else ("", [])
        rows = self.db.rows(f"SELECT * FROM observations {where} ORDER BY id", params)
        return [Observation(**{k: _decode(k, v) for k, v in row.items()}) for row in rows]

    # -- figures and other data derived from a capture's text --------------------------------

    def replace_derived(self, capture_id: int, figures: list[Figure], token_marks: list[int], at: str) -> None:
        """Store afresh what is derived from a capture's text; a changed result is a ledger event."""
        digest = derived_digest(figures, token_marks)
        with self.db.write():
            self.db.execute("DELETE FROM figures WHERE capture_id = %s", [capture_id])
            self._insert_figures(capture_id, figures)
            self.db.execute("UPDATE captures SET token_marks = %s WHERE id = %s", [json.dumps(token_marks), capture_id])
            if self.recorded_capture(capture_id).get("derived_sha256") != digest:
                self._append_ledger("capture.rederived", str(capture_id),
                                    {"capture_id": capture_id, "derived_sha256": digest}, at)

    def _insert_figures(self, capture_id: int, figures: Iterable[Figure]) -> None:
        self.db.execute_many(f"INSERT INTO figures (capture_id, {_FIGURE_COLUMNS}) VALUES (%s{', %s' * 10})",
                             [(capture_id, *_figure_row(f)) for f in figures])

    def figure_rows(self, capture_ids: Iterable[int]) -> dict[int, list[tuple]]:
        """Return the figures stored for several captures, as rows (start, end, text, value, unit, approx,
        precision, period, direction, subject) by capture id: what the derived digest is made of."""
        rows = self.db.tuples(f"SELECT capture_id, {_FIGURE_COLUMNS} FROM figures WHERE capture_id = ANY(%s) "
                              "ORDER BY capture_id", [list(capture_ids)])
        return {capture_id: [row[1:] for row in group] for capture_id, group in groupby(rows, itemgetter(0))}

    def figures_between(self, unit: str | None, low: float, high: float,
                        limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of a unit whose value lies in [low, high]."""
        unit_clause = "unit IS NULL" if unit is None else "unit = %s"
        params = ([] if unit is None else [unit]) + [low, high, limit]
        rows = self.db.rows(f"SELECT * FROM figures WHERE {unit_clause} AND value BETWEEN %s AND %s "
                            "ORDER BY capture_id, start LIMIT %s", params)
        return [(row["capture_id"], _figure(row)) for row in rows]

    # -- claims and citations ----------------------------------------------------------------

    def add_claim(self, text: str, at: str) -> Claim:
        """Insert a claim and its ledger event."""
        with self.db.write() as conn:
            claim_id = self._next_id("claims", "claim.created", "claim_id")
            _insert(conn, "claims", {"id": claim_id, "text": text, "status": "unchecked", "notes": None,
                                     "created_at": at, "updated_at": at})
            self._append_ledger("claim.created", str(claim_id), {"claim_id": claim_id, "text": text}, at)
        return self.get_claim(claim_id)

    def set_claim_status(self, claim_id: int, status: str, notes: str | None, at: str) -> Claim:
        """Change a claim's status (and notes); the change is a ledger event."""
        with self.db.write():
            self.db.execute("UPDATE claims SET status = %s, notes = %s, updated_at = %s WHERE id = %s",
                            [status, notes, at, claim_id])
            self._append_ledger("claim.status_changed", str(claim_id),
                                {"claim_id": claim_id, "status": status, "notes": notes}, at)
        return self.get_claim(claim_id)

    def get_claim(self, claim_id: int) -> Claim | None:
        """Return a claim with its current citations."""
        rows = self.db.rows("SELECT * FROM claims WHERE id = %s", [claim_id])
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
            where, params = "WHERE id = ANY(%s)", [sorted(set(ids))]
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self.db.rows(
            "SELECT claims.*, (SELECT count(*) FROM citations WHERE claim_id = claims.id "
            f"AND removed_at IS NULL) AS citation_count FROM claims {where} ORDER BY id DESC {page}", params)
        return [Claim(**row) for row in rows]

    def count_claims(self) -> int:
        """Return how many claims there are."""
        return self.db.value("SELECT count(*) FROM claims")

    def add_citation(self, row: dict[str, Any], at: str) -> Citation:
        """Insert a citation and its ledger event (which records its region and cell, none included)."""
        row = {"region": None, "cell": None, **row}
        with self.db.write() as conn:
            citation_id = self._next_id("citations", "citation.added", "citation_id")
            _insert(conn, "citations", {"id": citation_id, **{k: _encode(k, v) for k, v in row.items()},
                                        "created_at": at})
            self._append_ledger("citation.added", str(citation_id), {"citation_id": citation_id, **row}, at)
        return self.citations(citation_id=citation_id)[0]

    def remove_citation(self, citation_id: int, at: str, reason: str | None = None) -> None:
        """Mark a citation removed (retracted); the row stays, and the removal and its reason are a ledger event."""
        with self.db.write():
            self.db.execute("UPDATE citations SET removed_at = %s WHERE id = %s", [at, citation_id])
            claim_id = self.db.value("SELECT claim_id FROM citations WHERE id = %s", [citation_id])
            self._append_ledger("citation.removed", str(citation_id),
                                {"citation_id": citation_id, "claim_id": claim_id, "reason": reason}, at)

    def citations(self, claim_id: int | None = None, capture_id: int | None = None,
                  citation_id: int | None = None, include_removed: bool = False) -> list[Citation]:
        """Return citations by claim, capture or id, oldest first."""
        where, params = [], []
        for column, value in (("claim_id", claim_id), ("capture_id", capture_id), ("id", citation_id)):
            if value is not None:
                where.append(f"{column} = %s")
                params.append(value)
        if not include_removed:
            where.append("removed_at IS NULL")
        sql = "SELECT * FROM citations" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [Citation(**{k: _decode(k, v) for k, v in row.items()}) for row in self.db.rows(sql, params)]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Return every claim row as stored, oldest first."""
        return self.db.rows("SELECT * FROM claims ORDER BY id")

    # -- entities and their names (as archive/catalog.py keeps them) --------------------------

    def add_entity(self, name: str, kind: str, names: list[tuple[str, str, str]], at: str) -> int:
        """Insert an entity with its names and its ledger event; raise EntityNameTakenError when a name is
        another entity's."""
        with self.db.write() as conn:
            self._refuse_taken(names)
            entity_id = self._next_id("entities", "entity.created", "entity_id")
            _insert(conn, "entities", {"id": entity_id, "name": name, "kind": kind, "created_at": at,
                                       "updated_at": at, "merged_into": None})
            for shown, folded, reading in names:
                _insert(conn, "entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
                                               "reading": reading, "added_at": at})
            self._append_ledger("entity.created", str(entity_id),
                                {"entity_id": entity_id, "name": name, "kind": kind,
                                 "names": [shown for shown, _f, _r in names]}, at)
        return entity_id

    def add_entity_names(self, entity_id: int, names: list[tuple[str, str, str]], at: str) -> None:
        """Give an entity more names, one ledger event each; raise EntityNameTakenError when a name is taken."""
        with self.db.write() as conn:
            self._refuse_taken(names)
            for shown, folded, reading in names:
                _insert(conn, "entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
                                               "reading": reading, "added_at": at})
                self._append_ledger("entity.name_added", str(entity_id), {"entity_id": entity_id, "name": shown}, at)
            self.db.execute("UPDATE entities SET updated_at = %s WHERE id = %s", [at, entity_id])

    def _refuse_taken(self, names: list[tuple[str, str, str]]) -> None:
        """Raise EntityNameTakenError for the first name another entity holds; the caller holds the write lock."""
        for shown, folded, _reading in names:
            held = self.db.rows("SELECT entities.id, entities.name FROM entity_names JOIN entities "
                                "ON entities.id = entity_names.entity_id WHERE folded = %s", [folded])
            if held:
                raise EntityNameTakenError(shown, held[0]["id"], held[0]["name"])

    def remove_entity_name(self, entity_id: int, folded: str, reason: str | None, at: str) -> None:
        """Take a name from an entity, with its ledger event; the entity's own name becomes its oldest other name
        when it is the one taken."""
        with self.db.write():
            name = self.db.value("SELECT name FROM entity_names WHERE entity_id = %s AND folded = %s",
                                 [entity_id, folded])
            self.db.execute("DELETE FROM entity_names WHERE entity_id = %s AND folded = %s", [entity_id, folded])
            first = self.db.value("SELECT name FROM entity_names WHERE entity_id = %s ORDER BY id LIMIT 1",
                                  [entity_id])
            self.db.execute("UPDATE entities SET name = %s, updated_at = %s WHERE id = %s", [first, at, entity_id])
            self._append_ledger("entity.name_removed", str(entity_id),
                                {"entity_id": entity_id, "name": name, "reason": reason}, at)

    def merge_entities(self, entity_id: int, into: int, at: str) -> None:
        """Move every name of an entity to another, mark it merged, and record both in one ledger event."""
        with self.db.write():
            moved = [row["name"] for row in self.db.rows(
                "SELECT name FROM entity_names WHERE entity_id = %s ORDER BY id", [entity_id])]
            self.db.execute("UPDATE entity_names SET entity_id = %s WHERE entity_id = %s", [into, entity_id])
            self.db.execute("UPDATE entities SET merged_into = %s, updated_at = %s WHERE id = %s",
                            [into, at, entity_id])
            self.db.execute("UPDATE entities SET updated_at = %s WHERE id = %s", [at, into])
            self._append_ledger("entity.merged", str(entity_id),
                                {"entity_id": entity_id, "into": into, "names": moved}, at)

    def entity_row(self, entity_id: int) -> dict[str, Any] | None:
        """Return an entity's row with its names (its own first), or None."""
        rows = self.db.rows("SELECT * FROM entities WHERE id = %s", [entity_id])
        if not rows:
            return None
        rows[0]["names"] = _own_name_first(rows[0]["name"], [row["name"] for row in self.db.rows(
            "SELECT name FROM entity_names WHERE entity_id = %s ORDER BY id", [entity_id])])
        return rows[0]

    def entity_rows(self, limit: int | None = None, offset: int = 0, merged: bool = False) -> list[dict[str, Any]]:
        """Return entities by name, with their names; those merged into another too when `merged`."""
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        where = "" if merged else "WHERE merged_into IS NULL"
        rows = self.db.rows(f"SELECT * FROM entities {where} ORDER BY lower(name), id {page}")
        names: dict[int, list[str]] = {row["id"]: [] for row in rows}
        if names:
            for row in self.db.rows("SELECT entity_id, name FROM entity_names WHERE entity_id = ANY(%s) ORDER BY id",
                                    [list(names)]):
                names[row["entity_id"]].append(row["name"])
        for row in rows:
            row["names"] = _own_name_first(row["name"], names[row["id"]])
        return rows

    def count_entities(self) -> int:
        """Return how many entities there are, merged ones aside."""
        return self.db.value("SELECT count(*) FROM entities WHERE merged_into IS NULL")

    def entity_names_matching(self, folded: Iterable[str], readings: Iterable[str]) -> list[dict[str, Any]]:
        """Return the name rows whose folded form or Latin reading is one of those given."""
        return self.db.rows("SELECT * FROM entity_names WHERE folded = ANY(%s) OR reading = ANY(%s)",
                            [sorted(set(folded)), sorted(set(readings))])

    def entity_name_owner(self, folded: str) -> int | None:
        """Return the id of the entity holding a folded name, or None."""
        return self.db.value("SELECT entity_id FROM entity_names WHERE folded = %s", [folded])

    # -- ledger ------------------------------------------------------------------------------

    def _append_ledger(self, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
        """Append one hash-chained event; the caller holds the write transaction (and with it the writers' lock,
        so the last entry read here is the last there is)."""
        last = self.db.tuples("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        entry = next_entry(last[0] if last else None, event, subject, data, at, actor=current_actor())
        with self.db.connection() as conn:
            _insert(conn, "ledger", entry)

    def ledger_head(self) -> tuple[int, str]:
        """Return the number of ledger entries and the hash of the last one."""
        rows = self.db.tuples("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        return rows[0] if rows else (0, GENESIS_HASH)

    # -- the claims' line-ups (issue 16, wp-lineup2): the last change they read ------------------------------

    def last_entry_except(self, events: tuple[str, ...]) -> int:
        """Return the number of the newest ledger entry of any kind but `events` (0 when there is none): the
        last change to what those kinds leave alone (archive.Archive.change_stamp, the claims' line-ups)."""
        # newest first along the primary key: it stops at the first entry of another kind
        return self.db.value("SELECT seq FROM ledger WHERE NOT (event = ANY(%s)) ORDER BY seq DESC LIMIT 1",
                             [list(events)]) or 0

    # -- end of the line-ups' block ----------------------------------------------------------------------------

    def iter_ledger(self, events: tuple[str, ...] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Stream ledger entries in order, all or only of the given kinds."""
        kinds = " AND event = ANY(%s)" if events else ""
        last = 0
        while rows := self.db.rows(f"SELECT * FROM ledger WHERE seq > %s{kinds} ORDER BY seq LIMIT %s",
                                   [last, *([list(events)] if events else []), batch]):
            yield from rows
            last = rows[-1]["seq"]

    def ledger_page(self, actor: str | None = None, events: tuple[str, str] | None = None,
                    since: str | None = None, until: str | None = None, subject: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Return a page of ledger entries, newest first, and how many match: by actor, by kinds of event (the
        range [low, high) of event names), by time ([since, until), stored times) and by subject."""
        conditions = [(f"{_ACTOR_SQL} = %s", [actor]), ("event >= %s AND event < %s", list(events or ())),
                      ("at >= %s", [since]), ("at < %s", [until]), ("subject = %s", [subject])]
        given = [(sql, values) for sql, values in conditions if values and values[0] is not None]
        clause = " WHERE " + " AND ".join(sql for sql, _ in given) if given else ""
        params = [value for _, values in given for value in values]
        total = self.db.value(f"SELECT count(*) FROM ledger{clause}", params)
        rows = self.db.rows(f"SELECT * FROM ledger{clause} ORDER BY seq DESC LIMIT %s OFFSET %s",
                            [*params, int(limit), int(offset)])
        return rows, total

    def claim_ledger(self, claim_id: int) -> list[dict[str, Any]]:
        """Return the ledger entries of a claim and of every citation ever made for it, oldest first."""
        citation_ids = [str(i) for (i,) in self.db.tuples("SELECT id FROM citations WHERE claim_id = %s",
                                                            [claim_id])]
        return self.db.rows("SELECT * FROM ledger WHERE (subject = %s AND event >= 'claim.' AND event < 'claim/') "
                            "OR (subject = ANY(%s) AND event >= 'citation.' AND event < 'citation/') ORDER BY seq",
                            [str(claim_id), citation_ids])

    def recorded_capture(self, capture_id: int) -> dict[str, Any]:
        """Return a capture's facts as its ledger events record them (added, then attested and re-derived)."""
        return self.recorded_captures([capture_id]).get(capture_id, {})

    def recorded_captures(self, capture_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Return several captures' facts as their ledger events record them, by capture id (none: not there)."""
        records: dict[str, dict[str, Any]] = {}
        for chunk in _chunks([str(i) for i in capture_ids], 5000):
            rows = self.db.tuples("SELECT subject, data FROM ledger WHERE subject = ANY(%s) AND event IN "
                                  "('capture.added', 'capture.attested', 'capture.rederived') ORDER BY seq", [chunk])
            for subject, data in rows:
                facts = _json_object(data)
                if facts is not None:  # data that is no JSON object records nothing (the chain walk reports it)
                    records.setdefault(subject, {}).update(facts)
        return {int(subject): record for subject, record in records.items()}

    def ledger_hash_at(self, seq: int) -> str | None:
        """Return the hash of ledger entry `seq`, or None when the ledger has no such entry."""
        return self.db.value("SELECT hash FROM ledger WHERE seq = %s", [seq])

    def recorded_ids(self, event: str, key: str) -> set[Any]:
        """Return the id every `event` of the ledger gives, as `key` of its data (the ids it ever recorded)."""
        rows = self.db.tuples("SELECT evidence_json(data) -> %s FROM ledger WHERE event = %s", [key, event])
        return {row[0] for row in rows if row[0] is not None}

    # -- checkpoints -------------------------------------------------------------------------

    def add_checkpoint(self, row: dict[str, Any]) -> dict[str, Any]:
        """Store a signed checkpoint; return it with its id."""
        with self.db.write() as conn:
            checkpoint_id = _insert(conn, "checkpoints", row, returning="id")
        return {"id": checkpoint_id, **row}

    def checkpoint_rows(self) -> list[dict[str, Any]]:
        """Return every checkpoint as stored, oldest first."""
        return self.db.rows("SELECT * FROM checkpoints ORDER BY id")

    def count_checkpoints(self) -> int:
        """Return how many checkpoints are stored."""
        return self.db.value("SELECT count(*) FROM checkpoints")

    # -- rows as stored, for `evidence migrate` (archive/migrate.py) ---------------------------

    def table_rows(self, table: str, key: str, after: Any, batch: int = 500) -> list[dict[str, Any]]:
        """Return a table's rows as stored whose `key` comes after `after`, in key order."""
        return self.db.rows(f'SELECT * FROM "{table}" WHERE "{key}" > %s ORDER BY "{key}" LIMIT %s', [after, batch])

    def last_key(self, table: str, key: str) -> Any:
        """Return the greatest `key` of a table's rows, or None when it has none."""
        return self.db.value(f'SELECT max("{key}") FROM "{table}"')

    def insert_rows(self, table: str, rows: list[dict[str, Any]], replace: bool = False) -> None:
        """Insert rows as they were stored elsewhere, in one transaction (`replace`: over rows of the same key),
        and move the table's id sequence past them, if it has one."""
        if not rows:
            return
        names = list(rows[0])
        columns = ", ".join(f'"{name}"' for name in names)
        tail = ""
        if replace:
            tail = f' ON CONFLICT ("{names[0]}") DO UPDATE SET ' + ", ".join(f'"{n}" = EXCLUDED."{n}"' for n in names[1:])
        with self.db.write() as conn:
            with conn.cursor() as cursor:
                cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES '
                                   f' ({", ".join(["%s"] * len(names))}){tail}',
                                   [[row[n] for n in names] for row in rows])
            sequence = self.db.value("SELECT pg_get_serial_sequence(%s, 'id')", [table]) if "id" in names else None
            if sequence:
                self.db.value(f'SELECT setval(%s, (SELECT max(id) FROM "{table}"))', [sequence])

    # -- accounts, tokens and sessions (team mode) --------------------------------------------

    def has_accounts(self) -> bool:
        """Tell whether any account exists (the archive is then in team mode)."""
        return self.db.value("SELECT EXISTS (SELECT 1 FROM accounts)")

    def add_account(self, name: str, role: str, password_hash: str, at: str) -> dict[str, Any]:
        """Insert an account and its ledger event; raise NameTakenError when the name is taken."""
        with self.db.write() as conn:
            if self.account_row(name) is not None:  # under the writers' lock: no other insert can come between
                raise NameTakenError(f"There is already an account named {name}.")
            _insert(conn, "accounts", {"name": name, "role": role, "password_hash": password_hash, "created_at": at})
            self._append_ledger("account.added", name, {"account": name, "role": role}, at)
        return self.account_row(name)

    def account_row(self, name: str) -> dict[str, Any] | None:
        """Return an account row by name (letter case aside), or None."""
        rows = self.db.rows("SELECT * FROM accounts WHERE lower(name) = lower(%s)", [name])
        return rows[0] if rows else None

    def account_rows(self) -> list[dict[str, Any]]:
        """Return every account row, oldest first."""
        return self.db.rows("SELECT * FROM accounts ORDER BY id")

    def set_account_role(self, account_id: int, role: str, at: str) -> None:
        """Give an account another role, with its ledger event; the last enabled admin keeps theirs."""
        with self.db.write():
            account = self.db.rows("SELECT * FROM accounts WHERE id = %s", [account_id])[0]
            if account["role"] == role:
                return
            self._keep_an_admin(account)
            self.db.execute("UPDATE accounts SET role = %s WHERE id = %s", [role, account_id])
            self._append_ledger("account.role_changed", account["name"], {"account": account["name"], "role": role},
                                at)

    def disable_account(self, account_id: int, at: str) -> None:
        """Disable an account, with its ledger event, and end its sessions; the last enabled admin stays."""
        with self.db.write():
            account = self.db.rows("SELECT * FROM accounts WHERE id = %s", [account_id])[0]
            if account["disabled_at"] is None:
                self._keep_an_admin(account)
                self.db.execute("UPDATE accounts SET disabled_at = %s WHERE id = %s", [at, account_id])
                self._append_ledger("account.disabled", account["name"], {"account": account["name"]}, at)
            self.db.execute("DELETE FROM sessions WHERE account_id = %s", [account_id])

    def _keep_an_admin(self, account: dict[str, Any]) -> None:
        """Refuse to demote or disable the last enabled admin; read under the writers' lock, so two admins
        demoting each other at once cannot both pass."""
        if account["role"] != ADMIN or account["disabled_at"] is not None:
            return
        others = self.db.value("SELECT count(*) FROM accounts WHERE role = %s AND disabled_at IS NULL AND id != %s",
                               [ADMIN, account["id"]])
        if not others:
            raise LastAdminError(f"{account['name']} is the last enabled admin: make another account admin first, "
                                 "so that someone can still manage the accounts.")

    def set_password_hash(self, account_id: int, password_hash: str) -> None:
        """Store a password's new hash (the same password, hashed with stronger parameters): no event."""
        self.db.execute("UPDATE accounts SET password_hash = %s WHERE id = %s", [password_hash, account_id])

    def add_token(self, account_id: int, prefix: str, sha256: str, at: str) -> None:
        """Record an API token by its hash and shown prefix, and its ledger event (the prefix only)."""
        with self.db.write() as conn:
            token_id = self._next_id("tokens", "account.token_issued", "token_id")
            _insert(conn, "tokens", {"id": token_id, "account_id": account_id, "prefix": prefix, "sha256": sha256,
                                     "created_at": at})
            name = self.db.value("SELECT name FROM accounts WHERE id = %s", [account_id])
            self._append_ledger("account.token_issued", name, {"account": name, "token_id": token_id,
                                                               "prefix": prefix}, at)

    def token_rows(self, account_id: int | None = None) -> list[dict[str, Any]]:
        """Return token rows (never their secret), all or one account's, oldest first."""
        where = "WHERE account_id = %s" if account_id is not None else ""
        return self.db.rows(f"SELECT id, account_id, prefix, created_at, revoked_at FROM tokens {where} ORDER BY id",
                            [account_id] if account_id is not None else [])

    def revoke_token(self, token_id: int, at: str) -> None:
        """Mark a live token revoked, with its ledger event."""
        with self.db.write():
            if not self.db.execute("UPDATE tokens SET revoked_at = %s WHERE id = %s AND revoked_at IS NULL",
                                   [at, token_id]):
                return
            name, prefix = self.db.tuples("SELECT accounts.name, tokens.prefix FROM tokens JOIN accounts ON "
                                          "accounts.id = tokens.account_id WHERE tokens.id = %s", [token_id])[0]
            self._append_ledger("account.token_revoked", name, {"account": name, "token_id": token_id,
                                                                "prefix": prefix}, at)

    def token_account_row(self, sha256: str) -> dict[str, Any] | None:
        """Return the account holding the live token with this hash, or None."""
        rows = self.db.rows("SELECT accounts.* FROM tokens JOIN accounts ON accounts.id = tokens.account_id "
                            "WHERE tokens.sha256 = %s AND tokens.revoked_at IS NULL", [sha256])
        return rows[0] if rows else None

    def add_session(self, sha256: str, account_id: int, at: str) -> None:
        """Record a login session by the hash of its key."""
        self.db.execute("INSERT INTO sessions (sha256, account_id, created_at) VALUES (%s, %s, %s)",
                        [sha256, account_id, at])

    def session_account_row(self, sha256: str) -> dict[str, Any] | None:
        """Return the account of the session with this hash, or None."""
        rows = self.db.rows("SELECT accounts.* FROM sessions JOIN accounts ON accounts.id = sessions.account_id "
                            "WHERE sessions.sha256 = %s", [sha256])
        return rows[0] if rows else None

    def end_sessions(self, sha256: str | None = None, account_id: int | None = None) -> None:
        """Delete one session (by hash) or every session of an account."""
        column, value = ("sha256", sha256) if sha256 is not None else ("account_id", account_id)
        self.db.execute(f"DELETE FROM sessions WHERE {column} = %s", [value])


def _columns(with_text: bool = False) -> str:
    return _COLUMNS + (", text" if with_text else "")


def _prepared_document(row: dict[str, Any], terms: dict[str, list[int]]) -> tuple[Any, ...]:
    """Return the search_documents row of a capture about to be inserted, its id left 0 (given under the lock):
    the document is made from the row's own metadata, as the capture read back after the insert has it."""
    from archive.search.pg_documents import document_row  # the analyzer's Whoosh, for writers only

    return document_row(Capture(id=0, **{name: value for name, value in row.items() if name in _CAPTURE_FIELDS_SET}),
                        terms)


def _insert(conn: psycopg.Connection, table: str, row: dict[str, Any], returning: str | None = None) -> Any:
    """Insert one row of known columns; return the `returning` column's value when asked."""
    names = ", ".join(f'"{name}"' for name in row)
    tail = f" RETURNING {returning}" if returning else ""
    cursor = conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(["%s"] * len(row))}){tail}',
                          list(row.values()))
    return cursor.fetchone()[0] if returning else None
