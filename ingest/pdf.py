"""PDF documents: text per page with pdfplumber, each page's character range recorded."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from archive.errors import CaptureError
from archive.models import Captured
from ingest.base import Ingestor, Loaded
from ingest.language import detect
from ingest.versions import tool_versions

PAGE_SEPARATOR = "\n\n"
NO_TEXT_NOTE = "no text layer (needs OCR): the PDF's pages hold no extractable text"
NO_PAGES_NOTE = "the PDF has no pages"


class PdfIngestor(Ingestor):
    """PDF files and PDFs served over HTTP."""

    kind = "pdf"
    media_types = ("application/pdf", "application/x-pdf")
    extensions = (".pdf",)

    def capture(self, loaded: Loaded) -> Captured:
        if b"%PDF-" not in loaded.body[:1024]:
            raise CaptureError(loaded.source, "is not a PDF: it has no PDF header (damaged or misnamed file)")
        try:
            text, pages, info = _extract(loaded.body)
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise CaptureError(loaded.source, "the PDF is encrypted and needs a password") from exc
        except PdfminerException as exc:
            cause = exc.args[0] if exc.args else exc
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise CaptureError(loaded.source, "the PDF is encrypted and needs a password") from exc
            raise CaptureError(loaded.source, f"the PDF is broken and cannot be read ({_describe(cause)})") from exc
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            raise CaptureError(loaded.source, f"the PDF is broken and cannot be read ({_describe(exc)})") from exc
        notes = []
        if not pages:
            notes.append(NO_PAGES_NOTE)
        elif not text.strip():
            notes.append(NO_TEXT_NOTE)
        return loaded.captured(
            media_type="application/pdf",
            kind=self.kind,
            text=text,
            pages=pages,
            title=info.get("Title"),
            author=info.get("Author"),
            published=_pdf_date(info.get("CreationDate")),
            language=detect(text),
            notes=notes,
            tools=tool_versions("pdfplumber", "pdfminer.six"),
        )


def _extract(body: bytes) -> tuple[str, list[list[int]], dict[str, str]]:
    """Return the text of all pages, each page's [start, end) in it, and the document info."""
    parts: list[str] = []
    pages: list[list[int]] = []
    offset = 0
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        info = {k: _info_text(v) for k, v in (pdf.metadata or {}).items()}
        for number, page in enumerate(pdf.pages):
            page_text = (page.dedupe_chars().extract_text() or "").strip()
            page.close()  # frees the page's parsed objects: memory stays flat on long PDFs
            if number:
                parts.append(PAGE_SEPARATOR)
                offset += len(PAGE_SEPARATOR)
            parts.append(page_text)
            pages.append([offset, offset + len(page_text)])
            offset += len(page_text)
    return "".join(parts), pages, {k: v for k, v in info.items() if v}


def _info_text(value) -> str | None:
    if isinstance(value, bytes):
        for encoding in ("utf-16", "utf-8", "latin-1"):
            try:
                return value.decode(encoding).strip() or None
            except UnicodeDecodeError:
                continue
    if isinstance(value, str):
        return value.strip() or None
    return None


def _pdf_date(value: str | None) -> str | None:
    """Turn a PDF date (D:20160406120000Z) into ISO 8601, or None."""
    if not value:
        return None
    digits = value.removeprefix("D:")[:14]
    if len(digits) < 8 or not digits[:8].isdigit():
        return None
    date = f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"
    return date if "00" not in (digits[4:6], digits[6:8]) else None


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
