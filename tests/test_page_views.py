"""Pages of PDFs and images on the web (web/page_views.py, templates/_page_view.html, the page-picture route): the
picture beside the text, the pager, regions and table cells cited from the page and shown on the claim page, a
search hit opening its page, and what is refused."""

from __future__ import annotations

import re

import pytest

from archive.archive import Archive
from ingest.pipeline import Limits, capture_upload
from tests.documents import customs_report_pdf, pdf_bytes, table_pdf
from tests.scans import needs_tesseract, text_png

CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"


@pytest.fixture
def site(app):
    """The app's archive with the two-page customs report, a long PDF, a text note and a claim."""
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        report = archive.add(capture_upload("customs.pdf", customs_report_pdf(), Limits())).capture
        long = archive.add(capture_upload("long.pdf", pdf_bytes([f"Page {n} of the annex." for n in range(1, 13)]),
                                          Limits())).capture
        note = archive.add(capture_upload("note.md", b"The ministry confirmed the shipments.", Limits())).capture
        claim = archive.add_claim(CLAIM)
    return {"report": report.id, "long": long.id, "note": note.id, "claim": claim.id}


def test_a_pdf_page_is_shown_beside_the_text_and_drawn_by_the_browser(client, site):
    page = client.get(f"/captures/{site['report']}?page=2")
    assert page.status_code == 200
    assert '<div class="beside">' in page.text and 'id="page-view"' in page.text
    assert "Page 2 of 2" in page.text
    assert f'<image href="/captures/{site["report"]}/pages/2.png" x="0" y="0" width="595" height="842"/>' in page.text
    assert 'data-region-page="2"' in page.text and "region.js" in page.text
    assert f'href="/captures/{site["report"]}?page=1#page-1" rel="prev"' in page.text
    assert 'id="page-2"' in page.text  # the page's text, which the pager's links scroll to
    assert "style=" not in page.text.split("<main>")[1]  # no inline style: the pages' policy forbids it


def test_the_picture_is_served_as_png_drawn_from_the_original(client, site):
    picture = client.get(f"/captures/{site['report']}/pages/2.png?width=400")
    assert picture.status_code == 200 and picture.data.startswith(b"\x89PNG")
    assert picture.headers["Content-Type"] == "image/png" and picture.headers["X-Content-Type-Options"] == "nosniff"
    assert picture.headers["Content-Security-Policy"].startswith("sandbox")
    assert picture.headers["Content-Disposition"] == f'inline; filename="capture-{site["report"]}-page-2.png"'
    assert "max-age" in picture.headers["Cache-Control"]
    for missing in (f"/captures/{site['report']}/pages/3.png", f"/captures/{site['report']}/pages/0.png",
                    f"/captures/{site['note']}/pages/1.png", "/captures/999/pages/1.png"):
        assert client.get(missing).status_code == 404, missing


def test_the_pager_lists_the_first_the_last_and_the_pages_around(client, site):
    page = client.get(f"/captures/{site['long']}?page=6")
    pager = page.text.split('<nav class="pager"')[1].split("</nav>")[0]
    assert re.findall(r">(\d+)<", pager) == ["1", "4", "5", "6", "7", "8", "12"]
    assert pager.count("…") == 2 and "← previous" in pager and "next →" in pager
    assert "Page 1 of 12" in client.get(f"/captures/{site['long']}?page=99").text  # a page not there: the first


def test_a_search_hit_in_a_pdf_opens_its_page(client, site):
    results = client.get("/?q=annex").text
    links = re.findall(rf'href="(/captures/{site["long"]}\?[^"]*)"', results)
    assert links and all("page=" in link for link in links)
    opened = client.get(links[0].replace("&amp;", "&"))
    number = int(re.search(r"page=(\d+)", links[0]).group(1))
    assert f"Page {number} of 12" in opened.text and 'id="hit"' in opened.text


def test_a_hit_without_a_page_argument_still_shows_its_page(client, site, app):
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        text = archive.get(site["long"], with_text=True).text
    at = text.index("Page 9 of the annex")
    assert "Page 9 of 12" in client.get(f"/captures/{site['long']}?at={at}").text


def test_the_tables_of_a_page_are_found_apart_then_written_out_and_each_cell_cites_itself(client, site):
    first = client.get(f"/captures/{site['report']}?page=2").text  # the tables are not found in this request
    src = f"/captures/{site['report']}/pages/2/tables?fragment=1"
    assert f'<div id="page-tables" data-src="{src}">' in first and "pages.js" in first
    assert "table finder reads it" not in first
    fragment = client.get(src)
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert "Table 1 of page 2, as pdfplumber's table finder reads it" in fragment.text
    link = f'/captures/{site["report"]}?page=2&amp;cell=2:1:2:4#cite'
    assert f'<td><a href="{link}" title="Cite table 1, row 2, column 4">1,230,000</a></td>' in fragment.text
    whole = client.get(f"/captures/{site['report']}/pages/2/tables").text  # without scripts: a page of their own
    assert "<h1>Tables of page 2 of Annual export report 2022 (sample)</h1>" in whole and link in whole
    page = client.get(f"/captures/{site['report']}?page=2").text  # found once: written into the page view
    assert link in page and 'id="page-tables"' not in page and "pages.js" not in page
    assert "sees no table on this page" in client.get(f"/captures/{site['report']}/pages/1/tables").text
    assert client.get(f"/captures/{site['report']}/pages/3/tables").status_code == 404
    assert client.get(f"/captures/{site['note']}/pages/1/tables").status_code == 404
    chosen = client.get(f"/captures/{site['report']}?page=2&cell=2:1:2:4").text
    assert "Citing <strong>Table 1, row 2 (8806), column 4 (Value, USD)</strong> on page 2: <q>1,230,000</q>" in chosen
    assert '<input type="hidden" name="cell" value="2:1:2:4">' in chosen
    assert len(re.findall(r'<rect class="mark chosen"', chosen)) == 1
    answer = client.post(f"/captures/{site['report']}/cite", data={"cell": "2:1:2:4", "claim_id": site["claim"],
                                                                   "stance": "supports"})
    assert answer.status_code == 302
    claim = client.get(answer.headers["Location"]).text
    assert '<p class="cell-cited">Table 1, row 2 (8806), column 4 (Value, USD)</p>' in claim
    assert "<mark>1,230,000</mark>" in claim and "✓ verified against the stored capture" in claim
    assert f'<image href="/captures/{site["report"]}/pages/2.png"' in claim
    assert len(re.findall(r'<rect class="mark cited"', claim)) == 1


def test_a_cell_not_there_is_said_on_the_page_and_refused_when_posted(client, site):
    page = client.get(f"/captures/{site['report']}?page=2&cell=2:1:9:9").text
    assert "has no cell at row 9, column 9" in page and 'name="cell"' not in page
    answer = client.post(f"/captures/{site['report']}/cite", data={"cell": "2:1:9:9", "claim_id": site["claim"]})
    assert answer.status_code == 400 and "has no cell at row 9, column 9" in answer.text


def test_a_region_typed_or_dragged_is_cited_and_boxed_on_both_pages(client, site):
    answer = client.post(f"/captures/{site['report']}/cite", data={
        "quote": "", "region": "2:50,60,500,160", "claim_id": site["claim"], "stance": "context"})
    assert answer.status_code == 302
    claim = client.get(answer.headers["Location"]).text
    assert "page 2: 500 × 160 px at (50, 60) of the page&#39;s picture (595 × 842 px)" in claim
    assert '<rect class="mark cited" x="50" y="60" width="500" height="160">' in claim
    assert "<blockquote>" not in claim.split('class="citation')[1]  # a region alone has no quote to show
    capture = client.get(f"/captures/{site['report']}?page=2").text
    assert '<rect class="mark cited" x="50" y="60" width="500" height="160">' in capture
    assert "a region of page 2" in capture


@pytest.mark.parametrize("region, said", [
    ("2:500,60,500,160", "reaches outside page 2"),
    ("2:50,60,0,160", "at least one pixel"),
    ("5:1,1,1,1", "There is no page 5"),
    ("two:1,1,1,1", "PAGE:X,Y,WIDTH,HEIGHT"),
])
def test_a_region_off_the_page_is_refused_on_the_capture_page(client, site, region, said):
    answer = client.post(f"/captures/{site['report']}/cite", data={"region": region, "claim_id": site["claim"]})
    assert answer.status_code == 400 and said in answer.text
    assert f'value="{region}"' in answer.text  # kept in the form to correct


def test_a_capture_with_no_pictures_has_no_page_view_and_refuses_regions(client, site):
    page = client.get(f"/captures/{site['note']}").text
    assert 'id="page-view"' not in page and 'name="region"' not in page and "region.js" not in page
    answer = client.post(f"/captures/{site['note']}/cite", data={"region": "1:0,0,5,5", "claim_id": site["claim"]})
    assert answer.status_code == 400 and "has no picture to mark a region on" in answer.text


def test_the_api_cites_a_region_and_a_cell(client, site):
    ids = {"claim_id": site["claim"], "capture_id": site["report"]}
    cell = client.post("/api/citations", json={**ids, "cell": {"page": 2, "table": 1, "row": 3, "column": 2}})
    assert cell.status_code == 201
    assert cell.json["exact"] == "Optical instruments" and cell.json["verified"] is True
    assert cell.json["cell"]["row_header"] == "9013" and cell.json["cell"]["column_header"] == "Goods"
    region = client.post("/api/citations", json={**ids, "quote": "USD 1,230,000",
                                                 "region": {"page": 2, "x": 50, "y": 60, "w": 500, "h": 300}})
    assert region.status_code == 201 and region.json["region"]["width"] == 595
    shown = client.get(f"/api/claims/{site['claim']}").json["citations"]
    assert [c["cell"] is not None for c in shown] == [True, False]
    for body, status, said in (({**ids}, 400, "Send JSON"),
                               ({**ids, "region": {"page": 2, "x": 0, "y": 0, "w": 0, "h": 1}}, 400, "one pixel"),
                               ({**ids, "cell": "2:1:1:9"}, 400, "no cell at row 1, column 9"),
                               ({**ids, "region": [2, 0, 0, 5, 5]}, 400, "PAGE:X,Y,WIDTH,HEIGHT")):
        answer = client.post("/api/citations", json=body)
        assert answer.status_code == status and said in answer.json["error"], body


def test_the_cite_form_says_when_a_cell_is_cited_by_its_region_alone(client, app):
    rows = [["Goods", "Value, USD"], ["Unmanned aircraft and parts thereof", "1,230,000 (first half: 600,000)"]]
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        capture = archive.add(capture_upload("wrapped.pdf", table_pdf("Table 4.3", rows, widths=[110, 90]),
                                             Limits())).capture
    chosen = client.get(f"/captures/{capture.id}?page=1&cell=1:1:2:1").text
    assert "its text does not stand as one passage in the page's text, so the cell is cited by its region" in chosen


@needs_tesseract("eng")
def test_an_image_is_shown_as_its_page_and_a_region_of_it_is_cited(client, app, site):
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        capture = archive.add(capture_upload("notice.png", text_png("Customs notice 4471: drones, 1230 units"),
                                             Limits())).capture
    page = client.get(f"/captures/{capture.id}").text
    assert "Page 1 of 1" in page and f'<image href="/captures/{capture.id}/pages/1.png"' in page
    assert 'width="1400" height="300"' in page and "a pixel a PDF point" not in page
    assert client.get(f"/captures/{capture.id}/pages/1.png").status_code == 200
    answer = client.post(f"/captures/{capture.id}/cite", data={"region": "1:100,80,900,120", "claim_id": site["claim"]})
    assert answer.status_code == 302
    assert '<rect class="mark cited" x="100" y="80" width="900" height="120">' in client.get(
        answer.headers["Location"]).text
