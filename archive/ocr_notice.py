"""How the archive says that a text was read by OCR: one wording for the pages, bundles and the command line."""

from __future__ import annotations

from typing import Any

READ_BY_OCR = "text read by OCR"


def describe_ocr(ocr: dict[str, Any]) -> str:
    """Say how a capture's OCR read its text: "text read by OCR (tesseract 5.3.0, eng, detected; mean word
    confidence 96.4 of 100)". A record read back from a bundle may hold anything: it is said as it is."""
    languages = ocr.get("languages")
    packs = "+".join(map(str, languages)) if isinstance(languages, list) and languages else "no language"
    confidence = ocr.get("mean_confidence")
    known = isinstance(confidence, (int, float)) and not isinstance(confidence, bool)
    said = f"mean word confidence {confidence:g} of 100" if known else "no words read"
    return f"{READ_BY_OCR} ({ocr.get('engine')} {ocr.get('version')}, {packs}, {ocr.get('chosen')}; {said})"


def page_ranges(numbers: list[int]) -> str:
    """Write page numbers as ranges: [1, 2, 3, 7] as "1–3, 7"."""
    ranges: list[list[int]] = []
    for number in sorted(numbers):
        if ranges and number == ranges[-1][1] + 1:
            ranges[-1][1] = number
        else:
            ranges.append([number, number])
    return ", ".join(f"{first}–{last}" if last > first else str(first) for first, last in ranges)
