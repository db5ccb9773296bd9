"""Check a held-out set without running the figure engine: spans, sources and overlaps with the other sets.

Run from the repository root, naming the set's folder under bench/figures/:

    .venv/bin/python bench/figures/check_heldout.py heldout6
    .venv/bin/python bench/figures/check_heldout.py --labels     # the label checks alone, on every set

Checks that every figure's span is its text (text[start:end]), that spans are in reading order and do not
overlap, that values are numbers and units are ISO codes, "%", "pp", "x" or none, that a span written with a
minus sign has a negative value and one written with a plus sign a positive one, that "pp" is given only to a
span with a points word in or just after it or to a bare signed change (LABELLING.md); that no page is a
`source` of an earlier set; and that no paragraph shares a 40-character stretch with an earlier set's
paragraphs or with tests/test_figures*.py. A stretch shared with another page of this set (a stock phrase of two
reports on the same subject) is printed as a note, not a problem. Prints one line per problem or note and a
summary; exits 1 when there is a problem.

The check is made when a set is new. Once a set has been scored and tuned on, the rounds' tests quote its
paragraphs, and checking it again reports those quotes as shared with the tests: that is expected.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

FIGURES = Path(__file__).resolve().parent
REPO = FIGURES.parents[1]
STRETCH = 40
UNITS_OTHER = {"%", "pp", "x", None}
# A word for points of a rate, in the span or just after it ("0,1 Punkte", "%포인트", "п.п.", "个百分点", "個百分點",
# "процентни поени", "prosenttiyksikköä").
POINTS = re.compile(r"point|punkt|pkt|пункт|포인트|%p|puan|punto|punct|pist|ポイント|百分点|百分點|поен|п\.\s?п|bod|yksikk", re.IGNORECASE)
POINTS_REACH = 30
SIGNED = re.compile(r"[-−+]\d")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def earlier_sets(folder: Path) -> list[Path]:
    """Every labelled set of bench/figures except the one in `folder`."""
    return sorted(p for p in FIGURES.rglob("*.jsonl") if folder not in p.parents)


def stretches(text: str) -> set[str]:
    return {text[i:i + STRETCH] for i in range(len(text) - STRETCH + 1)}


def label_problems(paragraph: dict) -> list[str]:
    """Say what is wrong with one paragraph's labels, mechanically: spans, order, values, units, signs, points."""
    text, problems, end = paragraph["text"], [], 0
    for figure in paragraph["figures"]:
        span = figure["text"]
        if text[figure["start"]:figure["end"]] != span:
            problems.append(f"span {figure['start']}:{figure['end']} is not {span!r}")
        if figure["start"] < end:
            problems.append(f"{span!r} is out of order or overlaps the figure before")
        end = figure["end"]
        value, unit = figure["value"], figure["unit"]
        if not isinstance(value, (int, float)):
            problems.append(f"{span!r} has no numeric value")
            continue
        if unit not in UNITS_OTHER and not (isinstance(unit, str) and len(unit) == 3 and unit.isupper()):
            problems.append(f"{span!r} has unit {unit!r}")
        # A sign written on the figure is part of its value (LABELLING.md, "Signs").
        if SIGNED.match(span) and (value < 0) != (span[0] in "-−"):
            problems.append(f"{span!r} is written with a sign its value {value} does not have")
        if unit == "pp" and not SIGNED.match(span) and not POINTS.search(text[figure["start"]:end + POINTS_REACH]):
            problems.append(f"{span!r} is labelled pp with no points word in or after it")
    return problems


def label_check_all() -> int:
    """Run the label checks on every set with spans (wild/*.jsonl, heldout*/*.jsonl); 1 when one has a problem."""
    total = 0
    for path in sorted(FIGURES.glob("*/*.jsonl")):
        paragraphs = load(path)
        if not paragraphs or "figures" not in paragraphs[0]:
            continue  # the context set labels one figure's context, not spans
        problems = [f"{path.relative_to(FIGURES)} paragraph {number}: {problem}"
                    for number, paragraph in enumerate(paragraphs, 1) for problem in label_problems(paragraph)]
        for line in problems:
            print(line)
        print(f"{path.relative_to(FIGURES)}: {len(paragraphs)} paragraphs, "
              f"{sum(len(p['figures']) for p in paragraphs)} figures, {len(problems)} problems")
        total += len(problems)
    return 1 if total else 0


def main() -> int:
    if sys.argv[1:] == ["--labels"]:
        return label_check_all()
    if len(sys.argv) != 2 or not (FIGURES / sys.argv[1] / f"{sys.argv[1]}.jsonl").is_file():
        print("\n\n".join(__doc__.split("\n\n")[1:3]).strip(), file=sys.stderr)
        return 2
    folder = FIGURES / sys.argv[1]
    paragraphs = load(folder / f"{sys.argv[1]}.jsonl")
    problems: list[str] = []
    notes: list[str] = []
    earlier = [row for path in earlier_sets(folder) for row in load(path)]
    used_sources = {row["source"] for row in earlier if "source" in row}
    seen: set[str] = set()
    for row in earlier:
        seen |= stretches(row.get("text", ""))
    for test in sorted((REPO / "tests").glob("test_figures*.py")):
        seen |= stretches(test.read_text(encoding="utf-8"))
    own: dict[str, str] = {}
    for number, paragraph in enumerate(paragraphs, 1):
        text, where = paragraph["text"], f"paragraph {number} ({paragraph['lang']}, {paragraph['source']})"
        if paragraph["source"] in used_sources:
            problems.append(f"{where}: the page is a source of an earlier set")
        shared = next((s for s in stretches(text) if s in seen), None)
        if shared:
            problems.append(f"{where}: shares {shared!r} with an earlier set or the tests")
        for stretch in stretches(text):
            other = own.setdefault(stretch, paragraph["source"])
            if other != paragraph["source"]:
                notes.append(f"note: {where} shares {stretch!r} with a paragraph of {other}")
                break
        problems += [f"{where}: {problem}" for problem in label_problems(paragraph)]
    for line in problems + notes:
        print(line)
    figures = [f for p in paragraphs for f in p["figures"]]
    print(f"{len(paragraphs)} paragraphs, {len({p['source'] for p in paragraphs})} pages, {len(figures)} figures "
          f"({sum(1 for f in figures if f['unit'] not in UNITS_OTHER)} money), checked against "
          f"{len(earlier)} paragraphs of {len(earlier_sets(folder))} earlier files and {len(used_sources)} sources: "
          f"{len(problems)} problems")
    print("per language:", dict(sorted(Counter(p["lang"] for p in paragraphs).items())))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
