"""What every search backend does (archive.seams.SearchBackend): ranking on the ranking documents, exact totals
past the first page, metadata filters, phrases, snippets marking the matched words where they stand, deletion,
a rebuild in one step, one writer at a time, and a writer that dies leaving the index as it was."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.analysis import analyse
from archive.errors import IndexBusyError, QueryError
from archive.models import Capture
from archive.seams import SearchBackend
from tests.contract.backends import SEARCH_BACKENDS, Backend, unmatched_members
from tests.ranking_corpus import ranking_documents

ROOT = Path(__file__).resolve().parents[2]
_MARKED = re.compile(r"<mark>(.*?)</mark>", re.S)
# Opens the index as a writer, queues a capture and dies before its commit, holding the write lock.
DYING_WRITER = """
import os, sys
from archive.analysis import analyse
from archive.models import Capture
from tests.contract.backends import Backend
index = Backend(sys.argv[1], sys.argv[2]).open()
index.begin(wait=10)
index.add(Capture(id=99, sha256="9" * 64, size=1, text_sha256="0" * 64, source="late.txt", method="file",
                  media_type="text/plain", kind="text", captured_at="2026-01-09T00:00:00.000000Z"),
          analyse("A late drone report.").terms)
os._exit(9)
"""


def _capture(capture_id: int, **described) -> Capture:
    """A stored capture's record: only what the index reads is chosen, the rest is fixed."""
    described.setdefault("kind", "text")
    described.setdefault("captured_at", "2026-01-01T00:00:00.000000Z")
    return Capture(id=capture_id, sha256=f"{capture_id:064x}", size=1, text_sha256="0" * 64,
                   source=f"doc-{capture_id}.txt", method="file", media_type="text/plain", **described)


class Texts(dict):
    """Capture texts by id; called as the index's `texts`, it answers with their token marks."""

    def __call__(self, ids: list[int]) -> dict[int, tuple[str, list[int] | None]]:
        return {i: (self[i], analyse(self[i]).marks) for i in ids if i in self}


def _write(index, documents: list[tuple[Capture, str]], texts: Texts) -> None:
    """Index the documents in one commit."""
    index.begin(wait=10)
    for capture, text in documents:
        index.add(capture, analyse(text).terms)
        texts[capture.id] = text
    assert index.commit() == [capture.id for capture, _ in documents]


def _ids(index, query: str, texts: Texts) -> list[int]:
    """Return the ids of every hit of a query, best first, checking the total counts them all."""
    total, hits = index.search(query, texts, limit=1000)
    assert total == len(hits)
    return [hit.capture_id for hit in hits]


# -- the ranking documents: 120 seeded texts in three commits ---------------------------------------

@dataclass
class Ranked:
    """An index of the ranking documents (capture n + 1 is document n), with their texts and titles."""

    index: SearchBackend
    texts: Texts
    titles: dict[int, str]

    def words(self, capture_id: int) -> list[str]:
        """Return the words of a capture's text."""
        return self.texts[capture_id].split()

    def hits(self, query: str, limit: int = 200, offset: int = 0):
        """Return (exact total, hits) of a query."""
        return self.index.search(query, self.texts, limit=limit, offset=offset)


@pytest.fixture(scope="module", params=SEARCH_BACKENDS)
def ranked(request, tmp_path_factory):
    """The ranking documents indexed in three commits (three segments in Whoosh)."""
    index = request.param(tmp_path_factory.mktemp("ranked")).open()
    texts, titles = Texts(), {}
    documents = ranking_documents(120)
    for start in range(0, len(documents), 40):
        batch = [(_capture(n + 1, title=doc.title, language=doc.lang, kind="markdown"), doc.body)
                 for n, doc in enumerate(documents[start:start + 40], start=start)]
        _write(index, batch, texts)
        titles.update((capture.id, capture.title) for capture, _ in batch)
    yield Ranked(index, texts, titles)
    index.close()


def test_the_index_has_every_member_of_the_seam(index):
    assert unmatched_members(index, SearchBackend) == []


def test_a_word_in_the_title_outranks_the_word_in_the_text(ranked):
    total, hits = ranked.hits("moon")
    in_title = ["moon" in ranked.titles[hit.capture_id].lower() for hit in hits]
    assert total == len(hits) and 0 < sum(in_title) < total
    assert in_title == sorted(in_title, reverse=True)  # every title match first


def test_a_word_more_often_in_the_text_ranks_higher(ranked):
    _, hits = ranked.hits("moon")
    counts = [ranked.words(hit.capture_id).count("moon") for hit in hits
              if "moon" not in ranked.titles[hit.capture_id].lower()]
    assert len(set(counts)) >= 3 and counts == sorted(counts, reverse=True)


def test_a_rare_word_outweighs_a_common_one(ranked):
    total, hits = ranked.hits("moon OR the")
    holds_rare = ["moon" in ranked.words(hit.capture_id) or "moon" in ranked.titles[hit.capture_id].lower()
                  for hit in hits]
    assert total == 120 and holds_rare == sorted(holds_rare, reverse=True) and 0 < sum(holds_rare) < 120


def test_equal_scores_keep_the_order_of_the_captures(ranked):
    _, hits = ranked.hits("the", limit=120)
    ties = [(a.capture_id, b.capture_id) for a, b in zip(hits, hits[1:]) if a.score == b.score]
    assert ties and all(first < second for first, second in ties)


def test_pages_follow_each_other(ranked):
    first = ranked.hits("the", limit=10)
    second = ranked.hits("the", limit=10, offset=10)
    assert first[0] == second[0] == 120
    assert not {h.capture_id for h in first[1]} & {h.capture_id for h in second[1]}
    assert min(h.score for h in first[1]) >= max(h.score for h in second[1])


@pytest.mark.parametrize("query", ["the", "moon OR landing OR drone", "text:moon OR text:the", "the said",
                                   "drone NOT export", '"the moon landing" OR budget'])
def test_totals_are_exact_past_the_first_page(ranked, query):
    total, first = ranked.hits(query, limit=5)
    _, every = ranked.hits(query, limit=200)
    assert total == len(every) == len({hit.capture_id for hit in every}) and total > 5
    assert [hit.capture_id for hit in first] == [hit.capture_id for hit in every[:5]]


def test_the_totals_of_words_count_every_text_holding_them(ranked):
    for word in ("budget", "council", "ministry"):
        holding = {capture_id for capture_id in ranked.texts if word in ranked.words(capture_id)}
        assert ranked.hits(f"text:{word}")[0] == len(holding) > 0, word


def test_phrases_find_the_words_in_a_row_only(ranked):
    in_a_row = {hit.capture_id for hit in ranked.hits('"the moon landing"', limit=100)[1]}
    planted = {hit.capture_id for hit in ranked.hits('"landing the moon"', limit=100)[1]}
    assert len(in_a_row) >= 10 and len(planted) >= 7
    assert in_a_row == {i for i, text in ranked.texts.items() if "the moon landing" in text}
    assert planted == {i for i, text in ranked.texts.items() if "landing the moon" in text}


def test_a_filter_counts_only_what_it_admits(ranked):
    german = {i for i in ranked.texts if (i - 1) % 4 == 0}
    assert {hit.capture_id for hit in ranked.hits("the lang:de")[1]} == german
    assert ranked.hits("the lang:de", limit=3)[0] == len(german)
    assert ranked.hits('"the moon landing" lang:en')[0] == len(
        {i for i, text in ranked.texts.items() if "the moon landing" in text} - german)


# -- metadata filters, snippets and writing, on small indexes -------------------------------------

SHA_OF_2 = f"{2:064x}"
FILTERED = [  # (query, the captures it finds among _filtered's three)
    ("drone lang:mk", [2]), ("drone lang:en", [1, 3]), ("drone kind:pdf", [2]), ("drone kind:PDF", [2]),
    ("drone kind:html OR kind:text", [1, 3]), ("drone published:2023-03", [1]),
    ("drone published:[2023-03-01 to 2023-04-30]", [1, 2]), ("drone published:2024", []),
    ("drone captured:>2026-02-01", [2, 3]), ("drone captured:<2026-02-01", [1]),
    ("drone captured:[2026-02-01 to 2026-02-28]", [2]), ('drone url:"https://example.org/drones?id=1"', [1]),
    ("drone url:https://news.example.mk/a", [2]), (f"drone sha256:{SHA_OF_2}", [2]), ("lang:en", [1, 3]),
    ("drone lang:en kind:text", [3]), ("drone lang:fr", []),
]


@pytest.fixture
def filtered(index):
    """Three captures of one word with different metadata."""
    texts = Texts()
    _write(index, [
        (_capture(1, language="en", kind="html", published="2023-03-05", url="https://example.org/drones?id=1",
                  captured_at="2026-01-10T09:00:00.000000Z"), "A drone report."),
        (_capture(2, language="mk", kind="pdf", published="2023-04-20", url="https://news.example.mk/a",
                  captured_at="2026-02-10T09:00:00.000000Z"), "Drone report, in a PDF."),
        (_capture(3, language="en", kind="text", captured_at="2026-03-10T09:00:00.000000Z"), "Drone notes."),
    ], texts)
    return texts


@pytest.mark.parametrize(("query", "expected"), FILTERED, ids=[query for query, _ in FILTERED])
def test_each_metadata_filter_admits_its_captures(index, filtered, query, expected):
    assert sorted(_ids(index, query, filtered)) == expected
    assert index.matching_ids(query) == set(expected)


def test_an_unreadable_query_raises_query_error(index, filtered):
    with pytest.raises(QueryError):
        index.search("published:[banana to pear]", filtered)


def _marked(snippet: str, text: str, offset: int) -> list[tuple[int, int]]:
    """Return where in the text each marked word of a snippet stands, checking that the snippet is the slice
    of the text whose first marked word starts at `offset`."""
    plain, spans, at = [], [], 0
    for n, piece in enumerate(re.split(r"</?mark>", snippet)):
        piece = html.unescape(piece)
        if n % 2:
            spans.append((at, at + len(piece)))
        plain.append(piece)
        at += len(piece)
    start = offset - spans[0][0]
    assert text[start:start + at] == "".join(plain)
    return [(start + begin, start + end) for begin, end in spans]


def test_snippets_mark_the_matched_words_where_they_stand(index):
    text = ("Customs records show that drones worth $1.23 million were exported in 2022. The ministry denied "
            "that any drone left the country, and the <b>report</b> was withdrawn.")
    texts = Texts()
    _write(index, [(_capture(1), text)], texts)
    (hit,) = index.search("drone ministry", texts)[1]
    assert hit.offset == text.index("drones")
    marked = [text[start:end] for start, end in _marked(hit.snippet, text, hit.offset)]
    assert marked[:2] == ["drones", "ministry"] and set(marked) <= {"drones", "ministry", "drone"}  # as written
    (hit,) = index.search("report", texts)[1]
    assert "&lt;b&gt;<mark>report</mark>&lt;/b&gt;" in hit.snippet  # the text's markup escaped, never live
    assert [text[start:end] for start, end in _marked(hit.snippet, text, hit.offset)] == ["report"]


def test_a_hit_without_a_marked_word_has_the_start_of_its_text(index):
    texts = Texts()
    _write(index, [(_capture(1, title="Drone exports"), "Customs records of the year.")], texts)
    (hit,) = index.search("title:drone", texts)[1]
    assert (hit.snippet, hit.offset) == ("Customs records of the year.", None)


def test_searches_see_only_committed_documents(index):
    texts = Texts({1: "A drone report."})
    index.begin(wait=10)
    index.add(_capture(1), analyse(texts[1]).terms)
    assert index.writing and index.pending_ids == [1]
    assert index.search("drone", texts) == (0, []) and index.document_ids() == []
    assert index.commit() == [1]
    assert not index.writing and index.pending_ids == []
    assert _ids(index, "drone", texts) == [1] and index.document_ids() == [1] and index.doc_count() == 1


def test_a_deleted_capture_is_found_no_more(index):
    texts = Texts()
    _write(index, [(_capture(n), f"Drone report number {n}.") for n in (1, 2, 3)], texts)
    index.begin(wait=10)
    index.delete(2)
    index.commit()
    assert _ids(index, "drone", texts) == [1, 3] and index.matching_ids("report") == {1, 3}
    assert sorted(index.document_ids()) == [1, 3] and index.doc_count() == 2


def test_a_capture_indexed_again_with_replace_holds_one_document(index):
    texts = Texts()
    _write(index, [(_capture(1), "An early drone report."), (_capture(2), "Another drone report.")], texts)
    index.begin(wait=10)
    index.add(_capture(1), analyse("A corrected budget report.").terms, replace=True)
    index.commit()
    texts[1] = "A corrected budget report."
    assert sorted(index.document_ids()) == [1, 2]
    assert _ids(index, "drone", texts) == [2] and _ids(index, "budget", texts) == [1]


def test_clear_replaces_every_document_in_one_commit(search_backend, index):
    texts = Texts()
    _write(index, [(_capture(1), "An old drone report."), (_capture(2), "Another old drone report.")], texts)
    reader = search_backend.open()  # another process searching meanwhile
    try:
        index.begin(wait=10)
        index.add(_capture(3), analyse("The rebuilt drone report.").terms)
        texts[3] = "The rebuilt drone report."
        assert _ids(reader, "drone", texts) == [1, 2]  # the old index until the commit
        assert index.commit(clear=True) == [3]
        assert _ids(reader, "drone", texts) == [3] and reader.document_ids() == [3]
    finally:
        reader.close()


def test_one_writer_at_a_time(search_backend, index):
    other = search_backend.open()
    try:
        index.begin(wait=10)
        assert not other.try_begin() and not other.writing
        with pytest.raises(IndexBusyError):
            other.begin(wait=0)
        with pytest.raises(IndexBusyError):  # queueing needs the lock
            other.add(_capture(1), analyse("A drone report.").terms)
        index.commit()  # a commit releases the lock
        assert other.try_begin()
        other.cancel()
        assert index.try_begin()
        index.cancel()
    finally:
        other.close()


def test_a_cancelled_writer_changes_nothing_and_releases_the_lock(search_backend, index):
    texts = Texts()
    _write(index, [(_capture(1), "A drone report.")], texts)
    index.begin(wait=10)
    index.add(_capture(2), analyse("A second drone report.").terms)
    index.delete(1)
    index.cancel()
    assert not index.writing and index.pending_ids == []
    assert _ids(index, "drone", texts) == [1]
    other = search_backend.open()
    try:
        assert other.try_begin()
        other.cancel()
    finally:
        other.close()


def test_a_writer_that_dies_before_its_commit_leaves_the_index_as_it_was(search_backend: Backend, index):
    texts = Texts()
    _write(index, [(_capture(1), "An early drone report.")], texts)
    died = subprocess.run([sys.executable, "-c", DYING_WRITER, search_backend.factory, search_backend.location],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert died.returncode == 9, died.stderr
    assert _ids(index, "drone", texts) == [1] and index.document_ids() == [1]
    index.begin(wait=0)  # the lock died with its holder
    index.add(_capture(2), analyse("A later drone report.").terms)
    texts[2] = "A later drone report."
    assert index.commit() == [2]
    assert _ids(index, "drone", texts) == [1, 2]
