"""The server backends' writer paths of two code trees side by side in one run (a change and its baseline),
rounds alternating so that the shared machine's load falls on both alike:

- PostgreSQL: one writer adding N captures through `Archive.add`, then two writer processes adding N/2
  different captures each at once (bench/bench_backends.py's `write_all`, run by each tree's own code);
- S3: `evidence ingest --jobs 2` of M notes into a fresh home whose originals are in a bucket of moto's
  server (bench/bench_blobs.py's notes and server).

Each tree is a folder holding the archive's code (a worktree, or `git archive REV | tar -x -C DIR`). Usage:

    .venv/bin/python bench/bench_writers.py --tree base=/tmp/base --tree new=. --n 2000 --notes 1000
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from bench_blobs import ENV, new_bucket, start_moto, write_notes  # noqa: E402

# Run in a tree's own code: one writer, or two writer processes, on the database in EVIDENCE_DATABASE_URL.
WRITERS = ("import sys, time; sys.path[:0] = [sys.argv[1], sys.argv[1] + '/bench']\n"
           "from pathlib import Path\n"
           "from bench_backends import capture_values, two_writers, write_all\n"
           "import os\n"
           "n, home = int(sys.argv[2]), Path(sys.argv[3])\n"
           "if sys.argv[4] == 'one':\n"
           "    print(write_all(home, capture_values(n)))\n"
           "else:\n"
           "    print(two_writers(home, n, dict(os.environ)))\n")


def run_writers(tree: Path, database: str, n: int, home: Path, how: str) -> float:
    """Run one writer or two writer processes of a tree's code on a fresh database; return the seconds."""
    env = {**os.environ, "EVIDENCE_DATABASE_URL": database, "PYTHONPATH": str(tree)}
    # In the tree's folder: a child started with `-c` looks in its working folder first (two_writers' do).
    done = subprocess.run([sys.executable, "-c", WRITERS, str(tree), str(n), str(home), how], env=env, cwd=tree,
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def ingest_into_bucket(tree: Path, folder: Path, home: Path, blob_url: str, endpoint: str) -> float:
    """Run a tree's `evidence ingest --jobs 2` with the originals in a bucket; return the seconds."""
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}, **ENV,
           "EVIDENCE_BLOB_URL": blob_url, "AWS_ENDPOINT_URL": endpoint, "PYTHONPATH": str(tree)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", "--jobs", "2", str(folder)],
                   cwd=tree, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="NAME=FOLDER of a code tree (twice)")
    parser.add_argument("--n", type=int, default=2000, help="captures per PostgreSQL writer run")
    parser.add_argument("--notes", type=int, default=1000, help="notes per S3 ingest run")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out" / "writers")
    args = parser.parse_args(argv)
    trees = {name: Path(folder).resolve() for name, _, folder in (tree.partition("=") for tree in args.tree)}
    args.out.mkdir(parents=True, exist_ok=True)

    from tests.postgres import Cluster

    cluster = Cluster()
    server, endpoint = start_moto()
    results: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    try:
        bucket = new_bucket(endpoint)
        folder = write_notes(args.out / f"notes-{args.notes}", args.notes)
        for round_number in range(args.rounds):
            order = list(trees.items()) if round_number % 2 == 0 else list(trees.items())[::-1]
            for name, tree in order:
                measured = results[name]
                for how in ("one", "two"):
                    home = args.out / f"{name}-{how}-{uuid.uuid4().hex[:8]}"
                    seconds = run_writers(tree, cluster.create_database(), args.n, home, how)
                    measured.setdefault(f"postgresql, {how} writer(s), s", []).append(round(seconds, 2))
                home = args.out / f"{name}-s3-{uuid.uuid4().hex[:8]}"
                seconds = ingest_into_bucket(tree, folder, home, f"s3://{bucket}/{home.name}", endpoint)
                measured.setdefault("s3 ingest --jobs 2, s", []).append(round(seconds, 2))
                print(round_number, name, json.dumps(measured), flush=True)
        summary = {name: {label: {"runs": runs, "best": min(runs), "median": statistics.median(runs),
                                  "per_s": round((args.notes if label.startswith("s3") else args.n) / min(runs), 1)}
                          for label, runs in measured.items()}
                   for name, measured in results.items()}
        summary["setup"] = {"n": args.n, "notes": args.notes, "rounds": args.rounds,
                            "trees": {name: str(tree) for name, tree in trees.items()}}
        (args.out / "results.json").write_text(json.dumps(summary, indent=1))
        print(json.dumps(summary, indent=1))
    finally:
        server.stdin.close()
        server.wait(timeout=30)
        cluster.remove()


if __name__ == "__main__":
    main()
