"""The archive on PostgreSQL (EVIDENCE_DATABASE_URL): the same commands end to end, the ledger append-only in
the database, several writers at once, and the server stopped or a writer killed in the middle of a run."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import psycopg
import pytest

from archive.archive import Archive
from archive.backends import DATABASE_URL, describe_catalog, open_catalog
from archive.errors import InvalidInputError
from archive.pg_catalog import PgCatalog
from tests.documents import write
from tests.postgres import Cluster, fresh_database, wait_for
from tests.test_concurrency import _evidence as start_evidence, _finish

REPO = Path(__file__).resolve().parents[1]
BOUND = 300  # seconds any wait of these tests may take


@pytest.fixture
def database(monkeypatch) -> str:
    """An empty database on the tests' PostgreSQL server, configured as the archive's."""
    url = fresh_database()
    monkeypatch.setenv(DATABASE_URL, url)
    return url


def _evidence(home: Path, url: str, *args: str) -> subprocess.Popen:
    """Start `evidence` in its own process on the database."""
    return start_evidence(home, *args, env={DATABASE_URL: url})


def _folder(root: Path, name: str, count: int) -> Path:
    for n in range(count):
        write(root / name / f"{name}-{n:03d}.txt", f"Report {n} of {name} on drone exports, marker {name}x{n}.")
    return root / name


def test_the_commands_work_the_same_on_postgresql(database, evidence, home):
    samples = REPO / "samples"
    result = evidence("ingest", "--json", str(samples))
    assert result.exit_code == 0, result.output
    assert {json.loads(line)["status"] for line in result.output.splitlines()} == {"captured"}
    assert not (home / "catalog.db").exists() and not (home / "index").exists()  # both in the database
    found = json.loads(evidence("search", "--json", "drones Russia").output)
    assert found["total"] >= 2 and "<mark>" in found["hits"][0]["snippet"]
    chinese = json.loads(evidence("search", "--json", "无人机").output)  # CJK bigrams, as a phrase
    assert [hit["title"] for hit in chinese["hits"]] == ["哈萨克斯坦向俄罗斯出口123万美元无人机"]
    dollars = {hit["capture_id"] for hit in json.loads(evidence("search", "--json", "$1.23 million").output)["hits"]}
    bare = {hit["capture_id"] for hit in json.loads(evidence("search", "--json", "1230000").output)["hits"]}
    assert dollars and dollars <= bare  # a bare number finds its value in any unit (the units read by index seeks)
    capture = found["hits"][0]["capture_id"]
    assert json.loads(evidence("show", "--json", str(capture)).output)["id"] == capture
    claim = json.loads(evidence("claim", "add", "--json", "Kazakhstan exported $1.23 million of drones").output)
    quote = "Kazakhstan exported $1.23 million of drones"
    cited = evidence("claim", "cite", "--json", str(claim["id"]), "3", quote)
    assert cited.exit_code == 0, cited.output
    shown = json.loads(evidence("claim", "show", "--json", str(claim["id"])).output)
    assert [c["verified"] for c in shown["citations"]] == [True]
    assert evidence("user", "add", "alice", "--role", "admin", "--password-stdin",
                    input="correct horse battery\n").exit_code == 0
    taken = evidence("user", "add", "ALICE", "--role", "editor", "--password-stdin", input="another password 1\n")
    assert taken.exit_code == 2 and "already an account named ALICE" in taken.output
    assert evidence("reindex").exit_code == 0
    report = json.loads(evidence("verify", "--json").output)
    assert report["ok"], report["problems"]
    assert report["checked"]["index_documents"] == len(list(samples.iterdir()))
    # entities work on PostgreSQL too: an alias found through search (readings and `~` are the embedded
    # index's only); verify holds them to the ledger
    assert evidence("entity", "add", "Nebesnaya Mekhanika", "--alias", "Скај механикс").exit_code == 0
    named = json.loads(evidence("search", "--json", "Nebesnaya Mekhanika").output)
    assert sorted(hit["aliases"] for hit in named["hits"]) == [["Nebesnaya Mekhanika"]] * 2 + [["Скај механикс"]]
    assert json.loads(evidence("verify", "--json").output)["ok"]


def test_a_capture_is_searchable_once_its_transaction_commits(database, tmp_path):
    with Archive(tmp_path / "home") as archive:
        write(tmp_path / "one.txt", "A customs report on drone exports.")
        [result] = archive.capture([str(tmp_path / "one.txt")], _limits())
        assert result.status == "captured"
        assert archive.catalog.unindexed_ids() == [] and archive.index.document_ids() == [result.capture.id]
        assert archive.search("drone").total == 1


def test_the_search_document_made_before_the_lock_is_the_captures_own(database, evidence, home):
    """The document is built from the row before the writers' lock is taken: it must be the document of the
    capture as the catalog stores it (every sample's metadata: titles, sites, languages, dates, kinds)."""
    from archive.analysis import analyse
    from archive.search.pg_documents import COLUMNS, document_row

    assert evidence("ingest", str(REPO / "samples")).exit_code == 0
    catalog = PgCatalog(database)
    try:
        captures = catalog.get_captures(catalog.capture_ids(), with_text=True)
    finally:
        catalog.close()
    as_text = ", ".join(f"{name}::text" if name.endswith("_terms") else name for name in COLUMNS)
    literals = ", ".join("%s::tsvector::text" if name.endswith("_terms") else "%s" for name in COLUMNS)
    with psycopg.connect(database) as db:
        stored = {row[0]: row for row in db.execute(f"SELECT {as_text} FROM search_documents").fetchall()}
        assert sorted(stored) == sorted(captures) and len(stored) == len(list((REPO / "samples").iterdir()))
        for capture in captures.values():
            row = document_row(capture, analyse(capture.text).terms)[:len(COLUMNS)]  # the vocabulary apart
            expected = db.execute(f"SELECT {literals}", row)
            assert expected.fetchone() == stored[capture.id]


def test_the_ledger_is_append_only_in_the_database(database, tmp_path):
    with Archive(tmp_path / "home") as archive:
        archive.add_claim("A claim")
    with psycopg.connect(database, autocommit=True) as db:
        for statement in ("UPDATE ledger SET event = 'x'", "DELETE FROM ledger", "TRUNCATE ledger"):
            with pytest.raises(psycopg.errors.IntegrityConstraintViolation, match="append-only"):
                db.execute(statement)
        assert db.execute("SELECT count(*) FROM ledger").fetchone()[0] == 1


def test_the_configuration_is_read_and_shown_without_the_password(tmp_path):
    home = tmp_path / "home"
    shown = describe_catalog(home, {DATABASE_URL: "postgresql://desk:s3cret@db.example:5432/archive?sslmode=require"})
    assert shown == {"backend": "postgresql", "location": "postgresql://desk:***@db.example:5432/archive"}
    assert describe_catalog(home, {})["backend"] == "sqlite"
    with pytest.raises(InvalidInputError, match="must be a postgresql://"):
        open_catalog(home, {DATABASE_URL: "mysql://desk:s3cret@db/archive"})


def test_two_ingests_and_their_shared_bytes_land_once_with_an_unbroken_ledger(database, tmp_path):
    home = tmp_path / "home"
    first, second = _folder(tmp_path, "alpha", 60), _folder(tmp_path, "beta", 60)
    shared = write(tmp_path / "shared.txt", "The same bytes, ingested by both runs at once.")
    runs = [_evidence(home, database, "ingest", "--json", str(first), str(shared)),
            _evidence(home, database, "ingest", "--json", str(second), str(shared))]
    for code, out, err in [_finish(run) for run in runs]:
        assert code == 0, err
        statuses = [json.loads(line)["status"] for line in out.splitlines()]
        assert len(statuses) == 61 and set(statuses) <= {"captured", "exists"}
    with Archive(home) as archive:
        assert archive.count_captures() == 121 and archive.catalog.unindexed_ids() == []
        assert archive.index.doc_count() == 121
        assert archive.search("alphax7").total == archive.search("betax59").total == 1
        report = archive.verify()
        assert report.ok, report.problems
        assert report.checked["ledger_entries"] == 121


def test_a_writer_killed_midway_leaves_nothing_half_written(database, tmp_path):
    home = tmp_path / "home"
    Archive(home).close()
    killed = _evidence(home, database, "ingest", "--json", str(_folder(tmp_path, "gamma", 300)))
    other = _evidence(home, database, "ingest", "--json", str(_folder(tmp_path, "delta", 100)))
    catalog = PgCatalog(database)
    try:
        assert wait_for(lambda: catalog.count_captures() >= 30, timeout=BOUND)
        killed.send_signal(signal.SIGKILL)
        code, _, err = _finish(other)
        assert code == 0, err
        _finish(killed)
    finally:
        catalog.close()
    code, _, err = _finish(_evidence(home, database, "ingest", "--json", str(tmp_path / "gamma")))  # again
    assert code == 0, err
    with Archive(home) as archive:
        assert archive.count_captures() == 400 and archive.index.doc_count() == 400
        report = archive.verify()
        assert report.ok, report.problems


def test_the_database_stopped_mid_run_stops_it_plainly_and_a_rerun_finishes(tmp_path, monkeypatch):
    cluster = Cluster()  # its own server, to stop
    try:
        url = cluster.create_database()
        home = tmp_path / "home"
        folder = _folder(tmp_path, "epsilon", 400)
        run = _evidence(home, url, "ingest", "--json", str(folder))
        probe = PgCatalog(url)
        try:
            assert wait_for(lambda: probe.count_captures() >= 40, timeout=BOUND)
        finally:
            probe.close()
        cluster.stop("immediate")
        code, _out, err = _finish(run)
        assert code == 75, err
        assert "cannot be reached" in err and "run the command again" in err and "Traceback" not in err
        cluster.start()
        code, out, err = _finish(_evidence(home, url, "ingest", "--json", str(folder)))
        assert code == 0, err
        monkeypatch.setenv(DATABASE_URL, url)
        with Archive(home) as archive:
            assert archive.count_captures() == 400 and archive.catalog.unindexed_ids() == []
            assert archive.index.doc_count() == 400
            report = archive.verify()
            assert report.ok, report.problems
    finally:
        cluster.remove()


def _limits():
    from ingest.pipeline import Limits

    return Limits()
