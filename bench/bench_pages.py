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

`--kind claims` times claim pages instead, whose "Where sources disagree" line-up reads the whole archive:

    .venv/bin/python bench/bench_pages.py --kind claims --captures 3000 --seconds 60 --clients 8 \
        --baseline ../main --out bench/out

The archive holds the 12 samples (the drone story) and --captures less 12 replicated corpus pages, the story's
claims and its two entities with their aliases. Readers open the claims' pages (and, one time in five, the API's
claim), while one more client uploads a new source (one more account of the story's 500 drones) every
--change-every seconds: each is a change to the archive, so a claim's line-up made before it is out of date.
Request kinds: "claim page, first after a change" (no reader opened that claim since the last change), "claim
page, again", both together as "claim page, every view", and "api claim". With --baseline PATH (a checkout, e.g.
a worktree of main) the same phase runs on that code first, then on this checkout's, each on its own copy of one
archive (built by the baseline's code, so that both read its schema), in one run.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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

from bench_soak import Client, evidence, finish, free_port, percentile, wait_for_server, write_folder  # noqa: E402
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


SAMPLES = REPO / "samples"
CLAIMS = ["Kazakhstan exported $1.23 million of drones to Russia in 2022",
          "Aspan Arba sent 500 drones to Russia in 2022",
          "Nebesnaya Mekhanika sent 500 drones to Russia in 2022",
          "Sky Mechanics received 500 drones from Kazakhstan",
          "Aspan Arba held an export licence",
          "Небесная механика получила 500 беспилотников в 2022 году"]
ENTITIES = [["Nebesnaya Mekhanika", "Небесная механика", "Sky Mechanics", "Скај механикс", "Nebesnaya Mekhanica",
             "Celestial Mechanics"], ["Aspan Arba", "Аспан Арба"]]


def run_code(checkout: Path, home: Path, *args: str, **kwargs) -> subprocess.Popen:
    """Start `evidence --home HOME ARGS` on a checkout's code (an editable install may point elsewhere)."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    return subprocess.Popen([sys.executable, "-m", "app", "--home", str(home), *args], cwd=checkout,
                            env=environment, **kwargs)


def build_claims_archive(home: Path, sources: Path, checkout: Path, captures: int) -> list[int]:
    """Ingest the samples and corpus pages up to `captures`, record the story's entities and claims; return the
    claims' ids."""
    shutil.copytree(SAMPLES, sources / "samples")
    write_folder(sources / "pages", 0, captures - len(list(SAMPLES.iterdir())))
    for step in (["ingest", str(sources)], *(["entity", "add", names[0], "--kind", "company",
                                               *[arg for alias in names[1:] for arg in ("--alias", alias)]]
                                              for names in ENTITIES)):
        done = run_code(checkout, home, *step, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        output = done.communicate(timeout=3600)[0]
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(step[:2])} failed: {output[-2000:]!r}")
    ids = []
    for text in CLAIMS:
        done = run_code(checkout, home, "claim", "add", text, "--json", stdout=subprocess.PIPE)
        ids.append(json.loads(done.communicate(timeout=300)[0])["id"])
    return ids


def copy_home(home: Path, copy: Path) -> None:
    """Copy an archive home, its originals hard-linked (they are written once), the rest copied."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(home, copy, copy_function=lambda src, dst: os.link(src, dst) if "/blobs/" in src
                    else shutil.copy2(src, dst))


class ClaimReader(Client):
    """One reader of claim pages (and now and then the API's claim), until the deadline."""

    def __init__(self, number: int, port: int, deadline: float, stats: dict, claims: list[int], fresh: set,
                 lock: threading.Lock):
        super().__init__(number, port, deadline, stats, [], seed_id=1)
        self.claim_ids, self.fresh, self.lock = claims, fresh, lock

    def run(self) -> None:
        while time.monotonic() < self.deadline:
            claim = self.random.choice(self.claim_ids)
            if self.random.random() < 0.2:
                self.request("api claim", "GET", f"/api/claims/{claim}")
                continue
            with self.lock:  # the first view of a claim since the archive last changed
                first = claim not in self.fresh
                self.fresh.add(claim)
            self.request(f"claim page, {'first after a change' if first else 'again'}", "GET", f"/claims/{claim}")


class Changer(Client):
    """Uploads a new source every `every` seconds, one more account of the story's 500 drones: a change to the
    archive after which every claim's line-up is out of date."""

    def __init__(self, port: int, deadline: float, stats: dict, every: float, fresh: set, lock: threading.Lock):
        super().__init__(99, port, deadline, stats, [], seed_id=1)
        self.every, self.fresh, self.lock = every, fresh, lock

    def run(self) -> None:
        number = 0
        while time.monotonic() + self.every < self.deadline:
            time.sleep(self.every)
            number += 1
            text = f"Report {number}: Aspan Arba sent 500 drones to Russia in 2022, customs filing {number} shows."
            if self.upload("api add capture (a change)", f"change-{number}.txt", text.encode()) == 201:
                with self.lock:
                    self.fresh.clear()

    def upload(self, kind: str, name: str, data: bytes) -> int:
        """POST one file to /api/captures as a form upload, timed as `kind`."""
        boundary = f"bench{self.random.getrandbits(64):x}"
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: text/plain\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        started = time.perf_counter()
        status, answer = 0, b""
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            connection.request("POST", "/api/captures", body=body,
                               headers={"Content-Type": f"multipart/form-data; boundary={boundary}",
                                        "X-Requested-With": "bench_pages"})  # what the API asks of an upload
            response = connection.getresponse()
            answer = response.read()
            status = response.status
            connection.close()
        except (OSError, http.client.HTTPException) as exc:
            self.stats["errors"].append(f"{kind}: {type(exc).__name__}: {exc}")
        self.stats["latency"][kind].append((time.perf_counter() - started) * 1000)
        if status != 201:
            self.stats["errors"].append(f"{kind}: HTTP {status} {answer[:200]!r}")
        return status


def claims_phase(checkout: Path, home: Path, claims: list[int], args, log_path: Path) -> dict:
    """Serve `home` on a checkout's code and time claim pages under --clients readers and one changer."""
    port = free_port()
    log = open(log_path, "w")
    server = run_code(checkout, home, "serve", "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    wait_for_server(port)
    load_before = os.getloadavg()
    started = time.monotonic()
    stats = {"latency": defaultdict(list), "errors": []}
    fresh: set = set()
    lock = threading.Lock()
    people = [ClaimReader(n, port, started + args.seconds, stats, claims, fresh, lock) for n in range(args.clients)]
    if args.change_every > 0:
        people.append(Changer(port, started + args.seconds, stats, args.change_every, fresh, lock))
    for person in people:
        person.start()
    elapsed = finish(people, server, log, started, args.seconds * 5)
    stats["latency"]["claim page, every view"] = [ms for kind, values in list(stats["latency"].items())
                                                  if kind.startswith("claim page") for ms in values]
    return {"code": str(checkout), "seconds": round(elapsed, 1), "load_before": [round(v, 2) for v in load_before],
            "load_after": [round(v, 2) for v in os.getloadavg()],
            "requests": sum(len(v) for v in stats["latency"].values()), "errors": len(stats["errors"]),
            "error_samples": stats["errors"][:10],
            "latency_ms": {kind: {"n": len(v), "p50": round(percentile(v, 0.5), 1),
                                  "p95": round(percentile(v, 0.95), 1), "max": round(max(v), 1)}
                           for kind, v in sorted(stats["latency"].items())}}


def claims_main(args) -> int:
    """Build (or reuse) the claims archive, then run the baseline's phase and this checkout's, one after the other."""
    built, sources = args.out / "claims-home", args.out / "claims-sources"
    checkouts = ([args.baseline.resolve()] if args.baseline else []) + [REPO]
    ids_file = args.out / "claims-ids.json"
    if not (args.reuse and ids_file.exists()):
        shutil.rmtree(built, ignore_errors=True)
        shutil.rmtree(sources, ignore_errors=True)
        ids_file.write_text(json.dumps(build_claims_archive(built, sources, checkouts[0], args.captures)))
    claims = json.loads(ids_file.read_text())
    phases = []
    for round_number in range(args.rounds):
        for checkout in checkouts:
            home = args.out / "claims-serve-home"
            copy_home(built, home)
            phases.append({"round": round_number + 1, **claims_phase(checkout, home, claims, args,
                                                                     args.out / "claims-serve.log")})
    (args.out / "claims-results.json").write_text(json.dumps(phases, indent=2))
    print(f"Claim pages: {args.clients} readers, one change every {args.change_every} s, {args.captures} captures.\n")
    print("| round | code | request | n | p50 ms | p95 ms | max ms | load before / after |\n"
          "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |")
    for phase in phases:
        if phase["errors"]:
            print(f"| {phase['round']} | {Path(phase['code']).name} | errors: {phase['errors']}, "
                  f"{phase['error_samples'][:2]} | | | | | |")
        load = f"{phase['load_before'][0]} / {phase['load_after'][0]}"
        for kind, v in phase["latency_ms"].items():
            print(f"| {phase['round']} | {Path(phase['code']).name} | {kind} | {v['n']} | {v['p50']} | {v['p95']} | "
                  f"{v['max']} | {load} |")
    return 1 if any(phase["errors"] for phase in phases) else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", choices=("pages", "claims"), default="pages")
    parser.add_argument("--baseline", type=Path, default=None, help="claims: a checkout to run first, on a copy")
    parser.add_argument("--change-every", type=float, default=10.0, help="claims: seconds between two changes")
    parser.add_argument("--rounds", type=int, default=1, help="claims: phases of each checkout, alternating")
    parser.add_argument("--reuse", action="store_true", help="claims: reuse the archive a run before built")
    parser.add_argument("--captures", type=int, default=40)
    parser.add_argument("--pages", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    args = parser.parse_args()
    args.out = args.out.resolve()  # the servers run in their checkout's folder
    args.out.mkdir(parents=True, exist_ok=True)
    if args.kind == "claims":
        return claims_main(args)

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
