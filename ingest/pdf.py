"""PDF documents: text per page with pdfplumber, each page's character range recorded; pages without a usable
text layer (ingest/textlayer.py) rendered with pypdfium2 and read by OCR (ingest/ocr.py), page by page."""

from __future__ import annotations

import io
import re
from datetime import datetime, timedelta, timezone

import pdfplumber
import pypdfium2
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from archive.errors import CaptureError, OcrError
from archive.models import NewCapture
from archive.ocr_notice import page_ranges
from archive.tools import tool_versions
from ingest.base import Ingestor, Loaded
from ingest.language import detect
from ingest.ocr import OcrPage, PageReader, stopped_note
from ingest.textlayer import BROKEN, ocr_reason

PAGE_SEPARATOR = "\n\n"
NO_TEXT_NOTE = "no text layer: the PDF's pages hold no extractable text"
OCR_NO_TEXT_NOTE = "no text layer, and OCR read no text on its pages"
NO_PAGES_NOTE = "the PDF has no pages"
RENDER_DPI = 300  # what OCR reads best at
# A page is rendered at a lower resolution when 300 dpi would make more pixels: an A4 page at 300 dpi is 8.7
# million, an A0 poster 140 million.
MAX_RENDER_PIXELS = 40_000_000
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
            layers, info = _text_layers(loaded.body)
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise CaptureError(loaded.source, "the PDF is encrypted and needs a password") from exc
        except PdfminerException as exc:
            cause = exc.args[0] if exc.args else exc
            if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise CaptureError(loaded.source, "the PDF is encrypted and needs a password") from exc
            raise CaptureError(loaded.source, f"the PDF is broken and cannot be read ({_describe(cause)})") from exc
        except Exception as exc:  # pdfminer raises many unrelated types on damaged files
            raise CaptureError(loaded.source, f"the PDF is broken and cannot be read ({_describe(exc)})") from exc
        reader = PageReader(loaded.ocr)
        try:
            scanned = _read_scans(loaded.body, layers, reader)
        except OcrError as exc:
            raise CaptureError(loaded.source, str(exc)) from exc
        except pypdfium2.PdfiumError as exc:
            raise CaptureError(loaded.source, f"the PDF's pages cannot be rendered for OCR ({exc})") from exc
        text, pages = join_pages([scanned[n].text if n in scanned else layer for n, (layer, _) in
                                  enumerate(layers, start=1)])
        notes = _notes(layers, scanned, reader, text)
        tools = {**tool_versions("pdfplumber", "pdfminer.six", *(["pypdfium2"] if reader.version else [])),
                 **reader.tools()}
        layout = reader.layout_part({number: pages[number - 1][0] for number in scanned})
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
            tools=tools,
            ocr=reader.summary(paged=True),
            parts=[layout] if layout else [],
        )


def _text_layers(body: bytes) -> tuple[list[tuple[str, str | None]], dict[str, str]]:
    """Return each page's text layer with why it is to be read by OCR (None: it is not), and the document info."""
    layers = []
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        info = {k: _info_text(v) for k, v in (pdf.metadata or {}).items()}
        for page in pdf.pages:
            text = (page.dedupe_chars().extract_text() or "").strip()
            layers.append((text, ocr_reason(text, _image_cover(page))))
            page.close()  # frees the page's parsed objects: memory stays flat on long PDFs
    return layers, {k: v for k, v in info.items() if v}


def _image_cover(page) -> float:
    """Return the share of a page that its images cover (overlaps counted twice, at most 1)."""
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, float(image["x1"] - image["x0"])) * max(0.0, float(image["bottom"] - image["top"]))
                  for image in page.images)
    return min(1.0, covered / area)


def _read_scans(body: bytes, layers: list[tuple[str, str | None]], reader: PageReader) -> dict[int, OcrPage]:
    """Render each page to be read by OCR and read it, until the reader's deadline; return the pages read."""
    wanted = [number for number, (_, reason) in enumerate(layers, start=1)
              if reader.wants(number, needed=reason is not None)]
    if not wanted:
        return {}
    scanned = {}
    document = pypdfium2.PdfDocument(body)
    try:
        for number in wanted:
            if reader.out_of_time(number):
                continue
            page = document[number - 1]
            try:
                dpi = _render_dpi(*page.get_size())
                # A copy: the rendered bitmap's memory is freed with the bitmap.
                image = page.render(scale=dpi / 72, grayscale=True).to_pil().copy() if dpi else None
            finally:
                page.close()
            read = reader.read(image, number, dpi) if image is not None else None
            if read is not None:
                scanned[number] = read
    finally:
        document.close()
    return scanned


def _render_dpi(width: float, height: float) -> int:
    """Return the resolution to render a page of this size (in points) at: 300 dpi, or less for a page so
    large that it would make more than MAX_RENDER_PIXELS (0 for a page of no size)."""
    if width <= 0 or height <= 0:
        return 0
    return max(1, min(RENDER_DPI, int(72 * (MAX_RENDER_PIXELS / (width * height)) ** 0.5)))


def join_pages(texts: list[str]) -> tuple[str, list[list[int]]]:
    """Return pages' texts joined by PAGE_SEPARATOR, and each page's [start, end) in the whole."""
    parts: list[str] = []
    pages: list[list[int]] = []
    offset = 0
    for text in texts:
        if pages:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        parts.append(text)
        pages.append([offset, offset + len(text)])
        offset += len(text)
    return "".join(parts), pages


def _notes(layers: list[tuple[str, str | None]], scanned: dict[int, OcrPage], reader: PageReader,
           text: str) -> list[str]:
    notes = []
    broken = [number for number in scanned if layers[number - 1][1] == BROKEN]
    if broken:
        notes.append(f"read by OCR in place of a broken text layer (glyphs that map to no character): "
                     f"{'page' if len(broken) == 1 else 'pages'} {page_ranges(broken)}")
    if reader.stopped:
        notes.append(stopped_note(reader))
    if not layers:
        notes.append(NO_PAGES_NOTE)
    elif not text.strip():
        notes.append(OCR_NO_TEXT_NOTE if reader.pages else NO_TEXT_NOTE)
    return notes


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
