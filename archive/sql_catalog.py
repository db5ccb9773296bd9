"""The catalog's queries, written once for both databases: what a capture, claim, citation, entity, account or
ledger entry is in SQL, and how a row becomes a model.

`SqlCatalog` holds every query the SQLite catalog (archive/catalog.py) and the PostgreSQL catalog
(archive/pg_catalog.py) run alike, written in SQLite's `?` parameter style, and the row-to-model code (`_capture`,
`_figure`, the JSON columns, the derived digest). Each backend subclass owns only what really differs:

- how a statement runs: `_rows`, `_tuples`, `_value`, `_exec` (rows changed) and `_exec_many`, with the
  database's errors told as archive errors (PostgreSQL's turns `?` into `%s` on the way, `_pg_style`);
- transactions: `_write()` (SQLite's BEGIN IMMEDIATE with retries; PostgreSQL's pooled transaction after the
  writers' advisory lock), `snapshot()`, connections, `close()`;
- the dialect, as a few small pieces: a list of values in a condition (`_in`: SQLite's `IN (?, ?...)` a chunk
  of IN_BATCH at a time, PostgreSQL's `= ANY(?)`), a value inside a ledger entry's JSON data (`_json_field`,
  and `ACTOR_SQL`, the very expression each indexes), comparing names letter case aside (`_nocase`), and what
  follows a copy of rows (`_after_copy`: PostgreSQL moves its id sequences);
- its schema and migrations, and what only it has (PostgreSQL: a capture's search document written in the
  capture's transaction, the NUL characters it cannot store).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from archive import figures as figure_engine  # loaded on first use: most commands read no figure
from archive.actors import current_actor
from archive.errors import EntityNameTakenError, LastAdminError, NameTakenError
from archive.figures.results import agreement_from_stored, figure_from_stored, stored_agreement, stored_figure
from archive.ledger import GENESIS_HASH, canonical_json, next_entry
from archive.models import Capture, Citation, Claim, Observation
from archive.permissions import ADMIN

if TYPE_CHECKING:
    from archive.figures import Agreement, Figure

# Every column of a figure as stored, after its capture id ("end" is a keyword of PostgreSQL's).
FIGURE_COLUMNS = 'start, "end", text, value, unit, approx, precision, period, direction, subject'
# JSON-encoded columns of the captures, observations and citations tables.
JSON_COLUMNS = ("redirects", "http_headers", "pages", "notes", "tools", "token_marks", "ocr", "parts", "region",
                "cell")
CAPTURE_FIELDS = [f for f in Capture.__dataclass_fields__ if f != "text"]
_CAPTURE_COLUMNS = ", ".join(f'"{name}"' for name in CAPTURE_FIELDS)
# What a capture's ledger record holds: every stored fact but the text (its hash stands for it) and what is
# derived from the text (recorded as one digest, `derived_sha256`, because it may be derived again).
RECORDED_CAPTURE_FIELDS = ("sha256", "size", "media_type", "kind", "source", "method", "captured_at", "url",
                           "final_url", "redirects", "http_status", "http_headers", "title", "author",
                           "published", "site", "language", "charset", "pages", "notes", "tools", "text_sha256",
                           "previous_id", "warc_sha256", "ocr", "parts")
OBSERVATION_FIELDS = ("capture_id", "observed_at", "method", "source", "url", "final_url", "redirects",
                      "http_status", "http_headers")
# Columns a Capture shows as empty rather than None (rows written before they were always filled in).
EMPTY_DEFAULTS = {"redirects": [], "notes": [], "tools": {}}


class SqlCatalog:
    """Rows about captures, claims, citations, entities and accounts, and the ledger of what happened to them,
    in any SQL database a subclass runs statements on (see the module's docstring for what a subclass owns)."""

    ACTOR_SQL: str  # an entry's actor, as the expression the ledger's actor index is on
    IN_BATCH: int  # how many values one `_in` condition takes at most

    # -- what each backend provides ---------------------------------------------------------

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Run a query; return its rows as dicts."""
        raise NotImplementedError

    def _tuples(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        """Run a query; return its rows as tuples."""
        raise NotImplementedError

    def _value(self, sql: str, params: Iterable[Any] = ()) -> Any:
        """Run a query; return the first column of its first row, or None."""
        raise NotImplementedError

    def _exec(self, sql: str, params: Iterable[Any] = ()) -> int:
        """Run a statement; return how many rows it changed."""
        raise NotImplementedError

    def _exec_many(self, sql: str, rows: list[tuple]) -> None:
        """Run a statement once per row of parameters."""
        raise NotImplementedError

    def _write(self, lock: bool = True) -> AbstractContextManager[Any]:
        """Run a block as one write transaction (nested: part of the one open); `lock` False for a change no
        ledger entry depends on, which need not wait for the writers' turn where a backend can tell."""
        raise NotImplementedError

    def snapshot(self) -> AbstractContextManager[None]:
        """Read everything inside the block from one moment of the catalog, while writers go on."""
        raise NotImplementedError

    def _in(self, column: str, values: list[Any]) -> tuple[str, list[Any]]:
        """Return the condition that `column` is one of `values` (at most IN_BATCH of them), and its parameters."""
        raise NotImplementedError

    def _json_field(self, key: str) -> str:
        """Return the SQL of a ledger entry's data[key] (a known key, never user input), NULL when the data is no
        JSON."""
        raise NotImplementedError

    def _nocase(self, sql: str) -> str:
        """Return an expression that compares and sorts `sql` letter case aside, as account names are unique."""
        raise NotImplementedError

    def _after_copy(self, table: str, names: list[str]) -> None:
        """Do what a backend needs after rows were copied in with their ids (inside the transaction)."""

    # -- statements built once ---------------------------------------------------------------

    def _insert(self, table: str, row: dict[str, Any], returning: str | None = None) -> Any:
        """Insert one row of known columns; return the `returning` column's value when asked."""
        sql = insert_sql(table, list(row))
        if returning is None:
            self._exec(sql, list(row.values()))
            return None
        return self._tuples(f"{sql} RETURNING {returning}", list(row.values()))[0][0]

    def _chunks(self, values: Iterable[Any]) -> Iterator[list[Any]]:
        """Cut values into lists one `_in` condition takes."""
        values = list(values)
        for start in range(0, len(values), self.IN_BATCH):
            yield values[start:start + self.IN_BATCH]

    def archive_id(self) -> str:
        """Return the id the catalog was made with (kept in the home too, as archive.id)."""
        return self._value("SELECT value FROM archive WHERE key = 'id'")

    # -- captures ---------------------------------------------------------------------------

    def add_capture(self, row: dict[str, Any], at: str, figures: list[Figure] = (),
                    observation: dict[str, Any] | None = None) -> tuple[Capture, bool]:
        """Insert a capture, its figures and its ledger event in one transaction; return (capture, created).

        When the same bytes are already catalogued nothing is inserted: the existing capture comes back with
        created False, and `observation` (a fetch that found them again), when given, is recorded with it.
        """
        with self._write():
            return self._insert_capture(row, at, figures, observation)

    def _insert_capture(self, row: dict[str, Any], at: str, figures: Iterable[Figure],
                        observation: dict[str, Any] | None, extra: dict[str, Any] | None = None
                        ) -> tuple[Capture, bool]:
        """Do add_capture's work inside the caller's write transaction; `extra` columns go into the row as given."""
        existing = self._value("SELECT id FROM captures WHERE sha256 = ?", [row["sha256"]])
        if existing is not None:
            if observation is not None:
                self.add_observation(existing, observation, at)
            return self.get_capture(existing), False
        if row.get("url") and "previous_id" not in row:
            row = {**row, "previous_id": self._value(
                "SELECT id FROM captures WHERE url = ? ORDER BY captured_at DESC, id DESC LIMIT 1", [row["url"]])}
        capture_id = self._next_id("captures", "capture.added", "capture_id")
        self._insert("captures", {"id": capture_id, **{k: _encode(k, v) for k, v in row.items()}, **(extra or {})})
        self._insert_figures(capture_id, figures)
        record = {name: row.get(name) for name in RECORDED_CAPTURE_FIELDS}
        record["derived_sha256"] = derived_digest(list(figures), row.get("token_marks"))
        self._append_ledger("capture.added", str(capture_id), {"capture_id": capture_id, **record}, at)
        return self.get_capture(capture_id), True

    def _next_id(self, table: str, event: str, key: str) -> int:
        """Return a new id: above every row and every id the ledger ever gave (its newest `event` names the
        highest, as `key` of its data), so no id is used twice even if rows are deleted behind our back."""
        in_table = self._value(f'SELECT max(id) FROM "{table}"') or 0
        in_ledger = self._value(f"SELECT {self._json_field(key)} FROM ledger WHERE event = ? "
                                "ORDER BY seq DESC LIMIT 1", [event]) or 0
        return max(in_table, int(in_ledger)) + 1

    def find_by_sha256(self, sha256: str) -> Capture | None:
        """Return the capture of these exact bytes, if any."""
        return self._one_capture(f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE sha256 = ?", [sha256])

    def latest_for_url(self, url: str) -> Capture | None:
        """Return the newest capture of a URL, if any."""
        return self._one_capture(f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE url = ? "
                                 "ORDER BY captured_at DESC, id DESC LIMIT 1", [url])

    def versions(self, url: str) -> list[Capture]:
        """Return every capture of a URL, oldest first."""
        rows = self._rows(f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE url = ? ORDER BY captured_at, id", [url])
        return [_capture(r) for r in rows]

    def get_capture(self, capture_id: int, with_text: bool = False) -> Capture | None:
        """Return one capture by id, with its text when asked."""
        return self._one_capture(f"SELECT {_columns(with_text)} FROM captures WHERE id = ?", [capture_id])

    def _one_capture(self, sql: str, params: list[Any]) -> Capture | None:
        rows = self._rows(sql, params)
        return _capture(rows[0]) if rows else None

    def get_captures(self, ids: Iterable[int], with_text: bool = False) -> dict[int, Capture]:
        """Return several captures by id."""
        found: dict[int, Capture] = {}
        for chunk in self._chunks(ids):
            condition, params = self._in("id", chunk)
            rows = self._rows(f"SELECT {_columns(with_text)} FROM captures WHERE {condition}", params)
            found.update((r["id"], _capture(r)) for r in rows)
        return found

    def iter_captures(self, with_text: bool = False, unindexed: bool = False, batch: int = 200) -> Iterator[Capture]:
        """Stream captures (all, or those waiting for the search index) in id order without holding them all in
        memory."""
        where = " AND indexed = 0" if unindexed else ""
        last = 0
        while rows := self._rows(f"SELECT {_columns(with_text)} FROM captures WHERE id > ?{where} "
                                 "ORDER BY id LIMIT ?", [last, batch]):
            for row in rows:
                yield _capture(row)
            last = rows[-1]["id"]

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return the newest captures first."""
        rows = self._rows(f"SELECT {_CAPTURE_COLUMNS} FROM captures ORDER BY id DESC LIMIT ? OFFSET ?",
                          [limit, offset])
        return [_capture(r) for r in rows]

    def count_captures(self) -> int:
        """Return how many captures the catalog holds."""
        return self._value("SELECT count(*) FROM captures")

    def capture_ids(self) -> set[int]:
        """Return the id of every capture."""
        return {i for (i,) in self._tuples("SELECT id FROM captures")}

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

    # -- which captures the search index holds -----------------------------------------------

    def unindexed_ids(self) -> list[int]:
        """Return captures stored but not yet committed to the search index."""
        return [i for (i,) in self._tuples("SELECT id FROM captures WHERE indexed = 0 ORDER BY id")]

    def count_unindexed(self) -> int:
        """Return how many captures wait to be committed to the search index."""
        return self._value("SELECT count(*) FROM captures WHERE indexed = 0")

    def mark_indexed(self, ids: Iterable[int], indexed: bool = True) -> None:
        """Record that captures are (or are no longer) in the search index."""
        with self._write(lock=False):
            for chunk in self._chunks(ids):
                condition, params = self._in("id", chunk)
                self._exec(f"UPDATE captures SET indexed = ? WHERE {condition}", [int(indexed), *params])

    def mark_all_unindexed(self) -> None:
        """Forget which captures are indexed, before a full rebuild."""
        with self._write(lock=False):
            self._exec("UPDATE captures SET indexed = 0 WHERE indexed <> 0")

    def indexed_ids(self) -> set[int]:
        """Return the ids of captures recorded as committed to the search index."""
        return {i for (i,) in self._tuples("SELECT id FROM captures WHERE indexed = 1")}

    # -- observations: a source fetched again and found unchanged ----------------------------

    def add_observation(self, capture_id: int, observation: dict[str, Any], at: str) -> None:
        """Record a fetch that found a capture's bytes again (URL, time, status, headers), and its ledger event."""
        values = {name: observation.get(name) for name in OBSERVATION_FIELDS}
        values["capture_id"] = capture_id
        with self._write():
            observation_id = self._next_id("observations", "capture.observed", "observation_id")
            self._insert("observations", {"id": observation_id, **{k: _encode(k, v) for k, v in values.items()}})
            self._append_ledger("capture.observed", str(capture_id), {"observation_id": observation_id, **values}, at)

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
        self._exec_many(f"INSERT INTO figures (capture_id, {FIGURE_COLUMNS}) VALUES (?{', ?' * 10})",
                        [(capture_id, *_figure_row(f)) for f in figures])

    def figure_rows(self, capture_ids: Iterable[int]) -> dict[int, list[tuple]]:
        """Return the figures stored for several captures, as rows (start, end, text, value, unit, approx,
        precision, period, direction, subject) by capture id: what the derived digest is made of."""
        found: dict[int, list[tuple]] = {}
        for chunk in self._chunks(capture_ids):
            condition, params = self._in("capture_id", chunk)
            rows = self._tuples(f"SELECT capture_id, {FIGURE_COLUMNS} FROM figures WHERE {condition} "
                                "ORDER BY capture_id", params)
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

    def figures_between_any_unit(self, low: float, high: float, limit: int = 20000) -> list[tuple[int, Figure]]:
        """Return (capture_id, figure) for figures of any unit, or none, whose value lies in [low, high]."""
        found = [pair for unit in [None, *self._figure_units()] for pair in self.figures_between(unit, low, high, limit)]
        return sorted(found, key=lambda pair: (pair[0], pair[1].start))[:limit]

    def _figure_units(self) -> list[str]:
        """Return the units the stored figures have, one index seek each (the (unit, value) index), not a scan."""
        units: list[str] = []
        while (unit := self._value("SELECT MIN(unit) FROM figures WHERE unit > ?", [units[-1] if units else ""])):
            units.append(unit)
        return units

    # -- claims and citations ----------------------------------------------------------------

    def add_claim(self, text: str, at: str, figures: list[Figure] | None = None) -> Claim:
        """Insert a claim and its ledger event, with the figures found in its text when given (derived data, no
        part of the event)."""
        with self._write():
            claim_id = self._next_id("claims", "claim.created", "claim_id")
            self._insert("claims", {"id": claim_id, "text": text, "status": "unchecked", "notes": None,
                                    "created_at": at, "updated_at": at, "figures": _stored_figures(figures)})
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

    def get_claim(self, claim_id: int, checks: bool = False) -> Claim | None:
        """Return a claim with its current citations; with `checks`, its stored figures and each citation's
        agreement with them (None where not derived yet)."""
        rows = self._rows("SELECT * FROM claims WHERE id = ?", [claim_id])
        if not rows:
            return None
        claim = _claim(rows[0], checks)
        claim.citations = self.citations(claim_id=claim_id, checks=checks)
        return claim

    def list_claims(self, limit: int | None = None, offset: int = 0, ids: Iterable[int] | None = None) -> list[Claim]:
        """Return claims newest first (all, a page of them, or those with `ids`), with their number of current
        citations."""
        where, params = "", []
        if ids is not None:
            condition, params = self._in("id", sorted(set(ids)))
            where = f"WHERE {condition}"
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._rows(
            "SELECT claims.*, (SELECT count(*) FROM citations WHERE claim_id = claims.id "
            f"AND removed_at IS NULL) AS citation_count FROM claims {where} ORDER BY id DESC {page}", params)
        return [_claim(row) for row in rows]

    def count_claims(self) -> int:
        """Return how many claims there are."""
        return self._value("SELECT count(*) FROM claims")

    def add_citation(self, row: dict[str, Any], at: str, agreement: Agreement | None = None) -> Citation:
        """Insert a citation and its ledger event (which records its region and cell, none included), with its
        quote's agreement with the claim's figures when given (derived data, no part of the event)."""
        row = {"region": None, "cell": None, **row}
        with self._write():
            citation_id = self._next_id("citations", "citation.added", "citation_id")
            self._insert("citations", {"id": citation_id, **{k: _encode(k, v) for k, v in row.items()},
                                       "created_at": at, "agreement": _stored_agreement(agreement)})
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
                  citation_id: int | None = None, include_removed: bool = False, checks: bool = False
                  ) -> list[Citation]:
        """Return citations by claim, capture or id, oldest first; with `checks`, each with its stored agreement
        with the claim's figures (None where not derived yet)."""
        where, params = [], []
        for column, value in (("claim_id", claim_id), ("capture_id", capture_id), ("id", citation_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if not include_removed:
            where.append("removed_at IS NULL")
        sql = "SELECT * FROM citations" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
        return [_citation(row, checks) for row in self._rows(sql, params)]

    def claim_rows(self) -> list[dict[str, Any]]:
        """Return every claim row as stored, oldest first."""
        return self._rows("SELECT * FROM claims ORDER BY id")

    def store_claim_checks(self, claim_id: int, figures: list[Figure], agreements: dict[int, Agreement]) -> None:
        """Store a claim's figures and its citations' agreements with them (citation id: agreement), derived again;
        no ledger event: they are derived from the claim's text and the quotes, which the ledger holds."""
        with self._write(lock=False):
            self._exec("UPDATE claims SET figures = ? WHERE id = ?", [_stored_figures(figures), claim_id])
            self._exec_many("UPDATE citations SET agreement = ? WHERE id = ? AND claim_id = ?",
                            [(_stored_agreement(agreement), citation_id, claim_id)
                             for citation_id, agreement in agreements.items()])

    # -- ledger ------------------------------------------------------------------------------

    def _append_ledger(self, event: str, subject: str | None, data: dict[str, Any], at: str) -> None:
        """Append one hash-chained event naming the current actor; the caller holds the write transaction (and
        with it the writers' turn, so the last entry read here is the last there is)."""
        last = self._tuples("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        self._insert("ledger", next_entry(last[0] if last else None, event, subject, data, at, actor=current_actor()))

    def ledger_head(self) -> tuple[int, str]:
        """Return the number of ledger entries and the hash of the last one."""
        rows = self._tuples("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1")
        return tuple(rows[0]) if rows else (0, GENESIS_HASH)

    # -- the claims' line-ups (issue 16, wp-lineup2): the last change they read ------------------------------

    def last_entry_except(self, events: tuple[str, ...]) -> int:
        """Return the number of the newest ledger entry of any kind but `events` (0 when there is none): the
        last change to what those kinds leave alone (archive.Archive.change_stamp, the claims' line-ups)."""
        kinds, params = self._in("event", list(events))
        # newest first along the primary key: it stops at the first entry of another kind
        return self._value(f"SELECT seq FROM ledger WHERE NOT ({kinds}) ORDER BY seq DESC LIMIT 1", params) or 0

    # -- end of the line-ups' block ----------------------------------------------------------------------------

    def iter_ledger(self, events: tuple[str, ...] = (), batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Stream ledger entries in order, all or only of the given kinds."""
        kinds, params = self._in("event", list(events)) if events else ("", [])
        kinds = f" AND {kinds}" if kinds else ""
        last = 0
        while rows := self._rows(f"SELECT * FROM ledger WHERE seq > ?{kinds} ORDER BY seq LIMIT ?",
                                 [last, *params, batch]):
            yield from rows
            last = rows[-1]["seq"]

    def ledger_page(self, actor: str | None = None, events: tuple[str, str] | None = None,
                    since: str | None = None, until: str | None = None, subject: str | None = None,
                    limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        """Return a page of ledger entries, newest first, and how many match: by actor, by kinds of event (the
        range [low, high) of event names), by time ([since, until), stored times) and by subject."""
        conditions = [(f"{self.ACTOR_SQL} = ?", [actor]), ("event >= ? AND event < ?", list(events or ())),
                      ("at >= ?", [since]), ("at < ?", [until]), ("subject = ?", [subject])]
        given = [(sql, values) for sql, values in conditions if values and values[0] is not None]
        clause = " WHERE " + " AND ".join(sql for sql, _ in given) if given else ""
        params = [value for _, values in given for value in values]
        total = self._value(f"SELECT count(*) FROM ledger{clause}", params)
        rows = self._rows(f"SELECT * FROM ledger{clause} ORDER BY seq DESC LIMIT ? OFFSET ?",
                          [*params, int(limit), int(offset)])
        return rows, total

    def claim_ledger(self, claim_id: int) -> list[dict[str, Any]]:
        """Return the ledger entries of a claim and of every citation ever made for it, oldest first."""
        citation_ids = [str(i) for (i,) in self._tuples("SELECT id FROM citations WHERE claim_id = ?", [claim_id])]
        rows = self._rows("SELECT * FROM ledger WHERE subject = ? AND event >= 'claim.' AND event < 'claim/' "
                          "ORDER BY seq", [str(claim_id)])
        for chunk in self._chunks(citation_ids):
            condition, params = self._in("subject", chunk)
            rows += self._rows(f"SELECT * FROM ledger WHERE {condition} "
                               "AND event >= 'citation.' AND event < 'citation/'", params)
        return sorted(rows, key=itemgetter("seq"))

    def recorded_capture(self, capture_id: int) -> dict[str, Any]:
        """Return a capture's facts as its ledger events record them (added, then attested and re-derived)."""
        return self.recorded_captures([capture_id]).get(capture_id, {})

    def recorded_captures(self, capture_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """Return several captures' facts as their ledger events record them, by capture id (none: not there)."""
        records: dict[str, dict[str, Any]] = {}
        for chunk in self._chunks(str(i) for i in capture_ids):
            condition, params = self._in("subject", chunk)
            rows = self._tuples(f"SELECT subject, data FROM ledger WHERE {condition} AND event IN "
                                "('capture.added', 'capture.attested', 'capture.rederived') ORDER BY seq", params)
            for subject, data in rows:
                facts = _json_object(data)
                if facts is not None:  # data that is no JSON object records nothing (the chain walk reports it)
                    records.setdefault(subject, {}).update(facts)
        return {int(subject): record for subject, record in records.items()}

    def ledger_hash_at(self, seq: int) -> str | None:
        """Return the hash of ledger entry `seq`, or None when the ledger has no such entry."""
        return self._value("SELECT hash FROM ledger WHERE seq = ?", [seq])

    def recorded_ids(self, event: str, key: str) -> set[Any]:
        """Return the id every `event` of the ledger gives, as `key` of its data (the ids it ever recorded)."""
        rows = self._tuples(f"SELECT {self._json_field(key)} FROM ledger WHERE event = ?", [event])
        return {row[0] for row in rows if row[0] is not None}

    # -- checkpoints -------------------------------------------------------------------------

    def add_checkpoint(self, row: dict[str, Any]) -> dict[str, Any]:
        """Store a signed checkpoint; return it with its id."""
        with self._write():
            checkpoint_id = self._insert("checkpoints", row, returning="id")
        return {"id": checkpoint_id, **row}

    def checkpoint_rows(self) -> list[dict[str, Any]]:
        """Return every checkpoint as stored, oldest first."""
        return self._rows("SELECT * FROM checkpoints ORDER BY id")

    def count_checkpoints(self) -> int:
        """Return how many checkpoints are stored."""
        return self._value("SELECT count(*) FROM checkpoints")

    # -- entities and their names -------------------------------------------------------------

    def add_entity(self, name: str, kind: str, names: list[tuple[str, str, str]], at: str) -> int:
        """Insert an entity with its names ((name, folded, reading) each, the first its own name) and its ledger
        event; raise EntityNameTakenError when a name is another entity's."""
        with self._write():
            self._refuse_taken(names)
            entity_id = self._next_id("entities", "entity.created", "entity_id")
            self._insert("entities", {"id": entity_id, "name": name, "kind": kind, "created_at": at,
                                      "updated_at": at, "merged_into": None})
            for shown, folded, reading in names:
                self._insert("entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
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
                self._insert("entity_names", {"entity_id": entity_id, "name": shown, "folded": folded,
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
            name = self._value("SELECT name FROM entity_names WHERE entity_id = ? AND folded = ?", [entity_id, folded])
            self._exec("DELETE FROM entity_names WHERE entity_id = ? AND folded = ?", [entity_id, folded])
            first = self._value("SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id LIMIT 1", [entity_id])
            self._exec("UPDATE entities SET name = ?, updated_at = ? WHERE id = ?", [first, at, entity_id])
            self._append_ledger("entity.name_removed", str(entity_id),
                                {"entity_id": entity_id, "name": name, "reason": reason}, at)

    def merge_entities(self, entity_id: int, into: int, at: str) -> None:
        """Move every name of an entity to another, mark it merged, and record both in one ledger event."""
        with self._write():
            moved = [name for (name,) in self._tuples(
                "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id", [entity_id])]
            self._exec("UPDATE entity_names SET entity_id = ? WHERE entity_id = ?", [into, entity_id])
            self._exec("UPDATE entities SET merged_into = ?, updated_at = ? WHERE id = ?", [into, at, entity_id])
            self._exec("UPDATE entities SET updated_at = ? WHERE id = ?", [at, into])
            self._append_ledger("entity.merged", str(entity_id),
                                {"entity_id": entity_id, "into": into, "names": moved}, at)

    def entity_row(self, entity_id: int) -> dict[str, Any] | None:
        """Return an entity's row with its names (its own first), or None."""
        rows = self._rows("SELECT * FROM entities WHERE id = ?", [entity_id])
        if not rows:
            return None
        rows[0]["names"] = _own_name_first(rows[0]["name"], [name for (name,) in self._tuples(
            "SELECT name FROM entity_names WHERE entity_id = ? ORDER BY id", [entity_id])])
        return rows[0]

    def entity_rows(self, limit: int | None = None, offset: int = 0, merged: bool = False) -> list[dict[str, Any]]:
        """Return entities by name, with their names; those merged into another too when `merged`."""
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        where = "" if merged else "WHERE merged_into IS NULL"
        rows = self._rows(f"SELECT * FROM entities {where} ORDER BY {self._nocase('name')}, id {page}")
        names: dict[int, list[str]] = {row["id"]: [] for row in rows}
        for chunk in self._chunks(names):
            condition, params = self._in("entity_id", chunk)
            for entity_id, name in self._tuples(f"SELECT entity_id, name FROM entity_names WHERE {condition} "
                                                "ORDER BY id", params):
                names[entity_id].append(name)
        for row in rows:
            row["names"] = _own_name_first(row["name"], names[row["id"]])
        return rows

    def count_entities(self) -> int:
        """Return how many entities there are, merged ones aside."""
        return self._value("SELECT count(*) FROM entities WHERE merged_into IS NULL")

    def entity_names_matching(self, folded: Iterable[str], readings: Iterable[str]) -> list[dict[str, Any]]:
        """Return the name rows whose folded form or Latin reading is one of those given."""
        found: dict[tuple[int, str], dict[str, Any]] = {}
        for column, values in (("folded", sorted(set(folded))), ("reading", sorted(set(readings)))):
            for chunk in self._chunks(values):
                condition, params = self._in(column, chunk)
                for row in self._rows(f"SELECT * FROM entity_names WHERE {condition}", params):
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
        """Insert rows as they were stored elsewhere (the columns of the first for all), in one transaction;
        `replace`: over rows of the same first column."""
        if not rows:
            return
        names = list(rows[0])
        sql = insert_sql(table, names)
        if replace:
            sql += f' ON CONFLICT ("{names[0]}") DO UPDATE SET ' + ", ".join(f'"{n}" = excluded."{n}"'
                                                                            for n in names[1:])
        with self._write():
            self._exec_many(sql, [tuple(row[n] for n in names) for row in rows])
            self._after_copy(table, names)

    # -- accounts, tokens and sessions (team mode) --------------------------------------------

    def has_accounts(self) -> bool:
        """Tell whether any account exists (the archive is then in team mode)."""
        return bool(self._value("SELECT EXISTS (SELECT 1 FROM accounts)"))

    def add_account(self, name: str, role: str, password_hash: str, at: str) -> dict[str, Any]:
        """Insert an account and its ledger event; raise NameTakenError when the name is taken."""
        with self._write():
            if self.account_row(name) is not None:  # in the writers' turn: no other insert can come between
                raise NameTakenError(f"There is already an account named {name}.")
            self._insert("accounts", {"name": name, "role": role, "password_hash": password_hash, "created_at": at})
            self._append_ledger("account.added", name, {"account": name, "role": role}, at)
        return self.account_row(name)

    def account_row(self, name: str) -> dict[str, Any] | None:
        """Return an account row by name (letter case aside), or None."""
        rows = self._rows(f"SELECT * FROM accounts WHERE {self._nocase('name')} = {self._nocase('?')}", [name])
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
        with self._write(lock=False):
            self._exec("UPDATE accounts SET password_hash = ? WHERE id = ?", [password_hash, account_id])

    def add_token(self, account_id: int, prefix: str, sha256: str, at: str) -> None:
        """Record an API token by its hash and shown prefix, and its ledger event (the prefix only)."""
        with self._write():
            token_id = self._next_id("tokens", "account.token_issued", "token_id")
            self._insert("tokens", {"id": token_id, "account_id": account_id, "prefix": prefix, "sha256": sha256,
                                    "created_at": at})
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
            if not self._exec("UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [at, token_id]):
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
        with self._write(lock=False):
            self._insert("sessions", {"sha256": sha256, "account_id": account_id, "created_at": at})

    def session_account_row(self, sha256: str) -> dict[str, Any] | None:
        """Return the account of the session with this hash, or None."""
        rows = self._rows("SELECT accounts.* FROM sessions JOIN accounts ON accounts.id = sessions.account_id "
                          "WHERE sessions.sha256 = ?", [sha256])
        return rows[0] if rows else None

    def end_sessions(self, sha256: str | None = None, account_id: int | None = None) -> None:
        """Delete one session (by hash) or every session of an account."""
        column, value = ("sha256", sha256) if sha256 is not None else ("account_id", account_id)
        with self._write(lock=False):
            self._exec(f"DELETE FROM sessions WHERE {column} = ?", [value])


# -- statements and rows ------------------------------------------------------------------------

def insert_sql(table: str, names: list[str]) -> str:
    """Return the INSERT of one row of these columns, in `?` style."""
    columns = ", ".join(f'"{name}"' for name in names)
    return f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(names))})'


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


def _columns(with_text: bool = False) -> str:
    return _CAPTURE_COLUMNS + (", text" if with_text else "")


def _encode(column: str, value: Any) -> Any:
    if column in JSON_COLUMNS and value is not None:
        return json.dumps(value, ensure_ascii=False)
    return value


def _decode(column: str, value: Any) -> Any:
    if column in JSON_COLUMNS and value is not None:
        return json.loads(value)
    return value


def _capture(row: dict[str, Any]) -> Capture:
    # Only the JSON columns need decoding: the row is decoded in place (a verify reads every row of the archive).
    for name in JSON_COLUMNS:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    for name, empty in EMPTY_DEFAULTS.items():
        if not row.get(name):
            row[name] = type(empty)()
    return Capture(**row)


def _claim(row: dict[str, Any], checks: bool = False) -> Claim:
    """Return a claim from its row; with `checks`, its stored figures (None: not derived yet)."""
    stored = row.pop("figures", None)
    claim = Claim(**row)
    if checks:
        claim.figures = _read_stored(stored, lambda found: [figure_from_stored(f) for f in found])
    return claim


def _citation(row: dict[str, Any], checks: bool = False) -> Citation:
    """Return a citation from its row; with `checks`, its stored agreement (None: not derived yet)."""
    stored = row.pop("agreement", None)
    citation = Citation(**{k: _decode(k, v) for k, v in row.items()})
    if checks:
        citation.agreement = _read_stored(stored, agreement_from_stored)
    return citation


def _read_stored(stored: str | None, read: Callable[[Any], Any]) -> Any:
    """Return derived data read from its JSON, or None when there is none or it cannot be read (edited by
    hand): None is derived again, and stored over it, by the one who reads it (archive/claim_checks.py)."""
    if stored is None:
        return None
    try:
        return read(json.loads(stored))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _stored_figures(figures: list[Figure] | None) -> str | None:
    return None if figures is None else json.dumps([stored_figure(f) for f in figures], ensure_ascii=False)


def _stored_agreement(agreement: Agreement | None) -> str | None:
    return None if agreement is None else json.dumps(stored_agreement(agreement), ensure_ascii=False)


def _figure(row: dict[str, Any]) -> Figure:
    return figure_engine.Figure(text=row["text"], start=row["start"], end=row["end"], value=row["value"],
                                unit=row["unit"], approx=row["approx"], precision=row["precision"],
                                period=row["period"], direction=row["direction"], subject=row["subject"])


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _own_name_first(name: str, names: list[str]) -> list[str]:
    """Return an entity's names with its own first, the others in the order they were added (names moved by a
    merge keep their older place)."""
    return [name] + [other for other in names if other != name] if name in names else names
