"""Builders for the small real documents tests need: PDFs, HTML in legacy charsets, text with front matter."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.base import Loaded

CAPTURED_AT = "2026-01-01T00:00:00.000000Z"


def pdf_bytes(pages: list[str], title: str | None = None, author: str | None = None) -> bytes:
    """Return a real PDF with one page per string (lines split on newlines)."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    if title:
        pdf.setTitle(title)
    if author:
        pdf.setAuthor(author)
    for text in pages:
        draw_lines(pdf, text)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def draw_lines(pdf: canvas.Canvas, text: str) -> None:
    """Write text on the page, a line per line of it, as its text layer."""
    y = 800
    for line in text.split("\n"):
        pdf.drawString(72, y, line)
        y -= 16


def image_only_pdf() -> bytes:
    """Return a PDF whose page holds only drawn shapes: no text layer, as a scan would be."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    pdf.rect(100, 100, 300, 400, fill=1)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def encrypted_pdf(password: str = "secret") -> bytes:
    """Return a PDF that needs a password to open."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes(["Confidential figures: 1.23 million"]))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password + "-owner")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def truncated_pdf() -> bytes:
    """Return the first 40% of a real PDF: a download cut short."""
    whole = pdf_bytes(["A page that was cut short."] * 3)
    return whole[: int(len(whole) * 0.4)]


def html_page(title: str, body: str, lang: str = "en", charset: str = "utf-8", extra_head: str = "") -> str:
    """Return an article page with enough text for trafilatura to find its main content."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>'
            f'{extra_head}</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright the publisher</footer></body></html>")


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    """Write a fixture file and return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def flate_bomb_pdf(unit: bytes, inflated_size: int) -> bytes:
    """Return a one-page PDF whose content stream is `unit` repeated to `inflated_size` bytes, deflated.

    Written by hand: a page description this long is what a hostile file holds, not what a library writes.
    Spaces (b" ") make a stream that takes memory to inflate; drawing operators take time to parse.
    """
    chunk = unit * (1024 * 1024 // len(unit))  # deflated a chunk at a time: the test never holds it inflated
    whole, rest = divmod(inflated_size, len(chunk))
    deflate = zlib.compressobj(9)
    stream = b"".join(deflate.compress(chunk) for _ in range(whole))
    stream += deflate.compress(unit * (rest // len(unit))) + deflate.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(stream), stream)]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# Customs tables as statistics offices publish them: HS code, goods, country, value in US dollars, in the
# languages the archive's users read. Invented figures.
CUSTOMS_TABLES = {
    "en": ("Table 4.2 Exports to the Russian Federation",
           [["HS code", "Goods", "Country", "Value, USD"],
            ["8806", "Unmanned aircraft and parts", "Kazakhstan", "1,230,000"],
            ["9013", "Optical instruments", "Kazakhstan", "410,500"],
            ["8525", "Television cameras", "Kyrgyzstan", "96,000"]]),
    "ru": ("Таблица 4.2 Экспорт в Российскую Федерацию",
           [["Код ТН ВЭД", "Товар", "Страна", "Стоимость, долл. США"],
            ["8806", "Беспилотные летательные аппараты", "Казахстан", "1 230 000"],
            ["9013", "Оптические приборы", "Казахстан", "410 500"]]),
    "mk": ("Табела 4.2 Извоз во Руската Федерација",
           [["Тарифен број", "Стока", "Земја", "Вредност, УСД"],
            ["8806", "Беспилотни летала и делови", "Казахстан", "1.230.000"],
            ["9013", "Оптички инструменти", "Казахстан", "410.500"]]),
}
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core: Cyrillic too


def table_pdf(title: str, rows: list[list[str]], before: list[str] = (), after: list[str] = (),
              widths: list[float] | None = None) -> bytes:
    """Return a one-page PDF with lines of text, then a table with borders (a reportlab Table, one cell a
    string), then more lines: a table pdfplumber's table finder sees by its ruling lines. With column `widths`
    (points), each cell's text wraps within its column."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=10, leading=14)
    table = Table([[Paragraph(cell, style) for cell in row] for row in rows], colWidths=widths) if widths \
        else Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                               ("FONTNAME", (0, 0), (-1, -1), "DejaVuSans"), ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, invariant=True, title=title)
    document.build([*(Paragraph(line, style) for line in before), Paragraph(title, style), Spacer(1, 8), table,
                    Spacer(1, 8), *(Paragraph(line, style) for line in after)])
    return buffer.getvalue()


def customs_table_pdf(language: str = "en") -> bytes:
    """Return a customs report page with its table of exports by HS code, in "en", "ru" or "mk"."""
    title, rows = CUSTOMS_TABLES[language]
    return table_pdf(title, rows)


def joined_pdf(*documents: bytes, title: str | None = None, author: str | None = None) -> bytes:
    """Return one PDF of the pages of several, in order, with a title and an author when given."""
    writer = PdfWriter()
    for body in documents:
        for page in PdfReader(io.BytesIO(body)).pages:
            writer.add_page(page)
    writer.add_metadata({key: value for key, value in (("/Title", title), ("/Author", author)) if value})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CUSTOMS_COVER = ["Customs Statistics Office - Annual export report 2022 (sample)", "Section 4. Exports by destination",
                 "This report is a sample written for the evidence archive; all figures are invented."]
CUSTOMS_LINES = ["Unmanned aircraft and parts (HS 8806): USD 1,230,000", "Optical instruments (HS 9013): USD 410,500",
                 "Television cameras (HS 8525): USD 96,000", "Total of listed goods: USD 1,736,500"]


def customs_report_pdf() -> bytes:
    """Return the sample customs report (samples/customs-report-2022.pdf is this): a cover page, then Table 4.2
    (the English customs table, ruled) and the sentences stating its values."""
    title, rows = CUSTOMS_TABLES["en"]
    return joined_pdf(pdf_bytes(["\n".join(CUSTOMS_COVER)]), table_pdf(title, rows, after=CUSTOMS_LINES),
                      title="Annual export report 2022 (sample)", author="Customs Statistics Office (sample)")


def as_loaded(body: bytes | str, name: str, **kwargs) -> Loaded:
    """Return a file's bytes (text is written as UTF-8) as an ingestor receives them, captured at a fixed time."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Loaded(source=name, method="file", body=data, captured_at=CAPTURED_AT, name=name, **kwargs)


def described(captured, *fields: str) -> dict:
    """Return the named metadata fields of a capture, to compare with what its source declares in one assert."""
    return {field: getattr(captured, field) for field in fields}
