"""Tell the language of a text when the source does not declare it."""

from __future__ import annotations

import re
from functools import lru_cache

# A language tag: a 2-3 letter primary subtag, then subtags of 2-8 characters ("utf-8" is no language).
_TAG = r"""([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*(?=["'\s>,;]|$)"""
_HTML_LANG = re.compile(r"""<html\b[^>]*?\blang\s*=\s*["']?""" + _TAG, re.I)
_CONTENT_LANGUAGE = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]+content\s*=\s*["']?""" + _TAG, re.I)
MIN_DETECT_CHARS = 40


def declared_html_language(html: str) -> str | None:
    """Return the primary language subtag an HTML page declares, lower-cased."""
    head = html[:20000]
    match = _HTML_LANG.search(head) or _CONTENT_LANGUAGE.search(head)
    return match.group(1).lower() if match else None


def detect(text: str) -> str | None:
    """Guess the language of a text with py3langid's model; None when the text is too short."""
    sample = _sample(text)
    return _identifier().classify(sample)[0] if sample else None


def detect_among(text: str, languages: set[str]) -> str | None:
    """Guess the language of a text among some languages only (those OCR has a pack for); None when the
    text is too short or none of them fits."""
    sample = _sample(text)
    return next((found for found, _score in _identifier().rank(sample) if found in languages), None) if sample else None


def _sample(text: str) -> str | None:
    """Return the start of a text with its white space collapsed, or None when it has too few letters to tell."""
    sample = " ".join(text[:5000].split())
    return sample if sum(ch.isalpha() for ch in sample) >= MIN_DETECT_CHARS else None


def load_model() -> None:
    """Load the model now, before it is needed (the ingest workers' fork server does)."""
    _identifier()


@lru_cache(maxsize=1)
def _identifier():
    # Loading the model takes about a second, so it is done once per process and only when needed.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
