"""Whether a PDF page's text layer can be used, or the page is to be read by OCR instead.

A page is read by OCR when its text layer is
- missing: no text at all (a scan, or text drawn as shapes);
- broken: at least BROKEN_SHARE of its characters (white space aside) are glyphs that map to no character:
  pdfminer's "(cid:NN)" for a font without a Unicode map, U+FFFD, private-use code points (a symbol font's own
  codes) and control characters. Real text layers hold a few of these (a bullet, a ligature) among thousands
  of letters; a font without a map turns nearly every character into one;
- a stamp on a scan: fewer than STAMP_LETTERS letters while images cover at least SCAN_COVER of the page (a
  page or Bates number printed on a scanned page), so the scan's text is read, the stamp with it.
A layer of wrong letters (a font mapping to the wrong characters) is not caught: it reads as text.
"""

from __future__ import annotations

import re

BROKEN_SHARE = 0.3
STAMP_LETTERS = 40
SCAN_COVER = 0.5
_UNMAPPED = re.compile(r"\(cid:\d+\)|[\ufffd\ue000-\uf8ff\x00-\x1f]")
MISSING, BROKEN, STAMPED = "no text layer", "a broken text layer", "a scan with little text on it"


def ocr_reason(text: str, image_cover: float) -> str | None:
    """Return why a page with this text layer, images covering `image_cover` of it (0 to 1), is to be read by
    OCR (MISSING, BROKEN, STAMPED), or None when its text layer is to be used."""
    visible = "".join(text.split())
    if not visible:
        return MISSING
    unmapped = sum(len(found) for found in _UNMAPPED.findall(visible))
    if unmapped >= BROKEN_SHARE * len(visible):
        return BROKEN
    if image_cover >= SCAN_COVER and sum(ch.isalpha() for ch in visible) < STAMP_LETTERS:
        return STAMPED
    return None
