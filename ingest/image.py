"""Images (PNG, JPEG, TIFF, WebP, GIF): the original kept, its text read by OCR.

Told by their magic bytes: a file named .png that holds something else is refused as no image. Each image is
decoded with Pillow, turned upright by its EXIF orientation, laid on white where it is transparent and made
grey, then read by Tesseract (ingest/ocr.py). The frames of a multi-page TIFF (a fax, a scanner's output) are
its pages, each with its [start, end) in the text, so a hit names its page; an animated GIF or WebP is read in
its first frame only, and a note says so. An image over MAX_PIXELS is refused before it is decoded: a small
file may declare a picture of billions of pixels.
"""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, ImageSequence

from archive.errors import ArchiveError, CaptureError, OcrError, TooLargeError
from archive.models import NewCapture
from archive.tools import tool_versions
from ingest.base import Ingestor, Loaded
from ingest.language import detect
from ingest.ocr import OcrPage, PageReader, stopped_note
from ingest.pdf import join_pages
from ingest.sniff import sniff
from ingest.tasks import describe

# Below Pillow's decompression-bomb warning (89.5 million): a 600 dpi scan of an A3 page is 70 million pixels.
MAX_PIXELS = 80_000_000
PAGED_TYPES = ("image/tiff",)  # whose frames are pages; other formats' frames are an animation
NO_TEXT_NOTE = "OCR read no text in the image"


class ImageIngestor(Ingestor):
    """Image files and images served over HTTP."""

    kind = "image"
    media_types = ("image/png", "image/jpeg", "image/tiff", "image/webp", "image/gif")
    extensions = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".gif")

    def capture(self, loaded: Loaded) -> NewCapture:
        media_type = sniff(loaded.body)
        if media_type not in self.media_types:
            raise CaptureError(loaded.source, "is not an image: its bytes are no PNG, JPEG, TIFF, WebP or GIF "
                                              "(damaged or misnamed file)")
        reader = PageReader(loaded.ocr)
        try:
            read, frames = _read_frames(loaded, reader, media_type)
        except OcrError as exc:
            raise CaptureError(loaded.source, str(exc)) from exc
        paged = media_type in PAGED_TYPES and frames > 1
        text, pages = join_pages([page.text for page in read])
        layout = reader.layout_part({page.number: start for page, (start, _end) in zip(read, pages)})
        return loaded.captured(
            media_type=media_type, kind=self.kind, text=text, pages=pages if paged else None,
            language=detect(text), notes=_notes(reader, text, frames, paged),
            tools={**tool_versions("Pillow"), **reader.tools()},
            ocr=reader.summary(paged), parts=[layout] if layout else [],
        )


def _read_frames(loaded: Loaded, reader: PageReader, media_type: str) -> tuple[list[OcrPage], int]:
    """Read the image's frames (a TIFF's pages, else the first); return the pages read and the frame count."""
    try:
        with warnings.catch_warnings():
            # Pillow warns of a picture past its own bound: here that is a refusal, below.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(loaded.body))
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise TooLargeError(loaded.source, f"the image is too large to read (over {MAX_PIXELS / 1e6:g} million "
                                           "pixels)") from exc
    except Exception as exc:  # Pillow raises many unrelated types on damaged files
        raise CaptureError(loaded.source, f"the image is damaged and cannot be read ({describe(exc)})") from exc
    read = []
    with opened:
        try:
            frames = getattr(opened, "n_frames", 1)
            for number, frame in enumerate(ImageSequence.Iterator(opened), start=1):
                if number > 1 and media_type not in PAGED_TYPES:
                    break
                _check_size(loaded.source, frame)
                if reader.wants(number) and not reader.out_of_time(number):
                    page = reader.read(_for_ocr(frame), number, _dpi(frame))
                    read += [page] if page is not None else []
        except ArchiveError:
            raise
        except Exception as exc:  # decoding happens here, and in seeking a frame: a file cut short, a broken stream
            raise CaptureError(loaded.source, f"the image is damaged and cannot be read ({describe(exc)})") from exc
    return read, frames


def _check_size(source: str, frame: Image.Image) -> None:
    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise TooLargeError(source, f"the image is too large to read ({width:,} × {height:,} pixels; the limit "
                                    f"is {MAX_PIXELS / 1e6:g} million pixels)")


def _for_ocr(frame: Image.Image) -> Image.Image:
    """Return a frame as OCR reads it: upright, transparent parts white, in shades of grey."""
    upright = ImageOps.exif_transpose(frame) if frame.getexif() else frame
    if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        white = Image.new("RGBA", rgba.size, "white")
        white.alpha_composite(rgba)
        upright = white
    return upright.convert("L")


def _dpi(frame: Image.Image) -> int | None:
    """Return the resolution an image declares, when it is one a scan could have."""
    declared = frame.info.get("dpi")
    try:
        dpi = round(float(declared[0])) if declared else None
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if dpi is not None and 70 <= dpi <= 2400 else None


def _notes(reader: PageReader, text: str, frames: int, paged: bool) -> list[str]:
    notes = []
    if frames > 1 and not paged:
        notes.append(f"an animation of {frames} frames: OCR read its first frame only")
    if reader.stopped:
        notes.append(stopped_note(reader))
    elif not text.strip() and reader.version:
        notes.append(NO_TEXT_NOTE)
    return notes

