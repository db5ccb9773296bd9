"""Segments remember the terms-table entries they read, and a word's documents are read from whole posting
lists: both answer exactly as Whoosh's own readers and matchers do."""

import pytest
from whoosh import query
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.reading import TermNotFound

from archive.search import whoosh_index, whoosh_internals
from tests.test_ranking import _segmented_archive, _whoosh_answer

TERMS = [("text", "the"), ("text", "moon"), ("text", "无人"), ("title", "moon"), ("lang", "de"),
         ("capture_id", "7"), ("text", "zzz-absent"), ("nofield", "moon")]


@pytest.fixture(scope="module")
def segmented(tmp_path_factory):
    archive = _segmented_archive(tmp_path_factory.mktemp("terms"))
    yield archive
    archive.close()


def _answers(terms, fieldname: str, text: bytes) -> tuple:
    """What a terms reader answers about a term: presence, entry, document frequency, frequency."""
    def attempt(ask):
        try:
            return ask()
        except (KeyError, TermNotFound) as exc:
            return type(exc).__name__
    entry = attempt(lambda: terms.term_info(fieldname, text))
    if not isinstance(entry, str):  # (Whoosh's to_bytes cannot write back an entry it read: compare its parts)
        entry = (entry.weight(), entry.doc_frequency(), entry.min_length(), entry.max_length(), entry.max_weight(),
                 entry.min_id(), entry.max_id(), entry.inlined_postings() if entry.is_inlined() else entry.extent())
    return ((fieldname, text) in terms, entry, attempt(lambda: terms.doc_frequency(fieldname, text)),
            attempt(lambda: terms.frequency(fieldname, text)))


def test_remembered_entries_answer_as_whoosh_terms_reader(segmented):
    for reader, _offset in segmented.index._warm().searcher.reader().leaf_readers():
        segment, storage = reader.segment(), reader.storage()
        remembered = segment.codec().terms_reader(storage, segment)
        assert type(remembered).__name__ == "_RememberedTerms"
        name = segment.make_filename(".trm")
        plain = W3TermsReader(segment.codec(), storage.open_file(name), storage.file_length(name),
                              segment.open_file(storage, ".pst"))
        for _ in range(2):  # read, then remembered
            for fieldname, text in TERMS:
                assert _answers(remembered, fieldname, text.encode()) == _answers(plain, fieldname, text.encode())
        remembered.close()
        plain.close()


def test_remembered_entries_are_bounded(segmented, monkeypatch):
    monkeypatch.setattr(whoosh_internals, "REMEMBERED_TERMS", 3)
    reader, _offset = segmented.index._warm().searcher.reader().leaf_readers()[0]
    segment, storage = reader.segment(), reader.storage()
    terms = segment.codec().terms_reader(storage, segment)
    for fieldname, text in TERMS:
        terms.term_info(fieldname, text.encode()) if (fieldname, text.encode()) in terms else None
        assert len(terms._entries) <= 3
    terms.close()


@pytest.mark.parametrize("fieldname, text", TERMS)
def test_a_word_documents_are_those_whoosh_matchers_step_through(segmented, fieldname, text):
    searcher = segmented.index._warm().searcher
    assert len(searcher.leaf_searchers()) >= 3
    expected = set(searcher.docs_for_query(query.Term(fieldname, text)))
    assert whoosh_internals.term_documents(searcher, fieldname, text) == expected
    assert expected or text == "zzz-absent" or fieldname == "nofield"


def test_a_word_of_a_segment_with_deletions_is_left_to_whoosh(tmp_path):
    archive = _segmented_archive(tmp_path)
    try:
        archive.index.begin()
        archive.index.delete(1)
        archive.index.commit(merge=False)
        searcher = archive.index._warm().searcher
        assert whoosh_internals.term_documents(searcher, "text", "the") is None
        # The search still counts from whoosh's matchers, which leave the deleted document out.
        assert archive.search("the", limit=1).total == len(set(searcher.docs_for_query(query.Term("text", "the"))))
    finally:
        archive.close()


QUERIES = ["the", "the said", "moon the", "moon OR the", "the said that", '"the moon landing"', '"said that"',
           "title:moon the", "(moon OR landing) the", "the lang:de", "无人机"]


def _answers_of(archive) -> list:
    """Each query's exact total and hits (capture id, exact score, snippet)."""
    return [(text, result.total, [(hit.capture_id, hit.score, hit.snippet) for hit in result.hits])
            for text in QUERIES for result in [archive.search(text, limit=5)]]


def _fresh_searcher(archive) -> None:
    """Open a new warm searcher, so that no decoded block or entry of an earlier one is reused."""
    archive.index._warm().close()
    whoosh_index._THREAD.__dict__.get("searchers", {}).clear()


# Trees of ANDs and ORs of two: their segments' matches are scored at once. ("(moon OR landing) the" is not
# among them: an OR of three is whoosh's array union, stepped by whoosh, which misses capture 91 there too.)
SCORED_QUERIES = ["the", "the said", "moon the", "moon OR the", "the said that", "title:moon the", "the lang:de"]


@pytest.mark.parametrize("text", SCORED_QUERIES)
def test_top_hits_scored_from_matches_are_those_of_a_full_scoring(segmented, text):
    result = segmented.search(text, limit=5)
    reference = _whoosh_answer(segmented, text)
    assert result.total == len(reference)
    assert [(round(hit.score, 4), hit.capture_id) for hit in result.hits] == sorted(
        reference, key=lambda pair: (-pair[0], pair[1]))[:5]


@pytest.mark.parametrize("text", ["moon the", "(moon OR landing) the"])
def test_segments_stepped_by_whoosh_find_the_top_hits_of_a_full_scoring(segmented, monkeypatch, text):
    # Whoosh's matcher replacement (an OR made AND-MAYBE once the top is full) dropped capture 91 of both queries
    # (third and second of a full scoring): the stepping keeps its block-max skipping without it.
    monkeypatch.setattr(whoosh_internals, "SCORED_AT_ONCE", 0)  # every segment stepped by whoosh's collector
    _fresh_searcher(segmented)
    result = segmented.search(text, limit=5)
    reference = sorted(_whoosh_answer(segmented, text), key=lambda pair: (-pair[0], pair[1]))[:5]
    assert [(round(hit.score, 4), hit.capture_id) for hit in result.hits] == reference
    assert 91 in [hit.capture_id for hit in result.hits]


def test_decoded_blocks_kept_answer_as_blocks_read_again(segmented, monkeypatch):
    _fresh_searcher(segmented)
    first = _answers_of(segmented)
    assert _answers_of(segmented) == first  # the second time from the blocks kept
    blocks = [reader._terms._blocks for reader, _offset in segmented.index._warm().searcher.reader().leaf_readers()]
    assert all(blocks)
    monkeypatch.setattr(whoosh_internals, "BLOCKS_KEPT", 1)  # forgotten at once: each block read again
    _fresh_searcher(segmented)
    assert _answers_of(segmented) == first
    assert all(len(reader._terms._blocks) <= 1
               for reader, _offset in segmented.index._warm().searcher.reader().leaf_readers())
