"""Regions and table cells in evidence bundles (archive/bundle_regions.py, archive/picturecheck.py): the selectors,
the picture each region is drawn on, report.html's box, and every alteration of them found by `bundle verify`."""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image, ImageDraw

from archive.bundle import build_bundle
from archive.bundlecheck import verify_bundle
from archive.regions import MEDIA_FRAGMENTS, PDF_FRAGMENTS
from ingest.pipeline import Limits, capture_upload
from tests.documents import customs_report_pdf, pdf_bytes
from tests.scans import multipage_tiff, needs_tesseract
from tests.test_bundle import _read, _rewrite

PICTURE = "pages/capture-1-page-2.png"


@pytest.fixture
def bundled(archive, tmp_path):
    """A bundle of a claim citing a table cell, a region alone and a quote of the customs report."""
    capture = archive.add(capture_upload("customs.pdf", customs_report_pdf(), Limits())).capture
    claim = archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
    archive.cite(claim.id, capture.id, cell="2:1:2:4", note="the customs table")
    archive.cite(claim.id, capture.id, region="2:50,60,500,160", stance="context")
    archive.cite(claim.id, capture.id, "USD 1,230,000")
    out = tmp_path / "claim.zip"
    build_bundle(archive, claim.id, out)
    return out


def _items(files) -> list[dict]:
    return json.loads(files["annotations.jsonld"])["first"]["items"]


def test_each_region_travels_with_its_selectors_and_the_picture_it_is_drawn_on(bundled):
    files = _read(bundled)
    manifest = json.loads(files["manifest.json"])
    assert PICTURE in manifest["files"] and not [n for n in files if n.startswith("parts/")]
    assert Image.open(io.BytesIO(files[PICTURE])).width == 1200
    cell, region, quote = _items(files)
    kinds = [(s["type"], s.get("conformsTo")) for s in cell["target"]["selector"]]
    assert kinds == [("TextQuoteSelector", None), ("TextPositionSelector", None), ("FragmentSelector", MEDIA_FRAGMENTS),
                     ("FragmentSelector", PDF_FRAGMENTS), ("evidence:TableCellSelector", None)]
    fragment = cell["target"]["selector"][2]
    assert re.fullmatch(r"xywh=pixel:\d+,\d+,\d+,\d+", fragment["value"])
    assert (fragment["evidence:page"], fragment["evidence:width"], fragment["evidence:height"]) == (2, 595, 842)
    assert cell["target"]["selector"][3]["value"] == "page=2&viewrect=" + fragment["value"].split(":")[1]
    assert cell["target"]["selector"][4] == {"type": "evidence:TableCellSelector", "page": 2, "table": 1, "row": 2,
                                             "column": 4, "row_header": "8806", "column_header": "Value, USD",
                                             "text": "1,230,000"}
    assert [s["type"] for s in region["target"]["selector"]] == ["FragmentSelector", "FragmentSelector"]
    assert region["target"]["selector"][0]["value"] == "xywh=pixel:50,60,500,160"
    picture = region["target"]["evidence:picture"]
    assert picture["file"] == PICTURE and picture["drawn"]["from"] == region["target"]["state"]["cached"]
    assert picture["drawn"]["by"].startswith("pypdfium2 ") and "evidence:picture" not in quote["target"]


def test_the_report_boxes_each_region_on_its_picture_and_names_the_cell(bundled):
    report = _read(bundled)["report.html"].decode()
    sections = report.split("<section>")[1:]
    assert "Table 1, row 2 (8806), column 4 (Value, USD)" in sections[0] and "<mark>1,230,000</mark>" in sections[0]
    assert f'<image href="{PICTURE}" x="0" y="0" width="595" height="842"/>' in sections[1]
    assert '<rect class="region" x="50" y="60" width="500" height="160"/>' in sections[1]
    assert "<blockquote>" not in sections[1] and "Position" not in sections[1]  # a region alone quotes nothing
    assert "page 2: 500 × 160 px at (50, 60) of the page&#x27;s picture (595 × 842 px)" in sections[1]


def test_a_bundle_with_regions_verifies_drawing_its_pages_again(bundled):
    report = verify_bundle(bundled)
    assert report.ok, report.problems
    assert report.checked["pictures"] == 2


def _edit_annotation(number, edit):
    def change(files):
        data = json.loads(files["annotations.jsonld"])
        edit(data["first"]["items"][number]["target"])
        files["annotations.jsonld"] = json.dumps(data).encode()
    return change


def _box_drawn_over_the_figure(files):
    picture = Image.open(io.BytesIO(files[PICTURE])).convert("RGB")
    ImageDraw.Draw(picture).rectangle([820, 230, 1000, 280], fill="white")  # the cell's figure, painted out
    ImageDraw.Draw(picture).text((840, 240), "9,999,999", fill="black")
    out = io.BytesIO()
    picture.save(out, "PNG")
    files[PICTURE] = out.getvalue()


def _another_page(files):
    other = Image.open(io.BytesIO(files[PICTURE]))
    blank = Image.new("RGB", other.size, "white")
    out = io.BytesIO()
    blank.save(out, "PNG")
    files[PICTURE] = out.getvalue()


TAMPERING = {
    "region moved in the annotation": (_edit_annotation(1, lambda t: t["selector"][0].update(
        value="xywh=pixel:50,400,500,160")), "ledger_mismatch"),
    "PDF fragment moved": (_edit_annotation(1, lambda t: t["selector"][1].update(
        value="page=1&viewrect=50,60,500,160")), "ledger_mismatch"),
    "region dropped from the annotation": (_edit_annotation(1, lambda t: t.update(selector=[])), "ledger_mismatch"),
    "cell's header changed": (_edit_annotation(0, lambda t: t["selector"][4].update(row_header="9013")),
                              "ledger_mismatch"),
    "region in claim.json": (lambda files: files.update({"claim.json": files["claim.json"].replace(
        b'"x": 50', b'"x": 51', 1)}), "ledger_mismatch"),
    "box moved in the report": (lambda files: files.update({"report.html": files["report.html"].replace(
        b'<rect class="region" x="50"', b'<rect class="region" x="250"', 1)}), "ledger_mismatch"),
    "region line of the report": (lambda files: files.update({"report.html": files["report.html"].replace(
        b"page 2: 500 \xc3\x97 160 px", b"page 1: 500 \xc3\x97 160 px", 1)}), "ledger_mismatch"),
    "figure painted over on the picture": (_box_drawn_over_the_figure, "picture_mismatch"),
    "picture of another page": (_another_page, "picture_mismatch"),
    "picture left out": (lambda files: files.pop(PICTURE), "picture_missing"),
    "picture said to be another page": (_edit_annotation(1, lambda t: t["evidence:picture"]["drawn"].update(page=1)),
                                        "ledger_mismatch"),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_every_alteration_of_a_region_is_found(bundled, tmp_path, name):
    change, kind = TAMPERING[name]
    altered = _rewrite(bundled, tmp_path / "altered.zip", change)
    report = verify_bundle(altered)
    assert not report.ok and kind in {p.kind for p in report.problems}, report.problems


def test_a_picture_that_is_no_png_is_a_problem_not_a_crash(bundled, tmp_path):
    altered = _rewrite(bundled, tmp_path / "altered.zip", lambda files: files.update({PICTURE: pdf_bytes(["x"])}))
    problems = verify_bundle(altered).problems
    assert {p.kind for p in problems} == {"picture_mismatch"} and len(problems) == 2  # both regions drawn on it
    assert all("cannot be compared" in p.detail for p in problems)


def _drawn_by(version: str):
    def change(files):
        data = json.loads(files["annotations.jsonld"])
        for item in data["first"]["items"]:
            if "evidence:picture" in item["target"]:
                item["target"]["evidence:picture"]["drawn"]["by"] = version
        files["annotations.jsonld"] = json.dumps(data).encode()
    return change


def test_a_picture_drawn_by_another_version_is_compared_square_by_square(bundled, tmp_path):
    older = _rewrite(bundled, tmp_path / "older.zip", _drawn_by("pypdfium2 4.30.0"))
    assert verify_bundle(older).ok
    painted = _rewrite(bundled, tmp_path / "painted.zip",
                       lambda files: (_drawn_by("pypdfium2 4.30.0")(files), _box_drawn_over_the_figure(files)))
    problems = verify_bundle(painted).problems
    assert {p.kind for p in problems} == {"picture_mismatch"}
    assert "drawn by pypdfium2 4.30.0" in problems[0].detail


@needs_tesseract("eng")
def test_a_region_of_a_scanned_frame_travels_drawn_by_pillow_and_verifies(archive, tmp_path):
    capture = archive.add(capture_upload("fax.tif", multipage_tiff(["Cover of the fax", "Drones: 1230 units"]),
                                         Limits())).capture
    claim = archive.add_claim("Kazakhstan exported 1230 drones")
    citation = archive.cite(claim.id, capture.id, region="2:100,100,600,200")
    assert citation.page == 2 and citation.region["width"] == 1240
    out = tmp_path / "fax.zip"
    build_bundle(archive, claim.id, out)
    [item] = _items(_read(out))
    assert [s["conformsTo"] for s in item["target"]["selector"]] == [MEDIA_FRAGMENTS]  # no PDF fragment for an image
    assert item["target"]["evidence:picture"]["drawn"]["by"].startswith("Pillow ")
    report = verify_bundle(out)
    assert report.ok and report.checked["pictures"] == 1, report.problems
