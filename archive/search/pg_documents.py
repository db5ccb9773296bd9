"""The document a capture becomes in the search index on PostgreSQL: the archive's own analysis as tsvectors.

The terms are those archive/analysis.py makes (folding, stems, CJK bigrams), written as tsvector literals so
that PostgreSQL stores them as they are (no dictionary of its own), with positions counted from 1. PostgreSQL
keeps at most 256 positions of a term and none past 16,383; a text beyond either is marked
`positions_exact = false`, and phrases in it are checked against its text (archive/search/pg_index.py).
The Latin readings of the text's words of other scripts (the Whoosh index's `latin` field) are a tsvector of
their own at the same positions, and every document adds its terms to the vocabulary that close spellings,
wildcards and "did you mean" read (archive/search/pg_vocabulary.py).

The vocabulary is written with the document, under the writers' lock, so only the terms the table may lack
are sent: each process remembers, per database, the terms it has seen committed there (`KnownTerms`). Sending
a document's every term cost 3 to 9 ms a capture (each a probe of the table's index), against 2.5 ms for
the rest of its document.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import psycopg

from archive.models import Capture
from archive.search.pg_pairs import pairs_of, write_pairs
from archive.search.pg_postings import SCORED_FIELDS, postings_of, write_postings
from archive.search.pg_terms import Counts, count_changes
from archive.search.pg_query import LENGTH_COLUMNS, TERM_COLUMNS
from archive.search.schema import document, schema

MAX_POSITION = 16383  # PostgreSQL stores larger positions as this one
MAX_POSITIONS = 256  # positions PostgreSQL keeps of one term in one document
MAX_TERM_BYTES = 2046  # a longer lexeme is refused ("word is too long")
MAX_TSVECTOR_BYTES = 1_000_000  # a tsvector holds at most 1 MB; past that, positions are left out
_TEXT_FIELDS = ("title", "author", "site")
COLUMNS = ("capture_id", "title_terms", "text_terms", "author_terms", "site_terms", "text_length",
           "title_length", "positions_exact", "url", "sha256", "lang", "kind", "published", "captured",
           "latin_terms", "latin_length")
_UPSERT = (f"INSERT INTO search_documents ({', '.join(COLUMNS)}) VALUES "
           f"({', '.join('%s::tsvector' if name.endswith('_terms') else '%s' for name in COLUMNS)}) "
           "ON CONFLICT (capture_id) DO UPDATE SET "
           + ", ".join(f"{name} = EXCLUDED.{name}" for name in COLUMNS[1:])
           + ", version = nextval('search_version')")
_LENGTHS = {name: COLUMNS.index(column) for name, column in LENGTH_COLUMNS.items()}  # where a row holds them
VOCABULARY_FIELDS = ("title", "text", "latin")  # the fields whose terms close spellings and wildcards read
_TERMS = ", ".join(f"('{name}', d.{TERM_COLUMNS[name]})" for name in VOCABULARY_FIELDS)
# In a fixed order, so that two writers adding the same new terms wait for each other rather than deadlock; the
# statement also tells this transaction's id and what became of the transactions that sent terms before.
_ADD_TERMS = ("WITH added AS (INSERT INTO search_vocabulary (field, term) SELECT * FROM unnest(%s::text[], "
              "%s::text[]) ORDER BY 1, 2 ON CONFLICT DO NOTHING) "
              "SELECT pg_current_xact_id()::text, array(SELECT pg_xact_status(x::xid8) FROM unnest(%s::text[]) x)")
_ALL_TERMS = ("INSERT INTO search_vocabulary (field, term) SELECT DISTINCT v.field, w FROM search_documents d, "
              f"LATERAL (VALUES {_TERMS}) v (field, terms), unnest(tsvector_to_array(v.terms)) w "
              "ORDER BY 1, 2 ON CONFLICT DO NOTHING")
KNOWN_LIMIT = 500_000  # (field, term) pairs a process remembers per database before it starts afresh


@lru_cache(maxsize=1)
def _fields():
    """Return the index schema's fields, whose analyzers make the title's, author's and site's terms."""
    return schema()


def tsvector_literal(terms: Iterable[tuple[str, list[int]]]) -> tuple[str, bool]:
    """Return a tsvector literal of (term, 0-based positions) pairs, and whether every position fits in it."""
    literal, exact, _, _ = stored_terms(terms)
    return literal, exact


def stored_terms(terms: Iterable[tuple[str, list[int]]]) -> tuple[str, bool, dict[str, int], dict[str, list[int]]]:
    """Return a tsvector literal of (term, 0-based positions) pairs (a term listed twice has its positions
    together), whether every position fits in it, each term's frequency as the tsvector holds it (its
    positions kept, or 1 where none could be: the frequency ts_rank read before the postings), and the
    positions it keeps of each term (1-based, as PostgreSQL has them; none in a tsvector without positions)."""
    merged: dict[str, set[int]] = {}
    for term, positions in terms:
        if term and len(term.encode("utf-8")) <= MAX_TERM_BYTES:  # a lexeme PostgreSQL refuses is not searched
            merged.setdefault(term, set()).update(positions)
    exact, pieces, size = True, [], 0
    for term, positions in merged.items():
        kept = sorted({min(p + 1, MAX_POSITION) for p in positions})[:MAX_POSITIONS]
        if len(kept) < len(positions) or kept[-1] >= MAX_POSITION:
            exact = False
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        pieces.append((quoted, kept))
        size += len(quoted) + 2 * len(kept) + 8
    if size > MAX_TSVECTOR_BYTES:  # a huge text: its words stay findable, its phrases are checked on the text
        return " ".join(quoted for quoted, _ in pieces), False, dict.fromkeys(merged, 1), {}
    return (" ".join(f"{quoted}:{','.join(map(str, kept))}" for quoted, kept in pieces), exact,
            {term: len(kept) for term, (_, kept) in zip(merged, pieces)},
            {term: kept for term, (_, kept) in zip(merged, pieces)})


def field_terms(name: str, value: str) -> dict[str, list[int]]:
    """Return a field's terms and their positions as the index schema's analyzer for it makes them."""
    found: dict[str, list[int]] = {}
    for token in _fields()[name].analyzer(value or "", positions=True, mode="index"):
        found.setdefault(token.text, []).append(token.pos)
    return found


def document_row(capture: Capture, terms: dict[str, list[int]]) -> tuple[Any, ...]:
    """Return a capture's row of search_documents (in COLUMNS' order), its text given as analyse() terms, and
    after the columns the (field, term) pairs it adds to the vocabulary, its postings
    (archive/search/pg_postings.py) and its word pairs (archive/search/pg_pairs.py)."""
    fields = document(capture, terms)  # the Whoosh document: the same metadata, filled in the same way
    analysed = {name: field_terms(name, fields.get(name, "")) for name in _TEXT_FIELDS}
    text, exact, text_counts, text_kept = stored_terms(terms.items())
    readings = fields.get("latin") or ()  # the Latin readings, as the Whoosh document has them
    lengths = {"title": sum(len(p) for p in analysed["title"].values()), "text": sum(len(p) for p in terms.values()),
               "latin": sum(len(p) for _, p in readings)}
    title, _, title_counts, title_kept = stored_terms(analysed["title"].items())
    latin, _, latin_counts, latin_kept = stored_terms(readings)
    kept = {"title": title_kept, "text": text_kept, "latin": latin_kept}
    counts = {"title": title_counts, "text": text_counts, "latin": latin_counts}
    return (capture.id, title, text,
            tsvector_literal(analysed["author"].items())[0], tsvector_literal(analysed["site"].items())[0],
            lengths["text"], lengths["title"], exact,
            fields.get("url"), fields.get("sha256"), fields.get("lang", "").lower() or None,
            (fields.get("kind") or "").lower() or None, fields.get("published"), fields.get("captured"),
            latin, lengths["latin"],
            frozenset((name, term) for name, held in counts.items() if name in VOCABULARY_FIELDS for term in held),
            postings_of(counts, lengths),
            {pair: count for name in SCORED_FIELDS for pair, count in pairs_of(name, kept[name].items()).items()})


def write_documents(conn: psycopg.Connection, documents: Iterable[tuple[Capture, dict[str, list[int]]]]) -> None:
    """Write (or replace) the search documents of captures, in the caller's transaction."""
    write_rows(conn, [document_row(capture, terms) for capture, terms in documents])


def write_rows(conn: psycopg.Connection, rows: list[tuple[Any, ...]], changes: Counts | None = None) -> None:
    """Write (or replace) search_documents rows made by document_row with their postings, and add their terms to
    the vocabulary, in the caller's transaction. The change to the terms' document counts is written last, or
    added to `changes` when given, for the caller to write at its transaction's end (archive/search/pg_terms.py)."""
    if not rows:
        return
    gathered: Counts = {} if changes is None else changes
    with conn.cursor() as cursor:
        cursor.executemany(_UPSERT, [row[:len(COLUMNS)] for row in rows])
    write_postings(conn, [(row[0], row[len(COLUMNS) + 1], {name: row[_LENGTHS[name]] for name in _LENGTHS})
                          for row in rows], gathered)
    write_pairs(conn, [(row[0], row[len(COLUMNS) + 2]) for row in rows])
    known = KnownTerms.of(conn)
    pairs = frozenset().union(*(row[len(COLUMNS)] for row in rows))
    send, asked = known.unsent(pairs)
    fields, terms = zip(*sorted(send)) if send else ((), ())
    xid, statuses = conn.execute(_ADD_TERMS, [list(fields), list(terms), asked]).fetchone()
    known.sent(send, xid, dict(zip(asked, statuses)))
    if changes is None:
        count_changes(conn, gathered)


def add_all_terms(conn: psycopg.Connection) -> None:
    """Add the terms of every document to the vocabulary, in the caller's transaction (a rebuild's commit: the
    table only grows, so what a process remembers of it stays true)."""
    conn.execute(_ALL_TERMS)


class KnownTerms:
    """The vocabulary's terms a process knows are committed in one database (the table only grows, so they stay
    there): a document sends every other term of its own, in its own transaction. Terms sent are known once the
    transaction that sent them is seen committed, asked with the next terms sent."""

    _by_database: dict[str, KnownTerms] = {}
    _lock = threading.Lock()

    def __init__(self):
        self.known: set[tuple[str, str]] = set()
        self.pending: dict[str, frozenset[tuple[str, str]]] = {}  # transaction id -> terms it sent
        self.lock = threading.Lock()

    @classmethod
    def of(cls, conn: psycopg.Connection) -> KnownTerms:
        """Return what this process knows of the vocabulary of the connection's database (by its address)."""
        info = conn.info
        key = f"{info.host}:{info.port}/{info.dbname}"
        with cls._lock:
            found = cls._by_database.get(key)
            if found is None:
                found = cls._by_database[key] = KnownTerms()
            return found

    def unsent(self, pairs: frozenset[tuple[str, str]]) -> tuple[set[tuple[str, str]], list[str]]:
        """Return the pairs to send (all but the known ones), and the transactions to ask about."""
        with self.lock:
            return set(pairs - self.known), list(self.pending)

    def sent(self, pairs: set[tuple[str, str]], xid: str, statuses: dict[str, str | None]) -> None:
        """Record the pairs sent by transaction `xid` and what became of the transactions asked about (rolled
        back, or too old to tell: forgotten, so their terms are sent again by the next document holding them)."""
        with self.lock:
            for asked, status in statuses.items():
                if status == "in progress" or asked == xid:
                    continue  # still open (this one, or another thread's)
                held = self.pending.pop(asked, frozenset())
                if status == "committed":
                    if len(self.known) + len(held) > KNOWN_LIMIT:
                        self.known.clear()  # start afresh: terms are then sent again
                    self.known |= held
            if pairs:
                self.pending[xid] = self.pending.get(xid, frozenset()) | pairs
