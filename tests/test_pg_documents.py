"""Search documents written on PostgreSQL with their vocabulary: every term a committed document holds is listed,
whatever became of the transactions that sent terms before, and a process sends again only what it has not seen
committed."""

from __future__ import annotations

import psycopg
import pytest

from archive.analysis import analyse
from archive.models import Capture
from archive.search.pg_documents import KnownTerms, document_row, write_rows
from archive.search.pg_index import PgIndex
from tests.postgres import fresh_database


def _row(capture_id: int, text: str, title: str = "Report"):
    capture = Capture(id=capture_id, sha256=f"{capture_id:064x}", size=1, text_sha256="0" * 64, source="a.txt",
                      method="file", media_type="text/plain", kind="text",
                      captured_at="2026-01-01T00:00:00.000000Z", title=title)
    return document_row(capture, analyse(text).terms)


def write_with_ranking_documents(conn: psycopg.Connection, texts: dict[int, tuple[str, str]]) -> None:
    """Write a test's texts ({id: (title, text)}) and 60 ranking documents (ids from 100) in one transaction: the
    archive a migration that builds a table from the stored documents is checked on."""
    from tests.ranking_corpus import ranking_documents

    with conn.transaction():
        write_rows(conn, [_row(n, text, title) for n, (title, text) in texts.items()])
        write_rows(conn, [_row(100 + n, doc.body, doc.title) for n, doc in enumerate(ranking_documents(60))])


@pytest.fixture
def conn():
    url = fresh_database()
    PgIndex(url).close()  # the schema
    with psycopg.connect(url, autocommit=True) as opened:
        yield opened


def _listed(conn) -> set[tuple[str, str]]:
    return set(conn.execute("SELECT field, term FROM search_vocabulary").fetchall())


def test_a_term_sent_by_a_rolled_back_document_is_listed_with_the_next_document_holding_it(conn):
    with pytest.raises(RuntimeError), conn.transaction():
        write_rows(conn, [_row(1, "Небесная механика sent drones")])
        raise RuntimeError("the capture's transaction fails after its document was written")
    assert _listed(conn) == set()
    with conn.transaction():
        write_rows(conn, [_row(2, "Небесная механика again")])
    assert {("text", "небесная"), ("latin", "nebesnaya"), ("text", "again"), ("title", "report")} <= _listed(conn)
    assert ("text", "drone") not in _listed(conn)  # only in the document that was rolled back


def test_terms_seen_committed_are_not_sent_again_and_stay_listed(conn):
    with conn.transaction():
        write_rows(conn, [_row(1, "Aspan Arba drones")])
    with conn.transaction():
        write_rows(conn, [_row(2, "Other words")])  # asks about the first transaction: committed
    known = KnownTerms.of(conn).known
    assert {("text", "aspan"), ("text", "arba"), ("text", "drone")} <= known
    assert ("text", "other") not in known  # its transaction is asked about with the next terms sent
    conn.execute("DELETE FROM search_documents")  # documents go; the vocabulary only grows
    with conn.transaction():
        write_rows(conn, [_row(3, "Aspan Arba drones")])
    assert {("text", "aspan"), ("text", "arba"), ("text", "drone"), ("text", "other")} <= _listed(conn)
