"""`evidence migrate`: an embedded archive copied into PostgreSQL and back into a folder, resumed after an
interruption, and every original, row and the ledger chain checked to have arrived identical."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from app import cli
from archive.backends import DATABASE_URL
from archive.pg_catalog import PgCatalog
from tests.postgres import fresh_database

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


SAMPLE_COUNT = len(list(SAMPLES.iterdir()))


@pytest.fixture
def filled(evidence, home):
    """An embedded archive with captures, a cited claim, an account and a signed checkpoint."""
    assert evidence("ingest", str(SAMPLES)).exit_code == 0
    claim = json.loads(evidence("claim", "add", "--json", "Kazakhstan exported $1.23 million of drones").output)
    assert evidence("claim", "cite", str(claim["id"]), "3", "Kazakhstan exported $1.23 million of drones").exit_code == 0
    assert evidence("user", "add", "alice", "--role", "admin", "--password-stdin",
                    input="correct horse battery\n").exit_code == 0
    assert evidence("entity", "add", "Nebesnaya Mekhanika", "--alias", "Небесная механика").exit_code == 0
    assert evidence("ledger", "checkpoint").exit_code == 0
    return home


def test_an_embedded_archive_moves_to_postgresql_and_back_identical(filled, evidence, runner, monkeypatch, tmp_path):
    url = fresh_database()
    moved = evidence("migrate", "--to", url, "--json")
    assert moved.exit_code == 0, moved.output
    report = json.loads(moved.output)
    assert report["ok"] and report["copied"]["captures"] == SAMPLE_COUNT and report["indexed"] == SAMPLE_COUNT
    assert report["copied"]["entities"] == 1 and report["copied"]["entity_names"] == 2
    assert report["checked"]["originals"] == SAMPLE_COUNT and report["checked"]["ledger_entries"] == report["ledger_head"]["entries"]
    again = json.loads(evidence("migrate", "--to", url, "--json").output)  # nothing left to copy
    assert again["ok"] and set(again["copied"].values()) == {0} and again["ledger_head"] == report["ledger_head"]

    monkeypatch.setenv(DATABASE_URL, url)  # the same home, on the database now
    verified = json.loads(evidence("verify", "--json").output)
    assert verified["ok"], verified["problems"]
    assert json.loads(evidence("search", "--json", "drones").output)["total"] >= 2

    back = tmp_path / "back"
    returned = evidence("migrate", "--to", str(back))
    assert returned.exit_code == 0, returned.output
    assert "OK: every original, every row and the whole ledger chain arrived identical." in returned.output
    monkeypatch.delenv(DATABASE_URL)
    result = runner.invoke(cli, ["--home", str(back), "verify", "--json"])
    verified = json.loads(result.output)
    assert verified["ok"], verified["problems"]
    assert verified["checked"]["checkpoints"] == 1  # signed with the key that came along


def test_an_interrupted_migration_goes_on_where_it_stopped(filled, evidence):
    from archive.catalog import Catalog

    url = fresh_database()
    source, target = Catalog(filled / "catalog.db"), PgCatalog(url)
    try:  # what a run stopped after its first batch of captures leaves: the archive's id and a prefix of rows
        target.insert_rows("archive", [{"key": "id", "value": source.archive_id()}], replace=True)
        target.insert_rows("captures", [{k: v for k, v in row.items() if k != "indexed"}
                                        for row in source.table_rows("captures", "id", -1, 2)])
    finally:
        source.close()
        target.close()
    resumed = json.loads(evidence("migrate", "--to", url, "--json").output)
    assert resumed["ok"], resumed["problems"]
    assert resumed["copied"]["captures"] == SAMPLE_COUNT - 2 and resumed["checked"]["captures_rows"] == SAMPLE_COUNT


def test_a_copy_that_differs_is_named_and_fails(filled, evidence):
    url = fresh_database()
    assert evidence("migrate", "--to", url).exit_code == 0
    with psycopg.connect(url) as db:
        db.execute("UPDATE captures SET title = 'Edited' WHERE id = 2")
    checked = evidence("migrate", "--to", url)
    assert checked.exit_code == 1
    assert "PROBLEM captures: 1 rows differ from the source (id 2)" in checked.output


def test_a_database_holding_another_archive_is_refused(filled, evidence, tmp_path, runner):
    url = fresh_database()
    other = tmp_path / "other"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATABASE_URL, url)
        assert runner.invoke(cli, ["--home", str(other), "claim", "add", "Another"]).exit_code == 0
    refused = evidence("migrate", "--to", url)
    assert refused.exit_code == 2 and "holds another archive" in refused.output


def test_merged_entities_are_copied_whatever_the_order_of_their_ids(filled, evidence, tmp_path):
    assert evidence("entity", "add", "Sky Mechanics").exit_code == 0
    assert evidence("entity", "merge", "1", "2").exit_code == 0  # entity 1 now points at the later entity 2
    moved = evidence("migrate", "--to", str(tmp_path / "copy"), "--json")
    assert moved.exit_code == 0, moved.output
    assert json.loads(moved.output)["copied"]["entities"] == 2
