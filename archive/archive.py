"""The archive facade: the one place that persists captures (blob -> catalog row + ledger -> index)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from archive.catalog import Catalog
from archive.clock import utc_now
from archive.errors import NotFoundError
from archive.index import SearchIndex
from archive.models import Capture, Captured, IngestResult, SearchHit, SearchResult
from archive.store import BlobStore, sha256_hex


class Archive:
    """An archive home: blobs/, catalog.db and index/ in one folder."""

    def __init__(self, home: Path | str, index_batch: int = 1000):
        self.home = Path(home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.store = BlobStore(self.home / "blobs")
        self.catalog = Catalog(self.home / "catalog.db")
        self.index = SearchIndex(self.home / "index", batch_size=index_batch)
        self._batch_depth = 0
        if self.index.created_empty and self.catalog.count_captures():
            # The index was deleted or is from an older schema: every capture must be indexed again.
            self.catalog.mark_all_unindexed()

    def close(self) -> None:
        """Commit queued index work and release files."""
        self.flush()
        self.index.close()
        self.catalog.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    # -- writing -----------------------------------------------------------------------------

    def add(self, captured: Captured) -> IngestResult:
        """Persist a capture once: same bytes again answer "exists" with the capture already stored."""
        sha256 = sha256_hex(captured.body)
        existing = self.catalog.find_by_sha256(sha256)
        if existing is not None:
            return IngestResult(captured.source, "exists", existing)
        previous = self.catalog.latest_for_url(captured.url) if captured.url else None
        self.store.put(captured.body, sha256)
        capture = self.catalog.add_capture(_row(captured, sha256, previous), at=utc_now())
        self._mark(self.index.add(capture, captured.text))
        if not self._batch_depth:
            self.flush()
        return IngestResult(captured.source, "captured", capture)

    @contextmanager
    def batch(self) -> Iterator[Archive]:
        """Group many adds: the search index commits every `index_batch` captures and at the end."""
        self._batch_depth += 1
        try:
            yield self
        finally:
            self._batch_depth -= 1
            if not self._batch_depth:
                self.flush()

    def flush(self) -> None:
        """Commit queued index documents and record them as indexed."""
        self._mark(self.index.commit())

    def _mark(self, committed: list[int]) -> None:
        if committed:
            self.catalog.mark_indexed(committed)

    def index_pending(self, progress: Callable[[int], None] | None = None) -> int:
        """Index captures the catalog holds but the index lacks (after a crash or a deleted index)."""
        count = 0
        for capture in self.catalog.iter_captures(with_text=True, where="indexed = 0"):
            self._mark(self.index.add(capture, capture.text or "", replace=True))
            count += 1
            if progress:
                progress(1)
        self.flush()
        return count

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild the whole search index from the catalog; return how many captures were indexed."""
        self.index.clear()
        self.catalog.mark_all_unindexed()
        return self.index_pending(progress)

    # -- reading -----------------------------------------------------------------------------

    def get(self, capture_id: int, with_text: bool = False) -> Capture:
        """Return a capture or raise NotFoundError."""
        capture = self.catalog.get_capture(capture_id, with_text=with_text)
        if capture is None:
            raise NotFoundError(f"there is no capture {capture_id} in this archive")
        return capture

    def original(self, capture: Capture) -> bytes:
        """Return the original bytes of a capture, checked against their hash."""
        return self.store.get(capture.sha256, verify=True)

    def versions(self, capture: Capture) -> list[Capture]:
        """Return every capture of the same URL, oldest first."""
        return self.catalog.versions(capture.url) if capture.url else [capture]

    def search(self, query: str, limit: int = 10, offset: int = 0) -> SearchResult:
        """Search text and metadata; each hit carries a highlighted passage and its PDF page."""
        loaded: dict[int, Capture] = {}

        def texts(ids: list[int]) -> dict[int, str]:
            loaded.update(self.catalog.get_captures(ids, with_text=True))
            return {i: c.text or "" for i, c in loaded.items()}

        total, found = self.index.search(query, texts, limit=limit, offset=offset)
        hits = []
        for hit in found:
            capture = loaded.get(hit.capture_id)
            if capture is None:  # indexed but no longer in the catalog: skip rather than crash
                continue
            hits.append(SearchHit(
                capture_id=capture.id, title=capture.title, score=round(hit.score, 4), snippet=hit.snippet,
                page=capture.page_of(hit.offset) if hit.offset is not None else None, offset=hit.offset,
                site=capture.site, kind=capture.kind, language=capture.language,
                published=capture.published, captured_at=capture.captured_at,
                url=capture.final_url or capture.url,
            ))
        return SearchResult(query=query, total=total, hits=hits, page=offset // max(limit, 1) + 1,
                            per_page=limit)


def _row(captured: Captured, sha256: str, previous: Capture | None) -> dict:
    return {
        "sha256": sha256, "size": len(captured.body), "media_type": captured.media_type,
        "kind": captured.kind, "source": captured.source, "method": captured.method,
        "captured_at": captured.captured_at, "url": captured.url, "final_url": captured.final_url,
        "redirects": captured.redirects, "http_status": captured.http_status,
        "http_headers": captured.http_headers, "title": captured.title, "author": captured.author,
        "published": captured.published, "site": captured.site, "language": captured.language,
        "charset": captured.charset, "pages": captured.pages, "notes": captured.notes,
        "tools": captured.tools, "text": captured.text,
        "text_sha256": sha256_hex(captured.text.encode("utf-8")),
        "previous_id": previous.id if previous else None,
    }
