"""The shared query layer's builders (archive/sql_catalog.py), with no database: statements are written once in
`?` style, and PostgreSQL's catalog turns them into psycopg's."""

from archive.pg_catalog import _pg_style
from archive.sql_catalog import insert_sql


def test_an_insert_names_every_column_quoted_and_takes_one_parameter_each():
    assert insert_sql("figures", ["capture_id", "end"]) == 'INSERT INTO "figures" ("capture_id", "end") VALUES (?, ?)'


def test_postgresql_gets_its_placeholders_and_literals_stay_as_written():
    assert _pg_style("SELECT id FROM captures WHERE url = ? LIMIT ?") == "SELECT id FROM captures WHERE url = %s LIMIT %s"
    # A question mark inside a string or a quoted name is no parameter; a percent sign is psycopg's escape.
    assert (_pg_style("""SELECT "a?" FROM t WHERE b LIKE 'x?%' AND c = ? AND d = 'it''s ?'""")
            == """SELECT "a?" FROM t WHERE b LIKE 'x?%%' AND c = %s AND d = 'it''s ?'""")
