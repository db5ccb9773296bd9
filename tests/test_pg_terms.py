"""Document counts per (field, term) on PostgreSQL (archive/search/pg_terms.py, pg009): after adds, replaces,
deletes, a rebuild, the migration's build, writers inside their transactions at once and two `evidence ingest`
processes at once, search_terms holds exactly what count(*) over search_postings says, and searches read it."""

from __future__ import annotations

import threading

import psycopg
import pytest

from archive import pg_migrations
from archive.analysis import analyse
from archive.archive import Archive
from archive.search import pg_matches, pg_terms, queries, variants
from archive.search.pg_documents import write_rows
from archive.search.pg_index import PgIndex
from tests.contract.test_search_contract import Texts, _capture
from tests.postgres import fresh_database
from tests.test_pg_documents import _row, write_with_ranking_documents
from tests.test_postgresql import _evidence, _folder, database  # noqa: F401 (the fixture)
from tests.test_concurrency import _finish

KEPT = "SELECT field, term, documents FROM search_terms WHERE documents > 0 ORDER BY 1, 2"
COUNTED = "SELECT field, term, count(*) FROM search_postings GROUP BY 1, 2 ORDER BY 1, 2"
TEXTS = {1: ("Moon landing", "The moon landing was filmed, the moon"), 2: ("Report", "drone exports and the war"),
         3: ("Небесная механика", "Небесная механика, Nebesnaya mekhanika"), 4: ("无人机", "无人机出口 and drone"),
         5: ("Moon", "moon moon drone")}


@pytest.fixture
def url():
    found = fresh_database()
    PgIndex(found).close()  # the whole schema
    return found


def _counts(url: str) -> tuple[list, list]:
    with psycopg.connect(url) as conn:
        return conn.execute(KEPT).fetchall(), conn.execute(COUNTED).fetchall()


def _write(index: PgIndex, texts: dict[int, tuple[str, str]], deleted: tuple[int, ...] = ()) -> None:
    index.begin(wait=10)
    for capture_id, (title, text) in texts.items():
        index.add(_capture(capture_id, title=title), analyse(text).terms)
    for capture_id in deleted:
        index.delete(capture_id)
    index.commit()


def test_counts_follow_adds_replaces_and_deletes(url):
    index = PgIndex(url)
    try:
        _write(index, TEXTS)
        kept, counted = _counts(url)
        assert kept == counted and ("text", "moon", 2) in kept and ("title", "moon", 2) in kept
        _write(index, {1: ("Report", "nothing of the moon here"), 5: ("Other", "war only")})  # replaced
        kept, counted = _counts(url)
        assert kept == counted and ("text", "moon", 1) in kept and ("text", "war", 2) in kept
        assert ("title", "moon", 0) not in kept and ("title", "moon") not in {(f, t) for f, t, _ in kept}
        _write(index, {}, deleted=(2, 3))
        kept, counted = _counts(url)
        assert kept == counted and ("text", "war", 1) in kept and ("latin", "nebesnaya", 0) not in kept
        # A word no document holds any more counts 0, as its postings do; the search reads it so.
        assert index._frequencies([("latin", "nebesnaya", 1.0), ("text", "war", 1.0)]) == \
            {("latin", "nebesnaya"): 0, ("text", "war"): 1}
        index.begin(wait=10)  # a rebuild: every document written again, the older ones dropped
        index.add(_capture(4, title="Only"), analyse("drone drone").terms)
        index.commit(clear=True)
        kept, counted = _counts(url)
        assert kept == counted == [("text", "drone", 1), ("title", "onli", 1)]
    finally:
        index.close()


def test_a_search_ranks_with_the_counts_the_postings_give(url):
    index = PgIndex(url)
    try:
        _write(index, TEXTS)
        terms = [("text", "moon", 1.0), ("text", "drone", 1.0), ("title", "moon", 2.0), ("text", "absent", 1.0)]
        with psycopg.connect(url) as conn:
            counted = {(f, t): conn.execute("SELECT count(*) FROM search_postings WHERE field = %s AND term = %s",
                                            [f, t]).fetchone()[0] for f, t, _ in terms}
        assert index._frequencies(terms) == counted == {("text", "moon"): 2, ("text", "drone"): 3,
                                                         ("title", "moon"): 2, ("text", "absent"): 0}
    finally:
        index.close()


def test_the_migration_builds_the_counts_the_writes_keep(url):
    with psycopg.connect(url, autocommit=True) as conn:
        write_with_ranking_documents(conn, TEXTS)
        written = conn.execute(KEPT).fetchall()
        conn.execute("DROP TABLE search_terms")  # the database as pg008 left it
        conn.execute("DELETE FROM evidence_migrations WHERE name = 'pg009_terms'")
        assert pg_migrations.apply(conn) == ["pg009_terms"]
        built = conn.execute(KEPT).fetchall()
        counted = conn.execute(COUNTED).fetchall()
    assert len(built) > 50 and built == written == counted


def test_writers_inside_their_transactions_at_once_lose_no_count_and_never_deadlock(url):
    # Two writers whose transactions are open at once (a catalog write and an index writer's commit may be),
    # each writing two documents of shared words, in opposite orders, with a pause between them (the barrier)
    # during which the other writes too: had each document's counts been written at once, each writer would
    # hold the rows the other then waits for. The words are in the vocabulary already, so only the counts'
    # rows are at stake.
    first, second = [f"word{n:02d}" for n in range(20)], [f"word{n:02d}" for n in range(20, 40)]
    with psycopg.connect(url, autocommit=True) as conn:
        write_rows(conn, [_row(1, " ".join(first + second), "Shared")])
    failures: list[BaseException] = []
    barrier = threading.Barrier(2, timeout=60)

    def writer(start: int, words: list[list[str]]) -> None:
        try:
            with psycopg.connect(url, autocommit=True) as conn:
                for round_ in range(10):
                    with conn.transaction():
                        conn.execute("SET LOCAL lock_timeout = '60s'")
                        changes: pg_terms.Counts = {}
                        write_rows(conn, [_row(start + 2 * round_, " ".join(words[0]), "Shared")], changes)
                        barrier.wait()
                        write_rows(conn, [_row(start + 2 * round_ + 1, " ".join(words[1]), "Shared")], changes)
                        pg_terms.count_changes(conn, changes)
        except BaseException as exc:  # reported by the test's thread
            failures.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=writer, args=(1000, [first, list(reversed(second))])),
               threading.Thread(target=writer, args=(2000, [second, list(reversed(first))]))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    kept, counted = _counts(url)
    assert kept == counted and ("text", "word07", 21) in kept and ("title", "share", 41) in kept


def test_two_ingests_at_once_leave_exact_counts(database, tmp_path):  # noqa: F811 (the fixture)
    home = tmp_path / "home"
    Archive(home).close()
    runs = [_evidence(home, database, "ingest", "--json", str(_folder(tmp_path, name, 40)))
            for name in ("alpha", "beta")]
    for code, _, err in [_finish(run) for run in runs]:
        assert code == 0, err
    kept, counted = _counts(database)
    assert kept == counted and ("text", "drone", 80) in kept


def test_a_lone_words_total_is_its_document_count_and_its_matches_count(url):
    index = PgIndex(url)
    texts = Texts()
    try:
        _write(index, TEXTS)
        for capture_id, (_, text) in TEXTS.items():
            texts[capture_id] = text
        lone = 0
        for query in ["moon", "drone", "title:moon", "war", "absentword", "moon drone", '"moon"', "text:drone"]:
            scored, filters = queries.split_filters(index._widened(query, None, variants.Widening()))
            lone += pg_matches.single_word(scored) is not None and not filters
            total, hits = index.search(query, texts)
            assert total == len(index.matching_ids(query)), query
            assert len(hits) == min(total, 10)
        assert lone == 2  # title:moon and text:drone; a plain word is the title's or the text's (their union)
    finally:
        index.close()
