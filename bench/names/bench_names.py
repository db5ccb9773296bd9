"""Name queries across scripts: precision and recall of search (Latin readings, close spellings) on a labelled set.

Each line of queries.jsonl is a query written as a source or a reader would ("Небесная механика", "Kyiv"),
the documents of docs/ that name the same entity in any script or spelling (`expect`), and its part: `dev`
(looked at while building) or `heldout` (scored once before any change made for it; RESULTS.md keeps that
first score). docs/ also holds documents that share words but not the name (ctrl-*). No entity is recorded:
this measures what search finds alone; entities (aliases) find the rest by design.

    PYTHONPATH=. .venv/bin/python bench/names/bench_names.py [--limit 50] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from archive.archive import Archive  # noqa: E402  (run as a script from the repository root)
from ingest.limits import Limits  # noqa: E402


def score(archive: Archive, ids: dict[str, int], rows: list[dict], limit: int) -> dict:
    """Return per-part micro precision and recall, and each query's misses and false hits."""
    names = {capture_id: name for name, capture_id in ids.items()}
    parts: dict[str, dict] = {}
    details = []
    for row in rows:
        found = {names[hit.capture_id] for hit in archive.search(row["query"], limit=limit).hits}
        wanted = set(row["expect"])
        part = parts.setdefault(row["part"], {"true": 0, "found": 0, "wanted": 0, "queries": 0})
        part["true"] += len(found & wanted)
        part["found"] += len(found)
        part["wanted"] += len(wanted)
        part["queries"] += 1
        details.append({"query": row["query"], "part": row["part"], "missed": sorted(wanted - found),
                        "wrong": sorted(found - wanted)})
    for part in parts.values():
        part["precision"] = round(part["true"] / part["found"], 3) if part["found"] else None
        part["recall"] = round(part["true"] / part["wanted"], 3) if part["wanted"] else None
    return {"parts": parts, "queries": details}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = [json.loads(line) for line in (HERE / "queries.jsonl").read_text().splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as home, Archive(home) as archive:
        ids = {Path(result.source).name: result.capture.id
               for result in archive.capture([str(HERE / "docs")], Limits())}
        result = score(archive, ids, rows, args.limit)
    for name, part in sorted(result["parts"].items()):
        print(f"{name}: {part['queries']} queries, precision {part['precision']}, recall {part['recall']} "
              f"({part['true']} of {part['wanted']} wanted found, {part['found']} found)")
    for query in result["queries"]:
        if query["missed"] or query["wrong"]:
            print(f"  [{query['part']}] {query['query']}: missed {query['missed']}, wrong {query['wrong']}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
