"""Regions of a picture and cells of a table that a citation points at. Pure: no IO.

A region is a rectangle on one page's picture: a PDF page, a frame of an image, a browser's screenshot (page 1).
It is given in whole pixels of the page's reference picture, whose size it states: the picture at its natural
scale, which is the screenshot's or the image's own pixels, and for a PDF page the page at 72 dpi (one pixel per
PDF point, the size the PDF gives its page, rotation applied). Exported as the W3C Web Annotation
FragmentSelector of Media Fragments (`xywh=pixel:x,y,w,h`, whole numbers only: the syntax has no fractions, and
`percent:` in whole percent would be six points of an A4 page), with the reference size beside it.

A table cell is a cell of a table that pdfplumber's table finder found on a PDF page: page, table (1-based, top
to bottom), row and column (1-based, the header row included), and the headers kept with it: the first row's
cell of its column and the first column's cell of its row.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass
from typing import Any

from archive.errors import InvalidInputError

MEDIA_FRAGMENTS = "http://www.w3.org/TR/media-frags/"
PDF_FRAGMENTS = "http://tools.ietf.org/rfc/rfc3778"  # the PDF fragment a viewer opens: page=N&viewrect=...
PAGE_MAX = 100_000  # past any document's pages: a bound on what a user may type
PIXELS_MAX = 1_000_000  # past any picture's side
# ASCII digits only: int() would read other scripts' digits too, which no one means as pixels.
_REGION = re.compile(r"\s*(\d{1,9})\s*:\s*(\d{1,9})\s*,\s*(\d{1,9})\s*,\s*(\d{1,9})\s*,\s*(\d{1,9})\s*", re.ASCII)
_CELL = re.compile(r"\s*(\d{1,9})\s*:\s*(\d{1,9})\s*:\s*(\d{1,9})\s*:\s*(\d{1,9})\s*", re.ASCII)
REGION_FORM = "PAGE:X,Y,WIDTH,HEIGHT in whole pixels of the page's picture, such as 2:72,100,200,40"
CELL_FORM = "PAGE:TABLE:ROW:COLUMN, such as 2:1:3:4"


@dataclass(frozen=True)
class Region:
    """A rectangle of one page's reference picture (width × height pixels), from its top left corner."""

    page: int
    x: int
    y: int
    w: int
    h: int
    width: int
    height: int

    @property
    def fragment(self) -> str:
        """Return the Media Fragments value of the region: xywh=pixel:x,y,w,h."""
        return f"xywh=pixel:{self.x},{self.y},{self.w},{self.h}"

    def to_json(self) -> dict[str, int]:
        return asdict(self)

    def describe(self) -> str:
        """Say where the region is, as pages and reports show it."""
        return describe_region(self.to_json())


@dataclass(frozen=True)
class RegionRequest:
    """A region as a user gave it, before its page's reference size is known."""

    page: int
    x: int
    y: int
    w: int
    h: int

    def on(self, width: int, height: int, pages: int) -> Region:
        """Return the region on a page of `pages` whose picture is width × height; refuse one outside it."""
        if self.page > pages:
            raise InvalidInputError(f"There is no page {self.page}: the capture has {_count(pages, 'page')}.")
        if self.x + self.w > width or self.y + self.h > height:
            raise InvalidInputError(
                f"The region {self.page}:{self.x},{self.y},{self.w},{self.h} reaches outside page {self.page}, "
                f"whose picture is {width} × {height} pixels: x + width must be at most {width} and y + height "
                f"at most {height}.")
        return Region(self.page, self.x, self.y, self.w, self.h, width, height)


@dataclass(frozen=True)
class CellRequest:
    """A table cell as a user named it: page, table, row, column (each 1-based)."""

    page: int
    table: int
    row: int
    column: int


@dataclass(frozen=True)
class TableCell:
    """A cited table cell: where it is, its headers and its text as the table finder read it."""

    page: int
    table: int
    row: int
    column: int
    row_header: str | None
    column_header: str | None
    text: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        """Say which cell it is: "Table 1, row 2 (8806), column 4 (Value, USD)"."""
        return describe_cell(self.to_json())


def describe_region(region: dict[str, Any]) -> str:
    """Say where a recorded region is: "page 2: 200 × 40 px at (72, 100) of the page's picture (595 × 842 px)"."""
    return (f"page {region.get('page')}: {region.get('w')} × {region.get('h')} px at ({region.get('x')}, "
            f"{region.get('y')}) of the page's picture ({region.get('width')} × {region.get('height')} px)")


def describe_cell(cell: dict[str, Any]) -> str:
    """Say which cell a recorded cell selector names, its headers in brackets."""
    def part(name: str, number: Any, header: Any) -> str:
        return f"{name} {number} ({' '.join(str(header).split())})" if header else f"{name} {number}"

    return (f"Table {cell.get('table')}, {part('row', cell.get('row'), cell.get('row_header'))}, "
            f"{part('column', cell.get('column'), cell.get('column_header'))}")


def parse_region(value: object) -> RegionRequest:
    """Return the region a user gave: "PAGE:X,Y,WIDTH,HEIGHT", or {"page", "x", "y", "w", "h"} from the API."""
    page, x, y, w, h = _numbers(value, ("page", "x", "y", "w", "h"), _REGION, "region", f"A region is written "
                                f"{REGION_FORM}", '{"page": 2, "x": 72, "y": 100, "w": 200, "h": 40}')
    if not 1 <= page <= PAGE_MAX:
        raise InvalidInputError(f"A region's page is a page number from 1 to {PAGE_MAX:,}, not {page}.")
    if w < 1 or h < 1:
        raise InvalidInputError(f"A region's width and height must be at least one pixel of the page's picture: "
                                f"{w} × {h} was given.")
    if max(x, y, w, h) > PIXELS_MAX:
        raise InvalidInputError(f"A region's numbers are pixels of the page's picture, at most {PIXELS_MAX:,}.")
    return RegionRequest(page, x, y, w, h)


def parse_cell(value: object) -> CellRequest:
    """Return the table cell a user named: "PAGE:TABLE:ROW:COLUMN", or {"page", "table", "row", "column"}."""
    numbers = _numbers(value, ("page", "table", "row", "column"), _CELL, "cell", f"A table cell is written {CELL_FORM}",
                       '{"page": 2, "table": 1, "row": 3, "column": 4}')
    if not all(1 <= number <= PAGE_MAX for number in numbers):
        raise InvalidInputError(f"A table cell's page, table, row and column are numbers from 1 to {PAGE_MAX:,}.")
    return CellRequest(*numbers)


def _numbers(value: object, keys: tuple[str, ...], pattern: re.Pattern, what: str, form: str,
             example: str) -> list[int]:
    """Return the whole numbers of a region or cell, given as text in its form or as the API's object."""
    if isinstance(value, dict):
        return [_whole(value.get(key), key, what) for key in keys]
    if not isinstance(value, str):
        raise InvalidInputError(f"{form}, or as {example}.")
    found = pattern.fullmatch(value)
    if found is None:
        raise InvalidInputError(f"{form}; {value[:60]!r} is not one.")
    return [int(number) for number in found.groups()]


def region_of_box(page: int, box: list[float] | tuple[float, ...], width: int, height: int) -> Region:
    """Return the region of whole pixels around a box (x0, top, x1, bottom) of a page's reference picture,
    kept inside the picture."""
    x0, top, x1, bottom = (float(v) for v in box)
    x, y = max(0, int(x0)), max(0, int(top))
    right, below = min(width, math.ceil(x1)), min(height, math.ceil(bottom))
    return Region(page, x, y, max(1, right - x), max(1, below - y), width, height)


def _whole(value: object, key: str, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInputError(f"A {what}'s {key} must be a whole number of at least 0, not {value!r}"[:200] + ".")
    return value


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
