"""Recognise WARC and WACZ files by name and first bytes (kept apart from ingest.warc_reader so that the folder walk
can use it without importing the ingest pipeline)."""

from __future__ import annotations

import gzip
import zipfile
import zlib
from pathlib import Path

WARC_EXTENSIONS = (".warc", ".warc.gz", ".wacz")
WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"


def is_warc(path: str) -> bool:
    """Tell whether a path is a WARC or WACZ file, by its name and, when it exists, by its first bytes.

    A path that does not exist is judged by its name alone, so that read_warc reports it missing.
    """
    if not path.lower().endswith(WARC_EXTENSIONS):
        return False
    file = Path(path)
    if not file.exists():
        return True
    if not file.is_file():
        return False
    try:
        return _holds_warc_records(file) if path.lower().endswith(".wacz") else _starts_like_warc(file)
    except OSError:
        return False


def _starts_like_warc(file: Path) -> bool:
    with file.open("rb") as handle:
        head = handle.read(len(WARC_MAGIC))
        if head.startswith(GZIP_MAGIC):
            handle.seek(0)
            try:
                with gzip.GzipFile(fileobj=handle) as unzipped:
                    head = unzipped.read(len(WARC_MAGIC))
            except (OSError, EOFError, zlib.error):
                return False
    return head == WARC_MAGIC


def _holds_warc_records(file: Path) -> bool:
    try:
        with zipfile.ZipFile(file) as wacz:
            return bool(warc_members(wacz))
    except zipfile.BadZipFile:
        return False


def warc_members(wacz: zipfile.ZipFile) -> list[str]:
    """Return the WARC files a WACZ keeps under archive/, in name order."""
    return sorted(name for name in wacz.namelist()
                  if name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz")))
