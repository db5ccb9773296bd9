"""Turn what the user typed (files, folders, URLs) into single sources, and read files safely."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.clock import utc_now
from archive.errors import CaptureError
from archive.models import IngestResult
from ingest.base import Loaded
from ingest.sniff import sniff
from ingest.warcfile import is_warc

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# What a folder walk picks up by name; other files are sniffed, and skipped unless they are PDF or HTML, or text
# without an extension (README, notes).
SUPPORTED_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml", ".pdf", ".txt", ".text", ".md", ".markdown"}


@dataclass(frozen=True)
class SourceItem:
    """One file or URL to capture."""

    source: str
    is_url: bool


def is_url(spec: str) -> bool:
    """Tell whether a source is written as a URL (any scheme) rather than a path."""
    return bool(_URL.match(spec))


def expand(specs: list[str], exclude: tuple[Path, ...] = ()) -> Iterator[SourceItem | IngestResult]:
    """Yield a SourceItem per file or URL; folders are walked, and their unsupported files yield "skipped".

    Folders in `exclude` (the archive home) are never walked into.
    """
    excluded = {p.resolve() for p in exclude}
    for spec in specs:
        if is_url(spec):
            yield SourceItem(spec, True)
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path, excluded)
        elif path.exists() or path.is_symlink():
            yield SourceItem(spec, False)
        else:
            yield IngestResult(spec, "failed", error=f"{spec}: no such file or folder")


def _walk(folder: Path, excluded: set[Path]) -> Iterator[SourceItem | IngestResult]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).resolve() not in excluded)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUPPORTED_EXTENSIONS or is_warc(str(path)) or _sniffs_as_document(path):
                yield SourceItem(str(path), False)
            else:
                kind = path.suffix.lower() or "no extension"
                yield IngestResult(str(path), "skipped", error=f"{path}: unsupported type ({kind})")


def _sniffs_as_document(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            sniffed = sniff(handle.read(1024))
    except OSError:
        return False
    # An extension names the file's type (data.csv is data); with none, text is text.
    return sniffed in ("application/pdf", "text/html") or (sniffed == "text/plain" and not path.suffix)


def read_file(spec: str, max_bytes: int) -> Loaded:
    """Read a file's bytes, refusing what cannot be evidence: missing, unreadable, empty, too large."""
    path = Path(spec)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise CaptureError(spec, "is a folder, not a file")
        if size > max_bytes:
            raise CaptureError(spec, f"the file is too large ({size / 1048576:.1f} MB, "
                                     f"limit {max_bytes / 1048576:.1f} MB)")
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise CaptureError(spec, "no such file or folder") from exc
    except PermissionError as exc:
        raise CaptureError(spec, "the file cannot be read (permission denied)") from exc
    except OSError as exc:
        raise CaptureError(spec, f"the file cannot be read ({exc.strerror or exc})") from exc
    if not body:
        raise CaptureError(spec, "the file is empty")
    return Loaded(source=spec, method="file", body=body, captured_at=utc_now(), name=path.name)
