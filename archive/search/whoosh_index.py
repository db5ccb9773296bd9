"""The Whoosh search index: derived data, rebuilt from the catalog at any time. The only module importing whoosh."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
import uuid
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import accumulate
from pathlib import Path
from pickle import loads
from typing import Any
from urllib.parse import urlsplit

from whoosh import collectors, fields, formats, index, scoring
from whoosh import query as query_module
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3LeafMatcher, W3PerDocReader,
                                   W3PostingsWriter, _lenfield)
from whoosh.matching import ListMatcher, NullMatcher, ReadTooFar
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE  # the width of the count that starts a Positions value
from whoosh.util.numeric import byte_to_length
from whoosh.writing import CLEAR, SegmentWriter
from whoosh.qparser import GtLtPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin

from archive import snippets
from archive.analysis import keyword_analyzer, text_analyzer, token_spans
from archive.errors import IndexBusyError, IndexWriteError, QueryError
from archive.models import Capture

SCHEMA_VERSION = "3"  # 2: text keeps positions only (snippets re-tokenise up to the passage); 3: text analysed beforehand
SNIPPET_TOKENS = 24
LOCK_WAIT = 600.0  # seconds a writer that must index (a run's end, a rebuild) waits for another's commit
FILTER_FIELDS = {"lang", "kind", "published", "captured", "url", "sha256"}
# Posting lists shorter than this are kept in the term's entry of the terms table instead of a block of the
# postings file: in a batch of a thousand captures most words occur in a few of them, and a block costs a
# header, two pickles and compression to write, and a seek and a decompression to read. Up to a quarter of
# a block (128 postings), inlining measured cheaper: 17 % fewer instructions to index a batch of the bench
# corpus at 32, 3 % at 8.
INLINE_POSTINGS = 32
CACHED_IDS = 400_000  # document numbers kept in a warm searcher's sets of recent clauses (~20 MB)
# Most terms occur once in a capture (72 % in the bench corpus), and the encoding of a lone position
# depends on nothing else: the first SINGLE_POSITIONS_KEPT are encoded once per process (at most ~4 MB).
SINGLE_POSITIONS_KEPT = 50_000
_SINGLE_POSITIONS: dict[int, bytes] = {}
_THREAD = threading.local()
_UNREAD = 0xFFFFFFFF  # a field length not read yet
_LENGTH_OF_BYTE = [0] + [byte_to_length(byte) for byte in range(1, 256)]  # a length column's bytes, read
_DATE_CLAUSE = re.compile(r"\b(published|captured):(\[[^\]]*\]|\S+)")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


class AnalysedText(tuple):
    """A capture's text as (term, positions) pairs from analysis.analyse, indexed without analysing again."""


class _Positions(formats.Positions):
    """Whoosh's positions format, also taking an AnalysedText as it is (the analyzer still reads queries)."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(value, AnalysedText):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, freq, encoded in self.postings(value):
            yield term, freq, freq * boost, encoded

    def postings(self, value: AnalysedText) -> Iterator[tuple[str, int, bytes]]:
        """Yield (term, frequency, encoded positions) for each term of an analysed text."""
        encode, single = self.encode, _SINGLE_POSITIONS
        for term, positions in value:
            if len(positions) == 1 and positions[0] < SINGLE_POSITIONS_KEPT:
                encoded = single.get(positions[0])
                if encoded is None:
                    encoded = single[positions[0]] = encode(positions)
            else:
                encoded = encode(positions)
            yield term, len(positions), encoded


class _RememberedLengths(W3PerDocReader):
    """Whoosh's per-document reader of one segment, keeping the field lengths it has read (4 bytes a document).

    Committing a segment asks for a document's field length once per posting (hundreds per document) and
    scoring once per word and match; each ask is a seek and a read in the lengths column.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._lengths: dict[str, array] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        known = self._lengths.get(fieldname)
        if known is None:
            known = self._lengths[fieldname] = array("I", [_UNREAD]) * self.doc_count_all()
        length = known[docnum]
        if length == _UNREAD:
            length = super().doc_field_length(docnum, fieldname, default)
            if length is None or length == default:  # no length recorded: answer as whoosh does, unremembered
                return length
            known[docnum] = length
        return length

    def lengths_by_document(self, fieldname: str) -> list[int] | None:
        """Return every document's length of a field (0 where none is recorded), or None without lengths."""
        column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        return None if column is None else [_LENGTH_OF_BYTE[byte] for byte in column]


class _InlinePostingsWriter(W3PostingsWriter):
    """Whoosh's postings writer, inlining short posting lists (Whoosh has the option, but calls a method
    its term info names differently, so only a limit of 1, no inlining, works there)."""

    def finish_postings(self):
        if self.written() or len(self) >= self._inlinelimit:
            return super().finish_postings()
        terminfo, self._terminfo = self._terminfo, None
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._values)
        return terminfo

    def add_all(self, postings: list, lengths: list[int] | None) -> None:
        """Add a term's postings, given flat (document, weight, value, document, ...), as add_posting would
        one by one: blocks of `blocklimit`, each with its maximum weight and its shortest and longest
        document (`lengths` by document, None for a field without lengths)."""
        step = 3 * self._blocklimit
        for start in range(0, len(postings), step):
            if start:
                self._write_block()
            block = postings[start:start + step]
            ids, weights = block[0::3], block[1::3]
            self._ids, self._weights = array("I", ids), array("f", weights)
            self._values = [value for value in block[2::3] if value]
            self._maxweight = max(0, max(weights))
            if lengths is not None:
                known = [length for length in map(lengths.__getitem__, ids) if length]
                if known:
                    self._minlength, self._maxlength = min(known), max(known)


class _BlockPostings(W3LeafMatcher):
    """Whoosh's reader of a posting list in blocks, finding a document inside a block by bisection.

    Whoosh steps through a block's ids one call at a time (id, is_active, next) to reach a target; phrases,
    ANDs and filters skip to targets all the time, and in a block of 128 that was most of their work.
    """

    def skip_to(self, targetid):
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        if targetid > self._maxid:  # whole blocks first, as whoosh does
            self._skip_to_block(lambda: targetid > self._maxid)
            if not self.is_active():
                return
        if self._ids is None:
            self._read_ids()
        # A block's last id is its maximum, here >= target: the target's place is inside this block.
        self._i = bisect_left(self._ids, targetid, self._i)


class _InlinedPostings(ListMatcher):
    """Reads an inlined posting list as Whoosh reads a block: copies keep the term and its statistics (block-max
    scoring asks them), and a posting without a value reads None, not ""."""

    def copy(self):
        return _InlinedPostings(self._ids, self._weights, self._values, self._format, self._scorer, self._i,
                                self._all_weights, term=self._term, terminfo=self._terminfo)

    def value(self):
        return super().value() if self._values else None

    def skip_to(self, id):
        if not self.is_active():
            raise ReadTooFar
        self._i = bisect_left(self._ids, id, self._i)  # whoosh's list matcher steps one id at a time


class _Codec(W3Codec):
    """Whoosh's codec, with short posting lists inlined and segments that remember their field lengths.

    Segments record their codec in the index's TOC, so segments written before either change still read."""

    def __init__(self):
        super().__init__(inlinelimit=INLINE_POSTINGS)

    def postings_writer(self, dbfile, byteids=False):
        return _InlinePostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                                     compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return _InlinedPostings(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
        offset, length = terminfo.extent()
        return _BlockPostings(dbfile, offset, length, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment):
        return _RememberedLengths(storage, segment)

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)


class _FieldWriter(W3FieldWriter):
    """Whoosh's writer of a segment's terms and postings, taking each term's postings in one step when they
    come grouped from a _TermPool (Whoosh's own loop makes five calls for every posting)."""

    def add_postings(self, schema, lengths, items):
        if not isinstance(items, _GroupedPostings):
            return super().add_postings(schema, lengths, items)
        for fieldname, terms in items.by_field():
            self.start_field(fieldname, schema[fieldname])
            field_lengths = lengths.lengths_by_document(fieldname) if lengths else None
            for term, postings in terms:
                self.start_term(term)
                self._postwriter.add_all(postings, field_lengths)
                self.finish_term()
            self.finish_field()


class _TermPool:
    """The writer's postings, grouped by field and term as they arrive.

    Whoosh's pool keeps one list of (field, term, document, weight, value) and sorts it at commit: hundreds of
    thousands of tuples for a batch. Grouped, only the distinct terms are sorted (14 % fewer instructions to
    index a batch of the bench corpus), and each term's postings are kept flat (document, weight, value,
    document, ...), which the field writer slices into blocks. Postings of one term arrive in document order:
    new documents first, then segments merged in, each with higher numbers. Past POOLED postings (merging big
    segments), the rest goes to Whoosh's pool, which sorts on disk in bounded memory.
    """

    POOLED = 1_000_000  # about 130 MB

    def __init__(self, spill):
        self._spill = spill
        self._fields: dict[str, dict[bytes, list]] | None = {}
        self._count = 0

    def add(self, posting: tuple) -> None:
        """Add one posting as Whoosh's pool takes it: (field, term, document, weight, value)."""
        if self._fields is None:
            self._spill.add(posting)
            return
        terms = self._fields.get(posting[0])
        if terms is None:
            terms = self._fields[posting[0]] = {}
        postings = terms.get(posting[1])
        if postings is None:
            terms[posting[1]] = list(posting[2:])
        else:
            postings += posting[2:]
        self._count += 1
        self._spill_if_full()

    def add_analysed(self, fieldname: str, docnum: int, format_: _Positions, text: AnalysedText) -> int:
        """Add a document's postings of an analysed text; return the field's length (its positions)."""
        boost, length = format_.field_boost, 0
        if self._fields is None:
            for term, freq, encoded in format_.postings(text):
                self._spill.add((fieldname, term.encode("utf-8"), docnum, freq * boost, encoded))
                length += freq
            return length
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        for term, freq, encoded in format_.postings(text):
            key = term.encode("utf-8")
            postings = terms.get(key)
            if postings is None:
                terms[key] = [docnum, freq * boost, encoded]
            else:
                postings += (docnum, freq * boost, encoded)
            length += freq
        self._count += len(text)
        self._spill_if_full()
        return length

    def _spill_if_full(self) -> None:
        if self._count > self.POOLED:
            for held in _GroupedPostings(self._fields):
                self._spill.add(held)
            self._fields = None

    def iter_postings(self):
        return self._spill.iter_postings() if self._fields is None else _GroupedPostings(self._fields)

    def cleanup(self) -> None:
        self._spill.cleanup()


class _GroupedPostings:
    """A _TermPool's postings in field and term order: by_field() for _FieldWriter, tuples for anyone else."""

    def __init__(self, grouped: dict[str, dict[bytes, list]]):
        self._grouped = grouped

    def by_field(self) -> Iterator[tuple[str, Iterator[tuple[bytes, list]]]]:
        for fieldname in sorted(self._grouped):
            terms = self._grouped[fieldname]
            yield fieldname, ((term, terms[term]) for term in sorted(terms))

    def __iter__(self):
        for fieldname, terms in self.by_field():
            for term, postings in terms:
                for at in range(0, len(postings), 3):
                    yield fieldname, term, postings[at], postings[at + 1], postings[at + 2]


class _Writer(SegmentWriter):
    """Whoosh's segment writer, adding an analysed text's postings to the pool in one call per document.

    Whoosh's add_document hands each posting to the pool through a generator, a loop and a tuple (hundreds
    per capture). This one does the rest as Whoosh does for the fields our schema has: no boosts, spelling,
    vectors or columns (test_index_writer checks the schema has none).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        self.pool = _TermPool(self.pool)

    def add_document(self, **fields):
        self._check_state()
        schema, perdoc, docnum = self.schema, self.perdocwriter, self.docnum
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = self._index_field(name, field, value, docnum) if field.indexed else 0
                perdoc.add_field(name, field, value if field.stored else None, length)
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(self, name, field, value, docnum) -> int:
        if isinstance(value, AnalysedText):
            return self.pool.add_analysed(name, docnum, field.format, value)
        length = 0
        for term, freq, weight, encoded in field.index(value):
            self.pool.add((name, term, docnum, weight, encoded))
            length += freq
        return length if field.scorable else 0


def schema() -> fields.Schema:
    """Return the index schema: searchable text and title, filterable metadata."""
    text = text_analyzer()
    names = keyword_analyzer()
    body = fields.TEXT(analyzer=text, multitoken_query="phrase")
    body.format = _Positions(field_boost=body.format.field_boost)
    return fields.Schema(
        capture_id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=text, field_boost=2.0, multitoken_query="phrase"),
        text=body,
        author=fields.TEXT(analyzer=names, multitoken_query="phrase"),
        site=fields.TEXT(analyzer=names, multitoken_query="phrase"),
        url=fields.ID,
        sha256=fields.ID,
        lang=fields.KEYWORD(lowercase=True),
        kind=fields.KEYWORD(lowercase=True),
        published=fields.DATETIME,
        captured=fields.DATETIME,
    )


@dataclass
class IndexHit:
    """A matching capture id with its score and best passage."""

    capture_id: int
    score: float
    snippet: str
    offset: int | None


class SearchIndex:
    """A Whoosh index in one folder. One process at a time writes it, holding Whoosh's write lock from its
    first queued document to its commit; the catalog's `indexed` flag tells which captures are committed."""

    def __init__(self, path: Path, lock_wait: float = LOCK_WAIT):
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
        except (OSError, ValueError, EOFError, index.IndexError):
            pass  # unreadable: made again below
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

    @property
    def created_empty(self) -> bool:
        """Tell whether the index holds no documents."""
        return self._ix.doc_count_all() == 0

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
            return _Writer(self._ix, timeout=wait, delay=0.25, limitmb=128, codec=_Codec())
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
        document = _document(capture, terms)
        if replace:
            self._writer.update_document(**document)
        else:
            self._writer.add_document(**document)
        self._pending.append(capture.id)

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
            lock = getattr(writer, "writelock", None)
            if lock is not None and getattr(lock, "fd", None) is not None:
                lock.release()

    # -- searching ---------------------------------------------------------------------------

    def parse(self, query: str):
        """Parse the query language: words, "phrases", AND/OR/NOT, field:value, date ranges."""
        parser = MultifieldParser(["title", "text"], self._ix.schema)
        parser.add_plugin(DateParserPlugin(free=False))
        parser.add_plugin(GtLtPlugin())
        try:
            return parser.parse(_normalise_dates(query)).accept(_own_phrases)
        except Exception as exc:  # whoosh raises assorted errors (ValueError, IndexError...) for bad input
            hint = (" (dates are written 2024, 2024-03 or 2024-03-05, ranges as [2024-01-01 to 2024-06-30])"
                    if _DATE_CLAUSE.search(query) else "")
            shown = query if len(query) <= 80 else query[:77] + "…"
            raise QueryError(f"could not read the query {shown!r}{hint}") from exc

    def search(self, query: str, texts, limit: int = 10, offset: int = 0) -> tuple[int, list[IndexHit]]:
        """Run a query; `texts(ids)` supplies {id: (text, token marks)} for snippets. Return (exact total, hits)."""
        warm = self._warm()
        scored, filters = _split_filters(self.parse(query))
        admitted = warm.docs(filters)
        if admitted is not None and not admitted:
            return 0, []  # the filters admit nothing
        results, total = _rank(warm, scored, offset + limit, admitted)
        wanted = sorted({text for field, text in scored.iter_all_terms() if field == "text"})
        page = results[offset:offset + limit]
        ids = [int(hit["capture_id"]) for hit in page]
        bodies = texts(ids)
        matched = _matched_positions(warm.searcher.reader(), [hit.docnum for hit in page], wanted)
        hits = []
        for hit, capture_id in zip(page, ids):
            body, marks = bodies.get(capture_id) or ("", None)
            snippet, start = _snippet(matched[hit.docnum], body, marks)
            hits.append(IndexHit(capture_id, float(hit.score), snippet, start))
        return total, hits

    def matching_ids(self, query: str) -> set[int]:
        """Return the ids of every capture matching a query, without scoring or snippets."""
        searcher = self._warm().searcher
        return {int(fields["capture_id"]) for fields in searcher.search(self.parse(query), limit=None,
                                                                           scored=False)}

    def _warm(self) -> _WarmSearcher:
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
        warm = cache[key] = _WarmSearcher(self._ix)
        return warm

    def close(self) -> None:
        """Commit anything queued and release the index."""
        self.commit()
        self._ix.close()


class _WarmSearcher:
    """An open searcher kept between queries, with the document sets of recent clauses.

    Filters (lang:, kind:, dates) and single words recur from query to query; their sets cost a walk of
    the postings each time (about 1 microsecond a document), so the recent ones are kept, up to
    CACHED_IDS document numbers, and forgotten when the index changes.
    """

    def __init__(self, ix):
        self.ix, self.ix_id = ix, id(ix)
        self.searcher = ix.searcher(weighting=scoring.BM25F())
        self._sets: OrderedDict[str, set[int]] = OrderedDict()
        self._cached = 0

    def current(self) -> bool:
        return self.searcher.up_to_date()

    def refresh(self) -> None:
        """Follow commits made since the searcher opened; a new searcher forgets the cached sets."""
        if self.searcher.up_to_date():
            return
        if self._only_segments_added():
            # The fresh searcher reuses the old one's segment readers, so the old one must stay open.
            fresh = self.searcher.refresh()
        else:
            # whoosh 2.7's refresh keeps the readers of segments a merge removed (their documents then count
            # twice) and reuses a segment's reader after deletions in it; an empty index has none to reuse.
            fresh = self.ix.searcher(weighting=scoring.BM25F())
            self.searcher.close()
        self.searcher, self._sets, self._cached = fresh, OrderedDict(), 0

    def _only_segments_added(self) -> bool:
        if self.searcher.doc_count_all() == 0:
            return False
        latest = {segment: segment.deleted_count() for segment in self.ix._segments()}
        return all(latest.get(reader.segment()) == reader.segment().deleted_count()
                   for reader, _offset in self.searcher.reader().leaf_readers())

    def matching(self, clause) -> set[int]:
        """Return the documents one clause matches; the set is shared between queries, so only read it."""
        key = repr(clause)
        found = self._sets.get(key)
        if found is None:
            found = self._sets[key] = set(self.searcher.docs_for_query(clause))
            self._cached += len(found)
            while self._cached > CACHED_IDS and len(self._sets) > 1:
                self._cached -= len(self._sets.popitem(last=False)[1])
        self._sets.move_to_end(key)
        return found

    def docs(self, filters: list) -> set[int] | None:
        """Return the documents every filter clause admits, or None when there is no filter."""
        admitted: set[int] | None = None
        for clause in filters:
            found = self.matching(clause)
            admitted = found if admitted is None else admitted & found
        return admitted

    def close(self) -> None:
        self.searcher.close()


def _rank(warm: _WarmSearcher, scored, limit: int, admitted: set[int] | None):
    """Return whoosh's results holding the top `limit` hits, and the exact number of matches."""
    if admitted is None:
        # Block-max skipping finds the top hits without scoring every match; the count comes from sets.
        collector = collectors.TopCollector(limit=limit)
        warm.searcher.search_with_collector(scored, collector)
        return collector.results(), len(_matching_docs(scored, warm))
    # Under a filter every admitted match is scored, and counted on the way. replace=0: whoosh otherwise
    # swaps in matchers that drop the documents unable to reach the top (an OR becomes AND-MAYBE).
    collector = _LeapfrogFilter(collectors.TopCollector(limit=limit, usequality=False, replace=0), allow=admitted)
    warm.searcher.search_with_collector(scored, collector)
    results = collector.results()
    return results, len(results)


def _matching_docs(node, warm: _WarmSearcher) -> set[int]:
    """Return the documents a query matches, combining its parts' sets as the query combines them.

    Whoosh's own count walks every match one at a time through the whole matcher tree; sets are faster.
    The sets of single words may be shared (the warm searcher's cache): the result is only read.
    """
    kind = type(node)
    if kind is query_module.And:
        return set.intersection(*sorted((_matching_docs(sub, warm) for sub in node.subqueries), key=len))
    if (kind is query_module.Or and not node.minmatch) or kind is query_module.DisjunctionMax:
        return set().union(*(_matching_docs(sub, warm) for sub in node.subqueries))
    if kind is query_module.AndNot:
        return _matching_docs(node.a, warm) - _matching_docs(node.b, warm)
    if kind is query_module.AndMaybe:
        return _matching_docs(node.a, warm)
    if kind is query_module.Require:
        return _matching_docs(node.a, warm) & _matching_docs(node.b, warm)
    if kind is query_module.Term:
        return warm.matching(node)  # words recur between queries: their sets are kept a while
    return set(warm.searcher.docs_for_query(node))


class _LeapfrogFilter(collectors.FilterCollector):
    """Collect only the admitted documents, skipping the matcher from one to the next.

    Whoosh's own filter walks every match of the query and tests each against the set: the cost of the
    longest posting list even when the set (a phrase's documents, one language) is small.
    """

    def prepare(self, top_searcher, q, context):
        super().prepare(top_searcher, q, context)
        self._sorted = sorted(self.allow)

    def set_subsearcher(self, subsearcher, offset):
        super().set_subsearcher(subsearcher, offset)
        first = bisect_left(self._sorted, offset)
        last = bisect_left(self._sorted, offset + subsearcher.doc_count_all())
        self._local = [docnum - offset for docnum in self._sorted[first:last]]

    def collect_matches(self):
        child, wanted = self.child, self._local
        matcher = child.matcher
        at = 0
        while at < len(wanted) and matcher.is_active():
            if matcher.id() < wanted[at]:
                matcher.skip_to(wanted[at])
                if not matcher.is_active():
                    break
            if matcher.id() == wanted[at]:
                child.collect(wanted[at])
                at += 1  # no matcher.next(): it would hunt for the next match the filter may not admit
            else:
                at = bisect_left(wanted, matcher.id(), at)


def _own_phrases(node):
    """Swap whoosh's phrases for ours wherever they stand in a parsed query."""
    if type(node) is query_module.Phrase:
        return _WordsInARow(node.fieldname, node.words, node.slop, node.boost, node.char_ranges)
    return node


class _WordsInARow(query_module.Phrase):
    """A phrase answered by our own position check instead of whoosh's span machinery (3x faster).

    In each segment the rarest word leads and the others skip to its documents (whoosh skips whole blocks);
    positions are read only where every word is present, rarest first, stopping at the first word out of
    line. A document found scores what the AND of the words scores (whoosh's BM25F per word, summed).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._answers: dict[int, tuple] = {}  # per segment reader: ranking and counting both ask

    def matcher(self, searcher, context=None):
        if self.slop > 1 or not searcher.schema[self.fieldname].format.supports("positions"):
            return super().matcher(searcher, context)
        reader = searcher.reader()
        if id(reader) not in self._answers:
            self._answers[id(reader)] = (reader, *self._find(searcher, context))
        _, found, scores = self._answers[id(reader)]
        return ListMatcher(found, weights=scores) if found else NullMatcher()

    def _find(self, searcher, context) -> tuple[list[int], list[float]]:
        """Return the documents of this segment holding the phrase, with their scores."""
        words = [query_module.Term(self.fieldname, word, boost=self.boost).matcher(searcher, context)
                 for word in self.words]
        if not words or not all(matcher.is_active() for matcher in words):
            return [], []
        reader = searcher.reader()
        order = sorted(range(len(words)), key=lambda k: reader.doc_frequency(self.fieldname, self.words[k]))
        found, scores = [], []
        for docnum in _common_docs([words[k] for k in order]):
            if _in_a_row(words, order):
                found.append(docnum)
                scores.append(sum(matcher.score() for matcher in words))
        return found, scores


def _common_docs(matchers: list):
    """Yield each document all matchers hold, leaving them on it; the first matcher leads."""
    lead, others = matchers[0], matchers[1:]
    while lead.is_active():
        target = lead.id()
        for matcher in others:
            if matcher.id() < target:
                matcher.skip_to(target)
                if not matcher.is_active():
                    return
            if matcher.id() > target:
                lead.skip_to(matcher.id())
                break
        else:
            yield target
            lead.next()


def _in_a_row(matchers: list, order: list[int]) -> bool:
    """Tell whether word k stands at position p + k for some p, every matcher being on the same document."""
    starts: set[int] | None = None
    for k in order:
        shifted = shifted_positions(matchers[k].value(), k)
        starts = shifted if starts is None else starts & shifted
        if not starts:
            return False
    return True


def shifted_positions(value: bytes, shift: int) -> set[int]:
    """Return the positions in a posting's value (whoosh's Positions format), each less `shift`.

    The format is a 4-byte count, then the pickled gaps between positions (whoosh stores them without the
    pickle's final "."); summed in C here, where whoosh's decoder sums them in a Python loop.
    """
    gaps = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    gaps[0] -= shift
    return set(accumulate(gaps))


def _split_filters(parsed) -> tuple[object, list]:
    """Separate clauses on metadata fields (they filter, they do not rank) from the words that rank hits."""
    clauses = list(parsed.subqueries) if isinstance(parsed, query_module.And) else [parsed]
    filters = [c for c in clauses if _is_filter(c)]
    if not filters:
        return parsed, []
    ranking = [c for c in clauses if not _is_filter(c)]
    if not ranking:
        return query_module.Every(), filters
    return (ranking[0] if len(ranking) == 1 else query_module.And(ranking)), filters


def _is_filter(clause) -> bool:
    fields = {name for name, _text in clause.iter_all_terms()} if not isinstance(
        clause, (query_module.NumericRange, query_module.DateRange)) else {clause.fieldname}
    return bool(fields) and fields <= FILTER_FIELDS


def _normalise_dates(query: str) -> str:
    """Write ISO dates in date clauses as YYYYMMDD, the form Whoosh's date parser reads reliably."""
    def compact(match: re.Match) -> str:
        return match.group(1) + ":" + _ISO_DAY.sub(lambda m: "".join(g for g in m.groups() if g), match.group(2))
    return _DATE_CLAUSE.sub(compact, query)


def _document(capture: Capture, terms: dict[str, list[int]]) -> dict:
    doc = {
        "capture_id": str(capture.id),
        "title": capture.title or "",
        "text": AnalysedText(terms.items()),
        "author": capture.author or "",
        "site": " ".join(filter(None, [capture.site, _host(capture.final_url or capture.url)])),
        "sha256": capture.sha256,
        "kind": capture.kind,
        "captured": _parse_date(capture.captured_at),
    }
    if capture.url:
        doc["url"] = capture.url
    if capture.language:
        doc["lang"] = capture.language
    published = _parse_date(capture.published)
    if published:
        doc["published"] = published
    return {k: v for k, v in doc.items() if v is not None}


def _folder_id(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except FileNotFoundError:
        return None
    return found.st_dev, found.st_ino


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url).hostname


def _parse_date(value: str | None) -> datetime | None:
    """Read an ISO 8601 date or datetime as naive UTC, or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed


def _snippet(matched: list[tuple[int, str]], body: str, marks: list[int] | None,
             width: int = 240) -> tuple[str, int | None]:
    """Return the best passage of a hit as escaped HTML with matches in <mark>, and its first match's offset.

    The index keeps term positions, not character offsets (half the cost at ingest), so the passage is found
    in positions and only the text up to it is tokenised again to learn where those positions stand.
    """
    if not matched or not body:
        return snippets.lead(body, width), None
    spans = token_spans(body, _best_window(matched), marks)
    if not spans:
        return snippets.lead(body, width), None
    return snippets.passage(body, spans, width), min(spans)[0]


def _matched_positions(reader, docnums: list[int], terms: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Return, per document, (position, term) of every query term of the text field it holds, in order.

    One posting reader per term walks the documents in index order, instead of one per term and hit.
    """
    found: dict[int, list[tuple[int, str]]] = {docnum: [] for docnum in docnums}
    in_order = sorted(found)
    for term in terms:
        try:
            postings = reader.postings("text", term)
        except TermNotFound:
            continue
        for docnum in in_order:
            if postings.is_active() and postings.id() < docnum:
                postings.skip_to(docnum)
            if not postings.is_active():
                break
            if postings.id() == docnum:
                found[docnum].extend((position, term) for position in postings.value_as("positions"))
    return {docnum: sorted(pairs) for docnum, pairs in found.items()}


def _best_window(matched: list[tuple[int, str]], size: int = SNIPPET_TOKENS) -> set[int]:
    """Return the positions of the stretch of `size` tokens holding the most distinct matched terms."""
    best: tuple[int, int] = (-1, 0)
    chosen: list[int] = []
    left = 0
    for right in range(len(matched)):
        while matched[right][0] - matched[left][0] >= size:
            left += 1
        distinct = len({term for _, term in matched[left:right + 1]})
        if distinct > best[0]:
            best, chosen = (distinct, matched[left][0]), [p for p, _ in matched[left:right + 1]]
    return set(chosen)
