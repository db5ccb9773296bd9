"""Check that nothing in an archive changed: blobs, texts, the ledger chain, catalog rows against the ledger,
and every citation's quote. Streams through the catalog, so memory stays flat however large the archive.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from archive.catalog import GENESIS_HASH, Catalog, ledger_hash
from archive.models import Capture
from archive.store import BlobStore, sha256_hex

# Fields of a capture.added event that must equal the catalog row.
_CAPTURE_FIELDS = ("sha256", "text_sha256", "source", "captured_at", "warc_sha256")


@dataclass
class Problem:
    """One thing that is not as recorded: which kind, which record, what differs."""

    kind: str
    id: str
    detail: str

    def to_json(self) -> dict:
        return {"kind": self.kind, "id": self.id, "detail": self.detail}


@dataclass
class Report:
    """The outcome of a verification: counts of what was checked and every problem found."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    ledger_entries: int = 0
    ledger_head: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "problems": [p.to_json() for p in self.problems],
                "ledger_head": {"entries": self.ledger_entries, "hash": self.ledger_head}}


def verify(catalog: Catalog, store: BlobStore, progress: Callable[[int], None] | None = None,
           reextract: Callable[[Capture, bytes], str] | None = None) -> Report:
    """Check every layer of the archive; `reextract`, when given, re-derives each text from its original."""
    report = Report()
    count = _count(report)
    for problem in _check_captures(catalog, store, count, progress, reextract):
        report.problems.append(problem)
    for problem in _check_ledger_chain(catalog, count, report):
        report.problems.append(problem)
    for problem in _check_claims_and_citations(catalog, count):
        report.problems.append(problem)
    return report


def _count(report: Report) -> Callable[[str], None]:
    def count(what: str) -> None:
        report.checked[what] = report.checked.get(what, 0) + 1
    return count


def _check_captures(catalog: Catalog, store: BlobStore, count, progress, reextract) -> Iterator[Problem]:
    """Re-hash each blob and text, and compare each row with its capture.added ledger event."""
    events = catalog.db.query("SELECT subject, data FROM ledger WHERE event = 'capture.added' ORDER BY seq")
    recorded = ((int(e["subject"]), json.loads(e["data"])) for e in events)
    pending = next(recorded, None)
    for capture in catalog.iter_captures(with_text=True):
        count("captures")
        yield from _check_blob(capture, store, count, reextract)
        text_hash = sha256_hex((capture.text or "").encode("utf-8"))
        count("texts")
        if text_hash != capture.text_sha256:
            yield Problem("text_changed", f"capture {capture.id}",
                          f"the stored text hashes to {text_hash}, the catalog records {capture.text_sha256}")
        # Both streams are in capture order: walk them side by side instead of holding either in memory.
        while pending is not None and pending[0] < capture.id:
            yield Problem("row_missing", f"capture {pending[0]}",
                          "the ledger records this capture but the catalog has no row for it")
            pending = next(recorded, None)
        if pending is None or pending[0] != capture.id:
            yield Problem("not_in_ledger", f"capture {capture.id}", "the catalog row has no capture.added event")
        else:
            yield from _compare_fields(f"capture {capture.id}", pending[1], vars(capture), _CAPTURE_FIELDS)
            pending = next(recorded, None)
        if progress:
            progress(1)
    while pending is not None:
        yield Problem("row_missing", f"capture {pending[0]}",
                      "the ledger records this capture but the catalog has no row for it")
        pending = next(recorded, None)


def _check_blob(capture: Capture, store: BlobStore, count, reextract) -> Iterator[Problem]:
    count("blobs")
    try:
        with store.open(capture.sha256) as blob:
            digest = hashlib.file_digest(blob, "sha256").hexdigest()
    except (OSError, ValueError):
        yield Problem("blob_missing", f"capture {capture.id}",
                      f"the original bytes {capture.sha256} are not in the blob store")
        return
    if digest != capture.sha256:
        yield Problem("blob_changed", f"capture {capture.id}",
                      f"the original bytes hash to {digest}, the catalog records {capture.sha256}")
        return
    if capture.warc_sha256:
        count("exchange_warcs")
        try:
            with store.open(capture.warc_sha256) as blob:
                exchange = hashlib.file_digest(blob, "sha256").hexdigest()
        except (OSError, ValueError):
            exchange = None
        if exchange != capture.warc_sha256:
            yield Problem("blob_missing" if exchange is None else "blob_changed", f"capture {capture.id}",
                          f"the WARC of the HTTP exchange {capture.warc_sha256} is "
                          + ("not in the blob store" if exchange is None else f"changed (hashes to {exchange})"))
    if reextract is not None:
        count("reextracted")
        text = reextract(capture, store.get(capture.sha256))
        if sha256_hex(text.encode("utf-8")) != capture.text_sha256:
            yield Problem("text_differs_on_reextraction", f"capture {capture.id}",
                          "extracting the original again gives a different text "
                          f"(recorded with {', '.join(f'{k} {v}' for k, v in capture.tools.items())})")


def _check_ledger_chain(catalog: Catalog, count, report: Report) -> Iterator[Problem]:
    """Recompute every entry's hash and check that each links to the one before."""
    previous, expected_seq = GENESIS_HASH, 1
    for entry in catalog.iter_ledger():
        count("ledger_entries")
        where = f"ledger entry {entry['seq']}"
        if entry["seq"] != expected_seq:
            yield Problem("ledger_gap", where, f"expected entry {expected_seq} here: entries are missing")
        if entry["prev_hash"] != previous:
            yield Problem("ledger_broken", where,
                          f"it links to {entry['prev_hash']}, but the entry before it hashes to {previous}")
        computed = ledger_hash(entry["prev_hash"], entry["seq"], entry["at"], entry["event"], entry["subject"],
                               entry["data"])
        if computed != entry["hash"]:
            yield Problem("ledger_changed", where,
                          f"its content hashes to {computed}, but it records {entry['hash']}")
        previous, expected_seq = entry["hash"], entry["seq"] + 1
        report.ledger_entries, report.ledger_head = entry["seq"], entry["hash"]


def _check_claims_and_citations(catalog: Catalog, count) -> Iterator[Problem]:
    """Compare claims and citations with their ledger events, and re-anchor every cited quote."""
    claims_recorded: dict[int, dict] = {}
    citations_recorded: dict[int, dict] = {}
    removed: set[int] = set()
    for event in catalog.db.query("SELECT event, subject, data FROM ledger WHERE event LIKE 'claim.%' "
                                  "OR event LIKE 'citation.%' ORDER BY seq"):
        data, subject = json.loads(event["data"]), int(event["subject"])
        if event["event"] == "claim.created":
            claims_recorded[subject] = {"text": data["text"], "status": "unchecked", "notes": None}
        elif event["event"] == "claim.status_changed" and subject in claims_recorded:
            claims_recorded[subject].update(status=data["status"], notes=data["notes"])
        elif event["event"] == "citation.added":
            citations_recorded[subject] = data
        elif event["event"] == "citation.removed":
            removed.add(subject)
    for row in catalog.db.query("SELECT id, text, status, notes FROM claims ORDER BY id"):
        count("claims")
        recorded = claims_recorded.pop(row["id"], None)
        if recorded is None:
            yield Problem("not_in_ledger", f"claim {row['id']}", "the catalog row has no claim.created event")
            continue
        yield from _compare_fields(f"claim {row['id']}", recorded, row, ("text", "status", "notes"))
    for claim_id in claims_recorded:
        yield Problem("row_missing", f"claim {claim_id}", "the ledger records this claim but the catalog has no row")
    texts: dict[int, str] = {}
    for citation in catalog.citations(include_removed=True):
        count("citations")
        where = f"citation {citation.id}"
        recorded = citations_recorded.pop(citation.id, None)
        if recorded is None:
            yield Problem("not_in_ledger", where, "the catalog row has no citation.added event")
        else:
            yield from _compare_fields(where, recorded, vars(citation),
                                       ("claim_id", "capture_id", "exact", "prefix", "suffix", "start", "end",
                                        "stance"))
        if (citation.removed_at is not None) != (citation.id in removed):
            yield Problem("catalog_mismatch", where, "its removal in the catalog does not match the ledger")
        if citation.removed_at is None:
            yield from _reanchor(catalog, citation, texts)
    for citation_id in citations_recorded:
        yield Problem("row_missing", f"citation {citation_id}",
                      "the ledger records this citation but the catalog has no row")


def _reanchor(catalog: Catalog, citation, texts: dict[int, str]) -> Iterator[Problem]:
    """Check that a current citation's quote still stands at its position in the capture's text."""
    if citation.capture_id not in texts:
        capture = catalog.get_capture(citation.capture_id, with_text=True)
        texts.clear()  # one capture at a time: citations come grouped closely enough, and memory stays flat
        texts[citation.capture_id] = capture.text if capture else None
    text = texts[citation.capture_id]
    if text is None:
        yield Problem("citation_broken", f"citation {citation.id}", f"capture {citation.capture_id} is missing")
    elif text[citation.start:citation.end] != citation.exact:
        found = text.find(citation.exact)
        where = f"it occurs at {found}" if found >= 0 else "it no longer occurs in the text"
        yield Problem("quote_not_anchored", f"citation {citation.id}",
                      f"the quote is not at {citation.start}–{citation.end} of capture {citation.capture_id}; {where}")


def _compare_fields(where: str, recorded: dict, actual: dict, names) -> Iterator[Problem]:
    for name in names:
        if name in recorded and recorded[name] != actual.get(name):
            yield Problem("catalog_mismatch", where,
                          f"{name} is {actual.get(name)!r} in the catalog but {recorded[name]!r} in the ledger")
