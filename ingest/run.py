"""Run an ingest: expand sources, capture them (in parallel when asked), hand each to the archive's writer.

Extraction is the slow part and is pure, so it runs in worker processes; the single writer (Archive.add)
stays in this process. A bounded window of work in flight keeps memory flat however many sources there are.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from archive.errors import CaptureError
from archive.models import Captured, IngestResult
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem, expand

Outcome = tuple[SourceItem, Captured | None, str | None]


def plan(specs: list[str]) -> tuple[list[SourceItem], list[IngestResult]]:
    """Split sources into items to capture and results already known (missing paths, skipped files)."""
    items, known = [], []
    for entry in expand(specs):
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


def captures(items: Iterable[SourceItem], limits: Limits, jobs: int = 1) -> Iterator[Outcome]:
    """Yield (item, captured, error) in input order, extracting in `jobs` processes."""
    items = list(items)
    if jobs <= 1 or len(items) < 2:
        for item in items:
            yield capture_safely(item, limits)
        return
    context = multiprocessing.get_context("spawn")
    window: deque[Future] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for item in items:
            window.append(pool.submit(capture_safely, item, limits))
            if len(window) >= jobs * 4:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()


def ingest(specs: list[str], add: Callable[[Captured], IngestResult], limits: Limits, jobs: int = 1,
           on_planned: Callable[[int], None] | None = None) -> Iterator[IngestResult]:
    """Capture every source and store it through `add`; yield one result per source."""
    items, known = plan(specs)
    if on_planned:
        on_planned(len(items))
    yield from known
    for item, captured, error in captures(items, limits, jobs):
        if captured is None:
            yield IngestResult(item.source, "failed", error=error)
            continue
        try:
            yield add(captured)
        except CaptureError as exc:
            yield IngestResult(item.source, "failed", error=str(exc))
