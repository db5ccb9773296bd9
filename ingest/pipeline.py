"""Capture one source: load its bytes, choose the ingestor by content, extract. Pure of any archive writes."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from archive import figures
from archive.analysis import analyse
from archive.clock import utc_now
from archive.errors import CaptureError, TooLargeError, UnsupportedSourceError
from archive.models import Capture, NewCapture, Described
from ingest.base import Ingestor, Loaded
from ingest.fetch import fetch
from ingest.html import HtmlIngestor
from ingest.image import ImageIngestor
from ingest.limits import Limits
from ingest.ocr import OcrRequest
from ingest.pdf import PdfIngestor
from ingest.sniff import sniff
from ingest.sources import SourceItem, read_file
from ingest.text import TextIngestor

# Ordered: on equal scores the earlier ingestor wins.
INGESTORS: tuple[Ingestor, ...] = (PdfIngestor(), ImageIngestor(), HtmlIngestor(), TextIngestor())


def load(item: SourceItem, limits: Limits) -> Loaded:
    """Read a file or fetch a URL."""
    if item.is_url:
        return fetch(item.source, timeout=limits.timeout, max_bytes=limits.max_bytes,
                     allow_private=limits.allow_private)
    return read_file(item.source, limits.max_bytes)


def choose(loaded: Loaded) -> Ingestor:
    """Pick the ingestor that fits the content best, or raise UnsupportedSourceError."""
    sniffed = sniff(loaded.body)
    scored = [(ingestor.match(loaded, sniffed), -rank, ingestor) for rank, ingestor in enumerate(INGESTORS)]
    score, _, best = max(scored, key=lambda entry: entry[:2])
    if score == 0:
        shown = sniffed or loaded.declared_type or loaded.extension or "unknown content"
        if sniffed == "text/plain":
            # Text is captured by name or header, so say which of them it was refused for.
            shown += f" named {loaded.extension}" if loaded.extension else f" served as {loaded.declared_type}"
        raise UnsupportedSourceError(loaded.source, f"unsupported type ({shown})")
    return best


def capture(item: SourceItem, limits: Limits) -> NewCapture:
    """Capture one source or raise CaptureError with a plain reason."""
    started = time.monotonic()
    if item.browser:
        from ingest.browser_capture import capture_in_browser  # Playwright, only where a browser is asked for

        captured = capture_in_browser(item.source, limits)
    else:
        loaded = load(item, limits)
        loaded.ocr = OcrRequest.within(limits, started)
        captured = choose(loaded).capture(loaded)
    if not captured.text.strip() and not captured.notes:
        raise CaptureError(item.source, "no text could be extracted")
    # Figures and index terms are derived like the text; deriving them here keeps that work in the
    # extraction processes, away from the single writer.
    captured.figures = figures.extract(captured.text, captured.published)
    captured.analysed = analyse(captured.text)
    return captured


def capture_upload(name: str, body: bytes, limits: Limits) -> NewCapture:
    """Capture bytes uploaded through the web; `name` is a label for people, never used as a path."""
    source = f"upload:{name}"
    if not body:
        raise CaptureError(source, "the file is empty")
    if len(body) > limits.max_bytes:
        raise TooLargeError(source, f"the file is too large ({len(body) / 1048576:.1f} MB, "
                                    f"limit {limits.max_bytes / 1048576:.1f} MB)")
    loaded = Loaded(source=source, method="upload", body=body, captured_at=utc_now(), name=name,
                    ocr=OcrRequest.within(limits, time.monotonic()))
    return choose(loaded).capture(loaded)



def reextract(capture: Capture, body: bytes) -> str:
    """Extract a stored capture's text again from its original bytes, as it was first extracted."""
    loaded = reload(capture, body)
    return choose(loaded).capture(loaded).text


def reload(capture: Described, body: bytes) -> Loaded:
    """Return a described capture's original bytes as the source they were first loaded as."""
    headers = capture.http_headers or {}
    content_type = headers.get("content-type")
    return Loaded(source=capture.source, method=capture.method, body=body, captured_at=capture.captured_at,
                  name=urlsplit(capture.final_url).path if capture.final_url else capture.source,
                  declared_type=capture.media_type, content_type=content_type, url=capture.url,
                  final_url=capture.final_url, ocr=OcrRequest.recorded(capture.ocr))
