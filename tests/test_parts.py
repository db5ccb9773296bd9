"""A capture's further originals (a screenshot, OCR word boxes) are stored once, recorded in the ledger and
held to their hashes by `evidence verify`, like the main original."""

from __future__ import annotations

import json
import sqlite3

import pytest

from archive.archive import Archive
from archive.models import Part
from ingest.limits import Limits
from ingest.pipeline import capture_upload
from tests.documents import html_page

SCREENSHOT = b"\x89PNG\r\n\x1a\n" + b"not really a picture, but bytes to keep" * 10


@pytest.fixture
def with_part(home):
    """An archive holding one capture with a screenshot part; returns (home, capture)."""
    captured = capture_upload("story.html", html_page("Story", "<p>Drones were exported.</p>").encode(), Limits())
    captured.parts.append(Part(role="screenshot", media_type="image/png", body=SCREENSHOT))
    with Archive(home) as archive:
        capture = archive.add(captured).capture
    return home, capture


def test_a_part_is_stored_by_content_and_recorded(with_part):
    home, capture = with_part
    [part] = capture.parts
    assert part == {"role": "screenshot", "media_type": "image/png", "size": len(SCREENSHOT),
                    "sha256": capture.part("screenshot")["sha256"]}
    with Archive(home) as archive:
        assert archive.store.get(part["sha256"], verify=True) == SCREENSHOT
        assert archive.get(capture.id).parts == [part]
        [event] = [e for e in archive.catalog.iter_ledger() if e["event"] == "capture.added"]
    assert json.loads(event["data"])["parts"] == [part]


def test_verify_names_a_changed_or_missing_part(evidence, with_part):
    home, capture = with_part
    assert evidence("verify").exit_code == 0
    sha256 = capture.part("screenshot")["sha256"]
    blob = home / "blobs" / "sha256" / sha256[:2] / sha256[2:4] / sha256
    blob.chmod(0o644)
    blob.write_bytes(SCREENSHOT + b"!")
    report = json.loads(evidence("verify", "--json").output)
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("blob_changed", f"capture {capture.id}")]
    assert "its screenshot" in report["problems"][0]["detail"]
    blob.unlink()
    report = json.loads(evidence("verify", "--json").output)
    assert [p["kind"] for p in report["problems"]] == ["blob_missing"]


def test_a_part_swapped_in_the_catalog_is_a_mismatch(evidence, with_part):
    home, capture = with_part
    forged = [{**capture.parts[0], "sha256": "0" * 64}]
    db = sqlite3.connect(home / "catalog.db")
    db.execute("UPDATE captures SET parts = ? WHERE id = ?", [json.dumps(forged), capture.id])
    db.commit()
    db.close()
    report = json.loads(evidence("verify", "--json").output)
    assert ("catalog_mismatch", f"capture {capture.id}") in [(p["kind"], p["id"]) for p in report["problems"]]
