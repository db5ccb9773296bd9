"""`evidence export --wacz` (archive/wacz_writer.py): the WACZ 1.1.1 layout, its hashes and signature, its pages,
and our own WACZ imported back with the same SHA-256 and capture times. (py-wacz's validator and pywb check the
same files in tests/test_replay.py.)"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.archive import Archive
from archive.errors import IntegrityError
from archive.signing import check_signed_data
from archive.wacz_writer import export_wacz
from archive.warc_writer import ExportItem
from tests.documents import html_page, pdf_bytes, write

PAGE = html_page("Drone exports", "<p>" + "Kazakhstan exported $1.23 million of drones to Russia in 2022. " * 8
                 + "</p>").encode()
REPORT = pdf_bytes(["Customs register 2022", "Drone exports: 1.23 million dollars"], title="Customs register")
LAYOUT = ["archive/data.warc.gz", "indexes/index.cdx.gz", "indexes/index.idx", "pages/pages.jsonl",
          "datapackage.json", "datapackage-digest.json"]


@pytest.fixture
def filled(evidence, home, http_server, tmp_path) -> Path:
    """An archive home holding an HTTP page, a PDF file and a text file."""
    url = http_server.serve("/a.html", PAGE)
    write(tmp_path / "sources" / "register.pdf", REPORT)
    write(tmp_path / "sources" / "notes.txt", "Call the customs office about the figure.\n")
    assert evidence("ingest", "--allow-private", url, str(tmp_path / "sources")).exit_code == 0
    return home


def captures_in(home: Path) -> dict[int, object]:
    with Archive(home) as archive:
        return {c.id: c for c in archive.catalog.iter_captures()}


def test_wacz_holds_the_layout_with_every_hash_and_a_signed_digest(filled, evidence, tmp_path):
    out = tmp_path / "export.wacz"
    result = evidence("export", "--wacz", str(out), "--all")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {out}: 9 WARC records for 3 captures, 3 pages.\n")
    with Archive(filled) as archive:
        fingerprint = archive.signing_key().fingerprint
    assert f"Signed it with key {fingerprint}: datapackage-digest.json inside." in result.output
    with zipfile.ZipFile(out) as wacz:
        assert wacz.namelist() == LAYOUT
        # Stored as they are, so that a reader can seek into them; the rest deflated.
        assert [wacz.getinfo(n).compress_type for n in LAYOUT[:2]] == [zipfile.ZIP_STORED] * 2
        files = {name: wacz.read(name) for name in LAYOUT}
    package = json.loads(files["datapackage.json"])
    assert package["profile"] == "data-package" and package["wacz_version"] == "1.1.1"
    assert package["title"] == "Captures exported from an evidence archive"
    assert package["software"].startswith("evidence-archive ")
    assert [(r["path"], r["name"], r["bytes"], r["hash"]) for r in package["resources"]] == [
        (name, Path(name).name, len(files[name]), "sha256:" + hashlib.sha256(files[name]).hexdigest())
        for name in LAYOUT[:4]]
    digest = json.loads(files["datapackage-digest.json"])
    assert digest["path"] == "datapackage.json"
    assert digest["hash"] == "sha256:" + hashlib.sha256(files["datapackage.json"]).hexdigest()
    checked = check_signed_data(digest["signedData"], digest["hash"], fingerprint)
    assert checked.problem is None
    assert digest["signedData"]["created"] == package["created"]  # as WACZ readers require


def test_index_finds_each_capture_under_its_url_and_our_json_under_urns(filled, evidence, tmp_path):
    out = tmp_path / "export.wacz"
    assert evidence("export", "--wacz", str(out), "--all").exit_code == 0
    with zipfile.ZipFile(out) as wacz:
        blocks, idx = wacz.read("indexes/index.cdx.gz"), wacz.read("indexes/index.idx").decode()
    meta, *pointers = idx.splitlines()
    assert meta.startswith("!meta 0 ") and json.loads(meta.split(" ", 2)[2])["filename"] == "index.cdx.gz"
    lines = gzip.decompress(blocks).decode().splitlines()
    assert len(pointers) == 1 and lines == sorted(lines)
    entries = [json.loads(line.split(" ", 2)[2]) for line in lines]
    assert {e["filename"] for e in entries} == {"data.warc.gz"}
    page_url = next(c.final_url for c in captures_in(filled).values() if c.method == "http")
    assert [e["mime"] for e in entries if e["url"] == page_url] == ["text/html"]
    assert all(e["url"].startswith(("urn:evidence:", page_url)) for e in entries)


def test_pages_list_each_capture_where_a_replay_finds_it(filled, evidence, tmp_path):
    out = tmp_path / "export.wacz"
    assert evidence("export", "--wacz", str(out), "1", "3").exit_code == 0
    with zipfile.ZipFile(out) as wacz:
        header, *pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()]
    assert header == {"format": "json-pages-1.0", "id": "pages", "title": "Captures"}
    captures = captures_in(filled)
    expected = []
    for number in (1, 3):
        capture = captures[number]
        where = capture.final_url if capture.method == "http" else f"urn:evidence:capture:{capture.id}"
        expected.append({"id": f"capture-{number}", "url": where, "ts": capture.captured_at,
                         "title": capture.title or where})
    assert pages == expected


def test_our_wacz_comes_back_with_the_same_hashes_and_times(filled, evidence, runner, tmp_path):
    from app import cli
    out = tmp_path / "export.wacz"
    assert evidence("export", "--wacz", str(out), "--all").exit_code == 0
    second = tmp_path / "second"
    result = runner.invoke(cli, ["--home", str(second), "ingest", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.rstrip().endswith("3 captured, 0 already archived, 3 skipped, 0 failed.")
    before = {(c.sha256, c.captured_at, c.url, c.kind) for c in captures_in(filled).values()}
    after = {(c.sha256, c.captured_at, c.url, c.kind) for c in captures_in(second).values()}
    assert after == before
    assert runner.invoke(cli, ["--home", str(second), "verify"]).exit_code == 0


def test_export_takes_one_format(evidence, filled, tmp_path):
    for args in ([], ["--warc", str(tmp_path / "a.warc.gz"), "--wacz", str(tmp_path / "a.wacz")]):
        result = evidence("export", *args, "--all")
        assert result.exit_code == 2
        assert "Give --warc FILE.warc.gz or --wacz FILE.wacz (one of them)." in result.output
    assert list(tmp_path.glob("a.*")) == []


def test_a_capture_that_fails_its_check_leaves_no_wacz(archive, tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    record = writer.create_warc_record("http://news.example/drones", "response", payload=io.BytesIO(PAGE),
                                       length=len(PAGE), http_headers=StatusAndHeaders("200 OK", [], "HTTP/1.1"))
    record.rec_headers.replace_header("WARC-Payload-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    writer.write_record(record)
    item = ExportItem({"id": 7, "media_type": "text/html", "captured_at": "2026-01-02T03:04:05.000000Z"}, PAGE,
                      buffer.getvalue())
    out = tmp_path / "out" / "export.wacz"
    out.parent.mkdir()
    with pytest.raises(IntegrityError, match="capture 7: its stored HTTP exchange fails its WARC digest check"):
        export_wacz(out, [item], archive.signing_key())
    assert list(out.parent.iterdir()) == []  # neither the zip nor the WARC it was made from
