"""Peak memory of a WARC export, a claim's bundle and `evidence migrate` when the cited original is large and in an
S3 bucket (moto's server on 127.0.0.1), for code trees side by side (a change and its baseline).

One archive is made first: a page of --mb MB (a short article beside a large inline picture) added with its
original in the bucket, and a claim citing it. Then, for each tree in turn (twice, alternating), a fresh
process opens the archive, loads what a process loads once (signing key, S3 client, the claim's page), and
writes the capture's WARC and the claim's bundle, then copies the archive out of the bucket into a fresh folder,
each under tracemalloc (tests/peak_memory.py): the peak of what Python held at once.

    .venv/bin/python bench/bench_large_original.py --tree base=/tmp/base --tree new=. --mb 50
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH_DIR.parent), str(BENCH_DIR)]

from bench_blobs import ENV, new_bucket, start_moto  # noqa: E402
from tests.peak_memory import EXPORTS, MIGRATE, peaks  # noqa: E402  (the tests' own measurement)

QUOTE = "Customs ledger: 1,200 drone parts crossed the border in March."

MAKE = """
import base64, os, sys
from archive.archive import Archive
from archive.models import NewCapture
quote, size = sys.argv[2], int(sys.argv[3])
picture = base64.b64encode(os.urandom(size * 3 // 4)).decode()
body = f'<html><body><p>{quote}</p><img src="data:image/png;base64,{picture}"></body></html>'.encode()
with Archive(sys.argv[1]) as archive:
    added = archive.add(NewCapture(source="ledger.html", method="file", media_type="text/html", kind="html",
                                   captured_at="2026-12-03T12:00:00.000000Z", body=body, text=quote))
    claim = archive.add_claim("1,200 drone parts crossed the border in March")
    archive.cite(claim.id, added.capture.id, quote)
"""

def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="NAME=FOLDER of a code tree")
    parser.add_argument("--mb", type=int, default=50, help="size of the original in MB")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out" / "large-original")
    args = parser.parse_args(argv)
    trees = {name: Path(folder).resolve() for name, _, folder in (tree.partition("=") for tree in args.tree)}
    args.out.mkdir(parents=True, exist_ok=True)
    server, endpoint = start_moto()
    try:
        bucket = new_bucket(endpoint)
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}, **ENV,
               "AWS_ENDPOINT_URL": endpoint, "EVIDENCE_BLOB_URL": f"s3://{bucket}/large"}
        home = Path(tempfile.mkdtemp(prefix="bench-large-", dir=args.out)) / "home"
        first = next(iter(trees.values()))
        subprocess.run([sys.executable, "-c", MAKE, str(home), QUOTE, str(args.mb * 2 ** 20)], check=True,
                       env={**env, "PYTHONPATH": str(first)}, cwd=first)
        results: dict[str, list[dict]] = {name: [] for name in trees}
        for run, order in enumerate((list(trees.items()), list(trees.items())[::-1])):
            for name, tree in order:
                tree_env = {**env, "PYTHONPATH": str(tree)}
                found = peaks(EXPORTS, str(home), str(home.parent), env=tree_env, cwd=tree)
                # The archive copied out of the bucket into a fresh folder, as `evidence migrate --to DIR` does.
                found |= peaks(MIGRATE, str(home), str(home.parent / f"copy-{name}-{run}"), env=tree_env, cwd=tree)
                results[name].append({step: round(peak / 2 ** 20, 1) for step, peak in found.items()})
                print(name, results[name][-1], flush=True)
        summary = {"original_mb": args.mb, "peak_mb": results}
        (args.out / "results.json").write_text(json.dumps(summary, indent=1))
        print(json.dumps(summary, indent=1))
    finally:
        server.stdin.close()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
