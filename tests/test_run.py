"""An ingest run: originals stored where they are captured, results in input order, failures kept apart."""

import gc
import gzip
import hashlib
import os
import stat
from pathlib import Path

import pytest

from archive.errors import CaptureError
from archive.store import BlobStore
from ingest.pipeline import Limits
from ingest.run import BULK_GC_THRESHOLDS, extract_and_keep, ingest
from ingest.sources import SourceItem
from tests.documents import html_page, write


def _sources(folder, count: int) -> list[str]:
    paths = [write(folder / f"page-{n:02d}.html", html_page(f"Page {n}", f"Report number {n} on drone exports."))
             for n in range(count)]
    paths.insert(3, write(folder / "empty.html", b""))  # a failed source in the middle of the run
    return [str(p) for p in paths]


@pytest.mark.parametrize("jobs", [1, 2])
def test_originals_are_stored_where_captured_and_results_keep_input_order(archive, tmp_path, jobs):
    sources = _sources(tmp_path / "src", 12)
    with archive.batch():
        results = list(ingest(sources, archive.add, Limits(), jobs=jobs, store=archive.store))
    assert [r.source for r in results] == sources
    assert [r.status for r in results].count("failed") == 1
    assert results[3].error.endswith("the file is empty")
    for result in results:
        if result.status != "captured":
            continue
        body = Path(result.source).read_bytes()
        assert result.capture.sha256 == hashlib.sha256(body).hexdigest()
        blob = archive.store.path_for(result.capture.sha256)
        assert blob.read_bytes() == body and not blob.stat().st_mode & stat.S_IWUSR
        assert archive.original(result.capture) == body
    assert archive.catalog.count_captures() == len(sources) - 1
    assert len(archive.search("drone", limit=50).hits) == len(sources) - 1
    # Nothing but the blobs themselves is left in the store (no temporary files).
    leftovers = [name for _root, _dirs, names in os.walk(archive.store.root) for name in names
                 if name.startswith(".tmp-")]
    assert leftovers == []


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unwritable_blob_store_fails_each_source_plainly_and_writes_no_row(archive, tmp_path, jobs):
    sources = _sources(tmp_path / "src", 8)
    archive.store.folder.mkdir(parents=True, exist_ok=True)
    archive.store.root.write_bytes(b"not a folder")  # the store cannot make its sha256/ab/cd folders
    results = list(ingest(sources, archive.add, Limits(), jobs=jobs, store=archive.store))
    assert [r.status for r in results] == ["failed"] * len(sources)
    stored = [r for r in results if "the original could not be stored" in (r.error or "")]
    assert len(stored) == len(sources) - 1
    assert all(r.error.startswith(r.source + ": ") for r in stored)
    assert archive.catalog.count_captures() == 0 and archive.index.doc_count() == 0


def test_a_capture_stored_by_the_ingest_is_found_again_as_existing(archive, tmp_path):
    sources = _sources(tmp_path / "src", 2)
    first = [r.status for r in ingest(sources, archive.add, Limits(), store=archive.store)]
    again = [r.status for r in ingest(sources, archive.add, Limits(), store=BlobStore(archive.store.folder))]
    assert first == ["captured", "captured", "failed"]
    assert again == ["exists", "exists", "failed"]


def test_a_worker_hands_back_the_stored_original_only_when_the_writer_needs_it(archive, tmp_path):
    page = write(tmp_path / "page.html", html_page("Drones", "Report on drone exports."))
    captured = extract_and_keep(SourceItem(str(page), False), Limits(), archive.store)
    assert captured.body is None  # a file: hash and size are all the writer needs
    assert captured.size == page.stat().st_size
    result = archive.add(captured)
    assert result.status == "captured" and result.capture.size == page.stat().st_size
    assert archive.original(result.capture) == page.read_bytes()


def test_a_capture_whose_original_went_missing_is_refused_with_no_row(archive, tmp_path):
    page = write(tmp_path / "page.html", html_page("Drones", "Report on drone exports."))
    captured = extract_and_keep(SourceItem(str(page), False), Limits(), archive.store)
    assert captured.stored_in == archive.store.location  # the worker's report: its put returned
    blob = archive.store.path_for(captured.sha256)
    blob.unlink()
    # A capture no worker of this store reports stored is looked for (a blob removed after its put was
    # reported is verify's to find: blobs are never removed by the archive).
    captured.stored_in = None
    with pytest.raises(CaptureError, match="the original is missing from the blob store"):
        archive.add(captured)
    assert archive.catalog.count_captures() == 0 and archive.index.doc_count() == 0


def test_a_worker_hands_back_an_http_original_for_the_record_of_the_exchange(archive, http_server):
    body = html_page("Drones", "Report on drone exports.")
    url = http_server.serve("/page.html", body)
    captured = extract_and_keep(SourceItem(url, True), Limits(allow_private=True), archive.store)
    assert captured.body == body.encode()
    capture = archive.add(captured).capture
    assert capture.warc_sha256 and body.encode() in gzip.decompress(archive.exchange(capture))


def test_a_run_collects_garbage_less_often_and_restores_the_thresholds_after(archive, tmp_path):
    sources = _sources(tmp_path / "src", 2)
    before = gc.get_threshold()
    seen = []

    def add(captured):
        seen.append(gc.get_threshold())
        return archive.add(captured)

    for result in ingest(sources, add, Limits(), store=archive.store):
        assert result.status in ("captured", "failed")
    assert seen and all(thresholds == BULK_GC_THRESHOLDS for thresholds in seen)
    assert gc.get_threshold() == before
