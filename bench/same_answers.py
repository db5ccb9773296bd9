"""Check that two checkouts answer the search bench's queries alike: same totals, same hits in the same order,
same scores, snippets, offsets and ways found.

Each checkout answers in a fresh process of its own (PYTHONPATH set to it) on the same archive, opened
read-only in practice (searches write nothing). Usage, from the repository root:

    .venv/bin/python bench/same_answers.py --home bench/out/archive-20k --base /tmp/base --queries 100
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
sys.path.insert(0, str(BENCH_DIR))


def answers(home: Path, per_class: int, classes: list[str]) -> dict[str, list]:
    """Run the bench's queries of `classes` on the archive with whichever `archive` package is on the path."""
    from bench_search import make_queries, sample_texts

    from archive.archive import Archive

    with Archive(home) as archive:
        drawn = make_queries(sample_texts(archive), per_class)
        found: dict[str, list] = {}
        for name in classes:
            found[name] = []
            for query, *_fts in drawn[name]:
                result = archive.search(query, limit=10)
                found[name].append({"query": query, "total": result.total, "hits": [
                    [hit.capture_id, hit.score, hit.snippet, hit.offset, hit.found_through, hit.aliases]
                    for hit in result.hits]})
    return found


def answers_of(tree: Path, home: Path, per_class: int, classes: list[str]) -> dict[str, list]:
    """Return `answers` computed by a fresh process importing the archive package of `tree`."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = dict(os.environ, PYTHONPATH=str(tree))
        subprocess.run([sys.executable, __file__, "--home", str(home), "--queries", str(per_class),
                        "--classes", *classes, "--dump", out.name], env=env, check=True)
        return json.loads(Path(out.name).read_text())


def differences(ours: dict[str, list], base: dict[str, list]) -> list[str]:
    """Return one line per query whose answer differs between the two checkouts."""
    lines = []
    for name, answered in base.items():
        for theirs, mine in zip(answered, ours[name], strict=True):
            if mine != theirs:
                lines.append(f"{name}: {theirs['query']!r}: base total {theirs['total']} hits "
                             f"{[h[:2] for h in theirs['hits']]}, ours total {mine['total']} hits "
                             f"{[h[:2] for h in mine['hits']]}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Compare this checkout's answers with the base checkout's; exit 1 when any query differs."""
    from bench_search import CLASSES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--base", type=Path, help="the checkout to compare with")
    parser.add_argument("--queries", type=int, default=100, help="queries per class")
    parser.add_argument("--classes", nargs="+", default=list(CLASSES))
    parser.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # one checkout's answers, as JSON
    args = parser.parse_args(argv)
    if args.dump:
        args.dump.write_text(json.dumps(answers(args.home, args.queries, args.classes), ensure_ascii=False))
        return 0
    if args.base is None:
        parser.error("--base is required")
    ours = answers_of(BENCH_DIR.parent, args.home, args.queries, args.classes)
    base = answers_of(args.base, args.home, args.queries, args.classes)
    lines = differences(ours, base)
    compared = sum(len(answered) for answered in base.values())
    for line in lines:
        print(line)
    print(f"{compared - len(lines)} of {compared} queries answered alike "
          f"({', '.join(f'{name}: {len(answered)}' for name, answered in base.items())})")
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
