"""Top hits on PostgreSQL read from the best postings (archive/search/pg_top.py) are those of scoring every match:
the same captures, scores and totals, pages included, whatever the fixed averages of the impacts; and the
postings follow their documents (written, replaced, deleted, rolled back with them)."""

from __future__ import annotations

import psycopg
import pytest

from archive.analysis import analyse
from archive.search import pg_top
from archive.search.pg_documents import write_rows
from archive.search.pg_index import PgIndex
from tests.contract.test_search_contract import Texts, _capture
from tests.postgres import fresh_database
from tests.ranking_corpus import ranking_documents

QUERIES = ["moon", "the", "moon OR the", "moon OR landing OR drone", "the said", "moon NOT landing",
           '"the moon landing"', '"the moon" said', "无人机", "the lang:de", '"the moon landing" lang:en',
           "moon OR the lang:de", "title:moon", "said that over the", "moon report", "budget council"]


def _indexed(first: list[str], count: int = 400) -> tuple[PgIndex, Texts]:
    """A PostgreSQL index of the ranking documents, after a first commit of the texts `first` (whose lengths
    fix the averages of the impacts)."""
    index, texts = PgIndex(fresh_database()), Texts()
    documents = [(f"First {n}", "en", text) for n, text in enumerate(first)]
    documents += [(doc.title, doc.lang, doc.body) for doc in ranking_documents(count)]
    for commit in (documents[:len(first)], documents[len(first):]):
        index.begin(wait=10)
        for title, lang, body in commit:
            capture_id = len(texts) + 1
            index.add(_capture(capture_id, title=title, language=lang), analyse(body).terms)
            texts[capture_id] = body
        index.commit()
    return index, texts


def _answers(index: PgIndex, texts: Texts, query: str, limit: int = 10, offset: int = 0):
    total, hits = index.search(query, texts, limit=limit, offset=offset)
    return total, [(hit.capture_id, round(hit.score, 9)) for hit in hits]


def _every_match_scored(monkeypatch, index: PgIndex, texts: Texts, query: str, **page):
    with monkeypatch.context() as patched:
        patched.setattr(pg_top, "MAX_DEPTH", 0)  # the prefixes never settle: every match is scored
        return _answers(index, texts, query, **page)


@pytest.fixture(autouse=True)
def short_prefixes(monkeypatch):
    """Few documents here: words' lists are read in prefixes as a large archive's are, and every query ranked."""
    monkeypatch.setattr(pg_top, "SHORT_LIST", 8)
    monkeypatch.setattr(pg_top, "FIRST_DEPTH", 16)
    monkeypatch.setattr(PgIndex, "FEW_MATCHES", 0)
    monkeypatch.setattr(pg_top, "EXPECTED", 0)  # the best postings read first even where few of them match


@pytest.fixture(scope="module")
def ranked():
    index, texts = _indexed([])
    yield index, texts
    index.close()


@pytest.mark.parametrize("query", QUERIES)
def test_the_top_from_the_postings_is_the_top_of_every_match_scored(ranked, monkeypatch, query):
    index, texts = ranked
    assert _answers(index, texts, query) == _every_match_scored(monkeypatch, index, texts, query)


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_admitting_few_of_its_words_documents_scores_every_match_at_once(ranked, monkeypatch, query):
    index, texts = ranked
    read_first = []
    top_hits = pg_top.top_hits
    with monkeypatch.context() as patched:
        patched.setattr(pg_top, "EXPECTED", 2)
        patched.setattr(pg_top, "top_hits", lambda *args: read_first.append(args) or top_hits(*args))
        found = _answers(index, texts, query)
    assert found == _every_match_scored(monkeypatch, index, texts, query), query
    if query in ('"the moon landing"', "the lang:de"):  # a tenth of the texts holding "the", a quarter
        assert not read_first, query


@pytest.mark.parametrize("query", QUERIES + ["Moonn", "moon~"])  # names and close spellings: many words
def test_scores_read_from_the_words_lists_are_those_read_per_document(ranked, monkeypatch, query):
    index, texts = ranked
    with monkeypatch.context() as patched:
        patched.setattr(pg_top, "PER_DOCUMENT", 0)  # every document's postings looked up
        patched.setattr(pg_top, "PER_TERM", 0)
        per_document = _every_match_scored(monkeypatch, index, texts, query), _answers(index, texts, query)
    with monkeypatch.context() as patched:
        patched.setattr(pg_top, "PER_DOCUMENT", 10 ** 9)  # every word's list read
        by_word = _every_match_scored(monkeypatch, index, texts, query), _answers(index, texts, query)
    assert per_document == by_word and per_document[0][0] > 0, query


@pytest.mark.parametrize("query", QUERIES)
def test_answers_are_the_same_whether_the_matches_are_kept_in_hand_or_selected_again(ranked, monkeypatch, query):
    index, texts = ranked
    kept = _answers(index, texts, query), _every_match_scored(monkeypatch, index, texts, query)
    with monkeypatch.context() as patched:
        patched.setattr(PgIndex, "LISTED", 0)  # too many to keep: each statement selects them again
        selected = _answers(index, texts, query), _every_match_scored(monkeypatch, index, texts, query)
    assert kept == selected, query


def test_later_pages_are_those_of_every_match_scored(ranked, monkeypatch):
    index, texts = ranked
    for offset in (10, 90, 395):
        found = _answers(index, texts, "the", offset=offset)
        assert found == _every_match_scored(monkeypatch, index, texts, "the", offset=offset)
    assert len(_answers(index, texts, "the", offset=395)[1]) == 5  # 400 documents hold "the"


def test_the_postings_settle_common_words_without_scoring_every_match(ranked, monkeypatch):
    index, texts = ranked
    settled = []

    def recording(*args, **kwargs):
        found = top_hits(*args, **kwargs)
        settled.append(found is not None)
        return found

    top_hits = pg_top.top_hits
    monkeypatch.setattr(pg_top, "top_hits", recording)
    for query in ("the", "moon OR the", "the said", "the lang:de"):
        index.search(query, texts)
    assert settled == [True, True, True, True]


@pytest.mark.parametrize("first", [["short"], [" ".join(["long"] * 3000)]], ids=["short first", "long first"])
def test_answers_stay_exact_when_the_first_documents_fixed_an_average_far_from_the_collections(monkeypatch, first):
    index, texts = _indexed(first, count=200)
    try:
        for query in QUERIES:
            assert _answers(index, texts, query) == _every_match_scored(monkeypatch, index, texts, query), query
    finally:
        index.close()


def _postings(url: str, capture_id: int) -> dict[tuple[str, str], int]:
    with psycopg.connect(url) as conn:
        return {(field, term): tf for field, term, tf in conn.execute(
            "SELECT field, term, tf FROM search_postings WHERE capture_id = %s", [capture_id])}


def test_postings_are_replaced_and_deleted_with_their_document():
    index = PgIndex(fresh_database())
    try:
        index.begin(wait=10)
        index.add(_capture(1, title="Moon report"), analyse("the moon and the moon").terms)
        index.add(_capture(2), analyse("drone export").terms)
        index.commit()
        assert _postings(index.db.url, 1) == {("title", "moon"): 1, ("title", "report"): 1, ("text", "the"): 2,
                                              ("text", "moon"): 2, ("text", "and"): 1}
        index.begin(wait=10)
        index.add(_capture(1), analyse("moon landing").terms, replace=True)
        index.delete(2)
        index.commit()
        assert _postings(index.db.url, 1) == {("text", term): len(positions)
                                              for term, positions in analyse("moon landing").terms.items()}
        assert _postings(index.db.url, 2) == {}
    finally:
        index.close()


def test_postings_written_in_a_transaction_that_fails_are_not_kept():
    url = fresh_database()
    PgIndex(url).close()  # the schema
    from tests.test_pg_documents import _row

    with psycopg.connect(url, autocommit=True) as conn:
        with pytest.raises(RuntimeError), conn.transaction():
            write_rows(conn, [_row(1, "drone export")])
            raise RuntimeError("the capture's transaction fails after its document was written")
        assert conn.execute("SELECT count(*) FROM search_postings").fetchone() == (0,)


def test_a_top_among_equal_scores_is_settled_at_the_tie(monkeypatch):
    index, texts = PgIndex(fresh_database()), Texts()
    try:
        index.begin(wait=10)
        for capture_id in range(1, 61):  # one length, "alpha" once in each: every document scores the same
            texts[capture_id] = f"alpha beta{capture_id} gamma{capture_id}"
            index.add(_capture(capture_id), analyse(texts[capture_id]).terms)
        index.commit()
        settled = []
        top_hits = pg_top.top_hits
        monkeypatch.setattr(pg_top, "top_hits", lambda *args: settled.append(top_hits(*args)) or settled[-1])
        found = _answers(index, texts, "alpha")
        assert settled[0] is not None  # read no further than the first prefixes
        assert [capture_id for capture_id, _ in found[1]] == list(range(1, 11))  # ties rank by capture id
        assert found == _every_match_scored(monkeypatch, index, texts, "alpha")
    finally:
        index.close()
