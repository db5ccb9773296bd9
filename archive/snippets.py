"""Cut a passage of a capture's text around matched spans, as escaped HTML with the spans in <mark>.

A snippet is a slice of the text exactly as stored, with nothing added, removed or re-joined: once the marks
are taken out and the entities unescaped, what a reader copies from it is in the capture's text and anchors
as a quote. Line breaks and runs of spaces stay (a browser shows them as one space; a terminal folds them).

Pure: no IO; the standard library only (and archive.spelling to tell mixed scripts).
"""

from __future__ import annotations

import html
import re

MIN_ROOM = 40  # characters kept around the marks even when they alone are wider than the passage


def passage(text: str, spans: list[tuple[int, int]], width: int = 240) -> str:
    """Return about `width` characters of text around the spans, escaped, each span (merged when they touch) marked."""
    merged = _merge(spans, len(text))
    if not merged:
        return lead(text, width)
    first, last = merged[0][0], merged[-1][1]
    room = max(width - (last - first), MIN_ROOM) // 2
    begin = _cut_before(text, max(0, first - room), first)
    finish = _cut_after(text, last, min(len(text), last + room))
    out, at = [], begin
    for start, end in merged:
        out.append(html.escape(text[at:start], quote=False))
        out.append("<mark>" + html.escape(text[start:end], quote=False) + "</mark>")
        at = end
    out.append(html.escape(text[at:finish], quote=False))
    return "".join(out)


def lead(text: str, width: int = 240) -> str:
    """Return the start of the text, about `width` characters cut at a space, escaped."""
    end = _cut_after(text, 0, min(len(text), width))
    begin = _cut_before(text, 0, end)
    return html.escape(text[begin:end], quote=False)


def _merge(spans: list[tuple[int, int]], length: int) -> list[list[int]]:
    """Sort the spans, drop empty ones and those outside the text, and join overlapping or touching ones."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


def _cut_before(text: str, begin: int, first: int) -> int:
    """Move a passage's start to the next word after `begin` (when one starts before `first`), past white space."""
    if begin > 0 and not text[begin - 1].isspace():
        space = _next_space(text, begin, first)
        if space is not None:
            begin = space
    while begin < first and text[begin].isspace():
        begin += 1
    return begin


def _cut_after(text: str, last: int, finish: int) -> int:
    """Move a passage's end back to the end of the last whole word before `finish`, before white space."""
    if finish < len(text) and not text[finish].isspace():
        space = _previous_space(text, last, finish)
        if space is not None:
            finish = space
    while finish > last and text[finish - 1].isspace():
        finish -= 1
    return finish


def _next_space(text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        if text[index].isspace():
            return index
    return None


def _previous_space(text: str, start: int, end: int) -> int | None:
    for index in range(end - 1, start - 1, -1):
        if text[index].isspace():
            return index
    return None


_MARKED_RUN = re.compile(r"<mark>[^<]*</mark>(?:[ \t]+<mark>[^<]*</mark>)*")
_MARK_TAGS = re.compile(r"</?mark>")


def marked_runs(snippet: str) -> list[str]:
    """Return the runs of marked words of a snippet as the text writes them (neighbours joined: a name)."""
    return [html.unescape(_MARK_TAGS.sub("", run)) for run in _MARKED_RUN.findall(snippet)]


def mixed_script_words(snippet: str) -> list[str]:
    """Return the marked words of a snippet whose letters come from more than one script (a homoglyph spoof)."""
    from archive.spelling import mixes_scripts

    words = [word for run in marked_runs(snippet) for word in run.split()]
    return list(dict.fromkeys(word for word in words if mixes_scripts(word)))
