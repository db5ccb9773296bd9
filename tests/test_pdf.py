import json

import pytest

from archive.errors import CaptureError
from ingest.ocr import OcrRequest
from ingest.pdf import MAX_RENDER_PIXELS, NO_TEXT_NOTE, OCR_NO_TEXT_NOTE, PdfIngestor, _render_dpi
from tests.documents import as_loaded, encrypted_pdf, image_only_pdf, pdf_bytes, truncated_pdf
from tests.scans import broken_layer_pdf, needs_tesseract, scanned_pdf

ENGLISH = "The customs office reported that 1,230 drones\nwere exported in 2022 through three crossings."
UKRAINIAN = "Митна служба повідомила, що у 2022 році\nбуло експортовано 1230 дронів через три переходи."


def test_text_per_page_with_character_ranges():
    body = pdf_bytes(["First page about budgets.", "Second page: drones worth 1.23 million.",
                      "Third page."], title="Customs report", author="Statistics Office")
    captured = PdfIngestor().capture(as_loaded(body, "doc.pdf"))
    assert len(captured.pages) == 3
    texts = [captured.text[start:end] for start, end in captured.pages]
    assert texts == ["First page about budgets.", "Second page: drones worth 1.23 million.", "Third page."]
    assert captured.title == "Customs report"
    assert captured.author == "Statistics Office"
    assert captured.kind == "pdf" and captured.media_type == "application/pdf"
    assert captured.tools["pdfplumber"]


def test_pdf_without_text_layer_and_without_ocr_is_captured_with_a_note():
    # What `verify --reextract` reads again of a capture made before OCR: no OCR, the same (empty) text.
    captured = PdfIngestor().capture(as_loaded(image_only_pdf(), "doc.pdf", ocr=OcrRequest(enabled=False)))
    assert (captured.text, captured.notes, captured.ocr, captured.parts) == ("", [NO_TEXT_NOTE], None, [])


@needs_tesseract("eng", "rus")
def test_a_page_without_text_where_ocr_reads_none_is_captured_with_a_note():
    captured = PdfIngestor().capture(as_loaded(image_only_pdf(), "doc.pdf"))  # a black rectangle
    assert (captured.text, captured.notes, captured.ocr["pages"]) == ("", [OCR_NO_TEXT_NOTE], [1])


@needs_tesseract("eng", "rus", "ukr")
def test_a_scanned_pdf_is_read_page_by_page_each_page_in_its_language():
    captured = PdfIngestor().capture(as_loaded(scanned_pdf([ENGLISH, None, UKRAINIAN]), "doc.pdf"))
    assert [captured.text[start:end] for start, end in captured.pages] == [ENGLISH, "", UKRAINIAN]
    assert captured.ocr["pages"] == [1, 2, 3] and captured.ocr["languages"] == ["eng", "ukr"]
    assert captured.ocr["page_languages"] == {"1": ["eng"], "2": ["eng"], "3": ["ukr"]}
    assert captured.tools["pypdfium2"] and captured.tools["tesseract"] and captured.notes == []
    layout = json.loads(captured.parts[0].body)
    assert [(p["page"], p["dpi"], p["width"], p["height"]) for p in layout["pages"]] == [
        (1, 300, 2481, 3508), (2, 300, 2481, 3508), (3, 300, 2481, 3508)]
    words = [captured.text[w["start"]:w["end"]] for p in layout["pages"] for w in p["words"]]
    assert words == (ENGLISH + " " + UKRAINIAN).split()


@needs_tesseract("eng", "rus")
def test_only_the_pages_without_a_text_layer_are_read_by_ocr():
    captured = PdfIngestor().capture(as_loaded(scanned_pdf(["A page with a text layer about budgets.", ENGLISH],
                                                         text_layers=(0,)), "doc.pdf"))
    assert captured.text == "A page with a text layer about budgets.\n\n" + ENGLISH
    assert captured.ocr["pages"] == [2]
    assert [p["page"] for p in json.loads(captured.parts[0].body)["pages"]] == [2]


def test_a_pdf_with_a_good_text_layer_is_not_read_by_ocr():
    captured = PdfIngestor().capture(as_loaded(pdf_bytes(["First page about budgets.", "Second page."]), "doc.pdf"))
    assert (captured.ocr, captured.parts) == (None, [])
    assert "tesseract" not in captured.tools and "pypdfium2" not in captured.tools


@needs_tesseract("eng", "rus")
def test_a_broken_text_layer_is_replaced_by_what_ocr_reads_and_a_note_says_so():
    captured = PdfIngestor().capture(as_loaded(broken_layer_pdf(ENGLISH), "doc.pdf"))
    assert "(cid:" not in captured.text and captured.text == ENGLISH
    assert captured.notes == ["read by OCR in place of a broken text layer (glyphs that map to no character): page 1"]


def test_a_page_too_large_for_300_dpi_is_rendered_at_less():
    assert _render_dpi(595, 842) == 300  # A4
    poster = _render_dpi(2384, 3370)  # A0
    assert poster < 300 and (2384 * poster / 72) * (3370 * poster / 72) <= MAX_RENDER_PIXELS
    assert _render_dpi(14400, 14400) >= 1 and _render_dpi(0, 842) == 0


@pytest.mark.parametrize("body, reason", [
    (encrypted_pdf(), "encrypted and needs a password"),
    (truncated_pdf(), "broken"),
    (b"\x8f\x00\x13random bytes, not a document" * 10, "no PDF header"),
])
def test_unreadable_pdfs_fail_with_a_plain_reason(body, reason):
    with pytest.raises(CaptureError, match=reason) as info:
        PdfIngestor().capture(as_loaded(body, "evidence.pdf"))
    assert str(info.value).startswith("evidence.pdf: ")


def _dated(creation_date: str | None) -> bytes:
    """Return a real PDF whose CreationDate is this value (None: the entry removed)."""
    from pypdf import PdfReader, PdfWriter
    import io
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Drones: USD 1,230,000."]))))
    if creation_date is None:
        del writer._info.get_object()["/CreationDate"]
    else:
        writer.add_metadata({"/CreationDate": creation_date})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("creation_date, published", [
    ("D:20230314101500+02'00'", "2023-03-14"),
    ("D:20230314", "2023-03-14"),
    ("D:19990215093000Z", "1999-02-15"),
    # Made-up values store no date: ReportLab's reproducible placeholder (what the sample PDF holds)...
    ("D:20000101000000+00'00'", None),
    ("D:20230101000000Z", None),
    # ...clocks at zero (before PDF existed), dates after the capture, and nonsense.
    ("D:19700101000000Z", None),
    ("D:19800101120000Z", None),
    ("D:20990601120000Z", None),
    ("D:20231345", None),
    ("yesterday", None),
    (None, None),
])
def test_a_pdf_creation_date_becomes_published_unless_it_is_made_up(creation_date, published):
    captured = PdfIngestor().capture(as_loaded(_dated(creation_date), "doc.pdf"))
    assert captured.published == published


def test_the_sample_pdf_has_no_made_up_publication_date():
    from pathlib import Path
    body = (Path(__file__).resolve().parents[1] / "samples" / "customs-report-2022.pdf").read_bytes()
    assert PdfIngestor().capture(as_loaded(body, "doc.pdf")).published is None
