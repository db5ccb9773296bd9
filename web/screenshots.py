"""A browser capture's screenshot on its pages: which passages are marked on it, and where.

The capture page shows the whole screenshot beside the text, with a box on every cited passage and on the
passage a search hit or a claim page pointed at; a claim page shows, under each citation of a browser
capture, the part of the screenshot around it. Passages that archive/layout.py cannot place exactly get no
box, and the caption says how many.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.layout import Box, Layout

CROP_MARGIN = 160  # pixels of the screenshot shown above and below a citation's boxes on a claim page


@dataclass
class Mark:
    """A box drawn on the screenshot: where a passage stands, its kind ("cited", "hit") and a label."""

    box: Box
    kind: str
    label: str


@dataclass
class Shot:
    """What the screenshot macro (templates/_screenshot.html) draws."""

    width: int
    height: int
    marks: list[Mark] = field(default_factory=list)
    unplaced: int = 0  # passages asked for that could not be placed exactly
    view: tuple[int, int, int, int] | None = None  # x, y, width, height shown (None: the whole screenshot)

    @property
    def shown(self) -> tuple[int, int, int, int]:
        return self.view or (0, 0, self.width, self.height)


def capture_shot(layout: Layout | None, citations, hit: tuple[int, int] | None) -> Shot | None:
    """Return the screenshot of a capture page: its citations and the passage pointed at, marked."""
    if layout is None:
        return None
    shot = Shot(layout.width, layout.height)
    for citation in citations:
        label = f"Cited for claim #{citation.claim_id} ({citation.stance})"
        if citation.region:  # a region of the screenshot, given as it stands
            region = citation.region
            shot.marks.append(Mark(Box(region["x"], region["y"], region["w"], region["h"]), "cited", label))
        if citation.exact:
            _mark(shot, layout, citation.start, citation.end, "cited", label)
    if hit is not None and hit[0] < hit[1]:
        _mark(shot, layout, hit[0], hit[1], "hit", "The passage you came to")
    return shot


def citation_shot(layout: Layout | None, citation) -> Shot | None:
    """Return the part of a capture's screenshot around one citation (None when it cannot be placed)."""
    if layout is None:
        return None
    boxes = layout.boxes(citation.start, citation.end)
    if not boxes:
        return None
    top = max(0, min(b.y for b in boxes) - CROP_MARGIN)
    bottom = min(layout.height, max(b.y + b.height for b in boxes) + CROP_MARGIN)
    marks = [Mark(box, "cited", f"Cited for claim #{citation.claim_id} ({citation.stance})") for box in boxes]
    return Shot(layout.width, layout.height, marks, view=(0, top, layout.width, bottom - top))


def _mark(shot: Shot, layout: Layout, start: int, end: int, kind: str, label: str) -> None:
    boxes = layout.boxes(start, end)
    if not boxes:
        shot.unplaced += 1
    shot.marks.extend(Mark(box, kind, label) for box in boxes)
