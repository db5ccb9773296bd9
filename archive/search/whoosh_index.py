"""The search index on Whoosh, in the home's index/ folder: derived data, rebuilt from the catalog at any time.

WhooshIndex implements archive.seams.SearchBackend with Whoosh's public API; the speed work that needs
Whoosh's internals sits in whoosh_internals.py.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import uuid
from pathlib import Path
from pickle import UnpicklingError
from typing import Any

from whoosh import index
from whoosh.writing import CLEAR

from archive.errors import IndexBusyError, IndexWriteError
from archive.models import Capture
from archive.search import passages, queries, suggestions, variants, whoosh_internals
from archive.search.ranking import WarmSearcher, rank
from archive.search.schema import SCHEMA_VERSION, document, schema
from archive.search.vocabulary import WhooshVocabulary
from archive.seams import IndexHit, IndexTexts

PASSAGE_FIELDS = ("text", variants.READINGS)  # fields whose positions are the text's: passages are cut from them
LOCK_WAIT = 600.0  # seconds a writer that must index (a run's end, a rebuild) waits for another's commit
_THREAD = threading.local()


class WhooshIndex:
    """A Whoosh index in one folder. One process at a time writes it, holding Whoosh's write lock from its
    first queued document to its commit; the catalog's `indexed` flag tells which captures are committed."""

    in_catalog = False  # documents are queued here and committed apart from the catalog's rows

    def __init__(self, path: Path | str, lock_wait: float = LOCK_WAIT):
        self.path = Path(path)
        self.lock_wait = lock_wait
        self._ix, self.created_now = self._open_or_create()
        self._folder_id = _folder_id(self.path)
        self._writer = None
        self._pending: list[int] = []

    def _open_or_create(self) -> tuple[Any, bool]:
        """Open the index, or make a new empty one when it is missing, outdated or unreadable (it is derived:
        the catalog says what to put back); tell whether it was made now."""
        version_file = self.path / "SCHEMA_VERSION"
        try:
            if index.exists_in(self.path) and version_file.read_text() == SCHEMA_VERSION:
                return index.open_dir(self.path), False
        except (OSError, ValueError, EOFError, index.IndexError, ImportError, AttributeError, UnpicklingError):
            pass  # unreadable, or its TOC names classes that moved: made again below
        return self._create(), True

    def _create(self):
        # Built aside and renamed into place, so that processes opening the index at the same moment never
        # see half an index nor remove each other's: the first rename wins, the others open the winner's.
        staging = Path(tempfile.mkdtemp(prefix=".index-new-", dir=self.path.parent))
        index.create_in(staging, schema())
        (staging / "SCHEMA_VERSION").write_text(SCHEMA_VERSION)
        aside = self.path.with_name(f".index-old-{uuid.uuid4().hex}")
        try:
            os.rename(self.path, aside)
        except FileNotFoundError:
            aside = None
        try:
            os.rename(staging, self.path)
        except OSError:  # another process put its new index in place first
            shutil.rmtree(staging, ignore_errors=True)
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)
        return index.open_dir(self.path)

    def doc_count(self) -> int:
        """Return how many captures are searchable."""
        return self._ix.doc_count()

    def document_ids(self) -> list[int]:
        """Return the capture id of every document in the index, repeats included (reads every stored field)."""
        with self._ix.searcher() as searcher:
            return [int(fields["capture_id"]) for fields in searcher.all_stored_fields()]

    def is_lost(self) -> bool:
        """Tell whether the folder this index was opened from has been deleted or replaced since."""
        return _folder_id(self.path) != self._folder_id

    # -- writing -----------------------------------------------------------------------------

    @property
    def writing(self) -> bool:
        """Tell whether this index holds the write lock (documents may be queued)."""
        return self._writer is not None

    @property
    def pending_ids(self) -> list[int]:
        """Return the capture ids queued since the last commit."""
        return list(self._pending)

    def try_begin(self) -> bool:
        """Take the write lock if no other process holds it; tell whether this index holds it now."""
        if self._writer is None:
            self._writer = self._new_writer(wait=0.0)
        return self._writer is not None

    def begin(self, wait: float | None = None) -> None:
        """Take the write lock, waiting up to `wait` seconds (lock_wait by default), else raise IndexBusyError."""
        wait = self.lock_wait if wait is None else wait
        if self._writer is None:
            self._writer = self._new_writer(wait)
        if self._writer is None:
            raise IndexBusyError(f"the search index stayed locked by another process for {wait:g} s")

    def _new_writer(self, wait: float):
        if self.is_lost():
            self._ix, self.created_now = self._open_or_create()
            self._folder_id = _folder_id(self.path)
        try:
            return whoosh_internals.open_writer(self._ix, timeout=wait, delay=0.25, limitmb=128)
        except index.LockError:
            return None

    def add(self, capture: Capture, terms: dict[str, list[int]], replace: bool = False) -> None:
        """Queue a capture, its text given as analysis.analyse terms; the caller holds the write lock.

        `replace` removes an earlier copy first: needed for captures another process may have committed
        (after a crash, or while this one waited), skipped for new captures because the lookup costs time on
        every document.
        """
        if self._writer is None:
            raise IndexBusyError("the search index is not open for writing")
        fields = document(capture, terms)
        if replace:
            self._writer.update_document(**fields)
        else:
            self._writer.add_document(**fields)
        self._pending.append(capture.id)

    def delete(self, capture_id: int) -> None:
        """Queue the removal of a committed capture's document; the caller holds the write lock."""
        if self._writer is None:
            raise IndexBusyError("the search index is not open for writing")
        self._writer.delete_by_term("capture_id", str(capture_id))

    def commit(self, clear: bool = False, merge: bool = True) -> list[int]:
        """Commit queued documents and release the lock; return their capture ids. `clear` drops every
        earlier document in the same step (a rebuild: searches see the old index until then); `merge=False`
        leaves segments unmerged."""
        if self._writer is None:
            return []
        if self.is_lost():  # the folder was deleted under us: these documents would land in a stranger's index
            self.cancel()
            return []
        try:
            self._writer.commit(mergetype=CLEAR if clear else None, merge=merge)
        except Exception as exc:  # a disk full, a damaged segment: whatever it is, the lock must not stay held
            self.cancel()
            raise IndexWriteError(f"the search index could not be written ({type(exc).__name__}: {exc})") from exc
        committed, self._pending, self._writer = self._pending, [], None
        return committed

    def cancel(self) -> None:
        """Drop queued documents and release the lock (they stay marked unindexed in the catalog)."""
        writer, self._writer, self._pending = self._writer, None, []
        if writer is None:
            return
        try:
            writer.cancel()
        except Exception:  # a writer a failed commit left half closed: release its lock by hand
            whoosh_internals.release_write_lock(writer)

    # -- searching ---------------------------------------------------------------------------

    def parse(self, query: str):
        """Parse the query language: words, "phrases", AND/OR/NOT, field:value, date ranges."""
        return queries.parse(query, self._ix.schema)

    def search(self, query: str, texts: IndexTexts, limit: int = 10, offset: int = 0,
               aliases: dict[str, list[str]] | None = None) -> tuple[int, list[IndexHit]]:
        """Run a query; `texts(ids)` supplies {id: (text, token marks)} for snippets; `aliases` maps a placeholder
        word of the query to the names it stands for. Return (exact total, hits)."""
        warm = self._warm()
        widening = variants.Widening()
        scored, filters = queries.split_filters(self._widened(query, warm, aliases, widening))
        admitted = warm.docs(filters)
        if admitted is not None and not admitted:
            return 0, []  # the filters admit nothing
        results, total = rank(warm, scored, offset + limit, admitted)
        wanted = _passage_terms(scored, warm.searcher.reader())
        page = results[offset:offset + limit]
        ids = [int(hit["capture_id"]) for hit in page]
        bodies = texts(ids)
        matched = passages.matched_positions(warm.searcher.reader(), [hit.docnum for hit in page], wanted)
        hits = []
        for hit, capture_id in zip(page, ids):
            body, marks = bodies.get(capture_id) or ("", None)
            snippet, start = passages.snippet(matched[hit.docnum], body, marks)
            ways, names = variants.how_found(matched[hit.docnum], widening)
            hits.append(IndexHit(capture_id, float(hit.score), snippet, start, ways, names))
        return total, hits

    def matching_ids(self, query: str, aliases: dict[str, list[str]] | None = None) -> set[int]:
        """Return the ids of every capture matching a query, without scoring or snippets."""
        warm = self._warm()
        parsed = self._widened(query, warm, aliases, variants.Widening())
        return {int(fields["capture_id"]) for fields in warm.searcher.search(parsed, limit=None, scored=False)}

    def suggest(self, query: str, texts: IndexTexts) -> str | None:
        """Return the query with each word the index lacks replaced by the nearest word it holds, as written
        in a text, or None when no word can be replaced."""
        return suggestions.did_you_mean(query, self.vocabulary(), texts)

    def vocabulary(self) -> WhooshVocabulary:
        """Return the index's terms as the names features read them, as of the last commit."""
        return WhooshVocabulary(self._warm().searcher.reader())

    def _widened(self, query: str, warm, aliases: dict[str, list[str]] | None, widening: variants.Widening):
        return variants.widen(self.parse(query), WhooshVocabulary(warm.searcher.reader()), queries.name_words(query),
                              aliases, widening)

    def _warm(self) -> WarmSearcher:
        """Return this thread's open searcher on this index, brought up to date (opening one costs ~50 ms)."""
        cache = _THREAD.__dict__.setdefault("searchers", {})
        key = str(self.path.resolve())
        warm = cache.get(key)
        if warm is not None and warm.current():
            return warm
        if warm is not None and warm.ix_id == id(self._ix):
            warm.refresh()
            return warm
        # No searcher yet, or a stale one from another opening of this index (each request opens its own).
        if warm is not None:
            warm.close()
        warm = cache[key] = WarmSearcher(self._ix)
        return warm

    def close(self) -> None:
        """Commit anything queued and release the index."""
        self.commit()
        self._ix.close()


def _passage_terms(scored, reader) -> list[tuple[str, str]]:
    """Return the (field, term) pairs a query looks for in the fields passages are cut from, a wildcard's
    terms as this index expands them. (Whoosh's existing_terms reuses its field argument as a loop variable,
    and so skips every leaf of another field after the first.)"""
    wanted = set()
    for leaf in scored.leaves():
        if leaf.field() not in PASSAGE_FIELDS:
            continue
        for field, text in leaf.expanded_terms(reader, phrases=True):
            wanted.add((field, text.decode("utf-8") if isinstance(text, bytes) else text))
    return sorted(wanted)


def _folder_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino
