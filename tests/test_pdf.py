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
