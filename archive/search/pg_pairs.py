"""The word pairs of the search index on PostgreSQL: one row per (field, first term, second term, document) of
two terms at consecutive positions of a scored field, with how many times they stand so (pg008).

A phrase's exact total read every document's positions: at 20,000 captures the phrase of two common words
held in 8,000 texts cost 100-180 ms, each of those tsvectors de-TOASTed. The pairs answer it from one index:
a two-word phrase's documents are its pair's rows; a longer phrase intersects its consecutive pairs and reads
positions only in the documents holding them all (archive/search/pg_matches.py).

The pairs are made from the positions the tsvector keeps (archive/search/pg_documents.py: at most 256 a term,
none past 16,383, none at all in a tsvector past 1 MB), so a pair's rows are exactly the documents where
`terms @@ 'first <-> second'` holds; the tsvector stays the source of truth, the pairs a copy of what it holds
(built from it by pg008 for an archive indexed before). Texts whose positions could not all be kept are still
checked against their text, as before (pg_query.condition). Written with their document, in the caller's
transaction, and removed with it.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from archive.search.pg_query import Sql

_COPY_PAIRS = "COPY search_pairs (field, first, second, capture_id, count) FROM STDIN"


def pairs_of(field: str, kept: Iterable[tuple[str, list[int]]]) -> dict[tuple[str, str, str], int]:
    """Return a field's (field, first, second) pairs and their counts, from its terms' kept positions (several
    terms may stand at one position: a word and its reading, its stem)."""
    at: dict[int, list[str]] = {}
    for term, positions in kept:
        for position in positions:
            at.setdefault(position, []).append(term)
    counts: dict[tuple[str, str, str], int] = {}
    for position, firsts in at.items():
        for second in at.get(position + 1, ()):
            for first in firsts:
                counts[(field, first, second)] = counts.get((field, first, second), 0) + 1
    return counts


def write_pairs(conn: psycopg.Connection, documents: list[tuple[int, dict[tuple[str, str, str], int]]]) -> None:
    """Replace the pairs of documents given as (capture id, their pairs_of(...) merged), in the caller's
    transaction."""
    if not documents:
        return
    delete_pairs(conn, [capture_id for capture_id, _ in documents])
    # COPY: 300 pairs (a text of 300 words) in 1 ms, where psycopg took 2.5 ms adapting them as arrays.
    with conn.cursor().copy(_COPY_PAIRS) as copy:
        for capture_id, pairs in documents:
            for (field, first, second), count in pairs.items():
                copy.write_row((field, first, second, capture_id, count))


def delete_pairs(conn: psycopg.Connection, capture_ids: list[int]) -> None:
    """Remove the pairs of documents, in the caller's transaction."""
    if capture_ids:
        conn.execute("DELETE FROM search_pairs WHERE capture_id = ANY(%s)", [capture_ids])


def holding(field: str, words: list[str]) -> Sql:
    """Return a SELECT of the documents holding every consecutive pair of a phrase's words (each once): for two
    words, exactly the documents whose stored positions hold the phrase."""
    pairs = sorted(set(zip(words, words[1:])))
    return Sql(" INTERSECT ".join("(SELECT capture_id FROM search_pairs WHERE field = %s AND first = %s "
                                  "AND second = %s)" for _ in pairs),
               [value for first, second in pairs for value in (field, first, second)])
