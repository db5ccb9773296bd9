"""Show captures to people: their text as safe HTML, their title and source, and times as people read them.

Every run of text is wrapped in a span carrying its code-point offset (data-start), so the browser can tell
the server exactly where a selection starts, whatever markup surrounds it.

A capture's `source` is the path or URL as given; a local path says where a file sat on someone's disk,
which is nobody's business on a page, so pages name a file by its name only. The JSON API and the command
line keep the source as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timezone
from html import escape
from pathlib import PurePath

from flask import Flask
from markupsafe import Markup

from archive.clock import parse_time
from archive.figures import describe_agreement
from archive.lineup import describe_context
from archive.models import Capture, Citation
from archive.ocr_notice import describe_ocr, page_ranges
from archive.regions import describe_cell, describe_region

LOCAL_METHODS = ("file", "warc")  # sources that are paths on the machine that captured them
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # a year, a month or a day: shown as written


def init_app(app: Flask) -> None:
    """Register the filters and functions that templates use to show captures and figures to people."""
    app.add_template_filter(source_for_people)
    app.add_template_filter(title_for_people)
    app.add_template_filter(when)
    app.add_template_global(describe_agreement)
    app.add_template_global(describe_context)
    app.add_template_global(describe_ocr)
    app.add_template_global(describe_cell)
    app.add_template_global(describe_region)
    app.add_template_filter(page_ranges)


def when(value: str | None) -> Markup:
    """Show a stored time as people read it, in a <time> element that keeps the exact value.

    A timestamp becomes its date and minute in UTC, the zone named ("2026-12-02 17:18 UTC"); a date stays a
    date; a timestamp without a zone is shown without one; anything else is shown as it is.
    """
    if not value:
        return Markup("")
    shown = _human_time(value)
    if shown is None:
        return Markup(escape(value))
    return Markup(f'<time datetime="{escape(value)}">{escape(shown)}</time>')


def _human_time(value: str) -> str | None:
    """Return a date or timestamp as people read it, or None when it is neither."""
    if _DATE.fullmatch(value):
        return value
    parsed = parse_time(value)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        return parsed.strftime("%Y-%m-%d %H:%M")
    return parsed.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def source_for_people(capture: Capture) -> str:
    """Return a capture's source fit for a page: a URL or upload label as given, a local file by its name."""
    source = capture.source or ""
    if capture.method not in LOCAL_METHODS:
        return source
    # A WARC record is PATH#OFFSET, or PATH!MEMBER#OFFSET inside a WACZ: keep what follows the file's name.
    path, bang, member = source.partition("!")
    path, hash_, offset = path.partition("#") if not bang else (path, "", "")
    return PurePath(path).name + hash_ + offset + bang + member


def title_for_people(capture: Capture) -> str:
    """Return a capture's title, else its source as pages show it."""
    return capture.title or source_for_people(capture) or f"Capture #{capture.id}"


@dataclass(frozen=True)
class Boundary:
    offset: int
    kind: str  # "page" | "hit"
    value: int


def render_text(text: str, pages: list[list[int]] | None, citations: list[Citation],
                hit: int | None = None, hit_end: int | None = None, ocr_pages: list[int] = ()) -> Markup:
    """Return the text as HTML with <section> per PDF page, <mark> for cited passages and the search hit; the
    pages in `ocr_pages` are marked as read by OCR.

    The hit runs from `hit` to `hit_end` (a figure as the figure engine found it, a cited passage), or to the
    end of the word at `hit` when no end is given.
    """
    cuts = {0, len(text)}
    for citation in citations:
        cuts.update((max(0, min(citation.start, len(text))), max(0, min(citation.end, len(text)))))
    for start, end in pages or []:
        cuts.update((start, end))
    span = _hit_span(text, hit, hit_end)
    if span:
        cuts.update(span)
    points = sorted(cuts)
    page_starts = {start: number for number, (start, _end) in enumerate(pages or [], start=1)}
    out: list[str] = []
    open_page = False
    for begin, end in zip(points, points[1:]):
        if begin in page_starts:
            if open_page:
                out.append("</section>")
            number = page_starts[begin]
            read = " · text read by OCR" if number in ocr_pages else ""
            out.append(f'<section class="page{" ocr" if read else ""}" id="page-{number}" data-page="{number}">'
                       f'<h3 class="page-marker" aria-label="Page {number}{read}">Page {number}{read}</h3>')
            open_page = True
        out.append(_piece(text, begin, end, citations, span))
    if open_page:
        out.append("</section>")
    return Markup("".join(out))


def _hit_span(text: str, hit: int | None, hit_end: int | None) -> tuple[int, int] | None:
    """Return the span to mark as the hit, kept inside the text; None when there is none."""
    if hit is None or not 0 <= hit < len(text):
        return None
    if hit_end is None or not hit < hit_end:
        return hit, _word_end(text, hit)
    return hit, min(hit_end, len(text))


def _piece(text: str, begin: int, end: int, citations: list[Citation], hit: tuple[int, int] | None) -> str:
    body = f'<span class="t" data-start="{begin}">{escape(text[begin:end])}</span>'
    covering = [c for c in citations if c.start <= begin and end <= c.end]
    if hit is not None and hit[0] <= begin and end <= hit[1]:
        # A hit split by a page or a citation is marked piece by piece; the page scrolls to the first.
        anchor = ' id="hit"' if begin == hit[0] else ""
        body = f'<mark class="hit"{anchor}>{body}</mark>'
    if covering:
        ids = " ".join(f"citation-{c.id}" for c in covering)
        claims = ", ".join(f"claim #{c.claim_id} ({c.stance})" for c in covering)
        body = (f'<a class="cited" href="/claims/{covering[0].claim_id}#citation-{covering[0].id}" '
                f'data-citations="{ids}" title="Cited for {escape(claims)}">{body}</a>')
    return body


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and end - start < 80:
        end += 1
    return max(end, start + 1)
