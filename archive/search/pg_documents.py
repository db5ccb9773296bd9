"""The document a capture becomes in the search index on PostgreSQL: the archive's own analysis as tsvectors.

The terms are those archive/analysis.py makes (folding, stems, CJK bigrams), written as tsvector literals so
that PostgreSQL stores them as they are (no dictionary of its own), with positions counted from 1. PostgreSQL
keeps at most 256 positions of a term and none past 16,383; a text beyond either is marked
`positions_exact = false`, and phrases in it are checked against its text (archive/search/pg_index.py).
The Latin readings of the text's words of other scripts (the Whoosh index's `latin` field) are a tsvector of
their own at the same positions, and every document adds its terms to the vocabulary that close spellings,
wildcards and "did you mean" read (archive/search/pg_vocabulary.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import psycopg

from archive.models import Capture
from archive.search.pg_query import TERM_COLUMNS
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
VOCABULARY_FIELDS = ("title", "text", "latin")  # the fields whose terms close spellings and wildcards read
_TERMS = ", ".join(f"('{name}', d.{TERM_COLUMNS[name]})" for name in VOCABULARY_FIELDS)
# In a fixed order, so that two writers adding the same new terms wait for each other rather than deadlock.
_ADD_TERMS = ("INSERT INTO search_vocabulary (field, term) SELECT DISTINCT v.field, w FROM search_documents d, "
              f"LATERAL (VALUES {_TERMS}) v (field, terms), unnest(tsvector_to_array(v.terms)) w "
              "{where} ORDER BY 1, 2 ON CONFLICT DO NOTHING")


@lru_cache(maxsize=1)
def _fields():
    """Return the index schema's fields, whose analyzers make the title's, author's and site's terms."""
    return schema()


def tsvector_literal(terms: Iterable[tuple[str, list[int]]]) -> tuple[str, bool]:
    """Return a tsvector literal of (term, 0-based positions) pairs, and whether every position fits in it."""
    exact, pieces, size = True, [], 0
    for term, positions in terms:
        if not term or len(term.encode("utf-8")) > MAX_TERM_BYTES:
            continue  # a lexeme PostgreSQL refuses cannot be searched for either
        kept = sorted({min(p + 1, MAX_POSITION) for p in positions})[:MAX_POSITIONS]
        if len(kept) < len(positions) or kept[-1] >= MAX_POSITION:
            exact = False
        quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
        pieces.append((quoted, kept))
        size += len(quoted) + 2 * len(kept) + 8
    if size > MAX_TSVECTOR_BYTES:  # a huge text: its words stay findable, its phrases are checked on the text
        return " ".join(quoted for quoted, _ in pieces), False
    return " ".join(f"{quoted}:{','.join(map(str, kept))}" for quoted, kept in pieces), exact


def field_terms(name: str, value: str) -> dict[str, list[int]]:
    """Return a field's terms and their positions as the index schema's analyzer for it makes them."""
    found: dict[str, list[int]] = {}
    for token in _fields()[name].analyzer(value or "", positions=True, mode="index"):
        found.setdefault(token.text, []).append(token.pos)
    return found


def document_row(capture: Capture, terms: dict[str, list[int]]) -> tuple[Any, ...]:
    """Return a capture's row of search_documents (in COLUMNS' order), its text given as analyse() terms."""
    fields = document(capture, terms)  # the Whoosh document: the same metadata, filled in the same way
    analysed = {name: field_terms(name, fields.get(name, "")) for name in _TEXT_FIELDS}
    text, exact = tsvector_literal(terms.items())
    readings = fields.get("latin") or ()  # the Latin readings, as the Whoosh document has them
    return (capture.id, tsvector_literal(analysed["title"].items())[0], text,
            tsvector_literal(analysed["author"].items())[0], tsvector_literal(analysed["site"].items())[0],
            sum(len(p) for p in terms.values()), sum(len(p) for p in analysed["title"].values()), exact,
            fields.get("url"), fields.get("sha256"), fields.get("lang", "").lower() or None,
            (fields.get("kind") or "").lower() or None, fields.get("published"), fields.get("captured"),
            tsvector_literal(readings)[0], sum(len(p) for _, p in readings))


def write_documents(conn: psycopg.Connection, documents: Iterable[tuple[Capture, dict[str, list[int]]]]) -> None:
    """Write (or replace) the search documents of captures, in the caller's transaction."""
    write_rows(conn, [document_row(capture, terms) for capture, terms in documents])


def write_rows(conn: psycopg.Connection, rows: list[tuple[Any, ...]]) -> None:
    """Write (or replace) search_documents rows made by document_row, and add their terms to the vocabulary,
    in the caller's transaction."""
    if rows:
        with conn.cursor() as cursor:
            cursor.executemany(_UPSERT, rows)
        conn.execute(_ADD_TERMS.format(where="WHERE d.capture_id = ANY(%s)"), [[row[0] for row in rows]])


def rebuild_vocabulary(conn: psycopg.Connection) -> None:
    """Make the vocabulary anew from every document, in the caller's transaction (a rebuild's commit)."""
    conn.execute("DELETE FROM search_vocabulary")
    conn.execute(_ADD_TERMS.format(where=""))
