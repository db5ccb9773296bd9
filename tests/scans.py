"""Builders for scans rendered from known text: images, multi-page TIFFs and PDFs made only of page images.

The text is drawn with a font that has Cyrillic glyphs (DejaVu or Liberation, from Debian's fonts-dejavu-core
or fonts-liberation2); tests that read it need Tesseract and its language packs, which .ci/run installs.
"""

from __future__ import annotations

import io
import shutil
import zlib
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from tests.documents import draw_lines

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
         Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf")]
PAGE_PIXELS = (1240, 1754)  # A4 at 150 dpi: rendered at 300 dpi for OCR, each letter is about 50 pixels high
FONT_SIZE = 32


def needs_tesseract(*packs: str):
    """Mark a test that reads with Tesseract and these language packs; skip it, saying why, without them."""
    from ingest import tesseract

    if shutil.which(tesseract.COMMAND) is None:
        return pytest.mark.skip(reason="tesseract is not installed (apt-get install tesseract-ocr; .ci/run does)")
    missing = sorted(set(packs) - tesseract.installed_languages())
    return pytest.mark.skipif(bool(missing), reason=f"Tesseract language packs {missing} are not installed "
                                                    "(.ci/run installs them)")


@lru_cache(maxsize=1)
def font_path() -> Path:
    """Return a font with Latin and Cyrillic glyphs, or skip the test saying which package gives one."""
    for path in FONTS:
        if path.exists():
            return path
    pytest.skip("no font with Cyrillic glyphs is installed (apt-get install fonts-dejavu-core; .ci/run does)")


def page_image(text: str, size: tuple[int, int] = PAGE_PIXELS, font_size: int = FONT_SIZE) -> Image.Image:
    """Return a white page in shades of grey with the text drawn on it, one line per line of the text."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(font_path()), font_size)
    draw.multiline_text((size[0] // 12, size[1] // 14), text, font=font, fill=0, spacing=font_size // 2)
    return image


def encoded(image: Image.Image, format: str = "PNG", **options) -> bytes:
    """Return an image written in a file format."""
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


def text_png(text: str, size: tuple[int, int] = (1400, 300)) -> bytes:
    """Return a PNG of the text, as a screenshot or a photographed notice would hold it."""
    return encoded(page_image(text, size))


def multipage_tiff(pages: list[str]) -> bytes:
    """Return a TIFF with one frame per page of text, as a scanner or a fax writes a document."""
    images = [page_image(text) for text in pages]
    return encoded(images[0], "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")


def scanned_pdf(pages: list[str | None], text_layers: tuple[int, ...] = ()) -> bytes:
    """Return a PDF whose pages are only images of the texts (None: a blank page), as a scanner makes one; the
    pages numbered (from 0) in `text_layers` have their text written as a text layer instead."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    width, height = A4
    for number, text in enumerate(pages):
        if number in text_layers:
            draw_lines(pdf, text)
        elif text is not None:
            pdf.drawImage(ImageReader(page_image(text)), 0, 0, width, height)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def broken_layer_pdf(text: str, glyphs: int = 60) -> bytes:
    """Return a one-page PDF: a scan of the text under an invisible text layer whose font has no Unicode map, so
    that its text extracts as "(cid:NN)" glyphs, as a careless OCR tool or a PDF printer leaves one.

    Written by hand: libraries that write PDFs always give their fonts a Unicode map.
    """
    scan = page_image(text)
    width, height = A4
    codes = "".join(f"{40 + n % 40:04x}" for n in range(glyphs))
    content = (f"q {width:.2f} 0 0 {height:.2f} 0 0 cm /Scan Do Q "
               f"BT 3 Tr /Unmapped 12 Tf 72 700 Td <{codes}> Tj ET").encode("ascii")
    pixels = zlib.compress(scan.tobytes())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width:.2f} {height:.2f}] /Contents 4 0 R "
         f"/Resources << /XObject << /Scan 5 0 R >> /Font << /Unmapped 6 0 R >> >> >>").encode("ascii"),
        _stream(b"", content),
        _stream(f"/Type /XObject /Subtype /Image /Width {scan.width} /Height {scan.height} /ColorSpace "
                f"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode".encode("ascii"), pixels),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Unmapped /Encoding /Identity-H /DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Unmapped /FontDescriptor 8 0 R "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
        b"<< /Type /FontDescriptor /FontName /Unmapped /Flags 4 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ]
    return _pdf(objects)


def blank_pdf(pages: int) -> bytes:
    """Return a PDF of blank pages: no text layer, nothing to read."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for _ in range(pages):
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _stream(dictionary: bytes, data: bytes) -> bytes:
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def _pdf(objects: list[bytes]) -> bytes:
    """Return a PDF file of numbered objects (1 is the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
