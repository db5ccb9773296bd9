"""Decode bytes to text: byte-order mark, then valid UTF-8, then declared charsets, then detection.

Declarations lie (a Wayback copy declares utf-8 over GBK bytes; fundus re-encoded GB2312 pages as UTF-8), so a
declared charset is used only when the bytes decode cleanly with it.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
# WHATWG's label mapping: browsers decode these labels with the wider encoding.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
              "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
              "iso-8859-9": "cp1254", "tis-620": "cp874", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
              "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932"}
_BOMS = [(codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def header_charset(content_type: str | None) -> str | None:
    """Return the charset parameter of a Content-Type header."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charsets(body: bytes) -> list[str]:
    """Return the charsets declared in an HTML head, in document order."""
    return [m.group(1).decode("ascii", "replace") for m in _META_CHARSET.finditer(body[:16384])]


def decode(body: bytes, declared: list[str] | None = None) -> tuple[str, str]:
    """Decode bytes; return (text, how) where `how` names the charset and why it was chosen."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name), f"{name} (byte-order mark)"
    try:
        text = body.decode("utf-8")
        return text, "utf-8"
    except UnicodeDecodeError:
        pass
    for label in declared or []:
        codec = _codec(label)
        if codec is None:
            continue
        try:
            return body.decode(codec), f"{codec} (declared {label})"
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(body).best()
    if best is not None:
        return str(best), f"{best.encoding} (detected)"
    return body.decode("cp1252", errors="replace"), "cp1252 (fallback, undecodable bytes replaced)"


def _codec(label: str) -> str | None:
    name = label.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
