"""`evidence key verify FILE.wacz` (archive/waczcheck.py): a WACZ export checked on its own, by its signature,
its package and every file the package lists."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from archive.archive import Archive
from tests.documents import write


@pytest.fixture
def wacz(evidence, home, tmp_path) -> Path:
    write(tmp_path / "sources" / "notes.txt", "Call the customs office about the 1.23 million figure.\n")
    assert evidence("ingest", str(tmp_path / "sources")).exit_code == 0
    out = tmp_path / "export.wacz"
    assert evidence("export", "--wacz", str(out), "--all").exit_code == 0
    return out


def rewritten(source: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a zip, replacing (or, for None, leaving out) the named members."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            data = change.get(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info, data)
    return out


def test_an_intact_wacz_verifies_by_its_key_and_the_published_one(evidence, home, wacz):
    with Archive(home) as archive:
        fingerprint = archive.signing_key().fingerprint
    result = evidence("key", "verify", str(wacz))
    assert result.exit_code == 0 and result.output.startswith(f"OK: {wacz} is as signed ")
    assert result.output.rstrip().endswith(f"by {fingerprint}.")
    assert evidence("key", "verify", "--key", fingerprint, str(wacz)).exit_code == 0
    other = json.loads(evidence("key", "verify", "--json", "--key", "sha256:" + "0" * 64, str(wacz)).output)
    assert other["problem"]["kind"] == "signature_other_key"


def test_a_changed_file_is_named(evidence, wacz, tmp_path):
    with zipfile.ZipFile(wacz) as opened:
        pages = opened.read("pages/pages.jsonl")
    changed = rewritten(wacz, tmp_path / "changed.wacz", {"pages/pages.jsonl": pages.replace(b"Call", b"Mail")})
    result = json.loads(evidence("key", "verify", "--json", str(changed)).output)
    assert result["ok"] is False and result["problem"]["kind"] == "file_mismatch"
    assert result["problem"]["detail"].startswith("pages/pages.jsonl (")


def test_a_changed_package_or_a_missing_signature_is_told(evidence, wacz, tmp_path):
    with zipfile.ZipFile(wacz) as opened:
        package = json.loads(opened.read("datapackage.json"))
    package["title"] = "Someone else's"
    edited = rewritten(wacz, tmp_path / "edited.wacz", {"datapackage.json": json.dumps(package).encode()})
    said = json.loads(evidence("key", "verify", "--json", str(edited)).output)["problem"]
    assert said["kind"] == "signature_mismatch" and said["detail"].startswith("datapackage.json hashes to sha256:")
    unsigned = rewritten(wacz, tmp_path / "unsigned.wacz", {"datapackage-digest.json": None})
    result = evidence("key", "verify", str(unsigned))
    assert result.exit_code == 1
    assert result.output == (f"PROBLEM signature_missing: {unsigned}: it holds no datapackage-digest.json and "
                             "datapackage.json to check\n")
    broken = write(tmp_path / "broken.wacz", b"PK\x03\x04 not a zip")
    assert json.loads(evidence("key", "verify", "--json", str(broken)).output)["problem"]["kind"] == "unreadable"
