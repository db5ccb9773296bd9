"""The ingestor interface and the loaded-source value every ingestor reads from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from archive.models import Fetched, NewCapture
from ingest.ocr import OcrRequest


@dataclass
class Loaded(Fetched):
    """The bytes of one source and how they were obtained, before extraction."""

    source: str
    method: str  # "file" | "http" | "warc"
    body: bytes
    captured_at: str
    name: str  # file name or URL path, for the extension
    declared_type: str | None = None  # Content-Type header, without parameters
    content_type: str | None = None  # the full header, with charset
    http_reason: str | None = None
    request_headers: dict[str, str] | None = None
    ocr: OcrRequest = field(default_factory=OcrRequest)  # how images and scanned pages are read

    @property
    def extension(self) -> str:
        """Return the lower-case extension of the name, with its dot."""
        return PurePosixPath(self.name).suffix.lower()

    def captured(self, **values: Any) -> NewCapture:
        """Build a NewCapture value carrying this source's provenance; a URL the ingestor read in the content
        stands before the one it was fetched from."""
        return NewCapture(
            source=self.source, method=self.method, body=self.body, captured_at=self.captured_at,
            http_reason=self.http_reason, request_headers=self.request_headers,
            **{**self.fetched(), **values, "url": values.get("url") or self.url},
        )


class Ingestor:
    """Extracts text and metadata from one kind of source; writes nothing."""

    kind = ""
    media_types: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()

    def match(self, loaded: Loaded, sniffed: str | None) -> int:
        """Score how well this ingestor fits: 0 no, 1 by extension or header, 2 by content."""
        if sniffed in self.media_types:
            return 2
        if loaded.declared_type in self.media_types or loaded.extension in self.extensions:
            return 1
        return 0

    def capture(self, loaded: Loaded) -> NewCapture:
        """Extract text and metadata; raise CaptureError with a plain reason when it cannot."""
        raise NotImplementedError
