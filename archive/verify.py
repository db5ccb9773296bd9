"""Check that nothing in an archive changed: blobs, texts, the ledger chain, every stored fact against the
ledger's record of it, derived data against its recorded digest, the search index against the catalog, and
every citation's quote. Streams through the catalog, so memory stays flat however large the archive.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from archive import figures as figure_engine
from archive.analysis import analyse
from archive.catalog import (GENESIS_HASH, OBSERVATION_FIELDS, RECORDED_CAPTURE_FIELDS, Catalog, derived_digest,
                             ledger_hash)
from archive.errors import ArchiveError
from archive.models import Capture
from archive.store import BlobStore, sha256_hex

_CITATION_FIELDS = ("claim_id", "capture_id", "exact", "prefix", "suffix", "start", "end", "page", "stance",
                    "note")


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
    """The outcome of a verification: counts of what was checked, every problem, and notices that are no
    problem of the evidence (originals no capture records, left by an interrupted run)."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    ledger_entries: int = 0
    ledger_head: str = GENESIS_HASH

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "problems": [p.to_json() for p in self.problems],
                "notices": self.notices,
                "ledger_head": {"entries": self.ledger_entries, "hash": self.ledger_head}}


def verify(catalog: Catalog, store: BlobStore, index_ids: Callable[[], list[int]] | None = None,
           progress: Callable[[int], None] | None = None,
           reextract: Callable[[Capture, bytes], str] | None = None) -> Report:
    """Check every layer of the archive. `index_ids()`, the capture id of each search index document, is
    compared with the catalog; `reextract`, when given, re-derives each text from its original and its figures again."""
    report = Report()
    count = _count(report)
    with catalog.snapshot():  # rows and ledger from one moment, however many write meanwhile
        for check in (_check_captures(catalog, store, count, progress, reextract),
                      _check_observations(catalog, count), _check_ledger_chain(catalog, count, report),
                      _check_claims_and_citations(catalog, count)):
            report.problems.extend(check)
    if index_ids is not None:  # the index is no part of the snapshot: read in the order writers write
        report.problems.extend(_check_index(catalog, index_ids, count))
    unrecorded = _unrecorded_blobs(catalog, store)
    if unrecorded:
        report.notices.append(
            f"{unrecorded} original{'s' if unrecorded != 1 else ''} in {store.folder} belong to no capture: "
            "left by an interrupted run (harmless), or the catalog is older than the blobs (restored from a "
            "backup?)")
    return report


def _count(report: Report) -> Callable[..., None]:
    def count(what: str, number: int = 1) -> None:
        report.checked[what] = report.checked.get(what, 0) + number
    return count


def _check_captures(catalog: Catalog, store: BlobStore, count, progress, reextract) -> Iterator[Problem]:
    """Re-hash each blob and text, and hold every stored fact of each capture to its ledger record."""
    recorded_ids = _recorded_ids(catalog, "capture.added", "capture_id")
    for capture in catalog.iter_captures(with_text=True):
        count("captures")
        where = f"capture {capture.id}"
        yield from _check_blob(capture, store, count, reextract)
        text_hash = sha256_hex((capture.text or "").encode("utf-8"))
        count("texts")
        if text_hash != capture.text_sha256:
            yield Problem("text_changed", where,
                          f"the stored text hashes to {text_hash}, the catalog records {capture.text_sha256}")
        record = catalog.recorded_capture(capture.id) if capture.id in recorded_ids else None
        recorded_ids.discard(capture.id)
        yield from _held_to(where, "capture.added", record, vars(capture), RECORDED_CAPTURE_FIELDS)
        if record is not None:
            yield from _check_derived(catalog, capture, record, count, reextract is not None)
        if progress:
            progress(1)
    yield from _rows_missing("capture", recorded_ids)


def _check_derived(catalog: Catalog, capture: Capture, record: dict, count, deep: bool) -> Iterator[Problem]:
    """Hold the figures and token marks stored for a capture to the digest its ledger record holds; `deep`
    also derives them from the text again."""
    stored = catalog.figures_of(capture.id)
    if record.get("derived_sha256") is not None:
        count("derived")
        if derived_digest(stored, capture.token_marks) != record["derived_sha256"]:
            yield Problem("derived_changed", f"capture {capture.id}",
                          "its stored figures or token marks differ from what the ledger records "
                          "(run `evidence reindex` to derive them again from the text)")
    if deep:
        fresh = derived_digest(figure_engine.extract(capture.text or ""), analyse(capture.text or "").marks)
        if fresh != derived_digest(stored, capture.token_marks):
            yield Problem("derived_stale", f"capture {capture.id}",
                          "deriving its figures and token marks from the text again gives a different result")


def _check_blob(capture: Capture, store: BlobStore, count, reextract) -> Iterator[Problem]:
    count("blobs")
    digest = _hash_blob(store, capture.sha256)
    if digest != capture.sha256:
        yield Problem("blob_missing" if digest is None else "blob_changed", f"capture {capture.id}",
                      f"the original bytes {capture.sha256} are not in the blob store" if digest is None
                      else f"the original bytes hash to {digest}, the catalog records {capture.sha256}")
        return
    if capture.warc_sha256:
        count("exchange_warcs")
        exchange = _hash_blob(store, capture.warc_sha256)
        if exchange != capture.warc_sha256:
            yield Problem("blob_missing" if exchange is None else "blob_changed", f"capture {capture.id}",
                          f"the WARC of the HTTP exchange {capture.warc_sha256} is "
                          + ("not in the blob store" if exchange is None else f"changed (hashes to {exchange})"))
    if reextract is not None:
        count("reextracted")
        try:
            text = reextract(capture, store.get(capture.sha256))
        except ArchiveError as exc:  # today's extraction refuses what an older version captured
            yield Problem("text_differs_on_reextraction", f"capture {capture.id}",
                          f"extracting the original again fails: {getattr(exc, 'reason', exc)}")
            return
        if sha256_hex(text.encode("utf-8")) != capture.text_sha256:
            yield Problem("text_differs_on_reextraction", f"capture {capture.id}",
                          "extracting the original again gives a different text "
                          f"(recorded with {', '.join(f'{k} {v}' for k, v in capture.tools.items())})")


def _hash_blob(store: BlobStore, sha256: str) -> str | None:
    try:
        with store.open(sha256) as blob:
            return hashlib.file_digest(blob, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


def _check_observations(catalog: Catalog, count) -> Iterator[Problem]:
    """Hold every observation (a later fetch of archived bytes) to its capture.observed event."""
    recorded = {json.loads(e["data"])["observation_id"]: json.loads(e["data"])
                for e in catalog.iter_ledger(("capture.observed",))}
    for observation in catalog.observations():
        count("observations")
        yield from _held_to(f"observation {observation.id}", "capture.observed", recorded.pop(observation.id, None),
                            vars(observation), OBSERVATION_FIELDS)
    yield from _rows_missing("observation", recorded)


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
    """Hold claims and citations, their times included, to their ledger events, and re-anchor every quote."""
    claims_recorded: dict[int, dict] = {}
    citations_recorded: dict[int, dict] = {}
    removed: dict[int, str] = {}
    for event in catalog.iter_ledger(("claim.created", "claim.status_changed", "citation.added",
                                      "citation.removed")):
        data, subject, at = json.loads(event["data"]), int(event["subject"]), event["at"]
        if event["event"] == "claim.created":
            claims_recorded[subject] = {"text": data["text"], "status": "unchecked", "notes": None,
                                        "created_at": at, "updated_at": at}
        elif event["event"] == "claim.status_changed" and subject in claims_recorded:
            claims_recorded[subject].update(status=data["status"], notes=data["notes"], updated_at=at)
        elif event["event"] == "citation.added":
            citations_recorded[subject] = {**data, "created_at": at}
        elif event["event"] == "citation.removed":
            removed[subject] = at
    for row in catalog.claim_rows():
        count("claims")
        yield from _held_to(f"claim {row['id']}", "claim.created", claims_recorded.pop(row["id"], None), row,
                            ("text", "status", "notes", "created_at", "updated_at"))
    yield from _rows_missing("claim", claims_recorded)
    texts: dict[int, str] = {}
    for citation in catalog.citations(include_removed=True):
        count("citations")
        where = f"citation {citation.id}"
        yield from _held_to(where, "citation.added", citations_recorded.pop(citation.id, None), vars(citation),
                            (*_CITATION_FIELDS, "created_at"))
        if citation.removed_at != removed.get(citation.id):
            yield Problem("catalog_mismatch", where, "its removal in the catalog does not match the ledger")
        if citation.removed_at is None:
            yield from _reanchor(catalog, citation, texts)
    yield from _rows_missing("citation", citations_recorded)


def _check_index(catalog: Catalog, index_ids: Callable[[], list[int]], count) -> Iterator[Problem]:
    """Compare the search index with the catalog: documents of unknown captures, captures twice, captures
    recorded as indexed but absent. Read in the order writers work (row, then index document, then the mark),
    so that an ingest running meanwhile raises no false alarm."""
    marked = catalog.indexed_ids()
    documents = index_ids()
    known = catalog.capture_ids()
    count("index_documents", len(documents))
    in_index = set(documents)
    ahead = sorted(in_index - known)
    if ahead:
        yield Problem("index_ahead", "search index",
                      f"it holds {len(ahead)} captures the catalog does not have (ids {_ids(ahead)}): the catalog "
                      "is older than the index (restored from a backup?); run `evidence reindex`")
    twice = sorted(i for i, n in Counter(documents).items() if n > 1)
    if twice:
        yield Problem("index_duplicate", "search index",
                      f"it holds {len(twice)} captures more than once (ids {_ids(twice)}); run `evidence reindex`")
    missing = sorted(marked - in_index)
    if missing:
        yield Problem("index_incomplete", "search index",
                      f"{len(missing)} captures recorded as indexed are not in it (ids {_ids(missing)}); "
                      "run `evidence reindex`")


def _ids(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10])
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")


def _unrecorded_blobs(catalog: Catalog, store: BlobStore) -> int:
    """Count originals in the blob store that no capture records (as its bytes or its HTTP exchange)."""
    recorded = catalog.blob_hashes()
    return sum(1 for sha256 in store.iter_hashes() if sha256 not in recorded)


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


def _recorded_ids(catalog: Catalog, event: str, key: str) -> set[int]:
    return {json.loads(entry["data"])[key] for entry in catalog.iter_ledger((event,))}


def _held_to(where: str, event: str, recorded: dict | None, actual: dict, names) -> Iterator[Problem]:
    """Compare a row with what its ledger event records, or say that it has no event."""
    if recorded is None:
        yield Problem("not_in_ledger", where, f"the catalog row has no {event} event")
    else:
        yield from _compare_fields(where, recorded, actual, names)


def _rows_missing(label: str, ids) -> Iterator[Problem]:
    """Name every record the ledger has but the catalog has no row for."""
    for ident in sorted(ids):
        yield Problem("row_missing", f"{label} {ident}", f"the ledger records this {label} but the catalog has no row for it")


def _compare_fields(where: str, recorded: dict, actual: dict, names) -> Iterator[Problem]:
    for name in names:
        if name in recorded and recorded[name] != actual.get(name):
            yield Problem("catalog_mismatch", where,
                          f"{name} is {actual.get(name)!r} in the catalog but {recorded[name]!r} in the ledger")
