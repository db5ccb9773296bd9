"""Score the context archive.figures gives each figure (period, direction, subject) against labelled sentences,
and measure extract()'s speed beside another checkout's (the baseline) in the same run.

Run from the repository root:

    .venv/bin/python bench/figures/context/bench_context.py [--baseline ../main] [--errors]

Labels (labelled.jsonl, written by hand): one JSON object a line, {"lang", "set", "published", "text",
"figure", "period", "direction", "subject"}: "figure" is the labelled figure's text as extract() spans it, the
other three its context as docs/cli.md defines it (null where the sentence says nothing). "set" is "dev" for
the sentences written while the code was developed, "heldout" for those written afterwards and scored once
before any change (bench/RESULTS.md has that first score).

Scoring, per field: a prediction is the field of the extracted figure whose span equals the labelled one (no
such figure: every field is a miss). Precision = correct non-null predictions / non-null predictions; recall =
correct non-null predictions / non-null labels. Subjects must match as written ("drones,parts" is not "drones").

Speed: MB of UTF-8 text per second of extract() by CPU time, best of 3, over the text of the corpus's HTML
pages (../shared/corpus/html, tags stripped with a regex) and over bench/figures/labelled.jsonl's sentences
repeated to about 5 MB, each checkout in its own interpreter.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
FIELDS = ("period", "direction", "subject")
SPEED = r'''
import html, json, re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from archive.figures import extract
pages = sorted(Path(sys.argv[2]).glob("*"))
corpus = "\n".join(html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<script.*?</script>|<style.*?</style>", " ",
                   page.read_text(errors="replace")))) for page in pages)
labelled = "\n".join(json.loads(line)["text"] for line in open(sys.argv[3], encoding="utf-8"))
repeated = (labelled + "\n") * (5_000_000 // len(labelled.encode()))
extract("warm up: $1 million in 2022")
for name, text in (("corpus HTML pages, tags stripped", corpus), ("labelled sentences repeated", repeated)):
    times = []
    for _ in range(3):
        started = time.process_time()
        found = len(extract(text))
        times.append(time.process_time() - started)
    size = len(text.encode())
    print(json.dumps({"text": name, "mb": size / 1e6, "figures": found, "mb_per_s": size / 1e6 / min(times)}))
'''


def score(rows: list[dict]) -> dict:
    """Return precision and recall per field over labelled rows, with the misses."""
    sys.path.insert(0, str(REPO))
    from archive.figures import extract

    counts = {field: {"correct": 0, "predicted": 0, "expected": 0} for field in FIELDS}
    errors = []
    for row in rows:
        found = next((f for f in extract(row["text"], row["published"]) if f.text == row["figure"]), None)
        for field in FIELDS:
            predicted = getattr(found, field) if found else None
            expected = row[field]
            counts[field]["expected"] += expected is not None
            counts[field]["predicted"] += predicted is not None
            counts[field]["correct"] += predicted is not None and predicted == expected
            if predicted != expected:
                errors.append(f"[{row['lang']}/{row['set']}] {field}: {predicted!r} for {expected!r}: {row['text']}")
    table = {field: {**c, "precision": c["correct"] / c["predicted"] if c["predicted"] else 0.0,
                     "recall": c["correct"] / c["expected"] if c["expected"] else 0.0} for field, c in counts.items()}
    return {"fields": table, "errors": errors, "sentences": len(rows)}


def speed(checkout: Path) -> list[dict]:
    """Return extract()'s speed in a checkout, measured in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", SPEED, str(checkout), str(REPO.parent / "shared" / "corpus" / "html"),
                           str(REPO / "bench" / "figures" / "labelled.jsonl")], capture_output=True, text=True,
                          check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, help="another checkout to measure extract()'s speed beside")
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in (HERE / "labelled.jsonl").read_text(encoding="utf-8").splitlines()]
    print("| set | sentences | field | P | R | correct/predicted/expected |\n| --- | --- | --- | --- | --- | --- |")
    for name in ("dev", "heldout", "all"):
        chosen = [row for row in rows if name == "all" or row["set"] == name]
        result = score(chosen)
        for field, c in result["fields"].items():
            print(f"| {name} | {result['sentences']} | {field} | {c['precision']:.3f} | {c['recall']:.3f} | "
                  f"{c['correct']}/{c['predicted']}/{c['expected']} |")
        if args.errors and name == "all":
            print("\n".join(["", *result["errors"], ""]))
    checkouts = [("this checkout", REPO)] + ([("baseline " + str(args.baseline), args.baseline)] if args.baseline else [])
    print("\n| extract() speed, one core, CPU time, best of 3 | text | size | figures | MB/s |\n| --- | --- | --- | --- | --- |")
    for _ in range(2):  # alternate, so that a change in the machine's load falls on both
        for name, checkout in checkouts:
            for measured in speed(checkout):
                print(f"| {name} | {measured['text']} | {measured['mb']:.2f} MB | {measured['figures']} | "
                      f"{measured['mb_per_s']:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
