"""Search latency on PostgreSQL of two checkouts side by side, on one database of N captures.

bench_backends.py times each backend once, right after writing; this compares two versions of the search code
on the same data: the captures are written once (bench_backends' made-up texts, through `Archive.add`), the
table analysed, then each round runs bench_backends' query set once per tree, each tree in a fresh process with
its own code on PYTHONPATH, the trees taking turns, so that load from other work falls on both alike.

    .venv/bin/python bench/bench_pg_search.py --n 20000 --tree base=../base --tree new=. --rounds 3

`--keep` leaves the throwaway server running at the end and prints how to reach the database written and how to
stop the server; `--reuse URL --home DIR` then times the trees on that database rather than writing one anew
(bringing its schema up to date with this checkout's migrations first, then analysing it).

With `--ingest N`, each tree first writes N captures into an empty database of its own (one writer, its own
code), the trees taking turns for `--rounds` rounds: what writing the search index costs each version. With
`--overlap`, each tree also indexes the ranking documents (120 and 1,000) in Whoosh and PostgreSQL and reports the
share of each query's top 10 found by both (bench_backends.ranking_overlap).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_backends import capture_values, write_all  # noqa: E402  (bench/ is a folder of scripts)

# First in each tree's process: its own `archive` imported before bench_backends, which puts this script's
# checkout first on the path (without this, and without running in the tree's folder, every tree ran the code
# of the checkout the bench was started from), and checked.
OWN_CODE = """
import os, pathlib
import archive
assert pathlib.Path(archive.__file__).resolve().is_relative_to(pathlib.Path(os.environ["PYTHONPATH"]).resolve()), \\
    archive.__file__
"""

# Run by each tree's process: one pass over the query set, its times as JSON on stdout.
TIMED = OWN_CODE + """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from bench_backends import query_set
from archive.archive import Archive
found = {}
with Archive(sys.argv[2]) as archive:
    queries = query_set(int(sys.argv[3]))
    for texts in queries.values():
        archive.search(texts[0])  # warm-up: the pool's connections, the statistics
    for name, texts in queries.items():
        times = found.setdefault(name, [])
        for query in texts:
            started = time.perf_counter()
            archive.search(query)
            times.append((time.perf_counter() - started) * 1000)
print(json.dumps(found))
"""

# Run by each tree's process: N captures written into an empty database, the seconds on stdout.
WRITTEN = OWN_CODE + """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from bench_backends import capture_values, write_all
values = capture_values(int(sys.argv[3]), 31)
print(json.dumps(write_all(Path(sys.argv[2]), values)))
"""

# Run by each tree's process: the ranking overlap with Whoosh on the ranking documents, as JSON on stdout.
OVERLAP = OWN_CODE + """
import json, sys
sys.path.insert(0, sys.argv[1])
from bench_backends import ranking_overlap
print(json.dumps({size: ranking_overlap(url, size) for size, url in zip((120, 1000), sys.argv[2:])}))
"""


def _run(script: str, tree: str, *args: str, **environment: str) -> object:
    """Run a script in a fresh process with a tree's code first on the path; return what it printed (JSON)."""
    # In the tree's folder: `python -c` puts the working folder first on the path, before PYTHONPATH.
    done = subprocess.run([sys.executable, "-c", script, str(ROOT / "bench"), *args], capture_output=True,
                          text=True, check=True, timeout=3600, cwd=Path(tree).resolve(),
                          env={**os.environ, **environment, "PYTHONPATH": str(Path(tree).resolve())})
    return json.loads(done.stdout)


def ingest(cluster, trees: dict[str, str], n: int, rounds: int) -> dict[str, list[float]]:
    """Time each tree writing n captures into an empty database, taking turns; return captures/s per run."""
    from archive.backends import DATABASE_URL

    rates: dict[str, list[float]] = {name: [] for name in trees}
    for number in range(rounds):
        for name in (list(trees) if number % 2 == 0 else list(reversed(trees))):
            home = tempfile.mkdtemp(prefix="bench-pg-ingest-")
            seconds = _run(WRITTEN, trees[name], home, str(n), **{DATABASE_URL: cluster.create_database()})
            rates[name].append(round(n / seconds, 1))
            print(f"ingest round {number + 1}: {name} {n / seconds:.1f} captures/s, load {os.getloadavg()[0]:.1f}",
                  flush=True)
    return rates


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--tree", action="append", required=True, metavar="NAME=PATH")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--queries", type=int, default=30, help="queries per class and round")
    parser.add_argument("--ingest", type=int, default=0, help="captures each tree writes per round, timed")
    parser.add_argument("--overlap", action="store_true", help="each tree's top-10 overlap with Whoosh")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "pg-search")
    parser.add_argument("--keep", action="store_true", help="leave the server running, print how to reuse it")
    parser.add_argument("--reuse", metavar="URL", help="a database written by an earlier run kept with --keep")
    parser.add_argument("--home", type=Path, help="the archive folder of the --reuse database")
    args = parser.parse_args(argv)
    if bool(args.reuse) != bool(args.home):
        parser.error("--reuse and --home go together")
    trees = dict(tree.split("=", 1) for tree in args.tree)
    from archive.backends import DATABASE_URL
    from tests.postgres import Cluster

    cluster = Cluster() if not args.reuse or args.ingest or args.overlap else None
    try:
        report: dict[str, object] = {"n": args.n, "trees": trees}
        if args.overlap:
            report["overlap"] = {name: _run(OVERLAP, tree, cluster.create_database(), cluster.create_database())
                                 for name, tree in trees.items()}
            print(json.dumps(report["overlap"]), flush=True)
        if args.ingest:
            report["ingest captures/s"] = ingest(cluster, trees, args.ingest, args.rounds)
        import psycopg

        if args.reuse:
            from archive.backends import public_url
            from archive.pg_database import Database

            url, home = args.reuse, args.home
            database = Database(url)
            try:
                started = time.perf_counter()
                applied = database.migrate()  # what this checkout adds to a database written before it
                print(f"reusing {public_url(url)}: {applied or 'no change'} applied in "
                      f"{time.perf_counter() - started:.0f} s", flush=True)
            finally:
                database.close()
        else:
            url = cluster.create_database()
            home = Path(tempfile.mkdtemp(prefix="bench-pg-search-"))
            os.environ[DATABASE_URL] = url
            started = time.perf_counter()
            write_all(home, capture_values(args.n))
            print(f"wrote {args.n} captures in {time.perf_counter() - started:.0f} s", flush=True)

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("ANALYZE")  # what autovacuum does after a bulk load; both trees read the same statistics
            # The search index's space in MB: each table (its TOAST included) and each index.
            report["MB"] = dict(conn.execute(
                "SELECT c.relname, round(CASE c.relkind WHEN 'r' THEN pg_table_size(c.oid) "
                "ELSE pg_relation_size(c.oid) END / 1048576.0, 1)::float8 FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') "
                "AND (c.relname LIKE 'search%%' OR c.relname LIKE 'captures%%') ORDER BY 1").fetchall())
            print(json.dumps({"MB": report["MB"]}), flush=True)
        times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
        for number in range(args.rounds):
            order = list(trees) if number % 2 == 0 else list(reversed(trees))
            for name in order:
                for kind, values in _run(TIMED, trees[name], str(home), str(args.queries),
                                         **{DATABASE_URL: url}).items():
                    times[name].setdefault(kind, []).extend(values)
                print(f"round {number + 1}: {name} done, load {os.getloadavg()[0]:.1f}", flush=True)
        table = {name: {kind: {"median": round(statistics.median(values), 1),
                               "p95": round(sorted(values)[int(0.95 * (len(values) - 1))], 1)}
                        for kind, values in found.items()} for name, found in times.items()}
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps({**report, "ms": table}, indent=1))
        names = list(trees)
        print("| query class | " + " | ".join(f"{name} median / p95 ms" for name in names) + " |")
        print("| --- |" + " ---: |" * len(names))
        for kind in table[names[0]]:
            print(f"| {kind} | " + " | ".join(f"{table[name][kind]['median']} / {table[name][kind]['p95']}"
                                             for name in names) + " |")
    finally:
        if cluster is not None and args.keep and not args.reuse:
            print(json.dumps({"reuse": url, "home": str(home), "stop": f"{cluster.bin / 'pg_ctl'} -D {cluster.data} "
                              f"stop; rm -r {cluster.folder}"}), flush=True)
        elif cluster is not None:
            cluster.remove()  # stopped and its folder deleted


if __name__ == "__main__":
    main()
