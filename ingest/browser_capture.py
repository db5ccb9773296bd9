"""A browser capture: what a browser showed of a page (ingest/browser.py), kept as evidence.

The capture's original is the rendered DOM as HTML (method "browser", kind "html"), its text extracted as any
page's (ingest/html.py), so `verify --reextract` extracts the same text again from it. Beside it, as originals of
the same capture: the full-page screenshot (part "screenshot", PNG), where each block of text stood on it (part
"layout", JSON: ingest/page_layout.py) and every request and response of the visit as WARC records (the blob
`warc_sha256` names). The notes say how it was taken: the browser and its version, the viewport, the user
agent, when the load settled (or that it had not, and the capture is partial), what was refused and why, and
where the screenshot was cut.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from archive.models import NewCapture, Part
from archive.tools import version_of
from archive.warc_writer import HttpExchange, visit_warc
from ingest.base import Loaded
from ingest.browser import VIEWPORT, Visit, visit
from ingest.html import HtmlIngestor
from ingest.interception import Refusal
from ingest.limits import Limits

LISTED = 10  # refusals named one by one in the notes; the rest are counted


def capture_in_browser(source: str, limits: Limits) -> NewCapture:
    """Capture a URL as a browser shows it, or raise CaptureError saying why not."""
    seen = visit(source, limits)
    headers = seen.answer.merged_headers()
    loaded = Loaded(source=source, method="browser", body=seen.dom.encode("utf-8"), captured_at=seen.captured_at,
                    name=urlsplit(seen.final_url).path or "/", declared_type="text/html",
                    content_type=headers.get("content-type"), url=seen.url, final_url=seen.final_url,
                    redirects=seen.redirects, http_status=seen.answer.status, http_headers=headers,
                    http_reason=seen.answer.reason, request_headers=seen.answer.sent)
    captured = HtmlIngestor().capture(loaded)
    captured.notes = [*captured.notes, *notes(seen, limits)]
    captured.tools = {**captured.tools, "chromium": seen.browser.split()[-1], "playwright": version_of("playwright")}
    captured.parts = [Part(role="screenshot", media_type="image/png", body=seen.screenshot),
                      Part(role="layout", media_type="application/json",
                           body=json.dumps(seen.layout, ensure_ascii=False, separators=(",", ":")).encode())]
    exchanges = [HttpExchange(e.url, e.method, e.answer.sent, e.request_body, e.answer.status, e.answer.reason,
                              e.answer.headers, e.answer.body, e.at) for e in seen.exchanges]
    captured.exchange = visit_warc(exchanges, _shown(seen, exchanges), summary(seen))
    return captured


def notes(seen: Visit, limits: Limits) -> list[str]:
    """Say how the capture was taken, and what of the page it lacks."""
    said = [f"captured in a browser: {seen.browser} (headless, driven by Playwright {version_of('playwright')}"
            f"{'' if seen.sandboxed else ', without its sandbox: running as root'}), viewport "
            f"{VIEWPORT['width']}×{VIEWPORT['height']}, user agent {seen.user_agent}"]
    if not seen.loaded:
        waiting = f" (still waiting for {_listed(seen.waiting_for)})" if seen.waiting_for else ""
        said.append(f"partial capture: the page had not finished loading after {limits.timeout:g} s{waiting}; "
                    f"it was captured as it stood at {seen.settled_at}")
    elif not seen.settled:
        said.append(f"the page loaded but kept requesting; it was taken as it stood at {seen.settled_at}")
    else:
        said.append(f"the page's load settled at {seen.settled_at}")
    blocked = [r for r in seen.refusals if r.blocked]
    failed = [r for r in seen.refusals if not r.blocked]
    if blocked:
        said.append(f"refused {_count(blocked, 'request')}: {_reasons(blocked)}")
    if failed:
        said.append(f"{_count(failed, 'request')} failed: {_reasons(failed)}")
    if seen.page_height > seen.layout["height"]:
        said.append(f"the screenshot keeps the top {seen.layout['height']:,} px of a page {seen.page_height:,} px "
                    "tall (the height limit)")
    if seen.page_width > seen.layout["width"]:
        said.append(f"the screenshot keeps the left {seen.layout['width']:,} px of a page {seen.page_width:,} px wide")
    return said


def summary(seen: Visit) -> dict:
    """Return the visit as the WARC's metadata record tells it."""
    return {"browser": seen.browser, "user_agent": seen.user_agent, "viewport": VIEWPORT,
            "sandboxed": seen.sandboxed, "settled_at": seen.settled_at, "captured_at": seen.captured_at,
            "loaded": seen.loaded, "settled": seen.settled, "waiting_for": seen.waiting_for,
            "refused": [{"url": r.url, "reason": r.reason, "blocked": r.blocked} for r in seen.refusals],
            "screenshot": {"width": seen.layout["width"], "height": seen.layout["height"],
                           "page_width": seen.page_width, "page_height": seen.page_height}}


def _shown(seen: Visit, exchanges: list[HttpExchange]) -> HttpExchange | None:
    """Return the recorded exchange of the document the browser showed."""
    for original, recorded in zip(seen.exchanges, exchanges):
        if original.answer is seen.answer:
            return recorded
    return None


def _reasons(refusals: list[Refusal]) -> str:
    shown = "; ".join(f"{r.url} ({r.reason})" for r in refusals[:LISTED])
    return shown + (f"; and {len(refusals) - LISTED} more" if len(refusals) > LISTED else "")


def _listed(urls: list[str]) -> str:
    shown = ", ".join(urls[:LISTED])
    return shown + (f" and {len(urls) - LISTED} more" if len(urls) > LISTED else "")


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}" + ("" if len(items) == 1 else "s")
