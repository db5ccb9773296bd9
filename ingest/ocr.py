"""Read a capture's page images with Tesseract, within a time budget: their text, word boxes and provenance.

One `PageReader` reads the pages of one capture (an image's frames, a PDF's scanned pages) in the packs asked
for, or else in those detected on the first page, and again on a later page they read poorly
(ingest/ocr_languages.py). A page's text is its words as Tesseract orders
them: a space between words, a line break between lines, an empty line between paragraphs and blocks. Every
word keeps its [start, end) in that text, its box and its confidence: the capture's "ocr-layout" part
(`layout_part`, the format in docs/ocr.md). No page is started after the request's deadline, and a page still
being read then is stopped (its tesseract killed): the pages read so far make a partial capture, marked so.
"""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive.models import Part
from archive.ocr_notice import page_ranges
from ingest import ocr_languages, tesseract
from ingest.limits import Limits

if TYPE_CHECKING:
    from PIL import Image

ENGINE = "tesseract"
LAYOUT_FORMAT = "evidence-ocr-layout/1"
LAYOUT_MEDIA_TYPE = "application/json"
LAYOUT_ROLE = "ocr-layout"
# Of a source's time limit, the share OCR may take: a partial capture is stored well before the limit fails it.
TIME_SHARE = 0.7
# A page read this poorly (mean word confidence) in the packs detected on an earlier page has its own detected:
# a document whose pages change language. The reports of tests/test_ocr_languages.py measured 94.7 to 96.7 in
# their own pack, 38.8 to 61.6 in a pack of the other script (eng for Cyrillic, rus for Latin; bench/RESULTS.md).
REDETECT_BELOW = 65.0

Packs = tuple[str, ...]


@dataclass(frozen=True)
class OcrRequest:
    """How a capture's images are read: at all, in which packs (None: detected), until when, which pages."""

    enabled: bool = True
    languages: Packs | None = None
    deadline: float | None = None  # time.monotonic() after which no page is read (None: no budget)
    pages: frozenset[int] | None = None  # exactly these pages (1-based), as a capture recorded them
    page_languages: dict[int, Packs] = field(default_factory=dict)  # and these pages in their own packs
    chosen: str | None = None  # how a recorded reading's packs were chosen: "detected" or "requested"

    @classmethod
    def within(cls, limits: Limits, started: float) -> OcrRequest:
        """Return how a source that started extracting at `started` (time.monotonic()) reads its images: in the
        languages its limits ask for, else detected, and within a share of its time limit."""
        return cls(languages=tuple(limits.ocr_languages.split("+")) if limits.ocr_languages else None,
                   deadline=started + TIME_SHARE * limits.time_limit)

    @classmethod
    def recorded(cls, ocr: dict[str, Any] | None) -> OcrRequest:
        """Return the request that reads a stored capture's images again as they were read: no OCR for a capture
        read without it, else the same packs and pages (a capture re-extracted must give the same text)."""
        if not ocr:
            return cls(enabled=False)
        pages = ocr.get("pages")
        return cls(languages=tuple(ocr.get("languages") or ()) or None,
                   pages=frozenset(pages) if pages is not None else None,
                   page_languages={int(number): tuple(packs)
                                   for number, packs in (ocr.get("page_languages") or {}).items()},
                   chosen=ocr.get("chosen"))

    def languages_of(self, number: int) -> Packs | None:
        """Return the packs a page is to be read in, or None when they are to be detected."""
        return self.page_languages.get(number) or self.languages


@dataclass
class OcrPage:
    """One page as OCR read it: its text, and each word's [start, end) in it, box and confidence."""

    number: int  # 1-based: a PDF's page, an image's frame
    width: int
    height: int
    dpi: int | None
    languages: Packs
    text: str
    words: list[tuple[int, int, tuple[int, int, int, int], float]]


@dataclass
class PageReader:
    """Reads the pages of one capture with Tesseract until the request's deadline, in the packs asked for or
    detected on the first page (and again on a page they read poorly)."""

    request: OcrRequest
    languages: Packs | None = None  # detected on the first page
    installed: set[str] | None = None
    version: str | None = None
    pages: list[OcrPage] = field(default_factory=list)
    unread: list[int] = field(default_factory=list)  # pages to read that the deadline left unread

    def wants(self, number: int, needed: bool = True) -> bool:
        """Tell whether a page is to be read: when it is `needed` (it has no usable text), unless OCR is off; a
        re-extraction reads exactly the pages read before."""
        if not self.request.enabled:
            return False
        return number in self.request.pages if self.request.pages is not None else needed

    @property
    def stopped(self) -> bool:
        """Tell whether the deadline stopped the reading: every page from then on is left unread."""
        return bool(self.unread)

    def out_of_time(self, number: int) -> bool:
        """Tell whether the deadline has passed, noting the page as unread when it has: call before rendering."""
        if self.stopped or self._left() == 0.0:
            self.unread.append(number)
            return True
        return False

    def read(self, image: Image.Image, number: int, dpi: int | None = None) -> OcrPage | None:
        """Read one page image; return None when the deadline came while it was read (the page noted unread)."""
        try:
            words, packs = self._read(image, number, dpi)
        except subprocess.TimeoutExpired:
            self.unread.append(number)
            return None
        text, spans = page_text(words)
        page = OcrPage(number, image.width, image.height, dpi, packs, text,
                       [(start, end, word.box, word.confidence) for (start, end), word in zip(spans, words)])
        self.pages.append(page)
        return page

    def _read(self, image: Image.Image, number: int, dpi: int | None) -> tuple[list[tesseract.Word], Packs]:
        """Return the words of a page and the packs that read them."""
        if self.installed is None:
            self.installed = tesseract.installed_languages()
            self.version = tesseract.version()
        asked = self.request.languages_of(number)
        if asked:
            ocr_languages.check_installed(list(asked), self.installed)
            return tesseract.read_words(image, list(asked), self._left(), dpi), asked
        if self.languages is None:
            self.languages, words = self._detect(image, dpi)
            return words, self.languages
        words = tesseract.read_words(image, list(self.languages), self._left(), dpi)
        confidence = _mean([word.confidence for word in words])
        if confidence is None or confidence >= REDETECT_BELOW:
            return words, self.languages
        packs, again = self._detect(image, dpi)
        if packs != self.languages and (_mean([word.confidence for word in again]) or 0.0) > confidence:
            return again, packs
        return words, self.languages

    def _detect(self, image: Image.Image, dpi: int | None) -> tuple[Packs, list[tesseract.Word]]:
        packs, words = ocr_languages.choose(image, self.installed, self._left, dpi)
        if words is None:
            words = tesseract.read_words(image, packs, self._left(), dpi)
        return tuple(packs), words

    def _left(self) -> float | None:
        """Return the seconds left before the deadline (0.0 when none are), or None without a deadline."""
        if self.request.deadline is None:
            return None
        return max(0.0, self.request.deadline - time.monotonic())

    def tools(self) -> dict[str, str]:
        """Return the version of the OCR engine, when it read anything, as the capture's tools record it."""
        return {ENGINE: self.version} if self.version else {}

    def summary(self, paged: bool) -> dict[str, Any] | None:
        """Return what the capture records of its OCR (its `ocr`): engine, version, the packs (each page's too
        when they differ), how they were chosen, mean word confidence, the pages read (None for a one-page
        image) and those the deadline left unread."""
        if self.version is None:
            return None
        used = list(dict.fromkeys(page.languages for page in self.pages))
        packs = list(dict.fromkeys(pack for page_packs in used for pack in page_packs))
        summary = {"engine": ENGINE, "version": self.version,
                   "languages": packs or list(self.request.languages or self.languages or ()),
                   "chosen": self.request.chosen or ("requested" if self.request.languages else "detected"),
                   "mean_confidence": _mean([word[3] for page in self.pages for word in page.words]),
                   "pages": [page.number for page in self.pages] if paged else None}
        if len(used) > 1:
            summary["page_languages"] = {str(page.number): list(page.languages) for page in self.pages}
        if self.unread:
            summary["unread_pages"] = self.unread
        return summary

    def layout_part(self, starts: dict[int, int]) -> Part | None:
        """Return the word boxes of every page read as the capture's "ocr-layout" part; `starts` gives where
        each page's text starts in the capture's text."""
        if self.version is None:
            return None
        layout = {"format": LAYOUT_FORMAT, "engine": f"{ENGINE} {self.version}",
                  "pages": [_page_layout(page, starts[page.number]) for page in self.pages]}
        body = json.dumps(layout, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        return Part(role=LAYOUT_ROLE, media_type=LAYOUT_MEDIA_TYPE, body=body)


def page_text(words: list[tesseract.Word]) -> tuple[str, list[tuple[int, int]]]:
    """Return the text of a page's words and each word's [start, end) in it."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    previous = None
    for word in words:
        if previous is not None:
            if (word.block, word.paragraph) != (previous.block, previous.paragraph):
                gap = "\n\n"
            else:
                gap = "\n" if word.line != previous.line else " "
            pieces.append(gap)
            offset += len(gap)
        pieces.append(word.text)
        spans.append((offset, offset + len(word.text)))
        offset += len(word.text)
        previous = word
    return "".join(pieces), spans


def _page_layout(page: OcrPage, start: int) -> dict[str, Any]:
    return {"page": page.number, "width": page.width, "height": page.height, "dpi": page.dpi,
            "languages": list(page.languages), "mean_confidence": _mean([word[3] for word in page.words]),
            "words": [{"start": start + begin, "end": start + end, "box": list(box), "confidence": round(conf, 2)}
                      for begin, end, box, conf in page.words]}


def _mean(confidences: list[float]) -> float | None:
    return round(sum(confidences) / len(confidences), 1) if confidences else None


def stopped_note(reader: PageReader) -> str:
    """Say that OCR stopped at its time budget, which pages it left unread and which it read."""
    unread = page_ranges(reader.unread)
    read = page_ranges([page.number for page in reader.pages]) or "none"
    return (f"partial capture: OCR stopped at its time budget ({TIME_SHARE:.0%} of the source's time limit) "
            f"with {'page' if len(reader.unread) == 1 else 'pages'} {unread} not read; pages read by OCR: {read}")
