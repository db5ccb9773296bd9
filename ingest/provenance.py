"""Bring back the captures of this archive's own WARC exports (archive/warc_writer.py) as they were.

An export writes each capture's provenance, its catalog JSON, in a metadata record just before the record of
its original bytes. Imported, that capture comes back with the same SHA-256, capture time, kind, text and every
other described field, and a note naming the file and record it came from. The provenance is checked against
the record (its hash, size and WARC-Date), and the text is extracted again from the original bytes and
compared with the recorded text SHA-256, never taken from the file on trust.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

from archive.errors import CaptureError
from archive.models import NewCapture, Described
from archive.store import sha256_hex
from archive.warc_writer import PROVENANCE_URN
from ingest.pipeline import choose, reload

PROVENANCE_MAX = 8 * 1024 * 1024  # bytes of one provenance record; a capture's is a few kilobytes
PENDING_MAX = 64  # provenance records waiting for the record they describe; an export has one at a time
VISIT_MAX = 100_000  # ids of exported browser visits' records kept while reading a file, to skip those records
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _number(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _mapping(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def _pages(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(p, list) and len(p) == 2 and all(_number(n) for n in p)
                                           for p in value)


def _redirects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(r, dict) for r in value)


def _ocr(value: Any) -> bool:
    """An OCR record, as far as reading the capture again uses it: its packs, pages and each page's packs."""
    if not isinstance(value, dict) or not _texts(value.get("languages")):
        return False
    pages, by_page = value.get("pages"), value.get("page_languages") or {}
    return ((pages is None or (isinstance(pages, list) and all(_number(p) for p in pages)))
            and isinstance(by_page, dict) and all(k.isdigit() and _texts(v) for k, v in by_page.items()))


# What each key of a provenance record must hold; keys not named here are not restored.
REQUIRED = {"sha256": (_text, "a text"), "text_sha256": (_text, "a text"), "size": (_number, "a whole number"),
            "media_type": (_text, "a text"), "kind": (_text, "a text"), "source": (_text, "a text"),
            "method": (_text, "a text"), "captured_at": (_text, "a text")}
OPTIONAL = {"url": (_text, "a text"), "final_url": (_text, "a text"), "title": (_text, "a text"),
            "author": (_text, "a text"), "published": (_text, "a text"), "site": (_text, "a text"),
            "language": (_text, "a text"), "charset": (_text, "a text"), "http_status": (_number, "a whole number"),
            "http_reason": (_text, "a text"), "http_headers": (_mapping, "a mapping of texts"),
            "request_headers": (_mapping, "a mapping of texts"), "pages": (_pages, "a list of [start, end] pairs"),
            "redirects": (_redirects, "a list of objects"), "notes": (_texts, "a list of texts"),
            "tools": (_mapping, "a mapping of texts"), "ocr": (_ocr, "an OCR record")}


def described_record(record_type: str | None, content_type: str | None, uri: str | None,
                     refers_to: str | None) -> str | None:
    """Return the id of the record a provenance record of our export describes, or None for any other record."""
    if record_type != "metadata" or not refers_to or not (uri or "").startswith(PROVENANCE_URN):
        return None
    return refers_to if (content_type or "").split(";")[0].strip().lower() == "application/json" else None


def restore(provenance: dict, body: bytes, record_date: str | None, note: str, locator: str) -> NewCapture:
    """Return the capture a provenance record describes, from the described record's payload and date.

    Raise CaptureError when the provenance is unusable or does not describe this payload.
    """
    problem = _problem(provenance)
    if problem:
        raise CaptureError(locator, f"its provenance record cannot be used: {problem}")
    digest = sha256_hex(body)
    if digest != provenance["sha256"] or len(body) != provenance["size"]:
        raise CaptureError(locator, f"its payload ({len(body)} bytes, SHA-256 {digest}) is not the capture its "
                                    f"provenance record describes ({provenance['size']} bytes, SHA-256 "
                                    f"{provenance['sha256']})")
    if record_date != provenance["captured_at"]:
        raise CaptureError(locator, f"its WARC-Date ({record_date}) is not the capture time its provenance record "
                                    f"gives ({provenance['captured_at']})")
    described = {f.name: provenance.get(f.name) for f in fields(Described)}
    described.update(redirects=described["redirects"] or [], notes=described["notes"] or [],
                     tools=dict(described["tools"] or {}))
    captured = NewCapture(**described, body=body, text="", http_reason=provenance.get("http_reason"),
                        request_headers=provenance.get("request_headers"))
    loaded = reload(captured, body)
    try:
        fresh = choose(loaded).capture(loaded)
    except CaptureError as exc:
        raise CaptureError(locator, f"its text cannot be extracted again ({exc.reason})") from exc
    # Read again in the packs and pages the record names: the text, the OCR record and the word boxes are this
    # archive's reading.
    captured.text, captured.ocr, captured.parts = fresh.text, fresh.ocr, fresh.parts
    if sha256_hex(fresh.text.encode("utf-8")) != provenance["text_sha256"]:
        # The bytes are the evidence and the text is derived from them: keep the text these tools extract, and
        # say that it differs from the one the exporting archive extracted.
        note += (f"; the text extracted here differs from the exported one (text SHA-256 "
                 f"{provenance['text_sha256']}, extracted with {_listed(captured.tools)})")
        captured.tools = dict(fresh.tools)
    captured.notes = [*captured.notes, note]
    return captured


def _problem(provenance: dict) -> str | None:
    """Say what is wrong with a provenance record's fields, or return None."""
    for key, (valid, what) in REQUIRED.items():
        if key not in provenance:
            return f"it gives no {key}"
        if not valid(provenance[key]):
            return f"its {key} is not {what}"
    for key, (valid, what) in OPTIONAL.items():
        if provenance.get(key) is not None and not valid(provenance[key]):
            return f"its {key} is not {what}"
    for key in ("sha256", "text_sha256"):
        if not _SHA256.match(provenance[key]):
            return f"its {key} is not a SHA-256 in hexadecimal"
    return None


def _listed(tools: dict[str, str]) -> str:
    return ", ".join(f"{name} {version}" for name, version in sorted(tools.items())) or "no recorded tools"
