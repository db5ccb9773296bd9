"""Images: told by their bytes, read by OCR upright and on white, a TIFF's frames as pages; bad images refused
in one sentence."""

import json
import struct
import zlib

import pytest
from PIL import Image

from archive.errors import CaptureError, TooLargeError
from ingest import tesseract
from ingest.image import MAX_PIXELS, NO_TEXT_NOTE, ImageIngestor
from ingest.limits import Limits
from ingest.ocr import OcrRequest
from ingest.pipeline import capture_upload, choose
from tests.documents import as_loaded
from tests.scans import encoded, multipage_tiff, needs_tesseract, page_image, text_png

NOTICE = "Customs officers counted 1,230 drones\nat the northern border crossing in 2022."
MACEDONIAN = "Царинската управа соопшти дека биле\nизвезени 1230 дронови во 2022 година."


def _words(captured) -> list[str]:
    """Return the words the layout part records, read from the capture's text at their offsets."""
    [part] = captured.parts
    layout = json.loads(part.body)
    return [captured.text[w["start"]:w["end"]] for page in layout["pages"] for w in page["words"]]


@needs_tesseract("eng", "rus")
def test_a_png_is_read_with_the_language_detected_and_its_word_boxes_kept():
    captured = ImageIngestor().capture(as_loaded(text_png(NOTICE), "scan.png"))
    assert captured.text == NOTICE
    assert (captured.kind, captured.media_type, captured.language, captured.pages) == ("image", "image/png", "en", None)
    assert captured.ocr["engine"] == "tesseract" and captured.ocr["version"] == tesseract.version()
    assert (captured.ocr["languages"], captured.ocr["chosen"], captured.ocr["pages"]) == (["eng"], "detected", None)
    assert captured.ocr["mean_confidence"] > 80
    assert captured.tools["tesseract"] == tesseract.version() and captured.notes == []
    [part] = captured.parts
    assert (part.role, part.media_type) == ("ocr-layout", "application/json")
    layout = json.loads(part.body)
    assert layout["format"] == "evidence-ocr-layout/1" and layout["engine"] == f"tesseract {tesseract.version()}"
    [page] = layout["pages"]
    assert (page["page"], page["width"], page["height"], page["languages"]) == (1, 1400, 300, ["eng"])
    assert _words(captured) == NOTICE.split()
    for word in page["words"]:
        x, y, width, height = word["box"]
        assert 0 <= x < x + width <= 1400 and 0 <= y < y + height <= 300 and 0 <= word["confidence"] <= 100


@needs_tesseract("mkd")
def test_a_cyrillic_png_is_read_in_the_languages_asked_for():
    upload = capture_upload("notice.png", text_png(MACEDONIAN), Limits(ocr_languages="mkd"))
    assert upload.text == MACEDONIAN
    assert (upload.ocr["languages"], upload.ocr["chosen"], upload.language) == (["mkd"], "requested", "mk")


@needs_tesseract("eng", "rus")
def test_a_photo_is_turned_upright_by_its_exif_orientation():
    upright = page_image(NOTICE, (1400, 300))
    stored = upright.rotate(90, expand=True)  # as the camera wrote it, with Orientation 6: rotate to show it
    exif = Image.Exif()
    exif[0x0112] = 6
    captured = ImageIngestor().capture(as_loaded(encoded(stored.convert("RGB"), "JPEG", exif=exif, quality=95),
                                               "photo.jpg"))
    assert captured.text == NOTICE and captured.media_type == "image/jpeg"


@needs_tesseract("eng", "rus")
def test_text_on_a_transparent_background_is_read_on_white():
    ink = page_image(NOTICE, (1400, 300))
    transparent = Image.new("RGBA", ink.size, (0, 0, 0, 0))
    transparent.putalpha(ink.point(lambda v: 255 - v))  # black letters, transparent elsewhere
    assert ImageIngestor().capture(as_loaded(encoded(transparent), "scan.png")).text == NOTICE


@needs_tesseract("eng", "mkd")
def test_the_frames_of_a_tiff_are_its_pages():
    captured = ImageIngestor().capture(as_loaded(multipage_tiff([NOTICE, MACEDONIAN]), "fax.tif"))
    assert captured.media_type == "image/tiff"
    assert [captured.text[start:end] for start, end in captured.pages] == [NOTICE, MACEDONIAN]
    assert captured.ocr["pages"] == [1, 2]
    assert captured.ocr["page_languages"] == {"1": ["eng"], "2": ["mkd"]}  # each page in its own language
    assert _words(captured) == (NOTICE + " " + MACEDONIAN).split()


@needs_tesseract("eng", "rus")
def test_an_animation_is_read_in_its_first_frame_and_says_so():
    frames = [page_image(NOTICE, (1400, 300)), page_image("Another frame entirely", (1400, 300))]
    body = encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=500, loop=0)
    captured = ImageIngestor().capture(as_loaded(body, "banner.gif"))
    assert captured.text == NOTICE and captured.pages is None
    assert captured.notes == ["an animation of 2 frames: OCR read its first frame only"]


@needs_tesseract("eng", "rus")
def test_an_image_without_text_is_captured_with_a_note():
    captured = ImageIngestor().capture(as_loaded(encoded(Image.new("L", (800, 600), 255)), "scan.png"))
    assert (captured.text, captured.notes) == ("", [NO_TEXT_NOTE])
    assert captured.ocr["mean_confidence"] is None and captured.parts


def test_an_image_is_chosen_by_its_bytes_whatever_its_name():
    body = encoded(Image.new("L", (10, 10), 255))
    assert choose(as_loaded(body, "notes.txt")).kind == "image"
    assert choose(as_loaded(b"II*\x00" + bytes(100), "scan.bin")).kind == "image"
    assert choose(as_loaded(b"RIFF\x10\x00\x00\x00WEBPVP8 ", "x")).kind == "image"


def test_bytes_named_as_an_image_that_are_none_are_refused():
    with pytest.raises(CaptureError, match=r"^scan\.png: is not an image: its bytes are no PNG, JPEG, TIFF, WebP"):
        ImageIngestor().capture(as_loaded(b"%!PS-Adobe-3.0 a PostScript file, not a picture\n" * 20, "scan.png"))


def test_an_image_cut_short_is_refused_as_damaged():
    whole = encoded(page_image(NOTICE, (1400, 300)))
    with pytest.raises(CaptureError, match=r"^scan\.png: the image is damaged and cannot be read \(OSError: "):
        ImageIngestor().capture(as_loaded(whole[: len(whole) // 2], "scan.png"))


def test_a_huge_image_is_refused_before_it_is_decoded():
    huge = encoded(Image.new("1", (9000, 9000), 1))  # 81 million pixels in a file of a few kilobytes
    with pytest.raises(TooLargeError, match=r"too large to read \(9,000 × 9,000 pixels; the limit is 80 million"):
        ImageIngestor().capture(as_loaded(huge, "scan.png"))
    assert 9000 * 9000 > MAX_PIXELS


def test_an_image_that_claims_billions_of_pixels_is_refused():
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)  # 10 billion pixels, one 8-bit channel
    chunk = struct.pack(">I", len(header)) + b"IHDR" + header
    chunk += struct.pack(">I", zlib.crc32(b"IHDR" + header))
    body = b"\x89PNG\r\n\x1a\n" + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"
    with pytest.raises(TooLargeError, match="too large to read"):
        ImageIngestor().capture(as_loaded(body, "scan.png"))


@needs_tesseract("eng")
def test_a_language_without_its_pack_is_refused_naming_the_debian_package():
    missing = next((p for p in ("jpn", "kor", "ara", "heb", "tha") if p not in tesseract.installed_languages()), None)
    if missing is None:
        pytest.skip("every pack this test could ask for is installed")
    with pytest.raises(CaptureError, match=rf"is not installed: install Debian's package tesseract-ocr-{missing} "):
        ImageIngestor().capture(as_loaded(text_png(NOTICE), "scan.png", ocr=OcrRequest(languages=(missing,))))


def test_without_tesseract_an_image_fails_in_one_sentence(monkeypatch):
    monkeypatch.setattr(tesseract, "COMMAND", "tesseract-that-is-not-installed")
    with pytest.raises(CaptureError, match=r"^scan\.png: Tesseract is not installed: install Debian's package "):
        ImageIngestor().capture(as_loaded(encoded(Image.new("L", (10, 10), 255)), "scan.png"))


def test_an_image_re_extracted_without_ocr_has_no_text():
    # What `verify --reextract` does for a capture that OCR never read.
    captured = ImageIngestor().capture(as_loaded(text_png(NOTICE), "scan.png", ocr=OcrRequest(enabled=False)))
    assert (captured.text, captured.ocr, captured.parts, captured.notes) == ("", None, [], [])
