"""Pictures of a capture's pages and the tables on them, made from its original in a worker process.

These run on hostile bytes like any extraction (a PDF page that takes an hour to draw, an image that decodes to
gigabytes), so the archive calls them through the pictures' worker pool (ingest/workers.run_isolated) within
PICTURE_LIMITS. What they return is derived data: archive/pictures.py keeps it in the home's cache. Each takes the
original as the path of a checked copy (what the archive passes, so that a large original crosses to the worker
by name, not whole) or as its bytes (an original read from a bundle).

- `page_sizes`: each page's reference size in whole pixels: a PDF page at 72 dpi (one pixel a PDF point,
  rotation applied, as pypdfium2 gives it), an image's frame in its own pixels, upright (EXIF orientation).
- `render_page`: a page as PNG at a width, never past MAX_PICTURE_PIXELS.
- `find_tables`: pdfplumber's table finder on a PDF page, each cell with its text, its box (PDF points from the
  page's top left) and where it stands in the page's text as the PDF ingestor extracts it (ingest/pdf.py).
- `differing_share`: how much of a picture said to be drawn from a page differs from drawing it again (the check
  of a bundle's pictures, archive/picturecheck.py).
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings

from archive.errors import CaptureError
from ingest.limits import Limits

Original = bytes | str  # an original's bytes, or the path of a checked copy of it

# Each picture or table is one short task: a page that takes longer to draw than this is not drawn.
PICTURE_LIMITS = Limits(time_limit=30.0, max_memory=1536 * 1024 * 1024)
MAX_PICTURE_PIXELS = 12_000_000  # a picture is drawn smaller rather than larger than this (1,600 × 7,500)
ORIENTATION = 0x0112  # the EXIF tag
SHADE = 48  # of 255: a pixel differing by less is the same pixel, drawn by another version of the renderer
TILE = 16  # pixels a side of the squares whose differing pixels are counted apart


def page_sizes(original: Original, kind: str, source: str) -> list[tuple[int, int]]:
    """Return the reference size (width, height) of each page of a PDF or frame of an image."""
    if kind == "pdf":
        document = _pdf(original, source)
        try:
            sizes = []
            for index in range(len(document)):
                page = document[index]
                try:
                    width, height = page.get_size()
                finally:
                    page.close()
                sizes.append((max(1, round(width)), max(1, round(height))))
            return sizes
        finally:
            document.close()
    # EXIF orientations 5 to 8 turn a picture a quarter: its width and height change places.
    return [frame.size[::-1] if frame.getexif().get(ORIENTATION, 1) in (5, 6, 7, 8) else frame.size
            for frame in _frames(original, source)]


def render_page(original: Original, kind: str, page: int, width: int, source: str) -> bytes:
    """Return page `page` (1-based) of a PDF or image as PNG, `width` pixels wide (fewer for a page so tall that
    it would pass MAX_PICTURE_PIXELS; an image is never enlarged)."""
    if kind == "pdf":
        document = _pdf(original, source)
        try:
            if not 1 <= page <= len(document):
                raise CaptureError(source, f"it has no page {page}")
            drawn = document[page - 1]
            try:
                points_wide, points_high = drawn.get_size()
                scale = _fit(width, points_wide, points_high) / max(points_wide, 1e-6)
                # A copy: the bitmap's memory is freed with the bitmap.
                picture = drawn.render(scale=scale).to_pil().copy()
            finally:
                drawn.close()
        finally:
            document.close()
    else:
        picture = next((_upright(frame) for number, frame in enumerate(_frames(original, source), start=1)
                        if number == page), None)
        if picture is None:
            raise CaptureError(source, f"it has no page {page}")
        fitted = min(_fit(width, *picture.size), picture.size[0])
        if fitted < picture.size[0]:
            picture = picture.resize((fitted, max(1, round(picture.size[1] * fitted / picture.size[0]))))
    out = io.BytesIO()
    picture.convert("RGB").save(out, "PNG")
    return out.getvalue()


def find_tables(original: Original, page: int, source: str) -> dict:
    """Return the tables pdfplumber's table finder sees on PDF page `page`: {"text_sha256": the hash of the
    page's text as extracted, "tables": [{"box", "rows": [[{"text", "box", "span"} or None, ...], ...]}]},
    top to bottom. A cell's `span` is its [start, end) in that text when its characters stand there as one
    passage holding nothing else (else None)."""
    import pdfplumber

    with pdfplumber.open(_readable(original)) as pdf:
        if not 1 <= page <= len(pdf.pages):
            raise CaptureError(source, f"it has no page {page}")
        # The page as ingest/pdf.py reads its text, so that the offsets below are offsets in the capture's text.
        read = pdf.pages[page - 1].dedupe_chars()
        textmap = read.get_textmap()
        whole = textmap.as_string
        lead = len(whole) - len(whole.lstrip())
        text = whole.strip()
        found = sorted(read.find_tables(), key=lambda table: (table.bbox[1], table.bbox[0]))
        tables = []
        for table in found:
            rows = []
            for row, texts in zip(table.rows, table.extract()):
                rows.append([None if box is None else
                             {"text": content or "", "box": _rounded(box),
                              "span": _span(textmap.tuples, box, content or "", lead, len(text))}
                             for box, content in zip(row.cells, texts)])
            tables.append({"box": _rounded(table.bbox), "rows": rows})
    return {"text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "tables": tables}


def _span(tuples: list, box, content: str, lead: int, length: int) -> list[int] | None:
    """Return where a cell's characters stand in the page's text, when they stand together and alone."""
    x0, top, x1, bottom = box
    inside = [index for index, (_, char) in enumerate(tuples) if char is not None
              and x0 <= (char["x0"] + char["x1"]) / 2 < x1 and top <= (char["top"] + char["bottom"]) / 2 < bottom]
    if not inside:
        return None
    start, end = inside[0] - lead, inside[-1] + 1 - lead
    between = "".join(character for character, _ in tuples[inside[0]:inside[-1] + 1])
    if start < 0 or end > length or between.split() != content.split():
        return None  # the cell's lines stand apart, with other cells' text between them
    return [start, end]


def _rounded(box) -> list[float]:
    return [round(float(value), 2) for value in box]


def _fit(width: int, wide: float, high: float) -> int:
    """Return the width to draw a page of this shape at: `width`, or less to stay within MAX_PICTURE_PIXELS."""
    most = math.sqrt(MAX_PICTURE_PIXELS * max(wide, 1e-6) / max(high, 1e-6))
    return max(1, min(width, int(most)))


def _readable(original: Original):
    """Return what pdfplumber and Pillow open: the path, or the bytes as a file."""
    return original if isinstance(original, str) else io.BytesIO(original)


def _head(original: Original) -> bytes:
    """Return the first kilobyte, where a format shows itself."""
    if isinstance(original, bytes):
        return original[:1024]
    with open(original, "rb") as file:
        return file.read(1024)


def _pdf(original: Original, source: str):
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(original)
    except pypdfium2.PdfiumError as exc:
        raise CaptureError(source, f"the PDF cannot be opened to draw its pages ({exc})") from exc


def _upright(frame):
    """Return a copy of a frame turned upright by its EXIF orientation."""
    from PIL import ImageOps

    return ImageOps.exif_transpose(frame) if frame.getexif() else frame.copy()


def _frames(original: Original, source: str):
    """Yield an image's frames that are pages, as decoded (valid until the next): a TIFF's pages, another
    image's first frame."""
    from PIL import Image, ImageSequence

    from ingest.image import MAX_PIXELS, PAGED_TYPES
    from ingest.sniff import sniff

    paged = sniff(_head(original)) in PAGED_TYPES
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(_readable(original))
        with opened:
            for number, frame in enumerate(ImageSequence.Iterator(opened), start=1):
                if number > 1 and not paged:
                    return
                if frame.size[0] * frame.size[1] > MAX_PIXELS:
                    raise CaptureError(source, f"its page {number} is too large to draw")
                yield frame
    except CaptureError:
        raise
    except Exception as exc:  # Pillow raises many unrelated types on damaged files
        raise CaptureError(source, f"the image cannot be drawn ({type(exc).__name__}: {exc})") from exc


def differing_share(body: bytes, kind: str, page: int, drawn: bytes, source: str) -> tuple[float, float]:
    """Draw page `page` of an original again at the width of a picture said to be drawn from it; return the share
    of the picture's pixels that differ from the new drawing by more than a shade, overall and in its worst
    TILE × TILE square ((1.0, 1.0) when the sizes differ). Another version of the renderer moves edges a little
    everywhere; an alteration changes a patch."""
    from PIL import Image, ImageChops

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            theirs = Image.open(io.BytesIO(drawn))
        if theirs.format != "PNG" or theirs.size[0] * theirs.size[1] > MAX_PICTURE_PIXELS:
            raise CaptureError(source, "the picture is no PNG drawn within the size pages are drawn at")
        theirs = theirs.convert("RGB")
    except CaptureError:
        raise
    except Exception as exc:  # Pillow raises many unrelated types on damaged files
        raise CaptureError(source, f"the picture cannot be read ({type(exc).__name__}: {exc})") from exc
    ours = Image.open(io.BytesIO(render_page(body, kind, page, theirs.size[0], source))).convert("RGB")
    if ours.size != theirs.size:
        return 1.0, 1.0
    differing = ImageChops.difference(ours, theirs).convert("L").point(lambda shade: 255 if shade > SHADE else 0)
    width, height = differing.size
    # Averaging down by TILE turns each square into the share of its pixels that differ (0 to 255).
    tiles = differing.reduce(TILE) if width >= TILE and height >= TILE else differing
    return differing.histogram()[255] / (width * height), max(tiles.getdata()) / 255
