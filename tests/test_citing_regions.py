"""Citing a region of a page's picture or a table cell (Archive.cite, `evidence claim cite --region/--cell`): what
is stored and recorded, what verify holds it to, and what is refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from archive.errors import InvalidInputError
from archive.quotes import QuoteNotFoundError
from ingest.pipeline import Limits, capture_upload
from tests.documents import customs_report_pdf, customs_table_pdf, table_pdf, write

CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"


@pytest.fixture
def customs(archive):
    """A two-page PDF: a cover page, then a page with the English customs table; and a claim."""
    capture = archive.add(capture_upload("customs.pdf", customs_report_pdf(), Limits())).capture
    return archive.get(capture.id, with_text=True), archive.add_claim(CLAIM)


def test_a_cell_is_cited_with_its_text_as_the_quote_its_box_as_the_region_and_its_headers(archive, customs):
    capture, claim = customs
    citation = archive.cite(claim.id, capture.id, cell="2:1:2:4", note="the customs table")
    assert citation.verified and citation.page == 2
    assert citation.exact == "1,230,000" and capture.text[citation.start:citation.end] == "1,230,000"
    assert capture.page_of(citation.start) == 2
    assert citation.cell == {"page": 2, "table": 1, "row": 2, "column": 4, "row_header": "8806",
                             "column_header": "Value, USD", "text": "1,230,000"}
    region = citation.region
    assert region["page"] == 2 and (region["width"], region["height"]) == (595, 842)
    assert 380 < region["x"] < 480 and 60 < region["y"] < 200 and 60 < region["w"] < 160 and 12 < region["h"] < 30
    [event] = [e for e in archive.catalog.iter_ledger(("citation.added",))]
    recorded = json.loads(event["data"])
    assert recorded["region"] == region and recorded["cell"] == citation.cell and recorded["exact"] == "1,230,000"


def test_the_same_country_in_two_rows_is_cited_where_its_cell_stands(archive, customs):
    capture, claim = customs
    first = archive.cite(claim.id, capture.id, cell="2:1:2:3")
    second = archive.cite(claim.id, capture.id, cell="2:1:3:3")
    assert first.exact == second.exact == "Kazakhstan" and first.start < second.start
    assert first.cell["row_header"] == "8806" and second.cell["row_header"] == "9013"


def test_a_region_alone_is_an_empty_quote_where_its_page_starts(archive, customs):
    capture, claim = customs
    citation = archive.cite(claim.id, capture.id, region="2:56,90,480,80", stance="context")
    assert citation.verified and (citation.exact, citation.prefix, citation.suffix) == ("", "", "")
    assert citation.start == citation.end == capture.pages[1][0] and citation.page == 2
    assert citation.region == {"page": 2, "x": 56, "y": 90, "w": 480, "h": 80, "width": 595, "height": 842}
    assert citation.cell is None
    assert archive.verify().ok


def test_a_region_goes_with_a_quote_of_its_own_page(archive, customs):
    capture, claim = customs
    both = archive.cite(claim.id, capture.id, "USD 1,230,000", region={"page": 2, "x": 50, "y": 60, "w": 300,
                                                                       "h": 200})
    assert both.exact == "USD 1,230,000" and both.region["page"] == 2 and both.verified
    with pytest.raises(InvalidInputError, match="The quote stands on page 2, the region is on page 1"):
        archive.cite(claim.id, capture.id, "USD 1,230,000", region="1:0,0,100,100")
    with pytest.raises(QuoteNotFoundError):
        archive.cite(claim.id, capture.id, "USD 9,999", region="2:0,0,100,100")


@pytest.mark.parametrize("region, said", [
    ("2:500,100,200,40", "reaches outside page 2, whose picture is 595 × 842"),
    ("2:10,830,20,20", "y \\+ height at most 842"),
    ("2:10,10,0,40", "at least one pixel"),
    ("2:-10,10,20,40", "PAGE:X,Y,WIDTH,HEIGHT"),
    ("3:0,0,10,10", "There is no page 3: the capture has 2 pages"),
    ({"page": 2, "x": 0, "y": 0, "w": -4, "h": 9}, "whole number of at least 0"),
])
def test_a_region_off_the_page_or_of_no_size_is_refused_and_nothing_is_written(archive, customs, region, said):
    capture, claim = customs
    head = archive.ledger_head()
    with pytest.raises(InvalidInputError, match=said):
        archive.cite(None, capture.id, region=region, new_claim="A claim that must not be left behind")
    assert archive.ledger_head() == head and archive.count_claims() == 1


@pytest.mark.parametrize("cell, said", [
    ("2:1:9:1", "has no cell at row 9, column 1"),
    ("2:2:1:1", "there is no table 2"),
    ("1:1:1:1", "Page 1 of capture .* has no table"),
    ("3:1:1:1", "There is no page 3"),
])
def test_a_cell_that_does_not_exist_is_refused(archive, customs, cell, said):
    capture, claim = customs
    with pytest.raises(InvalidInputError, match=said):
        archive.cite(claim.id, capture.id, cell=cell)


def test_a_cell_brings_its_own_quote_and_region(archive, customs):
    capture, claim = customs
    for extra in ({"quote": "1,230,000"}, {"region": "2:0,0,10,10"}):
        with pytest.raises(InvalidInputError, match="cite the cell alone"):
            archive.cite(claim.id, capture.id, cell="2:1:2:4", **extra)


def test_a_region_on_a_capture_with_no_pictures_is_refused(archive):
    capture = archive.add(capture_upload("note.md", b"The ministry confirmed the shipments.", Limits())).capture
    claim = archive.add_claim(CLAIM)
    with pytest.raises(InvalidInputError, match="has no picture to mark a region on"):
        archive.cite(claim.id, capture.id, region="1:0,0,10,10")
    with pytest.raises(InvalidInputError, match="is no PDF: table cells are cited on a PDF's pages"):
        archive.cite(claim.id, capture.id, cell="1:1:1:1")
    with pytest.raises(InvalidInputError, match="The quote must be text, not null"):
        archive.cite(claim.id, capture.id)


@pytest.mark.parametrize("column, edited", [("region", {"page": 2, "x": 0, "y": 0, "w": 595, "h": 842,
                                                        "width": 595, "height": 842}),
                                            ("cell", {"page": 2, "table": 1, "row": 3, "column": 4,
                                                      "row_header": "9013", "column_header": "Value, USD",
                                                      "text": "410,500"})])
def test_a_region_or_cell_edited_in_the_catalog_is_a_mismatch(archive, customs, column, edited):
    capture, claim = customs
    citation = archive.cite(claim.id, capture.id, cell="2:1:2:4")
    with sqlite3.connect(archive.home / "catalog.db") as db:
        db.execute(f"UPDATE citations SET {column} = ? WHERE id = ?", [json.dumps(edited), citation.id])
    problems = archive.verify().problems
    assert [(p.kind, p.id) for p in problems] == [("catalog_mismatch", f"citation {citation.id}")]
    assert column in problems[0].detail


def test_a_region_given_to_a_citation_made_before_regions_is_a_mismatch(archive, customs):
    capture, claim = customs
    citation = archive.cite(claim.id, capture.id, "USD 1,230,000")
    with sqlite3.connect(archive.home / "catalog.db") as db:
        db.execute("UPDATE citations SET region = ? WHERE id = ?",
                   ['{"page": 2, "x": 0, "y": 0, "w": 9, "h": 9, "width": 595, "height": 842}', citation.id])
    [problem] = archive.verify().problems
    assert problem.kind == "catalog_mismatch" and "region" in problem.detail


def test_the_command_line_cites_a_region_and_a_cell(evidence, home, tmp_path):
    report = write(tmp_path / "customs-ru.pdf", customs_table_pdf("ru"))
    assert evidence("ingest", str(report)).exit_code == 0
    assert evidence("claim", "add", CLAIM).exit_code == 0
    done = evidence("claim", "cite", "1", "1", "--cell", "1:1:2:4", "--json")
    cited = json.loads(done.output)
    assert cited["exact"] == "1 230 000" and cited["verified"] is True
    assert cited["cell"]["column_header"] == "Стоимость, долл. США" and cited["cell"]["row_header"] == "8806"
    done = evidence("claim", "cite", "1", "1", "--region", "1:56,100,483,54", "--stance", "context")
    assert done.exit_code == 0
    assert done.output == ("Citation #2: capture #1 [0:0], page 1, region page 1: 483 × 54 px at (56, 100) of the "
                           "page's picture (595 × 842 px), context, verified.\n")
    shown = evidence("claim", "show", "1").output
    assert '"1 230 000", Table 1, row 2 (8806), column 4 (Стоимость, долл. США)' in shown
    refused = evidence("claim", "cite", "1", "1", "--region", "1:500,100,483,54")
    assert refused.exit_code == 2 and "reaches outside page 1" in refused.output
    missing = evidence("claim", "cite", "1", "1")
    assert missing.exit_code == 2 and "The quote must be text" in missing.output


def test_a_wrapped_cell_beside_wrapped_cells_is_cited_by_its_region_and_cell(archive):
    rows = [["HS code", "Goods", "Value, USD"],
            ["8806", "Unmanned aircraft and parts thereof, including spare parts", "1,230,000 (first half: 600,000)"]]
    body = table_pdf("Table 4.3 Exports, details", rows, widths=[60, 120, 90])
    capture = archive.add(capture_upload("wrapped.pdf", body, Limits())).capture
    claim = archive.add_claim(CLAIM)
    citation = archive.cite(claim.id, capture.id, cell="1:1:2:2")  # its lines stand apart in the page's text
    assert citation.exact == "" and citation.verified and citation.region["page"] == 1
    assert citation.cell["text"].split() == "Unmanned aircraft and parts thereof, including spare parts".split()
    assert archive.cite(claim.id, capture.id, cell="1:1:2:1").exact == "8806"  # one line: quoted as usual
