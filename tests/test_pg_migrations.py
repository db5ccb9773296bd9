"""The PostgreSQL schema's changes applied to a database made before them: pg005 (names) keeps every document
and capture, lists the terms the documents already hold, and marks the captures to be indexed again (their
documents then get their Latin readings)."""

from __future__ import annotations

import psycopg

from archive import pg_migrations
from archive.search.pg_vocabulary import PgVocabulary
from archive.pg_database import Database
from tests.postgres import fresh_database


def test_names_change_keeps_the_documents_lists_their_terms_and_marks_captures_to_index(monkeypatch):
    url = fresh_database()
    before = [change for change in pg_migrations.MIGRATIONS if change.__name__ < "pg005"]
    with psycopg.connect(url, autocommit=True) as conn:
        monkeypatch.setattr(pg_migrations, "MIGRATIONS", before)
        pg_migrations.apply(conn)
        conn.execute("INSERT INTO captures (id, sha256, size, media_type, kind, source, method, captured_at, text, "
                     "text_sha256, indexed) VALUES (1, 'a', 1, 'text/plain', 'text', 'a.txt', 'file', "
                     "'2026-01-01T00:00:00Z', 'Небесная механика', 'b', 1)")
        conn.execute("INSERT INTO search_documents (capture_id, title_terms, text_terms, author_terms, site_terms, "
                     "text_length, title_length, positions_exact) VALUES (1, 'drone:1', 'небесная:1 механика:2', "
                     "'', '', 2, 1, true)")
        monkeypatch.undo()
        assert pg_migrations.apply(conn) == ["pg005_names", "pg006_postings"]
        assert conn.execute("SELECT indexed FROM captures").fetchall() == [(0,)]
        assert conn.execute("SELECT latin_terms, latin_length FROM search_documents").fetchall() == [("", 0)]
    db = Database(url)
    try:
        vocabulary = PgVocabulary(db)
        assert vocabulary.terms_from("text", "", 10) == ["механика", "небесная"]  # byte order
        assert vocabulary.terms_from("title", "d", 10) == ["drone"]
        assert vocabulary.holds("text", "механика") and not vocabulary.holds("latin", "mekhanika")
    finally:
        db.close()
