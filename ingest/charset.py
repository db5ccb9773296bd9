"""Decode bytes to text, or refuse bytes that are not text.

Candidates, in order: a byte-order mark; UTF-32 or UTF-16 told by where their NUL bytes fall; UTF-8; UTF-8 with a
few broken sequences; the declared charsets; detection (charset-normalizer). Every candidate's text is judged: more
than 1 % control characters, NULs or replacement characters is not text, and the next candidate is tried. When none
gives text, NotTextError says whether the bytes look binary. Declarations lie (a Wayback copy declares utf-8 over
GBK bytes; fundus re-encoded GB2312 pages as UTF-8), so a declared charset is used only when the bytes decode
cleanly with it into text. A guessed charset comes with a note saying how it was chosen.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import charset_normalizer

from archive.errors import CaptureError, NotTextError

if TYPE_CHECKING:
    from ingest.base import Loaded

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
# WHATWG's label mapping: browsers decode these labels with the wider encoding.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "iso-8859-1": "cp1252",
              "latin1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "us-ascii": "cp1252",
              "iso-8859-9": "cp1254", "tis-620": "cp874", "ks_c_5601-1987": "cp949", "euc-kr": "cp949",
              "shift_jis": "cp932", "sjis": "cp932", "x-sjis": "cp932"}
# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
# Told by NUL bytes instead: charset-normalizer reads short single-byte texts as UTF-16 without them.
_WIDE = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# What text holds only in passing: C0 controls other than tab, line feed, vertical tab, form feed, carriage
# return and escape (terminal logs keep colours); DEL; C1 controls; the replacement character.
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd]")
# Read without a byte-order mark, bytes that are not UTF-16 give private-use characters (and broken surrogates)
# by the tenth; text has next to none.
_NOT_WIDE_TEXT = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_NOT_TEXT_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
MAX_NOT_TEXT = 0.01
# UTF-8 with broken sequences stays UTF-8 while at least this many of its non-ASCII characters are sound; text
# in a legacy charset read as UTF-8 breaks at nearly every one.
MIN_SOUND_UTF8 = 0.8
# NUL bytes tell UTF-16 and UTF-32 from the rest only when there are enough of them: more than 1 % is no UTF-8
# text anyway, and fewer are a stray byte in a legacy charset as often as a sign of UTF-16.
MIN_NULS = 0.01
_SAMPLE = 4096
# Characters looked at one by one: enough to see what a charset made of the bytes, cheap on a long page.
_TEXT_SAMPLE = 65536


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes; the charset and how it was chosen; a note when that was a guess or a repair."""

    text: str
    charset: str
    note: str | None = None


def header_charset(content_type: str | None) -> str | None:
    """Return the charset parameter of a Content-Type header."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def meta_charsets(body: bytes) -> list[str]:
    """Return the charsets declared in an HTML head, in document order."""
    return [m.group(1).decode("ascii", "replace") for m in _META_CHARSET.finditer(body[:16384])]


def decode(body: bytes, declared: list[str] | None = None) -> Decoded:
    """Decode bytes into text, saying how the charset was chosen; raise NotTextError when no charset gives text."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            decoded = _repaired(body, name, f"{name} (byte-order mark)")
            if decoded is not None:
                return decoded
            break
    told = _wide_by_nuls(body)
    decoded = _wide(body, told, "told by its NUL bytes")
    if decoded is not None:
        return decoded
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        decoded = _broken_utf8(body)
        if decoded is not None:
            return decoded
    else:
        if _bytes_are_text(body):
            return Decoded(text, "utf-8")
    unfit = []
    for label in declared or []:
        codec = _codec(label)
        if codec is None:
            continue
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            unfit.append(label)
            continue
        if _judged(body, text):
            return Decoded(text, f"{codec} (declared {label})")
        unfit.append(label)
    best = charset_normalizer.from_bytes(body, cp_exclusion=_WIDE).best()
    if best is not None and _judged(body, text := str(best)):
        why = (f"the declared {', '.join(unfit)} {'does' if len(unfit) == 1 else 'do'} not decode the bytes into text"
               if unfit else "no charset was declared")
        return Decoded(text, f"{best.encoding} (detected)",
                       f"the charset was guessed: {why}; charset-normalizer detected {best.encoding}")
    # UTF-16 with few NULs (Japanese, Chinese): the last reading left, taken only when it gives clean text.
    decoded = _wide(body, [] if told else ["utf-16-le", "utf-16-be"], "no other charset gives text")
    if decoded is not None:
        return decoded
    if told or not _bytes_are_text(body[:_TEXT_SAMPLE]):
        raise NotTextError("the bytes look like binary data, not text", binary=True)
    raise NotTextError("the bytes are not text in any known encoding", binary=False)


def decode_source(loaded: Loaded, declared: list[str]) -> Decoded:
    """Decode a source's bytes; raise CaptureError naming the source and the reason when they are not text."""
    try:
        return decode(loaded.body, declared)
    except NotTextError as exc:
        served = f" (served as {loaded.declared_type})" if loaded.declared_type else ""
        raise CaptureError(loaded.source, f"{exc}{served}") from exc


def wide_codec(head: bytes) -> str | None:
    """Name the UTF-32 or UTF-16 codec that gives these bytes as text, told by a byte-order mark or NUL bytes."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name if name != "utf-8-sig" else None
    cleanest = _cleanest_wide(head, _wide_by_nuls(head))
    return cleanest[0] if cleanest else None


def _wide_by_nuls(body: bytes) -> list[str]:
    """Return the UTF-32/UTF-16 codecs that NUL bytes point to, likeliest first; none when they are too few."""
    sample = body[:_SAMPLE]
    sample = sample[:len(sample) // 4 * 4]
    nuls = [sample[i::4].count(0) for i in range(4)]
    if not sample or sum(nuls) <= MIN_NULS * len(sample):
        return []
    quarter = len(sample) // 4
    # A character below U+10000 is two NULs and two bytes in UTF-32; astral characters (emoji) fill one more.
    if nuls[3] == quarter and nuls[2] >= 0.9 * quarter:
        return ["utf-32-le"]
    if nuls[0] == quarter and nuls[1] >= 0.9 * quarter:
        return ["utf-32-be"]
    # ASCII in UTF-16 (spaces, digits, line ends, even in Cyrillic text) is a byte and a NUL; CJK characters
    # such as U+4E00 put their NUL on the other side, so without a clear side both orders are tried.
    even, odd = nuls[0] + nuls[2], nuls[1] + nuls[3]
    return ["utf-16-be", "utf-16-le"] if even > 4 * odd else ["utf-16-le", "utf-16-be"]


def _wide(body: bytes, candidates: list[str], reason: str) -> Decoded | None:
    """Read bytes without a byte-order mark as the UTF-32/UTF-16 codec that gives the cleanest text, if any."""
    cleanest = _cleanest_wide(body, candidates)
    if cleanest is None:
        return None
    codec, text = cleanest
    notes = [f"no byte-order mark: read as {codec.upper()}, {reason}", _replaced(body, text, codec)]
    return Decoded(text, f"{codec} (no byte-order mark; {reason})", "; ".join(filter(None, notes)))


def _cleanest_wide(body: bytes, candidates: list[str]) -> tuple[str, str] | None:
    readings = []
    for codec in candidates:
        text = body.decode(codec, errors="replace")
        strays = len(text) - len(_NOT_WIDE_TEXT.sub("", text))
        if strays <= MAX_NOT_TEXT * len(text):
            readings.append((strays, codec, text))
    if not readings:
        return None
    _, codec, text = min(readings, key=lambda reading: reading[0])
    return codec, text


def _repaired(body: bytes, codec: str, charset: str) -> Decoded | None:
    """Decode with the codec of a byte-order mark, replacing broken sequences; None when that gives no text."""
    text = body.decode(codec, errors="replace")
    return Decoded(text, charset, _replaced(body, text, codec)) if _is_text(text) else None


def _replaced(body: bytes, text: str, codec: str) -> str | None:
    """Say how many broken sequences decoding replaced, if any."""
    if "\ufffd" not in text:
        return None
    return _replaced_note(text.count("\ufffd") - body.decode(codec, errors="ignore").count("\ufffd"), codec.upper())


def _broken_utf8(body: bytes) -> Decoded | None:
    """Read UTF-8 with a few broken sequences as UTF-8, the broken ones replaced; None when it is not UTF-8."""
    # A legacy charset breaks UTF-8 many times in the first sample already: spare decoding a long page twice.
    sample = body[:_TEXT_SAMPLE].decode("utf-8", errors="replace")
    if len(body) > _TEXT_SAMPLE and sample.count("\ufffd") > 16 and not _mostly_sound_utf8(sample):
        return None
    text = body.decode("utf-8", errors="replace")
    if not _mostly_sound_utf8(text) or not _judged(body, text.replace("\ufffd", "")):
        return None
    replaced = text.count("\ufffd") - body.count(b"\xef\xbf\xbd")
    plural = "s" if replaced != 1 else ""
    return Decoded(text, f"utf-8 ({replaced} invalid sequence{plural} replaced)", _replaced_note(replaced, "UTF-8"))


def _mostly_sound_utf8(text: str) -> bool:
    replaced = text.count("\ufffd")
    sound = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    return sound >= MIN_SOUND_UTF8 * (sound + replaced)


def _replaced_note(count: int, encoding: str) -> str | None:
    if count <= 0:
        return None
    if count == 1:
        return f"1 byte sequence is not valid {encoding} and was replaced with U+FFFD"
    return f"{count} byte sequences are not valid {encoding} and were replaced with U+FFFD"


def _is_text(text: str, judge: re.Pattern = _NOT_TEXT) -> bool:
    return len(text) - len(judge.sub("", text)) <= MAX_NOT_TEXT * len(text)


def _judged(body: bytes, text: str) -> bool:
    """Judge text decoded with a charset that keeps ASCII: controls counted in every byte, the rest in a sample."""
    return _bytes_are_text(body) and _is_text(text[:_TEXT_SAMPLE])


def _bytes_are_text(body: bytes) -> bool:
    """Tell whether bytes hold few control characters; in UTF-8 and every charset keeping ASCII, bytes are them."""
    if len(body) > 2 * _TEXT_SAMPLE and b"\x00" not in body:
        # A long body without NULs is judged at both ends, where binary data shows (headers, padding, a tail):
        # counting every byte of a megabyte page costs a third of decoding it.
        return _few_controls(body[:_TEXT_SAMPLE]) and _few_controls(body[-_TEXT_SAMPLE:])
    return _few_controls(body)


def _few_controls(body: bytes) -> bool:
    return len(body) - len(body.translate(None, _NOT_TEXT_BYTES)) <= MAX_NOT_TEXT * len(body)


def _codec(label: str) -> str | None:
    name = label.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
