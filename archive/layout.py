"""Where a passage of a browser capture's text stands on its screenshot. Pure: no IO.

The layout is what the visit measured in the page (ingest/page_layout.py): blocks of visible text, each with
its text (white space collapsed), its box and its lines. The capture's text is trafilatura's extraction of the
same DOM, which keeps most blocks whole, one to a line, and drops others (menus, footers). A block is placed in
the text only where that is unambiguous:
- the block's text stands as a whole line, or as a list item ("- ") or a table cell ("| ... |") of one, and
  it does so exactly as many times as blocks with that text were measured: then the first such block is the
  first such line, and so on;
- otherwise a block of at least PLACED_ALONE characters whose text stands exactly once in the whole text, at
  word boundaries, and is the only block with that text (a line break in the text may stand for the space the
  DOM had at a <br>).
A passage gets boxes only when every character of it (but the white space and list and table marks between
blocks) lies in placed blocks, and every box lies within the screenshot: for each block, the box around the
lines the passage touches (the whole of a line where the passage starts or ends in it). Anything else gets no
box, rather than a wrong one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

PLACED_ALONE = 12
LINE_MARKS = ("- ", "| ")  # how trafilatura's text starts a list item, a table cell
BETWEEN_BLOCKS = frozenset(" \t\n|-")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Box:
    """A rectangle of the screenshot, in its pixels."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class _Placed:
    start: int  # in the capture's text
    end: int
    box: Box
    lines: tuple[tuple[int, int, Box], ...]  # (start, end) in the block's text, and the line's box


class Layout:
    """A browser capture's measured layout, its blocks placed in the capture's text."""

    def __init__(self, measured: dict, text: str):
        self.width = int(measured.get("width") or 0)
        self.height = int(measured.get("height") or 0)
        self._placed = sorted(_place(measured.get("blocks") or [], text), key=lambda placed: placed.start)
        self._starts = [placed.start for placed in self._placed]
        self._text = text

    @property
    def placed(self) -> int:
        """Return how many blocks of the page were placed in the text."""
        return len(self._placed)

    def boxes(self, start: int, end: int) -> list[Box]:
        """Return the boxes of the passage [start, end) of the text on the screenshot, or [] when it cannot be
        shown exactly."""
        if not 0 <= start < end <= len(self._text):
            return []
        first = max(0, bisect_right(self._starts, start) - 1)
        touched = [p for p in self._placed[first:bisect_right(self._starts, end)] if p.start < end and start < p.end]
        if not touched or not _covered(self._text, start, end, touched):
            return []
        boxes = [_around(placed, start - placed.start, end - placed.start) for placed in touched]
        if any(b.x < 0 or b.y < 0 or b.x + b.width > self.width or b.y + b.height > self.height for b in boxes):
            return []  # below the screenshot's height cap, or beside it
        return boxes


def _place(blocks: list[dict], text: str) -> list[_Placed]:
    """Place each measured block in the text where that is unambiguous (see the module's docstring)."""
    by_text: dict[str, list[dict]] = defaultdict(list)
    for block in blocks:
        if isinstance(block, dict) and isinstance(block.get("text"), str) and block["text"].strip():
            by_text[block["text"]].append(block)
    lines = _line_starts(text)
    flat = text.replace("\n", " ")  # same length: a position in one is a position in the other
    placed = []
    for block_text, same in by_text.items():
        at = lines.get(block_text, [])
        if len(at) != len(same) and len(same) == 1 and len(block_text) >= PLACED_ALONE:
            at = _alone(flat, block_text)
        if len(at) != len(same):
            continue  # dropped by the extraction, or ambiguous
        for block, start in zip(same, at):
            shaped = _shaped(block, start, len(block_text))
            if shaped is not None:
                placed.append(shaped)
    return placed


def _line_starts(text: str) -> dict[str, list[int]]:
    """Return where each line of the text, and each list item and table cell of one, starts."""
    found: dict[str, list[int]] = defaultdict(list)
    position = 0
    for line in text.split("\n"):
        found[line].append(position)
        for mark in LINE_MARKS:
            if line.startswith(mark):
                if mark == "| ":
                    offset = position
                    for cell in line.strip("| ").split(" | "):
                        offset = text.index(cell, offset)
                        found[cell].append(offset)
                        offset += len(cell)
                else:
                    found[line[len(mark):]].append(position + len(mark))
        position += len(line) + 1
    return found


def _alone(flat: str, wanted: str) -> list[int]:
    """Return the position of `wanted` in `flat` when it stands there exactly once, at word boundaries."""
    first = flat.find(wanted)
    if first < 0 or flat.find(wanted, first + 1) >= 0:
        return []
    end = first + len(wanted)
    inside_word = (first > 0 and _WORD.match(flat[first - 1]) and _WORD.match(wanted[0])) or \
        (end < len(flat) and _WORD.match(flat[end]) and _WORD.match(wanted[-1]))
    return [] if inside_word else [first]


def _shaped(block: dict, start: int, length: int) -> _Placed | None:
    """Return a block placed at `start`, its boxes read from the measure, or None when they are malformed."""
    try:
        box = Box(*(int(v) for v in block["box"]))
        lines = tuple((int(line[0]), int(line[1]), Box(*(int(v) for v in line[2:6])))
                      for line in block.get("lines") or ())
    except (KeyError, TypeError, ValueError):
        return None
    return _Placed(start, start + length, box, lines)


def _covered(text: str, start: int, end: int, placed: list[_Placed]) -> bool:
    """Tell whether every character of [start, end) lies in a placed block, but marks between blocks."""
    position = start
    for block in placed:
        if any(ch not in BETWEEN_BLOCKS for ch in text[position:max(position, block.start)]):
            return False
        position = max(position, block.end)
        if position >= end:
            return True
    return all(ch in BETWEEN_BLOCKS for ch in text[position:end])


def _around(placed: _Placed, start: int, end: int) -> Box:
    """Return the box around the lines of a block that [start, end) (in the block's text) touches."""
    lines = [box for line_start, line_end, box in placed.lines if line_start < end and start < line_end]
    measured_to = placed.lines[-1][1] if placed.lines else 0
    if not lines or measured_to < min(end, placed.end - placed.start):
        return placed.box  # lines measured for part of it only (a page past the word limit): the block's box
    left, top = min(b.x for b in lines), min(b.y for b in lines)
    right, bottom = max(b.x + b.width for b in lines), max(b.y + b.height for b in lines)
    return Box(left, top, right - left, bottom - top)
