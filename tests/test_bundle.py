"""Evidence bundles: built from a real archive, checked stand-alone, and every alteration detected."""

import hashlib
import json
import zipfile

import pytest

from archive.bundle import verify_bundle
from tests.documents import pdf_bytes, write


@pytest.fixture
def bundle_path(evidence, tmp_path):
    write(tmp_path / "a.md", "---\ntitle: Drone exports\nurl: https://news.example/drones\n---\n"
                             "Kazakhstan exported $1.23 million of drones to Russia in 2022.")
    write(tmp_path / "r.pdf", pdf_bytes(["Cover page", "Drones: USD 1,230,000 (table 4)"]))
    write(tmp_path / "other.txt", "An unrelated capture that must not travel in the bundle.")
    evidence("ingest", str(tmp_path / "a.md"), str(tmp_path / "r.pdf"), str(tmp_path / "other.txt"))
    evidence("claim", "add", "Kazakhstan exported $1.23 million of drones")
    evidence("claim", "cite", "1", "1", "exported $1.23 million of drones")
    evidence("claim", "cite", "1", "2", "USD 1,230,000", "--note", "customs table")
    evidence("claim", "status", "1", "supported", "--notes", "two independent sources")
    out = tmp_path / "claim-1.zip"
    result = evidence("bundle", "1", str(out), "--publisher", "Test Desk")
    assert result.exit_code == 0 and "Wrote" in result.output
    return out


def _read(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


def _rewrite(path, out, change, resign: bool = True):
    """Copy a bundle with `change(files)` applied; `resign` updates the manifest as a careful forger would."""
    files = _read(path)
    change(files)
    if resign:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                             for n, d in files.items() if n != "manifest.json"}
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return out


def test_bundle_contents(bundle_path):
    files = _read(bundle_path)
    names = set(files)
    assert {"manifest.json", "claim.json", "annotations.jsonld", "claimreview.jsonld", "ledger.jsonl",
            "report.html", "texts/capture-1.txt", "texts/capture-2.txt"} <= names
    assert len([n for n in names if n.startswith("originals/")]) == 2  # the unrelated capture stays out
    annotations = json.loads(files["annotations.jsonld"])
    assert annotations["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    first = annotations["first"]["items"][0]
    assert first["type"] == "Annotation" and first["motivation"] == "assessing"
    assert first["target"]["source"] == "https://news.example/drones"
    assert [s["type"] for s in first["target"]["selector"]] == ["TextQuoteSelector", "TextPositionSelector"]
    assert first["target"]["state"]["type"] == "TimeState"
    review = json.loads(files["claimreview.jsonld"])
    assert review["@type"] == "ClaimReview" and review["reviewRating"]["ratingValue"] == 5
    assert review["author"]["name"] == "Test Desk"
    report = files["report.html"].decode()
    assert "<mark>USD 1,230,000</mark>" in report and "Kazakhstan exported $1.23 million" in report
    ledger = [json.loads(line) for line in files["ledger.jsonl"].decode().splitlines()]
    full = [e for e in ledger if "data" in e]
    assert [e["event"] for e in full] == ["capture.added", "capture.added", "claim.created", "citation.added",
                                          "citation.added", "claim.status_changed"]
    assert len(ledger) == 7  # the unrelated capture's event is a hash stub


def test_intact_bundle_verifies_stand_alone(evidence, bundle_path, home):
    import shutil
    shutil.rmtree(home)  # no archive needed
    result = evidence("bundle", "verify", str(bundle_path), "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["ok"] is True
    assert report["checked"] == {"files": 9, "quotes": 2, "ledger_entries": 7}


def _kinds(path) -> set[tuple[str, str]]:
    return {(p.kind, p.id) for p in verify_bundle(path).problems}


def test_changed_file_is_caught_by_the_manifest(bundle_path, tmp_path):
    def change(files):
        name = next(n for n in files if n.endswith(".pdf"))
        data = bytearray(files[name])
        data[len(data) // 2] ^= 1  # one changed bit in the original
        files[name] = bytes(data)
    altered = _rewrite(bundle_path, tmp_path / "x.zip", change, resign=False)
    kinds = {k for k, _ in _kinds(altered)}
    assert kinds == {"file_changed", "original_mismatch"}


def test_changed_text_is_caught_even_with_a_new_manifest(bundle_path, tmp_path):
    def change(files):
        files["texts/capture-1.txt"] = files["texts/capture-1.txt"].replace(b"1.23", b"1.32")
    assert _kinds(_rewrite(bundle_path, tmp_path / "x.zip", change)) == {
        ("text_mismatch", "urn:evidence-archive:citation:1")}


def test_changed_quote_is_caught(bundle_path, tmp_path):
    def change(files):
        files["annotations.jsonld"] = files["annotations.jsonld"].replace(
            b'"exact": "USD 1,230,000"', b'"exact": "USD 1,320,000"')
    kinds = _kinds(_rewrite(bundle_path, tmp_path / "x.zip", change))
    assert kinds == {("quote_mismatch", "urn:evidence-archive:citation:2"),
                     ("ledger_mismatch", "urn:evidence-archive:citation:2")}


def test_changed_ledger_entry_is_caught(bundle_path, tmp_path):
    def change(files):
        files["ledger.jsonl"] = files["ledger.jsonl"].replace(b"two independent sources", b"one source")
    assert ("ledger_changed", "ledger entry 7") in _kinds(_rewrite(bundle_path, tmp_path / "x.zip", change))


def test_removed_ledger_entry_breaks_the_chain(bundle_path, tmp_path):
    def change(files):
        lines = files["ledger.jsonl"].decode().splitlines(keepends=True)
        files["ledger.jsonl"] = "".join(lines[:3] + lines[4:]).encode()
    assert ("ledger_broken", "ledger entry 5") in _kinds(_rewrite(bundle_path, tmp_path / "x.zip", change))


def test_missing_and_extra_files(bundle_path, tmp_path):
    def change(files):
        del files["report.html"]
        files["extra.txt"] = b"slipped in"
    kinds = _kinds(_rewrite(bundle_path, tmp_path / "x.zip", change, resign=False))
    assert kinds == {("file_missing", "report.html"), ("file_not_in_manifest", "extra.txt")}


def test_not_a_bundle(evidence, tmp_path):
    junk = write(tmp_path / "junk.zip", b"not a zip")
    result = evidence("bundle", "verify", str(junk))
    assert result.exit_code == 1 and "not a readable zip file" in result.output


def test_bundle_of_unknown_claim(evidence, tmp_path):
    result = evidence("bundle", "9", str(tmp_path / "x.zip"))
    assert result.exit_code == 1 and "no claim 9" in result.output


def test_bundle_download_from_the_claim_page(client, app, tmp_path):
    from archive.archive import Archive
    from ingest.pipeline import Limits, capture_upload
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        archive.add(capture_upload("a.txt", b"Exports reached $1.23 million.", Limits()))
        archive.cite(None, 1, "$1.23 million", new_claim="Exports reached $1.23 million")
    response = client.get("/claims/1/bundle")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/zip"
    saved = write(tmp_path / "dl.zip", response.data)
    assert verify_bundle(saved).ok
    assert client.get("/claims/9/bundle").status_code == 404
