"""Segments remember the terms-table entries they read, and a word's documents are read from whole posting
lists: both answer exactly as Whoosh's own readers and matchers do."""

import pytest
from whoosh import query
from whoosh.codec.whoosh3 import W3TermsReader
from whoosh.reading import TermNotFound

from archive.search import whoosh_internals
from tests.test_ranking import _segmented_archive

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
