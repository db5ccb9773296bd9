"""Page views of PDFs under concurrent readers: `evidence serve` on loopback only, --clients readers opening the
capture pages of PDFs at a page (its picture beside the text, the tables found on it) and the pictures of those
pages, as a browser does, for --seconds. Usage:

    .venv/bin/python bench/bench_pages.py --captures 40 --pages 6 --seconds 60 --clients 8 --out bench/out

Each capture is a PDF of --pages pages, each page a ruled customs table with a line of text above and below
(distinct values everywhere, so every PDF has bytes and tables of its own). Request kinds, timed apart:
- "capture page, first": the first time any reader opens that page of that capture (the sizes of its pages are
  read in a worker of the pictures' pool at the capture's first view; the first request of all starts the pool);
- "capture page, again": a page some reader opened before (sizes and tables read from cache/);
- "page picture, first" and "page picture, again": /captures/ID/pages/N.png, drawn, then read from cache/;
- "page tables": the tables of a page its first view came without, which the page's script then asks for.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]

from bench_soak import Client, evidence, finish, free_port, percentile, wait_for_server  # noqa: E402
from tests.documents import joined_pdf, table_pdf  # noqa: E402


def write_pdfs(folder: Path, captures: int, pages: int) -> None:
    """Write `captures` PDFs of `pages` pages, each a customs table of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(captures):
        documents = []
        for page in range(1, pages + 1):
            rows = [["HS code", "Goods", "Country", "Value, USD"]] + [
                [f"{8800 + row}", f"Goods of line {row}, report {number}", "Kazakhstan",
                 f"{(number + 1) * 1000 + page * 100 + row:,}"] for row in range(1, 9)]
            documents.append(table_pdf(f"Report {number}, table {page}", rows,
                                       before=[f"Customs report {number}, page {page} of {pages}."],
                                       after=[f"Values of report {number}, page {page}, in US dollars."]))
        (folder / f"report-{number:04d}.pdf").write_bytes(joined_pdf(*documents))


class Reader(Client):
    """One reader: a capture page at a page, then that page's picture, again and again until the deadline."""

    def __init__(self, number: int, port: int, deadline: float, stats: dict, captures: int, pages: int,
                 seen: set, lock: threading.Lock):
        super().__init__(number, port, deadline, stats, [], seed_id=1)
        self.captures, self.pages, self.seen, self.lock = captures, pages, seen, lock

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            capture, page = self.random.randint(1, self.captures), self.random.randint(1, self.pages)
            kind = self.kind("capture page", capture, page)
            self.request(kind, "GET", f"/captures/{capture}?page={page}")
            self.request(self.kind("page picture", capture, page), "GET", f"/captures/{capture}/pages/{page}.png")
            if kind.endswith("first"):  # the page came without its tables: its script asks for them, as here
                self.request("page tables", "GET", f"/captures/{capture}/pages/{page}/tables?fragment=1")

    def kind(self, what: str, capture: int, page: int) -> str:
        """Name the request: the first of its kind for this page of this capture, or again."""
        with self.lock:
            first = (what, capture, page) not in self.seen
            self.seen.add((what, capture, page))
        return f"{what}, {'first' if first else 'again'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--captures", type=int, default=40)
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    args = parser.parse_args()

    home, sources = args.out / "pages-home", args.out / "pages-sources"
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(sources, ignore_errors=True)
    write_pdfs(sources, args.captures, args.pages)
    subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", str(sources)], cwd=REPO,
                   check=True, capture_output=True, timeout=900)
    port = free_port()
    log = open(args.out / "pages-serve.log", "w")
    server = evidence(home, "serve", "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    wait_for_server(port)
    started = time.monotonic()
    stats = {"latency": defaultdict(list), "errors": []}
    seen: set = set()
    lock = threading.Lock()
    readers = [Reader(n, port, started + args.seconds, stats, args.captures, args.pages, seen, lock)
               for n in range(args.clients)]
    for reader in readers:
        reader.start()
    elapsed = finish(readers, server, log, started, args.seconds * 5)
    result = {"seconds": round(elapsed, 1), "clients": args.clients, "captures": args.captures, "pages": args.pages,
              "requests": sum(len(v) for v in stats["latency"].values()), "errors": len(stats["errors"]),
              "error_samples": stats["errors"][:10],
              "latency_ms": {kind: {"n": len(v), "p50": round(percentile(v, 0.5), 1),
                                    "p95": round(percentile(v, 0.95), 1), "max": round(max(v), 1)}
                             for kind, v in sorted(stats["latency"].items())}}
    (args.out / "pages-results.json").write_text(json.dumps(result, indent=2))
    print(f"Page views: {result['seconds']} s, {args.clients} clients, {args.captures} PDFs of {args.pages} pages, "
          f"{result['requests']} requests, {result['errors']} errors.\n")
    print("| request | n | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    for kind, v in result["latency_ms"].items():
        print(f"| {kind} | {v['n']} | {v['p50']} | {v['p95']} | {v['max']} |")
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
