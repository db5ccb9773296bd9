"""The archive facade with real ingestors: dedupe, versions, search in many languages, reindex."""

import hashlib
import os
import shutil

import pytest

from archive.analysis import analyse
from archive.archive import Archive
from archive.errors import NotFoundError, QueryError
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem
from tests.documents import html_page, pdf_bytes, write

DOCS = {
    "en-drones.md": "---\ntitle: Drone exports\ndate: 2022-06-01\nsite: Daily Check\n---\n"
                    "Kazakhstan exported drones worth $1.23 million to Russia in 2022.",
    "en-budget.md": "---\ntitle: City budget\ndate: 2024-02-10\n---\nThe city council approved the budget. "
                    "Officials did not mention any drone purchase.",
    "mk-drones.md": "---\ntitle: Дронови\ndate: 2022-07-15\nlang: mk\n---\n"
                    "Казахстан извезе дронови во Русија во вредност од 1,23 милиони долари.",
    "zh-drones.md": "---\ntitle: 无人机出口\ndate: 2023-01-20\nlang: zh\n---\n哈萨克斯坦向俄罗斯出口了价值123万美元的无人机。",
    "fi-drones.md": "---\ntitle: Droonit\nlang: fi\n---\nKazakstan vei Venäjälle drooneja 1,2 miljoonan dollarin edestä.",
    "fr-accent.md": "---\ntitle: Économie\nlang: fr\n---\nLa société a publié un résumé économique détaillé.",
}


def _add_texts(archive, folder, texts: dict[str, str]) -> dict[str, int]:
    """Write each text to a file, capture it as ingest would, and return {name: capture id}."""
    return {name: archive.add(capture(SourceItem(str(write(folder / name, text)), False), Limits())).capture.id
            for name, text in texts.items()}


@pytest.fixture
def filled(archive, tmp_path):
    ids = _add_texts(archive, tmp_path / "src", DOCS)
    pdf = write(tmp_path / "src" / "report.pdf",
                pdf_bytes(["Annual report. Contents.", "Exports of unmanned aircraft reached 1.23 million.",
                           "Appendix <script>alert(1)</script> table."]))
    ids["report.pdf"] = archive.add(capture(SourceItem(str(pdf), False), Limits())).capture.id
    return ids


def _ids(archive, query):
    return {hit.capture_id for hit in archive.search(query, limit=50).hits}


def test_same_bytes_are_stored_once(archive, tmp_path):
    path = write(tmp_path / "a.txt", "The same evidence.")
    first = archive.add(capture(SourceItem(str(path), False), Limits()))
    copy = write(tmp_path / "copy.txt", "The same evidence.")
    second = archive.add(capture(SourceItem(str(copy), False), Limits()))
    assert first.status == "captured" and second.status == "exists"
    assert second.capture.id == first.capture.id
    assert archive.catalog.count_captures() == 1


def test_capture_provenance(archive, tmp_path):
    path = write(tmp_path / "a.txt", "Provenance matters.")
    stored = archive.add(capture(SourceItem(str(path), False), Limits())).capture
    assert archive.original(stored) == b"Provenance matters."
    assert stored.size == len(b"Provenance matters.")
    assert stored.method == "file" and stored.source == str(path)
    assert stored.captured_at.endswith("Z") and "." in stored.captured_at
    assert stored.sha256 == hashlib.sha256(b"Provenance matters.").hexdigest()
    assert stored.text_sha256 == hashlib.sha256("Provenance matters.".encode()).hexdigest()
    assert stored.tools["evidence-archive"]


def test_changed_url_content_becomes_a_linked_version(archive, http_server):
    url = http_server.serve("/story", html_page("Story", "<p>" + "The figure was 1.23 million. " * 20 + "</p>"))
    first = archive.add(capture(SourceItem(url, True), Limits(allow_private=True))).capture
    same = archive.add(capture(SourceItem(url, True), Limits(allow_private=True)))
    assert same.status == "exists" and same.capture.id == first.id
    http_server.serve("/story", html_page("Story", "<p>" + "The figure was 1.32 million. " * 20 + "</p>"))
    second = archive.add(capture(SourceItem(url, True), Limits(allow_private=True))).capture
    assert second.previous_id == first.id
    assert [c.id for c in archive.versions(second)] == [first.id, second.id]


def test_english_stemming(archive, filled):
    assert filled["en-drones.md"] in _ids(archive, "drone")
    assert filled["en-budget.md"] in _ids(archive, "drones")


def test_phrases_and_boolean_operators(archive, filled):
    assert _ids(archive, '"exported drones"') == {filled["en-drones.md"]}
    assert _ids(archive, "drone AND budget") == {filled["en-budget.md"]}
    assert _ids(archive, "drone NOT budget") == {filled["en-drones.md"]}
    # A name (capitalised) also finds its Latin reading in Cyrillic ("Казахстан") and its close spellings
    # ("Kazakstan"); written in lower case, a word finds readings only.
    assert _ids(archive, "council OR Kazakhstan") == {filled["en-drones.md"], filled["en-budget.md"],
                                                     filled["mk-drones.md"], filled["fi-drones.md"]}
    assert _ids(archive, "council OR kazakhstan") == {filled["en-drones.md"], filled["en-budget.md"],
                                                     filled["mk-drones.md"]}


@pytest.mark.parametrize("name, queries", [
    pytest.param("mk-drones.md", ["дронови", "ДРОНОВИ", "lang:mk"], id="cyrillic-as-written-any-case"),
    pytest.param("zh-drones.md", ["无人机", "俄罗斯", "出口"], id="cjk-substrings"),
    pytest.param("fr-accent.md", ["economique resume", "title:economie"], id="accents-folded"),
    pytest.param("report.pdf", ["kind:pdf"], id="kind-filter"),
    pytest.param("en-drones.md", ["title:drone", 'site:"daily check"', "1.23 kind:markdown"], id="field-filters"),
])
def test_queries_find_exactly_their_document(archive, filled, name, queries):
    # One comparison of every query's hits, so a failure names each query that missed.
    assert {query: _ids(archive, query) for query in queries} == dict.fromkeys(queries, {filled[name]})


def test_published_and_captured_date_ranges(archive, filled):
    assert _ids(archive, "published:[2022-01-01 to 2022-12-31]") == {filled["en-drones.md"],
                                                                    filled["mk-drones.md"]}
    assert _ids(archive, "published:>2023-01-01") == {filled["zh-drones.md"], filled["en-budget.md"]}
    assert _ids(archive, "drone published:2024") == {filled["en-budget.md"]}
    assert len(_ids(archive, "captured:>2020-01-01")) == len(filled)


def test_pdf_hit_names_its_page_and_snippet_is_escaped(archive, filled):
    hits = archive.search("unmanned aircraft").hits
    assert hits[0].capture_id == filled["report.pdf"] and hits[0].page == 2
    assert "<mark>unmanned</mark> <mark>aircraft</mark>" in hits[0].snippet
    appendix = archive.search("appendix").hits[0]
    assert appendix.page == 3
    assert "&lt;script&gt;" in appendix.snippet and "<script>" not in appendix.snippet


def test_cjk_snippet_marks_the_whole_match(archive, filled):
    hit = archive.search("无人机").hits[0]
    assert "<mark>无人机</mark>" in hit.snippet


@pytest.mark.parametrize("query", ["(", '"unclosed phrase', "published:[2024 to", "title:", "AND", "lang:",
                                   "*"])
def test_malformed_queries_answer_without_crashing(archive, filled, query):
    result = archive.search(query)
    assert result.total >= 0


def test_unreadable_dates_are_a_plain_query_error(archive, filled):
    with pytest.raises(QueryError, match="dates are written 2024, 2024-03 or 2024-03-05"):
        archive.search("published:[banana to pear]")


def test_unknown_capture(archive):
    with pytest.raises(NotFoundError, match="no capture 42"):
        archive.get(42)


def test_deleted_index_is_rebuilt_from_the_catalog(archive, filled, tmp_path):
    before = _ids(archive, "drone")
    archive.close()
    shutil.rmtree(tmp_path / "archive" / "index")
    reopened = Archive(tmp_path / "archive")
    try:
        assert reopened.count_unindexed() == len(filled)  # the fresh index knows nothing yet
        assert reopened.index_pending() == len(filled)
        assert _ids(reopened, "drone") == before
        assert reopened.reindex() == len(filled)
        assert _ids(reopened, "drone") == before
    finally:
        reopened.close()


def test_citations_verify_and_detect_tampering(archive, filled, tmp_path):
    claim = archive.add_claim("Exports reached 1.23 million")
    citation = archive.cite(claim.id, filled["report.pdf"], "unmanned aircraft reached 1.23 million")
    assert citation.verified is True and citation.page == 2
    assert [c.id for c in archive.citations_of(filled["report.pdf"])] == [citation.id]
    capture = archive.get(filled["report.pdf"])
    blob = archive.store.path_for(capture.sha256)
    os.chmod(blob, 0o644)
    blob.write_bytes(blob.read_bytes() + b"%tampered")
    assert archive.claim(claim.id).citations[0].verified is False


def test_a_refused_quote_creates_no_claim(archive, filled):
    from archive.quotes import QuoteNotFoundError
    with pytest.raises(QuoteNotFoundError):
        archive.cite(None, filled["en-drones.md"], "never written", new_claim="Should not exist")
    assert archive.claims() == []


def test_removed_citations_stay_on_record(archive, filled):
    claim = archive.add_claim("Drones")
    citation = archive.cite(claim.id, filled["en-drones.md"], "exported drones")
    archive.remove_citation(citation.id)
    assert archive.claim(claim.id).citations == []
    kept = archive.catalog.citations(citation_id=citation.id, include_removed=True)[0]
    assert kept.removed_at is not None
    events = [e["event"] for e in archive.catalog.iter_ledger()]
    assert events[-3:] == ["claim.created", "citation.added", "citation.removed"]
    with pytest.raises(NotFoundError):
        archive.remove_citation(999)


def test_claim_status_and_bad_values(archive):
    from archive.errors import InvalidInputError
    claim = archive.add_claim("  Spaces   are   folded  ")
    assert claim.text == "Spaces are folded"
    assert archive.set_claim_status(claim.id, "disputed", "two sources differ").status == "disputed"
    with pytest.raises(InvalidInputError):
        archive.set_claim_status(claim.id, "probably")
    with pytest.raises(InvalidInputError):
        archive.add_claim("   ")
    with pytest.raises(NotFoundError):
        archive.claim(999)


SAME_STORY = {
    "en.md": "Kazakhstan exported $1.23 million of drones to Russia in 2022.",
    "mk.md": "Казахстан извезе дронови во Русија во вредност од 1,23 милиони долари.",
    "zh.md": "哈萨克斯坦向俄罗斯出口了价值123万美元的无人机。",
    "fi.md": "Kazakstan vei Venäjälle drooneja 1,2 miljoonan dollarin edestä.",
    "drift.md": "Kazakhstan exported $1.32 million of drones to Russia, the ministry said.",
    "other.md": "The city spent $5 million on roads and 1.23 million hours of work.",
}


@pytest.fixture
def story(archive, tmp_path):
    return _add_texts(archive, tmp_path / "story", SAME_STORY)


def test_figure_search_finds_every_format_and_language(archive, story):
    result = archive.search("$1.23 million")
    kinds = {hit.capture_id: hit.match["kind"] for hit in result.hits}
    assert kinds == {story["en.md"]: "same", story["mk.md"]: "same", story["zh.md"]: "same",
                     story["fi.md"]: "rounded"}
    first = result.hits[0]
    assert "<mark>" in first.snippet and first.match["figure"]["unit"] == "USD"
    assert set(h.capture_id for h in archive.search("1.23m USD").hits) == set(kinds)
    assert set(h.capture_id for h in archive.search("figure:1230000 USD").hits) == set(kinds)


def test_figure_search_near_values_and_words(archive, story):
    near = {h.capture_id: h.match for h in archive.search("$1.23 million", near=0.1).hits}
    assert near[story["drift.md"]]["kind"] == "different"
    assert round(near[story["drift.md"]]["difference"], 3) == 0.073
    assert story["other.md"] not in near  # 1.23 million hours are not dollars
    with_words = archive.search("figure:1230000 USD ministry", near=0.1)
    assert [h.capture_id for h in with_words.hits] == [story["drift.md"]]


def test_a_bare_number_finds_its_value_in_any_unit(archive, story, tmp_path):
    table = _add_texts(archive, tmp_path / "table", {
        "payroll.md": "NAME POSITION AMOUNT($)\nBAIN DISTRICT DIRECTOR 1,230,000.00\nSMITH CORRESPONDENT 21,000.00"})
    found = {h.capture_id: h.match["figure"]["unit"] for h in archive.search("1,230,000").hits}
    # the dollars of the heading, the dollars written, the hours: a bare number names no unit
    assert found[table["payroll.md"]] == "USD" and found[story["en.md"]] == "USD"
    assert found[story["other.md"]] is None
    assert story["other.md"] not in {h.capture_id for h in archive.search("$1,230,000").hits}


def test_reindex_rebuilds_figures(archive, story):
    archive.catalog.db.execute("DELETE FROM figures")
    assert archive.search("$1.23 million").total == 0
    archive.reindex()
    assert archive.search("$1.23 million").total == 4


def test_claim_agreement_and_find_sources(archive, story):
    claim = archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
    archive.cite(claim.id, story["drift.md"], "exported $1.32 million of drones", stance="contradicts")
    archive.cite(claim.id, story["fi.md"], "1,2 miljoonan dollarin")
    shown = archive.claim(claim.id)
    assert [f.value for f in shown.figures] == [1_230_000]
    marks = [(c.agreement.kind, c.agreement.source_figure.text) for c in shown.citations]
    assert marks == [("different", "$1.32 million"), ("rounded", "1,2 miljoonan dollarin")]
    found = archive.find_sources(claim.id)
    by_capture = {c.capture.id: c for c in found}
    assert {story["en.md"], story["mk.md"], story["zh.md"]} <= set(by_capture)
    assert by_capture[story["mk.md"]].sentence == SAME_STORY["mk.md"]
    assert by_capture[story["mk.md"]].agreement.kind == "same"
    assert found[0].agreement.kind == "same" and found[0].capture.id == story["en.md"]  # shares the most terms
    # Passages already cited for this claim are there too, each marked with its citation.
    drift, fi = by_capture[story["drift.md"]], by_capture[story["fi.md"]]
    assert (drift.citation.id, drift.citation.stance) == (shown.citations[0].id, "contradicts")
    assert (fi.citation.id, fi.citation.stance) == (shown.citations[1].id, "supports")
    assert all(c.citation is None for c in found if c.capture.id not in (story["drift.md"], story["fi.md"]))
    assert fi.to_json()["cited"] == {"id": shown.citations[1].id, "stance": "supports"}
    assert by_capture[story["en.md"]].to_json()["cited"] is None


def test_find_sources_shows_the_only_passage_even_when_it_is_cited(archive, tmp_path):
    only = _add_texts(archive, tmp_path / "only", {"only.md": "Customs records show $1.23 million of drones."})
    claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
    citation = archive.cite(claim.id, only["only.md"], "Customs records show $1.23 million of drones.")
    (found,) = archive.find_sources(claim.id)
    assert found.capture.id == only["only.md"] and found.citation.id == citation.id


def test_a_warm_searcher_sees_new_captures_and_filters_stay_right(archive, tmp_path):
    first = write(tmp_path / "one.md", "---\nlang: de\n---\nDrohnen wurden exportiert.")
    archive.add(capture(SourceItem(str(first), False), Limits()))
    assert archive.search("drohnen lang:de").total == 1
    assert archive.search("drohnen OR weitere").total == 1
    second = write(tmp_path / "two.md", "---\nlang: de\n---\nWeitere Drohnen wurden exportiert.")
    archive.add(capture(SourceItem(str(second), False), Limits()))
    assert archive.search("drohnen lang:de").total == 2  # the cached lang:de set was renewed with the searcher
    assert archive.search("drohnen OR weitere").total == 2  # so were the cached sets of single words
    assert archive.search("lang:de").total == 2  # filters alone list every capture they admit
    assert archive.search("drohnen lang:fr").total == 0


def test_a_warm_searcher_follows_merges_and_replaced_documents(archive, tmp_path):
    def add(name: str, text: str):
        return archive.add(capture(SourceItem(str(write(tmp_path / name, text)), False), Limits())).capture

    for n in range(5):  # five index segments: whoosh merges small ones from five on
        with archive.batch():
            add(f"n{n}.md", f"Drones report number {n}.")
            archive.catalog.mark_indexed(archive.index.commit(merge=False))
    assert archive.search("drones").total == 5  # the searcher is open on five segments
    last = add("n5.md", "Drones report number 5.")  # this commit merges the small segments into one
    assert len(archive.index._warm().searcher.reader().leaf_readers()) == 1
    assert archive.search("drones").total == 6
    assert len({hit.capture_id for hit in archive.search("drones").hits}) == 6
    # A capture indexed again (as after a crash) replaces its document: the old one is deleted, not counted.
    archive.search("drones")
    archive.index.begin()
    archive.index.add(last, analyse("Drones report number 5.").terms, replace=True)
    archive.flush()
    assert archive.search("drones").total == 6


def test_filtered_totals_count_only_what_the_filter_admits(archive, filled):
    everything = archive.search("drone").total
    assert everything >= 2
    assert archive.search("drone lang:mk").total == 0
    assert archive.search("drone kind:markdown").total == everything - 0  # all drone notes are Markdown
    assert archive.search("drone published:2024").total == 1


def test_phrases_need_the_words_in_a_row(archive, filled):
    assert _ids(archive, '"exported drones"') == {filled["en-drones.md"]}
    assert _ids(archive, '"russia exported"') == set()  # words of the text, not in a row
    assert _ids(archive, '"exported drones" OR council') == {filled["en-drones.md"], filled["en-budget.md"]}
    assert _ids(archive, '"exported drones" kind:markdown') == {filled["en-drones.md"]}
    assert archive.search('"exported drones" NOT russia').total == 0
    assert _ids(archive, '"无人机"') == {filled["zh-drones.md"]}


def test_search_an_empty_archive_then_add_and_search_again(archive, tmp_path):
    assert archive.search("drones").total == 0
    path = write(tmp_path / "a.txt", "Drones were exported.")
    archive.add(capture(SourceItem(str(path), False), Limits()))
    assert archive.search("drones").total == 1
