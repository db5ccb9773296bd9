"""Many hands on one archive: writers wait their turn, never fail, and every capture ends up indexed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from whoosh import index as whoosh_index

from archive.archive import Archive
from archive.models import NewCapture
from archive.clock import utc_now
from tests.documents import write

REPO = Path(__file__).resolve().parents[1]
BOUND = 180  # seconds any subprocess of these tests may take


def _captured(n: int, marker: str = "") -> NewCapture:
    text = f"Document {n} about drone exports {marker} unique{n}x{marker}"
    return NewCapture(source=f"mem-{marker}-{n}", method="file", media_type="text/plain", kind="text",
                    captured_at=utc_now(), body=text.encode(), text=text)


def _evidence(home: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start `evidence` in its own process (with `env` added to the environment); its output goes to files, so
    a full pipe never stalls it."""
    out, err = (tempfile.TemporaryFile("w+") for _ in range(2))
    process = subprocess.Popen([sys.executable, "-m", "app", "--home", str(home), *args], cwd=REPO,
                               stdout=out, stderr=err, text=True, env={**os.environ, **(env or {})})
    process.outputs = (out, err)
    return process


def _finish(process: subprocess.Popen) -> tuple[int, str, str]:
    process.wait(timeout=BOUND)
    texts = []
    for handle in process.outputs:
        handle.seek(0)
        texts.append(handle.read())
        handle.close()
    return process.returncode, *texts


def test_threads_adding_claims_at_once_all_land(tmp_path):
    home = tmp_path / "home"
    Archive(home).close()
    failures: list[BaseException] = []

    def add_claims(worker: int) -> None:
        try:
            with Archive(home) as archive:
                for n in range(50):
                    claim = archive.add_claim(f"Worker {worker} claim {n}: $1.{n} million of drones")
                    archive.set_claim_status(claim.id, "disputed", f"note {worker}-{n}")
        except BaseException as exc:  # noqa: BLE001 (the test reports every failure)
            failures.append(exc)

    threads = [threading.Thread(target=add_claims, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(BOUND)
    assert failures == []
    with Archive(home) as archive:
        assert len(archive.claims()) == 200
        report = archive.verify()
        assert report.ok, report.problems
        assert report.checked["ledger_entries"] == 400


def test_processes_writing_at_once_all_land(tmp_path):
    home = tmp_path / "home"
    script = ("import sys\nfrom archive.archive import Archive\n"
              "with Archive(sys.argv[1]) as a:\n"
              "    for n in range(40):\n"
              "        c = a.add_claim(f'{sys.argv[2]} claim {n}')\n"
              "        a.set_claim_status(c.id, 'supported')\n")
    # A fresh home: both processes also race to create the schema.
    runs = [subprocess.Popen([sys.executable, "-c", script, str(home), name], cwd=REPO,
                             stderr=subprocess.PIPE, text=True) for name in ("first", "second", "third")]
    for run in runs:
        _out, err = run.communicate(timeout=BOUND)
        assert run.returncode == 0, err
    with Archive(home) as archive:
        assert len(archive.claims()) == 120
        assert archive.verify().ok


def test_an_add_does_not_fail_while_another_process_holds_the_index(tmp_path):
    home = tmp_path / "home"
    with Archive(home) as archive:
        archive.add(_captured(0, "seed"))
    held = whoosh_index.open_dir(str(home / "index")).writer()  # holds the index's write lock
    try:
        with Archive(home) as archive:
            started = time.monotonic()
            results = [archive.add(_captured(n, "held")) for n in range(5)]
            assert time.monotonic() - started < 20  # no waiting for the lock on each add
            assert [r.status for r in results] == ["captured"] * 5
            releaser = threading.Timer(1.0, held.cancel)
            releaser.start()
        # Closing waited for the lock, then indexed what had to wait.
        releaser.join()
    finally:
        if not held.is_closed:
            held.cancel()
    with Archive(home) as archive:
        assert archive.catalog.unindexed_ids() == []
        assert archive.search("drone", limit=20).total == 6


def _folder(root: Path, name: str, count: int) -> Path:
    for n in range(count):
        write(root / name / f"{name}-{n:03d}.txt", f"Report {n} of {name} on drone exports, marker {name}x{n}.")
    return root / name


def test_two_ingests_on_a_fresh_home_both_finish_with_everything_indexed(tmp_path):
    home = tmp_path / "home"
    first, second = _folder(tmp_path, "alpha", 60), _folder(tmp_path, "beta", 60)
    shared = write(tmp_path / "shared.txt", "The same bytes, ingested by both runs at once.")
    runs = [_evidence(home, "ingest", "--json", str(first), str(shared)),
            _evidence(home, "ingest", "--json", str(second), str(shared))]
    outcomes = [_finish(run) for run in runs]
    for code, out, err in outcomes:
        assert code == 0, err
        statuses = [json.loads(line)["status"] for line in out.splitlines()]
        assert len(statuses) == 61 and set(statuses) <= {"captured", "exists"}
    with Archive(home) as archive:
        assert archive.catalog.count_captures() == 121
        assert archive.catalog.unindexed_ids() == []
        assert archive.index.doc_count() == 121
        assert archive.verify().ok


def test_reindex_during_an_ingest_loses_nothing(tmp_path):
    home = tmp_path / "home"
    with Archive(home) as archive:
        archive.add(_captured(0, "seed"))
    folder = _folder(tmp_path, "gamma", 200)
    ingest = _evidence(home, "ingest", "--json", "--jobs", "2", str(folder))
    deadline = time.monotonic() + BOUND
    with Archive(home) as archive:  # wait until the ingest has written part of its captures
        while archive.catalog.count_captures() < 40 and time.monotonic() < deadline and ingest.poll() is None:
            time.sleep(0.05)
    code, _out, err = _finish(_evidence(home, "reindex"))
    assert code == 0, err
    code, _out, err = _finish(ingest)
    assert code == 0, err
    with Archive(home) as archive:
        assert archive.catalog.count_captures() == 201
        assert archive.catalog.unindexed_ids() == []
        assert archive.index.doc_count() == 201  # every capture once: none lost, none twice
        for n in (0, 57, 199):
            assert archive.search(f"gammax{n}").total == 1


def test_web_search_notices_a_deleted_index_and_rebuilds_it(app, client):
    home = Path(app.config["EVIDENCE_HOME"])
    with Archive(home) as archive:
        for n in range(3):
            archive.add(_captured(n, "web"))
    assert b"3 results" in client.get("/?q=drone").data
    shutil.rmtree(home / "index")  # deleted while the server runs
    page = client.get("/?q=drone").data.decode()
    assert "are being added to the search index" in page or "3 results" in page
    app.extensions["evidence_indexer"].join(BOUND)
    page = client.get("/?q=drone").data.decode()
    assert "3 results" in page and "being added to the search index" not in page
    assert client.get("/api/search?q=drone").get_json()["not_indexed"] == 0


def test_a_failed_index_commit_releases_the_lock_and_loses_nothing(tmp_path, monkeypatch):
    from whoosh.writing import SegmentWriter

    home = tmp_path / "home"
    original_commit = SegmentWriter.commit
    failures = iter([OSError(28, "No space left on device")])

    def commit_failing_once(self, *args, **kwargs):
        error = next(failures, None)
        if error is not None:
            raise error
        return original_commit(self, *args, **kwargs)

    monkeypatch.setattr(SegmentWriter, "commit", commit_failing_once)
    with Archive(home) as archive:
        result = archive.add(_captured(1, "disk"))  # its commit fails: stored, not searchable yet
        assert result.status == "captured"
        assert archive.catalog.unindexed_ids() == [1]
        assert "No space left on device" in archive.index_problem
        held = whoosh_index.open_dir(str(home / "index")).writer(timeout=0)  # the lock was released
        held.cancel()
        archive.add(_captured(2, "disk"))  # the next commit takes the waiting capture along
        assert archive.catalog.unindexed_ids() == []
        assert archive.search("drone").total == 2


def test_verify_while_an_ingest_writes_raises_no_false_alarm(tmp_path):
    home = tmp_path / "home"
    with Archive(home) as archive:
        archive.add(_captured(0, "seed"))
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
    folder = _folder(tmp_path, "delta", 150)
    ingest = _evidence(home, "ingest", "--json", str(folder))
    script = ("import sys\nfrom archive.archive import Archive\n"
              "with Archive(sys.argv[1]) as a:\n"
              "    for n in range(60):\n"
              "        a.set_claim_status(int(sys.argv[2]), ('supported', 'disputed')[n % 2], f'pass {n}')\n")
    writer = subprocess.Popen([sys.executable, "-c", script, str(home), str(claim.id)], cwd=REPO)
    reports = []
    deadline = time.monotonic() + BOUND
    while (ingest.poll() is None or writer.poll() is None) and time.monotonic() < deadline and len(reports) < 30:
        with Archive(home) as archive:
            reports.append(archive.verify())
    code, _out, err = _finish(ingest)
    assert code == 0, err
    assert writer.wait(BOUND) == 0
    assert len(reports) >= 2
    for report in reports:
        assert report.ok, report.problems
