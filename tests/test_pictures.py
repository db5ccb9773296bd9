"""Pictures of pages and the tables on them (archive/pictures.py, drawn by ingest/pictures.py in a worker): their
reference sizes, the PNGs drawn and cached, the tables found with every cell placed in the capture's text, and
what is refused."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image

from archive.errors import InvalidInputError, PictureError
from archive.pictures import WIDTHS, drawn_width, page_count, picture_kind
from archive.regions import CellRequest, Region, parse_region
from ingest.pipeline import Limits, capture_upload
from tests.documents import CUSTOMS_TABLES, customs_report_pdf, customs_table_pdf, pdf_bytes, table_pdf
from tests.scans import encoded, multipage_tiff, needs_tesseract, page_image


def _captured(archive, name: str, body: bytes):
    return archive.get(archive.add(capture_upload(name, body, Limits())).capture.id, with_text=True)


@pytest.fixture
def report(archive):
    """A two-page PDF: a page of text, then the English customs table."""
    title, rows = CUSTOMS_TABLES["en"]
    body = table_pdf(title, rows, before=["Customs Statistics Office - Annual export report 2022"],
                     after=["Figures are invented for the tests."])
    return _captured(archive, "report.pdf", body)


def test_a_pdf_page_is_pictured_at_72_dpi_one_pixel_a_point(archive, report):
    assert picture_kind(report) == "pdf" and page_count(report) == 1
    assert archive.pictures.sizes(report) == [(595, 842)]  # A4 is 595.28 × 841.89 points


def test_a_page_is_drawn_as_png_at_the_width_asked_and_kept_in_the_cache(archive, report):
    drawn = archive.pictures.image(report, 1, 800)
    picture = Image.open(io.BytesIO(drawn))
    assert picture.format == "PNG" and picture.width == 800 and 1130 <= picture.height <= 1133
    cached = archive.home / "cache" / "pages" / report.sha256 / "1-800.png"
    assert cached.read_bytes() == drawn
    cached.write_bytes(b"kept")  # what the cache holds is served: nothing drew the page again
    assert archive.pictures.image(report, 1, 800) == b"kept"
    cached.unlink()  # and deleting it costs only the drawing
    assert archive.pictures.image(report, 1, 800) == drawn


def test_widths_are_a_few_so_that_the_cache_stays_bounded():
    assert [drawn_width(asked) for asked in (None, 1, 400, 401, 1200, 5000)] == [1200, 400, 400, 800, 1200, 1600]
    assert WIDTHS == (400, 800, 1200, 1600)


def test_pages_that_are_not_there_and_captures_without_pictures_are_refused(archive, report):
    with pytest.raises(InvalidInputError, match="There is no page 2: capture .* has 1 page\\."):
        archive.pictures.image(report, 2)
    text = _captured(archive, "note.txt", b"A note with no picture at all.")
    assert picture_kind(text) is None and archive.pictures.sizes(text) == []
    with pytest.raises(InvalidInputError, match="no pages to draw: only PDFs, images and browser captures"):
        archive.pictures.image(text, 1)
    with pytest.raises(InvalidInputError, match="no picture to mark a region on"):
        archive.pictures.region(text, parse_region("1:0,0,10,10"))


def test_a_region_is_held_to_its_page(archive, report):
    assert archive.pictures.region(report, parse_region("1:395,800,200,42")) == Region(1, 395, 800, 200, 42, 595, 842)
    with pytest.raises(InvalidInputError, match="reaches outside page 1, whose picture is 595 × 842"):
        archive.pictures.region(report, parse_region("1:500,10,100,10"))
    with pytest.raises(InvalidInputError, match="There is no page 3: the capture has 1 page"):
        archive.pictures.region(report, parse_region("3:0,0,10,10"))


@pytest.mark.parametrize("language", ["en", "ru", "mk"])
def test_every_cell_of_a_customs_table_is_found_and_placed_in_the_capture_text(archive, language):
    capture = _captured(archive, f"customs-{language}.pdf", customs_table_pdf(language))
    [table] = archive.pictures.tables(capture, 1)
    _title, rows = CUSTOMS_TABLES[language]
    assert [[cell.text for cell in row] for row in table.rows] == rows
    for row in table.rows:
        for cell in row:
            assert capture.text[slice(*cell.span)] == cell.text
            assert cell.region.x >= table.region.x and cell.region.y >= table.region.y
    assert table.headers(2, 4) == (rows[1][0], rows[0][3])  # the row's HS code, the column's name
    assert table.headers(1, 4) == (rows[0][0], None) and table.headers(2, 1) == (None, rows[0][0])


def test_the_same_text_in_many_cells_is_placed_in_each_cell(archive):
    capture = _captured(archive, "countries.pdf", customs_table_pdf("en"))
    [table] = archive.pictures.tables(capture, 1)
    first, second = table.cell(2, 3), table.cell(3, 3)
    assert first.text == second.text == "Kazakhstan" and first.span != second.span
    assert first.span[0] < second.span[0] and first.region.y < second.region.y


def test_a_cell_is_named_with_its_headers_or_refused(archive, report):
    cell, found = archive.pictures.cell(report, CellRequest(1, 1, 3, 4))
    assert (cell.row_header, cell.column_header, cell.text) == ("9013", "Value, USD", "410,500")
    assert report.text[slice(*found.span)] == "410,500"
    for asked, said in ((CellRequest(1, 2, 1, 1), "has 1 table that the table finder sees: there is no table 2"),
                        (CellRequest(1, 1, 9, 1), "has no cell at row 9, column 1"),
                        (CellRequest(1, 1, 1, 9), "has no cell at row 1, column 9"),
                        (CellRequest(2, 1, 1, 1), "There is no page 2")):
        with pytest.raises(InvalidInputError, match=said):
            archive.pictures.cell(report, asked)
    plain = _captured(archive, "plain.pdf", pdf_bytes(["No table on this page."]))
    assert archive.pictures.tables(plain, 1) == []
    with pytest.raises(InvalidInputError, match="has no table that the table finder sees"):
        archive.pictures.cell(plain, CellRequest(1, 1, 1, 1))


def test_tables_are_found_once_and_kept_as_derived_data(archive, report):
    archive.pictures.tables(report, 1)
    [kept] = (archive.home / "cache" / "tables" / report.sha256).iterdir()
    found = json.loads(kept.read_text())
    assert len(found["tables"]) == 1 and len(found["tables"][0]["rows"]) == 4
    kept.write_text(json.dumps({**found, "tables": []}))
    assert archive.pictures.tables(report, 1) == []  # read from the cache, not found again


def test_a_damaged_pdf_is_a_picture_error_not_a_crash(archive, report):
    blob = archive.store.path_for(report.sha256)
    broken = report.__class__(**{**vars(report), "sha256": archive.store.put(b"%PDF-1.4 nothing else")})
    with pytest.raises(PictureError, match="cannot be drawn"):
        archive.pictures.image(broken, 1)
    assert blob.exists()


@needs_tesseract("eng")
def test_an_image_is_pictured_in_its_own_pixels_upright(archive):
    upright = page_image("Customs notice 4471\nDrones: 1230 units", size=(600, 400))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored lying on its side, shown turned a quarter
    capture = _captured(archive, "notice.jpg", encoded(upright.rotate(90, expand=True), "JPEG", exif=exif))
    assert picture_kind(capture) == "image" and archive.pictures.sizes(capture) == [(600, 400)]
    drawn = Image.open(io.BytesIO(archive.pictures.image(capture, 1, 400)))
    assert drawn.size == (400, 267)


@needs_tesseract("eng")
def test_the_frames_of_a_tiff_are_its_pages(archive):
    capture = _captured(archive, "fax.tif", multipage_tiff(["Page one of the fax", "Page two of the fax"]))
    assert page_count(capture) == 2 and archive.pictures.sizes(capture) == [(1240, 1754), (1240, 1754)]
    assert Image.open(io.BytesIO(archive.pictures.image(capture, 2, 400))).size == (400, 566)
    assert archive.pictures.tables(capture, 1) == []  # tables are found on PDF pages only


def test_the_sample_customs_report_is_this_table_and_its_cells_can_be_cited(archive):
    from pathlib import Path

    sample = (Path(__file__).resolve().parents[1] / "samples" / "customs-report-2022.pdf").read_bytes()
    assert sample == customs_report_pdf()  # made by tests/documents.py, so anyone can make it again
    capture = _captured(archive, "customs-report-2022.pdf", sample)
    [table] = archive.pictures.tables(capture, 2)
    assert [cell.text for cell in table.rows[1]] == ["8806", "Unmanned aircraft and parts", "Kazakhstan", "1,230,000"]


def test_a_large_original_is_drawn_without_being_held_whole_here(archive):
    """The worker opens a checked copy of the original by its path: this process (the web server's) holds
    a chunk of it at a time, and the copy is gone afterwards."""
    import os
    import tempfile
    import tracemalloc

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    noise = Image.frombytes("RGB", (2600, 2600), os.urandom(2600 * 2600 * 3))  # random pixels do not compress
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.drawString(72, 800, "Satellite picture of the depot, 3 May 2022")
    pdf.drawImage(ImageReader(noise), 72, 200, width=450, height=450)
    pdf.showPage()
    pdf.save()
    body = buffer.getvalue()
    assert len(body) > 18 * 1024 * 1024
    capture = _captured(archive, "depot.pdf", body)
    del body, buffer, noise
    copies_before = set(os.listdir(tempfile.gettempdir()))

    tracemalloc.start()
    try:
        drawn = archive.pictures.image(capture, 1, 800)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert Image.open(io.BytesIO(drawn)).width == 800
    assert peak < 8 * 1024 * 1024, f"drawing held {peak / 2**20:.1f} MB in this process"
    left = {name for name in set(os.listdir(tempfile.gettempdir())) - copies_before
            if name.startswith("evidence-original-")}
    assert not left
