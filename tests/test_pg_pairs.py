"""Word pairs on PostgreSQL (archive/search/pg_pairs.py, pg008): written with a capture as its stored positions
have them, built by the migration from the stored tsvectors the same, and phrase totals read from them equal
to the positions' own check, on texts with repeated words, stopwords, CJK bigrams, Latin readings, texts too
long for their positions, and never across two fields."""

from __future__ import annotations

import psycopg
import pytest
from whoosh import query as q

from archive import pg_migrations
from archive.analysis import analyse
from archive.archive import Archive
from archive.backends import DATABASE_URL
from archive.models import NewCapture
from archive.search import pg_matches, pg_query
from archive.search.pg_index import PgIndex
from archive.search.pg_pairs import pairs_of
from tests.contract.test_search_contract import Texts, _capture
from tests.postgres import fresh_database
from tests.test_pg_documents import write_with_ranking_documents

PAIRS = "SELECT field, first, second, capture_id, count FROM search_pairs ORDER BY 1, 2, 3, 4"
# The pairs pg008 builds from one document's stored tsvectors, for comparison with those written with it.
BUILT = ("SELECT v.field, x.first, x.second, d.capture_id, x.count FROM search_documents d, "
         "LATERAL (VALUES ('title', d.title_terms), ('text', d.text_terms), ('latin', d.latin_terms)) "
         "v (field, terms), evidence_pairs(v.terms) x WHERE d.capture_id = ANY(%s) ORDER BY 1, 2, 3, 4")
LONG = "filler " * 16400 + "kilo lima"  # past the last position kept: kilo and lima both stored at 16,383
TEXTS = {  # id: (title, text)
    1: ("Moon landing", "The moon landing was filmed. The moon the moon landing, landing the moon."),
    2: ("Report", "very very very good news of the war, the end of the war and the war of the end"),
    3: ("无人机", "哈萨克斯坦向俄罗斯出口无人机 and 无人机出口 again, 无人 机出口"),
    4: ("Небесная механика", "Небесная механика and Nebesnaya mekhanika, небесная небесная механика"),
    5: ("Alpha beta", "gamma delta beta gamma"),
    6: ("Long", LONG),
    7: ("Pairs apart", "red green then green blue, blue red"),  # every pair of "red green blue", not in a row
    8: ("Running", "running runs ran, the café in Zürich"),
}
PHRASES = ["the moon", "moon landing", "the moon landing", "landing the moon", "very very", "very very very",
           "very very very very", "of the war", "the war of the end", "the end", "无人机", "无人机出口", "出口无人机",
           "небесная механика", "небесная небесная", "nebesnaya mekhanika", "beta gamma", "alpha beta",
           "red green blue", "green blue red", "blue red green", "running runs", "cafe in zurich", "kilo lima",
           "filler filler", "filler kilo", "lima kilo"]


@pytest.fixture
def url():
    found = fresh_database()
    PgIndex(found).close()  # the whole schema
    return found


@pytest.fixture
def indexed(url):
    """The fixture texts in a PostgreSQL index, with their texts for the phrase check."""
    texts = Texts()
    index = PgIndex(url)
    index.begin(wait=10)
    for capture_id, (title, text) in TEXTS.items():
        index.add(_capture(capture_id, title=title), analyse(text).terms)
        texts[capture_id] = text
    index.commit()
    yield index, texts
    index.close()


def _pairs(conn, ids: list[int]) -> tuple[list, list]:
    return (conn.execute(PAIRS.replace("ORDER", "WHERE capture_id = ANY(%s) ORDER"), [ids]).fetchall(),
            conn.execute(BUILT, [ids]).fetchall())


def test_a_capture_is_written_with_its_pairs_as_its_stored_positions_hold_them(url, tmp_path, monkeypatch):
    monkeypatch.setenv(DATABASE_URL, url)
    text = "The moon landing, the moon. 无人机出口 and Небесная механика"
    captured = NewCapture(source="moon.txt", method="file", media_type="text/plain", kind="text",
                          captured_at="2026-01-01T00:00:00.000000Z", body=text.encode(), text=text,
                          title="Moon landing", language="en")
    captured.analysed, captured.figures = analyse(text), []
    with Archive(tmp_path / "home") as archive:
        capture = archive.add(captured).capture
    with psycopg.connect(url) as conn:
        written, built = _pairs(conn, [capture.id])
    assert written == built
    assert ("text", "the", "moon", capture.id, 2) in written  # twice in the text
    assert ("title", "moon", "land", capture.id, 1) in written  # stemmed, as the title analyzer makes it
    assert ("text", "无人", "人机", capture.id, 1) in written  # CJK bigrams at consecutive positions
    assert ("latin", "nebesnaya", "mekhanika", capture.id, 1) in written  # the Latin readings'


def test_several_terms_at_one_position_pair_with_each_of_the_next():
    kept = [("cafe", [1]), ("café", [1]), ("zurich", [2]), ("the", [3, 5]), ("moon", [4, 6])]
    assert pairs_of("text", kept) == {("text", "cafe", "zurich"): 1, ("text", "café", "zurich"): 1,
                                      ("text", "zurich", "the"): 1, ("text", "the", "moon"): 2,
                                      ("text", "moon", "the"): 1}


def test_the_migration_builds_from_the_stored_documents_the_pairs_writing_them_writes(url):
    with psycopg.connect(url, autocommit=True) as conn:
        write_with_ranking_documents(conn, TEXTS)
        written = conn.execute(PAIRS).fetchall()
        # The database as pg007 left it: the documents, no pairs.
        conn.execute("DROP TABLE search_pairs")
        conn.execute("DROP FUNCTION evidence_pairs")
        conn.execute("DROP INDEX search_documents_inexact")
        conn.execute("DELETE FROM evidence_migrations WHERE name = 'pg008_pairs'")
        assert pg_migrations.apply(conn) == ["pg008_pairs"]
        built = conn.execute(PAIRS).fetchall()
    assert len(built) == len(written) > 2000
    assert built == written


def test_a_phrase_finds_through_its_pairs_exactly_the_documents_its_positions_hold(indexed, url):
    index, texts = indexed
    check = index._phrase_check(texts)
    for phrase in PHRASES:
        words = [term for _, term in sorted((p, t) for t, held in analyse(phrase).terms.items() for p in held)]
        for field in ("title", "text", "latin"):
            node = q.Phrase(field, words)
            found = pg_matches.matches(node, check)
            positions = pg_query.condition(node, check)  # the tsvector's own check, as before the pairs
            with psycopg.connect(url) as conn:
                by_pairs = {i for (i,) in conn.execute(found.text, found.params)}
                by_positions = {i for (i,) in conn.execute(
                    f"SELECT capture_id FROM search_documents WHERE {positions.text}", positions.params)}
            assert by_pairs == by_positions, (phrase, field)


def test_phrase_totals_count_the_texts_holding_the_words_in_a_row(indexed):
    index, texts = indexed
    expected = {'"the moon landing"': {1}, '"landing the moon"': {1}, '"very very very very"': set(),
                '"very very very"': {2}, '"the war of the end"': {2}, '"无人机出口"': {3}, '"出口无人机"': {3},
                '"red green blue"': set(), '"green blue red"': set(), '"blue red"': {7},
                '"kilo lima"': {6}, '"lima kilo"': set(), '"небесная небесная механика"': {4}}
    for query, ids in expected.items():
        total, hits = index.search(query, texts, limit=20)
        assert total == len(ids) and {hit.capture_id for hit in hits} == ids, query


def test_a_phrase_never_runs_across_two_fields(indexed):
    index, texts = indexed
    assert index.search('"beta gamma"', texts)[0] == 1  # in the text of 5 only
    assert {hit.capture_id for hit in index.search('"beta gamma"', texts)[1]} == {5}
    assert index.search('"alpha beta gamma"', texts)[0] == 0  # the title's last word, then the text's first
    assert index.search('"beta gamma delta"', texts)[0] == 0


def test_a_document_removed_or_replaced_takes_its_pairs_with_it(indexed, url):
    index, texts = indexed
    index.begin(wait=10)
    index.delete(1)
    index.add(_capture(2, title="Report"), analyse("quiet news").terms)
    texts[2] = "quiet news"
    index.commit()
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM search_pairs WHERE capture_id = 1").fetchone() == (0,)
        written, built = _pairs(conn, [2])
    assert written == built == [("text", "quiet", "new", 2, 1)]  # a one-word title has no pair
    assert index.search('"the moon"', texts)[0] == 0 and index.search('"very very"', texts)[0] == 0
