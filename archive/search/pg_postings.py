"""The postings of the search index on PostgreSQL: one row per (field, term, document) of the scored fields,
ordered by an index on (field, term, impact DESC), so that a top 10 reads the best postings of each query word
first (archive/search/pg_top.py) instead of every matching document's tsvector.

A posting's `impact` is the word's BM25F part in that document (archive/search/pg_query.py's formula, the
field's boost included) computed with a fixed average length per field, `search_norms`: set once, from the
documents already indexed (pg007) or else from the first ones written, and never changed, so every posting's
impact stays comparable with every other's. At search time the field's true average A differs from the fixed
one A0; a document's true part is then at most its impact times max(1, A / A0) (a larger average only softens
the length's penalty, by at most that ratio), which bounds what the documents not yet read can score.

Postings are written with their document, in the caller's transaction (the catalog's own, for a new capture),
and removed with it. So is `search_terms`, each (field, term)'s number of documents (its idf, read in one lookup
rather than counted from the postings at every search): archive/search/pg_terms.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import psycopg

from archive.search.pg_query import FIELD_BOOST, LENGTH_COLUMNS
from archive.search.pg_terms import Counts, add_changes

SCORED_FIELDS = tuple(LENGTH_COLUMNS)  # title, text, latin: the fields BM25F scores
_ADD_NORMS = ("INSERT INTO search_norms (field, average) SELECT * FROM unnest(%s::text[], %s::float8[]) "
              "ON CONFLICT DO NOTHING")
_ADD_POSTINGS = (
    "INSERT INTO search_postings (field, term, capture_id, tf, length, impact) "
    "SELECT u.field, u.term, u.capture_id, u.tf, u.length, evidence_impact(u.tf, u.length, n.average, u.boost) "
    "FROM unnest(%s::text[], %s::text[], %s::bigint[], %s::integer[], %s::integer[], %s::float8[]) "
    "u (field, term, capture_id, tf, length, boost) JOIN search_norms n USING (field)")


def postings_of(counts: dict[str, dict[str, int]], lengths: dict[str, int]) -> tuple[tuple[str, str, int, int], ...]:
    """Return a document's postings as (field, term, tf, field length), from its terms' frequencies per field."""
    return tuple((name, term, tf, lengths[name]) for name in SCORED_FIELDS for term, tf in counts[name].items())


def write_postings(conn: psycopg.Connection, documents: list[tuple[int, tuple, dict[str, int]]],
                   changes: Counts) -> None:
    """Replace the postings of documents given as (capture id, postings_of(...), its fields' lengths), in the
    caller's transaction; the first documents ever written set the fields' average lengths. What this does to
    each (field, term)'s document count is added to `changes`, for the caller to write (pg_terms.count_changes)."""
    if not documents:
        return
    delete_postings(conn, [capture_id for capture_id, _, _ in documents], changes)
    averages = {name: max(1.0, sum(lengths[name] for _, _, lengths in documents) / len(documents))
                for name in SCORED_FIELDS}
    conn.execute(_ADD_NORMS, [list(averages), list(averages.values())])
    columns: list[list[Any]] = [[], [], [], [], [], []]
    for capture_id, postings, _ in documents:
        for name, term, tf, length in postings:
            for column, value in zip(columns, (name, term, capture_id, tf, length, FIELD_BOOST.get(name, 1.0))):
                column.append(value)
    if columns[0]:
        conn.execute(_ADD_POSTINGS, columns)
    # A document holds a (field, term) in one posting at most: each posting is one more document.
    add_changes(changes, ((name, term, 1) for name, term in zip(columns[0], columns[1])))


def delete_postings(conn: psycopg.Connection, capture_ids: list[int], changes: Counts) -> None:
    """Remove the postings of documents, in the caller's transaction, adding to `changes` one document less
    for each (field, term) they held."""
    if capture_ids:
        add_changes(changes, ((name, term, -documents) for name, term, documents in conn.execute(
            "WITH gone AS (DELETE FROM search_postings WHERE capture_id = ANY(%s) RETURNING field, term) "
            "SELECT field, term, count(*) FROM gone GROUP BY field, term", [capture_ids])))
