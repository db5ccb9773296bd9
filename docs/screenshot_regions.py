"""Make the screenshots of docs/regions-and-cells.md: the sample customs report captured by `evidence ingest`, a
cell of its table and a region of its page cited from the command line, then its page view and the claim page
in Debian's Chromium through Playwright.

    .venv/bin/python docs/screenshot_regions.py      # writes docs/images/pdf-page-view.png and table-cell-citation.png
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from screenshot_ocr import DOCS, REPO, browsing, evidence

SAMPLE = REPO / "samples" / "customs-report-2022.pdf"
CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        [line] = [json.loads(text) for text in evidence(home, "ingest", "--json", str(SAMPLE)).splitlines()]
        capture = line["capture"]["id"]
        claim = json.loads(evidence(home, "claim", "add", CLAIM, "--json"))["id"]
        cell = json.loads(evidence(home, "claim", "cite", str(claim), str(capture), "--cell", "2:1:2:4",
                                   "--note", "Table 4.2 of the customs report", "--json"))
        with browsing(home, {"width": 1400, "height": 1000}) as (page, base):
            page.goto(f"{base}/captures/{capture}?page=2&cell=2:1:3:4#page-view")
            page.wait_for_function("() => document.querySelector('#page-view svg image')")
            page.wait_for_timeout(500)  # the SVG's picture, fetched from the page-picture route, drawn
            page.locator(".beside").screenshot(path=str(DOCS / "images" / "pdf-page-view.png"))
            page.goto(f"{base}/claims/{claim}#citation-{cell['id']}")
            page.wait_for_timeout(800)
            page.locator(f"#citation-{cell['id']}").screenshot(path=str(DOCS / "images" / "table-cell-citation.png"))
    print(f"capture #{capture}, claim #{claim}: citation #{cell['id']} of {cell['exact']!r}, cell {cell['cell']}")


if __name__ == "__main__":
    main()
