"""Search latency of this checkout and a base checkout, side by side, round by round on the same archive.

A shared machine's load drifts within minutes: each round runs bench_search.py (our search alone) once per
checkout, in a fresh process whose PYTHONPATH is that checkout, the order alternating from round to round;
the samples of all rounds are pooled per checkout. Usage, from the repository root:

    .venv/bin/python bench/search_side_by_side.py --home bench/out/archive-20k --base /tmp/base --rounds 4 \\
        --classes "two words" "exact phrase" --out /tmp/side
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
from bench_search import CLASSES, percentile  # noqa: E402  (bench/ is a folder of scripts)


def one_run(tree: Path, home: Path, out: Path, classes: list[str], per_class: int) -> dict:
    """Run bench_search.py with `tree`'s archive package; return its results by class."""
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PYTHONPATH=str(tree))
    subprocess.run([sys.executable, str(BENCH_DIR / "bench_search.py"), "--home", str(home), "--out", str(out),
                    "--queries", str(per_class), "--ours-only", "--classes", *classes], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return json.loads((out / "search-results.json").read_text())["results"]


def side_by_side(trees: dict[str, Path], home: Path, out: Path, classes: list[str], per_class: int,
                 rounds: int) -> dict:
    """Run `rounds` rounds, alternating which checkout goes first; pool each checkout's samples by class."""
    pooled = {label: {name: [] for name in classes} for label in trees}
    loads = []
    for round_number in range(rounds):
        order = list(trees) if round_number % 2 == 0 else list(reversed(trees))
        for label in order:
            loads.append(os.getloadavg()[0])
            results = one_run(trees[label], home, out / f"{label}-{round_number}", classes, per_class)
            for name in classes:
                pooled[label][name] += results[name]["samples"]
            print(f"{time.strftime('%H:%M:%S')} round {round_number + 1} {label}: " + ", ".join(
                f"{name} p95 {results[name]['ours']['p95_ms']:.1f} ms" for name in classes), flush=True)
    loads.append(os.getloadavg()[0])
    return {"pooled": pooled, "loads": loads}


def summary(samples: list[list[float]]) -> dict:
    """Return median and p95 of wall and CPU milliseconds of (ms, total, returned, CPU ms) samples."""
    wall, cpu = [s[0] for s in samples], [s[3] for s in samples]
    return {"queries": len(samples), "wall_p50": percentile(wall, 0.50), "wall_p95": percentile(wall, 0.95),
            "cpu_p50": percentile(cpu, 0.50), "cpu_p95": percentile(cpu, 0.95)}


def table(pooled: dict[str, dict[str, list]]) -> str:
    """Render the pooled samples as Markdown: one row per class and checkout."""
    rows = ["| class | checkout | queries | wall p50 | wall p95 | CPU p50 | CPU p95 |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for name in next(iter(pooled.values())):
        for label, by_class in pooled.items():
            s = summary(by_class[name])
            rows.append(f"| {name} | {label} | {s['queries']} | {s['wall_p50']:.1f} | {s['wall_p95']:.1f} | "
                        f"{s['cpu_p50']:.1f} | {s['cpu_p95']:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Measure both checkouts round by round; print the table and save the samples."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--base", type=Path, required=True, help="the checkout to compare with")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--queries", type=int, default=100, help="queries per class")
    parser.add_argument("--classes", nargs="+", choices=CLASSES, default=["two words", "exact phrase"])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    trees = {"this checkout": BENCH_DIR.parent, "base": args.base.resolve()}
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    measured = side_by_side(trees, args.home.resolve(), args.out.resolve(), args.classes, args.queries,
                            args.rounds)
    (args.out / "side-by-side.json").write_text(json.dumps({"started": started, **measured}, indent=1))
    print(f"\nstarted {started}, load average {min(measured['loads']):.1f}-{max(measured['loads']):.1f}\n")
    print(table(measured["pooled"]))


if __name__ == "__main__":
    main()
