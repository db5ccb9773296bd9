"""Team load: 20 people logged in at once on `evidence serve`, searching, reading and citing, on loopback only.

Makes an archive (a seed capture and --pages replicated corpus pages), one account per simulated person
(viewers, contributors, editors), starts `evidence serve`, logs everyone in through the login form (pages by
session cookie, the API by each person's token) and lets them work for --seconds. Then it checks: no errors,
every acknowledged citation and claim in the catalog with its author's name in the ledger, `evidence verify`
clean. Usage:

    .venv/bin/python bench/bench_team.py --seconds 60 --users 20 --out bench/out
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import random
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]

from bench_soak import QUERIES, SEED_TEXT, evidence, finish, free_port, percentile, write_folder  # noqa: E402

PASSWORD = "correct horse battery staple"
ROLES = ["viewer"] * 4 + ["contributor"] * 12 + ["editor"] * 4  # 20 people, cycled for other counts
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Person(threading.Thread):
    """One logged-in user: pages through a session cookie, the API with a token, until the deadline."""

    def __init__(self, name: str, role: str, token: str, port: int, deadline: float, stats: dict, acknowledged: list,
                 captures: int):
        super().__init__(name=name, daemon=True)
        self.captures = captures  # ids 1..captures exist
        self.role, self.token, self.base, self.deadline = role, token, f"http://127.0.0.1:{port}", deadline
        self.stats, self.acknowledged = stats, acknowledged
        self.random = random.Random(name)
        self.pages = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.claims: list[int] = []

    def call(self, kind: str, method: str, path: str, body: dict | None = None, form: dict | None = None,
             api: bool = False) -> tuple[int, str]:
        data, headers = None, {}
        if body is not None:
            data, headers = json.dumps(body).encode(), {"Content-Type": "application/json"}
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
        if api:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        opener = urllib.request.build_opener() if api else self.pages
        started = time.perf_counter()
        status, text = 0, ""
        try:
            with opener.open(request, timeout=60) as response:
                status, text = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode("utf-8", "replace")
        except OSError as exc:
            self.stats["errors"].append(f"{self.name} {kind} {path}: {type(exc).__name__}: {exc}")
        self.stats["latency"][kind].append((time.perf_counter() - started) * 1000)
        if status == 0 or status >= 400:
            self.stats["errors"].append(f"{self.name} {kind} {path}: HTTP {status} {text[:200]}")
        return status, text

    def log_in(self) -> bool:
        _, form = self.call("login form", "GET", "/login")
        token = _CSRF.search(form)
        if token is None:
            return False
        status, page = self.call("login", "POST", "/login", form={"name": self.name, "password": PASSWORD,
                                                                   "csrf_token": token.group(1), "next": "/"})
        return status == 200 and 'name="password"' not in page  # followed the redirect to the search page

    def run(self) -> None:
        if not self.log_in():
            self.stats["errors"].append(f"{self.name}: could not log in")
            return
        actions = [self.search, self.search, self.read, self.read, self.read_claim]
        if self.role != "viewer":
            actions += [self.cite, self.cite, self.add_claim]
        if self.role == "editor":
            actions += [self.judge]
        while time.monotonic() < self.deadline:
            self.random.choice(actions)()

    def search(self) -> None:
        query = urllib.parse.quote(self.random.choice(QUERIES))
        if self.random.random() < 0.5:
            self.call("search page", "GET", f"/?q={query}")
        else:
            self.call("api search", "GET", f"/api/search?q={query}", api=True)

    def read(self) -> None:
        path = self.random.choice(["/captures", "/claims", f"/captures/{self.random.randint(1, self.captures)}"])
        self.call("page " + path.rstrip("0123456789"), "GET", path)

    def read_claim(self) -> None:
        if self.claims:
            self.call("claim page", "GET", f"/claims/{self.random.choice(self.claims)}")

    def add_claim(self) -> None:
        text = f"{self.name} checks: Kazakhstan exported $1.{self.random.randint(10, 99)} million of drones"
        status, answer = self.call("api add claim", "POST", "/api/claims", body={"text": text}, api=True)
        if status == 201:
            self.claims.append(json.loads(answer)["id"])
            self.acknowledged.append(("claim", self.claims[-1], self.name))

    def cite(self) -> None:
        if not self.claims:
            return self.add_claim()
        claim_id = self.random.choice(self.claims)
        status, answer = self.call("api cite", "POST", "/api/citations", api=True, body={
            "claim_id": claim_id, "capture_id": 1, "quote": "exported $1.23 million of drones"})
        if status == 201:
            self.acknowledged.append(("citation", json.loads(answer)["id"], self.name))

    def judge(self) -> None:
        if self.claims:
            claim_id = self.random.choice(self.claims)
            status, _ = self.call("api status", "PATCH", f"/api/claims/{claim_id}", api=True,
                                  body={"status": "supported", "notes": f"checked by {self.name}"})
            if status == 200:
                self.acknowledged.append(("status", claim_id, self.name))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--pages", type=int, default=300, help="corpus pages in the archive besides the seed")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    args = parser.parse_args()

    home, sources = args.out / "team-home", args.out / "team-sources"
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    (sources / "0-seed.txt").write_text(SEED_TEXT)
    write_folder(sources / "pages", 0, args.pages)
    run = lambda *a, **k: subprocess.run([sys.executable, "-m", "app", "--home", str(home), *a], cwd=REPO,  # noqa: E731
                                         check=True, capture_output=True, text=True, timeout=900, **k)
    run("ingest", str(sources / "0-seed.txt"))
    run("ingest", str(sources / "pages"))
    people = []
    for number in range(args.users):
        name, role = f"user{number:02d}", ROLES[number % len(ROLES)]
        run("user", "add", name, "--role", role, "--password-stdin", input=PASSWORD + "\n")
        people.append((name, role, json.loads(run("user", "token", name, "--json").stdout)["token"]))

    port = free_port()
    log = open(args.out / "team-serve.log", "w")
    server = evidence(home, "serve", "--port", str(port), stdout=log, stderr=subprocess.STDOUT)
    ready = time.monotonic() + 60
    while time.monotonic() < ready:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=2).close()
            break
        except OSError:
            time.sleep(0.2)

    stats = {"latency": defaultdict(list), "errors": []}
    acknowledged: list = []
    started = time.monotonic()
    threads = [Person(name, role, token, port, started + args.seconds, stats, acknowledged, args.pages + 1)
               for name, role, token in people]
    for thread in threads:
        thread.start()
    elapsed = finish(threads, server, log, started, args.seconds * 5)

    from archive.archive import Archive

    with Archive(home) as archive:
        actors = {(e["event"], e["subject"]): json.loads(e["data"]).get("actor")
                  for e in archive.catalog.iter_ledger(("claim.created", "citation.added", "claim.status_changed"))}
        lost, wrong_actor = [], []
        for kind, ident, name in acknowledged:
            event = {"claim": "claim.created", "citation": "citation.added", "status": "claim.status_changed"}[kind]
            found = (event, str(ident)) in actors
            if kind == "citation":
                found = found and bool(archive.catalog.citations(citation_id=ident, include_removed=True))
            if not found:
                lost.append((kind, ident))
            elif kind != "status" and actors[(event, str(ident))] != f"user:{name}":
                wrong_actor.append((kind, ident, actors[(event, str(ident))], name))
        report = archive.verify()

    result = {
        "seconds": round(elapsed, 1), "users": args.users, "roles": {role: sum(ROLES[n % len(ROLES)] == role for n in range(args.users))
                                                          for role in ("viewer", "contributor", "editor")},
        "captures": args.pages + 1,
        "requests": sum(len(v) for v in stats["latency"].values()), "errors": len(stats["errors"]),
        "error_samples": stats["errors"][:10], "acknowledged_writes": len(acknowledged), "lost_writes": len(lost),
        "wrong_actor": len(wrong_actor), "wrong_actor_samples": wrong_actor[:5], "verify_ok": report.ok,
        "verify_problems": [p.to_json() for p in report.problems[:10]], "ledger_entries": report.ledger_entries,
        "latency_ms": {kind: {"n": len(v), "p50": round(percentile(v, 0.5), 1), "p95": round(percentile(v, 0.95), 1),
                              "max": round(max(v), 1)} for kind, v in sorted(stats["latency"].items())},
    }
    (args.out / "team-results.json").write_text(json.dumps(result, indent=2))
    print(f"Team load: {result['seconds']} s, {args.users} people logged in, {result['requests']} requests, "
          f"{result['errors']} errors; {result['acknowledged_writes']} acknowledged writes, {result['lost_writes']} "
          f"lost, {result['wrong_actor']} with the wrong author; verify {'OK' if report.ok else 'FAILED'} "
          f"({result['ledger_entries']} ledger entries).\n")
    print("| request | n | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    for kind, row in result["latency_ms"].items():
        print(f"| {kind} | {row['n']} | {row['p50']} | {row['p95']} | {row['max']} |")
    return 1 if result["errors"] or lost or wrong_actor or not report.ok else 0


if __name__ == "__main__":
    sys.exit(main())
