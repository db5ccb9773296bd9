"""Check that nothing in an archive changed: blobs, texts, the ledger chain, every stored fact (accounts and
tokens too) against the ledger's record of it, derived data against its recorded digest, the search index
against the catalog, and every citation's quote. Streams through the catalog, so memory stays flat however
large the archive.

Hashing the originals is most of the work, so it runs beside the check, in capture order and ahead of it, while
this thread walks the ledger and holds each row to it: originals in files are hashed by helper processes (a
thread hashing small files would take the interpreter from this one several times a file), other stores' by
threads (hashlib lets go of the interpreter while it hashes, and a remote read waits on the network).
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import TypeVar

from archive import figures as figure_engine
from archive import ledger
from archive.catalog import Catalog
from archive.errors import ArchiveError
from archive.models import Capture
from archive.seams import BlobBackend
from archive.file_digests import FileDigests
from archive.sql_catalog import OBSERVATION_FIELDS, RECORDED_CAPTURE_FIELDS, derived_digest, derived_digest_of_rows
from archive.store import BlobStore, sha256_hex

_CITATION_FIELDS = ("claim_id", "capture_id", "exact", "prefix", "suffix", "start", "end", "page", "stance",
                    "note", "region", "cell")
# What a citation event made before citations had regions and cells stands for: none (migration m013).
CITATION_DEFAULTS = {"region": None, "cell": None}
# Events whose facts are held to the captures' rows by _check_captures, not gathered along the walk.
CAPTURE_FACT_EVENTS = ("capture.added", "capture.attested", "capture.rederived")
CHUNK = 64  # captures read, and looked up in the ledger, at a time
HASH_THREADS = min(4, os.cpu_count() or 1)  # and as many helper processes for originals in files
HASH_BATCH = 32  # originals one task hashes
# Originals hashed ahead of the check: enough to keep the threads busy while this thread walks the ledger,
# and only their hashes held (a few dozen kilobytes), whatever their size.
AHEAD_BLOBS = 1024
T = TypeVar("T")


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
    ledger_head: str = ledger.GENESIS_HASH
    checkpoints: list = field(default_factory=list)  # archive.checkpoints.Checkpoint, each checked

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "problems": [p.to_json() for p in self.problems],
                "notices": self.notices, "checkpoints": [c.to_json() for c in self.checkpoints],
                "ledger_head": {"entries": self.ledger_entries, "hash": self.ledger_head}}


@dataclass
class _Recorded:
    """What one walk along the ledger found: the chain's problems, and the records of observations, claims
    and citations that their rows are held to."""

    chain: list[Problem] = field(default_factory=list)
    entries: int = 0
    observations: dict[int, dict] = field(default_factory=dict)
    claims: dict[int, dict] = field(default_factory=dict)
    citations: dict[int, dict] = field(default_factory=dict)
    removed: dict[int, str] = field(default_factory=dict)  # citation id: when it was removed
    accounts: dict[str, dict] = field(default_factory=dict)  # by name: role, created_at, disabled_at
    tokens: dict[int, dict] = field(default_factory=dict)  # by id: account, prefix, created_at, revoked_at
    entities: dict[int, dict] = field(default_factory=dict)  # by id: name, kind, names, times, merged_into


def verify(catalog: Catalog, store: BlobBackend, index_ids: Callable[[], list[int]] | None = None,
           progress: Callable[[int], None] | None = None,
           reextract: Callable[[Capture, bytes], str] | None = None) -> Report:
    """Check every layer of the archive. `index_ids()`, the capture id of each search index document, is
    compared with the catalog; `reextract`, when given, re-derives each text from its original and its figures again."""
    report = Report()
    count = _count(report)
    hashers = ThreadPoolExecutor(HASH_THREADS, thread_name_prefix="verify-hash")
    helpers = _file_digests(store)
    try:
        # The blob store is listed before the catalog's blobs are read (below): a blob an ingest stores
        # meanwhile is either not listed or by then recorded, so it is never taken for a stray.
        stored = hashers.submit(lambda: list(store.iter_hashes()))
        with catalog.snapshot():  # rows and ledger from one moment, however many write meanwhile
            originals = _Originals(catalog.iter_blob_hashes(), store, hashers, helpers)  # hashed from now on
            recorded = _walk_ledger(catalog, report)
            report.problems.extend(_check_captures(catalog, originals, store, count, progress, reextract))
            report.problems.extend(_check_observations(catalog, recorded, count))
            if recorded.entries:
                count("ledger_entries", recorded.entries)
            report.problems.extend(recorded.chain)
            report.problems.extend(_check_claims_and_citations(catalog, recorded, count))
            if reextract is not None:
                report.problems.extend(_check_claim_checks(catalog, count))
            report.problems.extend(_check_accounts(catalog, recorded, count))
            report.problems.extend(_check_entities(catalog, recorded, count))
        if index_ids is not None:  # the index is no part of the snapshot: read in the order writers write
            report.problems.extend(_check_index(catalog, index_ids, count))
        catalogued = catalog.blob_hashes()
        unrecorded = sum(1 for sha256 in stored.result() if sha256 not in catalogued)
    finally:
        hashers.shutdown(cancel_futures=True)  # after a failure, hash nothing more that nobody will read
        if helpers is not None:
            helpers.close()
    if unrecorded:
        report.notices.append(
            f"{unrecorded} original{'s' if unrecorded != 1 else ''} in {store.location} belong to no capture: "
            "left by an interrupted run (harmless), or the catalog is older than the blobs (restored from a "
            "backup?)")
    return report


def _count(report: Report) -> Callable[..., None]:
    def count(what: str, number: int = 1) -> None:
        report.checked[what] = report.checked.get(what, 0) + number
    return count


# -- captures: blobs, texts, facts and derived data ---------------------------------------------


def _check_captures(catalog: Catalog, originals: _Originals, store: BlobBackend, count, progress,
                    reextract) -> Iterator[Problem]:
    """Re-hash each blob and text, and hold every stored fact of each capture to its ledger record."""
    recorded_ids = catalog.recorded_ids("capture.added", "capture_id")
    for chunk in _chunks(catalog.iter_captures(with_text=True)):
        ids = [capture.id for capture in chunk]
        records = catalog.recorded_captures(i for i in ids if i in recorded_ids)
        figures = catalog.figure_rows(ids)
        for capture in chunk:
            count("captures")
            where = f"capture {capture.id}"
            yield from _check_blob(capture, originals, store, count, reextract)
            text_hash = sha256_hex((capture.text or "").encode("utf-8"))
            count("texts")
            if text_hash != capture.text_sha256:
                yield Problem("text_changed", where,
                              f"the stored text hashes to {text_hash}, the catalog records {capture.text_sha256}")
            record = records.get(capture.id, {}) if capture.id in recorded_ids else None
            recorded_ids.discard(capture.id)
            yield from _held_to(where, "capture.added", record, vars(capture), RECORDED_CAPTURE_FIELDS)
            if record is not None:
                yield from _check_derived(capture, figures.get(capture.id, []), record, count, reextract is not None)
            if progress:
                progress(1)
    yield from _rows_missing("capture", recorded_ids)


def _check_derived(capture: Capture, stored: list[tuple], record: dict, count, deep: bool) -> Iterator[Problem]:
    """Hold the figures and token marks stored for a capture to the digest its ledger record holds; `deep`
    also derives them from the text again."""
    if record.get("derived_sha256") is not None:
        count("derived")
        if derived_digest_of_rows(stored, capture.token_marks) != record["derived_sha256"]:
            yield Problem("derived_changed", f"capture {capture.id}",
                          "its stored figures or token marks differ from what the ledger records "
                          "(run `evidence reindex` to derive them again from the text)")
    if deep:
        from archive.analysis import analyse  # Whoosh's analysis classes: only a deep check derives again

        fresh = derived_digest(figure_engine.extract(capture.text or "", capture.published),
                               analyse(capture.text or "").marks)
        if fresh != derived_digest_of_rows(stored, capture.token_marks):
            yield Problem("derived_stale", f"capture {capture.id}",
                          "deriving its figures and token marks from the text again gives a different result")


def _blob_problem(capture: Capture, originals: _Originals, sha256: str, what: str) -> Problem | None:
    """Say how a blob a capture records is missing or changed, or return None when it hashes as recorded."""
    digest = originals.digest(sha256)
    if digest == sha256:
        return None
    if digest is None:
        return Problem("blob_missing", f"capture {capture.id}", f"{what} ({sha256}) is not in the blob store")
    return Problem("blob_changed", f"capture {capture.id}", f"{what} ({sha256}) is changed: it hashes to {digest}")


def _check_blob(capture: Capture, originals: _Originals, store: BlobBackend, count, reextract) -> Iterator[Problem]:
    count("blobs")
    problem = _blob_problem(capture, originals, capture.sha256, "the original")
    if problem is not None:
        yield problem
        return
    if capture.warc_sha256:
        count("exchange_warcs")
        problem = _blob_problem(capture, originals, capture.warc_sha256, "the WARC of the HTTP exchange")
        if problem is not None:
            yield problem
    for part in capture.parts or ():
        count("parts")
        problem = _blob_problem(capture, originals, part["sha256"], f"its {part['role']}")
        if problem is not None:
            yield problem
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


class _Originals:
    """The digests of the blobs captures record, hashed on threads in capture order, AHEAD_BLOBS ahead of the
    check that asks for them."""

    def __init__(self, hashes: Iterator[str], store: BlobBackend, hashers: ThreadPoolExecutor,
                 helpers: FileDigests | None):
        self._hashes, self._store, self._hashers, self._helpers = hashes, store, hashers, helpers
        self._in_flight: deque[Future] = deque()
        self._queued = 0
        self._digests: dict[str, str | None] = {}
        self._top_up()

    def digest(self, sha256: str) -> str | None:
        """Return the SHA-256 of a blob's bytes (None when it cannot be read), waiting for the threads if need be."""
        while sha256 not in self._digests:
            if not self._in_flight:
                self._top_up()
                if not self._in_flight:  # a blob the stream did not name (it names each once): hash it here
                    return _hash_blob(self._store, sha256)
            done = self._in_flight.popleft().result()
            self._queued -= len(done)
            self._digests.update(done)
        self._top_up()
        return self._digests.pop(sha256)

    def _top_up(self) -> None:
        while self._queued < AHEAD_BLOBS and (batch := list(islice(self._hashes, HASH_BATCH))):
            self._in_flight.append(self._hashers.submit(_hash_blobs, self._store, batch, self._helpers))
            self._queued += len(batch)


def _file_digests(store: BlobBackend) -> FileDigests | None:
    """Start helper processes to hash a store's files; None (threads hash) for other stores, or when no process
    can be started here."""
    if not isinstance(store, BlobStore):
        return None
    try:
        return FileDigests(HASH_THREADS)
    except OSError:
        return None


def _hash_blobs(store: BlobBackend, hashes: list[str], helpers: FileDigests | None) -> list[tuple[str, str | None]]:
    """Hash some blobs (one task on a hashing thread): by a helper process when the store is files, else here."""
    if helpers is not None:
        return list(zip(hashes, helpers.digests([str(store.path_for(sha256)) for sha256 in hashes])))
    return [(sha256, _hash_blob(store, sha256)) for sha256 in hashes]


def _hash_blob(store: BlobBackend, sha256: str) -> str | None:
    """Return the SHA-256 of a stored blob's bytes, None when it cannot be read."""
    try:
        with store.open(sha256) as blob:
            return hashlib.file_digest(blob, "sha256").hexdigest()
    except (OSError, ValueError):
        return None


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# -- the ledger: one walk along the chain ---------------------------------------------------------


def _walk_ledger(catalog: Catalog, report: Report) -> _Recorded:
    """Walk the chain once: check every entry's place and hash, and gather what observations, claims and
    citations are recorded to be."""
    recorded = _Recorded()
    for link in ledger.walk(catalog.iter_ledger()):
        entry = link.entry
        recorded.entries += 1
        where = f"ledger entry {link.seq}"
        if not link.in_sequence:
            recorded.chain.append(Problem("ledger_gap", where,
                                          f"expected entry {link.expected_seq} here: entries are missing"))
        if not link.linked:
            recorded.chain.append(Problem("ledger_broken", where, f"it links to {entry['prev_hash']}, but the "
                                                                  f"entry before it hashes to {link.expected_prev}"))
        if not link.sealed:
            recorded.chain.append(Problem(
                "ledger_changed", where,
                f"its content hashes to {link.computed}, but it records {entry['hash']}" if link.unreadable is None
                else f"its content cannot be read ({link.unreadable}), and it records {entry['hash']}"))
        report.ledger_entries, report.ledger_head = link.seq, entry["hash"]
        if entry["event"] in CAPTURE_FACT_EVENTS:
            continue  # read apart, a chunk of captures at a time (Catalog.recorded_captures)
        if isinstance(link.data, dict):  # what a changed entry says is still held to its row
            _gather(recorded, entry, link.data)
    return recorded


def _gather(recorded: _Recorded, entry: dict, data: dict) -> None:
    """Apply one event to the records of observations, claims and citations."""
    try:
        _apply(recorded, entry["event"], entry["subject"], entry["at"], data)
    except (KeyError, TypeError, ValueError):
        pass  # an event that lacks what its kind records holds no row: the row is reported as not in the ledger


def _apply(recorded: _Recorded, event: str, subject: str, at: str, data: dict) -> None:
    """Record what an observation, claim, citation or account event says; capture events are read apart."""
    if event == "capture.observed":
        recorded.observations[data["observation_id"]] = data
        return
    if event.startswith("account."):
        _apply_account(recorded, event, subject, at, data)
        return
    if event.startswith("entity."):
        _apply_entity(recorded.entities, event, int(subject), at, data)
        return
    if event not in ("claim.created", "claim.status_changed", "citation.added", "citation.removed"):
        return
    subject = int(subject)
    if event == "claim.created":
        recorded.claims[subject] = {"text": data["text"], "status": "unchecked", "notes": None,
                                    "created_at": at, "updated_at": at}
    elif event == "claim.status_changed" and subject in recorded.claims:
        recorded.claims[subject].update(status=data["status"], notes=data["notes"], updated_at=at)
    elif event == "citation.added":
        recorded.citations[subject] = {**CITATION_DEFAULTS, **data, "created_at": at}
    elif event == "citation.removed":
        recorded.removed[subject] = at


def _apply_account(recorded: _Recorded, event: str, name: str, at: str, data: dict) -> None:
    """Record what an account event says of its account and tokens."""
    if event == "account.added":
        recorded.accounts[name] = {"role": data["role"], "created_at": at, "disabled_at": None}
    elif event == "account.attested":
        recorded.accounts[name] = {key: data[key] for key in ("role", "created_at", "disabled_at")}
        for token in data["tokens"]:
            recorded.tokens[token["token_id"]] = {"account": name, **token}
    elif event == "account.role_changed" and name in recorded.accounts:
        recorded.accounts[name]["role"] = data["role"]
    elif event == "account.disabled" and name in recorded.accounts:
        recorded.accounts[name]["disabled_at"] = at
    elif event == "account.token_issued":
        recorded.tokens[data["token_id"]] = {"account": name, "prefix": data["prefix"], "created_at": at,
                                             "revoked_at": None}
    elif event == "account.token_revoked" and data["token_id"] in recorded.tokens:
        recorded.tokens[data["token_id"]]["revoked_at"] = at


def _apply_entity(entities: dict[int, dict], event: str, entity_id: int, at: str, data: dict) -> None:
    """Record what an entity event says of its entity's names (and, for a merge, of the one it joined)."""
    if event == "entity.created":
        entities[entity_id] = {"name": data["name"], "kind": data["kind"], "names": list(data["names"]),
                               "created_at": at, "updated_at": at, "merged_into": None}
        return
    entity = entities[entity_id]
    if event == "entity.name_added":
        entity["names"].append(data["name"])
    elif event == "entity.name_removed":
        entity["names"].remove(data["name"])
        if entity["name"] == data["name"]:
            entity["name"] = entity["names"][0]
    elif event == "entity.merged":
        into = entities[data["into"]]
        into["names"] += data["names"]
        into["updated_at"] = at
        entity.update(names=[], merged_into=data["into"])
    entity["updated_at"] = at


def _check_observations(catalog: Catalog, recorded: _Recorded, count) -> Iterator[Problem]:
    """Hold every observation (a later fetch of archived bytes) to its capture.observed event."""
    for observation in catalog.observations():
        count("observations")
        yield from _held_to(f"observation {observation.id}", "capture.observed",
                            recorded.observations.pop(observation.id, None), vars(observation), OBSERVATION_FIELDS)
    yield from _rows_missing("observation", recorded.observations)


def _check_claims_and_citations(catalog: Catalog, recorded: _Recorded, count) -> Iterator[Problem]:
    """Hold claims and citations, their times included, to their ledger events, and re-anchor every quote."""
    for row in catalog.claim_rows():
        count("claims")
        yield from _held_to(f"claim {row['id']}", "claim.created", recorded.claims.pop(row["id"], None), row,
                            ("text", "status", "notes", "created_at", "updated_at"))
    yield from _rows_missing("claim", recorded.claims)
    texts: dict[int, str] = {}
    for citation in catalog.citations(include_removed=True):
        count("citations")
        where = f"citation {citation.id}"
        yield from _held_to(where, "citation.added", recorded.citations.pop(citation.id, None), vars(citation),
                            (*_CITATION_FIELDS, "created_at"))
        if citation.removed_at != recorded.removed.get(citation.id):
            yield Problem("catalog_mismatch", where, "its removal in the catalog does not match the ledger")
        if citation.removed_at is None:
            yield from _reanchor(catalog, citation, texts)
    yield from _rows_missing("citation", recorded.citations)


def _check_accounts(catalog: Catalog, recorded: _Recorded, count) -> Iterator[Problem]:
    """Hold accounts (role, times) and API tokens (whose, prefix, times) to their ledger events: a role or a
    token given behind the archive's back is named."""
    names = {}
    for row in catalog.account_rows():
        count("accounts")
        names[row["id"]] = row["name"]
        yield from _held_to(f"account {row['name']}", "account.added", recorded.accounts.pop(row["name"], None),
                            row, ("role", "created_at", "disabled_at"))
    yield from _rows_missing("account", recorded.accounts)
    for row in catalog.token_rows():
        count("tokens")
        yield from _held_to(f"token {row['id']}", "account.token_issued", recorded.tokens.pop(row["id"], None),
                            {**row, "account": names.get(row["account_id"])},
                            ("account", "prefix", "created_at", "revoked_at"))
    yield from _rows_missing("token", recorded.tokens)


def _check_entities(catalog: Catalog, recorded: _Recorded, count) -> Iterator[Problem]:
    """Hold entities (name, kind, times, merge) and the names each holds to their ledger events: a name given
    to an entity behind the archive's back is named."""
    for row in catalog.entity_rows(merged=True):
        count("entities")
        event = recorded.entities.pop(row["id"], None)
        if event is not None:
            event = {**event, "names": sorted(event["names"])}
        yield from _held_to(f"entity {row['id']}", "entity.created", event, {**row, "names": sorted(row["names"])},
                            ("name", "kind", "names", "created_at", "updated_at", "merged_into"))
    yield from _rows_missing("entity", recorded.entities)


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


def _check_claim_checks(catalog: Catalog, count) -> Iterator[Problem]:
    """Derive every claim's figures and its citations' agreements again (archive/claim_checks.py) and hold what
    is stored to them, as a deep check derives the captures' figures again; what is not derived yet is left."""
    from archive import claim_checks  # the figure engine: only a deep check derives again

    for row in catalog.claim_rows():
        claim = catalog.get_claim(row["id"], checks=True)
        if claim.figures is None:
            continue
        count("claim_checks")
        fresh = claim_checks.claim_figures(claim.text)
        if fresh != claim.figures:
            yield Problem("derived_stale", f"claim {claim.id}", "deriving its figures from its text again gives a "
                          "different result (run `evidence reindex` to store them again)")
        cited = [c for c in catalog.citations(claim_id=claim.id, include_removed=True, checks=True)
                 if c.agreement is not None]
        published = {i: c.published for i, c in catalog.get_captures({c.capture_id for c in cited}).items()}
        for citation in cited:
            if claim_checks.agreement(fresh, citation.exact, published.get(citation.capture_id)) != citation.agreement:
                yield Problem("derived_stale", f"citation {citation.id}", "its quote's agreement with the claim's "
                              "figures, worked out again, differs from the one stored (run `evidence reindex`)")


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
