"""`evidence migrate`: an embedded archive copied into PostgreSQL (its originals into an S3 bucket too) and back
into a folder, resumed after an interruption, and every original, row and the ledger chain checked to have
arrived identical."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from app import cli
from archive.backends import DATABASE_URL
from archive.pg_catalog import PgCatalog
from tests.peak_memory import MIGRATE, large_page, peaks
from tests.postgres import fresh_database, wait_for
from tests.s3_server import Cuttable, shared_server

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


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


def test_originals_move_to_a_bucket_resuming_after_the_store_goes_away_and_come_back_identical(filled, evidence,
                                                                                                  tmp_path):
    """`migrate --to postgresql://... --blobs s3://...` in a real `evidence` process: the object store cut in
    the middle of the originals' copy stops it plainly; run again, it finishes; the copy checks identical,
    serves as the archive, and goes back into a folder (`--to DIR`) identical too."""
    for n in range(60):  # enough originals that the store can be cut while they are copied
        (tmp_path / "notes").mkdir(exist_ok=True)
        (tmp_path / "notes" / f"note-{n:03}.txt").write_text(f"Field note {n}: crate {n * 7919} of drone parts.\n")
    assert evidence("ingest", str(tmp_path / "notes")).exit_code == 0
    total = json.loads(evidence("info", "--json").output)["counts"]["captures"]  # the samples and the notes
    server = shared_server()
    bucket, link, url = server.new_bucket(), Cuttable(server.endpoint), fresh_database()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EVIDENCE_", "AWS_"))}
    env.update(server.environ(link.endpoint), EVIDENCE_ACTOR="tester", PYTHONUNBUFFERED="1")

    def migrate(home: Path, *args: str, environment: dict = env) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app", "--home", str(home), "migrate", *args],
                              capture_output=True, text=True, env=environment, timeout=300, cwd=tmp_path)

    def stored() -> int:
        listed = server.client().list_objects_v2(Bucket=bucket, Prefix="desk/sha256/")
        return listed.get("KeyCount", 0)

    run = subprocess.Popen([sys.executable, "-m", "app", "--home", str(filled), "migrate", "--to", url,
                            "--blobs", f"s3://{bucket}/desk", "--json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        assert wait_for(lambda: stored() >= 10, timeout=240, step=0.02), "no original reached the bucket"
        link.cut()
        output, errors = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
            run.communicate()
    assert run.returncode == 75, (output, errors)  # EX_TEMPFAIL: run it again later
    assert "cannot be reached" in errors and "run the command again" in errors and not output
    cut_at = stored()
    assert 10 <= cut_at < total

    link.restore()
    finished = migrate(filled, "--to", url, "--blobs", f"s3://{bucket}/desk", "--json")
    report = json.loads(finished.stdout)
    assert finished.returncode == 0 and report["ok"], report["problems"]
    assert report["originals_copied"] == total - cut_at and report["checked"]["originals"] == total == stored()
    assert set(report["copied"].values()) == {0}  # every row had arrived before the cut

    on_servers = {**env, "EVIDENCE_DATABASE_URL": url, "EVIDENCE_BLOB_URL": f"s3://{bucket}/desk"}
    elsewhere = tmp_path / "machine-b"  # another machine's home, on the copy alone
    elsewhere.mkdir()
    shutil.copy2(filled / "signing-key.pem", elsewhere)  # copied to every machine that signs: docs/deployment.md
    verified = subprocess.run([sys.executable, "-m", "app", "--home", str(elsewhere), "verify", "--json"],
                              capture_output=True, text=True, env=on_servers, timeout=300, cwd=tmp_path)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert json.loads(verified.stdout)["ok"]
    assert json.loads(verified.stdout)["checked"]["captures"] == total

    back = migrate(elsewhere, "--to", str(tmp_path / "back"), environment=on_servers)
    assert back.returncode == 0, back.stdout + back.stderr
    assert "OK: every original, every row and the whole ledger chain arrived identical." in back.stdout
    assert len(list((tmp_path / "back" / "blobs" / "sha256").rglob("*"))) >= total
    returned = subprocess.run([sys.executable, "-m", "app", "--home", str(tmp_path / "back"), "verify", "--json"],
                              capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert json.loads(returned.stdout)["ok"], returned.stdout + returned.stderr
    assert json.loads(returned.stdout)["checked"]["captures"] == total


def test_a_large_original_is_copied_a_piece_at_a_time(tmp_path):
    """An original of 40 MB moves into another home through `migrate`'s code, in a process of its own under
    tracemalloc: what Python holds at once stays a small part of the original, and the copy is checked."""
    import hashlib

    from archive.archive import Archive
    from archive.models import NewCapture

    quote = "Customs ledger: 1,200 drone parts crossed the border in March."
    body = large_page(quote, 40 * 1024 * 1024)
    sha256 = hashlib.sha256(body).hexdigest()
    with Archive(tmp_path / "home") as archive:
        archive.add(NewCapture(source="ledger.html", method="file", media_type="text/html", kind="html",
                               captured_at="2026-12-03T12:00:00.000000Z", body=body, text=quote))
    del body
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}
    peak = peaks(MIGRATE, str(tmp_path / "home"), str(tmp_path / "copy"), env=env, cwd=REPO)["migrate"]
    assert peak < 8 * 1024 * 1024, peak  # read, hashed and written 1 MB at a time
    copied = tmp_path / "copy" / "blobs" / "sha256" / sha256[:2] / sha256[2:4] / sha256
    with open(copied, "rb") as stream:
        assert hashlib.file_digest(stream, "sha256").hexdigest() == sha256
