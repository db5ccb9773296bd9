"""Run an ingest: expand sources, capture them (in parallel when asked), hand each to the archive's writer.

Extraction is the slow part and is pure, so it runs in worker processes; the single writer (Archive.add)
stays in this process. Each original is written to the content-addressed blob store where it was captured
(a worker, or a helper thread overlapping the next extraction), so the writer's disk waits are not on the
critical path. A bounded window of work in flight keeps memory flat however many sources there are.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from archive.errors import CaptureError
from archive.models import Captured, IngestResult
from archive.store import BlobStore
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem, expand
from ingest.warc import read_warc
from ingest.warcfile import is_warc

Outcome = tuple[SourceItem, Captured | None, str | None]
MIN_ITEMS_FOR_WORKERS = 8
# Captures in flight per worker: enough to keep workers extracting while the writer commits a batch of the
# search index (seconds), few enough to keep memory flat (each holds its original bytes and text).
WINDOW_PER_WORKER = 48
# Cyclic garbage collection during a run, as gc.set_threshold takes it (Python's default: 700, 10, 10).
BULK_GC_THRESHOLDS = (10_000, 10, 10)


def plan(specs: list[str], exclude: tuple[Path, ...] = ()) -> tuple[list[SourceItem], list[IngestResult]]:
    """Split sources into items to capture and results already known (missing paths, skipped files)."""
    items, known = [], []
    for entry in expand(specs, exclude):
        (items if isinstance(entry, SourceItem) else known).append(entry)
    return items, known


def capture_safely(item: SourceItem, limits: Limits) -> Outcome:
    """Capture one item; turn any failure into a reason so one bad source never stops the run."""
    try:
        return item, capture(item, limits), None
    except CaptureError as exc:
        return item, None, str(exc)
    except Exception as exc:  # a bug in an extraction library must not end a run of thousands
        return item, None, f"{item.source}: unexpected error while extracting ({type(exc).__name__}: {exc})"


def keep_original(outcome: Outcome, store: BlobStore) -> Outcome:
    """Store a capture's original bytes (written once, synced, content-addressed) and note their hash."""
    item, captured, _error = outcome
    if captured is None:
        return outcome
    try:
        captured.sha256 = store.put(captured.body)
    except OSError as exc:
        return item, None, f"{item.source}: the original could not be stored ({exc.strerror or exc})"
    captured.size = len(captured.body)
    return outcome


def capture_and_keep(item: SourceItem, limits: Limits, blobs: Path | None) -> Outcome:
    """What a worker does for one item: capture it, then store its original in the blob folder `blobs`.

    A stored original goes back to the writer only when it needs the bytes (HTTP exchanges): an HTML page
    is a dozen times larger than its text and terms, and every byte sent crosses a pipe that the writer's
    process reads between its own work.
    """
    outcome = capture_safely(item, limits)
    if blobs is None:
        return outcome
    outcome = keep_original(outcome, BlobStore(blobs))
    captured = outcome[1]
    if captured is not None and not captured.needs_original():
        captured.body = None
    return outcome


def captures(items: Iterable[SourceItem], limits: Limits, jobs: int = 1,
             store: BlobStore | None = None) -> Iterator[Outcome]:
    """Yield (item, captured, error) in input order, extracting in `jobs` processes; with a `store`, each
    capture's original is already in it when it is yielded."""
    items = list(items)
    done = 0
    # Starting workers costs about a second each (imports), worth it only for longer runs.
    if jobs > 1 and len(items) >= MIN_ITEMS_FOR_WORKERS:
        try:
            for outcome in _captures_in_workers(items, limits, jobs, store):
                yield outcome
                done += 1
        except BrokenProcessPool:
            pass  # a worker died (out of memory, killed): finish the rest here, one by one
    yield from _captures_here(items[done:], limits, store)


def _captures_here(items: list[SourceItem], limits: Limits, store: BlobStore | None) -> Iterator[Outcome]:
    if store is None:
        yield from (capture_safely(item, limits) for item in items)
        return
    # One helper thread stores each original (hashing, writing and fsync release the GIL) while this
    # thread extracts the next source and the caller files the previous one.
    with ThreadPoolExecutor(max_workers=1) as keeper:
        previous: Future | None = None
        for item in items:
            stored = keeper.submit(keep_original, capture_safely(item, limits), store)
            if previous is not None:
                yield previous.result()
            previous = stored
        if previous is not None:
            yield previous.result()


def _captures_in_workers(items: list[SourceItem], limits: Limits, jobs: int,
                         store: BlobStore | None) -> Iterator[Outcome]:
    blobs = store.folder if store is not None else None
    window: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_worker_context()) as pool:
        for item in items:
            window.append(pool.submit(capture_and_keep, item, limits, blobs))
            if len(window) >= jobs * WINDOW_PER_WORKER:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def _worker_context():
    """Fork workers from a server that has loaded the extraction code once (ingest/worker.py); spawn where
    there is no fork server. Not plain fork: the writer's open database and index must not be inherited."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    context.set_forkserver_preload(["ingest.worker"])
    return context


def ingest(specs: list[str], add: Callable[[Captured], IngestResult], limits: Limits, jobs: int = 1,
           on_planned: Callable[[int], None] | None = None, on_done: Callable[[], None] | None = None,
           exclude: tuple[Path, ...] = (), store: BlobStore | None = None) -> Iterator[IngestResult]:
    """Capture every source and store it through `add`; yield one result per source (per record for WARCs).

    `on_planned(n)` learns how many files and URLs there are to capture; `on_done()` is called as each ends.
    With `store` (the archive's blob store), originals are written there before `add` sees them.
    """
    items, known = plan(specs, exclude)
    archives = [item for item in items if not item.is_url and is_warc(item.source)]
    documents = [item for item in items if item not in archives]
    if on_planned:
        on_planned(len(items))
    yield from known
    with fewer_collections():
        for item, captured, error in captures(documents, limits, jobs, store):
            yield _store(add, item.source, captured, error)
            if on_done:
                on_done()
        for item in archives:
            yield from _ingest_warc(item, add, limits)
            if on_done:
                on_done()


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


def _store(add: Callable[[Captured], IngestResult], source: str, captured: Captured | None,
           error: str | None) -> IngestResult:
    if captured is None:
        return IngestResult(source, "failed", error=error)
    try:
        return add(captured)
    except CaptureError as exc:
        return IngestResult(source, "failed", error=str(exc))


def _ingest_warc(item: SourceItem, add: Callable[[Captured], IngestResult], limits: Limits) -> Iterator[IngestResult]:
    """Import a WARC file's documents; a WARC is read in this process, record after record."""
    try:
        for entry in read_warc(item.source, limits):
            yield entry if isinstance(entry, IngestResult) else _store(add, entry.source, entry, None)
    except Exception as exc:  # an extraction library failing on one record must not end the run
        yield IngestResult(item.source, "failed",
                           error=f"{item.source}: unexpected error while importing ({type(exc).__name__}: {exc})")
