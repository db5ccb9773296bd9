"""The archive facade: the one place that persists captures (blob -> catalog row + ledger -> index)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from archive.backends import open_blobs, open_catalog, open_search
from archive.clock import utc_now
from archive import claim_checks, figures, inputs, quotes, regions, snippets
from archive.cache import DerivedCache
from archive.errors import (CaptureError, CatalogLostError, IndexBusyError, IndexWriteError, IntegrityError,
                            InvalidInputError, NotFoundError)
from archive.layout import Layout
from archive.lineup_cache import LineUpCache
from archive.models import (CLAIM_STATUSES, STANCES, Capture, NewCapture, Part, Citation, Claim, Described,
                            IngestResult, Observation, SearchHit, SearchResult)
from archive.pictures import Pictures
from archive.seams import BlobBackend
from archive.spool import verified_copy
from archive.store import sha256_hex


if TYPE_CHECKING:
    from archive.figures import Figure, Match
    from archive import lineup
    from archive.anchors import Anchors
    from archive import changes, history
    from archive.accounts import Accounts
    from archive.entities import Entities, Entity
    from archive.entity_suggestions import AliasSuggestion
    from archive.seams import CatalogBackend, SearchBackend
    from archive.verify import Report
    from ingest.pipeline import Limits
    from ingest.run import Source
    from ingest.sources import SourceItem, Upload

LOCK_RETRY_SECONDS = 1.0  # how often a run tries again for the index lock that another process holds
_WIDE_ROWS = 5000  # figures looked at on each side beyond a claim figure's window, up to ten times it either way
_ANCHOR_CAPTURES = 40  # captures the index ranks best for a claim's anchors, read for sentences holding them
_LINEUP_ROWS = 60  # passages lined up under "Where sources disagree"
LAYOUTS_KEPT = 64  # browser captures whose placed layout a process keeps (pages show their screenshots often)


class Archive:
    """An archive home: blobs/ (or a bucket, archive/backends.py), catalog.db and index/ in one folder.

    Threads may share one Archive (the web server opens one per process): each has its own catalog
    connection, and the search index's writer is used by one thread at a time.
    """

    def __init__(self, home: Path | str, index_batch: int = 1000, signing_key: Path | str | None = None,
                 tsa_url: str | None = None, tsa_ca: Path | str | None = None, blobs: BlobBackend | None = None):
        self.home = Path(home)
        self.signing_key_path = signing_key  # None: the home's own key, made on first use
        self.tsa_url = tsa_url  # a time-stamping authority (RFC 3161) that stamps signatures, when given
        self.tsa_ca = tsa_ca  # the CA its timestamps chain to (None: the system's)
        self._signing_key = None
        self.home.mkdir(parents=True, exist_ok=True)
        self.store = blobs if blobs is not None else open_blobs(self.home)  # the configured one, else blobs/
        self.catalog = open_catalog(self.home)  # catalog.db, or EVIDENCE_DATABASE_URL's (archive/backends.py)
        try:
            _check_identity(self.home, self.catalog, self.store)
        except BaseException:
            self.catalog.close()
            raise
        self.index_batch = index_batch
        self._index: SearchBackend | None = None  # opened on first use: `show` and `claim show` never need it
        self._thread = threading.local()  # each thread's batch depth
        self._index_lock = threading.RLock()  # the index writer and what it has queued
        self._deferred = False  # captures left to whichever process holds the index lock
        self._next_lock_try = 0.0
        self.index_problem: str | None = None  # why captures wait for the index, when it is not another's lock
        self._layouts: dict[tuple[str, str], Layout] = {}  # placed layouts of browser captures, newest last
        self._layouts_lock = threading.Lock()
        # Pictures of pages and the tables on them: derived, drawn in workers, kept under cache/.
        self.pictures = Pictures(self.store, DerivedCache(self.home / "cache"))
        self._lineups: LineUpCache[lineup.LineUp] = LineUpCache()  # claim pages' line-ups, by change stamp

    @property
    def index(self) -> SearchBackend:
        """Return the search index, opening it on first use (made anew when missing, outdated or unreadable)."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    self._index = self._open_index()
        return self._index

    def _open_index(self) -> SearchBackend:
        opened = open_search(self.home)  # Whoosh (or psycopg) is imported only by what searches or indexes
        if opened.created_now and self.catalog.count_captures() > self.catalog.count_unindexed():
            # The index was missing, outdated or unreadable and is new and empty, while captures are marked as
            # in it: index everything again.
            self.catalog.mark_all_unindexed()
        return opened

    def close(self, wait_for_index: bool = True) -> int:
        """Commit queued index work and release files; return how many captures still wait for the index."""
        try:
            return self.flush(wait=wait_for_index)
        finally:
            with self._index_lock:
                if self._index is not None:
                    self._index.close()
            self.catalog.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def add(self, captured: NewCapture) -> IngestResult:
        """Persist a capture once: same bytes again answer "exists", and a fetch that found them is recorded
        as an observation of the capture."""
        sha256 = captured.sha256 or sha256_hex(captured.body)
        observation = _observation(captured)
        existing = self.catalog.find_by_sha256(sha256)
        if existing is not None:
            if observation is not None:
                self.catalog.add_observation(existing.id, observation, at=utc_now())
            return IngestResult(captured.source, "exists", existing)
        # A worker of this archive whose puts returned has stored the original, its parts and its exchange:
        # asking the store again would cost a request per capture on the one writer's path (a HEAD on S3).
        # Anything else is stored or looked for here, so no row ever names an original that did not arrive.
        stored = captured.stored_in is not None and captured.stored_in == self.store.location
        if captured.body is not None:
            if not stored:
                self.store.put(captured.body, sha256)
        elif not stored and not self.store.has(sha256):
            raise CaptureError(captured.source, "the original is missing from the blob store")
        for part in captured.parts:
            self._keep_part(captured.source, part, stored)
        row = _row(captured, sha256)
        if captured.exchange is not None:  # a browser's visit, written by the ingest
            row["warc_sha256"] = self.store.put(captured.exchange)
        elif captured.warc_sha256 is not None:
            if not stored and not self.store.has(captured.warc_sha256):
                raise CaptureError(captured.source, "the WARC of its visit is missing from the blob store")
            row["warc_sha256"] = captured.warc_sha256
        elif captured.needs_original():
            from archive import warc_writer  # warcio, for http captures and exports only

            row["warc_sha256"] = self.store.put(warc_writer.exchange_warc(
                captured.final_url or captured.url, captured.captured_at, captured.request_headers or {},
                captured.http_status, captured.http_reason or "", captured.http_headers or {}, captured.body))
        analysed = captured.analysed or _analyse(captured.text)
        row["token_marks"] = analysed.marks
        found = captured.figures if captured.figures is not None else figures.extract(captured.text,
                                                                                      captured.published)
        # An index in the catalog's database takes the capture's document in the row's own transaction.
        in_one_step = {"index_terms": analysed.terms} if self.index.in_catalog else {}
        capture, created = self.catalog.add_capture(row, at=utc_now(), figures=found, observation=observation,
                                                    **in_one_step)
        if not created:  # another process stored the same bytes a moment before
            return IngestResult(captured.source, "exists", capture)
        if not in_one_step:
            with self._index_lock:
                self._index_new(capture, analysed.terms)
        if not self._batch_depth:
            self.flush(wait=False)
        return IngestResult(captured.source, "captured", capture)

    def _keep_part(self, source: str, part: Part, stored: bool = False) -> None:
        """Store a part's bytes (unless the ingest did: `stored`) and note their hash and size."""
        if part.body is not None:
            part.sha256, part.size = self.store.put(part.body), len(part.body)
            part.body = None
        elif part.sha256 is None or not (stored or self.store.has(part.sha256)):
            raise CaptureError(source, f"its {part.role} is missing from the blob store")

    @property
    def _batch_depth(self) -> int:
        return getattr(self._thread, "batch_depth", 0)

    @_batch_depth.setter
    def _batch_depth(self, value: int) -> None:
        self._thread.batch_depth = value

    def capture(self, sources: Iterable[Source], limits: Limits, jobs: int = 1,
                on_planned: Callable[[int], None] | None = None, on_done: Callable[[], None] | None = None,
                shared_pool: bool = False) -> Iterator[IngestResult]:
        """Capture sources and store each: the one capture path of the command line, the web and the API.

        Sources are paths or URLs as typed (folders walked, WARC files imported record by record), a
        SourceItem taken as meant, or an Upload. Each is extracted in a worker process within `limits`, its
        original stored by content, then added here; one result per source (per record for WARC files), a
        failed one naming the source, the reason and its kind. A bulk run starts `jobs` workers of its own;
        `shared_pool` uses the process's pool for single captures instead (a server's requests).
        """
        from ingest.run import ingest  # the extraction machinery is imported only by what captures
        from ingest.workers import shared_pool as process_pool

        pool = process_pool() if shared_pool else None
        self.index  # opened before the first capture is stored, as another process may be writing it already
        with self.batch():
            yield from ingest(sources, self.add, limits, jobs, on_planned=on_planned, on_done=on_done,
                              exclude=(self.home,), store=self.store, pool=pool)

    def capture_one(self, source: SourceItem | Upload, limits: Limits) -> IngestResult:
        """Capture and store one file, URL or upload on the process's shared workers; return its result."""
        [result] = self.capture([source], limits, shared_pool=True)  # one item, one result
        return result

    def recapture(self, target: int | str, limits: Limits) -> Recaptured:
        """Capture a URL, or the URL of capture `target`, again, the way it was captured (in a browser or
        fetched; a URL, the way its latest capture was): changed bytes become a new version, the same bytes an
        observation of the capture that holds them."""
        from ingest.sources import SourceItem

        if isinstance(target, int):
            earlier = self.get(target)
            if not earlier.url:
                raise InvalidInputError(f"capture {target} was not captured from a URL; there is nothing to "
                                        "capture again")
        else:
            earlier = next(iter(reversed(self.catalog.versions(inputs.as_recorded(target)))), None)
        url = earlier.url if isinstance(target, int) else target
        browser = earlier is not None and earlier.method == "browser"
        result = self.capture_one(SourceItem(url, True, browser=browser), limits)
        if result.status != "captured":
            return Recaptured(url, result, None, [])
        older = [version for version in self.versions(result.capture) if version.id != result.capture.id]
        return Recaptured(url, result, older[-1] if older else None, self.quote_tracking(result.capture))

    @contextmanager
    def batch(self) -> Iterator[Archive]:
        """Group many adds: the search index commits every `index_batch` captures and at the end."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                self.flush(wait=False)

    # -- the search index: one writer at a time, and whoever writes indexes for all -----------

    def _index_new(self, capture: Capture, terms: dict[str, list[int]]) -> None:
        """Queue a new capture for the index, or leave it marked unindexed for whichever process holds the
        index's lock now: that one indexes it at its next commit, and this one at its end if none did."""
        if not self.index.writing and not self._take_index_lock():
            self._deferred = True
            return
        self.index.add(capture, terms)
        if len(self.index.pending_ids) >= self.index_batch:
            self._commit_index()

    def index_lost(self) -> bool:
        """Tell whether the search index's folder was deleted or replaced since this archive opened it."""
        return self._index is not None and self._index.is_lost()

    def reopen_index(self) -> None:
        """Open the search index again after its folder was deleted or replaced; an index made anew (empty)
        has every capture marked to be indexed again."""
        with self._index_lock:
            if not self.index_lost():
                return
            lost, self._index = self._index, self._open_index()
            lost.close()  # what it had queued is dropped: those captures are still marked unindexed

    def _take_index_lock(self) -> bool:
        now = time.monotonic()
        if now < self._next_lock_try:
            return False
        if self.index.try_begin():
            return True
        self._next_lock_try = now + LOCK_RETRY_SECONDS
        return False

    def _commit_index(self, clear: bool = False) -> None:
        """Commit what is queued together with every capture still waiting for the index (another process's,
        one a crash left, one this process deferred), and record them as indexed."""
        queued = set(self.index.pending_ids)
        waiting = [i for i in self.catalog.unindexed_ids() if i not in queued]  # ids only: texts below, in chunks
        for start in range(0, len(waiting), 200):
            for capture in self.catalog.get_captures(waiting[start:start + 200], with_text=True).values():
                self._derive_and_queue(capture, replace=True)
        try:
            committed = self.index.commit(clear=clear)
        except IndexWriteError as exc:
            self._deferred, self.index_problem = True, str(exc)  # stored and marked unindexed: nothing lost
            return
        if committed:
            self.catalog.mark_indexed(committed)
            self._deferred = False

    def _derive_and_queue(self, capture: Capture, replace: bool) -> None:
        """Derive a stored capture's figures and index terms from its text again, and queue it for the index."""
        analysed = _analyse(capture.text or "")
        self.catalog.replace_derived(capture.id, figures.extract(capture.text or "", capture.published),
                                     analysed.marks, at=utc_now())
        self.index.add(capture, analysed.terms, replace=replace)

    @property
    def waiting_for_index(self) -> bool:
        """Tell whether captures of this process were left for another process's lock on the index."""
        return self._deferred and not (self._index is not None and self._index.writing)

    def flush(self, wait: bool = True) -> int:
        """Commit queued index documents; with `wait`, wait for the index lock to index what had to wait.
        Return how many captures still wait for the index (none unless another process kept it locked)."""
        with self._index_lock:
            return self._flush(wait)

    def _flush(self, wait: bool) -> int:
        try:
            if self._index is not None and self._index.writing:
                self._commit_index()
            elif self._deferred and wait:
                self.index.begin()
                self._commit_index()
        except IndexBusyError:
            pass  # still locked after waiting: the captures stay marked unindexed, and nothing is lost
        return self.catalog.count_unindexed() if self._deferred else 0

    def index_pending(self, progress: Callable[[int], None] | None = None, wait: bool = True) -> int:
        """Index every capture waiting for the index (deleted index, crashed run, older derived data); return
        how many. Without `wait`, do nothing when another process holds the index."""
        with self._index_lock:
            return self._index_pending(progress, wait)

    def _index_pending(self, progress: Callable[[int], None] | None, wait: bool) -> int:
        if not self.catalog.count_unindexed():
            return 0
        try:
            self.index.begin(wait=None if wait else 0.0)
        except IndexBusyError:
            if wait:
                raise
            return 0
        count = self._queue_each(self.catalog.iter_captures(with_text=True, unindexed=True), progress,
                                 replace=True, in_batches=True)
        self._commit_index()
        self._raise_index_problem()
        return count

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole search index from the catalog, with every capture's and claim's derived figures;
        return how many captures were indexed.

        The rebuild holds the index's lock to the end and replaces every segment in one commit, so searches
        see the old index until then and writers elsewhere leave their captures to it.
        """
        with self._index_lock:
            count = self._reindex(progress)
        self.derive_claim_checks()  # the claims' verdicts follow the engine the captures' figures are derived with
        return count

    def _reindex(self, progress: Callable[[int], None] | None) -> int:
        self.index.begin()
        self.catalog.mark_all_unindexed()
        count = self._queue_each(self.catalog.iter_captures(with_text=True), progress, replace=False,
                                 in_batches=False)  # one commit at the end replaces every segment at once
        self._commit_index(clear=True)
        self._raise_index_problem()
        return count

    def _queue_each(self, captures: Iterable[Capture], progress: Callable[[int], None] | None, replace: bool,
                    in_batches: bool) -> int:
        """Derive each capture's index terms again and queue it (skipping any queued already); `in_batches`
        commits every index_batch captures. Return how many were queued."""
        count = 0
        queued = set(self.index.pending_ids)
        for capture in captures:
            if capture.id in queued:
                continue
            self._derive_and_queue(capture, replace=replace)
            count += 1
            if progress:
                progress(1)
            if in_batches and len(self.index.pending_ids) >= self.index_batch:
                self._commit_index()
                self.index.begin()
                queued = set()
        return count

    def _raise_index_problem(self) -> None:
        if self._deferred and self.index_problem:
            raise IndexWriteError(f"{self.index_problem}; the captures stay stored and marked to be indexed")

    def verify(self, progress: Callable[[int], None] | None = None,
               reextract: Callable[[Capture, bytes], str] | None = None) -> Report:
        """Check blobs, texts, the ledger chain, rows against the ledger, and every citation's quote."""
        from archive.verify import verify

        report = verify(self.catalog, self.store, self.index.document_ids, progress, reextract)
        if self.catalog.count_checkpoints():
            report.checkpoints = self.checkpoints()
            report.checked["checkpoints"] = len(report.checkpoints)
            report.problems.extend(c.problem for c in report.checkpoints if c.problem)
        return report

    # -- reading -----------------------------------------------------------------------------

    def get(self, capture_id: int, with_text: bool = False) -> Capture:
        """Return a capture or raise NotFoundError."""
        inputs.record_id(capture_id, "capture")
        capture = self.catalog.get_capture(capture_id, with_text=with_text)
        if capture is None:
            raise NotFoundError(f"there is no capture {capture_id} in this archive")
        return capture

    def list_captures(self, limit: int = 50, offset: int = 0) -> list[Capture]:
        """Return captures newest first, without their texts."""
        return self.catalog.list_captures(limit=limit, offset=offset)

    def count_captures(self) -> int:
        """Return how many captures the archive holds."""
        return self.catalog.count_captures()

    def count_unindexed(self) -> int:
        """Return how many captures are stored but not yet searchable (an index found missing now counts all)."""
        self.index  # opening the index is what notices a missing one and marks every capture to be indexed
        return self.catalog.count_unindexed()

    def ledger_head(self) -> tuple[int, str]:
        """Return the ledger's entry count and head hash, which a newsroom can publish."""
        return self.catalog.ledger_head()

    def original(self, capture: Capture) -> bytes:
        """Return the original bytes of a capture, checked against their hash."""
        return self.store.get(capture.sha256, verify=True)

    def original_copy(self, capture: Capture) -> tuple[BinaryIO, int]:
        """Return a capture's original, checked against its hash, as a file to stream and its size (read once
        from the store, spilled to a temporary file when large: archive/spool.py)."""
        return verified_copy(self.store, capture.sha256)

    def exchange_copy(self, capture: Capture) -> tuple[BinaryIO, int] | None:
        """Return the WARC records of a capture's HTTP exchanges as `original_copy` does, or None without them."""
        return verified_copy(self.store, capture.warc_sha256) if capture.warc_sha256 else None

    def part(self, capture: Capture, role: str) -> bytes | None:
        """Return the bytes of a capture's part (its screenshot, its layout), checked against their hash."""
        recorded = capture.part(role)
        return self.store.get(recorded["sha256"], verify=True) if recorded else None

    def layout(self, capture: Capture) -> Layout | None:
        """Return where a browser capture's text stands on its screenshot (archive/layout.py), or None for a
        capture without a screenshot and its layout. `capture` must carry its text."""
        recorded = capture.part("layout")
        if recorded is None or capture.part("screenshot") is None:
            return None
        key = (recorded["sha256"], capture.text_sha256)  # both stored by content: the placement never changes
        with self._layouts_lock:
            if key in self._layouts:
                return self._layouts[key]
        try:
            measured = json.loads(self.part(capture, "layout"))
        except ValueError as exc:  # stored as measured, so this is damage: verify names it
            raise IntegrityError(f"capture {capture.id}: its layout is not JSON ({exc})") from exc
        placed = Layout(measured if isinstance(measured, dict) else {}, capture.text or "")
        with self._layouts_lock:
            self._layouts[key] = placed
            while len(self._layouts) > LAYOUTS_KEPT:
                self._layouts.pop(next(iter(self._layouts)))
        return placed

    def exchange(self, capture: Capture) -> bytes | None:
        """Return the WARC records of a capture's HTTP exchanges (an http capture's request and response, a
        browser's visit), checked against their hash."""
        return self.store.get(capture.warc_sha256, verify=True) if capture.warc_sha256 else None

    def export_warc(self, out: Path | str, capture_ids: list[int] | None = None) -> int:
        """Write captures (all when no ids) to a WARC file; return the number of records written."""
        from archive import warc_writer

        records = warc_writer.export_warc(out, self._export_items(capture_ids))
        if isinstance(out, (str, Path)):  # a file has its signature written beside it
            from archive.signing import sign_file

            sign_file(out, self.signing_key(), self.timestamp)
        return records

    def export_wacz(self, out: Path | str, capture_ids: list[int] | None = None):
        """Write captures (all when no ids) to a WACZ file signed with the archive's key (its
        datapackage-digest.json); return what it holds (archive.wacz_writer.WrittenWacz)."""
        from archive import wacz_writer  # cdxj-indexer: only an export to WACZ needs it

        return wacz_writer.export_wacz(out, self._export_items(capture_ids), self.signing_key(), self.timestamp)

    def _export_items(self, capture_ids: list[int] | None):
        """Yield each capture to export (all when no ids) with its bytes, stored exchange and parts."""
        from archive.warc_writer import ExportItem

        captures = (self.get(i) for i in capture_ids) if capture_ids is not None else self.catalog.iter_captures()
        for capture in captures:
            parts = {part["role"]: self.part(capture, part["role"]) for part in capture.parts or ()
                     if capture.method == "browser"}  # its screenshot and layout go out beside the page
            # A checked copy of the original (spilled to a temporary file when large), streamed into the WARC
            # and closed once written.
            copy, _size = self.original_copy(capture)
            with copy:
                yield ExportItem(capture.to_json(), copy, self.exchange(capture), parts)

    def signing_key(self):
        """Return the archive's signing key (archive.signing.SigningKey), made in the home on first use."""
        if self._signing_key is None:
            from archive.signing import load_key  # cryptography is imported only where something is signed

            self._signing_key = load_key(self.home, self.signing_key_path)
        return self._signing_key

    def timestamp(self, signature: str) -> dict | None:
        """Return a trusted timestamp of a base64 signature from the configured authority ({"tsa", "token"})."""
        if not self.tsa_url:
            return None
        from archive import timestamps

        return timestamps.stamp(self.tsa_url, timestamps.signature_digest(signature))

    def checkpoint(self):
        """Sign the ledger's head (count, hash, time) and keep the checkpoint in the catalog."""
        from archive.checkpoints import make_checkpoint

        return make_checkpoint(self.catalog, self.signing_key(), self.timestamp)

    def checkpoints(self):
        """Return every checkpoint, oldest first, each checked against its signature, timestamp and the ledger."""
        from archive.checkpoints import check_checkpoints

        return check_checkpoints(self.catalog, self.signing_key, self.tsa_ca)

    def observations(self, capture_id: int) -> list[Observation]:
        """Return the later fetches that found a capture's bytes again, oldest first."""
        return self.catalog.observations(capture_id)

    def versions(self, capture: Capture) -> list[Capture]:
        """Return every capture of the same URL, oldest first."""
        return self.catalog.versions(capture.url) if capture.url else [capture]

    def quote_tracking(self, capture: Capture) -> list[tuple[Citation, Capture, changes.Tracking]]:
        """For citations on older versions of this capture's URL: what became of each quote in the newest."""
        from archive import changes  # difflib: only pages with older versions need it

        all_versions = self.versions(capture)
        if len(all_versions) < 2:
            return []
        newest = self.get(all_versions[-1].id, with_text=True)
        tracked = []
        for older in all_versions[:-1]:
            for citation in self.citations_of(older.id):
                if not citation.exact:  # a region alone: no quote to look for
                    continue
                tracked.append((citation, newest, changes.track(newest.text or "", citation.exact, citation.prefix,
                                                                 citation.suffix, citation.start, citation.end)))
        return tracked

    def search(self, query: str, limit: int = 10, offset: int = 0, near: float = 0.0) -> SearchResult:
        """Search text and metadata; each hit carries a highlighted passage and its PDF page.

        A query that is a figure ("$1.23 million", "figure:1230000 USD drones") finds the captures stating
        that value in any language and format; `near` (a fraction, 0.1 = 10 %) also admits different values
        that close, each hit saying how it matches.
        """
        query = inputs.query(query)
        inputs.whole_number(limit, "limit", 1, inputs.LIMIT_MAX)
        inputs.whole_number(offset, "offset", 0, inputs.OFFSET_MAX)
        near = inputs.fraction(near, "near", 1.0)
        # Most searches are words: the figure engine is loaded only for a query that may state a figure.
        from archive.figures.spotting import may_state_figure  # the number-word tables: searches only

        wanted = figures.figure_query(query) if may_state_figure(query) else None
        if wanted is not None:
            return self._search_figure(query, wanted, limit, offset, near)
        loaded: dict[int, Capture] = {}

        def texts(ids: list[int]) -> dict[int, tuple[str, list[int] | None]]:
            loaded.update(self.catalog.get_captures(ids, with_text=True))
            return {i: (c.text or "", c.token_marks) for i, c in loaded.items()}

        from archive.entities import name_forms  # with the analyzer: Whoosh, which only searches import

        named = self.entities.in_query(query)
        total, found = self.index.search(named.query, texts, limit=limit, offset=offset, aliases=named.aliases)
        typed = {name_forms(name)[1] for name in named.typed.values()}
        hits = []
        for hit in found:
            capture = loaded.get(hit.capture_id)
            if capture is None:  # indexed but no longer in the catalog: skip rather than crash
                continue
            through = [] if "exact" in hit.ways else list(hit.ways)  # as written, if any word was
            if hit.names and not typed & {name_forms(name)[1] for name in hit.names}:
                through.append("alias")
            hits.append(SearchHit(
                capture_id=capture.id, title=capture.title, score=round(hit.score, 4), snippet=hit.snippet,
                page=capture.page_of(hit.offset) if hit.offset is not None else None, offset=hit.offset,
                site=capture.site, kind=capture.kind, language=capture.language,
                published=capture.published, captured_at=capture.captured_at,
                url=capture.final_url or capture.url, ocr=capture.ocr_at(hit.offset),
                found_through=through, aliases=list(hit.names), mixed_script=snippets.mixed_script_words(hit.snippet),
            ))
        suggestion = self.index.suggest(query, texts) if total == 0 and not named.aliases else None
        return SearchResult(query=query, total=total, hits=hits, page=offset // max(limit, 1) + 1,
                            per_page=limit, suggestion=suggestion,
                            entities=[{"id": e.id, "name": e.name, "names": e.names} for e in named.entities])

    @property
    def entities(self) -> Entities:
        """Return the archive's entities and their names."""
        from archive.entities import Entities

        return Entities(self.catalog)

    def captures_naming(self, name: str) -> set[int]:
        """Return the ids of every capture naming `name` or, when it is an entity's name, any of its names (in any
        script, through Latin readings): the search-level way to find the sources of a name."""
        from archive.entities import name_forms

        shown, _folded, _reading = name_forms(name)
        named = self.entities.in_query(shown)
        if not named.aliases:  # no entity's name: the name's words as a phrase
            return self.index.matching_ids('"' + shown.replace('"', " ") + '"')
        return self.index.matching_ids(named.query, aliases=named.aliases)

    def entity_mentions(self, entity_id: int, limit: int = 50) -> tuple[Entity, SearchResult, list[Claim]]:
        """Return an entity, the captures naming it (a search for its name, which finds every alias) and the
        claims whose text names it."""
        from archive.entities import mentions

        entity = self.entities.get(entity_id)
        found = self.search(_query_of(entity.name), limit=limit)
        claims = [claim for claim in self.claims() if mentions(claim.text, entity.names)]
        return entity, found, claims

    def suggest_aliases(self, entity_id: int, limit: int = 20) -> list[AliasSuggestion]:
        """Return spellings in the captures that may be more names of an entity: words found through a name's
        Latin reading or a close spelling, which no entity has yet; each with where it was seen and why."""
        from archive.entities import name_forms
        from archive.entity_suggestions import NAMES_SEARCHED, entity_suggestion

        entity = self.entities.get(entity_id)
        have = {name_forms(name)[1] for name in entity.names}
        suggested: dict[str, AliasSuggestion] = {}
        for name in entity.names[:NAMES_SEARCHED]:
            shown = _query_of(name)
            words = " ".join(word[:1].upper() + word[1:] for word in shown.split())  # names: close spellings too
            for hit in self.index.search(words, lambda ids: self._texts(ids), limit=20)[1]:
                for spelling in snippets.marked_runs(hit.snippet):
                    suggestion = entity_suggestion(spelling, name, have)
                    if suggestion is None or suggestion.folded in suggested:
                        continue
                    if self.catalog.entity_name_owner(suggestion.folded) is not None:
                        continue
                    suggestion.capture_id = hit.capture_id
                    suggested[suggestion.folded] = suggestion
        return sorted(suggested.values(), key=lambda s: (-s.score, s.name))[:limit]

    def _texts(self, ids: list[int]) -> dict[int, tuple[str, list[int] | None]]:
        return {i: (c.text or "", c.token_marks) for i, c in self.catalog.get_captures(ids, with_text=True).items()}

    def _search_figure(self, query: str, wanted: figures.FigureQuery, limit: int, offset: int,
                       near: float) -> SearchResult:
        best: dict[int, tuple[tuple, Figure, Match]] = {}
        window = figures.search_window(wanted.figure, near)
        # A bare number names no unit, so it finds the value in any: "37,499.96" finds it under an "AMOUNT($)"
        # heading, where the engine reads dollars, as well as "$37,499.96" and the number alone.
        any_unit = wanted.figure.unit is None
        rows = self.catalog.figures_between_any_unit(*window) if any_unit else \
            self.catalog.figures_between(wanted.figure.unit, *window)
        asked_in = {wanted.figure.unit: wanted.figure}  # the searched figure, in each unit met
        for capture_id, found in rows:
            if found.unit not in asked_in:
                asked_in[found.unit] = replace(wanted.figure, unit=found.unit)
            asked = asked_in[found.unit]
            match = figures.classify(asked, found, near)
            if match is None:
                continue
            rank = (figures.RANK[match.kind], abs(match.difference or 0.0), found.start)
            if capture_id not in best or rank < best[capture_id][0]:
                best[capture_id] = (rank, found, match)
        if wanted.words:
            allowed = self.index.matching_ids(wanted.words)
            best = {k: v for k, v in best.items() if k in allowed}
        ordered = sorted(best.items(), key=lambda item: (item[1][0], item[0]))
        page = ordered[offset:offset + limit]
        captures = self.catalog.get_captures([capture_id for capture_id, _ in page], with_text=True)
        hits = []
        for capture_id, (_rank, found, match) in page:
            capture = captures[capture_id]
            hits.append(SearchHit(
                capture_id=capture_id, title=capture.title, score=round(1.0 / (1 + _rank[0]), 4),
                snippet=figure_snippet(capture.text or "", found), page=capture.page_of(found.start),
                offset=found.start, site=capture.site, kind=capture.kind, language=capture.language,
                published=capture.published, captured_at=capture.captured_at,
                url=capture.final_url or capture.url, ocr=capture.ocr_at(found.start),
                match={"kind": match.kind, "figure": found.to_json(), "difference": match.difference},
            ))
        return SearchResult(query=query, total=len(ordered), hits=hits, page=offset // max(limit, 1) + 1,
                            per_page=limit)

    # -- claims and citations ----------------------------------------------------------------

    def add_claim(self, text: str) -> Claim:
        """Record a statement to check."""
        text = " ".join(inputs.text(text, "claim", inputs.CLAIM_MAX).split())
        if not text:
            raise InvalidInputError("A claim needs some text: write the statement to check.")
        return self.catalog.add_claim(text, at=utc_now(), figures=claim_checks.claim_figures(text))

    def claims(self, limit: int | None = None, offset: int = 0, ids: Iterable[int] | None = None) -> list[Claim]:
        """Return claims newest first (every one, a page, or those with `ids`), with their number of citations."""
        return self.catalog.list_claims(limit, offset, ids)

    def count_claims(self) -> int:
        """Return how many claims there are."""
        return self.catalog.count_claims()

    def claim(self, claim_id: int, with_history: bool = False) -> Claim:
        """Return a claim with its citations, each checked against its stored capture and naming who made it;
        `with_history` adds its retracted citations (who retracted each, when and why) and its events."""
        inputs.record_id(claim_id, "claim")
        claim = self.catalog.get_claim(claim_id, checks=True)  # its figures and agreements as stored
        if claim is None:
            raise NotFoundError(f"there is no claim {claim_id} in this archive")
        if with_history:
            claim.retracted = [c for c in self.catalog.citations(claim_id=claim_id, include_removed=True,
                                                                 checks=True) if c.retracted]
        cited = claim.citations + claim.retracted
        if claim_checks.missing(claim, cited):  # made before they were stored: derived once, here
            self._derive_claim_checks(claim, cited)
        checked: dict[int, tuple[str, bool]] = {}
        for citation in cited:
            self.check_citation(citation, checked)
        from archive import history  # the ledger read as events: claims and the activity pages, not searches

        events = [history.event(entry) for entry in self.catalog.claim_ledger(claim_id)]
        history.attribute(claim.citations + claim.retracted, events)
        if with_history:
            claim.history = events
        return claim

    def _derive_claim_checks(self, claim: Claim, shown: list[Citation], again: bool = False) -> None:
        """Derive what a claim lacks of its figures and its citations' agreements (every citation it ever had,
        `shown` among them), all of it `again`, and store it (archive/claim_checks.py)."""
        if again:
            claim.figures = None  # new figures make every agreement again
        held = {citation.id for citation in shown}
        every = shown + [c for c in self.catalog.citations(claim_id=claim.id, include_removed=True, checks=True)
                         if c.id not in held]
        derived = claim_checks.fill_in(claim, every, lambda ids: {
            i: capture.published for i, capture in self.catalog.get_captures(ids).items()})
        self.catalog.store_claim_checks(claim.id, claim.figures, derived)

    def derive_claim_checks(self) -> int:
        """Derive every claim's figures and its citations' agreements again with the current figure engine, as
        `reindex` does for the captures' figures; return how many claims."""
        count = 0
        for row in self.catalog.claim_rows():
            self._derive_claim_checks(self.catalog.get_claim(row["id"], checks=True), [], again=True)
            count += 1
        return count

    def ledger(self, actor: str | None = None, event: str | None = None, since: str | None = None,
               until: str | None = None, subject: str | None = None, limit: int = 50,
               offset: int = 0) -> tuple[list[history.Event], int]:
        """Return a page of ledger events, newest first, filtered as `history.ledger_filter` reads the filters,
        and how many match."""
        from archive import history

        wanted = history.ledger_filter(actor, event, since, until, subject)
        inputs.whole_number(limit, "limit", 1, inputs.LIMIT_MAX)
        inputs.whole_number(offset, "offset", 0, inputs.OFFSET_MAX)
        rows, total = self.catalog.ledger_page(**wanted.query(), limit=limit, offset=offset)
        return [history.event(row) for row in rows], total

    def find_sources(self, claim_id: int, limit: int = 30) -> list[Candidate]:
        """Return passages anywhere in the archive that state the claim's figures, best first; for a claim
        without figures, the sentences that hold its anchors (names, years, key terms).

        Passages already cited for this claim are among them, each carrying its citation. Figures about
        another period, direction or subject come too, marked not comparable, when their sentence shares the
        claim's terms. A claim's first lineup.MAX_FIGURES figures are looked for.
        """
        from archive import lineup  # the claim checks load the figure engine: claim pages, not every command

        claim = self.claim(claim_id)
        anchors = self.claim_anchors(claim.text)
        if not claim.figures:
            return self._sources_by_anchors(claim, anchors, limit)
        terms = figures.key_terms(claim.text)
        found: dict[tuple[int, int], Candidate] = {}
        texts: dict[int, Capture] = {}
        for wanted in claim.figures[:lineup.MAX_FIGURES]:
            low, high = figures.search_window(wanted)
            wide_low, wide_high = _wide_window(wanted)
            rows = [(row, True) for row in self.catalog.figures_between(wanted.unit, low, high)]
            for beyond in ((wide_low, low), (high, wide_high)):
                rows += [(row, False) for row in self.catalog.figures_between(wanted.unit, *beyond, limit=_WIDE_ROWS)
                         if not low <= row[1].value <= high]
            texts.update(self.catalog.get_captures({cid for (cid, _), _ in rows} - texts.keys(), with_text=True))
            for (capture_id, figure), in_window in rows:
                candidate = _candidate(texts[capture_id], wanted, figure, terms, claim.citations, in_window)
                if candidate is None:
                    continue
                key = (capture_id, candidate.start)
                if key not in found or candidate.score > found[key].score:
                    found[key] = candidate
        return sorted(found.values(), key=lambda c: (-c.score, c.capture.id, c.start))[:limit]

    def _sources_by_anchors(self, claim: Claim, anchors: Anchors, limit: int) -> list[Candidate]:
        """Return the sentences that hold a claim's anchors, from the captures the index ranks best for them."""
        from archive.anchors import anchor_query, anchor_sentences, holds

        query = anchor_query(anchors)
        if not query:
            return []
        hits = self.search(query, limit=_ANCHOR_CAPTURES).hits
        captures = self.catalog.get_captures([hit.capture_id for hit in hits], with_text=True)
        found = []
        for capture in captures.values():
            for start, end in anchor_sentences(capture.text or "", anchors):
                sentence = (capture.text or "")[start:end]
                names, years, terms = holds(sentence, anchors)
                if not names and len(terms) + len(years) < 2:
                    continue  # one shared word is not a source for the claim
                score = 2.0 * len(names) + len(years) + 3.0 * len(terms) / max(len(anchors.terms), 1)
                cited = next((c for c in claim.citations if c.capture_id == capture.id and c.start < end
                              and start < c.end), None)
                found.append(Candidate(capture, start, end, sentence, figures.Agreement("none"), round(score, 3),
                                       cited))
        return sorted(found, key=lambda c: (-c.score, c.capture.id, c.start))[:limit]

    def where_sources_disagree(self, claim_id: int) -> lineup.LineUp:
        """Line up what every source found for the claim says of its figures (or its anchors): agreeing,
        rounding, contradicting, not comparable, each with its quote (archive/lineup.py).

        Made once per change of the archive and kept until the next (archive/lineup_cache.py): a view reads
        the archive's change stamp, not the whole archive, and never gets a line-up of an older archive."""
        inputs.record_id(claim_id, "claim")
        stamp = self.change_stamp()  # read first: a change made while lining up makes the next view line up anew
        return self._lineups.get(claim_id, stamp, lambda: self._line_up(claim_id, stamp[0]))

    def change_stamp(self) -> tuple[int, int]:
        """Return what tells this archive's state from any later one for what a claim's line-up reads: its last
        ledger entry but another claim's or an account's (every capture, citation and entity change adds one;
        archive/lineup_cache.py) and the number of captures waiting for the search index (indexing one changes
        what the search finds, and writes no entry)."""
        from archive.lineup_cache import LEFT_ALONE

        return self.catalog.last_entry_except(LEFT_ALONE), self.catalog.count_unindexed()

    def _line_up(self, claim_id: int, as_of: int) -> lineup.LineUp:
        from archive import lineup

        claim = self.claim(claim_id)
        anchors = self.claim_anchors(claim.text)
        candidates = self.find_sources(claim_id, limit=_LINEUP_ROWS)
        if claim.figures:  # the sentences naming the claim's names and years, for what else they credit to whom
            seen = {(c.capture.id, c.start) for c in candidates}
            candidates += [c for c in self._sources_by_anchors(claim, anchors, _LINEUP_ROWS)
                           if (c.capture.id, c.start) not in seen]
        lined = lineup.line_up(claim.text, claim.figures, anchors, candidates, self._entity_of())
        for candidate in candidates:  # kept between views: the rows' sentences, not the captures' whole texts
            candidate.capture = replace(candidate.capture, text=None, token_marks=None)
        lined.as_of = as_of
        return lined

    def claim_anchors(self, text: str) -> Anchors:
        """Return what a claim's text can be found by (archive/anchors.py), each name with every name of the
        recorded entity it is one of."""
        from archive.anchors import claim_anchors

        def spellings(name: str) -> tuple[str, ...]:
            try:
                return (name, *self.entities.aliases(name))
            except InvalidInputError:  # no name an entity could have (too long, too many words)
                return (name,)

        return claim_anchors(text, spellings)

    def _entity_of(self) -> Callable[[str], int | None]:
        """Return a reader of which recorded entity a name is one of (its id, or None), each name read once."""
        read: dict[str, int | None] = {}

        def entity_of(name: str) -> int | None:
            if name not in read:
                try:
                    entity = self.entities.find(name)
                except InvalidInputError:
                    entity = None
                read[name] = entity.id if entity else None
            return read[name]

        return entity_of

    def set_claim_status(self, claim_id: int, status: str, notes: str | None = None) -> Claim:
        """Change a claim's status: one of CLAIM_STATUSES."""
        inputs.record_id(claim_id, "claim")
        inputs.text(status, "status", inputs.NAME_MAX)
        inputs.text(notes, "notes", inputs.NOTES_MAX, required=False)
        if status not in CLAIM_STATUSES:
            raise InvalidInputError(f"unknown status {status!r}: use one of {', '.join(CLAIM_STATUSES)}")
        self.claim(claim_id)
        self.catalog.set_claim_status(claim_id, status, notes, at=utc_now())
        return self.claim(claim_id)

    def cite(self, claim_id: int | None, capture_id: int, quote: str | None = None, position: int | None = None,
             stance: str = "supports", note: str | None = None, new_claim: str | None = None,
             region: str | dict | None = None, cell: str | dict | None = None) -> Citation:
        """Tie a claim to an exact passage of a capture, a region of one of its pages' pictures, or both; or to a
        cell of a table on a PDF page (its text as the quote, its box as the region, its headers kept). Raise a
        QuoteError when the quote is not there, InvalidInputError for a region or cell that is not.

        A region is "PAGE:X,Y,WIDTH,HEIGHT" (or the API's object) in pixels of the page's reference picture
        (archive/regions.py); a cell "PAGE:TABLE:ROW:COLUMN". With `new_claim`, the claim is created only once
        everything is found, so a refused citation leaves no stray claim behind.
        """
        if claim_id is not None:
            inputs.record_id(claim_id, "claim")
        inputs.record_id(capture_id, "capture")
        inputs.text(quote, "quote", inputs.QUOTE_MAX, required=region is None and cell is None)
        inputs.whole_number(position, "position", 0, inputs.ID_MAX, required=False)
        inputs.text(stance, "stance", inputs.NAME_MAX)
        inputs.text(note, "note", inputs.NOTE_MAX, required=False)
        inputs.text(new_claim, "claim", inputs.CLAIM_MAX, required=False)
        asked_region = regions.parse_region(region) if region is not None else None
        asked_cell = regions.parse_cell(cell) if cell is not None else None
        quoted = quote is not None and bool(quote.strip())
        if asked_cell is not None and (asked_region is not None or quoted):
            raise InvalidInputError("A table cell brings its own quote and region: cite the cell alone.")
        if stance not in STANCES:
            raise InvalidInputError(f"unknown stance {stance!r}: use one of {', '.join(STANCES)}")
        if new_claim is None:
            if claim_id is None:
                raise InvalidInputError("Choose a claim to cite this passage for, or write a new one.")
            wanted = self.claim(claim_id).figures
        capture = self.get(capture_id, with_text=True)
        pointed = self._pointed(capture, quote if quoted or asked_region is None else None, position,
                                asked_region, asked_cell)
        if new_claim is not None:
            claim_id = self.add_claim(new_claim).id
            wanted = self.catalog.get_claim(claim_id, checks=True).figures
        row = {"claim_id": claim_id, "capture_id": capture_id, "stance": stance,
               "note": (note or "").strip() or None, **pointed}
        # Its agreement with the claim's figures is stored with it: showing the claim then needs no engine.
        agreement = claim_checks.agreement(wanted, pointed["exact"], capture.published)
        citation = self.catalog.add_citation(row, at=utc_now(), agreement=agreement)
        return self.check_citation(citation, {})

    def _pointed(self, capture: Capture, quote: str | None, position: int | None,
                 asked_region: regions.RegionRequest | None, asked_cell: regions.CellRequest | None) -> dict:
        """Return what a citation points at in a capture: its quote's selectors, page, region and cell."""
        text = capture.text or ""
        cell = None
        if asked_cell is not None:
            cell, found_cell = self.pictures.cell(capture, asked_cell)
            region = found_cell.region
            found = quotes.anchor(text, text[slice(*found_cell.span)], found_cell.span[0]) \
                if found_cell.span else None
        else:
            region = self.pictures.region(capture, asked_region) if asked_region is not None else None
            found = quotes.anchor(text, quote, position) if quote is not None else None
        page = capture.page_of(found.start) if found is not None else None
        if region is not None and capture.pages and found is not None and page != region.page:
            raise InvalidInputError(f"The quote stands on page {page}, the region is on page {region.page}: cite "
                                    "a region of the quote's own page.")
        if found is None:  # a region alone: an empty quote where its page starts
            start = capture.pages[region.page - 1][0] if capture.pages else 0
            found = quotes.Anchor("", "", "", start, start)
            page = region.page if capture.pages else None
        return {"exact": found.exact, "prefix": found.prefix, "suffix": found.suffix, "start": found.start,
                "end": found.end, "page": page, "region": region.to_json() if region else None,
                "cell": cell.to_json() if cell else None}

    def remove_citation(self, citation_id: int, reason: str | None = None) -> None:
        """Retract a citation, saying why; the record and its history stay in the catalog and the ledger."""
        inputs.text(reason, "reason", inputs.NOTE_MAX, required=False)
        self.citation(citation_id)
        self.catalog.remove_citation(citation_id, at=utc_now(), reason=(reason or "").strip() or None)

    def citation(self, citation_id: int) -> Citation:
        """Return one current citation or raise NotFoundError."""
        inputs.record_id(citation_id, "citation")
        found = self.catalog.citations(citation_id=citation_id)
        if not found:
            raise NotFoundError(f"there is no citation {citation_id} in this archive")
        return found[0]

    def citations_of(self, capture_id: int) -> list[Citation]:
        """Return the current citations of one capture."""
        return self.catalog.citations(capture_id=capture_id)

    def check_citation(self, citation: Citation, checked: dict[int, tuple[str, bool]]) -> Citation:
        """Set citation.verified: the quote stands at its position in a text whose hashes still hold.

        `checked` caches (text, intact) per capture so that many citations of one capture hash it once.
        """
        if citation.capture_id not in checked:
            capture = self.catalog.get_capture(citation.capture_id, with_text=True)
            checked[citation.capture_id] = (capture.text or "", self._capture_intact(capture))
        text, intact = checked[citation.capture_id]
        citation.verified = intact and text[citation.start:citation.end] == citation.exact
        if citation.verified and citation.region is not None:
            citation.verified = self._picture_intact(citation.capture_id, checked)
        return citation

    def _picture_intact(self, capture_id: int, checked: dict) -> bool:
        """Tell whether a capture's screenshot, what regions of a browser capture are drawn on, still matches its
        hash (a PDF's or an image's pages are drawn from the original, already checked)."""
        key = (capture_id, "screenshot")
        if key not in checked:
            recorded = self.catalog.get_capture(capture_id).part("screenshot")
            checked[key] = recorded is None or self._blob_intact(recorded["sha256"])
        return checked[key]

    def _capture_intact(self, capture: Capture) -> bool:
        """Tell whether the stored text and original bytes still match their recorded hashes."""
        if sha256_hex((capture.text or "").encode("utf-8")) != capture.text_sha256:
            return False
        return self._blob_intact(capture.sha256)

    def _blob_intact(self, sha256: str) -> bool:
        try:
            with self.store.open(sha256) as blob:
                digest = hashlib.file_digest(blob, "sha256").hexdigest()
        except OSError:
            return False
        return digest == sha256

    @property
    def accounts(self) -> Accounts:
        """Return the archive's accounts (team mode); argon2 is imported only when they are asked for."""
        from archive.accounts import Accounts

        return Accounts(self.catalog)


@dataclass
class Recaptured:
    """What a recapture found: the outcome, the version it follows, and what became of quotes cited before."""

    url: str
    result: IngestResult
    previous: Capture | None
    tracking: list[tuple[Citation, Capture, changes.Tracking]]


@dataclass
class Candidate:
    """A passage that may support or contradict a claim: where it is, and how its figure matches."""

    capture: Capture
    start: int
    end: int
    sentence: str
    agreement: figures.Agreement
    score: float
    citation: Citation | None = None  # the claim's citation of this passage, when it is already cited

    @property
    def stance(self) -> str:
        """Return the stance a citation of this passage most likely takes: supports what states the claim's
        figure, contradicts a different one, context for the rest."""
        return {"same": "supports", "rounded": "supports", "different": "contradicts"}.get(self.agreement.kind,
                                                                                           "context")

    def to_json(self) -> dict:
        """Return the shape of `claim sources --json`: where, the sentence, the agreement, and whether cited."""
        cited = {"id": self.citation.id, "stance": self.citation.stance} if self.citation else None
        return {"capture_id": self.capture.id, "title": self.capture.title, "start": self.start, "end": self.end,
                "sentence": self.sentence, "score": self.score, "agreement": self.agreement.to_json(),
                "cited": cited, "ocr": self.capture.ocr_at(self.start), "stance": self.stance}


def _candidate(capture: Capture, wanted: Figure, figure: Figure, terms: set[str],
               citations: list[Citation], in_window: bool) -> Candidate | None:
    """Score the sentence around a figure as a source for a claim, and find the claim's citation of it.

    In the search window a figure may state the claim's (same, rounded) or drift from it; beyond it (up to
    ten times either way) only a figure about something else is shown, as not comparable, and only when its
    sentence shares the claim's terms: it is what a reader would otherwise take for a contradiction."""
    match = figures.compare(wanted, figure)
    if match.kind == "incomparable" or (not in_window and match.kind != "not_comparable"):
        return None
    shared = len(terms & figures.key_terms(_sentence(capture, figure))) if terms else 0
    # Different values are worth showing (a drifting figure) only near the claim's or on the same subject.
    if match.kind == "different" and not shared and abs(match.difference or 1) > 0.2:
        return None
    if match.kind == "not_comparable" and not in_window and shared < 2:
        return None
    start, end = figures.sentence_around(capture.text or "", figure.start, figure.end)
    weight = {"same": 3.0, "rounded": 2.0, "different": 1.0, "not_comparable": 0.5}[match.kind]
    score = weight + 3.0 * shared / max(len(terms), 1)
    agreement = figures.Agreement(match.kind, wanted, figure, match.difference, match.reason)
    cited = next((c for c in citations if c.capture_id == capture.id and c.start < end and start < c.end), None)
    return Candidate(capture, start, end, (capture.text or "")[start:end], agreement, round(score, 3), cited)


def _wide_window(figure: Figure) -> tuple[float, float]:
    """Return the values a figure about something else may have to be shown beside the claim's: a tenth to ten
    times it (imports of five million dollars beside exports of 1.23 million)."""
    low, high = sorted((figure.value / 10, figure.value * 10))
    return low, high


def _sentence(capture: Capture, figure: Figure) -> str:
    start, end = figures.sentence_around(capture.text or "", figure.start, figure.end)
    return (capture.text or "")[start:end]


def _analyse(text: str):
    """Return a text's index terms and token marks (archive.analysis imports Whoosh: only writers need it)."""
    from archive.analysis import analyse

    return analyse(text)


def figure_snippet(text: str, figure: Figure, width: int = 240) -> str:
    """Return the passage around a figure as escaped HTML, the whole figure as found in <mark>."""
    return snippets.passage(text, [(figure.start, figure.end)], width)


def _query_of(name: str) -> str:
    """Return a name as a query of its words (no quotes or operators a name may hold)."""
    from archive.analysis import MultilingualTokenizer

    return " ".join(token.text for token in MultilingualTokenizer()(name))


def _row(captured: NewCapture, sha256: str) -> dict:
    """Return the catalog row of a new capture: its description, text and hashes (the catalog adds the
    previous version of its URL)."""
    row = {f.name: getattr(captured, f.name) for f in fields(Described)}
    row["source"] = inputs.as_recorded(row["source"])  # a file name of invalid UTF-8 is kept, escaped
    size = len(captured.body) if captured.body is not None else captured.size
    row.update(sha256=sha256, size=size, text=captured.text,
               text_sha256=sha256_hex(captured.text.encode("utf-8")),
               parts=[part.recorded() for part in captured.parts] or None)
    return row


def _observation(captured: NewCapture) -> dict | None:
    """Return what a fetch saw (URL, time, status, headers), or None for files and uploads."""
    if captured.method not in ("http", "warc", "browser"):
        return None
    return {"observed_at": captured.captured_at, "method": captured.method, "source": captured.source,
            "url": captured.url, "final_url": captured.final_url, "redirects": captured.redirects,
            "http_status": captured.http_status, "http_headers": captured.http_headers}


def _create_whole(path: Path, content: str) -> bool:
    """Create a small file with its whole content at once, unless it exists; tell whether it was created.
    (Written aside and linked into place, so a process opening the home at the same moment never reads it
    half written.)"""
    fd, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(content)
        os.link(staging, path)
        return True
    except FileExistsError:
        return False
    finally:
        os.unlink(staging)


def _check_identity(home: Path, catalog: CatalogBackend, store: BlobBackend) -> None:
    """Refuse a catalog that is not this home's own: emptied, recreated or swapped under its originals.

    The home keeps the id of the catalog it was made with (archive.id); a catalog found with another id lost
    what it recorded, and writing to it would give old ids to new captures while old blobs and index stay.
    """
    marker = home / "archive.id"
    own = catalog.archive_id()
    try:
        recorded = marker.read_text().strip()
    except FileNotFoundError:
        recorded = None if _create_whole(marker, own + "\n") else marker.read_text().strip()
    if recorded is not None and recorded != own:
        raise CatalogLostError(
            f"{catalog.path} is not the catalog of the archive in {home}: it was emptied, recreated or "
            f"replaced (the home is archive {recorded}, the catalog says {own}). Nothing was changed. "
            "Restore catalog.db from a backup of this archive; the originals under blobs/ are untouched")
    if recorded is None and catalog.ledger_head()[0] == 0 and store.holds_any():  # older than archive.id
        marker.unlink()
        raise CatalogLostError(
            f"{catalog.path} records nothing, but {store.location} holds originals: the catalog was lost or "
            "emptied. Nothing was changed. Restore catalog.db from a backup of this archive")
