import pytest

from archive.errors import CaptureError
from ingest.base import Loaded
from ingest.pdf import NO_TEXT_NOTE, PdfIngestor
from tests.documents import encrypted_pdf, image_only_pdf, pdf_bytes, truncated_pdf


def _loaded(body: bytes, name: str = "doc.pdf") -> Loaded:
    return Loaded(source=name, method="file", body=body, captured_at="2026-01-01T00:00:00.000000Z", name=name)


def test_text_per_page_with_character_ranges():
    body = pdf_bytes(["First page about budgets.", "Second page: drones worth 1.23 million.",
                      "Third page."], title="Customs report", author="Statistics Office")
    captured = PdfIngestor().capture(_loaded(body))
    assert len(captured.pages) == 3
    texts = [captured.text[start:end] for start, end in captured.pages]
    assert texts == ["First page about budgets.", "Second page: drones worth 1.23 million.", "Third page."]
    assert captured.title == "Customs report"
    assert captured.author == "Statistics Office"
    assert captured.kind == "pdf" and captured.media_type == "application/pdf"
    assert captured.tools["pdfplumber"]


def test_pdf_without_text_layer_is_captured_with_a_note():
    captured = PdfIngestor().capture(_loaded(image_only_pdf()))
    assert captured.text == ""
    assert captured.notes == [NO_TEXT_NOTE]
    assert "needs OCR" in NO_TEXT_NOTE


@pytest.mark.parametrize("body, reason", [
    (encrypted_pdf(), "encrypted and needs a password"),
    (truncated_pdf(), "broken"),
    (b"\x8f\x00\x13random bytes, not a document" * 10, "no PDF header"),
])
def test_unreadable_pdfs_fail_with_a_plain_reason(body, reason):
    with pytest.raises(CaptureError, match=reason) as info:
        PdfIngestor().capture(_loaded(body, "evidence.pdf"))
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
    captured = PdfIngestor().capture(_loaded(_dated(creation_date)))
    assert captured.published == published


def test_the_sample_pdf_has_no_made_up_publication_date():
    from pathlib import Path
    body = (Path(__file__).resolve().parents[1] / "samples" / "customs-report-2022.pdf").read_bytes()
    assert PdfIngestor().capture(_loaded(body)).published is None
