"""Print heldout18's counts, per-language table, units and sources from heldout18.jsonl (for its README)."""

import json
from collections import Counter, defaultdict
from pathlib import Path

ROWS = [json.loads(line) for line in (Path(__file__).resolve().parents[1] / "heldout18.jsonl").open(encoding="utf-8")]


def is_money(figure: dict) -> bool:
    return figure["unit"] not in (None, "%", "pp", "x")


def summary() -> str:
    figures = [f for r in ROWS for f in r["figures"]]
    units = Counter("money" if is_money(f) else (f["unit"] or "count") for f in figures)
    empty = sum(1 for r in ROWS if not r["figures"])
    pages = len({r["source"] for r in ROWS})
    return (f"{len(ROWS)} paragraphs from {pages} pages, {len(figures)} expected figures of which {units['money']} money, "
            f"{units['x']} multiples and {units['pp']} changes in percentage points, {empty} paragraphs with no figure.")


def language_table() -> str:
    lines = ["| lang | paragraphs | pages | figures | money | with no figure |", "| --- | --- | --- | --- | --- | --- |"]
    by_lang = defaultdict(list)
    for row in ROWS:
        by_lang[row["lang"]].append(row)
    for lang in sorted(by_lang) + ["all"]:
        rows = ROWS if lang == "all" else by_lang[lang]
        figures = [f for r in rows for f in r["figures"]]
        lines.append(f"| {lang} | {len(rows)} | {len({r['source'] for r in rows})} | {len(figures)} | "
                     f"{sum(map(is_money, figures))} | {sum(1 for r in rows if not r['figures'])} |")
    return "\n".join(lines)


def units_line() -> str:
    figures = [f for r in ROWS for f in r["figures"]]
    kinds = Counter("money" if is_money(f) else (f["unit"] or "count") for f in figures)
    currencies = Counter(f["unit"] for f in figures if is_money(f))
    listed = ", ".join(f"{code} {n}" for code, n in currencies.most_common())
    return (f"Units: {kinds['count']} counts and measures, {kinds['%']} percentages, {kinds['pp']} changes in percentage "
            f"points, {kinds['x']} multiples, {kinds['money']} money in {len(currencies)} currencies ({listed}).")


def sources_table() -> str:
    lines = ["| lang | page | paragraphs | figures |", "| --- | --- | --- | --- |"]
    seen = {}
    for row in ROWS:
        key = (row["lang"], row["source"])
        paragraphs, figures = seen.get(key, (0, 0))
        seen[key] = (paragraphs + 1, figures + len(row["figures"]))
    for (lang, source), (paragraphs, figures) in seen.items():
        lines.append(f"| {lang} | {source} | {paragraphs} | {figures} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary(), language_table(), units_line(), sources_table(), sep="\n\n")
