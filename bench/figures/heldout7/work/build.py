"""Build heldout7.jsonl from the hand-written label files work/*.txt (spans located in order as whole tokens).

Format: a paragraph starts with '@ LANG SOURCE', the next line(s) until a '=' line are its text (joined by
'\n'), each '= SPAN | VALUE | UNIT' line is one figure in reading order (VALUE is arithmetic, UNIT '-' for none).
"""
import json, re, sys, unicodedata
from pathlib import Path
HERE = Path(__file__).resolve().parent
def cjk(ch):
    n = unicodedata.name(ch, "")
    return any(k in n for k in ("CJK", "HANGUL", "HIRAGANA", "KATAKANA", "IDEOGRAPH", "FULLWIDTH", "SQUARE"))
def wordish(ch):
    return (ch.isalnum() or ch == "_") and not cjk(ch)
def parse(path):
    rows, cur = [], None
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("@ "):
            _, lang, src = line.split(" ", 2)
            cur = {"lang": lang, "source": src.strip(), "lines": [], "figs": []}
            rows.append(cur)
        elif line.startswith("= "):
            span, value, unit = [x.strip() for x in line[2:].rsplit("|", 2)]
            span = line[2:].rsplit("|", 2)[0][:-1] if line[2:].rsplit("|", 2)[0].endswith(" ") else span
            cur["figs"].append((span, value, unit))
        elif line.startswith("#") and (cur is None or not cur["lines"]):
            continue
        elif cur is not None and not cur["figs"] and (line or cur["lines"]):
            cur["lines"].append(line)
    return rows
def locate(text, span, start):
    i = start
    while True:
        i = text.find(span, i)
        if i < 0:
            return -1
        before = text[i - 1] if i else " "
        after = text[i + len(span)] if i + len(span) < len(text) else " "
        ok_b = not (wordish(before) and wordish(span[0]))
        ok_a = not (wordish(after) and wordish(span[-1]))
        if span[-1].isdigit() and after.isdigit():
            ok_a = False
        if span[0].isdigit() and (before.isdigit()):
            ok_b = False
        if ok_b and ok_a:
            return i
        i += 1
def main():
    out, errors = [], 0
    for path in sorted(HERE.glob("batch*.txt")):
        for row in parse(path):
            text = "\n".join(row["lines"]).strip("\n")
            figs, pos = [], 0
            for span, value, unit in row["figs"]:
                if span == "NONE":
                    continue
                i = locate(text, span, pos)
                if i < 0:
                    print(f"{path.name}: {row['source']}: span {span!r} not found after {pos}", file=sys.stderr)
                    errors += 1
                    continue
                v = eval(value, {"__builtins__": {}})
                v = int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 1e18 else v
                if isinstance(v, float):
                    v = round(v, 10)
                figs.append({"text": span, "start": i, "end": i + len(span), "value": v,
                             "unit": None if unit == "-" else unit})
                pos = i + len(span)
            out.append({"lang": row["lang"], "source": row["source"], "text": text, "figures": figs,
                        "set": "heldout7"})
    (HERE.parent / "heldout7.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out),
                                                encoding="utf-8")
    print(len(out), "paragraphs", sum(len(r["figures"]) for r in out), "figures", errors, "errors")
    return 1 if errors else 0
if __name__ == "__main__":
    sys.exit(main())
