"""An archive whose originals are in an S3 bucket (EVIDENCE_BLOB_URL), end to end: every command as a user runs
it (a real `evidence` process, moto's server through the standard AWS variables), the web's downloads, and the
faults: the object store going away in the middle of a run, and one of two writers killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app import create_app
from tests.peak_memory import EXPORTS, large_page, peaks as measured_peaks
from tests.s3_server import SECRET_KEY, Cuttable, shared_server

REPO = Path(__file__).parents[1]
WAIT = 180  # seconds any one command may take


@pytest.fixture(scope="module")
def server():
    return shared_server()


@pytest.fixture
def bucket(server) -> str:
    return server.new_bucket()


def environment(bucket: str, endpoint: str) -> dict[str, str]:
    """The environment of an `evidence` process keeping its originals in `bucket` at `endpoint`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("EVIDENCE_", "AWS_"))}
    env.update(shared_server().environ(endpoint), EVIDENCE_BLOB_URL=f"s3://{bucket}/newsroom",
               EVIDENCE_ACTOR="tester", PYTHONUNBUFFERED="1")
    return env


def command(home: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", "from app import cli; cli(prog_name='evidence')", "--home", str(home), *args]


def evidence(home: Path, env: dict, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(command(home, *args), capture_output=True, text=True, env=env, timeout=WAIT, cwd=home.parent)
    if ok:
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def notes(folder: Path, count: int) -> Path:
    """Write `count` short texts, each different, into a folder; return it."""
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"note-{n:04}.txt").write_text(f"Field note {n}: a shipment of drone parts, crate {n * 7919}.\n")
    return folder


def stored_keys(server, bucket: str) -> set[str]:
    pages = server.client().get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix="newsroom/sha256/")
    return {item["Key"].rpartition("/")[2] for page in pages for item in page.get("Contents", ())}


def test_every_command_runs_with_the_originals_in_a_bucket(tmp_path, server, bucket):
    home, env = tmp_path / "home", environment(bucket, server.endpoint)
    lines = evidence(home, env, "ingest", "--json", str(REPO / "samples")).stdout.splitlines()
    captures = [json.loads(line)["capture"] for line in lines]
    assert len(captures) == len(list((REPO / "samples").iterdir())) and not (home / "blobs").exists()  # no original on the machine's disk
    assert stored_keys(server, bucket) == {capture["sha256"] for capture in captures}
    assert json.loads(evidence(home, env, "search", "drone", "--json").stdout)["total"] > 0
    found = next(c for c in captures if c["kind"] == "html" and c["language"] == "en")
    assert "$1.23 million" in evidence(home, env, "show", str(found["id"]), "--text").stdout
    evidence(home, env, "claim", "add", "Kazakhstan exported $1.23 million of drones to Russia in 2022")
    evidence(home, env, "claim", "cite", "1", str(found["id"]), "$1.23 million", "--position", "19")
    assert evidence(home, env, "verify").stdout.endswith("OK: nothing has changed.\n")
    assert "Wrote" in evidence(home, env, "export", "--warc", str(tmp_path / "all.warc.gz"), "--all").stdout
    evidence(home, env, "bundle", "1", str(tmp_path / "claim-1.zip"))
    assert "OK: the bundle is intact." in evidence(home, env, "bundle", "verify", str(tmp_path / "claim-1.zip")).stdout

    info = evidence(home, env, "info", "--json").stdout
    assert SECRET_KEY not in info and SECRET_KEY not in evidence(home, env, "info").stdout
    assert json.loads(info)["blobs"] | {"endpoint": None} == {
        "backend": "s3", "location": f"s3://{bucket}/newsroom/", "bucket": bucket, "prefix": "newsroom/",
        "endpoint": None, "region": "eu-central-1", "credentials": "env", "status": "ok"}
    assert json.loads(info)["counts"]["captures"] == len(captures)

    key = f"newsroom/sha256/{found['sha256'][:2]}/{found['sha256'][2:4]}/{found['sha256']}"
    server.client().put_object(Bucket=bucket, Key=key, Body=b"<p>forged</p>")
    report = json.loads(evidence(home, env, "verify", "--json", ok=False).stdout)
    assert not report["ok"] and {(p["kind"], p["id"]) for p in report["problems"]} >= {
        ("blob_changed", f"capture {found['id']}")}


def test_the_web_serves_originals_from_the_bucket_and_refuses_changed_ones(tmp_path, server, bucket, monkeypatch):
    home, env = tmp_path / "home", environment(bucket, server.endpoint)
    lines = evidence(home, env, "ingest", "--json", str(REPO / "samples")).stdout.splitlines()
    capture = json.loads(lines[0])["capture"]
    for name in ("EVIDENCE_BLOB_URL", *server.environ()):
        monkeypatch.setenv(name, env[name])
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(home), "SECRET_KEY": "test"})
    client = app.test_client()
    response = client.get(f"/captures/{capture['id']}/original")
    assert response.status_code == 200 and response.headers["Digest"] == f"sha-256={capture['sha256']}"
    assert len(response.data) == capture["size"] == int(response.headers["Content-Length"])
    key = f"newsroom/sha256/{capture['sha256'][:2]}/{capture['sha256'][2:4]}/{capture['sha256']}"
    server.client().put_object(Bucket=bucket, Key=key, Body=b"forged")
    refused = client.get(f"/captures/{capture['id']}/original")
    assert refused.status_code == 500 and "does not match its hash" in refused.text and b"forged" not in refused.data


def test_a_run_stops_when_the_object_store_goes_away_and_a_rerun_finishes_it(tmp_path, server, bucket):
    link = Cuttable(server.endpoint)
    home, env, folder = tmp_path / "home", environment(bucket, link.endpoint), notes(tmp_path / "notes", 120)
    run = subprocess.Popen(command(home, "ingest", "--json", "--jobs", "1", str(folder)), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        first = [run.stdout.readline() for _ in range(5)]  # five captures in: the store goes away
        link.cut()
        rest, errors = run.communicate(timeout=WAIT)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 75, errors  # EX_TEMPFAIL: run it again later
    assert errors.count("\n") == 1 and "cannot be reached" in errors and "run the command again" in errors
    stored = [json.loads(line) for line in first + rest.splitlines()]
    assert 5 <= len(stored) < 120 and all(line["status"] == "captured" for line in stored)

    link.restore()
    report = json.loads(evidence(home, env, "verify", "--json", ok=False).stdout)
    assert report["ok"], report["problems"]  # no capture whose original is missing
    again = [json.loads(line) for line in evidence(home, env, "ingest", "--json", str(folder)).stdout.splitlines()]
    assert sorted(line["status"] for line in again) == ["captured"] * (120 - len(stored)) + ["exists"] * len(stored)
    assert json.loads(evidence(home, env, "verify", "--json").stdout)["checked"]["captures"] == 120


def test_one_of_two_writers_killed_loses_nothing_the_other_or_a_rerun_stores(tmp_path, server, bucket):
    home, env, folder = tmp_path / "home", environment(bucket, server.endpoint), notes(tmp_path / "notes", 120)
    evidence(home, env, "info")  # the home made once, as a desk sets an archive up before its writers start
    writers = [subprocess.Popen(command(home, "ingest", "--json", "--jobs", "1", str(folder)),
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=tmp_path)
               for _ in range(2)]
    try:
        for _ in range(10):
            writers[0].stdout.readline()
        writers[0].send_signal(signal.SIGKILL)
        survivor, _ = writers[1].communicate(timeout=WAIT)
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
            writer.wait(timeout=WAIT)
            writer.stdout.close()
    assert writers[0].returncode == -signal.SIGKILL and writers[1].returncode == 0
    assert {json.loads(line)["status"] for line in survivor.splitlines()} <= {"captured", "exists"}
    evidence(home, env, "ingest", str(folder))  # whatever the killed one left, a rerun finishes

    report = json.loads(evidence(home, env, "verify", "--json").stdout)
    assert report["ok"] and report["checked"]["captures"] == 120  # each note once: no duplicate, none lost
    assert len(stored_keys(server, bucket)) == 120
    assert json.loads(evidence(home, env, "search", "shipment", "--json").stdout)["total"] == 120


def test_info_prints_the_documented_shape_for_either_store(tmp_path, server, bucket):
    from tests.test_docs import assert_shape, documented_shape

    home, env = tmp_path / "home", environment(bucket, server.endpoint)
    for configured in (env, {name: value for name, value in env.items() if name != "EVIDENCE_BLOB_URL"}):
        described = json.loads(evidence(home, configured, "info", "--json").stdout)
        assert_shape(described, documented_shape("info"))
    assert described["blobs"] == {"backend": "files", "location": str((home / "blobs").resolve())}


# A writer in a process of its own (its ingest workers then start with its AWS variables): it counts the HEAD
# requests its own client sends while it captures a folder.
COUNTING_WRITER = """
import json, sys
from archive.archive import Archive
from ingest.pipeline import Limits
with Archive(sys.argv[1]) as archive:
    asked = []
    archive.store.client.meta.events.register("provide-client-params.s3.HeadObject",
                                              lambda params, **_: asked.append(params["Key"]))
    results = list(archive.capture([sys.argv[2]], Limits(), jobs=1))
    print(json.dumps({"statuses": [r.status for r in results], "heads": asked,
                      "stored": [r.capture.sha256 for r in results if r.capture]}))
"""


def test_the_writer_trusts_its_workers_puts_and_asks_the_store_about_nothing_else(tmp_path, server, bucket,
                                                                                    monkeypatch):
    """A worker's put that returned is its report that the original arrived: the writer sends no HEAD for it.
    An original nobody here stored is still looked for, and a capture without it is refused."""
    from archive.archive import Archive
    from archive.errors import CaptureError
    from archive.models import NewCapture

    env = environment(bucket, server.endpoint)
    folder = notes(tmp_path / "notes", 12)
    done = subprocess.run([sys.executable, "-c", COUNTING_WRITER, str(tmp_path / "home"), str(folder)],
                          capture_output=True, text=True, env=env, timeout=WAIT, cwd=REPO)
    assert done.returncode == 0, done.stderr[-3000:]
    written = json.loads(done.stdout)
    assert written["statuses"] == ["captured"] * 12
    assert written["heads"] == []  # the writer's own requests (the workers' are in their processes)
    assert stored_keys(server, bucket) == set(written["stored"])

    monkeypatch.setenv("EVIDENCE_BLOB_URL", env["EVIDENCE_BLOB_URL"])
    with Archive(tmp_path / "home") as archive:
        asked = []
        archive.store.client.meta.events.register("provide-client-params.s3.HeadObject",
                                                  lambda params, **_: asked.append(params["Key"]))
        missing = "0" * 64
        for reported in (None, "s3://another-bucket/newsroom/"):
            elsewhere = NewCapture(source="elsewhere.txt", method="file", media_type="text/plain", kind="text",
                                   captured_at="2026-12-03T12:00:00.000000Z", body=None, text="Stored elsewhere.",
                                   sha256=missing, size=1, stored_in=reported)
            with pytest.raises(CaptureError, match="missing from the blob store"):
                archive.add(elsewhere)
        assert asked == [archive.store.key_for(missing)] * 2 and archive.count_captures() == 12


LARGE = 50 * 1024 * 1024


def test_a_large_original_in_a_bucket_goes_into_exports_and_bundles_in_bounded_memory(tmp_path, server, bucket,
                                                                                        monkeypatch):
    import hashlib
    import zipfile

    from warcio.archiveiterator import ArchiveIterator

    from archive.archive import Archive
    from archive.models import NewCapture

    env = environment(bucket, server.endpoint)
    monkeypatch.setenv("EVIDENCE_BLOB_URL", env["EVIDENCE_BLOB_URL"])
    quote = "Customs ledger: 1,200 drone parts crossed the border in March."
    body = large_page(quote, LARGE)  # its text is the article's alone
    with Archive(tmp_path / "home") as archive:
        added = archive.add(NewCapture(source="ledger.html", method="file", media_type="text/html", kind="html",
                                       captured_at="2026-12-03T12:00:00.000000Z", body=body, text=quote))
        claim = archive.add_claim("1,200 drone parts crossed the border in March")
        archive.cite(claim.id, added.capture.id, quote)
    sha256, size = hashlib.sha256(body).hexdigest(), len(body)
    del body
    assert added.capture.id == 1 and size > LARGE

    # The WARC and the bundle written in a process of their own, each under tracemalloc.
    peaks = measured_peaks(EXPORTS, str(tmp_path / "home"), str(tmp_path), env=env, cwd=REPO, timeout=WAIT)
    # A spooled copy keeps up to 8 MB in memory before it spills to a file; the whole original is 50 MB.
    assert peaks["warc"] < 16 * 1024 * 1024 and peaks["bundle"] < 16 * 1024 * 1024, peaks

    def digest(stream) -> str:
        hashed = hashlib.sha256()
        while piece := stream.read(1024 * 1024):
            hashed.update(piece)
        return hashed.hexdigest()

    with open(tmp_path / "large.warc.gz", "rb") as warc:
        found = [digest(record.content_stream()) for record in ArchiveIterator(warc) if record.rec_type == "resource"]
    assert found == [sha256]
    with zipfile.ZipFile(tmp_path / "claim-1.zip") as bundle:
        with bundle.open(f"originals/{sha256}.html") as original:
            assert digest(original) == sha256
    checked = evidence(tmp_path / "home", env, "bundle", "verify", str(tmp_path / "claim-1.zip"))
    assert "OK: the bundle is intact." in checked.stdout
