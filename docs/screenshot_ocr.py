"""Make the screenshots of docs/ocr.md: a scanned PDF captured by `evidence ingest`, its capture page and a
search hit, in Debian's Chromium through Playwright.

The scan is rendered from known text (a Russian customs notice and an English cover letter, one page each,
made only of page images, as a scanner makes them), so anyone can make the same pictures again:

    .venv/bin/python docs/screenshot_ocr.py            # writes docs/images/ocr-capture.png and ocr-search.png
"""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from PIL import Image, ImageDraw, ImageFont

DOCS = Path(__file__).resolve().parent
REPO = DOCS.parent
CHROMIUM = "/usr/bin/chromium"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PAGES = [
    "Dear editor,\n\nplease find enclosed the customs notice we discussed.\n"
    "It was handed to us in Almaty in March 2023.\n\nKind regards,\nthe reader desk",
    "ТАМОЖЕННОЕ УВЕДОМЛЕНИЕ № 4471\n\nЧерез северный пограничный переход в 2022 году\n"
    "вывезено 1230 беспилотников и запасных частей к ним\nна общую сумму 1,23 млн долларов США.\n\n"
    "Получатель: ООО «Агротехника», Екатеринбург.",
]
QUERY = "беспилотников"


def scanned_pdf() -> bytes:
    """Return a PDF made only of page images of PAGES (A4 at 150 dpi, on slightly grey paper), as a copier scans."""
    font = ImageFont.truetype(str(FONT), 34)
    images = []
    for text in PAGES:
        page = Image.new("L", (1240, 1754), 246)
        ImageDraw.Draw(page).multiline_text((130, 180), text, font=font, fill=20, spacing=22)
        images.append(page)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def evidence(home: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "app", "--home", str(home), *args], cwd=REPO, check=True,
                          capture_output=True, text=True, timeout=600)
    return done.stdout


def serve(home: Path) -> tuple[subprocess.Popen, str]:
    """Start `evidence serve` on a free port; return the process and its base URL once it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "app", "--home", str(home), "serve", "--port", str(port)],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("evidence serve did not answer within 60 s")


@contextmanager
def browsing(home: Path, viewport: dict) -> Iterator[tuple[Any, str]]:
    """Serve an archive home with `evidence serve` and open a tab of Debian's Chromium; yield it and the base URL."""
    from playwright.sync_api import sync_playwright

    process, base = serve(home)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            try:
                yield browser.new_page(viewport=viewport), base
            finally:
                browser.close()
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        home, scan = Path(folder) / "home", Path(folder) / "customs-notice-scan.pdf"
        scan.write_bytes(scanned_pdf())
        [line] = [json.loads(text) for text in evidence(home, "ingest", "--json", str(scan)).splitlines()]
        capture = line["capture"]
        hit = json.loads(evidence(home, "search", QUERY, "--json"))["hits"][0]
        with browsing(home, {"width": 1100, "height": 1500}) as (page, base):
            page.goto(f"{base}/captures/{capture['id']}?at={hit['offset']}#hit")
            page.screenshot(path=str(DOCS / "images" / "ocr-capture.png"), full_page=True)
            page.set_viewport_size({"width": 1100, "height": 520})
            page.goto(f"{base}/?q={quote(QUERY)}")
            page.screenshot(path=str(DOCS / "images" / "ocr-search.png"))
    print(f"capture #{capture['id']}: ocr {capture['ocr']}")


if __name__ == "__main__":
    main()
