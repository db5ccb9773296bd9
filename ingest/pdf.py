"""PDF documents: text per page with pdfplumber, each page's character range recorded."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from archive.errors import CaptureError
from archive.models import NewCapture
from archive.tools import tool_versions
from ingest.base import Ingestor, Loaded
from ingest.language import detect

PAGE_SEPARATOR = "\n\n"
NO_TEXT_NOTE = "no text layer (needs OCR): the PDF's pages hold no extractable text"
NO_PAGES_NOTE = "the PDF has no pages"
FIRST_PDF_YEAR = 1993  # PDF 1.0: an earlier creation date is a clock that was never set
# D:YYYYMMDDHHmmSS and a zone (Z, +HH'mm', -HH'mm'); everything after the day is optional.
_PDF_DATE = re.compile(r"(?:D:)?(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}(?:'?\d{2}'?)?)?")


class PdfIngestor(Ingestor):
    """PDF files and PDFs served over HTTP."""

    kind = "pdf"
    media_types = ("application/pdf", "application/x-pdf")
    extensions = (".pdf",)

    def capture(self, loaded: Loaded) -> NewCapture:
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
            published=_pdf_date(info.get("CreationDate"), loaded.captured_at),
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


def _pdf_date(value: str | None, captured_at: str) -> str | None:
    """Turn a PDF date (D:20160406120000+02'00') into an ISO 8601 date, or None when it is none or made up.

    Made up: not a calendar date; before 1993, when PDF appeared (clocks at zero, 1970 or 1980); later than the
    capture; or midnight on the first of January, the placeholder of reproducible builds (ReportLab writes
    D:20000101000000+00'00' in every PDF it makes with invariant=1).
    """
    found = _PDF_DATE.match(value or "")
    if not found:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in found.group(1, 2, 3, 4, 5, 6))
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if year < FIRST_PDF_YEAR or (month, day, hour, minute, second) == (1, 1, 0, 0, 0):
        return None
    zone = found.group(7)
    # Without a zone the time may be anyone's local time: up to 14 hours ahead of UTC.
    offset = _zone_offset(zone) if zone else timedelta(hours=14)
    if moment - offset > _utc(captured_at):
        return None
    return moment.date().isoformat()


def _utc(timestamp: str) -> datetime:
    """Return an ISO 8601 timestamp (2026-12-02T17:18:45.709633Z) as a naive UTC datetime."""
    parsed = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed


def _zone_offset(zone: str) -> timedelta:
    """Return the offset from UTC of a PDF date's zone: Z, or +HH'mm' / -HH'mm'."""
    if zone == "Z":
        return timedelta(0)
    digits = zone[1:].replace("'", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
    return -offset if zone[0] == "-" else offset


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
