"""Write WARC/1.1 (ISO 28500): the HTTP exchange of our own captures, and exports of captures with provenance.

Every file is gzipped one member per record, as the standard recommends, so tools can seek to any record.
Digests are warcio's (sha1, base32), which replay and deduplication tools expect; the capture's own sha256
travels in the provenance metadata record.

An export marks its own records: each capture's provenance is a `metadata` record (application/json) that
comes just before the record it describes and names it with WARC-Refers-To. An importer reading the file in
order thus knows a record is ours, and how the archive described it, before it reads the record.

Why our JSON records never carry a page's own URL: WARC 1.1 lets a `metadata` record name a target URI, and
replay tools (pywb, ReplayWeb.page) index metadata records under that URI like any response, then answer a
lookup with the record closest in time. A note written under the page's URL, at the page's time, is what a
reader of the export would see instead of the page. So every JSON record of ours is a metadata record whose
target is a URN built from the described record's URI (`urn:evidence:provenance:URL`,
`urn:evidence:exchange-note:URL`), the way Browsertrix names its page-info records (`urn:pageinfo:URL`) and
screenshots (`urn:fullPage:URL`); what it describes is named by WARC-Refers-To (and WARC-Concurrent-To when it
was written with it), the headers WARC 1.1 gives metadata records for that. A replay of the URL finds the
response, and the JSON stays readable under its URN.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.clock import format_timestamp
from archive.errors import IntegrityError
from archive.inputs import as_recorded
from archive.tools import ARCHIVE_PACKAGE, version_of

WARC_VERSION = "1.1"
SOFTWARE = ARCHIVE_PACKAGE
WARC_1_1_SPEC = "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"
GZIP_MAGIC = b"\x1f\x8b"
PROVENANCE_URN = "urn:evidence:provenance:"
EXCHANGE_NOTE_URN = "urn:evidence:exchange-note:"
# Where a browser capture's parts go in an export: the screenshot as Browsertrix names full-page screenshots.
PART_URNS = {"screenshot": "urn:fullPage:", "layout": "urn:evidence:layout:"}
# Our fetch decodes the body, so these would describe bytes the record does not hold.
DECODED_AWAY = ("transfer-encoding", "content-encoding", "content-length")
EXCHANGE_NOTE = ("re-serialised from the decoded HTTP exchange: the body is stored as evidence-archive received "
                 "it after removing transfer and content encodings, so those headers were dropped and "
                 "Content-Length set to the stored body's length")


@dataclass
class ExportItem:
    """One capture to export: its catalog JSON, its original bytes, its stored HTTP exchanges if any, and the
    bytes of its parts (a browser capture's screenshot and layout), by role."""

    capture: dict[str, Any]  # Capture.to_json(): the provenance
    original: bytes | BinaryIO  # or a seekable stream at its start: a large original is read as it is written
    exchange: bytes | None = None  # exchange_warc() or visit_warc() output
    parts: dict[str, bytes] = field(default_factory=dict)


@dataclass
class HttpExchange:
    """One request and the answer it got, as they are recorded (the body decoded of content encodings)."""

    url: str
    method: str
    request_headers: dict[str, str]
    request_body: bytes | None
    status: int
    reason: str
    response_headers: list[tuple[str, str]]  # as received, repeated names repeated
    body: bytes
    at: str  # UTC ISO 8601: when the answer was read


def exchange_warc(url: str, captured_at: str, request_headers: dict[str, str], status: int, reason: str,
                  response_headers: dict[str, str], body: bytes) -> bytes:
    """Return a gzipped WARC of one GET exchange: response, request and a metadata note, linked by record id.

    `url` is the URL the response came from (the final one after redirects), `body` the decoded body.
    """
    exchange = HttpExchange(url, "GET", request_headers, None, status, reason, list(response_headers.items()),
                            body, captured_at)
    buffer = io.BytesIO()
    writer = _writer(buffer)
    response_id, dropped = _write_exchange(writer, exchange)
    date = warc_date(captured_at)
    writer.write_record(_json_record(writer, EXCHANGE_NOTE_URN + url, "metadata",
                                     {"note": EXCHANGE_NOTE, "removed_headers": dropped},
                                     {"WARC-Date": date, "WARC-Refers-To": response_id,
                                      "WARC-Concurrent-To": response_id}))
    return buffer.getvalue()


def visit_warc(exchanges: Iterable[HttpExchange], page: HttpExchange | None, summary: dict[str, Any]) -> bytes:
    """Return a gzipped WARC of a browser's visit: a response and a request record for every exchange, then one
    metadata note on the page's response (`page`): how the bodies were recorded, and the visit's `summary`."""
    buffer = io.BytesIO()
    writer = _writer(buffer)
    page_id, dropped = None, {}
    for exchange in exchanges:
        response_id, removed = _write_exchange(writer, exchange)
        if removed:
            dropped[exchange.url] = removed
        if exchange is page:
            page_id = response_id
    if page is not None:
        headers = {"WARC-Date": warc_date(page.at)}
        if page_id is not None:
            headers.update({"WARC-Refers-To": page_id, "WARC-Concurrent-To": page_id})
        writer.write_record(_json_record(writer, EXCHANGE_NOTE_URN + page.url, "metadata",
                                         {"note": EXCHANGE_NOTE, "removed_headers": dropped, "visit": summary},
                                         headers))
    return buffer.getvalue()


def export_warc(out_path: str | Path, items: Iterable[ExportItem], pages: list[ExportedPage] | None = None) -> int:
    """Write captures to one gzipped WARC/1.1 file with their provenance; return the number of records written.

    When `pages` is given, one ExportedPage per capture is appended to it: where a replay tool finds it.
    The file appears only when complete: it is written beside the target and renamed into place.
    """
    target = Path(out_path)
    partial = target.with_name(f".{target.name}.part")
    try:
        with partial.open("wb") as handle:
            writer = _writer(handle)
            writer.write_record(writer.create_warcinfo_record(as_recorded(target.name), _warcinfo_fields()))
            written = 1
            for item in items:
                count, (uri, date) = _export_item(writer, handle, item)
                written += count
                if pages is not None:
                    pages.append(ExportedPage(item.capture["id"], uri, date, item.capture.get("title")))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return written


def warc_date(timestamp: str) -> str:
    """Return an ISO 8601 timestamp as a WARC/1.1 date in UTC with microseconds: 2017-03-06T04:02:06.000000Z."""
    return format_timestamp(datetime.fromisoformat(timestamp))


# -- export --------------------------------------------------------------------------------------


@dataclass
class ExportedPage:
    """Where a replay tool finds one exported capture: the target URI and WARC-Date of the record holding it."""

    capture_id: int
    url: str
    date: str
    title: str | None


@dataclass
class _StoredExchange:
    """A stored exchange read back: its records as gzip members, ready to copy, and what the export needs."""

    members: list[bytes]
    ids: list[str]
    response: ArcWarcRecord  # the first response
    request: ArcWarcRecord | None  # the first request
    answers: dict[str, str]  # target URI of each successful response: its WARC-Date (the first one)


def _export_item(writer: WARCWriter, handle: BinaryIO, item: ExportItem) -> tuple[int, tuple[str, str]]:
    """Write one capture's provenance record, then the records it describes; return how many were written and
    the target URI and date of the record a replay of the capture finds."""
    if item.capture.get("method") == "browser":
        return _export_rendered(writer, handle, item)
    provenance = dict(item.capture)
    if item.exchange is not None:
        stored = _stored_exchange(item)
        record, members = stored.response, stored.members
        # What recording the exchange again needs, beyond the capture's own fields.
        provenance["http_reason"] = _reason(stored.response)
        provenance["request_headers"] = (dict(stored.request.http_headers.headers)
                                         if stored.request is not None else None)
    else:
        record, members = _resource_record(writer, item), None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    writer.write_record(_json_record(writer, PROVENANCE_URN + uri, "metadata", provenance,
                                     {"WARC-Refers-To": _record_id(record)}))
    replayed = (uri, record.rec_headers.get_header("WARC-Date"))
    if members is None:
        writer.write_record(record)
        return 2, replayed
    for member in members:
        handle.write(member)
    return len(members) + 1, replayed


def _export_rendered(writer: WARCWriter, handle: BinaryIO, item: ExportItem) -> tuple[int, tuple[str, str]]:
    """Write a browser capture: its provenance, the rendered DOM it describes (urn:dom:URL), its parts (the
    screenshot where Browsertrix puts a full-page screenshot, urn:fullPage:URL), then its visit's records as
    they were stored, so that a replay tool finds the page under its URL as the browser received it."""
    capture = item.capture
    url = capture.get("final_url") or capture.get("url") or f"urn:evidence:capture:{capture['id']}"
    date = {"WARC-Date": warc_date(capture["captured_at"])}
    payload, length = _payload(item.original)
    dom = writer.create_warc_record(f"urn:dom:{url}", "resource", payload=payload, length=length,
                                    warc_content_type=capture["media_type"], warc_headers_dict=date)
    parts = [writer.create_warc_record(f"{PART_URNS.get(part['role'], 'urn:evidence:' + part['role'] + ':')}{url}",
                                       "resource", payload=io.BytesIO(item.parts[part["role"]]),
                                       length=len(item.parts[part["role"]]), warc_content_type=part["media_type"],
                                       warc_headers_dict={**date, "WARC-Concurrent-To": _record_id(dom)})
             for part in capture.get("parts") or () if part["role"] in item.parts]
    stored = _stored_exchange(item) if item.exchange is not None else None
    members, visit = (stored.members, stored.ids) if stored else ([], [])
    # The visit's record ids, so that an import skips them: the capture comes back from its DOM.
    provenance = {**capture, "visit_records": visit}
    writer.write_record(_json_record(writer, PROVENANCE_URN + f"urn:dom:{url}", "metadata", provenance,
                                     {"WARC-Refers-To": _record_id(dom)}))
    for record in (dom, *parts):
        writer.write_record(record)
    for member in members:
        handle.write(member)
    # A replay of the URL finds the page as the browser received it; without that answer, the DOM.
    if stored and url in stored.answers:
        return 2 + len(parts) + len(members), (url, stored.answers[url])
    return 2 + len(parts) + len(members), (f"urn:dom:{url}", date["WARC-Date"])


def _stored_exchange(item: ExportItem) -> _StoredExchange:
    """Read a stored exchange back, checking every digest.

    Its records are copied byte for byte, which keeps every digest exactly as written at capture time, except
    a note that an older version of this archive wrote under the page's own URL: that one is written again,
    the same record under its URN (see the module's docstring).
    """
    if not item.exchange.startswith(GZIP_MAGIC):
        raise IntegrityError(f"capture {item.capture.get('id')}: its stored HTTP exchange is not a gzipped WARC")
    stored = _StoredExchange([], [], None, None, {})
    iterator = ArchiveIterator(io.BytesIO(item.exchange), check_digests=True)
    for record in iterator:
        misnamed = record.rec_type == "metadata" and not _is_urn(record.rec_headers.get_header("WARC-Target-URI"))
        if misnamed:
            block = record.raw_stream.read()  # a note: a few hundred bytes
        else:
            _drain(record)
        _check_digests(record, item.capture)
        start, length = iterator.get_record_offset(), iterator.get_record_length()
        stored.members.append(_renamed_note(record, block) if misnamed else item.exchange[start:start + length])
        stored.ids.append(_record_id(record))
        if record.rec_type == "response":
            stored.response = stored.response or record
            status = record.http_headers.get_statuscode() if record.http_headers else ""
            if status.startswith("2"):
                stored.answers.setdefault(record.rec_headers.get_header("WARC-Target-URI"),
                                          record.rec_headers.get_header("WARC-Date"))
        elif record.rec_type == "request" and stored.request is None:
            stored.request = record
    if stored.response is None:
        raise IntegrityError(f"capture {item.capture.get('id')}: its stored HTTP exchange holds no response record")
    return stored


def _is_urn(uri: str | None) -> bool:
    return (uri or "").lower().startswith("urn:")


def _renamed_note(record: ArcWarcRecord, block: bytes) -> bytes:
    """Return a metadata record written again under EXCHANGE_NOTE_URN + its target URI, as one gzip member:
    its id, date, links and content unchanged."""
    kept = {name: value for name, value in record.rec_headers.headers
            if name.lower() in ("warc-record-id", "warc-date", "warc-refers-to", "warc-concurrent-to")}
    buffer = io.BytesIO()
    writer = _writer(buffer)
    writer.write_record(writer.create_warc_record(
        EXCHANGE_NOTE_URN + record.rec_headers.get_header("WARC-Target-URI"), "metadata",
        payload=io.BytesIO(block), length=len(block),
        warc_content_type=record.rec_headers.get_header("Content-Type"), warc_headers_dict=kept))
    return buffer.getvalue()


def _reason(response: ArcWarcRecord) -> str:
    """Return the reason phrase of a response's status line ("OK" of "200 OK")."""
    return response.http_headers.statusline.partition(" ")[2].strip()


def _drain(record: ArcWarcRecord) -> None:
    stream = record.raw_stream
    while stream.read(64 * 1024):
        pass


def _check_digests(record: ArcWarcRecord, capture: dict[str, Any]) -> None:
    if record.digest_checker.passed is False:
        problems = "; ".join(record.digest_checker.problems)
        raise IntegrityError(f"capture {capture.get('id')}: its stored HTTP exchange fails its WARC digest check "
                             f"({problems})")


def _resource_record(writer: WARCWriter, item: ExportItem) -> ArcWarcRecord:
    capture = item.capture
    uri = capture.get("url") or f"urn:evidence:capture:{capture['id']}"
    payload, length = _payload(item.original)
    return writer.create_warc_record(
        uri, "resource", payload=payload, length=length,
        warc_content_type=capture["media_type"],
        warc_headers_dict={"WARC-Date": warc_date(capture["captured_at"])})


def _payload(original: bytes | BinaryIO) -> tuple[BinaryIO, int]:
    """Return an original as a stream and its length (warcio reads it once for its digests, seeks back, then
    copies it into the file in pieces)."""
    if isinstance(original, (bytes, bytearray)):
        return io.BytesIO(original), len(original)
    length = original.seek(0, io.SEEK_END)
    original.seek(0)
    return original, length


def _json_record(writer: WARCWriter, uri: str, record_type: str, data: dict[str, Any],
                 headers: dict[str, str]) -> ArcWarcRecord:
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    return writer.create_warc_record(uri, record_type, payload=io.BytesIO(body), length=len(body),
                                     warc_content_type="application/json", warc_headers_dict=headers)


def _warcinfo_fields() -> dict[str, str]:
    return {"software": f"{SOFTWARE} {version_of(SOFTWARE)} (warcio {version_of('warcio')})",
            "format": "WARC File Format 1.1", "conformsTo": WARC_1_1_SPEC,
            "description": "captures exported from an evidence archive; each is preceded by a metadata record "
                           f"(application/json, {PROVENANCE_URN}...) holding its provenance"}


# -- exchange ------------------------------------------------------------------------------------


def _write_exchange(writer: WARCWriter, exchange: HttpExchange) -> tuple[str, dict[str, str]]:
    """Write an exchange's response record, then its request record (WARC-Concurrent-To the response); return
    the response's record id and the response headers left out as untrue of the decoded body."""
    date = warc_date(exchange.at)
    kept, dropped = _decoded_headers(exchange.response_headers, len(exchange.body))
    response = writer.create_warc_record(
        exchange.url, "response", payload=io.BytesIO(exchange.body), length=len(exchange.body),
        http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(), kept, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": date})
    response_id = _record_id(response)
    body = exchange.request_body or b""
    request = writer.create_warc_record(
        exchange.url, "request", payload=io.BytesIO(body), length=len(body),
        http_headers=_request_line(exchange.method, exchange.url, exchange.request_headers),
        warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id})
    writer.write_record(response)
    writer.write_record(request)
    return response_id, dropped


def _decoded_headers(headers: list[tuple[str, str]], length: int) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Split response headers into those true of the decoded body (with its length) and those dropped."""
    kept = [(name, value) for name, value in headers if name.lower() not in DECODED_AWAY]
    dropped = {name.lower(): value for name, value in headers if name.lower() in DECODED_AWAY}
    kept.append(("Content-Length", str(length)))
    return kept, dropped


def _request_line(method: str, url: str, headers: dict[str, str]) -> StatusAndHeaders:
    parts = urlsplit(url)
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return StatusAndHeaders(f"{method} {path} HTTP/1.1", list(headers.items()), is_http_request=True)


def _writer(handle: BinaryIO) -> WARCWriter:
    return WARCWriter(handle, gzip=True, warc_version=WARC_VERSION)


def _record_id(record: ArcWarcRecord) -> str:
    return record.rec_headers.get_header("WARC-Record-ID")

