"""Each (field, term)'s number of documents on PostgreSQL, `search_terms` (pg009): what its idf is made from,
read in one lookup at search time rather than counted from search_postings per query word.

The counts are kept exact in the transaction that writes or removes the postings (archive/search/pg_postings.py),
so a search sees counts and postings of the same commit. Writers of postings may be inside their transactions at
once (a capture's catalog transaction under the writers' lock, or without it; an index writer's commit under the
index lock), so:
- no update is lost: each change is `documents = documents + change` in an INSERT ... ON CONFLICT DO UPDATE,
  which locks the row and, under READ COMMITTED, adds to its latest committed value, not to the snapshot's;
  a row two writers insert at once is settled by the unique key (the second waits, then updates);
- no two writers deadlock: a transaction changes its rows in one statement, its last on the index's tables (the
  changes of its deletes, replaces and adds gathered first), in one order (field, term sorted as the "C"
  collation sorts them: by code point). A writer holding rows of search_terms then waits for nothing but rows
  of search_terms further on in that order, so no two writers wait for each other in a circle.
Rows that fall to 0 are kept (a word may come back; the table only grows, as the vocabulary does): a count of 0
says what no row says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import psycopg

Counts = dict[tuple[str, str], int]  # (field, term) -> change in its number of documents

_CHANGE = (
    "INSERT INTO search_terms (field, term, documents) "
    "SELECT field, term, change FROM unnest(%s::text[], %s::text[], %s::integer[]) WITH ORDINALITY "
    "u (field, term, change, n) ORDER BY n "
    "ON CONFLICT (field, term) DO UPDATE SET documents = search_terms.documents + excluded.documents")


def add_changes(changes: Counts, found: Iterable[tuple[str, str, int]]) -> None:
    """Add (field, term, change) to the changes gathered in a transaction."""
    for name, term, change in found:
        changes[(name, term)] = changes.get((name, term), 0) + change


def count_changes(conn: psycopg.Connection, changes: Counts) -> None:
    """Write the changes gathered in a transaction to the document counts, in (field, term) order: the last thing
    the transaction does to the index's tables."""
    changed = sorted(key for key, change in changes.items() if change)  # str order is code point order, as "C"
    if changed:
        conn.execute(_CHANGE, [[name for name, _ in changed], [term for _, term in changed],
                               [changes[key] for key in changed]])


def documents(read: Callable[[str, list], list[tuple]], pairs: list[tuple[str, str]]) -> Counts:
    """Return how many documents hold each (field, term), 0 for one no document holds, in one statement run by
    `read` (statement, parameters) -> rows."""
    if not pairs:
        return {}
    found = dict(((name, term), count) for name, term, count in read(
        "SELECT t.field, t.term, t.documents FROM search_terms t "
        "JOIN unnest(%s::text[], %s::text[]) u (field, term) USING (field, term)",
        [[name for name, _ in pairs], [term for _, term in pairs]]))
    return {pair: found.get(pair, 0) for pair in pairs}
