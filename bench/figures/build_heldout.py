"""Build a held-out set's JSON lines from its hand-written label files (bench/figures/NAME/work/batch*.txt).

Run from the repository root:

    .venv/bin/python bench/figures/build_heldout.py heldout7           # writes heldout7/heldout7.jsonl
    .venv/bin/python bench/figures/build_heldout.py heldout7 --check   # says whether the file is what they give

A label file holds paragraphs one after the other. A paragraph starts with `@ LANG SOURCE`; the lines after it, up
to its first `=` line, are its text (joined by newlines); each `= SPAN | VALUE | UNIT` line is one figure in
reading order: SPAN as written, VALUE as arithmetic ("1.5*10**9"), UNIT an ISO code, "%", "pp", "x" or "-" for
none; `= NONE` marks a paragraph with no figure. Each span is located after the one before, as a whole token
(not inside a longer word or number). No figure engine is involved: the labels are a person's.
"""

from __future__ import annotations

import ast
import json
import operator
import sys
import unicodedata
from pathlib import Path

FIGURES = Path(__file__).resolve().parent
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
              ast.Pow: operator.pow, ast.USub: operator.neg, ast.UAdd: operator.pos}


def main() -> int:
    arguments = sys.argv[1:]
    check = "--check" in arguments
    names = [a for a in arguments if a != "--check"]
    if len(names) != 1 or not (FIGURES / names[0] / "work").is_dir():
        print("\n\n".join(__doc__.split("\n\n")[1:3]).strip(), file=sys.stderr)
        return 2
    name = names[0]
    rows, errors = build(name)
    written = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    target = FIGURES / name / f"{name}.jsonl"
    if check:
        same = target.is_file() and target.read_text(encoding="utf-8") == written
        print(f"{target.name} is {'' if same else 'not '}what the label files give")
        return 0 if same and not errors else 1
    target.write_text(written, encoding="utf-8")
    print(len(rows), "paragraphs", sum(len(row["figures"]) for row in rows), "figures", errors, "errors")
    return 1 if errors else 0


def build(name: str) -> tuple[list[dict], int]:
    """Return the set's rows from its label files, and how many spans could not be located."""
    rows, errors = [], 0
    for path in sorted((FIGURES / name / "work").glob("batch*.txt")):
        for paragraph in _paragraphs(path):
            text = "\n".join(paragraph["lines"]).strip("\n")
            figures, position = [], 0
            for span, value, unit in paragraph["figures"]:
                if span == "NONE":
                    continue
                start = _locate(text, span, position)
                if start < 0:
                    print(f"{path.name}: {paragraph['source']}: span {span!r} not found after {position}",
                          file=sys.stderr)
                    errors += 1
                    continue
                figures.append({"text": span, "start": start, "end": start + len(span), "value": _number(value),
                                "unit": None if unit == "-" else unit})
                position = start + len(span)
            rows.append({"lang": paragraph["lang"], "source": paragraph["source"], "text": text,
                         "figures": figures, "set": name})
    return rows, errors


def _paragraphs(path: Path) -> list[dict]:
    paragraphs, current = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("@ "):
            _, lang, source = line.split(" ", 2)
            current = {"lang": lang, "source": source.strip(), "lines": [], "figures": []}
            paragraphs.append(current)
        elif line.startswith("= "):
            span, value, unit = (part.strip() for part in line[2:].rsplit("|", 2))
            written = line[2:].rsplit("|", 2)[0]
            if written.endswith(" "):  # "= SPAN | ...": the one space before the bar is the format's, not the span's
                span = written[:-1]
            current["figures"].append((span, value, unit))
        elif line.startswith("#") and (current is None or not current["lines"]):
            continue  # a comment of the file, before a paragraph's text
        elif current is not None and not current["figures"] and (line or current["lines"]):
            current["lines"].append(line)
    return paragraphs


def _locate(text: str, span: str, start: int) -> int:
    """Return where `span` stands in `text` from `start` on as a whole token, or -1."""
    at = text.find(span, start)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(span)] if at + len(span) < len(text) else " "
        clear_before = not (_wordish(before) and _wordish(span[0])) and not (span[0].isdigit() and before.isdigit())
        clear_after = not (_wordish(after) and _wordish(span[-1])) and not (span[-1].isdigit() and after.isdigit())
        if clear_before and clear_after:
            return at
        at = text.find(span, at + 1)
    return -1


def _wordish(character: str) -> bool:
    """Tell a character of a word written with spaces between words (CJK scripts run words together)."""
    name = unicodedata.name(character, "")
    cjk = any(key in name for key in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "IDEOGRAPH", "FULLWIDTH", "SQUARE"))
    return (character.isalnum() or character == "_") and not cjk


def _number(written: str) -> int | float:
    """Return a label's value, written as arithmetic; whole floats as ints, others to ten decimals."""
    value = _evaluate(ast.parse(written, mode="eval").body)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return round(value, 10) if isinstance(value, float) else value


def _evaluate(node: ast.AST) -> int | float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError(f"not arithmetic: {ast.unparse(node)}")


if __name__ == "__main__":
    sys.exit(main())
