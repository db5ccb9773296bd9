"""Regions and table cells in an evidence bundle: their selectors, the picture a region is drawn on, and how
report.html shows them.

A citation's region is exported as a W3C Web Annotation FragmentSelector of Media Fragments (`xywh=pixel:x,y,w,h`
with `conformsTo` http://www.w3.org/TR/media-frags/), beside its text selectors; the pixels are the page's
reference picture's (archive/regions.py), whose page and size the selector states (`evidence:page`,
`evidence:width`, `evidence:height`). A region of a PDF page is also given as the PDF fragment a viewer opens
(RFC 3778: `page=2&viewrect=x,y,w,h`, in points, which are those pixels). A table cell is our own selector,
`evidence:TableCellSelector`, with its page, table, row, column, headers and text.

The bundle carries the picture each region is drawn on, listed in the manifest like every file, and says which it
is in the target's `evidence:picture`:
- a browser capture's screenshot: the original itself (`parts/<sha256>.png`), whole, whose hash the capture's
  ledger event records. Whole rather than cropped: a crop would be a new picture, where the whole is evidence
  that its hash proves; report.html shows the part around the region.
- a PDF page or an image's frame: drawn from the original (`pages/capture-<id>-page-<n>.png`, PAGE_WIDTH wide),
  derived data with what drew it. `evidence bundle verify` draws the page again from the bundle's original (whose
  hash the ledger records) and compares the pixels (archive/picturecheck.py): the picture is checked by being
  made again, not by a hash that nothing recorded.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

from archive.regions import MEDIA_FRAGMENTS, PDF_FRAGMENTS, describe_cell, describe_region

PAGE_WIDTH = 1200  # pixels a page is drawn at for a bundle: one of archive.pictures.WIDTHS, sharp when printed
MARGIN = 120  # pixels of the picture shown above and below a region in report.html
REGION_FIELD, CELL_FIELD = "Region", "Table cell"  # report.html's lines, read back by archive/bundlecheck.py
CELL_SELECTOR = "evidence:TableCellSelector"


def picture(archive, capture, citation, original: str) -> tuple[str, bytes, dict[str, Any]] | None:
    """Return the file a region citation is drawn on in the bundle: (path, bytes, what the annotation says of
    it); None for a citation without a region. `original` is where the bundle keeps the capture's original."""
    from archive.pictures import IMAGE, SCREENSHOT, picture_kind
    from archive.tools import version_of

    region = citation.region
    if not region:
        return None
    if picture_kind(capture) == SCREENSHOT:
        recorded = capture.part("screenshot")
        path = f"parts/{recorded['sha256']}.png"
        return path, archive.part(capture, "screenshot"), {"file": path, "sha256": recorded["sha256"],
                                                            "part": "screenshot"}
    page = region["page"]
    drawn = archive.pictures.image(capture, page, PAGE_WIDTH)
    path = f"pages/capture-{capture.id}-page-{page}.png"
    tool = "Pillow" if picture_kind(capture) == IMAGE else "pypdfium2"
    return path, drawn, {"file": path, "sha256": hashlib.sha256(drawn).hexdigest(), "page": page,
                         "drawn": {"from": original, "width": PAGE_WIDTH, "page": page,
                                   "by": f"{tool} {version_of(tool)}"}}


def selectors(citation, capture) -> list[dict[str, Any]]:
    """Return the selectors of a citation's region and cell (none for a quote alone), to stand beside its text
    selectors."""
    found = []
    region = citation.region
    if region:
        found.append({"type": "FragmentSelector", "conformsTo": MEDIA_FRAGMENTS,
                      "value": f"xywh=pixel:{region['x']},{region['y']},{region['w']},{region['h']}",
                      "evidence:page": region["page"], "evidence:width": region["width"],
                      "evidence:height": region["height"]})
        if capture.kind == "pdf":
            found.append({"type": "FragmentSelector", "conformsTo": PDF_FRAGMENTS,
                          "value": f"page={region['page']}&viewrect={region['x']},{region['y']},{region['w']},"
                                   f"{region['h']}"})
    if citation.cell:
        found.append({"type": CELL_SELECTOR, **citation.cell})
    return found


def report_lines(citation) -> str:
    """Return report.html's lines naming a citation's table cell and region (empty for a quote alone)."""
    e = html.escape
    lines = f"<dt>{CELL_FIELD}</dt><dd>{e(describe_cell(citation.cell))}</dd>\n" if citation.cell else ""
    if citation.region:
        lines += f"<dt>{REGION_FIELD}</dt><dd>{e(describe_region(citation.region))}</dd>\n"
    return lines


def report_figure(citation, drawn_on: dict[str, Any] | None) -> str:
    """Return report.html's picture of a cited region: the part of its picture around it, the region boxed."""
    region = citation.region
    if not region or drawn_on is None:
        return ""
    width, height = region["width"], region["height"]
    top = max(0, region["y"] - MARGIN)
    shown = min(height, region["y"] + region["h"] + MARGIN) - top
    path = html.escape(drawn_on["file"])
    what = "the screenshot" if drawn_on.get("part") == "screenshot" else f"page {region['page']}"
    return (f'<figure class="region"><svg viewBox="0 {top} {width} {shown}" width="{width}" height="{shown}" '
            f'role="img" aria-label="The cited region of {what}"><image href="{path}" x="0" y="0" width="{width}" '
            f'height="{height}"/><rect class="region" x="{region["x"]}" y="{region["y"]}" width="{region["w"]}" '
            f'height="{region["h"]}"/></svg><figcaption>The cited region of {what}, on <a href="{path}">{path}</a>'
            f"</figcaption></figure>\n")

