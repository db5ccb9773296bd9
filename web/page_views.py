"""Pictures of pages on the pages for people: the page view of a capture page and the region under a citation.

A PDF's page or an image's frame is shown beside the text, drawn by the browser from the page-picture route (so
the capture page itself draws nothing and stays fast), with every region cited on that page marked and the
tables the finder sees on it written out as HTML tables whose cells cite themselves. A claim page shows, under
each citation of a region (a table cell's included), the part of the page's picture or screenshot around it.
Marks are drawn as web/screenshots.py draws a screenshot's: boxes in the picture's own (reference) pixels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.errors import InvalidInputError, PictureError
from archive.layout import Box
from archive.pictures import IMAGE, PDF, Cell, Table, page_count, picture_kind
from archive.regions import TableCell, describe_cell, parse_cell
from web.screenshots import Mark, Shot

REGION_MARGIN = 120  # pixels of the picture shown above and below a cited region on a claim page
PAGER_REACH = 2  # pages listed on each side of the one shown, besides the first and the last


@dataclass
class PageView:
    """What the page view of a capture page shows: one page's picture and marks, its tables, the cell chosen."""

    page: int
    count: int
    shot: Shot
    tables: list[Table] | None = field(default_factory=list)  # None: not found yet (the browser asks for them)
    tables_problem: str | None = None  # why the page's tables could not be found
    chosen: tuple[TableCell, Cell] | None = None  # the table cell picked to cite, from ?cell=
    cell_problem: str | None = None  # why the cell asked for cannot be cited

    @property
    def pager(self) -> list[int | None]:
        """Return the page numbers to link to, None where pages are left out."""
        shown = sorted({1, self.count, *range(max(1, self.page - PAGER_REACH),
                                              min(self.count, self.page + PAGER_REACH) + 1)})
        pager: list[int | None] = []
        for number in shown:
            if pager and number - pager[-1] > 1:
                pager.append(None)
            pager.append(number)
        return pager


def page_view(archive, capture, citations, asked_page: int | None, hit: int | None,
              asked_cell: str | None, find_tables: bool = True) -> PageView | None:
    """Return the page view of a PDF or image capture (None for other captures): the page asked for, else the
    page of the passage pointed at, else the first; its cited regions marked, the cell chosen, and its tables
    (without `find_tables`, only when found before: finding them takes a worker a moment, which the capture
    page leaves to a request of the browser's own, as it leaves the page's picture)."""
    if picture_kind(capture) not in (PDF, IMAGE) or not page_count(capture):
        return None
    count = page_count(capture)
    page = asked_page if asked_page is not None and 1 <= asked_page <= count else \
        (capture.page_of(hit) if hit is not None else None) or 1
    try:
        width, height = archive.pictures.sizes(capture)[page - 1]
    except (PictureError, IndexError):
        return None  # no picture can be drawn of it: the page shows its text only
    view = PageView(page, count, Shot(width, height))
    for citation in citations:
        if citation.region and citation.region["page"] == page:
            view.shot.marks.append(Mark(_box(citation.region), "cited", cited_label(citation)))
    try:
        view.tables = archive.pictures.tables(capture, page, find=find_tables or bool(asked_cell))
    except PictureError as exc:
        view.tables_problem = str(exc)
    if asked_cell:
        try:
            view.chosen = archive.pictures.cell(capture, parse_cell(asked_cell))
        except (InvalidInputError, PictureError) as exc:
            view.cell_problem = str(exc)
        else:
            view.shot.marks.append(Mark(_box(view.chosen[1].region.to_json()), "chosen", "The cell to cite"))
    return view


def region_shot(citation) -> Shot | None:
    """Return the part of a page's picture around a region citation, the region marked (None without one)."""
    region = citation.region
    if not region:
        return None
    top = max(0, region["y"] - REGION_MARGIN)
    bottom = min(region["height"], region["y"] + region["h"] + REGION_MARGIN)
    return Shot(region["width"], region["height"], [Mark(_box(region), "cited", cited_label(citation))],
                view=(0, top, region["width"], bottom - top))


def cited_label(citation) -> str:
    """Say what a region citation marks, for the title of its box."""
    what = f"; {describe_cell(citation.cell)}" if citation.cell else ""
    return f"Cited for claim #{citation.claim_id} ({citation.stance}){what}"


def _box(region: dict) -> Box:
    return Box(region["x"], region["y"], region["w"], region["h"])
