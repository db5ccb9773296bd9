"""Make docs/images/browser-capture.png: the page of a browser capture, its screenshot beside its text and a
cited passage boxed on it.

It serves a small news page on 127.0.0.1 whose article a script writes, captures it with `ingest --browser` into a
temporary archive, cites a sentence, serves the archive with `evidence serve` and photographs the capture page
with Playwright in Debian's Chromium. Run from the repository root with the project's venv:

    .venv/bin/python docs/images/make_browser_capture.py
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO)]

from tests.local_server import LocalServer  # noqa: E402  (the tests' own local site)

OUT = Path(__file__).resolve().parent / "browser-capture.png"
CITED = "Customs records show that Kazakhstan exported drones worth $1.23 million to Russia in 2022."
ARTICLE = [CITED, "The figure comes from the annual customs register, table 4, which lists unmanned aircraft "
           "and their parts by destination.", "Officials in Astana declined to comment on the shipments. A "
           "spokesman for the ministry said the exports had been licensed under the rules then in force.",
           "Trade analysts noted that the same register shows no such exports in 2021."]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Drone exports to Russia</title>
<style>body{margin:0;font-family:Georgia,serif;color:#222} header{background:#12355b;color:#fff;padding:14px 40px;
font:700 22px sans-serif} main{display:flex;gap:40px;padding:24px 40px} article{flex:3} aside{flex:1;background:#f1f1f1;
padding:16px;font:14px sans-serif} .byline{color:#666;font:14px sans-serif} figure{margin:0 0 16px;height:160px;
background:linear-gradient(135deg,#9cc3e6,#3a6ea5);color:#fff;display:flex;align-items:end;padding:8px;
font:13px sans-serif} p{font-size:18px;line-height:1.55}</style></head>
<body><header>The Border Ledger</header><main><article><h1>Drone exports to Russia</h1>
<p class="byline">By the investigations desk · 3 December 2026</p><figure>A customs post on the border</figure>
<div id="story">Loading…</div></article><aside><b>Most read</b><p>Grain prices at a five-year low</p>
<p>New rail link opens</p></aside></main>
<script>setTimeout(() => { document.getElementById('story').innerHTML = PARAGRAPHS
  .map(text => '<p>' + text + '</p>').join(''); }, 300);</script></body></html>"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = LocalServer()
    url = site.serve("/2026/12/drone-exports", PAGE.replace("PARAGRAPHS", json.dumps(ARTICLE)))
    home = Path(tempfile.mkdtemp(prefix="evidence-docs-"))
    evidence = [sys.executable, "-m", "app", "--home", str(home)]
    try:
        subprocess.run([*evidence, "ingest", "--browser", "--allow-private", url], check=True, cwd=REPO)
        subprocess.run([*evidence, "claim", "add", "Kazakhstan exported $1.23 million of drones to Russia in 2022"],
                       check=True, cwd=REPO)
        subprocess.run([*evidence, "claim", "cite", "1", "1", CITED], check=True, cwd=REPO)
        port = free_port()
        server = subprocess.Popen([*evidence, "serve", "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(300):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium")
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                page.goto(f"http://127.0.0.1:{port}/captures/1")
                page.locator(".beside").screenshot(path=str(OUT))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        site.close()
        shutil.rmtree(home, ignore_errors=True)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
