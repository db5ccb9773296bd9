"""Tell a source's media type from its first bytes, whatever its name or header claims."""

from __future__ import annotations

import re

from ingest.charset import wide_codec

_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|div|p|article)\b",
                         re.I | re.S)
_MAGIC = [
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF8", "image/gif"),
    (b"II*\x00", "image/tiff"),  # little-endian
    (b"MM\x00*", "image/tiff"),  # big-endian
    (b"PK\x03\x04", "application/zip"),
    (b"\x1f\x8b", "application/gzip"),
    (b"WARC/", "application/warc"),
    (b"\xd0\xcf\x11\xe0", "application/x-ole-storage"),
    (b"RIFF", "application/octet-stream"),
    (b"\x7fELF", "application/x-executable"),
]


def sniff(body: bytes) -> str | None:
    """Return the media type the content itself shows, or None when it shows none."""
    head = body[:1024]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":  # RIFF holds other things too (WAV, AVI)
        return "image/webp"
    for magic, media_type in _MAGIC:
        if head.startswith(magic):
            return media_type
    # PDF allows junk before the header within the first kilobyte.
    if b"%PDF-" in head:
        return "application/pdf"
    wide = wide_codec(head)
    if wide:
        # UTF-16 and UTF-32 are looked at as the characters they hold.
        head = head.decode(wide, errors="ignore").encode("utf-8")
    stripped = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(stripped):
        return "text/html"
    if looks_like_text(head):
        return "text/plain"
    return None


def looks_like_text(head: bytes) -> bool:
    """Tell whether bytes look like text in some encoding: no NULs and few control bytes."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) < 0.01
