"""Score archive.figures on paragraphs of real pages (wild/*.jsonl), and time it beside the engine of another revision.

Run from the repository root:

    .venv/bin/python bench/figures/bench_wild.py [--errors] [--set eval|tune|heldout|heldoutN] [--baseline main]

The paragraphs (wild/wild.jsonl, the evaluation set; wild/tuning.jsonl, the few paragraphs the rules were
tuned on, kept apart; heldout/heldout.jsonl, the set made after the wild set's errors had been read, which
no rule was tuned on before its first score; heldout2/heldout2.jsonl to heldoutN/heldoutN.jsonl (every folder heldoutN here), each made
after the one before had been read in turn) are quoted from the pages of ../shared/corpus and from public pages reached through a
search service, each with its source; their figures were labelled by hand (LABELLING.md says how;
a new held-out set is written from its label files by build_heldout.py and checked by check_heldout.py, before its
first score). Each
expected figure records its span (start, end), value in base units and unit; scoring is that of
bench_figures.py: a prediction is correct when its span overlaps an expected figure's and its value
(relative tolerance 1e-6) and unit are the same, and each expected figure is matched once.

Speed: extract() over the text of the corpus's HTML pages (tags stripped as in bench_figures.py), best of 3,
in a fresh process per engine; the engine of ``--baseline`` (a git revision) is taken from git into a
temporary folder and run in its own process, the two taking turns, so both meet the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
WILD = HERE / "wild"
SETS = {"eval": WILD / "wild.jsonl", "tune": WILD / "tuning.jsonl",
        **{folder.name: folder / f"{folder.name}.jsonl" for folder in sorted(HERE.glob("heldout*"))
           if (folder / f"{folder.name}.jsonl").is_file()}}


def load(path: Path) -> list[dict]:
    """Return the labelled paragraphs of one set."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(extract, text: str) -> list[dict]:
    """Return the figures of ``extract`` as {start, end, value, unit}."""
    return [{"start": f.start, "end": f.end, "value": f.value, "unit": f.unit} for f in extract(text)]


def scores(paragraphs: list[dict], predictions: list[list[dict]]) -> dict[str, dict]:
    """Return money and all-figure scores over every paragraph, and per language."""
    from bench_figures import score

    groups: dict[str, list] = defaultdict(list)
    for paragraph, predicted in zip(paragraphs, predictions):
        pair = (predicted, paragraph["figures"])
        groups["all languages"].append(pair)
        groups[paragraph["lang"]].append(pair)
    return {name: {"money": score(pairs, True), "all": score(pairs, False), "paragraphs": len(pairs)}
            for name, pairs in groups.items()}


def table(results: dict[str, dict]) -> str:
    """Return the Markdown table of the scores, all languages first."""
    lines = ["| language | paragraphs | all P | all R | all (correct/pred/exp) | money P | money R "
             "| money (correct/pred/exp) |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    order = ["all languages"] + sorted(name for name in results if name != "all languages")
    for name in order:
        money, every = results[name]["money"], results[name]["all"]
        lines.append(
            f"| {name} | {results[name]['paragraphs']} | {every['precision']:.3f} | {every['recall']:.3f} "
            f"| {every['correct']}/{every['predicted']}/{every['expected']} | {money['precision']:.3f} "
            f"| {money['recall']:.3f} | {money['correct']}/{money['predicted']}/{money['expected']} |"
        )
    return "\n".join(lines)


def errors(paragraphs: list[dict], predictions: list[list[dict]]) -> list[str]:
    """Return the misses and false figures, paragraph by paragraph (as bench_figures.py lists them)."""
    from bench_figures import error_lines

    return error_lines({"pairs": [(predicted, paragraph["figures"]) for paragraph, predicted
                                  in zip(paragraphs, predictions)]}, paragraphs)


def speed_worker() -> None:
    """Print the MB/s of the archive.figures found first on sys.path, over the corpus text (a subprocess)."""
    from archive.figures import extract  # from the folder the parent put first on the path

    sys.path.insert(1, str(HERE))
    from bench_figures import corpus_text, measure_speed

    text = corpus_text()
    extract(text[:10_000])  # warm up: the first call builds the look-up tables
    cpu, wall, size, found = measure_speed(text)
    print(json.dumps({"cpu": cpu, "wall": wall, "size": size, "found": found}))


def baseline_tree(revision: str, into: Path) -> Path:
    """Write archive/__init__.py and archive/figures/ of ``revision`` under ``into``; return ``into``."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "archive/__init__.py", "archive/figures"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def side_by_side(revision: str, rounds: int = 3) -> list[dict]:
    """Time this tree's engine and the one of ``revision`` in turns; return the best run of each."""
    best: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        roots = {"this tree": REPO, f"{revision} (baseline)": baseline_tree(revision, Path(folder))}
        for _ in range(rounds):
            for name, root in roots.items():
                environment = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
                output = subprocess.run([sys.executable, __file__, "--speed-worker"], env=environment,
                                        cwd=root, check=True, capture_output=True, text=True).stdout
                run = json.loads(output)
                if name not in best or run["cpu"] > best[name]["cpu"]:
                    best[name] = {"engine": name, **run}
    return list(best.values())


def main() -> int:
    """Print the scores (and optionally the errors and the side-by-side speed) as Markdown."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--set", choices=sorted(SETS), default="eval")
    options.add_argument("--errors", action="store_true", help="list misses and false figures")
    options.add_argument("--baseline", default="", help="git revision to time beside this tree (e.g. main)")
    options.add_argument("--speed-worker", action="store_true", help=argparse.SUPPRESS)
    arguments = options.parse_args()
    if arguments.speed_worker:
        speed_worker()
        return 0

    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(HERE))
    from archive.figures import extract

    paragraphs = load(SETS[arguments.set])
    predictions = [predict(extract, paragraph["text"]) for paragraph in paragraphs]
    print(f"## Figures in the wild: {arguments.set} set ({len(paragraphs)} paragraphs)\n")
    print(table(scores(paragraphs, predictions)))
    if arguments.baseline:
        print("\n| engine | corpus text | figures found | MB/s by CPU time (best of 3 x 3) | MB/s by wall clock |")
        print("| --- | --- | --- | --- | --- |")
        for run in side_by_side(arguments.baseline):
            print(f"| {run['engine']} | {run['size'] / 1e6:.2f} MB | {run['found']} | {run['cpu']:.2f} "
                  f"| {run['wall']:.2f} |")
    if arguments.errors:
        print("\n### Errors\n")
        print("\n".join(errors(paragraphs, predictions)) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
