"""Verify speed against its floor: reading and hashing every original, side by side in one run.

`evidence verify` re-hashes every original and text, walks the ledger, holds every row to its ledger record,
checks derived data against its digest and compares the index with the catalog. The baseline only reads each
blob file and computes its SHA-256 (what any verification must do). Each runs in a fresh process, after one
untimed read of every blob so both find them in the page cache. Beside wall time, each reports the CPU time
it used (all threads of its process, and its helper processes): on a shared machine wall time says how busy the others were, CPU time does
not, and verify's lead over its floor needs a core to spare. Usage:

    .venv/bin/python bench/bench_verify.py --n 3000 --repeat 3 --out bench/out
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]


def build(home: Path, n: int, out: Path) -> None:
    """Ingest n replicated corpus pages into home unless it already holds them."""
    from archive.archive import Archive
    from bench_ingest import write_pages

    if (home / "catalog.db").is_file():
        with Archive(home) as archive:
            if archive.catalog.count_captures() >= n:
                return
    folder = out / f"pages-{n}"
    write_pages(folder, n)
    subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", "--jobs", "2", str(folder)],
                   cwd=REPO, check=True, capture_output=True)


def hash_all(home: Path) -> dict:
    """The baseline: read every blob file and hash it."""
    count = size = 0
    started, cpu = time.perf_counter(), _cpu_seconds()
    for root, _dirs, files in os.walk(home / "blobs" / "sha256"):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
            count += 1
            size += os.path.getsize(os.path.join(root, name))
            assert digest == name
    return {"seconds": time.perf_counter() - started, "cpu": _cpu_seconds() - cpu, "blobs": count, "mb": size / 1e6}


def verify_all(home: Path) -> dict:
    """Ours: the whole verification, as `evidence verify` runs it."""
    from archive.archive import Archive

    started, cpu = time.perf_counter(), _cpu_seconds()
    with Archive(home) as archive:
        report = archive.verify()
    return {"seconds": time.perf_counter() - started, "cpu": _cpu_seconds() - cpu, "ok": report.ok,
            "checked": report.checked}


def _cpu_seconds() -> float:
    """Return the CPU time this process has used so far, all its threads and the helper processes it waited for
    (verify hashes originals in files in helper processes) together."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def measure(config: str, home: Path) -> dict:
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker", config, "--home", str(home)],
                          cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--worker", choices=["hash", "verify"], default=None)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(hash_all(args.home) if args.worker == "hash" else verify_all(args.home)))
        return 0
    home = args.home or args.out / f"archive-verify-{args.n}"
    args.out.mkdir(parents=True, exist_ok=True)
    build(home, args.n, args.out)
    hash_all(home)  # warm the page cache for both
    rounds = []
    load_before = os.getloadavg()[0]
    for _ in range(args.repeat):
        baseline, ours = measure("hash", home), measure("verify", home)
        rounds.append({"hash_s": round(baseline["seconds"], 3), "verify_s": round(ours["seconds"], 3),
                       "ratio": round(ours["seconds"] / baseline["seconds"], 2), "ok": ours["ok"],
                       "hash_cpu_s": round(baseline["cpu"], 3), "verify_cpu_s": round(ours["cpu"], 3)})
    best_hash = min(r["hash_s"] for r in rounds)
    best_verify = min(r["verify_s"] for r in rounds)
    result = {"captures": ours["checked"].get("captures"), "blobs": baseline["blobs"], "mb": round(baseline["mb"], 1),
              "rounds": rounds, "best_hash_s": best_hash, "best_verify_s": best_verify,
              "ratio_best": round(best_verify / best_hash, 2), "checked": ours["checked"],
              "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)], "cpus": os.cpu_count()}
    (args.out / "verify-results.json").write_text(json.dumps(result, indent=2))
    print(f"{result['captures']} captures, {result['blobs']} blobs, {result['mb']} MB; {result['cpus']} CPUs, "
          f"load average {result['load_average'][0]} before, {result['load_average'][1]} after")
    print("| round | hash every original (s) | evidence verify (s) | ratio | CPU: hash (s) | CPU: verify (s) |\n"
          "| ---: | ---: | ---: | ---: | ---: | ---: |")
    for number, row in enumerate(rounds, start=1):
        print(f"| {number} | {row['hash_s']} | {row['verify_s']} | {row['ratio']} | {row['hash_cpu_s']} | "
              f"{row['verify_cpu_s']} |")
    print(f"best: hash {best_hash} s, verify {best_verify} s, ratio {result['ratio_best']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
