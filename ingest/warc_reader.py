"""Import WARC, WARC.GZ and WACZ files: every HTML or PDF record of other tools' files becomes a capture, and
every capture of this archive's own exports comes back as it was exported (ingest/provenance.py).

Naming a record: `PATH#OFFSET`, the file as given and the byte offset where the record starts (in the
compressed file for .warc.gz, as CDX indexes count it), so `warcio extract PATH OFFSET` shows it again. Inside
a WACZ the WARC's name in the zip follows a `!`: `crawl.wacz!archive/data.warc.gz#1234`. That locator is the
`source` of the NewCapture value and of a record's failed result; failure sentences add the record's target
URI: `crawl.warc.gz#1234 (http://example.com/): the PDF is broken and cannot be read (...)`.

Every record is read to its end with warcio's digest checking on, so a record whose bytes do not match its
recorded digest is reported, never imported.
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator, WARCIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from archive.clock import format_timestamp, parse_time
from archive.errors import CaptureError
from archive.models import NewCapture, IngestResult
from archive.tools import tool_versions
from ingest import provenance as exported
from ingest.base import Loaded
from ingest.html import HtmlIngestor
from ingest.ocr import OcrRequest
from ingest.pdf import PdfIngestor
from ingest.pipeline import Limits, choose
from ingest.sniff import sniff
from ingest.sources import read_capped
from ingest.warcfile import ZIP_MAGIC, is_warc, warc_members  # noqa: F401  (is_warc is part of this API)

SNIFFED_DOCUMENTS = ("text/html", "application/pdf")
DECLARED_DOCUMENTS = HtmlIngestor.media_types + PdfIngestor.media_types
IMPORTED_TYPES = ("response", "resource")
SNIFF_SIZE = 1024
# The skip summary lists kinds in this order; a record type not named here follows, alphabetically.
SKIP_ORDER = ("warcinfo", "request", "metadata", "revisit", "redirect", "error", "non-document")


REVISIT_MEMORY = 1_000  # documents read from a file kept for the revisit records that repeat their payload
IDENTICAL_PAYLOAD = "identical-payload-digest"  # the end of WARC 1.0's and 1.1's revisit profile URIs


class Awaited(dict):
    """Provenance records of our export waiting for the record each describes, by its id; `visit`, the ids of
    the records of exported browser visits, which are skipped: their capture comes back from its DOM; and
    `documents`, the captures read so far by their record's payload digest, for the revisits that repeat one."""

    def __init__(self):
        super().__init__()
        self.visit: set[str] = set()
        self.documents: dict[str, NewCapture] = {}


@dataclass
class WarcRecord:
    """One record read to its end: what it says about itself and what reading it found."""

    locator: str  # PATH#OFFSET
    type: str
    record_id: str | None
    date: str | None
    uri: str | None
    status: int | None
    headers: dict[str, str] | None  # HTTP headers, lower-case names
    content_type: str | None  # the HTTP Content-Type, or the WARC one for records without HTTP headers
    skip: str | None = None  # the kind counted in the summary when the record is no document
    payload: bytes | None = None  # read only when the record may be a document
    digest_problems: list[str] = field(default_factory=list)
    misframed: bool = False  # not followed by the blank lines its Content-Length promises
    missing: int = 0  # bytes the file lacks to complete the record
    refers_to: str | None = None  # set on a provenance record of our export: the id of the record it describes
    provenance: dict | None = None  # set on a record our export described: what its provenance record says
    payload_digest: str | None = None  # WARC-Payload-Digest
    revisits: str | None = None  # set on a revisit of an identical payload: the digest it repeats


def read_warc(path: str, limits: Limits) -> Iterator[NewCapture | IngestResult]:
    """Yield a NewCapture per HTML or PDF record and per exported capture, a failed result per bad record, and
    one summary of the skipped records."""
    skipped: Counter[str] = Counter()
    described = Awaited()  # record id: the provenance our export gave it, until the record arrives
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield _file_failed(path, _unreadable(exc))
        return
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if not size:
            yield _file_failed(path, "the file is empty")
            return
        is_zip = handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC
        handle.seek(0)
        if is_zip:
            yield from _read_wacz(path, handle, limits, skipped, described)
        else:
            yield from _read_warc_stream(handle, size, path, path, limits, skipped, described)
    if described:
        skipped["metadata"] += len(described)  # provenance records whose record never came
    if skipped:
        yield IngestResult(path, "skipped", error=f"{path}: {_skip_summary(skipped)} skipped",
                           count=sum(skipped.values()))


def utc_timestamp(warc_date: str | None) -> str | None:
    """Turn a WARC-Date (W3C datetime, 0 to 9 fraction digits) into 2017-03-06T04:02:06.000000Z, or None."""
    # Python 3.11's parser reads 'Z', offsets and any number of fraction digits (truncated to 6).
    moment = parse_time(warc_date.strip()) if warc_date else None
    return format_timestamp(moment) if moment else None


# -- files --------------------------------------------------------------------------------------


def _read_wacz(path: str, handle: BinaryIO, limits: Limits, skipped: Counter[str],
               described: dict[str, dict]) -> Iterator[NewCapture | IngestResult]:
    try:
        wacz = zipfile.ZipFile(handle)
    except zipfile.BadZipFile as exc:
        yield _file_failed(path, f"is not a readable WACZ file: the zip is damaged ({exc})")
        return
    with wacz:
        members = warc_members(wacz)
        if not members:
            yield _file_failed(path, "the WACZ file holds no WARC file under archive/")
        for member in members:
            label = f"{path}!{member}"
            try:
                stream = wacz.open(member)
            except (zipfile.BadZipFile, NotImplementedError, OSError) as exc:
                yield _file_failed(path, f"{member} inside it cannot be opened ({_describe(exc)})")
                continue
            with stream:
                yield from _read_warc_stream(stream, wacz.getinfo(member).file_size, path, label, limits, skipped,
                                             described)


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a WARC file"
    if isinstance(exc, PermissionError):
        return "the file cannot be read (permission denied)"
    return f"the file cannot be read ({exc.strerror or exc})"


# -- records ------------------------------------------------------------------------------------


def _read_warc_stream(stream: BinaryIO, size: int, path: str, label: str, limits: Limits,
                      skipped: Counter[str], described: dict[str, dict]) -> Iterator[NewCapture | IngestResult]:
    """Import one WARC stream of `size` bytes; `label` names it in locators (path, or path!member in a WACZ)."""
    # WARCIterator, not ArchiveIterator: the latter falls back to the ARC format and reads any text as records.
    iterator = WARCIterator(stream, check_digests=True)
    records = iter(iterator)
    name = Path(path).name + label[len(path):]
    read, short = 0, None
    while True:
        try:
            record = next(records, None)
            entry = _read_record(iterator, record, label, limits, described) if record is not None else None
        except Exception as exc:
            # A damaged file raises whatever its parser or decompressor meets first (ArchiveLoadFailed,
            # zlib.error, EOFError, BadZipFile, even AttributeError from warcio on a cut header). The records
            # before the damage are sound and already imported; the damage ends this file, not the ingest.
            yield _damaged(path, label, read, _reason(exc))
            return
        if short is not None:
            # A record short of its Content-Length is a cut file when nothing follows it, else a bad record.
            if entry is None:
                yield _damaged(path, label, read - 1, f"the file ends {short.missing} bytes before the end of "
                                                      f"record {read}, which was not imported")
                return
            yield _record_failed(short, f"the record is {short.missing} bytes shorter than its Content-Length "
                                        "says")
            short = None
        if entry is None:
            # warcio ends quietly on a file cut inside a record's headers: the next record would start short of
            # the end of the file.
            if iterator.offset < size:
                yield _damaged(path, label, read, f"the file ends inside record {read + 1}: its last "
                                                  f"{size - iterator.offset} bytes hold no complete record")
                return
            break
        read += 1
        if entry.missing:
            short = entry
            continue
        yield from _import(entry, name, limits, skipped, described)
    if not read:
        yield _file_failed(path, f"{_inside(path, label)}holds no WARC records")


def _read_record(iterator: ArchiveIterator, record: ArcWarcRecord, label: str, limits: Limits,
                 described: dict[str, dict]) -> WarcRecord:
    """Read a record to its end, its payload too when it may be a document, which completes its digest check.

    A provenance record of our own export is read too, and a record it described is read whatever its type.
    """
    headers = _http_headers(record)
    content_type = (headers or {}).get("content-type") or record.rec_headers.get_header("Content-Type")
    status = _status(record)
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    refers_to = exported.described_record(record.rec_type, record.rec_headers.get_header("Content-Type"),
                                          record.rec_headers.get_header("WARC-Target-URI"),
                                          record.rec_headers.get_header("WARC-Refers-To"))
    provenance = described.pop(record_id, None) if record.rec_type in IMPORTED_TYPES else None
    skip = None if refers_to or provenance is not None else _skip_kind(record.rec_type, status)
    if record_id in described.visit:  # of an exported browser capture, which came back from its DOM
        described.visit.discard(record_id)
        skip = "browser visit"
    payload = None
    if refers_to:
        stream = record.content_stream()
        payload = read_capped(stream, exported.PROVENANCE_MAX, head=stream.read(SNIFF_SIZE))
    elif skip is None:
        payload = _document_payload(record, content_type, limits.max_bytes, any_type=provenance is not None)
        skip = "non-document" if payload is None else None
    errors_before = iterator.err_count
    offset = iterator.get_record_offset()  # reads what is left of the record, feeding the digest check
    return WarcRecord(
        locator=f"{label}#{offset}", type=record.rec_type or "unknown", record_id=record_id,
        date=record.rec_headers.get_header("WARC-Date"), uri=record.rec_headers.get_header("WARC-Target-URI"),
        status=status, headers=headers, content_type=content_type, skip=skip, payload=payload,
        digest_problems=_digest_problems(record), misframed=iterator.err_count > errors_before,
        # A file cut inside a record leaves its length reader short: warcio then ends the record silently.
        missing=getattr(record.raw_stream, "limit", 0) or 0, refers_to=refers_to, provenance=provenance,
        payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"), revisits=_revisited(record),
    )


def _revisited(record: ArcWarcRecord) -> str | None:
    """Return the payload digest a revisit record says was fetched again unchanged, or None."""
    profile = record.rec_headers.get_header("WARC-Profile") or ""
    if record.rec_type != "revisit" or not profile.endswith(IDENTICAL_PAYLOAD):
        return None
    return record.rec_headers.get_header("WARC-Payload-Digest")


def _skip_kind(record_type: str | None, status: int | None) -> str | None:
    """Return why a record is no document from its headers alone, or None when its payload must tell."""
    if record_type not in IMPORTED_TYPES:
        return record_type or "unknown"
    if status is not None and 300 <= status < 400:
        return "redirect"
    if status is not None and status >= 400:
        return "error"
    if status is not None and not 200 <= status < 300:
        return "non-document"
    return None


def _document_payload(record: ArcWarcRecord, content_type: str | None, max_bytes: int,
                      any_type: bool = False) -> bytes | None:
    """Return the de-chunked, decoded payload if it is HTML or PDF (or `any_type`), else None; stop reading once
    past max_bytes."""
    stream = record.content_stream()
    head = stream.read(SNIFF_SIZE)
    if not any_type and not _is_document(_media_type(content_type), head):
        return None
    return read_capped(stream, max_bytes, head=head)


def _is_document(declared: str | None, head: bytes) -> bool:
    """Tell HTML and PDF payloads from the rest by content, trusting the header only for unsniffable text."""
    if not head:
        return False
    sniffed = sniff(head)
    if sniffed in SNIFFED_DOCUMENTS:
        return True
    # Pages starting with a script or a comment sniff as text; an image or a zip is never a page.
    return declared in DECLARED_DOCUMENTS and sniffed in (None, "text/plain")


def _http_headers(record: ArcWarcRecord) -> dict[str, str] | None:
    if not record.http_headers or record.rec_type not in IMPORTED_TYPES:
        return None
    merged: dict[str, str] = {}
    for name, value in record.http_headers.headers:
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


def _status(record: ArcWarcRecord) -> int | None:
    if not record.http_headers or record.rec_type not in IMPORTED_TYPES:
        return None
    code = record.http_headers.get_statuscode()
    return int(code) if code.isdigit() else None


def _media_type(content_type: str | None) -> str | None:
    return content_type.split(";")[0].strip().lower() if content_type else None


def _digest_problems(record: ArcWarcRecord) -> list[str]:
    """Return one phrase per failed digest, with the recorded and the computed value."""
    if record.digest_checker is None or record.digest_checker.passed is not False:
        return []
    # warcio keeps the digests it computed on the verifying reader; the empty-payload one never saw a byte.
    reader = record.raw_stream
    computed = {"payload": getattr(reader, "payload_digester_obj", None),
                "block": getattr(reader, "block_digester", None)}
    problems = []
    for problem in record.digest_checker.problems:
        kind, _, recorded = problem.partition(" digest failed")
        recorded = recorded.lstrip(": ")
        if kind in computed and recorded:
            found = f", {computed[kind]} computed" if computed[kind] is not None else ""
            problems.append(f"its {kind} digest does not match ({recorded} recorded{found})")
        else:
            problems.append(problem)
    return problems


# -- outcomes -----------------------------------------------------------------------------------


def _import(entry: WarcRecord, name: str, limits: Limits, skipped: Counter[str],
            described: dict[str, dict]) -> Iterator[NewCapture | IngestResult]:
    """Yield what one record becomes: a capture, a failed result, or nothing but a count in `skipped` (or, for a
    provenance record of our export, what `described` keeps until the record it describes)."""
    if entry.digest_problems:
        yield _record_failed(entry, f"the {entry.type} record is damaged or altered: "
                                    f"{'; '.join(entry.digest_problems)}")
    elif entry.misframed:
        yield _record_failed(entry, f"the {entry.type} record does not end where its Content-Length says, "
                                    "so its bytes cannot be trusted")
    elif entry.refers_to is not None:
        yield from _remember(entry, skipped, described)
    elif entry.revisits in described.documents and entry.status in (None, 200):
        yield _revisit(entry, described.documents[entry.revisits], name)
    elif entry.skip:
        skipped[entry.skip] += 1
    elif len(entry.payload) > limits.max_bytes:
        yield _record_failed(entry, f"the payload is too large (over the {limits.max_bytes / 1048576:.1f} MB "
                                    "limit)")
    elif utc_timestamp(entry.date) is None:
        yield _record_failed(entry, f"the record has no valid WARC-Date ({entry.date!r})")
    elif entry.provenance is not None:
        yield _restore(entry, name)
    else:
        captured = _extract(entry, name, limits)
        if isinstance(captured, NewCapture) and entry.payload_digest and len(described.documents) < REVISIT_MEMORY:
            described.documents[entry.payload_digest] = captured
        yield captured


def _revisit(entry: WarcRecord, earlier: NewCapture, name: str) -> NewCapture | IngestResult:
    """Return a revisit record of a payload read earlier in the file: the same bytes fetched again, at the
    revisit's URL and time, which the archive keeps as an observation of the capture that holds them."""
    if utc_timestamp(entry.date) is None:
        return _record_failed(entry, f"the record has no valid WARC-Date ({entry.date!r})")
    return replace(earlier, source=entry.locator, captured_at=utc_timestamp(entry.date), url=entry.uri,
                   final_url=entry.uri, http_status=entry.status, http_headers=entry.headers,
                   notes=[*earlier.notes[:-1], f"{_note(entry, name)}, a revisit of the payload of {earlier.source}"])


def _remember(entry: WarcRecord, skipped: Counter[str], described: dict[str, dict]) -> Iterator[IngestResult]:
    """Keep a provenance record of our export until the record it describes comes next."""
    if len(entry.payload) > exported.PROVENANCE_MAX:
        yield _record_failed(entry, f"the provenance record is too large (over "
                                    f"{exported.PROVENANCE_MAX // 1048576} MB)")
        return
    try:
        provenance = json.loads(entry.payload)
    except ValueError:
        provenance = None
    if not isinstance(provenance, dict):
        yield _record_failed(entry, "the provenance record is not a JSON object")
        return
    described[entry.refers_to] = provenance
    visit = provenance.get("visit_records")
    if isinstance(visit, list) and len(described.visit) + len(visit) <= exported.VISIT_MAX:
        described.visit.update(record_id for record_id in visit if isinstance(record_id, str))
    if len(described) > exported.PENDING_MAX:
        # A file of provenance records without their records: forget the oldest rather than grow without bound.
        described.pop(next(iter(described)))
        skipped["metadata"] += 1


def _restore(entry: WarcRecord, name: str) -> NewCapture | IngestResult:
    """Bring back a capture of our own export as its provenance record describes it."""
    try:
        return exported.restore(entry.provenance, entry.payload, utc_timestamp(entry.date), _note(entry, name),
                                entry.locator)
    except CaptureError as exc:
        return _record_failed(entry, exc.reason)


def _extract(entry: WarcRecord, name: str, limits: Limits) -> NewCapture | IngestResult:
    """Run the ingestor the payload calls for; `name` is the file's name, for the provenance note."""
    loaded = _loaded(entry)
    loaded.ocr = OcrRequest.within(limits, time.monotonic())  # the time limit applies to each record
    try:
        captured = choose(loaded).capture(loaded)
    except CaptureError as exc:
        return _record_failed(entry, exc.reason)
    if not captured.text.strip() and not captured.notes:
        return _record_failed(entry, "no text could be extracted")
    captured.notes = [*captured.notes, _note(entry, name)]
    # A new dict: the ingestors' tool dicts are shared, cached values.
    captured.tools = {**captured.tools, "warcio": tool_versions("warcio")["warcio"]}
    return captured


def _note(entry: WarcRecord, name: str) -> str:
    return f"imported from {name} record {entry.record_id} (WARC-Date {entry.date})"


def _loaded(entry: WarcRecord) -> Loaded:
    return Loaded(
        source=entry.locator, method="warc", body=entry.payload, captured_at=utc_timestamp(entry.date),
        name=urlsplit(entry.uri or "").path or "/", declared_type=_media_type(entry.content_type),
        content_type=entry.content_type, url=entry.uri, final_url=entry.uri, http_status=entry.status,
        http_headers=entry.headers,
    )


def _record_failed(entry: WarcRecord, reason: str) -> IngestResult:
    named = f"{entry.locator} ({entry.uri})" if entry.uri else entry.locator
    return IngestResult.failed(entry.locator, f"{named}: {reason}", "unprocessable")


def _file_failed(path: str, reason: str) -> IngestResult:
    return IngestResult.failed(path, f"{path}: {reason}", "unprocessable")


def _damaged(path: str, label: str, read: int, reason: str) -> IngestResult:
    where = _inside(path, label)
    if not read:
        return _file_failed(path, f"{where}cannot be read as a WARC file ({reason})")
    records = "1 record was read" if read == 1 else f"{read} records were read"
    return _file_failed(path, f"{where}the WARC file is damaged after record {read} ({reason}); {records}")


def _inside(path: str, label: str) -> str:
    """Name the WARC inside a WACZ in a sentence about the WACZ."""
    return f"{label[len(path) + 1:]} inside it: " if label != path else ""


def _reason(exc: BaseException) -> str:
    """Say in one line what broke a WARC file; warcio's messages run over several lines."""
    message = str(exc)
    if isinstance(exc, ArchiveLoadFailed) and "non-chunked gzip" in message:
        return ("it is compressed as one gzip stream instead of one gzip member per record; "
                "`warcio recompress` can repair it")
    first_line = next((line.strip() for line in message.splitlines() if line.strip()), "")
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in first_line[:200])
    if isinstance(exc, ArchiveLoadFailed) and shown:
        return shown
    return _describe(exc, shown)


def _describe(exc: BaseException, text: str | None = None) -> str:
    text = str(exc).strip() if text is None else text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _skip_summary(skipped: Counter[str]) -> str:
    kinds = [k for k in SKIP_ORDER if k in skipped] + sorted(k for k in skipped if k not in SKIP_ORDER)
    noun = "record" if sum(skipped.values()) == 1 else "records"
    return ", ".join(f"{skipped[kind]} {kind}" for kind in kinds) + f" {noun}"
