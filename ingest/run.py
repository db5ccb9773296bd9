"""Run an ingest: expand sources, capture each in a worker process, hand each to the archive's writer.

Extraction is the slow part, pure, and exposed to hostile bytes, so it always runs in worker processes
(ingest/workers.py), each source within its time and memory limits; the single writer (Archive.add) stays in
this process. Each original is written to the content-addressed blob store by the worker that captured it, so
the writer's disk waits are not on the critical path. A bounded window of work in flight keeps memory flat
however many sources there are.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.errors import BlobStoreError, CaptureError
from archive.models import NewCapture, IngestResult
from archive.seams import BlobBackend
from ingest.pipeline import Limits, capture, capture_upload
from ingest.sources import SourceItem, Upload, expand, irregular_kind
from ingest.warc_reader import read_warc
from ingest.warcfile import is_warc
from ingest.workers import Ticket, WorkerPool

# Sources in flight per worker: enough to keep workers extracting while the writer commits a batch of the
# search index (seconds), few enough to keep memory flat (each holds its text and index terms).
WINDOW_PER_WORKER = 48
# Cyclic garbage collection during a run, as gc.set_threshold takes it (Python's default: 700, 10, 10).
BULK_GC_THRESHOLDS = (10_000, 10, 10)


Source = str | SourceItem | Upload  # as typed (a path or URL, expanded), one file or URL as meant, or uploaded bytes


def plan(sources: Iterable[Source], exclude: tuple[Path, ...] = ()) -> tuple[list[SourceItem | Upload], list[IngestResult]]:
    """Split sources into items to capture and results already known (missing paths, skipped files).

    Only what was typed as text is expanded (folders walked, URLs told from paths); a SourceItem is taken as
    meant, so a URL pasted into a web form is never read as a path on the server.
    """
    items: list[SourceItem | Upload] = []
    known: list[IngestResult] = []
    for source in sources:
        for entry in expand([source], exclude) if isinstance(source, str) else [source]:
            (known if isinstance(entry, IngestResult) else items).append(entry)
    return items, known


def extract_and_keep(item: SourceItem, limits: Limits, blobs: BlobBackend | None) -> NewCapture:
    """Capture a file or URL and store its original in the blob store `blobs`: what a worker does for one.

    A stored original goes back to the writer only when it needs the bytes (HTTP exchanges): an HTML page
    is a dozen times larger than its text and terms, and every byte sent crosses a pipe that the writer's
    process reads between its own work.
    """
    captured = capture(item, limits)
    return keep_original(captured, blobs) if blobs is not None else captured


def extract_upload_and_keep(name: str, body: bytes, limits: Limits, blobs: BlobBackend | None) -> NewCapture:
    """Capture uploaded bytes and store their original: what a worker does for an upload."""
    captured = capture_upload(name, body, limits)
    return keep_original(captured, blobs) if blobs is not None else captured


def keep_original(captured: NewCapture, store: BlobBackend) -> NewCapture:
    """Store a capture's original bytes and its parts (written once, synced, content-addressed); note their hashes."""
    if captured.body is None and captured.sha256:
        return captured  # stored already: a WARC's revisit of a payload read before
    try:
        captured.sha256 = store.put(captured.body)
        for part in captured.parts:  # a screenshot, OCR word boxes: stored here too, never sent through a pipe
            if part.body is not None:
                part.sha256, part.size, part.body = store.put(part.body), len(part.body), None
        if captured.exchange is not None:  # a browser's visit, likewise
            captured.warc_sha256, captured.exchange = store.put(captured.exchange), None
    except OSError as exc:
        raise CaptureError(captured.source, f"the original could not be stored ({exc.strerror or exc})") from exc
    except BlobStoreError as exc:  # the store itself fails: said for this source, and the run stops on it
        raise type(exc)(captured.source, f"the original could not be stored: {exc}") from exc
    captured.size = len(captured.body)
    captured.stored_in = store.location  # every put above returned: the writer trusts this report
    if not captured.needs_original():
        captured.body = None
    return captured


def import_warc(item: SourceItem, limits: Limits, blobs: BlobBackend | None) -> Iterator[NewCapture | IngestResult]:
    """Import a WARC file's records, storing each capture's original: what a worker does for a WARC file."""
    kind = irregular_kind(Path(item.source))
    if kind is not None:
        yield IngestResult.failed(item.source, f"{item.source}: not a regular file ({kind})", "unprocessable")
        return
    for entry in read_warc(item.source, limits):
        if isinstance(entry, NewCapture) and blobs is not None:
            try:
                entry = keep_original(entry, blobs)
            except BlobStoreError:
                raise  # the rest of the file cannot be stored either
            except CaptureError as exc:
                entry = IngestResult.failed(entry.source, exc)
        yield entry


def ingest(sources: Iterable[Source], add: Callable[[NewCapture], IngestResult], limits: Limits, jobs: int = 1,
           on_planned: Callable[[int], None] | None = None, on_done: Callable[[], None] | None = None,
           exclude: tuple[Path, ...] = (), store: BlobBackend | None = None,
           pool: WorkerPool | None = None) -> Iterator[IngestResult]:
    """Capture every source and store it through `add`; yield one result per source (per record for WARCs).

    `on_planned(n)` learns how many files and URLs there are to capture; `on_done()` is called as each ends.
    With `store` (the archive's blob store), originals are written there by the workers (which open it from
    its pickled configuration) before `add` sees them; a store that fails (BlobStoreError) stops the run,
    every capture stored before it kept, and a rerun finishes it. Without a
    `pool`, the run starts `jobs` workers of its own for its length (a bulk run); with one (a server's shared
    pool), it submits to it.
    """
    items, known = plan(sources, exclude)
    # Documents first, then WARC files, as before workers ran both.
    ordered = [item for item in items if not _is_archive(item)] + [item for item in items if _is_archive(item)]
    if on_planned:
        on_planned(len(items))
    yield from known
    with _run_pool(pool, jobs) as running:
        window = (jobs if pool is None else running.size) * WINDOW_PER_WORKER
        for item, ticket in _submitted(running, ordered, limits, store, window):
            if _is_archive(item):
                yield from _imported(item, ticket, add)
            else:
                yield _stored(add, item, ticket)
            if on_done:
                on_done()


@contextmanager
def _run_pool(pool: WorkerPool | None, jobs: int) -> Iterator[WorkerPool]:
    if pool is not None:
        yield pool
        return
    with fewer_collections(), WorkerPool(jobs) as own:
        yield own


def _submitted(pool: WorkerPool, items: Iterable[SourceItem | Upload], limits: Limits, blobs: BlobBackend | None,
               window: int) -> Iterator[tuple[SourceItem | Upload, Ticket]]:
    """Submit items to the pool, at most `window` ahead of the caller; yield them with their tickets in order."""
    in_flight: deque[tuple[SourceItem | Upload, Ticket]] = deque()
    for item in items:
        if isinstance(item, Upload):
            ticket = pool.submit(item.source, extract_upload_and_keep, (item.name, item.body, limits, blobs), limits)
        elif _is_archive(item):
            ticket = pool.submit(item.source, import_warc, (item, limits, blobs), limits, stream=True)
        else:
            ticket = pool.submit(item.source, extract_and_keep, (item, limits, blobs), limits)
        in_flight.append((item, ticket))
        if len(in_flight) >= window:
            yield in_flight.popleft()
    while in_flight:
        yield in_flight.popleft()


def _is_archive(item: SourceItem | Upload) -> bool:
    return isinstance(item, SourceItem) and not item.is_url and is_warc(item.source)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while a run lasts.

    A run keeps hundreds of thousands of objects alive for a while (the index writer's postings of a batch,
    the captures in flight), and with Python's default thresholds the collector walks them again and again:
    1.0 s of a 2,000-page run on one core, 0.2 s with BULK_GC_THRESHOLDS (measured with gc.callbacks).
    Reference counting still frees everything else at once; only garbage in cycles waits longer.
    """
    before = gc.get_threshold()
    gc.set_threshold(*BULK_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _stored(add: Callable[[NewCapture], IngestResult], item: SourceItem | Upload, ticket: Ticket) -> IngestResult:
    try:
        return add(ticket.result())
    except BlobStoreError:
        raise
    except CaptureError as exc:
        return IngestResult.failed(item.source, exc)


def _imported(item: SourceItem, ticket: Ticket, add: Callable[[NewCapture], IngestResult]) -> Iterator[IngestResult]:
    """File a WARC file's records as its worker sends them; a limit hit ends the file there."""
    count = 0
    try:
        for entry in ticket.results():
            count += 1
            if isinstance(entry, IngestResult):
                yield entry
                continue
            try:
                yield add(entry)
            except BlobStoreError:
                raise
            except CaptureError as exc:
                yield IngestResult.failed(entry.source, exc)
    except BlobStoreError:
        raise
    except CaptureError as exc:
        rest = "; the rest of the file was not imported" if count else ""
        yield IngestResult.failed(item.source, f"{exc}{rest}", exc.kind)
