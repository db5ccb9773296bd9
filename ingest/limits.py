"""How far one capture may go: the bounds the command line, the web and the workers agree on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from archive.errors import InvalidInputError

# Tesseract's language codes ("eng", "chi_sim", "aze_cyrl"), joined by "+" as its -l option takes them.
_OCR_LANGUAGES = re.compile(r"[a-z]{3}(?:_[a-z]+)*(?:\+[a-z]{3}(?:_[a-z]+)*){0,7}")


@dataclass(frozen=True)
class Limits:
    """How far a capture may go: network time, bytes, internal addresses, and its extraction's time and memory;
    and the languages OCR reads images in."""

    timeout: float = 20.0
    max_bytes: int = 50 * 1024 * 1024
    allow_private: bool = False  # loopback, private and link-local addresses are refused unless allowed
    # Seconds per source. The slowest legitimate sources measured: a 16-page PDF of dense tables 38 s (the
    # corpus's WARN report), a 45 MB page 19 s; most take well under a second.
    time_limit: float = 300.0
    # Bytes of address space of the worker extracting a source: 260 MB idle (the extraction code and language
    # model), at most 320 MB over the corpus, 1.2 GB for a 45 MB page.
    max_memory: int = 2 * 1024 * 1024 * 1024
    # A browser capture (ingest/browser.py): the bytes of every response of its visit together (each one is
    # held to max_bytes), and the height of its full-page screenshot in CSS pixels (a taller page is kept to
    # this height, and its notes say so; Chromium cannot paint much more in one screenshot).
    max_visit_bytes: int = 200 * 1024 * 1024
    max_page_height: int = 20_000
    # Tesseract languages for images and scanned pages ("rus+eng"); None: detected from a first pass.
    ocr_languages: str | None = None

    def __post_init__(self):
        # Checked here, where the command line, the web and the API all build their limits: one sentence for all.
        if self.ocr_languages is None:
            return
        languages = str(self.ocr_languages).strip().lower() if isinstance(self.ocr_languages, str) else None
        if languages is None or (languages and not _OCR_LANGUAGES.fullmatch(languages)):
            raise InvalidInputError(
                "OCR languages are Tesseract's codes joined by +, such as rus+eng or chi_sim (at most 8), "
                f"not {str(self.ocr_languages)[:40]!r}")
        object.__setattr__(self, "ocr_languages", languages or None)  # an empty field: detect
