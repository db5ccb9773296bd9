"""Check the pictures an evidence bundle draws its cited regions on (archive/bundle_regions.py says what it holds).

A screenshot is an original: it must hash to what its annotation says, which archive/bundlecheck.py holds to the
capture's ledger event. A page drawn from the original is derived, and nothing recorded its hash: it is drawn
again from the bundle's original (itself held to the ledger) by the same code, at the picture's own width, and
the two are compared pixel by pixel. Drawn by the same version of the renderer, no pixel may differ by more
than a shade. Drawn by another version, whose edges may fall a pixel apart all over the page, no 16 × 16 square
may have more than TILE_TOLERANCE of its pixels changed: a figure painted over changes whole squares. (A change
smaller than that could then pass: the report says which version drew the picture.)

Drawing runs in a worker of the pictures' pool (ingest/pictures.py within its limits): a bundle may come from
anyone, and its PDF may take an hour to draw or its PNG declare billions of pixels.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from archive.errors import CaptureError
from archive.tools import version_of

if TYPE_CHECKING:
    from archive.bundlecheck import BundleReport

TILE_TOLERANCE = 0.25  # share of a square's pixels that may differ, drawn by another version of the renderer
_KINDS = {"application/pdf": "pdf"}  # a capture's media type: what draws its pages (images otherwise)


def check_pictures(files: dict[str, bytes], items: list[dict], report: BundleReport) -> None:
    """Check the picture each region annotation names: there, and what it says it is."""
    redrawn: dict[tuple, str | None] = {}  # the same page is drawn again once, however many regions it holds
    for item in items:
        target = item["target"]
        picture = target.get("evidence:picture")
        if not isinstance(picture, dict):
            continue
        report.count("pictures")
        where, path = item["id"], picture.get("file")
        data = files.get(path) if isinstance(path, str) else None
        if data is None:
            report.problem("picture_missing", where, f"the picture {path} the region is drawn on is not in the bundle")
            continue
        if picture.get("part") == "screenshot":
            digest = hashlib.sha256(data).hexdigest()
            if digest != picture.get("sha256"):
                report.problem("picture_mismatch", where, f"the screenshot {path} hashes to {digest}, not to "
                                                          f"{picture.get('sha256')}")
            continue
        drawn = picture.get("drawn") or {}
        key = (path, drawn.get("from"), drawn.get("page"))
        if key not in redrawn:
            redrawn[key] = _drawn_again(files, target, drawn, data)
        if redrawn[key]:
            report.problem("picture_mismatch", where, redrawn[key])


def _drawn_again(files: dict[str, bytes], target: dict, drawn: dict, data: bytes) -> str | None:
    """Draw the page again from the bundle's original; say how the picture differs from it, or None."""
    from ingest.pictures import PICTURE_LIMITS, differing_share
    from ingest.workers import run_isolated

    original, page = drawn.get("from"), drawn.get("page")
    if original not in files or not isinstance(page, int) or isinstance(page, bool):
        return f"the original {original} it is said to be drawn from is not in the bundle, or names no page"
    media_type = str((target.get("evidence:capture") or {}).get("media_type"))
    kind = _KINDS.get(media_type, "image")
    try:
        overall, worst = run_isolated(f"page {page} of {original}", differing_share,
                                      (files[original], kind, page, data, f"page {page} of {original}"), PICTURE_LIMITS)
    except CaptureError as exc:
        return f"the picture cannot be compared with page {page} drawn again: {exc.reason}"
    tool = "pypdfium2" if kind == "pdf" else "Pillow"
    same_renderer = drawn.get("by") == f"{tool} {version_of(tool)}"
    if (same_renderer and overall > 0) or worst > TILE_TOLERANCE:
        return (f"the picture is not page {page} of {original} as drawn again by {tool} {version_of(tool)} "
                f"({overall:.2%} of its pixels differ, up to {worst:.0%} of a 16 × 16 square; drawn by "
                f"{drawn.get('by')})")
    return None
