"""Measure archive.figures against a hand-labelled set, beside quantulum3 and price-parser, and its speed.

Run from the repository root:

    .venv/bin/python bench/figures/bench_figures.py [--errors]

Scoring. A predicted figure is correct when its value (relative tolerance 1e-6) and unit equal those of an
expected figure of the same sentence whose span overlaps it; each expected figure is matched at most once.
Precision = correct predictions / predictions, recall = matched expected figures / expected figures.
"money" restricts both sides to figures whose unit is a currency code; "all" takes every figure (counts,
"%", "x" and money). Qualifiers (approx) are not scored.

Labels (labelled.jsonl, written by hand): one JSON object a line, {"lang", "text", "figures": [{"text",
"value", "unit", "approx"}], "set"}. A figure's "text" is its span without a qualifier before it; plain
counts and measures are figures with unit null; number words are figures (English ones from the start, those
of every other language since issue 18, when the three such counts here were labelled: "deux heures", "trois
heures", "los dos candidatos"); years, dates, times,
ordinals, phone numbers, references, versions and model numbers are not figures. "set" is "dev" for the
sentences written first and used while developing the code, "heldout" for those written afterwards.

Speed: MB of UTF-8 text per second of extract() on one core, over the labelled sentences repeated to about
5 MB, and over the text of the HTML pages of ../shared/corpus/html (tags stripped with a regex).
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import math
import platform
import re
import sys
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO))

from archive.figures import extract  # noqa: E402

LABELLED = HERE / "labelled.jsonl"
CORPUS_HTML = REPO.parent / "shared" / "corpus" / "html"
SPEED_TARGET_BYTES = 5_000_000
NOT_MONEY = (None, "%", "x", "pp")


# --------------------------------------------------------------------------------------------- systems


def predict_ours(text: str) -> list[dict]:
    """Return our figures as {start, end, value, unit}."""
    return [{"start": f.start, "end": f.end, "value": f.value, "unit": f.unit} for f in extract(text)]


# quantulum3 mapping: a quantity whose unit's entity is "currency" becomes money, with the unit's own
# currency_code when it has one, else the code of its name below; "percentage"/"per cent"/"percent" become
# "%"; "times" (quantulum's unit "count" with the word "times") becomes "x"; every other unit (dimensionless,
# lengths, masses...) becomes a plain count (unit None), as we report measures. A compound unit quantulum
# builds from a currency and a misread scale ("pound sterling barn newton" for "£10bn") is kept as that
# currency with quantulum's value. quantulum3's value already includes scale words ("billion").
QUANTULUM_CURRENCY_NAMES = {
    "dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
    "japanese yen": "JPY", "chinese yuan": "CNY", "renminbi": "CNY", "russian ruble": "RUB",
    "indian rupee": "INR", "swiss franc": "CHF", "hong kong dollar": "HKD", "ukrainian hryvnia": "UAH",
    "kazakhstani tenge": "KZT", "macedonian denar": "MKD",
}
QUANTULUM_PERCENT = {"percentage", "per cent", "percent"}


def load_quantulum():
    """Return quantulum3's parser, or the reason it cannot be used."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it warns that its optional classifier is not installed
            from quantulum3 import parser
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available", reported as such
        return None, f"{type(exc).__name__}: {exc}"
    return parser, None


def quantulum_unit(quantity) -> str | None:
    """Map a quantulum3 unit to ours."""
    unit = quantity.unit
    name = unit.name.lower()
    if unit.entity.name == "currency":
        code = getattr(unit, "currency_code", None)
        return code or QUANTULUM_CURRENCY_NAMES.get(name)
    if name in QUANTULUM_PERCENT:
        return "%"
    if name == "count" and "times" in quantity.surface.lower():
        return "x"
    for currency, code in QUANTULUM_CURRENCY_NAMES.items():
        if name.startswith(currency + " "):
            return code
    return None


def predict_quantulum(parser, text: str) -> list[dict]:
    """Return quantulum3's quantities as {start, end, value, unit}."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantities = parser.parse(text)
    return [
        {"start": q.span[0], "end": q.span[1], "value": float(q.value), "unit": quantulum_unit(q)}
        for q in quantities
    ]


# price-parser mapping: it finds at most one price per text, without scale words; its currency string
# ("$", "€", "руб", "EUR"...) is mapped to an ISO code below (unknown strings, and prices without a
# currency, give no money figure); its amount_text is located in the text for the span.
PRICE_PARSER_CURRENCIES = {
    "$": "USD", "US$": "USD", "USD": "USD", "HK$": "HKD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "CNY": "CNY", "RMB": "CNY", "元": "CNY", "₽": "RUB", "руб": "RUB",
    "руб.": "RUB",
    "р": "RUB", "RUB": "RUB", "₸": "KZT", "KZT": "KZT", "₴": "UAH", "грн": "UAH", "UAH": "UAH", "₹": "INR",
    "Rs": "INR", "Rs.": "INR", "INR": "INR", "CHF": "CHF", "MKD": "MKD", "ден": "MKD",
}


def load_price_parser():
    """Return price_parser.Price, or the reason it cannot be used."""
    try:
        from price_parser import Price
    except Exception as exc:  # noqa: BLE001 - any import failure means "not available", reported as such
        return None, f"{type(exc).__name__}: {exc}"
    return Price, None


def predict_price_parser(price_class, text: str) -> list[dict]:
    """Return price-parser's one price as {start, end, value, unit}, or nothing."""
    price = price_class.fromstring(text)
    if price.amount is None or price.currency is None:
        return []
    unit = PRICE_PARSER_CURRENCIES.get(price.currency.strip())
    if unit is None:
        return []
    start = text.find(price.amount_text) if price.amount_text else -1
    if start < 0:
        return []
    end = start + len(price.amount_text)
    return [{"start": start, "end": end, "value": float(price.amount), "unit": unit}]


# --------------------------------------------------------------------------------------------- scoring


def load_labelled() -> list[dict]:
    """Return the labelled sentences with each expected figure's span located in its text."""
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    sentences = [json.loads(line) for line in lines if line.strip()]
    for sentence in sentences:
        search_from = 0
        for figure in sentence["figures"]:
            start = sentence["text"].find(figure["text"], search_from)
            if start < 0:
                start = sentence["text"].find(figure["text"])
            if start < 0:
                raise ValueError(f"label {figure['text']!r} not in {sentence['text']!r}")
            figure["start"], figure["end"] = start, start + len(figure["text"])
            search_from = figure["end"]
    return sentences


def is_money(figure: dict) -> bool:
    """Tell whether a figure's unit is a currency."""
    return figure["unit"] not in NOT_MONEY


def agrees(predicted: dict, expected: dict) -> bool:
    """Tell whether a prediction matches an expected figure: value, unit and overlapping spans."""
    overlap = predicted["start"] < expected["end"] and expected["start"] < predicted["end"]
    same_value = math.isclose(predicted["value"], expected["value"], rel_tol=1e-6, abs_tol=1e-9)
    return overlap and same_value and predicted["unit"] == expected["unit"]


def score(pairs: list[tuple[list[dict], list[dict]]], only_money: bool) -> dict:
    """Return counts, precision and recall over (predicted, expected) pairs of all sentences."""
    predicted_total = expected_total = correct = 0
    for predicted, expected in pairs:
        if only_money:
            predicted = [p for p in predicted if is_money(p)]
            expected = [e for e in expected if is_money(e)]
        predicted_total += len(predicted)
        expected_total += len(expected)
        unmatched = list(expected)
        for guess in predicted:
            hit = next((e for e in unmatched if agrees(guess, e)), None)
            if hit is not None:
                unmatched.remove(hit)
                correct += 1
    precision = correct / predicted_total if predicted_total else 0.0
    recall = correct / expected_total if expected_total else 0.0
    return {"predicted": predicted_total, "expected": expected_total, "correct": correct,
            "precision": precision, "recall": recall}


def run_system(name, predict, sentences) -> dict:
    """Run one system over the sentences; return its scores, failures and speed on this small set."""
    pairs, failures = [], 0
    try:
        predict(sentences[0]["text"])  # warm up (lazy imports, caches) outside the timing
    except Exception:  # noqa: BLE001, S110 - the timed loop below counts failures
        pass
    started = time.process_time()  # CPU time: other processes on the machine do not count against us
    for sentence in sentences:
        try:
            predicted = predict(sentence["text"])
        except Exception:  # noqa: BLE001 - a baseline crashing on a sentence scores as predicting nothing
            predicted, failures = [], failures + 1
        pairs.append((predicted, sentence["figures"]))
    elapsed = time.process_time() - started
    size = sum(len(s["text"].encode("utf-8")) for s in sentences)
    return {"name": name, "money": score(pairs, True), "all": score(pairs, False), "failures": failures,
            "mb_per_s": size / 1e6 / elapsed if elapsed else float("inf"), "pairs": pairs}


# --------------------------------------------------------------------------------------------- speed


TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]+>", re.DOTALL | re.IGNORECASE)
SPACE_RUN = re.compile(r"\s+")


def corpus_text() -> str:
    """Return the text of the corpus's HTML pages, tags stripped with a regex, or "" when absent."""
    if not CORPUS_HTML.is_dir():
        return ""
    texts = []
    for page in sorted(CORPUS_HTML.glob("*.html")):
        if ".expected." in page.name:
            continue
        markup = page.read_bytes().decode("utf-8", errors="replace")
        texts.append(SPACE_RUN.sub(" ", html.unescape(TAG.sub(" ", markup))))
    return "\n".join(texts)


def measure_speed(text: str, repeat: int = 3) -> tuple[float, float, int, int]:
    """Return the best MB/s of extract() over ``text`` in ``repeat`` runs, by CPU time of this one-threaded
    process and by wall-clock time, with the text's size and the figures found."""
    size = len(text.encode("utf-8"))
    best_cpu = best_wall = float("inf")
    found = 0
    for _ in range(repeat):
        cpu, wall = time.process_time(), time.perf_counter()
        found = len(extract(text))
        best_cpu = min(best_cpu, time.process_time() - cpu)
        best_wall = min(best_wall, time.perf_counter() - wall)
    return size / 1e6 / best_cpu, size / 1e6 / best_wall, size, found


# --------------------------------------------------------------------------------------------- report


def table(results: list[dict], unavailable: dict[str, str]) -> str:
    """Return the Markdown table of precision and recall."""
    lines = [
        "| system | money P | money R | money (correct/pred/exp) | all P | all R | all (correct/pred/exp) "
        "| MB/s on the set, one call per sentence (CPU time) | sentences failed |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for result in results:
        money, every = result["money"], result["all"]
        lines.append(
            f"| {result['name']} | {money['precision']:.3f} | {money['recall']:.3f} "
            f"| {money['correct']}/{money['predicted']}/{money['expected']} "
            f"| {every['precision']:.3f} | {every['recall']:.3f} "
            f"| {every['correct']}/{every['predicted']}/{every['expected']} "
            f"| {result['mb_per_s']:.3f} | {result['failures']} |"
        )
    for name, reason in unavailable.items():
        lines.append(f"| {name} | not available: {reason} | | | | | | | |")
    return "\n".join(lines)


def error_lines(result: dict, sentences: list[dict]) -> list[str]:
    """Return a readable list of the misses and false figures of one system."""
    lines = []
    for sentence, (predicted, expected) in zip(sentences, result["pairs"]):
        unmatched, wrong = list(expected), []
        for guess in predicted:
            hit = next((e for e in unmatched if agrees(guess, e)), None)
            if hit is None:
                wrong.append(guess)
            else:
                unmatched.remove(hit)
        if wrong or unmatched:
            lines.append(f"[{sentence['lang']}] {sentence['text']}")
            for guess in wrong:
                shown = sentence["text"][guess["start"] : guess["end"]]
                lines.append(f"    extra   {shown!r} value={guess['value']!r} unit={guess['unit']!r}")
            for miss in unmatched:
                lines.append(f"    missed  {miss['text']!r} value={miss['value']!r} unit={miss['unit']!r}")
    return lines


def main() -> int:
    """Run the benchmark and print (and optionally write) the Markdown report."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--errors", action="store_true", help="list our misses and false figures")
    arguments = options.parse_args()

    sentences = load_labelled()
    languages = sorted({s["lang"] for s in sentences})
    systems = {"archive.figures": predict_ours}
    unavailable = {}
    parser, reason = load_quantulum()
    if parser is None:
        unavailable["quantulum3"] = reason
    else:
        systems["quantulum3"] = functools.partial(predict_quantulum, parser)
    price_class, reason = load_price_parser()
    if price_class is None:
        unavailable["price-parser"] = reason
    else:
        systems["price-parser"] = functools.partial(predict_price_parser, price_class)

    results = [run_system(name, predict, sentences) for name, predict in systems.items()]
    # both baselines are built for English, so they are also scored on the English sentences alone
    english = [s for s in sentences if s["lang"] == "en"]
    for name, predict in systems.items():
        results.append(run_system(f"{name}, English sentences only", predict, english))
    # the optional "set" key of a sentence: "dev" sentences were used while writing the code, "heldout"
    # ones were written afterwards and first scored before any further change
    for subset in sorted({s.get("set") for s in sentences} - {None}):
        chosen = [s for s in sentences if s.get("set") == subset]
        results.append(run_system(f"archive.figures, {subset} sentences only", predict_ours, chosen))

    joined = "\n".join(s["text"] for s in sentences)
    repeated = "\n".join([joined] * max(1, SPEED_TARGET_BYTES // len(joined.encode("utf-8"))))
    speeds = [("labelled sentences repeated", *measure_speed(repeated))]
    corpus = corpus_text()
    if corpus:
        speeds.append(("corpus HTML pages, tags stripped", *measure_speed(corpus)))

    report = [
        "## Figures benchmark",
        "",
        f"Labelled set: {len(sentences)} sentences in {len(languages)} languages ({', '.join(languages)}), "
        f"{sum(len(s['figures']) for s in sentences)} expected figures, of which "
        f"{sum(1 for s in sentences for f in s['figures'] if is_money(f))} money.",
        "",
        table(results, unavailable),
        "",
        "| extract() speed, one core (best of 3) | size | figures found | MB/s by CPU time "
        "| MB/s by wall clock |",
        "| --- | --- | --- | --- | --- |",
        *[
            f"| {name} | {size / 1e6:.2f} MB | {found} | {cpu:.2f} | {wall:.2f} |"
            for name, cpu, wall, size, found in speeds
        ],
        "",
        f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}.",
    ]
    print("\n".join(report))
    if arguments.errors:
        print("\n### archive.figures errors\n")
        print("\n".join(error_lines(results[0], sentences)) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
