"""The PostgreSQL schema's changes applied to a database made before them: pg005 (names) keeps every document
and capture, lists the terms the documents already hold, and marks the captures to be indexed again (their
documents then get their Latin readings)."""

from __future__ import annotations

import psycopg
import pytest

from archive import pg_migrations
from archive.search.pg_vocabulary import PgVocabulary
from archive.pg_database import Database
from tests.postgres import fresh_database


def test_names_change_keeps_the_documents_lists_their_terms_and_marks_captures_to_index(monkeypatch):
    url = fresh_database()
    before = [change for change in pg_migrations.MIGRATIONS if change.__name__ < "pg005"]
    through = [change for change in pg_migrations.MIGRATIONS if change.__name__ < "pg006"]  # later ones apart
    with psycopg.connect(url, autocommit=True) as conn:
        monkeypatch.setattr(pg_migrations, "MIGRATIONS", before)
        pg_migrations.apply(conn)
        conn.execute("INSERT INTO captures (id, sha256, size, media_type, kind, source, method, captured_at, text, "
                     "text_sha256, indexed) VALUES (1, 'a', 1, 'text/plain', 'text', 'a.txt', 'file', "
                     "'2026-01-01T00:00:00Z', 'Небесная механика', 'b', 1)")
        conn.execute("INSERT INTO search_documents (capture_id, title_terms, text_terms, author_terms, site_terms, "
                     "text_length, title_length, positions_exact) VALUES (1, 'drone:1', 'небесная:1 механика:2', "
                     "'', '', 2, 1, true)")
        monkeypatch.setattr(pg_migrations, "MIGRATIONS", through)
        assert pg_migrations.apply(conn) == ["pg005_names"]
        assert conn.execute("SELECT indexed FROM captures").fetchall() == [(0,)]
        assert conn.execute("SELECT latin_terms, latin_length FROM search_documents").fetchall() == [("", 0)]
        monkeypatch.undo()  # the later changes too, as an upgrade applies them (the vocabulary reads postings)
        assert pg_migrations.apply(conn) == ["pg006_claim_checks", "pg007_postings", "pg008_pairs", "pg009_terms"]
        # The document counts pg009 builds from the postings pg007 built from the stored document.
        assert conn.execute("SELECT field, term, documents FROM search_terms ORDER BY 1, 2").fetchall() == \
            [("text", "механика", 1), ("text", "небесная", 1), ("title", "drone", 1)]
    db = Database(url)
    try:
        vocabulary = PgVocabulary(db)
        assert vocabulary.terms_from("text", "", 10) == ["механика", "небесная"]  # byte order
        assert vocabulary.terms_from("title", "d", 10) == ["drone"]
        assert vocabulary.holds("text", "механика") and not vocabulary.holds("latin", "mekhanika")
    finally:
        db.close()


def test_postings_change_builds_from_the_stored_documents_what_writing_them_writes():
    from archive.search.pg_documents import write_rows
    from archive.search.pg_index import PgIndex
    from tests.ranking_corpus import ranking_documents
    from tests.test_pg_documents import _row

    url = fresh_database()
    PgIndex(url).close()  # the whole schema
    postings = "SELECT field, term, capture_id, tf, impact FROM search_postings ORDER BY 1, 2, 3"
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():  # one batch: the averages it fixes are the collection's, as pg007 takes them
            write_rows(conn, [_row(n + 1, doc.body, doc.title) for n, doc in enumerate(ranking_documents(60))])
        written = conn.execute(postings).fetchall()
        norms = dict(conn.execute("SELECT field, average FROM search_norms").fetchall())
        # The database as pg006 left it: the documents, no postings.
        conn.execute("DROP TABLE search_postings, search_norms")
        conn.execute("DROP FUNCTION evidence_impact")
        conn.execute("DELETE FROM evidence_migrations WHERE name = 'pg007_postings'")
        assert pg_migrations.apply(conn) == ["pg007_postings"]
        assert dict(conn.execute("SELECT field, average FROM search_norms").fetchall()) == pytest.approx(norms)
        built = conn.execute(postings).fetchall()
    assert len(built) == len(written) > 60 * 10
    assert [row[:4] for row in built] == [row[:4] for row in written]
    assert [row[4] for row in built] == pytest.approx([row[4] for row in written], rel=1e-6)
