"""WARC in (ingest/warc_reader.py: other tools' WARC, WARC.GZ and WACZ files) and out (archive/warc_writer.py: exchanges, exports)."""

from __future__ import annotations

import gzip
import io
import json
import uuid
import zipfile
import zlib
from importlib.metadata import version
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.errors import IntegrityError
from archive.models import NewCapture, IngestResult
from archive.store import sha256_hex
from archive.warc_writer import ExportItem, HttpExchange, exchange_warc, export_warc, visit_warc, warc_date
from ingest.fetch import USER_AGENT
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem
from ingest.warc_reader import is_warc, read_warc, utc_timestamp
from tests.documents import html_page, pdf_bytes, truncated_pdf, write

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
ARTICLE = html_page("Drone exports", "<p>" + "Kazakhstan exported $1.23 million of drones to Russia in 2022. " * 12
                    + "</p><p>The figure comes from the customs register.</p>").encode()
REPORT = pdf_bytes(["Customs register 2022", "Drone exports: 1.23 million dollars"], title="Customs register")


# -- helpers --------------------------------------------------------------------------------------


def split(results: list) -> tuple[list[NewCapture], list[IngestResult], list[IngestResult]]:
    """Return (captured, failed, skipped) from what read_warc yielded."""
    captured = [r for r in results if isinstance(r, NewCapture)]
    failed = [r for r in results if isinstance(r, IngestResult) and r.status == "failed"]
    skipped = [r for r in results if isinstance(r, IngestResult) and r.status == "skipped"]
    assert len(captured) + len(failed) + len(skipped) == len(results)
    return captured, failed, skipped


def imported(path: Path | str, limits: Limits = Limits()) -> tuple[list, list, list]:
    return split(list(read_warc(str(path), limits)))


def http_response(writer: WARCWriter, url: str, body: bytes, content_type: str | None, status: str = "200 OK",
                  date: str = "2024-05-01T12:34:56Z", headers: tuple[tuple[str, str], ...] = ()):
    fields = [("Content-Type", content_type)] if content_type else []
    fields += list(headers)
    http_headers = StatusAndHeaders(status, fields, protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), length=len(body),
                                     http_headers=http_headers, warc_headers_dict={"WARC-Date": date})


def chunked(data: bytes, size: int = 300) -> bytes:
    """Encode bytes with HTTP chunked transfer coding."""
    pieces = [data[i:i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in pieces) + b"0\r\n\r\n"


def crawl_warc(gzipped: bool = True) -> bytes:
    """A small crawl: a gzipped and chunked article, a PDF, an image, a revisit, a redirect, a 404 and more."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped, warc_version="1.1")
    records = [
        writer.create_warcinfo_record("crawl.warc.gz", {"software": "test crawler"}),
        http_response(writer, "http://news.example/drones", chunked(gzip.compress(ARTICLE)),
                      "text/html; charset=utf-8", date="2024-05-01T12:34:56.123456789Z",
                      headers=(("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"),
                               ("X-Evidence", "a"), ("x-evidence", "b"))),
        writer.create_warc_record("http://news.example/drones", "request", http_headers=StatusAndHeaders(
            "GET /drones HTTP/1.1", [("Host", "news.example")], is_http_request=True)),
        http_response(writer, "http://news.example/register.pdf", REPORT, "application/pdf",
                      date="2024-05-01T12:35:00Z"),
        http_response(writer, "http://news.example/logo.png", PNG, "image/png"),
        writer.create_revisit_record("http://news.example/drones", "sha1:TRYXQWJA3M6SKVQNDMWGONVJRUNHQVIN",
                                     "http://news.example/drones", "2024-05-01T12:34:56Z"),
        http_response(writer, "http://news.example/old", b"", None, status="301 Moved Permanently",
                      headers=(("Location", "http://news.example/drones"),)),
        http_response(writer, "http://news.example/gone", html_page("Not found", "<p>No such page.</p>").encode(),
                      "text/html", status="404 Not Found"),
        writer.create_warc_record("http://news.example/drones", "metadata", payload=io.BytesIO(b"via: x\r\n"),
                                  length=8),
    ]
    for record in records:
        writer.write_record(record)
    return buffer.getvalue()


CRAWL_SKIPPED = "1 warcinfo, 1 request, 1 metadata, 1 revisit, 1 redirect, 1 error, 1 non-document records skipped"


def record_offsets(data: bytes) -> dict[str, int]:
    """Return {target URI of each response: its offset}, as warcio counts them."""
    offsets = {}
    iterator = ArchiveIterator(io.BytesIO(data))
    for record in iterator:
        if record.rec_type == "response":
            offsets[record.rec_headers.get_header("WARC-Target-URI")] = iterator.get_record_offset()
    return offsets


def gzip_members(data: bytes) -> list[bytes]:
    """Decompress each gzip member on its own."""
    members = []
    while data:
        decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
        members.append(decompressor.decompress(data))
        assert decompressor.eof
        data = decompressor.unused_data
    return members


def read_back(path: Path) -> list[tuple]:
    """Read a WARC with digest checking: (type, WARC headers, HTTP headers, payload, digest passed) per record."""
    records = []
    with path.open("rb") as handle:
        for record in ArchiveIterator(handle, check_digests=True):
            payload = record.content_stream().read()
            records.append((record.rec_type, record.rec_headers, record.http_headers, payload,
                            record.digest_checker.passed))
    return records


# -- the corpus: WARCs made by other tools ---------------------------------------------------------


@pytest.mark.corpus
def test_example_warc_imports_the_page_and_counts_the_other_records(corpus):
    path = corpus / "warc" / "warcio-example.warc.gz"
    captured, failed, skipped = imported(path)
    assert failed == []
    page, again = captured
    assert page.url == page.final_url == "http://example.com/"
    assert page.captured_at == "2017-03-06T04:02:06.000000Z"
    assert page.source == f"{path}#784" and page.method == "warc" and page.kind == "html"
    assert page.http_status == 200 and page.http_headers["content-type"] == "text/html"
    # trafilatura moves the page's only heading into the title; the main text is the paragraph under it.
    assert page.title == "Example Domain" and b"<h1>Example Domain</h1>" in page.body
    assert "illustrative examples in documents" in page.text
    assert page.notes == ["imported from warcio-example.warc.gz record "
                          "<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005> (WARC-Date 2017-03-06T04:02:06Z)"]
    assert page.tools["warcio"] == version("warcio")
    # The revisit says the same payload was fetched again: the same bytes at its own time, which the archive
    # keeps as an observation of the page.
    assert (again.body, again.url, again.captured_at, again.source) == (
        page.body, "http://example.com/", "2017-03-06T04:03:48.000000Z", f"{path}#2621")
    assert again.notes == ["imported from warcio-example.warc.gz record "
                           "<urn:uuid:e6e395ca-0221-11e7-a18d-0242ac120005> (WARC-Date 2017-03-06T04:03:48Z), a "
                           f"revisit of the payload of {path}#784"]
    assert [(r.source, r.error) for r in skipped] == [
        (str(path), f"{path}: 2 warcinfo, 2 request records skipped")]


@pytest.mark.corpus
def test_chunked_response_is_imported_de_chunked(corpus):
    path = corpus / "warc" / "warcio-example-iana.org-chunked.warc"
    captured, failed, skipped = imported(path)
    [page] = captured
    assert page.url == "http://www.iana.org/" and page.captured_at == "2017-03-06T16:54:09.000000Z"
    assert page.body.startswith(b"<!doctype html>") and page.body.rstrip().endswith(b"</html>")
    assert len(page.body) == 7223  # the raw block holds chunk-size lines too
    assert page.title == "Internet Assigned Numbers Authority"
    assert "Management of the DNS Root Zone" in page.text
    assert failed == [] and skipped[0].error.endswith(": 1 warcinfo, 1 request records skipped")


@pytest.mark.corpus
def test_heritrix_crawl_imports_the_archive_org_pages(corpus):
    path = corpus / "warc" / "ukwa-IAH-20080430204825-00000-blackbook-truncated.warc.gz"
    captured, failed, skipped = imported(path)
    by_url = {c.url: c for c in captured}
    assert sorted(by_url) == ["http://www.archive.org/", "http://www.archive.org/index.php"]
    home = by_url["http://www.archive.org/index.php"]
    assert "85 billion pages" in home.text
    assert home.captured_at == "2008-04-30T20:48:26.000000Z" and home.source == f"{path}#3380"
    assert failed == []
    # 23 records: 2 pages, and the dns, robots.txt, 3 images and the RSS feed among the skipped.
    assert skipped[0].error == f"{path}: 1 warcinfo, 7 request, 7 metadata, 6 non-document records skipped"


@pytest.mark.corpus
def test_wget_crawl_imports_the_blackout_page(corpus):
    path = corpus / "warc" / "ukwa-wikipedia-post-blackout-2012.warc.gz"
    captured, failed, skipped = imported(path)
    [page] = captured
    assert page.url == "http://wikimediafoundation.org/wiki/SOPA/Blackoutpage"
    assert "More than 162 million people saw our message" in page.text
    assert page.captured_at == "2012-01-19T10:02:32.000000Z"
    assert failed == []
    assert skipped[0].error == f"{path}: 1 warcinfo, 62 request, 53 non-document records skipped"  # 117 in all


@pytest.mark.corpus
@pytest.mark.parametrize("name, record, error, skipped", [
    pytest.param("warcio-example-digest.warc", "#0",
                 "{path}#0 (http://example.com/): the request record is damaged or altered: its payload digest does "
                 "not match (sha1:1112H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ recorded, sha1:3I42H3S6NNFQ2MSVX7XZKYAYSCX5QBYJ "
                 "computed)",
                 "3 request records skipped", id="exactly-the-record-with-a-wrong-digest"),
    pytest.param("warcio-example-bad-non-chunked.warc.gz", "",
                 "{path}: the WARC file is damaged after record 1 (it is compressed as one gzip stream instead of "
                 "one gzip member per record; `warcio recompress` can repair it); 1 record was read",
                 "1 warcinfo record skipped", id="single-gzip-stream-damaged-after-its-first-record"),
])
def test_a_damaged_corpus_warc_is_reported_and_nothing_of_it_imported(corpus, name, record, error, skipped):
    path = corpus / "warc" / name
    captured, failed, skipped_records = imported(path)
    assert captured == []
    assert [(f.source, f.error) for f in failed] == [(f"{path}{record}", error.format(path=path))]
    assert skipped_records[0].error == f"{path}: {skipped}"


@pytest.mark.corpus
def test_record_with_a_wrong_content_length_is_reported_not_imported(corpus):
    path = corpus / "warc" / "warcio-example-trunc.warc"
    captured, failed, skipped = imported(path)
    assert captured == []
    [bad] = failed
    assert bad.source == f"{path}#1197"
    assert "(http://example.com/): the response record is damaged or altered" in bad.error
    assert "block digest does not match (sha1:DR5MBP7OD3OPA7RFKWJUD4CTNUQUGFC5 recorded" in bad.error
    assert "payload digest does not match (sha1:G7HRM7BGOKSKMSXZAHMUQTTV53QOFSMK recorded" in bad.error
    assert skipped[0].error == f"{path}: 2 warcinfo, 1 request records skipped"


@pytest.mark.corpus
def test_corpus_warcs_are_recognised(corpus):
    for path in (corpus / "warc").glob("*.warc*"):
        assert is_warc(str(path)), path.name
    assert not is_warc(str(corpus / "warc" / "expectations.json"))


# -- WARCs written here ----------------------------------------------------------------------------


def test_crawl_imports_html_and_pdf_and_counts_every_skipped_kind(tmp_path):
    data = crawl_warc()
    path = write(tmp_path / "crawl.warc.gz", data)
    captured, failed, skipped = imported(path)
    assert failed == []
    article, report = captured
    offsets = record_offsets(data)
    assert article.source == f"{path}#{offsets['http://news.example/drones']}"
    assert article.body == ARTICLE  # de-chunked and gunzipped
    assert article.captured_at == "2024-05-01T12:34:56.123456Z"  # nanoseconds truncated
    assert article.kind == "html" and "$1.23 million of drones" in article.text
    assert article.http_headers["x-evidence"] == "a, b"
    assert article.http_headers["content-encoding"] == "gzip"  # as the server sent them: provenance
    assert report.kind == "pdf" and report.body == REPORT and report.title == "Customs register"
    assert "Drone exports: 1.23 million dollars" in report.text
    assert report.url == "http://news.example/register.pdf" and report.captured_at == "2024-05-01T12:35:00.000000Z"
    assert report.notes[-1].startswith("imported from crawl.warc.gz record <urn:uuid:")
    assert [r.error for r in skipped] == [f"{path}: {CRAWL_SKIPPED}"]


def test_uncompressed_crawl_gives_the_same_captures(tmp_path):
    path = write(tmp_path / "crawl.warc", crawl_warc(gzipped=False))
    captured, failed, skipped = imported(path)
    assert [c.body for c in captured] == [ARTICLE, REPORT]
    assert failed == [] and skipped[0].error.endswith(CRAWL_SKIPPED)


def test_payload_over_the_limit_fails_as_too_large(tmp_path):
    path = write(tmp_path / "crawl.warc.gz", crawl_warc())
    captured, failed, _ = imported(path, Limits(max_bytes=len(ARTICLE) - 1))
    assert captured == []
    assert [f.error.split(": ", 1)[1] for f in failed] == ["the payload is too large (over the 0.0 MB limit)"] * 2
    assert "(http://news.example/drones)" in failed[0].error


def test_broken_pdf_record_fails_with_the_ingestor_reason(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    writer.write_record(http_response(writer, "http://news.example/cut.pdf", truncated_pdf(), "application/pdf"))
    writer.write_record(http_response(writer, "http://news.example/drones", ARTICLE, "text/html"))
    path = write(tmp_path / "crawl.warc.gz", buffer.getvalue())
    captured, failed, skipped = imported(path)
    assert [c.url for c in captured] == ["http://news.example/drones"]
    [broken] = failed
    assert broken.source == f"{path}#0"
    assert broken.error.startswith(f"{path}#0 (http://news.example/cut.pdf): the PDF is broken and cannot be read")
    assert skipped == []


@pytest.mark.parametrize("cut, says", [
    ("in its headers", "the file ends inside record 4: its last 300 bytes hold no complete record"),
    ("in its payload", "bytes before the end of record 4, which was not imported"),
])
def test_file_cut_inside_a_record_keeps_the_sound_records_before_it(tmp_path, cut, says):
    data = crawl_warc()
    offsets = record_offsets(data)
    start, end = offsets["http://news.example/register.pdf"], offsets["http://news.example/logo.png"]
    path = write(tmp_path / "cut.warc.gz", data[:start + 300 if cut == "in its headers" else end - 40])
    captured, failed, skipped = imported(path)
    assert [c.body for c in captured] == [ARTICLE]
    [damaged] = failed
    assert damaged.source == str(path)
    assert damaged.error.startswith(f"{path}: the WARC file is damaged after record 3 (the file ends ")
    assert says in damaged.error and damaged.error.endswith("); 3 records were read")
    assert skipped[0].error == f"{path}: 1 warcinfo, 1 request records skipped"


def hand_written_response(url: str, body: bytes, length_error: int = 0) -> bytes:
    """Return a response record without digests whose Content-Length is off by `length_error` bytes."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    headers = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
               "WARC-Date: 2024-05-01T12:34:56Z\r\nWARC-Target-URI: %s\r\n"
               "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
               % (uuid.uuid4(), url, len(block) + length_error))
    return headers.encode() + block + b"\r\n\r\n"


def test_record_shorter_than_its_content_length_fails_alone(tmp_path):
    overstated = hand_written_response("http://news.example/a", ARTICLE, length_error=+100)
    sound = hand_written_response("http://news.example/b", ARTICLE)
    # Each record in its own gzip member: the member ends before the promised length is reached.
    path = write(tmp_path / "crawl.warc.gz", gzip.compress(overstated) + gzip.compress(sound))
    captured, failed, _ = imported(path)
    assert [c.url for c in captured] == ["http://news.example/b"]
    assert [f.error for f in failed] == [
        f"{path}#0 (http://news.example/a): the record is 96 bytes shorter than its Content-Length says"]


def test_record_not_ending_where_its_content_length_says_fails_alone(tmp_path):
    understated = hand_written_response("http://news.example/a", ARTICLE, length_error=-4)
    path = write(tmp_path / "crawl.warc", understated + hand_written_response("http://news.example/b", ARTICLE))
    captured, failed, _ = imported(path)
    assert [c.url for c in captured] == ["http://news.example/b"]
    assert [f.error for f in failed] == [f"{path}#0 (http://news.example/a): the response record does not end where "
                                         "its Content-Length says, so its bytes cannot be trusted"]


def test_warc_date_becomes_our_utc_timestamp():
    assert utc_timestamp("2017-03-06T04:02:06Z") == "2017-03-06T04:02:06.000000Z"
    assert utc_timestamp("2017-03-06T04:02:06.5Z") == "2017-03-06T04:02:06.500000Z"
    assert utc_timestamp("2017-03-06T04:02:06.123456789Z") == "2017-03-06T04:02:06.123456Z"
    assert utc_timestamp("2017-03-06T06:02:06+02:00") == "2017-03-06T04:02:06.000000Z"
    assert utc_timestamp("2017-03-06T04:02Z") == "2017-03-06T04:02:00.000000Z"
    assert utc_timestamp("yesterday") is None and utc_timestamp(None) is None


# -- WACZ --------------------------------------------------------------------------------------------


def make_wacz(path: Path, warcs: dict[str, bytes], compression: int = zipfile.ZIP_STORED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as wacz:
        wacz.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
        wacz.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
        for name, data in warcs.items():
            wacz.writestr(name, data)
    return path


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_wacz_imports_each_warc_inside(tmp_path, compression):
    data = crawl_warc()
    path = make_wacz(tmp_path / "crawl.wacz", {"archive/data.warc.gz": data,
                                               "archive/more.warc": crawl_warc(gzipped=False)}, compression)
    assert is_warc(str(path))
    captured, failed, skipped = imported(path)
    assert [c.body for c in captured] == [ARTICLE, REPORT, ARTICLE, REPORT]
    offset = record_offsets(data)["http://news.example/drones"]
    assert captured[0].source == f"{path}!archive/data.warc.gz#{offset}"
    assert captured[0].notes[-1].startswith("imported from crawl.wacz!archive/data.warc.gz record <urn:uuid:")
    assert failed == []
    assert [r.error for r in skipped] == [
        f"{path}: 2 warcinfo, 2 request, 2 metadata, 2 revisit, 2 redirect, 2 error, 2 non-document records skipped"]


def test_damaged_warc_inside_a_wacz_is_named(tmp_path):
    data = crawl_warc()
    path = make_wacz(tmp_path / "crawl.wacz", {"archive/a.warc.gz": b"<html>not a warc</html>",
                                               "archive/b.warc.gz": data})
    captured, failed, _ = imported(path)
    assert len(captured) == 2
    assert [f.error for f in failed] == [f"{path}: archive/a.warc.gz inside it: cannot be read as a WARC file "
                                         "(Invalid WARC record, first line: <html>not a warc</html>)"]


def test_bad_wacz_files_fail_cleanly(tmp_path):
    broken = write(tmp_path / "broken.wacz", b"PK\x03\x04" + b"\x00" * 40)
    [result] = read_warc(str(broken), Limits())
    assert result.status == "failed" and result.error.startswith(f"{broken}: is not a readable WACZ file")
    empty = make_wacz(tmp_path / "empty.wacz", {})
    [result] = read_warc(str(empty), Limits())
    assert result.error == f"{empty}: the WACZ file holds no WARC file under archive/"
    assert not is_warc(str(broken)) and not is_warc(str(empty))


# -- files that are no WARC at all -------------------------------------------------------------------


def test_unreadable_files_give_one_failed_result(tmp_path):
    cases = {
        str(tmp_path / "missing.warc.gz"): "no such file or folder",
        str(write(tmp_path / "empty.warc", b"")): "the file is empty",
        str(write(tmp_path / "page.warc", ARTICLE)):
            "cannot be read as a WARC file (Invalid WARC record, first line: <!DOCTYPE html>",
        str(tmp_path): "is a folder, not a WARC file",
    }
    for path, reason in cases.items():
        [result] = read_warc(path, Limits())
        assert (result.source, result.status) == (path, "failed")
        assert result.error.startswith(f"{path}: {reason}"), result.error


def test_is_warc_checks_the_name_then_the_first_bytes(tmp_path):
    crawl = crawl_warc()
    assert is_warc(str(write(tmp_path / "CRAWL.WARC.GZ", crawl)))
    assert is_warc(str(write(tmp_path / "plain.warc", crawl_warc(gzipped=False))))
    assert is_warc(str(write(tmp_path / "gzipped-anyway.warc", crawl)))
    assert is_warc(str(tmp_path / "not-yet-there.warc.gz"))  # read_warc will say it is missing
    assert not is_warc(str(write(tmp_path / "crawl.gz", crawl)))
    assert not is_warc(str(write(tmp_path / "page.warc.gz", gzip.compress(ARTICLE))))
    assert not is_warc(str(write(tmp_path / "junk.warc.gz", b"\x1f\x8b\x08junk")))
    assert not is_warc(str(write(tmp_path / "page.html", ARTICLE)))
    (tmp_path / "folder.warc").mkdir()
    assert not is_warc(str(tmp_path / "folder.warc"))


# -- writing: exchanges and exports --------------------------------------------------------------


def test_exchange_warc_records_the_decoded_exchange():
    body = ARTICLE
    data = exchange_warc("http://news.example/drones?page=2", "2026-01-02T03:04:05.123456Z",
                         {"Host": "news.example", "User-Agent": USER_AGENT}, 200, "OK",
                         {"content-type": "text/html; charset=utf-8", "content-encoding": "gzip",
                          "transfer-encoding": "chunked", "content-length": "512", "set-cookie": "a=1, b=2"}, body)
    assert len(gzip_members(data)) == 3
    records = []
    iterator = ArchiveIterator(io.BytesIO(data), check_digests=True)
    for record in iterator:
        records.append((record, record.content_stream().read()))
        iterator.read_to_end()
    (response, payload), (request, _), (note, note_body) = records
    assert [r.rec_type for r, _ in records] == ["response", "request", "metadata"]
    assert all(r.digest_checker.passed is True for r, _ in records)
    assert all(r.rec_headers.protocol == "WARC/1.1" for r, _ in records)
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    assert response.rec_headers.get_header("WARC-Date") == "2026-01-02T03:04:05.123456Z"
    assert response.rec_headers.get_header("WARC-Target-URI") == "http://news.example/drones?page=2"
    assert response.rec_headers.get_header("WARC-Payload-Digest") and response.rec_headers.get_header(
        "WARC-Block-Digest")
    assert payload == body
    assert response.http_headers.statusline == "200 OK"
    assert response.http_headers.get_header("Content-Length") == str(len(body))
    assert response.http_headers.get_header("Content-Encoding") is None
    assert response.http_headers.get_header("Transfer-Encoding") is None
    assert response.http_headers.get_header("set-cookie") == "a=1, b=2"
    assert request.rec_headers.get_header("WARC-Concurrent-To") == response_id
    assert request.http_headers.protocol == "GET" and request.http_headers.statusline == "/drones?page=2 HTTP/1.1"
    assert request.http_headers.get_header("User-Agent") == USER_AGENT
    assert note.rec_headers.get_header("WARC-Refers-To") == response_id
    assert note.rec_headers.get_header("Content-Type") == "application/json"
    # Under its URN, so that a replay of the page's URL never finds this JSON.
    assert (note.rec_headers.get_header("WARC-Target-URI")
            == "urn:evidence:exchange-note:http://news.example/drones?page=2")
    explained = json.loads(note_body)
    assert explained["removed_headers"] == {"content-encoding": "gzip", "transfer-encoding": "chunked",
                                            "content-length": "512"}
    assert explained["note"].startswith("re-serialised from the decoded HTTP exchange")


def test_visit_warc_records_every_exchange_of_a_visit_and_the_visit():
    page = HttpExchange("http://news.example/story", "GET", {"Host": "news.example"}, None, 200, "OK",
                        [("Content-Type", "text/html"), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"),
                         ("Content-Encoding", "gzip")], ARTICLE, "2026-01-02T03:04:05.000001Z")
    form = HttpExchange("http://news.example/vote", "POST", {"Host": "news.example", "Content-Type": "text/plain"},
                        b"choice=drones", 303, "See Other", [("Location", "/thanks")], b"",
                        "2026-01-02T03:04:06.000002Z")
    data = visit_warc([page, form], page, {"browser": "Chromium 1.2.3", "refused": []})
    records = []
    iterator = ArchiveIterator(io.BytesIO(data), check_digests=True)
    for record in iterator:
        records.append((record, record.content_stream().read()))
        iterator.read_to_end()
    assert [r.rec_type for r, _ in records] == ["response", "request", "response", "request", "metadata"]
    assert all(r.digest_checker.passed is True for r, _ in records)
    (response, body), _, (redirect, _), (post, posted), (note, summary) = records
    assert body == ARTICLE and response.http_headers.get_header("Content-Encoding") is None
    assert [v for k, v in response.http_headers.headers if k == "Set-Cookie"] == ["a=1", "b=2"]  # kept apart
    assert redirect.http_headers.statusline == "303 See Other"
    assert redirect.rec_headers.get_header("WARC-Date") == "2026-01-02T03:04:06.000002Z"
    assert post.http_headers.protocol == "POST" and posted == b"choice=drones"
    assert post.rec_headers.get_header("WARC-Target-URI") == "http://news.example/vote"
    assert note.rec_headers.get_header("WARC-Refers-To") == response.rec_headers.get_header("WARC-Record-ID")
    assert note.rec_headers.get_header("WARC-Target-URI") == "urn:evidence:exchange-note:http://news.example/story"
    told = json.loads(summary)
    assert told["visit"]["browser"] == "Chromium 1.2.3"
    assert told["removed_headers"] == {"http://news.example/story": {"content-encoding": "gzip"}}


@pytest.fixture
def exported(tmp_path, archive, http_server):
    """Three captures in a real archive (an http page with its exchange, a PDF file, a text file), exported."""
    url = http_server.serve("/drones", ARTICLE)
    page = capture(SourceItem(url, True), Limits(allow_private=True))
    exchange = exchange_warc(page.final_url, page.captured_at, {"Host": url.split("/")[2], "User-Agent": USER_AGENT},
                             page.http_status, "OK", page.http_headers, page.body)
    report = capture(SourceItem(str(write(tmp_path / "register.pdf", REPORT)), False), Limits())
    notes = capture(SourceItem(str(write(tmp_path / "notes.txt", "Call the customs office.\n")), False), Limits())
    items = []
    for captured, stored_exchange in ((page, exchange), (report, None), (notes, None)):
        stored = archive.add(captured).capture
        items.append(ExportItem(stored.to_json(), archive.original(stored), stored_exchange))
    out = tmp_path / "export.warc.gz"
    written = export_warc(out, iter(items))
    return out, written, items


def test_export_reads_back_with_every_digest_passing(exported):
    out, written, (page, report, notes) = exported
    records = read_back(out)
    assert written == len(records) == 9
    assert [r[0] for r in records] == ["warcinfo", "metadata", "response", "request", "metadata",
                                       "metadata", "resource", "metadata", "resource"]
    assert all(passed is True for *_, passed in records)
    assert all(headers.protocol == "WARC/1.1" for _, headers, *_ in records)
    assert len(gzip_members(out.read_bytes())) == 9  # one gzip member per record
    warcinfo, page_meta, response, _, _, pdf_meta, pdf, text_meta, text = records
    assert b"software: evidence-archive " in warcinfo[3] and b"format: WARC File Format 1.1" in warcinfo[3]
    assert response[3] == page.original and response[1].get_header("WARC-Date") == page.capture["captured_at"]
    assert pdf[3] == report.original and text[3] == notes.original
    assert pdf[1].get_header("Content-Type") == "application/pdf"
    assert pdf[1].get_header("WARC-Target-URI") == f"urn:evidence:capture:{report.capture['id']}"
    assert pdf[1].get_header("WARC-Date") == report.capture["captured_at"]
    for target, meta, item in ((response, page_meta, page), (pdf, pdf_meta, report), (text, text_meta, notes)):
        assert meta[1].get_header("WARC-Refers-To") == target[1].get_header("WARC-Record-ID")
        assert meta[1].get_header("Content-Type") == "application/json"
        provenance = json.loads(meta[3])
        exchange = {"http_reason": "OK", "request_headers": {"Host": page.capture["url"].split("/")[2],
                                                             "User-Agent": USER_AGENT}} if item is page else {}
        assert provenance == json.loads(json.dumps({**item.capture, **exchange}))
        assert provenance["sha256"] == sha256_hex(item.original)


def test_export_round_trips_through_read_warc(exported):
    out, _, items = exported
    captured, failed, skipped = imported(out)
    assert failed == []
    assert [(c.url, c.source, sha256_hex(c.body), c.captured_at, c.kind) for c in captured] == [
        (i.capture["url"], i.capture["source"], i.capture["sha256"], i.capture["captured_at"], i.capture["kind"])
        for i in items]
    page = captured[0]
    assert (page.method, page.http_reason, page.request_headers["User-Agent"]) == ("http", "OK", USER_AGENT)
    assert [(r.error, r.count) for r in skipped] == [(f"{out}: 1 warcinfo, 1 request, 1 metadata records skipped", 3)]


def test_export_refuses_an_exchange_that_fails_its_digest(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    record = http_response(writer, "http://news.example/drones", ARTICLE, "text/html")
    record.rec_headers.replace_header("WARC-Payload-Digest", "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
    writer.write_record(record)
    item = ExportItem({"id": 7, "media_type": "text/html", "captured_at": "2026-01-02T03:04:05.000000Z"}, ARTICLE,
                      buffer.getvalue())
    out = tmp_path / "export.warc.gz"
    with pytest.raises(IntegrityError, match="capture 7: its stored HTTP exchange fails its WARC digest check"):
        export_warc(out, [item])
    assert list(tmp_path.iterdir()) == []  # no half-written export left behind


def test_warc_date_is_utc_with_microseconds():
    assert warc_date("2026-01-02T03:04:05.123456Z") == "2026-01-02T03:04:05.123456Z"
    assert warc_date("2026-01-02T05:04:05+02:00") == "2026-01-02T03:04:05.000000Z"


# -- our own exports come back whole ---------------------------------------------------------------


# Every stored fact of a capture that an export carries and an import into a fresh home must give back.
ROUND_TRIP_FIELDS = ("sha256", "size", "media_type", "kind", "captured_at", "text", "text_sha256", "title",
                     "author", "published", "site", "language", "charset", "source", "method", "url",
                     "final_url", "redirects", "http_status", "http_headers", "pages", "tools")


def sources_of_every_kind(tmp_path: Path, http_server) -> list[str]:
    """Files of each kind, HTTP pages (one through a redirect) and a third-party WARC, all different bytes."""
    folder = tmp_path / "sources"
    write(folder / "article.html", ARTICLE)
    write(folder / "register.pdf", REPORT)
    write(folder / "notes.txt", "Call the customs office about the $1.23 million figure.\n")
    write(folder / "story.md", "---\ntitle: Drone exports\nurl: https://news.example/story\nauthor: A. Writer\n"
                               "date: 2023-03-01\nsite: News\nlang: en\n---\n# Drones\n\n"
                               "Kazakhstan exported $1.23 million of drones to Russia in 2022.\n")
    write(folder / "plain.md", "# Memo\n\nThe register lists 1.23 million dollars.\n")
    page = html_page("Served page", "<p>" + "A page served over HTTP about drone exports. " * 20 + "</p>")
    http_server.serve("/served", page)
    moved = http_server.redirect("/moved", http_server.url("/served"))
    memo = http_server.serve("/memo.txt", "A plain text memo served over HTTP.\n", "text/plain; charset=utf-8")
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    crawled = html_page("Crawled page", "<p>" + "A page another tool crawled about drone exports. " * 20 + "</p>")
    writer.write_record(http_response(writer, "http://crawled.example/page", crawled.encode(), "text/html"))
    write(folder / "crawl.warc.gz", buffer.getvalue())
    return [str(folder), moved, memo]


def stored_captures(home: Path) -> dict[str, dict]:
    from archive.archive import Archive
    with Archive(home) as archive:
        return {c.sha256: {**vars(c)} for c in archive.catalog.iter_captures(with_text=True)}


def test_every_exported_capture_comes_back_whole(tmp_path, http_server, runner):
    from app import cli
    from archive.archive import Archive
    from ingest.pipeline import capture_upload
    from ingest.run import ingest
    first, second = tmp_path / "first", tmp_path / "second"
    with Archive(first) as archive, archive.batch():
        results = list(ingest(sources_of_every_kind(tmp_path, http_server), archive.add,
                              Limits(allow_private=True), store=archive.store))
        assert [r.status for r in results if r.status != "skipped"] == ["captured"] * 8, results
        archive.add(capture_upload("upload.md", b"# Uploaded memo\n\nThe upload states 1.23 million.\n", Limits()))
    before = stored_captures(first)
    assert {c["kind"] for c in before.values()} == {"html", "pdf", "text", "markdown"}
    assert {c["method"] for c in before.values()} == {"file", "http", "upload", "warc"}
    out = tmp_path / "out.warc.gz"
    exported = runner.invoke(cli, ["--home", str(first), "export", "--warc", str(out), "--all"])
    assert exported.exit_code == 0, exported.output

    result = runner.invoke(cli, ["--home", str(second), "ingest", str(out)])
    assert result.exit_code == 0, result.output
    # warcinfo, and the request and the note on re-serialised headers of each of the two HTTP exchanges.
    assert f"skipped  {out}: 1 warcinfo, 2 request, 2 metadata records skipped" in result.output
    assert result.output.rstrip().endswith("9 captured, 0 already archived, 5 skipped, 0 failed.")
    after = stored_captures(second)
    assert sorted(after) == sorted(before)
    for sha256, old in before.items():
        new = after[sha256]
        assert {f: new[f] for f in ROUND_TRIP_FIELDS} == {f: old[f] for f in ROUND_TRIP_FIELDS}, old["source"]
        assert new["notes"][:-1] == old["notes"]
        assert new["notes"][-1].startswith(f"imported from {out.name} record <urn:uuid:")
        assert (new["warc_sha256"] is None) == (old["warc_sha256"] is None)
    assert runner.invoke(cli, ["--home", str(second), "verify"]).exit_code == 0


def test_summary_counts_every_skipped_record(tmp_path, evidence):
    path = write(tmp_path / "crawl.warc.gz", crawl_warc())
    result = evidence("ingest", str(path))
    assert f"skipped  {path}: {CRAWL_SKIPPED}" in result.output
    assert result.output.rstrip().endswith("2 captured, 0 already archived, 7 skipped, 0 failed.")


def test_provenance_records_are_named_apart_from_the_page(exported):
    out, _, (page, report, notes) = exported
    records = read_back(out)
    described = {}
    for kind, headers, _, payload, _ in records:
        uri = headers.get_header("WARC-Target-URI")
        if kind == "metadata" and headers.get_header("Content-Type") == "application/json" \
                and json.loads(payload).get("sha256"):
            described[headers.get_header("WARC-Refers-To")] = (uri, json.loads(payload))
    by_id = {headers.get_header("WARC-Record-ID"): (kind, headers.get_header("WARC-Target-URI"))
             for kind, headers, *_ in records}
    assert len(described) == 3
    for refers_to, (uri, provenance) in described.items():
        kind, target = by_id[refers_to]
        assert kind in ("response", "resource")
        # A replay tool looking the page up by its URL finds the page, never this JSON.
        assert uri == f"urn:evidence:provenance:{target}"
    uris = {uri for uri, _ in described.values()}
    assert f"urn:evidence:provenance:{page.capture['final_url']}" in uris


def test_provenance_record_comes_before_the_record_it_describes(exported):
    out, _, _ = exported
    records = read_back(out)
    found = 0
    for position, (kind, headers, *_rest) in enumerate(records):
        if (headers.get_header("WARC-Target-URI") or "").startswith("urn:evidence:provenance:"):
            # The importer then knows the record is ours before it reads it, and holds only this small JSON.
            described = headers.get_header("WARC-Refers-To")
            assert records[position + 1][1].get_header("WARC-Record-ID") == described
            found += 1
    assert found == 3


def export_of(tmp_path: Path, items: list[ExportItem], name: str = "edited.warc.gz") -> Path:
    out = tmp_path / name
    export_warc(out, items)
    return out


def test_provenance_that_does_not_describe_its_record_fails_that_record_alone(exported, tmp_path):
    _, _, (page, report, notes) = exported
    wrong_hash = ExportItem({**report.capture, "sha256": "0" * 64}, report.original)
    wrong_type = ExportItem({**notes.capture, "size": "25"}, notes.original)
    out = export_of(tmp_path, [page, wrong_hash, wrong_type])
    captured, failed, _ = imported(out)
    assert [c.kind for c in captured] == ["html"]
    assert [f.error.split(": ", 1)[1] for f in failed] == [
        f"its payload ({len(REPORT)} bytes, SHA-256 {report.capture['sha256']}) is not the capture its provenance "
        f"record describes ({len(REPORT)} bytes, SHA-256 {'0' * 64})",
        "its provenance record cannot be used: its size is not a whole number"]
    assert failed[0].source.startswith(f"{out}#")


def test_text_extracted_differently_is_kept_with_a_note(exported, tmp_path):
    _, _, (_, _, notes) = exported
    out = export_of(tmp_path, [ExportItem({**notes.capture, "text_sha256": "a" * 64}, notes.original)])
    [back], failed, _ = imported(out)
    assert failed == [] and back.text == "Call the customs office."
    assert back.notes[-1].endswith(f"; the text extracted here differs from the exported one (text SHA-256 "
                                   f"{'a' * 64}, extracted with "
                                   + ", ".join(f"{k} {v}" for k, v in sorted(notes.capture["tools"].items())) + ")")


def test_provenance_record_that_is_not_json_leaves_its_record_to_the_usual_rules(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    page = writer.create_warc_record("http://news.example/drones", "resource", payload=io.BytesIO(ARTICLE),
                                     length=len(ARTICLE), warc_content_type="text/html",
                                     warc_headers_dict={"WARC-Date": "2024-05-01T12:34:56Z"})
    broken = writer.create_warc_record(
        "urn:evidence:provenance:http://news.example/drones", "metadata", payload=io.BytesIO(b"{not json"),
        length=9, warc_content_type="application/json",
        warc_headers_dict={"WARC-Refers-To": page.rec_headers.get_header("WARC-Record-ID")})
    writer.write_record(broken)
    writer.write_record(page)
    path = write(tmp_path / "odd.warc.gz", buffer.getvalue())
    captured, failed, skipped = imported(path)
    assert [f.error for f in failed] == [f"{path}#0 (urn:evidence:provenance:http://news.example/drones): the "
                                         "provenance record is not a JSON object"]
    assert [(c.url, c.method, c.body) for c in captured] == [("http://news.example/drones", "warc", ARTICLE)]
    assert skipped == []


def test_provenance_records_without_their_records_are_bounded_and_counted(tmp_path):
    from ingest.provenance import PENDING_MAX
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    for number in range(PENDING_MAX + 5):
        body = json.dumps({"sha256": "0" * 64}).encode()
        writer.write_record(writer.create_warc_record(
            f"urn:evidence:provenance:urn:evidence:capture:{number}", "metadata", payload=io.BytesIO(body),
            length=len(body), warc_content_type="application/json",
            warc_headers_dict={"WARC-Refers-To": f"<urn:uuid:{uuid.uuid4()}>"}))
    path = write(tmp_path / "orphans.warc.gz", buffer.getvalue())
    captured, failed, skipped = imported(path)
    assert captured == [] and failed == []
    assert [(s.error, s.count) for s in skipped] == [(f"{path}: {PENDING_MAX + 5} metadata records skipped",
                                                      PENDING_MAX + 5)]


def test_export_inside_a_wacz_comes_back(exported, tmp_path):
    out, _, items = exported
    path = make_wacz(tmp_path / "export.wacz", {"archive/export.warc.gz": out.read_bytes()})
    captured, failed, _ = imported(path)
    assert failed == []
    assert [(c.source, sha256_hex(c.body), c.kind) for c in captured] == [
        (i.capture["source"], i.capture["sha256"], i.capture["kind"]) for i in items]
    assert captured[0].notes[-1].startswith("imported from export.wacz!archive/export.warc.gz record <urn:uuid:")


def test_a_note_stored_under_the_page_url_is_exported_under_its_urn(tmp_path):
    # What exchange_warc wrote before notes had URNs of their own: replay tools found it at the page's URL.
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.1")
    response = http_response(writer, "http://news.example/drones", ARTICLE, "text/html",
                             date="2026-01-02T03:04:05.123456Z")
    response_id = response.rec_headers.get_header("WARC-Record-ID")
    body = json.dumps({"note": "re-serialised", "removed_headers": {}}).encode()
    old_note = writer.create_warc_record("http://news.example/drones", "metadata", payload=io.BytesIO(body),
                                         length=len(body), warc_content_type="application/json",
                                         warc_headers_dict={"WARC-Date": "2026-01-02T03:04:05.123456Z",
                                                            "WARC-Refers-To": response_id,
                                                            "WARC-Concurrent-To": response_id})
    writer.write_record(response)
    writer.write_record(old_note)
    stored = buffer.getvalue()
    item = ExportItem({"id": 3, "url": "http://news.example/drones", "media_type": "text/html",
                       "captured_at": "2026-01-02T03:04:05.123456Z"}, ARTICLE, stored)
    out = export_of(tmp_path, [item])
    records = read_back(out)
    assert all(passed is True for *_, passed in records)
    assert [(kind, headers.get_header("WARC-Target-URI")) for kind, headers, *_ in records[1:]] == [
        ("metadata", "urn:evidence:provenance:http://news.example/drones"),
        ("response", "http://news.example/drones"),
        ("metadata", "urn:evidence:exchange-note:http://news.example/drones")]
    _, note_headers, _, note_body, _ = records[3]
    assert note_body == body
    for name in ("WARC-Record-ID", "WARC-Date", "WARC-Refers-To", "WARC-Concurrent-To", "Content-Type"):
        assert note_headers.get_header(name) == old_note.rec_headers.get_header(name), name
    assert gzip_members(stored)[0] in gzip_members(out.read_bytes())  # the response itself, byte for byte
