"""Soak: many hands on one archive at once, on loopback only, for a bounded time.

Two `evidence ingest` processes (each ingesting new folders one after the other), a `reindex` part way
through, and `evidence serve` under 8 concurrent clients that search, read every kind of page and write
(claims, citations, status changes). Then it checks: no errors, no acknowledged write lost, every source
captured once, the ledger and the index complete, `evidence verify` clean. Usage:

    .venv/bin/python bench/bench_soak.py --seconds 120 --clients 8 --out bench/out
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from urllib.parse import quote
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]

from bench_ingest import insertion_point, marker, source_pages  # noqa: E402

QUERIES = ["drone", "government", '"the company"', "million", "lang:de", "kind:html police", "政府", "Россия",
           "$1.23 million", "market OR bank", "election NOT vote"]
SEED_TEXT = ("Kazakhstan exported $1.23 million of drones to Russia in 2022, customs records show. "
             "The ministry confirmed the figure.")


def write_folder(folder: Path, first: int, count: int) -> int:
    """Write `count` replicated corpus pages numbered from `first` (distinct bytes and text everywhere)."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = source_pages()
    points = [insertion_point(raw) for _, raw in pages]
    for number in range(first, first + count):
        index, replica = number % len(pages), number // len(pages)
        name, raw = pages[index]
        (folder / f"{number:06d}-{name}.html").write_bytes(raw[:points[index]] + marker(replica, name)
                                                            + raw[points[index]:])
    return count


def evidence(home: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "app", "--home", str(home), *args], cwd=REPO, **kwargs)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(port: int, seconds: float = 60.0) -> None:
    """Wait until something listens on the port (the server started), at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)


class Client(threading.Thread):
    """One user of the web server: a random mix of reads and writes until the deadline."""

    def __init__(self, number: int, port: int, deadline: float, stats: dict, acknowledged: list, seed_id: int,
                 pdf_id: int | None = None):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.port, self.deadline = number, port, deadline
        self.stats, self.acknowledged, self.seed_id, self.pdf_id = stats, acknowledged, seed_id, pdf_id
        self.random = random.Random(number)
        self.claims: list[int] = []

    def request(self, kind: str, method: str, path: str, body: dict | None = None) -> tuple[int, dict | None]:
        started = time.perf_counter()
        status, data = 0, None
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            headers = {"Content-Type": "application/json"} if body is not None else {}
            connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
            response = connection.getresponse()
            raw = response.read()
            status = response.status
            if response.getheader("Content-Type", "").startswith("application/json"):
                data = json.loads(raw)
            connection.close()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            self.stats["errors"].append(f"{kind} {path}: {type(exc).__name__}: {exc}")
        elapsed = (time.perf_counter() - started) * 1000
        self.stats["latency"][kind].append(elapsed)
        if status >= 500 or status == 0:
            self.stats["errors"].append(f"{kind} {path}: HTTP {status} {data}")
        return status, data

    def run(self) -> None:
        actions = [self.search, self.search, self.search, self.page, self.page, self.add_claim, self.cite,
                   self.set_status, self.read_claim]
        while time.monotonic() < self.deadline:
            self.random.choice(actions)()

    def search(self) -> None:
        query = self.random.choice(QUERIES)
        self.request("api search", "GET", f"/api/search?q={quote(query)}")
        if self.random.random() < 0.3:
            self.request("search page", "GET", f"/?q={quote(query)}")

    def page(self) -> None:
        path = self.random.choice(["/captures", "/claims", f"/captures/{self.seed_id}", "/add",
                                   "/api/captures?limit=20"] + (["PDF"] if self.pdf_id else []))
        if path == "PDF":  # a PDF's page view, then its page's picture, as a browser asks for them
            self.request("page /captures/ID?page=2 (PDF)", "GET", f"/captures/{self.pdf_id}?page=2")
            self.request("page picture", "GET", f"/captures/{self.pdf_id}/pages/2.png")
            return
        self.request("page " + path.split("?")[0].rstrip("0123456789"), "GET", path)

    def add_claim(self) -> None:
        text = f"Client {self.number} claim {len(self.claims)}: exports of $1.{self.random.randint(10, 99)} million"
        status, data = self.request("api add claim", "POST", "/api/claims", {"text": text})
        if status == 201 and data:
            self.claims.append(data["id"])
            self.acknowledged.append(("claim", data["id"], text))

    def cite(self) -> None:
        if not self.claims:
            return self.add_claim()
        claim_id = self.random.choice(self.claims)
        status, data = self.request("api cite", "POST", "/api/citations", {
            "claim_id": claim_id, "capture_id": self.seed_id, "quote": "exported $1.23 million of drones"})
        if status == 201 and data:
            self.acknowledged.append(("citation", data["id"], claim_id))

    def set_status(self) -> None:
        if self.claims:
            claim_id = self.random.choice(self.claims)
            status, _ = self.request("api status", "PATCH", f"/api/claims/{claim_id}", {"status": "supported"})
            if status == 200:
                self.acknowledged.append(("status", claim_id, "supported"))

    def read_claim(self) -> None:
        if self.claims:
            self.request("claim page", "GET", f"/claims/{self.random.choice(self.claims)}")


def finish(threads: list[threading.Thread], server: subprocess.Popen, log, started: float, wait: float) -> float:
    """Wait for the simulated people (each at most `wait` s), stop the server; return the seconds since `started`."""
    for thread in threads:
        thread.join(wait)
    elapsed = time.monotonic() - started
    server.terminate()
    server.wait(30)
    log.close()
    return elapsed


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--batch", type=int, default=150, help="pages per folder an ingest process takes")
    parser.add_argument("--reindex-at", type=float, default=40.0, help="seconds after the start")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    args = parser.parse_args()

    home = args.out / "soak-home"
    sources = args.out / "soak-sources"
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(sources, ignore_errors=True)
    seed = sources / "seed.txt"
    seed.parent.mkdir(parents=True)
    seed.write_text(SEED_TEXT)
    subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", str(seed),
                    str(REPO / "samples" / "customs-report-2022.pdf")], cwd=REPO, check=True, capture_output=True,
                   timeout=300)

    port = free_port()
    log = open(args.out / "soak-serve.log", "w")
    server = evidence(home, "serve", "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    wait_for_server(port)

    started = time.monotonic()
    deadline = started + args.seconds
    stats = {"latency": defaultdict(list), "errors": []}
    acknowledged: list = []
    clients = [Client(n, port, deadline, stats, acknowledged, seed_id=1, pdf_id=2) for n in range(args.clients)]
    for client in clients:
        client.start()

    written = {"pages": 0}
    runs: list[dict] = []
    lock = threading.Lock()

    def ingester(name: str) -> None:
        round_ = 0
        while time.monotonic() < deadline - 10:
            with lock:
                first = written["pages"]
                written["pages"] += args.batch
            folder = sources / f"{name}-{round_}"
            write_folder(folder, 10_000 + first, args.batch)
            begun = time.monotonic()
            done = evidence(home, "ingest", "--json", str(folder), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
            out, err = done.communicate(timeout=args.seconds * 5)
            statuses = [json.loads(line)["status"] for line in out.splitlines() if line.startswith("{")]
            runs.append({"who": name, "round": round_, "code": done.returncode, "pages": args.batch,
                         "captured": statuses.count("captured"), "failed": statuses.count("failed"),
                         "seconds": round(time.monotonic() - begun, 1), "stderr": err[-500:]})
            round_ += 1

    ingesters = [threading.Thread(target=ingester, args=(name,), daemon=True) for name in ("ingest-a", "ingest-b")]
    for thread in ingesters:
        thread.start()
    time.sleep(max(0.0, started + args.reindex_at - time.monotonic()))
    begun = time.monotonic()
    reindex = subprocess.run([sys.executable, "-m", "app", "--home", str(home), "reindex"], cwd=REPO,
                             capture_output=True, text=True, timeout=args.seconds * 5)
    reindex_result = {"code": reindex.returncode, "seconds": round(time.monotonic() - begun, 1),
                      "output": (reindex.stdout + reindex.stderr)[-300:]}

    elapsed = finish([*clients, *ingesters], server, log, started, args.seconds * 5)

    # What the archive must hold now.
    from archive.archive import Archive

    with Archive(home) as archive:
        captures = archive.catalog.count_captures()
        unindexed = archive.catalog.count_unindexed()
        documents = archive.index.document_ids()
        lost = []
        for kind, ident, value in acknowledged:
            if kind == "claim":
                claim = archive.catalog.get_claim(ident)
                if claim is None or claim.text != value:
                    lost.append((kind, ident))
            elif kind == "citation" and not archive.catalog.citations(citation_id=ident, include_removed=True):
                lost.append((kind, ident))
        statuses = {e["subject"] for e in archive.catalog.iter_ledger(("claim.status_changed",))}
        lost += [("status", ident) for kind, ident, _ in acknowledged if kind == "status" and str(ident) not in statuses]
        report = archive.verify()

    expected = 2 + sum(run["pages"] for run in runs)  # the seed text and the sample PDF, then the pages
    result = {
        "seconds": round(elapsed, 1), "clients": args.clients, "requests": sum(len(v) for v in stats["latency"].values()),
        "errors": len(stats["errors"]), "error_samples": stats["errors"][:10],
        "acknowledged_writes": len(acknowledged), "lost_writes": len(lost), "lost_samples": lost[:10],
        "ingest_runs": runs, "reindex": reindex_result,
        "sources": expected, "captures": captures, "unindexed": unindexed, "index_documents": len(documents),
        "index_duplicates": len(documents) - len(set(documents)), "verify_ok": report.ok,
        "verify_problems": [p.to_json() for p in report.problems[:10]], "ledger_entries": report.ledger_entries,
        "latency_ms": {kind: {"n": len(v), "p50": round(percentile(v, 0.5), 1), "p95": round(percentile(v, 0.95), 1),
                              "max": round(max(v), 1)} for kind, v in sorted(stats["latency"].items())},
    }
    (args.out / "soak-results.json").write_text(json.dumps(result, indent=2))
    print(markdown(result))
    failed = (result["errors"] or result["lost_writes"] or captures != expected or unindexed
              or len(documents) != captures or not report.ok or reindex.returncode
              or any(run["code"] or run["failed"] for run in runs))
    return 1 if failed else 0


def markdown(result: dict) -> str:
    lines = [f"Soak: {result['seconds']} s, {result['clients']} clients, {result['requests']} requests, "
             f"{result['errors']} errors; {result['acknowledged_writes']} acknowledged writes, "
             f"{result['lost_writes']} lost.",
             f"Ingest runs: {len(result['ingest_runs'])} ("
             + ", ".join(f"{r['who']}#{r['round']}: {r['captured']}/{r['pages']} in {r['seconds']} s, exit {r['code']}"
                         for r in result["ingest_runs"]) + ").",
             f"Reindex: exit {result['reindex']['code']} in {result['reindex']['seconds']} s.",
             f"Captures {result['captures']} of {result['sources']} sources; {result['unindexed']} unindexed; "
             f"{result['index_documents']} index documents ({result['index_duplicates']} duplicates); "
             f"ledger {result['ledger_entries']} entries; verify {'OK' if result['verify_ok'] else 'FAILED'}.",
             "", "| request | n | p50 ms | p95 ms | max ms |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {kind} | {v['n']} | {v['p50']} | {v['p95']} | {v['max']} |"
              for kind, v in result["latency_ms"].items()]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
