"""Whoosh's writer and posting readers made faster: the one module that relies on Whoosh's internals.

Measured in bench/RESULTS.md: the writer takes a capture's analysed text in one call and each term's postings in
one step, short posting lists are kept in the terms table, posting readers find a document by bisection, and a
segment remembers the field lengths, the terms-table entries and the posting blocks it has read, and the top
hits of an AND or OR of words are scored from its matches. Everything else in archive/search/ uses Whoosh's
public API; the rest of the package reaches this code only through AnalysedText, AnalysedPositions, TermPool,
TopOfMatches, codec(), open_writer(), release_write_lock(), only_segments_added(), shifted_positions(),
whole_postings(), term_documents() and length_scoring(). How Whoosh itself is imported (without modules its
imports pull in and never call here) is said, and checked, apart: whoosh_imports.py and tests/test_whoosh_imports.py.

These internals were read from whoosh-reloaded WHOOSH_VERSION, which pyproject.toml pins exactly;
tests/test_whoosh_internals.py checks that the installed Whoosh is that version and that every name listed
here still exists, so an upgrade fails there instead of breaking search quietly. An attribute named on a class
is either on the class or assigned to `self` in Whoosh's code of that class or its bases.

Writing (_Writer, TermPool, _FieldWriter, AnalysedPositions):
- ``whoosh.writing.SegmentWriter``: subclassed by _Writer, whose add_document pools an analysed text in one call.
- ``whoosh.writing.SegmentWriter._check_state``: called first in add_document, as Whoosh's does.
- ``whoosh.writing.SegmentWriter._check_fields``: refuses unknown field names, as Whoosh's add_document does.
- ``whoosh.writing.SegmentWriter.perdocwriter``: receives each document's stored fields and lengths.
- ``whoosh.writing.SegmentWriter.docnum``: the next document number, advanced per document.
- ``whoosh.writing.SegmentWriter._added``: tells commit that the new segment has documents to flush.
- ``whoosh.writing.SegmentWriter.pool``: the pool TermPool replaces and spills into past TermPool.POOLED.
- ``whoosh.writing.SegmentWriter.schema``: the fields add_document indexes.
- ``whoosh.writing.SegmentWriter.writelock``: the lock a writer holds; released by hand after a failed commit.
- ``whoosh.writing.PostingPool.add``: the pool protocol (a posting as (field, term, document, weight, value)).
- ``whoosh.writing.PostingPool.iter_postings``: the pool protocol: postings sorted by field and term.
- ``whoosh.writing.PostingPool.cleanup``: the pool protocol: removes the pool's spill files.
- ``whoosh.codec.whoosh3.W3PerDocWriter.start_doc``: begins a document's stored fields and lengths.
- ``whoosh.codec.whoosh3.W3PerDocWriter.add_field``: records one field's stored value and length.
- ``whoosh.codec.whoosh3.W3PerDocWriter.finish_doc``: ends the document.
- ``whoosh.codec.whoosh3.W3PerDocWriter.cancel_doc``: drops a document whose field failed to index.
- ``whoosh.fields.FieldType.index``: yields (term bytes, frequency, weight, value), pooled for plain fields.
- ``whoosh.fields.FieldType.scorable``: whether a field's length is recorded (Whoosh's add_document rule).
- ``whoosh.formats.Positions.word_values``: overridden: an AnalysedText is encoded without analysing again.
- ``whoosh.formats.Positions.encode``: a position list's value bytes, remembered for lone positions.
- ``whoosh.formats.Format.field_boost``: the weight of each occurrence.
- ``whoosh.codec.whoosh3.W3FieldWriter``: subclassed by _FieldWriter, taking grouped postings term by term.
- ``whoosh.codec.whoosh3.W3FieldWriter.add_postings``: overridden; Whoosh's loop makes five calls a posting.
- ``whoosh.codec.whoosh3.W3FieldWriter.start_field``: begins a field's terms.
- ``whoosh.codec.whoosh3.W3FieldWriter.start_term``: begins a term's postings.
- ``whoosh.codec.whoosh3.W3FieldWriter.finish_term``: writes the term's entry in the terms table.
- ``whoosh.codec.whoosh3.W3FieldWriter.finish_field``: ends a field's terms.
- ``whoosh.codec.whoosh3.W3FieldWriter._postwriter``: the postings writer _FieldWriter hands whole lists to.

Postings written (_InlinePostingsWriter):
- ``whoosh.codec.whoosh3.W3PostingsWriter``: subclassed to inline short lists and to take a list in one step.
- ``whoosh.codec.whoosh3.W3PostingsWriter.__init__``: called as Whoosh's codec calls it (keyword arguments).
- ``whoosh.codec.whoosh3.W3PostingsWriter.finish_postings``: overridden: Whoosh's calls terminfo.set_inline,
  a method W3TermInfo does not have (it has set_inlined), so Whoosh cannot inline at all.
- ``whoosh.codec.whoosh3.W3PostingsWriter.written``: whether blocks were written already (then no inlining).
- ``whoosh.codec.whoosh3.W3PostingsWriter.__len__``: postings of the block being filled.
- ``whoosh.codec.whoosh3.W3PostingsWriter._inlinelimit``: lists shorter than this are inlined.
- ``whoosh.codec.whoosh3.W3PostingsWriter._blocklimit``: postings in a block.
- ``whoosh.codec.whoosh3.W3PostingsWriter._terminfo``: the term's statistics, taken over when inlining.
- ``whoosh.codec.whoosh3.W3PostingsWriter._write_block``: writes the block being filled.
- ``whoosh.codec.whoosh3.W3PostingsWriter._ids``: the block's document numbers (an array of "I").
- ``whoosh.codec.whoosh3.W3PostingsWriter._weights``: the block's weights (an array of "f").
- ``whoosh.codec.whoosh3.W3PostingsWriter._values``: the block's value bytes (empty ones left out).
- ``whoosh.codec.whoosh3.W3PostingsWriter._maxweight``: the block's highest weight (block-max scoring).
- ``whoosh.codec.whoosh3.W3PostingsWriter._minlength``: the block's shortest field length.
- ``whoosh.codec.whoosh3.W3PostingsWriter._maxlength``: the block's longest field length.
- ``whoosh.codec.whoosh3.W3TermInfo.add_block``: adds a block's statistics to the term's.
- ``whoosh.codec.whoosh3.W3TermInfo.set_inlined``: keeps a short list inside the term's entry.
- ``whoosh.codec.whoosh3.W3TermInfo.is_inlined``: tells an inlined list from one in blocks when reading.
- ``whoosh.codec.whoosh3.W3TermInfo.inlined_postings``: an inlined list's (ids, weights, values).
- ``whoosh.codec.whoosh3.W3TermInfo.extent``: where a list's blocks lie in the postings file.

The codec and reading (_Codec, _BlockPostings, _InlinedPostings, _RememberedLengths):
- ``whoosh.codec.whoosh3.W3Codec``: subclassed: segments name their codec, so ours is read back by ours.
- ``whoosh.codec.whoosh3.W3Codec.postings_writer``: overridden to make _InlinePostingsWriter.
- ``whoosh.codec.whoosh3.W3Codec.postings_reader``: overridden to make our two posting readers.
- ``whoosh.codec.whoosh3.W3Codec.per_document_reader``: overridden to make _RememberedLengths.
- ``whoosh.codec.whoosh3.W3Codec.field_writer``: overridden to make _FieldWriter.
- ``whoosh.codec.whoosh3.W3Codec._blocklimit``: passed on to the postings writer, as Whoosh's codec does.
- ``whoosh.codec.whoosh3.W3Codec._compression``: likewise.
- ``whoosh.codec.whoosh3.W3Codec._inlinelimit``: likewise.
- ``whoosh.codec.whoosh3.W3LeafMatcher``: subclassed by _BlockPostings to skip inside a block by bisection.
- ``whoosh.codec.whoosh3.W3LeafMatcher.__init__``: called as Whoosh's codec calls it (file, offset, length, format).
- ``whoosh.codec.whoosh3.W3LeafMatcher._maxid``: the current block's last (highest) document number.
- ``whoosh.codec.whoosh3.W3LeafMatcher._skip_to_block``: skips whole blocks, as Whoosh's skip_to does.
- ``whoosh.codec.whoosh3.W3LeafMatcher._ids``: the current block's document numbers, None until read.
- ``whoosh.codec.whoosh3.W3LeafMatcher._read_ids``: reads them; overridden to sum the gaps in C.
- ``whoosh.codec.whoosh3.W3LeafMatcher._i``: the position in the current block.
- ``whoosh.matching.ListMatcher.__init__``: called with its positional order (ids, weights, values, format,
  scorer, position, all_weights) to copy an inlined list.
- ``whoosh.matching.ListMatcher._ids``: _InlinedPostings copies and bisects the list (Whoosh steps through it).
- ``whoosh.matching.ListMatcher._weights``: copied with the list.
- ``whoosh.matching.ListMatcher._values``: copied; a list without values reads None, as a block does.
- ``whoosh.matching.ListMatcher._format``: copied.
- ``whoosh.matching.ListMatcher._scorer``: copied.
- ``whoosh.matching.ListMatcher._i``: copied, and moved by bisection.
- ``whoosh.matching.ListMatcher._all_weights``: copied.
- ``whoosh.matching.ListMatcher._term``: copied (block-max scoring asks a copy for its term).
- ``whoosh.matching.ListMatcher._terminfo``: copied (and for the term's statistics).
- ``whoosh.codec.whoosh3.W3PerDocReader``: subclassed by _RememberedLengths.
- ``whoosh.codec.whoosh3.W3PerDocReader.doc_field_length``: overridden to remember each length it reads.
- ``whoosh.codec.whoosh3.W3PerDocReader._cached_reader``: a field's whole lengths column, read at once.
- ``whoosh.codec.whoosh3.LENGTHS_COLUMN``: the column type of field lengths.
- ``whoosh.codec.whoosh3._lenfield``: the column name of a field's lengths.
- ``whoosh.util.numeric.byte_to_length``: the one-byte encoding of a field length, decoded.

Terms-table entries remembered (_RememberedTerms):
- ``whoosh.codec.whoosh3.W3Codec.terms_reader``: overridden to make _RememberedTerms, opening its files as
  Whoosh's does.
- ``whoosh.codec.whoosh3.W3Codec.TERMS_EXT``: the terms table's file extension.
- ``whoosh.codec.whoosh3.W3Codec.POSTS_EXT``: the postings file's extension.
- ``whoosh.codec.base.Segment.make_filename``: a segment's file name for an extension.
- ``whoosh.codec.base.Segment.open_file``: opens a segment's file (the postings, maybe in a compound file).
- ``whoosh.filedb.filestore.Storage.open_file``: opens the terms table.
- ``whoosh.filedb.filestore.Storage.file_length``: its length, which Whoosh's hash reader takes.
- ``whoosh.codec.whoosh3.W3TermsReader``: subclassed by _RememberedTerms.
- ``whoosh.codec.whoosh3.W3TermsReader.__init__``: called as Whoosh's codec calls it (codec, terms file,
  its length, postings file).
- ``whoosh.codec.whoosh3.W3TermsReader.term_info``: read once per term and remembered; raises TermNotFound.
- ``whoosh.codec.whoosh3.W3TermsReader.__contains__``: overridden: answered from the remembered entry.
- ``whoosh.codec.whoosh3.W3TermsReader.doc_frequency``: overridden likewise; Whoosh's raises KeyError for a
  term the segment lacks (its segment reader answers 0), and so does ours.
- ``whoosh.codec.whoosh3.W3TermsReader.frequency``: overridden likewise.
- ``whoosh.codec.whoosh3.W3TermsReader.matcher``: overridden to hand posting readers the segment's decoded
  blocks; it makes them as Whoosh's does.
- ``whoosh.codec.whoosh3.W3TermsReader._codec``: the codec that makes posting readers.
- ``whoosh.codec.whoosh3.W3TermsReader._postfile``: the segment's postings file they read.
- ``whoosh.codec.whoosh3.W3LeafMatcher._dataoffset``: where a block's data lies: the key of a decoded block.
- ``whoosh.codec.whoosh3.W3TermInfo.doc_frequency``: what Whoosh's doc_frequency reads from the same bytes.
- ``whoosh.codec.whoosh3.W3TermInfo.weight``: what Whoosh's frequency reads from the same bytes.

Posting lists read whole, and scored a document at a time (whole_postings, length_scoring):
- ``whoosh.codec.whoosh3.W3LeafMatcher._next_block``: moves to the next block of a list read whole.
- ``whoosh.codec.whoosh3.W3LeafMatcher._read_weights``: reads the current block's weights.
- ``whoosh.codec.whoosh3.W3LeafMatcher._weights``: the current block's weights, None until read.
- ``whoosh.codec.whoosh3.W3LeafMatcher._read_values``: reads the current block's values.
- ``whoosh.codec.whoosh3.W3LeafMatcher._values``: the current block's values, None until read.
- ``whoosh.codec.whoosh3.W3LeafMatcher._read_data``: reads a block's (ids, weights, values) in one pickle.
- ``whoosh.codec.whoosh3.W3LeafMatcher._data``: that tuple, whose ids _BlockPostings sums in C.
- ``whoosh.codec.whoosh3.W3LeafMatcher._byteids``: ids of a vector's postings (bytes) are kept as they are.
- ``whoosh.matching.mcore.LeafMatcher.score``: a block list's score is its scorer's score of it.
- ``whoosh.matching.ListMatcher.score``: likewise for an inlined list, when it has a scorer.
- ``whoosh.matching.ListMatcher.weight``: all_weights, else the weight at the position, else 1.0.
- ``whoosh.scoring.WeightLengthScorer.score``: ``_score(matcher.weight(), dfl(matcher.id()))``.
- ``whoosh.scoring.WeightLengthScorer.dfl``: a document's length of the scorer's field.
- ``whoosh.scoring.WeightLengthScorer._score``: the score of a weight at a length (BM25F's formula).

Top hits scored from the matches (TopOfMatches):
- ``whoosh.collectors.TopCollector``: subclassed: its heap, its order (score, then the earlier document) and
  its results are kept.
- ``whoosh.collectors.TopCollector._collect``: takes a document's global number and score into the heap.
- ``whoosh.collectors.Collector.collect_matches``: overridden: a segment's matches scored at once, else
  Whoosh's stepping.
- ``whoosh.collectors.Collector.subsearcher``: the segment's searcher being collected.
- ``whoosh.collectors.Collector.offset``: its first document number.
- ``whoosh.collectors.Collector.matcher``: Whoosh's matcher tree of the query for the segment.
- ``whoosh.collectors.ScoredCollector.final_fn``: a weighting's final score function (none for BM25F).
- ``whoosh.matching.IntersectionMatcher``: an AND of two; its score is ``a.score() + b.score()``.
- ``whoosh.matching.UnionMatcher``: an OR of two: the sum where both match, else the one that does.
- ``whoosh.matching.WrappingMatcher``: a boost: ``child.score() * boost``.
- ``whoosh.matching.NullMatcherClass``: matches nothing.
- ``whoosh.matching.IntersectionMatcher.a``: a node's first child (an AND's or an OR's).
- ``whoosh.matching.IntersectionMatcher.b``: its second child.
- ``whoosh.matching.WrappingMatcher.child``: the boosted matcher.
- ``whoosh.matching.WrappingMatcher.boost``: the boost.

A word's documents read whole (term_documents) use _BlockPostings' reading above and:
- ``whoosh.searching.Searcher.leaf_searchers``: each segment's searcher and its first document number.

Positions read (shifted_positions), and refreshing a searcher (only_segments_added):
- ``whoosh.formats.Positions.decode_positions``: the format read in C instead: the number of positions,
  packed, then the pickled gaps between them (a block keeps a value without the pickle's final ".").
- ``whoosh.system._INT_SIZE``: the width of that packed number.
- ``whoosh.index.FileIndex._segments``: the index's current segments, compared with an open searcher's.
- ``whoosh.reading.SegmentReader.segment``: the segment an open reader reads.
- ``whoosh.codec.whoosh3.W3Segment.deleted_count``: a segment's deletions, which a reused reader would miss.
- ``whoosh.util.filelock.LockBase.fd``: whether a lock is still held (a failed commit may leave it so).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate
from pickle import loads

from whoosh import collectors, formats
from whoosh.codec.whoosh3 import (LENGTHS_COLUMN, W3Codec, W3FieldWriter, W3LeafMatcher, W3PerDocReader,
                                   W3PostingsWriter, W3TermInfo, W3TermsReader, _lenfield)
from whoosh.matching import (IntersectionMatcher, ListMatcher, NullMatcherClass, ReadTooFar, UnionMatcher,
                             WrappingMatcher)
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightLengthScorer
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length
from whoosh.writing import SegmentWriter

WHOOSH_VERSION = "2.7.5"  # the whoosh-reloaded these internals were read from; pyproject.toml pins it
# Posting lists shorter than this are kept in the term's entry of the terms table instead of a block of the
# postings file: in a batch of a thousand captures most words occur in a few of them, and a block costs a
# header, two pickles and compression to write, and a seek and a decompression to read. Up to a quarter of
# a block (128 postings), inlining measured cheaper: 17 % fewer instructions to index a batch of the bench
# corpus at 32, 3 % at 8.
INLINE_POSTINGS = 32
# Most terms occur once in a capture (72 % in the bench corpus), and the encoding of a lone position
# depends on nothing else: the first SINGLE_POSITIONS_KEPT are encoded once per process (at most ~4 MB).
SINGLE_POSITIONS_KEPT = 50_000
_SINGLE_POSITIONS: dict[int, bytes] = {}
# A segment's matches scored at once, from whole posting lists, up to this many; past it Whoosh's block-max
# stepping, which skips blocks that cannot reach the top hits, is left to find them.
SCORED_AT_ONCE = 5_000
# Decoded posting blocks a segment's reader keeps (128 postings each: ids, weights, positions; a few KB).
BLOCKS_KEPT = 2_000
# Terms-table entries a segment's reader keeps (a few hundred bytes each; an inlined list up to 32 postings).
REMEMBERED_TERMS = 20_000
_UNREAD = 0xFFFFFFFF  # a field length not read yet
_LENGTH_OF_BYTE = [0] + [byte_to_length(byte) for byte in range(1, 256)]  # a length column's bytes, read


class AnalysedText(tuple):
    """A capture's text as (term, positions) pairs from analysis.analyse, indexed without analysing again."""


class AnalysedPositions(formats.Positions):
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


def codec() -> W3Codec:
    """Return the codec new segments are written with (short lists inlined, lengths remembered)."""
    return _Codec()


def open_writer(ix, **options) -> SegmentWriter:
    """Open a writer on an index, taking its write lock; `options` are SegmentWriter's (timeout, delay, limitmb)."""
    return _Writer(ix, codec=_Codec(), **options)


def release_write_lock(writer: SegmentWriter) -> None:
    """Release the lock of a writer that a failed commit left half closed (its cancel() raises)."""
    lock = getattr(writer, "writelock", None)
    if lock is not None and getattr(lock, "fd", None) is not None:
        lock.release()


def only_segments_added(ix, searcher) -> bool:
    """Tell whether the index has only gained segments since the searcher opened (none merged away, no
    deletions in its segments), so that Whoosh's refresh may reuse the searcher's segment readers."""
    if searcher.doc_count_all() == 0:
        return False
    latest = {segment: segment.deleted_count() for segment in ix._segments()}
    return all(latest.get(reader.segment()) == reader.segment().deleted_count()
               for reader, _offset in searcher.reader().leaf_readers())


def shifted_positions(value: bytes, shift: int) -> set[int]:
    """Return the positions in a posting's value (whoosh's Positions format), each less `shift`.

    The format is a 4-byte count, then the pickled gaps between positions (whoosh stores them without the
    pickle's final "."); summed in C here, where whoosh's decoder sums them in a Python loop.
    """
    gaps = loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b".")
    gaps[0] -= shift
    return set(accumulate(gaps))


def whole_postings(matchers: list) -> list[tuple[Sequence[int], Sequence[float], Sequence]] | None:
    """Read fresh term matchers' posting lists whole: for each, its (documents, weights, values), what id(),
    weight() and value() answer posting after posting. None, having read nothing, when one of them is not a
    plain list of this module's codec (one that leaves out deleted documents, or boosts its scores).

    A long phrase's words are each present in most of the documents the phrase is looked for in: reading
    each list once, block by block, beats stepping every word's matcher to every such document.
    """
    if not all(type(matcher) in (_BlockPostings, _InlinedPostings) for matcher in matchers):
        return None
    return [matcher.read_whole() for matcher in matchers]


def term_documents(searcher, fieldname: str, text) -> set[int] | None:
    """Return the documents (the searcher's numbers) holding a term, each segment's posting list read whole,
    block by block; None when a segment's list is not a plain list of this module's codec (one that leaves
    out deleted documents): whoosh's matchers answer then, a document at a time."""
    found: set[int] = set()
    if fieldname not in searcher.schema:
        return found
    try:
        tbytes = searcher.schema[fieldname].to_bytes(text)
    except ValueError:  # not a value of the field: whoosh's Term matches nothing
        return found
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (fieldname, tbytes) not in reader:
            continue
        postings = reader.postings(fieldname, tbytes)
        if type(postings) not in (_BlockPostings, _InlinedPostings):
            return None
        ids = postings.read_ids()
        found.update(map(offset.__add__, ids) if offset else ids)
    return found


def length_scoring(matcher) -> tuple[Callable[[int], int], Callable[[float, int], float]] | None:
    """Return how a term matcher that whole_postings reads scores a document: (the document's length of the
    field, the score of a weight at that length), when its score() is Whoosh's WeightLengthScorer's (BM25F's),
    so that words of one field score a document with one read of its length; else None."""
    if type(matcher) is _BlockPostings:
        scorer = matcher.scorer
    elif type(matcher) is _InlinedPostings:
        scorer = matcher._scorer
    else:
        return None
    if scorer is None or type(scorer).score is not WeightLengthScorer.score:
        return None
    return scorer.dfl, scorer._score


class TopOfMatches(collectors.TopCollector):
    """Whoosh's top-hits collector, told the documents the query matches (`matched`, the searcher's numbers):
    in a segment holding at most SCORED_AT_ONCE of them, it scores them node by node of Whoosh's own matcher
    tree, each word's posting list read whole, instead of stepping the tree from match to match.

    The sums are the tree's, in its order (a + b at each node, the boost applied where Whoosh applies it), so
    every score is the float Whoosh computes, and documents are collected in order as Whoosh collects them:
    the same hits, in the same order. A tree holding any other matcher (an array union, a phrase's list, a
    filter) is stepped by Whoosh as before.
    """

    def __init__(self, matched: set[int], limit: int):
        # replace=0: where Whoosh steps the tree, it keeps its block-max skipping but never swaps in matchers
        # that drop documents unable to reach the top (an OR made AND-MAYBE): that swap loses true top hits
        # ("moon the" lost the third of a full scoring in tests/test_whoosh_terms.py).
        super().__init__(limit=limit, replace=0)
        self._matched = sorted(matched)

    def collect_matches(self):
        first = bisect_left(self._matched, self.offset)
        last = bisect_left(self._matched, self.offset + self.subsearcher.doc_count_all())
        if first == last:
            return  # no match in this segment
        matcher = self.matcher
        if last - first > SCORED_AT_ONCE or self.final_fn or not _scores_as_sums(matcher):
            return super().collect_matches()
        if not matcher.is_active():
            return
        local = [docnum - self.offset for docnum in self._matched[first:last]]
        scores = _node_scores(matcher, local)
        for docnum in local:
            score = scores.get(docnum)
            if score is not None:
                self._collect(self.offset + docnum, score)


def _scores_as_sums(matcher) -> bool:
    """Tell whether a matcher tree holds only nodes _node_scores knows: ANDs and ORs of two (adding their
    children's scores), plain boosts, and words of this module's codec scored by BM25F's length formula."""
    kind = type(matcher)
    if kind in (IntersectionMatcher, UnionMatcher):
        return _scores_as_sums(matcher.a) and _scores_as_sums(matcher.b)
    if kind is WrappingMatcher:
        return _scores_as_sums(matcher.child)
    return kind is NullMatcherClass or length_scoring(matcher) is not None


def _node_scores(matcher, candidates: list[int]) -> dict[int, float]:
    """Return {document: score} of the candidates (ascending) a matcher node matches, as its score() answers."""
    kind = type(matcher)
    if kind is IntersectionMatcher:
        a, b = _node_scores(matcher.a, candidates), _node_scores(matcher.b, candidates)
        return {docnum: score + b[docnum] for docnum, score in a.items() if docnum in b}
    if kind is UnionMatcher:
        a, b = _node_scores(matcher.a, candidates), _node_scores(matcher.b, candidates)
        both = dict(a)
        for docnum, score in b.items():
            both[docnum] = both[docnum] + score if docnum in both else score
        return both
    if kind is WrappingMatcher:
        boost = matcher.boost
        return {docnum: score * boost for docnum, score in _node_scores(matcher.child, candidates).items()}
    if kind is NullMatcherClass or not matcher.is_active():
        return {}
    length, score = length_scoring(matcher)
    ids, weights, _values = matcher.read_whole()
    found: dict[int, float] = {}
    at, end = 0, len(ids)
    for docnum in candidates:
        at = bisect_left(ids, docnum, at)
        if at == end:
            break
        if ids[at] == docnum:
            found[docnum] = score(weights[at], length(docnum))
    return found


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


class _RememberedTerms(W3TermsReader):
    """Whoosh's reader of one segment's terms table, keeping the entries it has read (up to REMEMBERED_TERMS).

    A query asks for each of its terms' entry in every segment several times (whether the segment holds it,
    its document frequency for the matcher tree, its statistics for the scorer, its postings), each a hash,
    a seek and a decoding; and a warm searcher's next queries ask for the same common words again.
    """

    def __init__(self, *args):
        super().__init__(*args)
        self._entries: dict[tuple[str, bytes], W3TermInfo | None] = {}
        self._blocks: dict[int, tuple] = {}  # a block's data by its offset in this segment's postings file

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        postings = self._codec.postings_reader(self._postfile, self.term_info(fieldname, tbytes), format_,
                                               term=(fieldname, tbytes), scorer=scorer)
        if type(postings) is _BlockPostings:
            postings.blocks = self._blocks
        return postings

    def _entry(self, fieldname: str, tbytes: bytes):
        key = (fieldname, tbytes)
        entries = self._entries
        if key in entries:
            return entries[key]
        try:
            entry = super().term_info(fieldname, tbytes)
        except TermNotFound:
            entry = None
        if len(entries) >= REMEMBERED_TERMS:
            entries.clear()  # a bound, not a policy: the next queries fill it again with what they ask
        entries[key] = entry
        return entry

    def __contains__(self, term):
        return self._entry(*term) is not None

    def term_info(self, fieldname, tbytes):
        entry = self._entry(fieldname, tbytes)
        if entry is None:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return entry

    # Whoosh's own raise KeyError for a term the segment lacks (its segment reader answers 0 then).
    def doc_frequency(self, fieldname, tbytes):
        entry = self._entry(fieldname, tbytes)
        if entry is None:
            raise KeyError((fieldname, tbytes))
        return entry.doc_frequency()

    def frequency(self, fieldname, tbytes):
        entry = self._entry(fieldname, tbytes)
        if entry is None:
            raise KeyError((fieldname, tbytes))
        return entry.weight()


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
    """Whoosh's reader of a posting list in blocks, finding a document inside a block by bisection, and
    keeping the blocks it decodes in its segment's `blocks` (up to BLOCKS_KEPT).

    Whoosh steps through a block's ids one call at a time (id, is_active, next) to reach a target; phrases,
    ANDs and filters skip to targets all the time, and in a block of 128 that was most of their work.
    Decoding a block (a decompression and a pickle of its ids, weights and positions) is most of what is
    left: common words recur from query to query, and their blocks are decoded once.
    """

    blocks: dict[int, tuple] | None = None

    def _read_data(self):
        blocks = self.blocks
        if blocks is None:
            return super()._read_data()
        data = blocks.get(self._dataoffset)
        if data is not None:
            self._data = data
            return
        super()._read_data()
        if len(blocks) >= BLOCKS_KEPT:
            blocks.clear()  # a bound, not a policy, as for the terms-table entries
        blocks[self._dataoffset] = self._data

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

    def _read_ids(self):
        if self._byteids:
            return super()._read_ids()
        if self._data is None:
            self._read_data()
        self._ids = tuple(accumulate(self._data[0]))  # the gaps summed in C; whoosh sums them in a generator

    def read_ids(self) -> list[int]:
        """Read the rest of the list's documents, block by block; the matcher is then spent."""
        ids: list[int] = []
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            ids += self._ids[self._i:]
            self._next_block()
        return ids

    def read_whole(self) -> tuple[list[int], list[float], list]:
        """Read the rest of the list, block by block: (documents, weights, values); the matcher is then spent."""
        ids, weights, values = [], [], []
        while self.is_active():
            if self._ids is None:
                self._read_ids()
            if self._weights is None:
                self._read_weights()
            if self._values is None:
                self._read_values()
            at = self._i
            ids += self._ids[at:]
            weights += self._weights[at:]
            values += self._values[at:]
            self._next_block()
        return ids, weights, values


class _InlinedPostings(ListMatcher):
    """Reads an inlined posting list as Whoosh reads a block: copies keep the term and its statistics (block-max
    scoring asks them), and a posting without a value reads None, not ""."""

    def copy(self):
        return _InlinedPostings(self._ids, self._weights, self._values, self._format, self._scorer, self._i,
                                self._all_weights, term=self._term, terminfo=self._terminfo)

    def value(self):
        return super().value() if self._values else None

    def read_ids(self) -> Sequence[int]:
        """Return the rest of the list's documents."""
        return self._ids[self._i:]

    def read_whole(self) -> tuple[Sequence[int], Sequence[float], Sequence]:
        """Return the rest of the list: (documents, weights, values), as weight() and value() answer them."""
        at, ids = self._i, self._ids
        count = len(ids) - at
        if self._all_weights:
            weights = [self._all_weights] * count
        elif self._weights:
            weights = self._weights[at:]
        else:
            weights = [1.0] * count
        values = self._values[at:] if self._values else [None] * count
        return ids[at:], weights, values

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

    def terms_reader(self, storage, segment):
        name = segment.make_filename(self.TERMS_EXT)  # as Whoosh's codec opens it
        return _RememberedTerms(self, storage.open_file(name), storage.file_length(name),
                                segment.open_file(storage, self.POSTS_EXT))

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)


class _FieldWriter(W3FieldWriter):
    """Whoosh's writer of a segment's terms and postings, taking each term's postings in one step when they
    come grouped from a TermPool (Whoosh's own loop makes five calls for every posting)."""

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


class TermPool:
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

    def add_analysed(self, fieldname: str, docnum: int, format_: AnalysedPositions, text: AnalysedText) -> int:
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
    """A TermPool's postings in field and term order: by_field() for _FieldWriter, tuples for anyone else."""

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
        self.pool = TermPool(self.pool)

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
