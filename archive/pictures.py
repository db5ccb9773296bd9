"""The pictures of a capture's pages and the tables found on them: what region and table-cell citations point at.

A browser capture's picture is its screenshot, an original (one page). A PDF's pages and an image's frames are
drawn from the original on demand, in a worker of the pictures' pool (ingest/pictures.py, within its limits:
the original is untrusted), and so are a PDF page's tables (pdfplumber's table finder: too slow to run on every
page of a bulk ingest, cheap on the one page a reader opens). What is drawn or found is derived data, kept in
the home's cache/ folder (archive/cache.py), never stored as evidence: deleting it costs only the time to make
it again.

Sizes are reference sizes (archive/regions.py): the pixels a region is given in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive import regions
from archive.cache import DerivedCache
from archive.errors import CaptureError, InvalidInputError, PictureError
from archive.models import Capture
from archive.regions import CellRequest, Region, RegionRequest, TableCell
from archive.seams import BlobBackend
from archive.spool import verified_file
from archive.store import sha256_hex

if TYPE_CHECKING:
    from collections.abc import Callable

SCREENSHOT, PDF, IMAGE = "screenshot", "pdf", "image"
WIDTHS = (400, 800, 1200, 1600)  # the widths a page is drawn at: a bound on what the cache may hold
DEFAULT_WIDTH = 1200
TABLES_FORMAT = "t1"  # bumped when what find_tables returns changes, so older cached tables are not read
_PNG_SIZE = slice(16, 24)  # a PNG's width and height, in its IHDR chunk right after the signature


def picture_kind(capture: Capture) -> str | None:
    """Return what a capture's pages are pictured by: its screenshot, its PDF pages, its image; None for none."""
    if capture.part("screenshot") is not None:
        return SCREENSHOT
    return capture.kind if capture.kind in (PDF, IMAGE) else None


def page_count(capture: Capture) -> int:
    """Return how many pages of a capture have pictures (a screenshot and a single image have one; a capture
    with no pictures none)."""
    kind = picture_kind(capture)
    if kind == PDF:
        return len(capture.pages or ())
    return (len(capture.pages or ()) or 1) if kind == IMAGE else int(kind == SCREENSHOT)


def drawn_width(asked: int | None) -> int:
    """Return the width a page is drawn at for a width asked for: the smallest of WIDTHS that is at least as
    wide, else the widest."""
    if asked is None:
        return DEFAULT_WIDTH
    return next((width for width in WIDTHS if width >= asked), WIDTHS[-1])


@dataclass
class Cell:
    """A table cell as found: its text, its region on the page, and where it stands in the capture's text."""

    text: str
    region: Region
    span: tuple[int, int] | None  # [start, end) in the capture's text, when the cell stands there as one passage


@dataclass
class Table:
    """A table found on a PDF page: its number on the page (1-based, top to bottom) and its rows of cells."""

    number: int
    region: Region
    rows: list[list[Cell | None]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> Cell | None:
        """Return the cell at a row and column (1-based), or None where the table has none."""
        if not (1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1])):
            return None
        return self.rows[row - 1][column - 1]

    def headers(self, row: int, column: int) -> tuple[str | None, str | None]:
        """Return the row's header (its first column's cell) and the column's (its first row's cell), None for a
        cell that is itself in the first column or row, or where the header cell is empty."""
        def text(cell: Cell | None) -> str | None:
            return cell.text.strip() or None if cell is not None else None

        return (text(self.cell(row, 1)) if column > 1 else None,
                text(self.cell(1, column)) if row > 1 else None)


class Pictures:
    """Pictures and tables of captures' pages, drawn in workers and kept in a cache."""

    def __init__(self, store: BlobBackend, cache: DerivedCache):
        self.store = store
        self.cache = cache

    def sizes(self, capture: Capture) -> list[tuple[int, int]]:
        """Return each page's reference size (width, height); [] for a capture with no pictures."""
        kind = picture_kind(capture)
        if kind is None:
            return []
        key = f"sizes/{capture.sha256}.json"
        if kind == SCREENSHOT:
            key = f"sizes/{capture.part('screenshot')['sha256']}.json"
        cached = self.cache.get(key)
        if cached is not None:
            return [tuple(size) for size in json.loads(cached)]
        if kind == SCREENSHOT:
            with self.store.open(capture.part("screenshot")["sha256"]) as png:
                head = png.read(24)
            sizes = [(int.from_bytes(head[_PNG_SIZE][:4], "big"), int.from_bytes(head[_PNG_SIZE][4:], "big"))]
        else:
            from ingest import pictures as drawing

            sizes = self._isolated(capture, drawing.page_sizes, kind)
        self.cache.put(key, json.dumps(sizes).encode())
        return [tuple(size) for size in sizes]

    def image(self, capture: Capture, page: int, width: int | None = None) -> bytes:
        """Return page `page` of a PDF or image capture as PNG, drawn at one of WIDTHS (the nearest at least as
        wide as asked); raise InvalidInputError for a capture or page with no picture to draw."""
        kind = picture_kind(capture)
        if kind not in (PDF, IMAGE):
            raise InvalidInputError(f"Capture {capture.id} has no pages to draw: {_no_pages(capture)}.")
        self._check_page(capture, page)
        width = drawn_width(width)
        key = f"pages/{capture.sha256}/{page}-{width}.png"
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        from ingest import pictures as drawing

        drawn = self._isolated(capture, drawing.render_page, kind, page, width)
        self.cache.put(key, drawn)
        return drawn

    def tables(self, capture: Capture, page: int, find: bool = True) -> list[Table] | None:
        """Return the tables pdfplumber's table finder sees on a page of a PDF capture ([] for other captures),
        each cell placed in the capture's text where it stands there as one passage; without `find`, only
        tables found before (None when they were not)."""
        if picture_kind(capture) != PDF:
            return []
        self._check_page(capture, page)
        from archive.tools import version_of  # importlib.metadata: not for the read commands, which never ask

        key = f"tables/{capture.sha256}/{page}-{version_of('pdfplumber')}-{TABLES_FORMAT}.json"
        cached = self.cache.get(key)
        if cached is None and not find:
            return None
        if cached is None:
            from ingest import pictures as drawing

            cached = json.dumps(self._isolated(capture, drawing.find_tables, page)).encode()
            self.cache.put(key, cached)
        found = json.loads(cached)
        width, height = self.sizes(capture)[page - 1]
        start, end = capture.pages[page - 1]
        text = capture.text[start:end] if capture.text is not None else None
        same_text = text is not None and sha256_hex(text.encode("utf-8")) == found["text_sha256"]
        return [_table(number, table, page, width, height, start if same_text else None)
                for number, table in enumerate(found["tables"], start=1)]

    def region(self, capture: Capture, asked: RegionRequest) -> Region:
        """Return a region a user gave on one of a capture's pages, refusing one outside the page or a capture
        with no pictures."""
        sizes = self.sizes(capture)
        if not sizes:
            raise InvalidInputError(f"Capture {capture.id} has no picture to mark a region on: "
                                    f"{_no_pages(capture)}.")
        width, height = sizes[asked.page - 1] if asked.page <= len(sizes) else (0, 0)
        return asked.on(width, height, len(sizes))

    def cell(self, capture: Capture, asked: CellRequest) -> tuple[TableCell, Cell]:
        """Return a table cell a user named, with its headers, as found on the page; refuse one that is not
        there."""
        if picture_kind(capture) != PDF:
            raise InvalidInputError(f"Capture {capture.id} is no PDF: table cells are cited on a PDF's pages.")
        if asked.page > page_count(capture):
            raise InvalidInputError(f"There is no page {asked.page}: capture {capture.id} has "
                                    f"{page_count(capture)} page{'s' if page_count(capture) != 1 else ''}.")
        tables = self.tables(capture, asked.page)
        if asked.table > len(tables):
            count = f"{len(tables)} table{'s' if len(tables) != 1 else ''}" if tables else "no table"
            raise InvalidInputError(f"Page {asked.page} of capture {capture.id} has {count} that the table finder "
                                    f"sees: there is no table {asked.table}.")
        table = tables[asked.table - 1]
        found = table.cell(asked.row, asked.column)
        if found is None:
            raise InvalidInputError(f"Table {asked.table} on page {asked.page} has no cell at row {asked.row}, "
                                    f"column {asked.column}: it has {len(table.rows)} rows, and a row's cells may "
                                    "be merged.")
        row_header, column_header = table.headers(asked.row, asked.column)
        return TableCell(asked.page, asked.table, asked.row, asked.column, row_header, column_header,
                         found.text), found

    def _check_page(self, capture: Capture, page: int) -> None:
        count = page_count(capture)
        if not 1 <= page <= count:
            raise InvalidInputError(f"There is no page {page}: capture {capture.id} has "
                                    f"{count} page{'s' if count != 1 else ''}.")

    def _isolated(self, capture: Capture, function: Callable, *args: Any) -> Any:
        """Run a drawing function on the capture's original in a worker; its failure is a PictureError. The
        worker opens a checked copy of the original by its path: a large original is never held whole here."""
        from ingest.pictures import PICTURE_LIMITS
        from ingest.workers import run_isolated

        source = f"capture {capture.id}"
        with verified_file(self.store, capture.sha256) as original:
            try:
                return run_isolated(source, function, (str(original), *args, source), PICTURE_LIMITS)
            except CaptureError as exc:
                raise PictureError(f"the pages of capture {capture.id} cannot be drawn: {exc.reason}") from exc


def _table(number: int, found: dict, page: int, width: int, height: int, text_start: int | None) -> Table:
    """Return a found table with its cells' regions, and their spans in the capture's text when the page's text
    is the one they were found in."""
    def cell(value: dict | None) -> Cell | None:
        if value is None:
            return None
        span = value["span"]
        placed = (text_start + span[0], text_start + span[1]) if span is not None and text_start is not None \
            else None
        return Cell(value["text"], regions.region_of_box(page, value["box"], width, height), placed)

    return Table(number, regions.region_of_box(page, found["box"], width, height),
                 [[cell(value) for value in row] for row in found["rows"]])


def _no_pages(capture: Capture) -> str:
    return ("only PDFs, images and browser captures (their screenshot) have pictures"
            if picture_kind(capture) is None else "it has no pages")
