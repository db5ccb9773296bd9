"""Turn what the user typed (files, folders, URLs) into single sources, and read files safely."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive.clock import utc_now
from archive.errors import CaptureError, TooLargeError
from archive.models import IngestResult
from ingest.base import Loaded
from ingest.image import ImageIngestor
from ingest.sniff import sniff
from ingest.warcfile import is_warc

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
# What a folder walk picks up by name; other files are sniffed, and skipped unless they are PDF, HTML or an image,
# or text without an extension (README, notes).
SUPPORTED_EXTENSIONS = {".html", ".htm", ".xhtml", ".shtml", ".pdf", ".txt", ".text", ".md", ".markdown",
                        *ImageIngestor.extensions}
DOCUMENT_TYPES = ("application/pdf", "text/html", *ImageIngestor.media_types)
READ_CHUNK = 1024 * 1024  # bytes per read after the first, for files that hold more than they announce


@dataclass(frozen=True)
class SourceItem:
    """One file or URL to capture; `browser`: a URL loaded in a browser (ingest/browser.py), not fetched."""

    source: str
    is_url: bool
    browser: bool = False


@dataclass(frozen=True)
class Upload:
    """Bytes uploaded through the web; `name` is the label people gave them, never used as a path."""

    name: str
    body: bytes

    @property
    def source(self) -> str:
        """Return how results name the upload."""
        return f"upload:{self.name}"


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
            yield IngestResult.failed(spec, f"{spec}: no such file or folder", "not_found")


def _walk(folder: Path, excluded: set[Path]) -> Iterator[SourceItem | IngestResult]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).resolve() not in excluded)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            irregular = irregular_kind(path)
            if irregular is not None:
                yield IngestResult.failed(str(path), f"{path}: not a regular file ({irregular})", "unprocessable")
            elif path.suffix.lower() in SUPPORTED_EXTENSIONS or is_warc(str(path)) or _sniffs_as_document(path):
                yield SourceItem(str(path), False)
            else:
                kind = path.suffix.lower() or "no extension"
                yield IngestResult(str(path), "skipped", error=f"{path}: unsupported type ({kind})")


def irregular_kind(path: Path) -> str | None:
    """Name what a path is when it exists but is neither a regular file nor a folder ("a FIFO"), else None."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreadable: reading it says why
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else _kind(mode)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


def _sniffs_as_document(path: Path) -> bool:
    try:
        with open_regular(str(path)) as handle:
            sniffed = sniff(handle.read(1024))
    except (OSError, CaptureError):
        return False
    # An extension names the file's type (data.csv is data); with none, text is text.
    return sniffed in DOCUMENT_TYPES or (sniffed == "text/plain" and not path.suffix)


def open_regular(spec: str):
    """Open a regular file for reading, or raise CaptureError; never wait on a FIFO or a device.

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer; what was opened is then
    checked, since the path may have changed since it was looked at.
    """
    fd = os.open(spec, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise CaptureError(spec, "is a folder, not a file")
        if not stat.S_ISREG(mode):
            raise CaptureError(spec, f"not a regular file ({_kind(mode)})")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb", buffering=0)


def read_capped(stream, max_bytes: int, head: bytes = b"", expected: int | None = None) -> bytes:
    """Return `head` and what follows it in the stream, reading at most one byte past `max_bytes` (so the
    caller tells "too large" by the length), in one read when the `expected` size is right."""
    chunks, total = [head], len(head)
    wanted = min(expected, max_bytes) + 1 - total if expected is not None else READ_CHUNK
    while total <= max_bytes:
        chunk = stream.read(max(1, min(wanted, max_bytes + 1 - total)))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        wanted = READ_CHUNK
    return b"".join(chunks)


def read_file(spec: str, max_bytes: int) -> Loaded:
    """Read a file's bytes, refusing what cannot be evidence: missing, unreadable, not a regular file, empty, too large.

    At most `max_bytes` + 1 bytes are read, whatever size the file announces (files under /proc say 0).
    """
    path = Path(spec)
    try:
        kind = irregular_kind(path)  # named before opening: a socket cannot even be opened
        if kind is not None:
            raise CaptureError(spec, f"not a regular file ({kind})")
        with open_regular(spec) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise TooLargeError(spec, f"the file is too large ({size / 1048576:.1f} MB, "
                                         f"limit {max_bytes / 1048576:.1f} MB)")
            body = read_capped(handle, max_bytes, expected=size)
        if len(body) > max_bytes:
            raise TooLargeError(spec, f"the file is too large (over the {max_bytes / 1048576:.1f} MB limit)")
    except FileNotFoundError as exc:
        raise CaptureError(spec, "no such file or folder") from exc
    except PermissionError as exc:
        raise CaptureError(spec, "the file cannot be read (permission denied)") from exc
    except OSError as exc:
        raise CaptureError(spec, f"the file cannot be read ({exc.strerror or exc})") from exc
    if not body:
        raise CaptureError(spec, "the file is empty")
    return Loaded(source=spec, method="file", body=body, captured_at=utc_now(), name=path.name)
