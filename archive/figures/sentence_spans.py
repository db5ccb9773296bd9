"""Cut a text into sentences: the stretch a figure's context is read from, and the passages claims cite.

A sentence ends at ".", "!", "?" or "…" followed by white space, at a CJK full stop ("。", "！", "？", which need
no space after them) and at a line break. A decimal point ("1.23") is no end: no space follows it.
"""

from __future__ import annotations

from collections.abc import Iterator

from archive.patterns import LazyPattern

# Sentence ends in the scripts we meet; CJK full stops need no space after them. The pattern begins with
# one class of the characters that end a sentence (kept in it) or a line break, so a search skips to them.
_SENTENCE_END = LazyPattern(r"[.!?…。！？\n](?:(?<=[.!?…])\s+|(?<=[。！？])|(?<=\n)\n*)")


def _end_of(boundary) -> int:
    """Return where the sentence before a boundary ends: after its full stop, or at the line break."""
    return boundary.start() if boundary.group()[0] == "\n" else boundary.start() + 1


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """Return the [start, end) of the sentence holding text[start:end], at most about `limit` characters."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        begin = boundary.end()
    finish = len(text)
    following = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    if following:
        finish = _end_of(following)
    begin, finish = max(begin, start - limit), min(finish, end + limit)
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield the [start, end) of each sentence of a text, white space trimmed."""
    begin = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = _end_of(boundary) if boundary else len(text)
        start = begin
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            yield start, end
        if boundary:
            begin = boundary.end()
