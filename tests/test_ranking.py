"""Search answers checked against whoosh's own evaluation: exact totals, the same top hits and scores."""

import pytest
from whoosh import collectors, formats, query

from archive.archive import Archive
from archive.search import phrases, whoosh_internals
from archive.search.phrases import WordsInARow
from archive.search.queries import split_filters
from archive.search.schema import schema
from archive.search.whoosh_internals import TermPool, codec
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem
from tests.documents import write
from tests.ranking_corpus import ranking_documents


def _texts(count: int) -> dict[str, str]:
    """The ranking documents as Markdown files with front matter."""
    return {doc.name: f"---\ntitle: {doc.title}\nlang: {doc.lang}\n---\n{doc.body}\n"
            for doc in ranking_documents(count)}


def _segmented_archive(folder) -> Archive:
    """An archive of 120 documents in three index segments (whoosh merges nothing: merge=False)."""
    archive = Archive(folder / "archive")
    names = sorted(_texts(120).items())
    for start in range(0, len(names), 40):
        with archive.batch():
            for name, text in names[start:start + 40]:
                archive.add(capture(SourceItem(str(write(folder / "src" / name, text)), False), Limits()))
            archive.index.commit(merge=False)
    return archive


@pytest.fixture(scope="module")
def ranked(tmp_path_factory):
    """Rare words' posting lists are inlined in the terms table there, common words' written as blocks."""
    archive = _segmented_archive(tmp_path_factory.mktemp("ranking"))
    yield archive
    archive.close()


def _whoosh_answer(archive, query: str):
    """Whoosh scoring every match itself (no shortcuts), under whoosh's own filter.

    Our phrases are checked against whoosh's: the documents come from whoosh's span-based Phrase, and each
    is scored as the AND of the phrase's words (what ours promises to score).
    """
    index = archive.index
    searcher = index._warm().searcher
    scored, filters = split_filters(index.parse(query))
    admitted = index._warm().docs(filters)
    native = set(searcher.docs_for_query(scored.accept(_whoosh_phrase)))
    allowed = native if admitted is None else native & admitted
    collector = collectors.FilterCollector(collectors.UnlimitedCollector(), allow=allowed)
    searcher.search_with_collector(scored.accept(_words_of_phrase), collector)
    return [(round(score, 4), int(searcher.stored_fields(docnum)["capture_id"]))
            for score, docnum in collector.results().top_n]


def _whoosh_phrase(node):
    return query.Phrase(node.fieldname, node.words, node.slop, node.boost) if isinstance(node, WordsInARow) else node


def _words_of_phrase(node):
    if isinstance(node, WordsInARow):
        return query.And([query.Term(node.fieldname, word, boost=node.boost) for word in node.words])
    return node


QUERIES = ["moon", "the", "moon OR the", "moon OR landing OR drone", "the said", "moon NOT landing",
           '"the moon landing"', '"the moon" said', '"landing the moon"',
           "无人机", '"无人机出口"', "the lang:de", '"the moon landing" lang:en', "moon OR the lang:de",
           "title:moon", "said that over the", "text:moon OR text:the"]


def test_the_archive_has_several_segments(ranked):
    assert len(ranked.index._warm().searcher.reader().leaf_readers()) >= 3


@pytest.mark.parametrize("text", QUERIES)
def test_totals_and_top_hits_match_a_full_scoring(ranked, text):
    result = ranked.search(text, limit=10)
    reference = _whoosh_answer(ranked, text)
    assert result.total == len(reference)
    ours = [(round(hit.score, 4), hit.capture_id) for hit in result.hits]
    # Equal scores rank the earlier capture first, as whoosh does (capture ids follow index order here).
    assert ours == sorted(reference, key=lambda pair: (-pair[0], pair[1]))[:10]


@pytest.mark.parametrize("text", ["text:moon OR text:the", "(text:moon OR text:the) lang:en"])
def test_or_totals_count_every_match(ranked, text):
    # Once its top page is full, whoosh's default collector turns this OR into AND-MAYBE ("the" alone
    # cannot reach the page) and then counted only part of the matches (39 of 90 in a smaller archive).
    assert ranked.search(text, limit=5).total == len(_whoosh_answer(ranked, text))
    assert ranked.search("text:moon OR text:the", limit=5).total == ranked.catalog.count_captures()


def test_a_phrase_or_a_word_finds_what_whoosh_finds(ranked):
    result = ranked.search('"moon landing" OR budget', limit=100)
    assert result.total == len(_whoosh_answer(ranked, '"moon landing" OR budget')) > 10


def test_remembered_field_lengths_are_whoosh_own(ranked):
    from whoosh.codec.whoosh3 import W3PerDocReader

    for reader, _offset in ranked.index._warm().searcher.reader().leaf_readers():
        segment, storage = reader.segment(), reader.storage()
        remembered, plain = segment.codec().per_document_reader(storage, segment), W3PerDocReader(storage, segment)
        assert type(remembered).__name__ == "_RememberedLengths"
        for _ in range(2):  # read, then remembered
            for docnum in range(segment.doc_count_all()):
                for field in ("title", "text", "author"):
                    assert remembered.doc_field_length(docnum, field, 1) == plain.doc_field_length(docnum, field, 1)


def _inlined(archive, field: str, term: str) -> list[bool]:
    """For each segment holding the term: whether its posting list is inlined in the terms table."""
    return [reader.term_info(field, term).is_inlined()
            for reader, _offset in archive.index._warm().searcher.reader().leaf_readers()
            if (field, term) in reader]


def _answers(archive) -> list:
    return [(text, result.total, [(round(hit.score, 4), hit.capture_id, hit.snippet) for hit in result.hits])
            for text in QUERIES + ["lang:de", "kind:markdown moon"] for result in [archive.search(text, limit=10)]]


def _merged(archive) -> list:
    """Merge every segment into one (reading each posting back, inlined lists included); answer again."""
    archive.index._ix.writer(codec=codec()).commit(optimize=True)
    assert len(archive.index._warm().searcher.reader().leaf_readers()) == 1
    return _answers(archive)


def test_inlined_posting_lists_answer_as_blocks_do_and_survive_a_merge(ranked, tmp_path, monkeypatch):
    assert _inlined(ranked, "capture_id", "7") == [True]  # one document: inlined
    assert _inlined(ranked, "text", "the") == [False] * 3  # in all 40 documents of each segment: blocks
    inlined = _segmented_archive(tmp_path / "inlined")
    monkeypatch.setattr(whoosh_internals, "INLINE_POSTINGS", 1)  # every posting list written as blocks
    blocks = _segmented_archive(tmp_path / "blocks")
    try:
        assert _inlined(blocks, "capture_id", "7") == [False]
        assert _answers(inlined) == _answers(blocks)
        # Merged, scores move a little (whoosh sums the field lengths again from their one-byte forms).
        merged_blocks = _merged(blocks)
        monkeypatch.undo()
        assert _merged(inlined) == merged_blocks
        assert _inlined(inlined, "capture_id", "7") == [True]
    finally:
        inlined.close()
        blocks.close()


def test_postings_past_the_pool_limit_go_to_whoosh_pool_and_answer_the_same(ranked, tmp_path, monkeypatch):
    monkeypatch.setattr(TermPool, "POOLED", 100)  # each batch, and the merge, overflow after 100 postings
    spilled = _segmented_archive(tmp_path / "spilled")
    monkeypatch.undo()
    pooled = _segmented_archive(tmp_path / "pooled")
    try:
        assert _answers(spilled) == _answers(pooled) == _answers(ranked)
        monkeypatch.setattr(TermPool, "POOLED", 100)
        merged_spilled = _merged(spilled)
        monkeypatch.undo()
        assert merged_spilled == _merged(pooled)
    finally:
        spilled.close()
        pooled.close()


def test_analysed_text_is_encoded_as_whoosh_encodes_positions():
    positions = schema()["text"].format
    terms = [("alone", [7]), ("again", [7]), ("twice", [3, 9]), ("far", [whoosh_internals.SINGLE_POSITIONS_KEPT + 5])]
    for _ in range(2):  # the second time from the remembered encodings
        values = list(positions.word_values(whoosh_internals.AnalysedText(terms), None))
        assert values == [(term, len(where), float(len(where)), formats.Positions().encode(where))
                          for term, where in terms]


@pytest.mark.parametrize("positions", [[0], [5], [3, 9, 10, 400], list(range(0, 3000, 7))])
def test_shifted_positions_read_whoosh_positions_format(positions):
    encoded = formats.Positions().encode(positions)
    for value in (encoded, encoded[:-1]):  # whoosh's blocks keep values without the pickle's final "."
        assert formats.Positions().decode_positions(value) == positions
        assert whoosh_internals.shifted_positions(value, 2) == {p - 2 for p in positions}


PHRASES = ['"the moon landing"', '"landing the moon"', '"the moon" said', '"无人机出口"', "无人机", '"said that"',
           '"the moon landing" lang:en', 'title:"moon landing"']


def _raw(archive, text: str):
    """The index's answer with exact scores: (total, [(capture id, score)...])."""
    total, hits = archive.index.search(text, lambda ids: {}, limit=200)
    return total, [(hit.capture_id, hit.score) for hit in hits]


@pytest.mark.parametrize("text", PHRASES)
def test_phrases_from_whole_posting_lists_answer_as_stepping_each_word(ranked, text, monkeypatch):
    read = []
    monkeypatch.setattr(phrases, "whole_postings", lambda matchers: read.append(
        whoosh_internals.whole_postings(matchers)) or read[-1])
    whole = _raw(ranked, text)
    assert None not in read  # every segment holding all the words had them read whole
    assert read or whole == (0, [])
    monkeypatch.setattr(phrases, "whole_postings", lambda matchers: None)  # each word's matcher stepped instead
    assert _raw(ranked, text) == whole
    assert whole[0] == len(_whoosh_answer(ranked, text))


@pytest.mark.parametrize("term", ["the", "moon", "无人", "landing", "zzz-absent"])
def test_whole_posting_lists_hold_what_their_matchers_answer_one_by_one(ranked, term):
    searcher = ranked.index._warm().searcher
    for leaf, _offset in searcher.leaf_searchers():
        fresh = [query.Term("text", term).matcher(leaf) for _ in range(2)]
        if not fresh[0].is_active():
            continue
        stepped = ([], [], [])
        while fresh[1].is_active():
            for kept, value in zip(stepped, (fresh[1].id(), fresh[1].weight(), fresh[1].value())):
                kept.append(value)
            fresh[1].next()
        (documents, weights, values), = whoosh_internals.whole_postings(fresh[:1])
        assert (list(documents), list(weights), list(values)) == stepped
