"""Evidence bundles: built from a real archive, checked stand-alone, and every alteration detected."""

import hashlib
import json
import re
import zipfile

import pytest

from archive.bundlecheck import verify_bundle
from archive.signing import digest_document, load_key, sha256_digest
from tests.documents import pdf_bytes, write
from tests.scans import needs_tesseract, text_png


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


def _sign_as_forger(files: dict[str, bytes], folder) -> None:
    """Sign the manifest again with a key of the forger's own (which only `bundle verify --key` tells apart)."""
    forger = load_key(folder / "forger")
    files["manifest-digest.json"] = digest_document("manifest.json", sha256_digest(files["manifest.json"]), forger)


def _rewrite(path, out, change, resign: bool = True):
    """Copy a bundle with `change(files)` applied; `resign` updates and signs the manifest as a careful forger would."""
    files = _read(path)
    change(files)
    if resign:
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                             for n, d in files.items() if n not in ("manifest.json", "manifest-digest.json")}
        files["manifest.json"] = json.dumps(manifest).encode()
        _sign_as_forger(files, out.parent)
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
    facts = report["checked"].pop("facts")
    assert report["checked"] == {"files": 11, "quotes": 2, "ledger_entries": 7}
    assert facts > 60  # every fact of claim.json, annotations, ClaimReview, report and manifest, held to the ledger


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


# -- the ledger extract is the authority for every fact the bundle states ---------------------------


def _json_edit(name, edit):
    """Return a change that loads one JSON file of the bundle, edits it in place and writes it back."""
    def change(files):
        data = json.loads(files[name])
        edit(data)
        files[name] = json.dumps(data, ensure_ascii=False, indent=2).encode()
    return change


def _both(*changes):
    def change(files):
        for one in changes:
            one(files)
    return change


def _citation_item(data, number):
    return next(i for i in data["first"]["items"] if i["id"].endswith(f":{number}"))


def _set_claim_text(data):
    data["text"] = "Kazakhstan exported $2.5 million of drones"


def _set_reviewed(data):
    data["claimReviewed"] = "Kazakhstan exported $2.5 million of drones"


def test_claim_text_changed_everywhere_but_in_the_ledger_is_caught(bundle_path, tmp_path):
    # The forgery: claim.json and claimreview.jsonld agree with each other and with the manifest.
    forged = _rewrite(bundle_path, tmp_path / "x.zip", _both(_json_edit("claim.json", _set_claim_text),
                                                             _json_edit("claimreview.jsonld", _set_reviewed)))
    report = verify_bundle(forged)
    assert {(p.kind, p.id) for p in report.problems} == {("ledger_mismatch", "claim.json"),
                                                          ("ledger_mismatch", "claimreview.jsonld")}
    detail = next(p.detail for p in report.problems if p.id == "claim.json")
    assert "$2.5 million" in detail and "$1.23 million" in detail


def _replace(name, old, new):
    def change(files):
        assert old.encode() in files[name], (name, old)
        files[name] = files[name].replace(old.encode(), new.encode(), 1)
    return change


def _set_in_citation(number, key, value):
    def edit(data):
        next(c for c in data["citations"] if c["id"] == number)[key] = value
    return _json_edit("claim.json", edit)


def _set_body(number, purpose, value):
    def edit(data):
        body = next(b for b in _citation_item(data, number)["body"] if b["purpose"] == purpose)
        body["value"] = value
    return _json_edit("annotations.jsonld", edit)


def _set_capture_fact(number, key, value):
    def edit(data):
        _citation_item(data, number)["target"]["evidence:capture"][key] = value
    return _json_edit("annotations.jsonld", edit)


def _set_state(number, key, value):
    def edit(data):
        _citation_item(data, number)["target"]["state"][key] = value
    return _json_edit("annotations.jsonld", edit)


def _set_rating(data):
    data["reviewRating"].update(alternateName="False", ratingValue=1)


FORGERIES = {
    "claim.json status": (_json_edit("claim.json", lambda d: d.update(status="false")), "claim.json"),
    "claim.json notes": (_json_edit("claim.json", lambda d: d.update(notes="one source")), "claim.json"),
    "claim.json stance": (_set_in_citation(2, "stance", "contradicts"), "claim.json"),
    "claim.json prefix": (_set_in_citation(1, "prefix", "Kazakhstan never "), "claim.json"),
    "claim.json page": (_set_in_citation(2, "page", 1), "claim.json"),
    "claim.json note": (_set_in_citation(2, "note", "a forged note"), "claim.json"),
    "claim.json capture": (_set_in_citation(1, "capture_id", 3), "claim.json"),
    "annotation stance": (_set_body(2, "assessing", "contradicts"), "urn:evidence-archive:citation:2"),
    "annotation claim text": (_set_body(1, "describing", "Kazakhstan exported $2.5 million"),
                              "urn:evidence-archive:citation:1"),
    "annotation note": (_set_body(2, "commenting", "a forged note"), "urn:evidence-archive:citation:2"),
    "annotation capture time": (_set_capture_fact(1, "captured_at", "2020-01-01T00:00:00.000000Z"),
                                "urn:evidence-archive:citation:1"),
    "annotation time state": (_set_state(1, "sourceDate", "2020-01-01T00:00:00.000000Z"),
                              "urn:evidence-archive:citation:1"),
    "annotation page": (_set_capture_fact(2, "page", 1), "urn:evidence-archive:citation:2"),
    "annotation label": (_json_edit("annotations.jsonld", lambda d: d.update(label="Something else")),
                         "annotations.jsonld"),
    "claimreview rating": (_json_edit("claimreview.jsonld", _set_rating), "claimreview.jsonld"),
    "claimreview body": (_json_edit("claimreview.jsonld", lambda d: d.update(reviewBody="one source")),
                         "claimreview.jsonld"),
    "report claim text": (_replace("report.html", "<h1>Kazakhstan exported $1.23 million",
                                   "<h1>Kazakhstan exported $2.5 million"), "report.html"),
    "report status": (_replace("report.html", "<strong>supported</strong>", "<strong>false</strong>"),
                      "report.html"),
    "report notes": (_replace("report.html", "two independent sources", "one source"), "report.html"),
    "report quote": (_replace("report.html", "<mark>USD 1,230,000</mark>", "<mark>USD 2,500,000</mark>"),
                     "report.html"),
    "report stance": (_replace("report.html", "<dd>supports</dd>", "<dd>contradicts</dd>"), "report.html"),
    "report context": (_replace("report.html", "</mark> to Russia in 2022", "</mark> to Belarus in 2022"),
                       "report.html"),
    "report ledger head": (_replace("report.html", "7 entries", "9 entries"), "report.html"),
    "manifest claim id": (_json_edit("manifest.json", lambda d: d.update(claim_id=2)), "manifest.json"),
}


@pytest.mark.parametrize("forgery", FORGERIES)
def test_every_stated_fact_is_held_to_the_ledger(bundle_path, tmp_path, forgery):
    change, where = FORGERIES[forgery]
    forged = _rewrite(bundle_path, tmp_path / "x.zip", change)
    problems = verify_bundle(forged).problems
    assert ("ledger_mismatch", where) in {(p.kind, p.id) for p in problems}, problems


def test_report_capture_time_and_hash_are_held_to_the_ledger(bundle_path, tmp_path):
    files = _read(bundle_path)
    added = [json.loads(json.loads(line)["data"]) for line in files["ledger.jsonl"].decode().splitlines()
             if json.loads(line).get("event") == "capture.added"]
    when, digest = added[0]["captured_at"], added[0]["text_sha256"]
    for old, new in ((when, "2020-01-01T00:00:00.000000Z"), (digest, "0" * 64)):
        forged = _rewrite(bundle_path, tmp_path / "x.zip", _replace("report.html", old, new))
        assert ("ledger_mismatch", "report.html") in {(p.kind, p.id) for p in verify_bundle(forged).problems}


def test_original_swapped_for_other_bytes_is_caught(bundle_path, tmp_path):
    # A forger replaces the PDF, names it by its own hash and updates every hash in the annotations.
    other = pdf_bytes(["Cover page", "Drones: USD 2,500,000 (table 4)"])
    digest = hashlib.sha256(other).hexdigest()

    def change(files):
        old = next(n for n in files if n.endswith(".pdf"))
        old_digest = old.split("/")[1].split(".")[0]
        del files[old]
        files[f"originals/{digest}.pdf"] = other
        for name in ("annotations.jsonld", "report.html"):
            files[name] = files[name].replace(old_digest.encode(), digest.encode())
    problems = {(p.kind, p.id) for p in verify_bundle(_rewrite(bundle_path, tmp_path / "x.zip", change)).problems}
    assert ("ledger_mismatch", "urn:evidence-archive:citation:2") in problems
    assert ("ledger_mismatch", "report.html") in problems


def test_citation_left_out_of_the_bundle_is_caught(bundle_path, tmp_path):
    # Dropping the evidence that does not suit: the ledger extract still records citation 2 for this claim.
    def drop(files):
        claim = json.loads(files["claim.json"])
        claim["citations"] = [c for c in claim["citations"] if c["id"] != 2]
        files["claim.json"] = json.dumps(claim).encode()
        annotations = json.loads(files["annotations.jsonld"])
        annotations["first"]["items"] = [i for i in annotations["first"]["items"] if not i["id"].endswith(":2")]
        annotations["total"] = 1
        files["annotations.jsonld"] = json.dumps(annotations).encode()
    problems = verify_bundle(_rewrite(bundle_path, tmp_path / "x.zip", drop)).problems
    assert ("citation_missing", "citation 2") in {(p.kind, p.id) for p in problems}


def test_removed_citation_stays_out_and_may_not_come_back(evidence, home, tmp_path):
    write(tmp_path / "a.txt", "Kazakhstan exported $1.23 million of drones to Russia in 2022.")
    evidence("ingest", str(tmp_path / "a.txt"))
    evidence("claim", "add", "Kazakhstan exported $1.23 million of drones")
    evidence("claim", "cite", "1", "1", "$1.23 million")
    evidence("claim", "cite", "1", "1", "to Russia in 2022", "--stance", "context")
    from archive.archive import Archive
    with Archive(home) as archive:
        withdrawn = archive.claim(1).citations[1].to_json()
        archive.remove_citation(2)
    out = tmp_path / "claim-1.zip"
    assert evidence("bundle", "1", str(out)).exit_code == 0
    assert verify_bundle(out).ok

    def restore(files):
        claim = json.loads(files["claim.json"])
        claim["citations"].append(withdrawn)
        files["claim.json"] = json.dumps(claim).encode()
    problems = verify_bundle(_rewrite(out, tmp_path / "x.zip", restore)).problems
    assert ("ledger_mismatch", "claim.json") in {(p.kind, p.id) for p in problems}
    assert any("removed" in p.detail for p in problems)


def test_malformed_bundle_files_are_problems_not_crashes(bundle_path, tmp_path):
    edits = [
        _json_edit("annotations.jsonld", lambda d: d["first"]["items"][0].pop("target")),
        _json_edit("annotations.jsonld", lambda d: d["first"].update(items="nothing")),
        _json_edit("claim.json", lambda d: d.update(citations=[{"id": "one"}])),
        _json_edit("claimreview.jsonld", lambda d: d.update(reviewRating=None)),
        _replace("ledger.jsonl", '"seq": 3', '"seq": "three"'),
        _replace("report.html", "<section>", "<section><section>"),
        lambda files: files.update({"claim.json": b"[1, 2]", "annotations.jsonld": b"null"}),
    ]
    for edit in edits:
        report = verify_bundle(_rewrite(bundle_path, tmp_path / "x.zip", edit))
        assert not report.ok and all(p.detail for p in report.problems)


# -- zips as people make them ------------------------------------------------------------------------


def _rezip(path, out, folder: str = ""):
    """Unzip a bundle and zip it again as `zip -r` does: a directory entry before each folder's files."""
    files = _read(path)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        if folder:
            bundle.mkdir(folder)
        made = set()
        for name, data in sorted(files.items()):
            parent = name.rpartition("/")[0]
            if parent and parent not in made:
                bundle.mkdir(f"{folder}/{parent}" if folder else parent)
                made.add(parent)
            bundle.writestr(f"{folder}/{name}" if folder else name, data)
    with zipfile.ZipFile(out) as bundle:
        assert any(info.is_dir() for info in bundle.infolist())
    return out


def test_bundle_unzipped_and_zipped_again_verifies(evidence, bundle_path, tmp_path):
    again = _rezip(bundle_path, tmp_path / "again.zip")
    result = evidence("bundle", "verify", str(again), "--json")
    report = json.loads(result.output)
    assert result.exit_code == 0 and report["ok"] is True, report
    assert report["checked"]["files"] == len(_read(bundle_path))


def test_bundle_zipped_again_inside_its_folder_verifies(bundle_path, tmp_path):
    # `unzip claim-1.zip -d claim-1 && zip -r again.zip claim-1`: every name starts with the folder.
    assert verify_bundle(_rezip(bundle_path, tmp_path / "again.zip", folder="claim-1")).ok


def test_bundle_counts_the_files_in_the_zip(evidence, bundle_path, tmp_path):
    result = evidence("bundle", "1", str(tmp_path / "again.zip"))
    with zipfile.ZipFile(tmp_path / "again.zip") as bundle:
        count = len(bundle.namelist())
    assert count == 11 and f": {count} files, SHA-256 " in result.output
    report = json.loads(evidence("bundle", "verify", str(tmp_path / "again.zip"), "--json").output)
    assert report["checked"]["files"] == count


# -- a malformed bundle is a report of problems, never a crash ----------------------------------------


@pytest.fixture(scope="module")
def small_bundle(tmp_path_factory):
    """A sound bundle of one claim and one cited text capture, made once for the malformed variants below."""
    from archive.archive import Archive
    from archive.bundle import build_bundle
    from ingest.pipeline import Limits, capture_upload
    folder = tmp_path_factory.mktemp("small-bundle")
    with Archive(folder / "home") as archive:
        archive.add(capture_upload("a.txt", b"Kazakhstan exported $1.23 million of drones to Russia.", Limits()))
        archive.cite(None, 1, "$1.23 million", new_claim="Kazakhstan exported $1.23 million of drones")
        build_bundle(archive, 1, folder / "claim-1.zip")
    assert verify_bundle(folder / "claim-1.zip").ok
    return folder / "claim-1.zip"


def _zip(out, files: dict[str, bytes]):
    with zipfile.ZipFile(out, "w") as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return out


def _with(**changes):
    """Return a variant that replaces files of the bundle (None removes one) and lists them anew in the manifest."""
    def make(bundle, out):
        files = {n: d for n, d in {**_read(bundle), **changes}.items() if d is not None}
        manifest = json.loads(files["manifest.json"])
        manifest["files"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                             for n, d in files.items() if n != "manifest.json"}
        files["manifest.json"] = json.dumps(manifest).encode()
        return _zip(out, files)
    return make


def _manifest(data: bytes):
    """Return a variant whose manifest.json is exactly these bytes."""
    return lambda bundle, out: _zip(out, {**_read(bundle), "manifest.json": data})


def _manifest_edit(edit):
    def make(bundle, out):
        manifest = json.loads(_read(bundle)["manifest.json"])
        edit(manifest)
        return _manifest(json.dumps(manifest).encode())(bundle, out)
    return make


def _central_entry(data: bytearray, name: str) -> int:
    """Return where a member's central directory header starts in a zip's bytes."""
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 46)
    raise AssertionError(f"{name} is not in the zip")


def _patched(name: str, patch):
    """Return a variant whose central directory entry for `name` is changed by patch(data, offset)."""
    def make(bundle, out):
        data = bytearray(bundle.read_bytes())
        patch(data, _central_entry(data, name))
        out.write_bytes(bytes(data))
        return out
    return make


def _flag(bits: int):
    def patch(data, at):
        data[at + 8:at + 10] = (int.from_bytes(data[at + 8:at + 10], "little") | bits).to_bytes(2, "little")
    return patch


def _compression(method: int):
    def patch(data, at):
        data[at + 10:at + 12] = method.to_bytes(2, "little")
    return patch


def _name_not_utf8(data, at):
    _flag(0x800)(data, at)  # the entry says its name is UTF-8 ...
    data[at + 46] = 0xFF  # ... and it is not


def _ledger_lines(edit):
    def make(bundle, out):
        lines = _read(bundle)["ledger.jsonl"].decode().splitlines(keepends=True)
        return _with(**{"ledger.jsonl": "".join(edit(lines)).encode()})(bundle, out)
    return make


def _deep_data(lines):
    entry = json.loads(lines[0])
    entry["data"] = "[" * 100_000
    return [json.dumps(entry) + "\n", *lines[1:]]


MALFORMED = {
    "not a zip": (lambda bundle, out: write(out, b"not a zip"), "unreadable"),
    "an empty file": (lambda bundle, out: write(out, b""), "unreadable"),
    "a zip cut in half": (lambda bundle, out: write(out, bundle.read_bytes()[:bundle.stat().st_size // 2]),
                          "unreadable"),
    "file names that are not UTF-8": (_patched("claim.json", _name_not_utf8), "unreadable"),
    "no manifest": (lambda bundle, out: _zip(out, {n: d for n, d in _read(bundle).items() if n != "manifest.json"}),
                    "manifest_missing"),
    "a manifest that is not JSON": (_manifest(b'{"format": "evidence-bundle/1", files'), "manifest_malformed"),
    "a manifest that is not UTF-8": (_manifest(b'{"format": "evidence-bundle/\xff"}'), "manifest_malformed"),
    "a manifest that is a list": (_manifest(b"[1, 2]"), "manifest_malformed"),
    "a manifest nested too deep": (_manifest(b"[" * 100_000 + b"]" * 100_000), "manifest_malformed"),
    "a manifest listing files as a list": (_manifest_edit(lambda m: m.update(files=["claim.json"])),
                                           "manifest_malformed"),
    "a manifest entry without a size": (_manifest_edit(lambda m: m["files"]["claim.json"].pop("size")),
                                        "manifest_malformed"),
    "a manifest whose claim id is a list": (_manifest_edit(lambda m: m.update(claim_id=[1])), "ledger_mismatch"),
    "an encrypted manifest": (_patched("manifest.json", _flag(0x1)), "manifest_malformed"),
    "a manifest compressed by an unknown method": (_patched("manifest.json", _compression(99)),
                                                   "manifest_malformed"),
    "an encrypted file": (_patched("claim.json", _flag(0x1)), "file_changed"),
    "a listed file missing": (lambda bundle, out: _zip(out, {n: d for n, d in _read(bundle).items()
                                                             if n != "annotations.jsonld"}), "file_missing"),
    "claim.json not UTF-8": (_with(**{"claim.json": b'{"text": "\xff"}'}), "claim_missing"),
    "claim.json nested too deep": (_with(**{"claim.json": b'{"a":' * 100_000 + b"1" + b"}" * 100_000}),
                                   "claim_missing"),
    "report.html nested too deep": (_with(**{"report.html": b"<html><body>" + b"<b>" * 100_000}), "malformed"),
    "a ledger that is not UTF-8": (_with(**{"ledger.jsonl": b'{"seq": 1}\n\xff\n'}), "ledger_broken"),
    "no ledger": (_with(**{"ledger.jsonl": None}), "ledger_missing"),
    "a ledger line nested too deep": (_ledger_lines(lambda lines: ["[" * 100_000 + "\n", *lines]), "ledger_broken"),
    "a ledger entry whose data is nested too deep": (_ledger_lines(_deep_data), "ledger_changed"),
    "a ledger extract cut mid-line": (_ledger_lines(lambda lines: [*lines[:-1], lines[-1][:40]]), "ledger_broken"),
    "a ledger extract missing its last entries": (_ledger_lines(lambda lines: lines[:-1]), "ledger_mismatch"),
}


@pytest.mark.parametrize("case", MALFORMED)
def test_a_malformed_bundle_is_reported_never_raised(evidence, small_bundle, tmp_path, case):
    make, kind = MALFORMED[case]
    malformed = make(small_bundle, tmp_path / "malformed.zip")
    report = verify_bundle(malformed)
    assert not report.ok and kind in {p.kind for p in report.problems}, report.problems
    assert all(p.detail and p.detail[0].isalnum() for p in report.problems)
    result = evidence("bundle", "verify", str(malformed))  # an exception here would fail the test
    assert result.exit_code == 1 and f"PROBLEM {kind}: " in result.output and "Traceback" not in result.output
    as_json = evidence("bundle", "verify", str(malformed), "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.output)["ok"] is False


def _actor_of(files: dict[str, bytes], event: str) -> str:
    entries = [json.loads(line) for line in files["ledger.jsonl"].decode().splitlines()]
    return next(json.loads(e["data"])["actor"] for e in entries if e.get("event") == event)


def test_report_names_who_cited_and_the_claims_history(bundle_path):
    files = _read(bundle_path)
    report, actor = files["report.html"].decode(), _actor_of(files, "citation.added")
    assert actor.startswith("local:")
    assert report.count(f"<dt>Cited by</dt><dd>{actor}, ") == 2
    history = report[report.index("<h2>History</h2>"):]
    assert history.count("<tr><td>") == 4  # created, two citations, the verdict
    assert f"<td>{actor}</td><td>set claim #1 to supported (two independent sources)</td>" in history


def test_a_forged_author_or_history_row_in_the_report_is_caught(bundle_path, tmp_path):
    files = _read(bundle_path)
    actor = _actor_of(files, "citation.added")
    report = files["report.html"].decode()
    first_row = report[report.index("<tbody>") + len("<tbody>\n"):].split("\n")[0]
    for old, new in ((f"<dt>Cited by</dt><dd>{actor}", "<dt>Cited by</dt><dd>user:someone-else"),
                     (f"<td>{actor}</td><td>set claim", "<td>user:someone-else</td><td>set claim"),
                     (first_row + "\n", "")):
        forged = _rewrite(bundle_path, tmp_path / "x.zip", _replace("report.html", old, new))
        assert ("ledger_mismatch", "report.html") in {(p.kind, p.id) for p in verify_bundle(forged).problems}


# -- a quote read by OCR ----------------------------------------------------------------------------


@needs_tesseract("eng", "rus")
def test_a_quote_read_by_ocr_says_so_in_the_bundle_held_to_the_ledger(evidence, tmp_path):
    write(tmp_path / "notice.png", text_png("Customs officers counted 1,230 drones\nat the northern border."))
    evidence("ingest", str(tmp_path / "notice.png"))
    evidence("claim", "add", "Customs counted 1,230 drones")
    assert evidence("claim", "cite", "1", "1", "counted 1,230 drones").exit_code == 0
    out = tmp_path / "claim-1.zip"
    evidence("bundle", "1", str(out))
    files = _read(out)
    ocr = _citation_item(json.loads(files["annotations.jsonld"]), 1)["target"]["evidence:capture"]["ocr"]
    assert ocr["engine"] == "tesseract" and ocr["languages"] == ["eng"]
    report = files["report.html"].decode()
    assert "<dt>Text</dt><dd>text read by OCR (tesseract " in report and "mean word confidence" in report
    assert verify_bundle(out).ok
    for change, where in [(_replace("report.html", "text read by OCR (tesseract", "text read by OCR (abbyy"),
                           "report.html"),
                          (_set_capture_fact(1, "ocr", {**ocr, "mean_confidence": 99.9}),
                           "urn:evidence-archive:citation:1")]:
        forged = _rewrite(out, tmp_path / "x.zip", change)
        assert ("ledger_mismatch", where) in {(p.kind, p.id) for p in verify_bundle(forged).problems}
    # A report that drops the line says less than the ledger records: caught as well.
    forged = _rewrite(out, tmp_path / "x.zip", lambda f: f.update({"report.html": re.sub(
        rb"<dt>Text</dt><dd>[^<]*</dd>\n", b"", f["report.html"])}))
    assert ("ledger_mismatch", "report.html") in {(p.kind, p.id) for p in verify_bundle(forged).problems}
