"""Browser captures per minute: `evidence ingest --browser` against a bare Playwright load-and-screenshot of the
same pages, side by side in one run.

Serves N pages on 127.0.0.1 from this process (each different; a third write their text with a script, a third
load a stylesheet and images, a third are three screens long), then, round after round, times:
- ours: `evidence ingest --browser --allow-private --jobs J URL...` as a fresh process into a fresh archive
  home, from start to exit: start-up, a browser per page (launch, load, settle, scroll, screenshot, DOM and
  layout, close), every request through our client, the text extracted and indexed, the blobs and WARC stored;
- bare: one Python process with Playwright's sync API that launches Chromium once, and for each page opens a
  tab, `goto(url)` (the load event), takes a full-page screenshot and closes the tab, then closes the browser.
The two take turns within a round (the order swaps each round), so other work on a shared machine falls on
both alike. Reported: captures (pages) per minute, median and every round, and their ratio. Results go to
bench/out/browser-results.json and print as Markdown. Usage:

    .venv/bin/python bench/bench_browser.py --pages 12 --rounds 3 --jobs 1,2 --out bench/out
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PARAGRAPH = ("Customs records show exports of {n}.23 million dollars of drones and drone parts to Russia in 2022, "
             "a figure the ministry has not disputed. ")
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00"
       b"\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

BARE = """
import sys, time
from playwright.sync_api import sync_playwright
urls, out = sys.argv[2:], sys.argv[1]
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path={chromium!r})
    for number, url in enumerate(urls):
        page = browser.new_page(viewport={{"width": 1280, "height": 900}})
        page.goto(url, wait_until="load")
        page.screenshot(path=f"{{out}}/{{number}}.png", full_page=True)
        page.close()
    browser.close()
"""


def page(number: int) -> bytes:
    """Return page `number`: scripted text, a styled page with images, or a long article, by turns."""
    title = f"Drone exports, report {number}"
    text = "".join(f"<p>{PARAGRAPH.format(n=number) * 4}</p>" for _ in range(3))
    if number % 3 == 0:
        body = ('<div id="story"></div><script>document.getElementById("story").innerHTML = '
                + json.dumps(text) + ";</script>")
    elif number % 3 == 1:
        body = text + "".join(f'<img src="/pixel-{number}-{i}.gif" width="300" height="120">' for i in range(4))
    else:
        body = text * 8
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<link rel="stylesheet" href="/style.css"></head><body><article><h1>{title}</h1>{body}</article>'
            "</body></html>").encode()


class Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        if self.path.startswith("/page-"):
            body, kind = page(int(self.path.split("-")[1])), "text/html; charset=utf-8"
        elif self.path == "/style.css":
            body, kind = b"body { font-family: serif; max-width: 50rem; margin: auto; } img { margin: 4px; }", \
                "text/css"
        elif self.path.startswith("/pixel-"):
            body, kind = GIF, "image/gif"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def ours(urls: list[str], jobs: int, home: Path) -> float:
    """Time `evidence ingest --browser` of the URLs into a fresh home; return seconds."""
    shutil.rmtree(home, ignore_errors=True)
    command = [str(Path(sys.executable).parent / "evidence"), "--home", str(home), "ingest", "--browser",
               "--allow-private", "--jobs", str(jobs), "--json", *urls]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    seconds = time.monotonic() - started
    statuses = [json.loads(line)["status"] for line in done.stdout.splitlines()]
    if done.returncode or statuses.count("captured") != len(urls):
        raise SystemExit(f"ours failed ({done.returncode}): {done.stdout[-2000:]} {done.stderr[-2000:]}")
    return seconds


def bare(urls: list[str], folder: Path) -> float:
    """Time a bare Playwright load-and-screenshot of the URLs in one browser; return seconds."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.monotonic()
    subprocess.run([sys.executable, "-c", BARE.format(chromium=CHROMIUM), str(folder), *urls], check=True,
                   timeout=1800)
    seconds = time.monotonic() - started
    if len(list(folder.glob("*.png"))) != len(urls):
        raise SystemExit("bare Playwright did not take every screenshot")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--jobs", default="1,2", help="worker processes for ours, comma-separated")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/page-{n}" for n in range(options.pages)]
    jobs = [int(j) for j in options.jobs.split(",")]
    configs = ["bare", *(f"ours-{j}" for j in jobs)]
    seconds: dict[str, list[float]] = {name: [] for name in configs}
    loads = [os.getloadavg()[0]]
    for round_number in range(options.rounds):
        order = configs if round_number % 2 == 0 else list(reversed(configs))
        for name in order:
            if name == "bare":
                taken = bare(urls, options.out / "browser-bare")
            else:
                taken = ours(urls, int(name.split("-")[1]), options.out / "browser-home")
            seconds[name].append(taken)
            print(f"round {round_number + 1} {name}: {taken:.1f} s ({len(urls) / taken * 60:.1f}/min)",
                  file=sys.stderr)
        loads.append(os.getloadavg()[0])
    server.shutdown()
    per_minute = {name: [len(urls) / s * 60 for s in taken] for name, taken in seconds.items()}
    medians = {name: statistics.median(values) for name, values in per_minute.items()}
    results = {"pages": len(urls), "rounds": options.rounds, "seconds": seconds, "per_minute": per_minute,
               "median_per_minute": medians, "load_average_1m": loads, "cpus": os.cpu_count(),
               "chromium": subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()}
    (options.out / "browser-results.json").write_text(json.dumps(results, indent=1))
    shown = ", ".join(f"{load:.2f}" for load in loads)
    print(f"\n{len(urls)} pages, {options.rounds} rounds, load average (1 min) {shown}\n")
    print("| configuration | captures per minute, median | every round | median / bare |")
    print("| --- | ---: | --- | ---: |")
    for name in configs:
        rounds = ", ".join(f"{value:.1f}" for value in per_minute[name])
        print(f"| {name} | {medians[name]:.1f} | {rounds} | {medians[name] / medians['bare']:.2f} |")


if __name__ == "__main__":
    main()
