"""Search latency with snippets: our Archive.search (Whoosh) vs SQLite FTS5 over the same capture texts.

Builds (or reuses) an archive of N replicated corpus pages, then times many queries per class. Usage:

    .venv/bin/python bench/bench_search.py --n 20000 --home bench/out/archive-20k --queries 100
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import BENCH_DIR, log, write_pages  # noqa: E402  (bench/ is a folder of scripts)

CLASSES = ("single word", "two words", "exact phrase", "filtered: lang", "filtered: kind + published",
           "CJK substring", "pasted CJK/Thai clause", "name (capitalised or other script)", "fuzzy word~")
_WORD = re.compile(r"[^\W\d_]{4,}")
_TOKEN = re.compile(r"[^\W_]+")
# Scripts written without spaces, as archive/analysis.py lists them: Thai, Lao, Myanmar, Khmer, kana, Han.
_UNSPACED = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
                       "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f]")
_UNSPACED_RUN = re.compile(_UNSPACED.pattern + "{6,}")
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
PUBLISHED_RANGE = ("2019-01-01", "2020-12-31")
FILTER_LANGUAGE = "de"


# -- building -----------------------------------------------------------------------------------

def build_archive(home: Path, n: int, out: Path, jobs: int) -> dict:
    """Ingest n replicated pages into home with `jobs` processes, unless an archive of n is already there."""
    from archive.archive import Archive
    from ingest.pipeline import Limits
    from ingest.run import ingest

    if (home / "catalog.db").is_file():
        with Archive(home) as archive:
            count = archive.catalog.count_captures()
        if count >= n:
            log(f"reusing {home} ({count} captures)")
            return {"reused": True, "captures": count}
    folder = out / f"pages-{n}"
    log(f"writing {n} pages to {folder}")
    write_pages(folder, n)
    log(f"ingesting into {home} with jobs={jobs}")
    counts: Counter = Counter()
    started = time.perf_counter()
    with Archive(home) as archive:
        with archive.batch():
            for result in ingest([str(folder)], archive.add, Limits(), jobs=jobs, exclude=(archive.home,)):
                counts[result.status] += 1
                done = sum(counts.values())
                if done % 500 == 0:
                    log(f"  {done}/{n} ({done / (time.perf_counter() - started):.1f} pages/s) {dict(counts)}")
    seconds = time.perf_counter() - started
    log(f"built in {seconds:.0f} s: {dict(counts)}")
    return {"reused": False, "captures": counts["captured"], "counts": dict(counts), "seconds": seconds,
            "jobs": jobs}


def build_fts(archive, path: Path) -> dict:
    """Copy every capture's title and text into an FTS5 table in its own db file (reused when complete)."""
    total = archive.catalog.count_captures()
    if path.is_file():
        with sqlite3.connect(path) as db:
            if db.execute("SELECT count(*) FROM captures_fts").fetchone()[0] == total:
                return {"reused": True, "rows": total}
        path.unlink()
    started = time.perf_counter()
    db = sqlite3.connect(path)
    db.execute("CREATE VIRTUAL TABLE captures_fts USING fts5(title, text, lang UNINDEXED, kind UNINDEXED, "
               "published UNINDEXED, tokenize='unicode61 remove_diacritics 2')")
    rows = ((c.id, c.title or "", c.text or "", c.language, c.kind, c.published)
            for c in archive.catalog.iter_captures(with_text=True))
    db.executemany("INSERT INTO captures_fts(rowid, title, text, lang, kind, published) VALUES (?,?,?,?,?,?)",
                   rows)
    db.commit()
    db.close()
    return {"reused": False, "rows": total, "seconds": time.perf_counter() - started}


# -- queries --------------------------------------------------------------------------------------

def sample_texts(archive, distinct: int = 200) -> list[tuple[str, str, str]]:
    """Return (language, published, text) of the first captures: one per corpus page, as pages are interleaved."""
    return [(c.language or "", c.published or "", c.text or "")
            for c in archive.catalog.iter_captures(with_text=True) if c.id <= distinct]


def make_queries(texts: list[tuple[str, str, str]], per_class: int, seed: int = 1) -> dict[str, list[tuple]]:
    """Draw varied queries per class from the corpus vocabulary: (ours, fts5 match, fts5 filter sql, args)."""
    first, last = PUBLISHED_RANGE
    lines = [(lang, line) for lang, _, text in texts for line in text.splitlines()
             if len(_WORD.findall(line)) >= 3]
    vocabulary = _words(text for _, _, text in texts)
    # Filter queries draw from pages the filter keeps, so that most of them have hits to rank and snip.
    german = _words(text for lang, _, text in texts if lang == FILTER_LANGUAGE) or vocabulary
    dated = _words(text for _, day, text in texts if first <= day[:10] <= last) or vocabulary
    # A quote pasted from a Chinese, Japanese or Thai page: a whole run between punctuation marks.
    clauses = sorted({run for _, _, text in texts for run in _UNSPACED_RUN.findall(text)})
    han = sorted({run[i:i + size] for lang, _, text in texts if lang == "zh" for run in _HAN_RUN.findall(text)
                  for size in (2, 3) for i in range(len(run) - size + 1)})

    def single(rng):
        word = rng.choice(vocabulary)
        return word, _fts_phrase(word), "", []

    def two_words(rng):
        pair = _consecutive(rng, lines, 2)
        return " ".join(pair), " ".join(_fts_phrase(w) for w in pair), "", []

    def phrase(rng):
        triple = " ".join(_consecutive(rng, lines, 3))
        return f'"{triple}"', _fts_phrase(triple), "", []

    def by_language(rng):
        word = rng.choice(german)
        return f"{word} lang:{FILTER_LANGUAGE}", _fts_phrase(word), " AND lang = ?", [FILTER_LANGUAGE]

    def by_kind_and_date(rng):
        word = rng.choice(dated)
        return (f"{word} kind:html published:[{first} to {last}]", _fts_phrase(word),
                " AND kind = ? AND substr(published, 1, 10) BETWEEN ? AND ?", ["html", first, last])

    def quoted(pool):
        def draw(rng):
            text = rng.choice(pool)
            return text, _fts_phrase(text), "", []
        return draw

    # Names: a capitalised word or a word of a script other than Latin, which also look for Latin readings
    # and close spellings (archive/search/variants.py); and any word with `~`.
    names = [word for word in vocabulary if word[0].isupper() or not word.isascii()] or vocabulary

    def name(rng):
        word = rng.choice(names)
        return word, _fts_phrase(word), "", []

    def fuzzy(rng):
        word = rng.choice(vocabulary)
        return f"{word}~", _fts_phrase(word), "", []

    makers = {"name (capitalised or other script)": name, "fuzzy word~": fuzzy, "single word": single, "two words": two_words, "exact phrase": phrase,
              "filtered: lang": by_language, "filtered: kind + published": by_kind_and_date,
              "CJK substring": quoted(han) if han else None,
              "pasted CJK/Thai clause": quoted(clauses) if clauses else None}
    queries: dict[str, list[tuple]] = {}
    for name in CLASSES:
        # One generator per class: adding a class never changes the queries of the others.
        rng = random.Random(f"{seed}/{name}")
        queries[name] = [makers[name](rng) for _ in range(per_class)] if makers[name] else []
    return queries


def _words(texts) -> list[str]:
    """Return the distinct words of four letters or more in texts, sorted so draws repeat across runs."""
    # Runs of scripts written without spaces (Chinese, Japanese, Thai) are whole clauses, not words:
    # the two CJK classes cover them.
    return sorted({word for text in texts for word in _WORD.findall(text) if not _UNSPACED.search(word)})


def _consecutive(rng: random.Random, lines: list[tuple[str, str]], count: int) -> list[str]:
    """Return `count` words that follow each other in a random line, all of them letters only."""
    while True:
        tokens = _TOKEN.findall(rng.choice(lines)[1])
        starts = [i for i in range(len(tokens) - count + 1)
                  if all(t.isalpha() and not _UNSPACED.search(t) for t in tokens[i:i + count])]
        if starts:
            start = rng.choice(starts)
            return tokens[start:start + count]


def _fts_phrase(words: str) -> str:
    """Quote words as an FTS5 string, so punctuation and keywords (AND, NOT) are not read as syntax."""
    return '"' + words.replace('"', '""') + '"'


# -- timing ----------------------------------------------------------------------------------------

def time_ours(archive, query: str) -> tuple[float, int, int, float]:
    """Run one of our searches with snippets; return (ms, total matches, hits returned, CPU ms).

    CPU time (of this process) is kept beside wall time: other work on a shared machine stretches the wall
    time of a query far more than its CPU time.
    """
    started, cpu = time.perf_counter(), time.process_time()
    result = archive.search(query, limit=10)
    return ((time.perf_counter() - started) * 1000, result.total, len(result.hits),
            (time.process_time() - cpu) * 1000)


FTS_SQL = ("SELECT rowid, title, bm25(captures_fts, 2.0, 1.0) AS score, "
           "snippet(captures_fts, 1, '<mark>', '</mark>', ' … ', 32) FROM captures_fts "
           "WHERE captures_fts MATCH ?{filter} ORDER BY score LIMIT 10")


def time_fts(db: sqlite3.Connection, match: str, where: str, args: list) -> tuple[float, int, int]:
    """Run one FTS5 query with bm25 order and a snippet; return (ms, total matches, hits returned)."""
    started = time.perf_counter()
    rows = db.execute(FTS_SQL.format(filter=where), [match, *args]).fetchall()
    elapsed = (time.perf_counter() - started) * 1000
    # The total is counted outside the timing: ours gets it from the same search, FTS5 needs a second query.
    total = db.execute(f"SELECT count(*) FROM captures_fts WHERE captures_fts MATCH ?{where}",
                       [match, *args]).fetchone()[0]
    return elapsed, total, len(rows)


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def summarise(samples: list[tuple]) -> dict:
    """Return p50/p95/max latency and mean matches of a list of (ms, total, returned[, CPU ms])."""
    ms = [s[0] for s in samples]
    summary = {"runs": len(ms), "p50_ms": percentile(ms, 0.50), "p95_ms": percentile(ms, 0.95), "max_ms": max(ms),
               "mean_total": sum(s[1] for s in samples) / len(samples),
               "zero_hit_share": sum(1 for s in samples if s[1] == 0) / len(samples)}
    if len(samples[0]) > 3:
        cpu = [s[3] for s in samples]
        summary.update(cpu_p50_ms=percentile(cpu, 0.50), cpu_p95_ms=percentile(cpu, 0.95))
    return summary


def run_queries(archive, db: sqlite3.Connection | None, queries: dict[str, list[tuple]],
                classes: tuple[str, ...] = CLASSES) -> dict[str, dict]:
    """Time every query of the classes against both engines (ours alone without `db`), alternating so both
    see the same machine state; each query's own (ms, total, returned, CPU ms) is kept in `samples`."""
    results = {}
    for name in classes:
        load = os.getloadavg()[0]  # other work on the machine shows in the tail latencies
        ours, fts = [], []
        for our_query, match, where, args in queries[name]:
            ours.append(time_ours(archive, our_query))
            if db is not None:
                fts.append(time_fts(db, match, where, args))
        if ours:
            results[name] = {"ours": summarise(ours), "example": queries[name][0][0], "load_before": load,
                             "samples": ours}
            if fts:
                results[name]["fts5"] = summarise(fts)
            log(f"  {name}: ours p95 {results[name]['ours']['p95_ms']:.1f} ms" + (
                f", fts5 p95 {results[name]['fts5']['p95_ms']:.1f} ms" if fts else ""))
    return results


def cold_queries(home: Path, fts_path: Path, query: str, match: str) -> dict:
    """Time opening each engine and its first query (file caches stay warm: this is a fresh process's first)."""
    from archive.archive import Archive

    started = time.perf_counter()
    archive = Archive(home)
    opened = time.perf_counter()
    archive.search(query, limit=10)
    first = time.perf_counter()
    archive.close()
    db = sqlite3.connect(fts_path)
    fts_opened = time.perf_counter()
    time_fts(db, match, "", [])
    fts_first = time.perf_counter()
    db.close()
    return {"ours_open_ms": (opened - started) * 1000, "ours_first_query_ms": (first - opened) * 1000,
            "fts5_first_query_ms": (fts_first - fts_opened) * 1000}


# -- report ------------------------------------------------------------------------------------------

def latency_table(results: dict[str, dict]) -> str:
    """Render the latency of both engines per class as Markdown."""
    rows = ["| query class | example | ours p50 | ours p95 | ours max | ours CPU p50 | ours CPU p95 | "
            "ours mean matches | FTS5 p50 | FTS5 p95 | FTS5 max | FTS5 mean matches | FTS5 zero-hit share | load avg |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in results.items():
        if "fts5" not in r:
            continue
        o, f = r["ours"], r["fts5"]
        rows.append(f"| {name} | `{r['example']}` | {o['p50_ms']:.1f} | {o['p95_ms']:.1f} | {o['max_ms']:.1f} | "
                    f"{o['cpu_p50_ms']:.1f} | {o['cpu_p95_ms']:.1f} | "
                    f"{o['mean_total']:.0f} | {f['p50_ms']:.1f} | {f['p95_ms']:.1f} | {f['max_ms']:.1f} | "
                    f"{f['mean_total']:.0f} | {f['zero_hit_share']:.0%} | {r['load_before']:.1f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Build or reuse the archive and the FTS5 copy, time the queries, print and save the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--home", type=Path, default=BENCH_DIR / "out" / "archive-20k")
    parser.add_argument("--queries", type=int, default=100, help="queries per class")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes while building")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--classes", nargs="+", choices=CLASSES, default=list(CLASSES), metavar="CLASS",
                        help="the query classes to time (all by default)")
    parser.add_argument("--ours-only", action="store_true",
                        help="time our search alone: no FTS5 copy, no FTS5 queries, no cold start")
    args = parser.parse_args(argv)
    from archive.archive import Archive

    home, out = args.home.resolve(), args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if args.ours_only:  # on an archive already built, never building one
        if not (home / "catalog.db").is_file():
            parser.error(f"--ours-only needs an archive: {home} has no catalog.db")
        return time_ours_alone(home, out, args, started)
    build = build_archive(home, args.n, out, args.jobs)
    if args.build_only:
        return
    fts_path = out / f"fts5-{home.name}.db"
    with Archive(home) as archive:
        log("building the FTS5 copy")
        fts = build_fts(archive, fts_path)
        queries = make_queries(sample_texts(archive), args.queries)
    first = queries["single word"][0]
    cold = cold_queries(home, fts_path, first[0], first[1])
    log(f"cold: {cold}")
    archive = Archive(home)  # opened once and kept open across queries, as a server would
    db = sqlite3.connect(fts_path)
    try:
        results = run_queries(archive, db, queries, tuple(args.classes))
        captures = archive.catalog.count_captures()
    finally:
        archive.close()
        db.close()
    report = {"n": args.n, "started": started, "captures": captures, "build": build, "fts_build": fts, "cold": cold,
              "results": results, "sizes_mb": sizes(home, fts_path)}
    (out / "search-results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"\n## Search latency (ms), {captures} captures, {args.queries} queries per class, limit 10 with "
          f"snippets\n\n{latency_table(results)}\n")
    print(f"Cold: opening the archive {cold['ours_open_ms']:.0f} ms, its first query "
          f"{cold['ours_first_query_ms']:.0f} ms; FTS5 first query {cold['fts5_first_query_ms']:.0f} ms.")
    print(f"Sizes (MB): {report['sizes_mb']}")


def time_ours_alone(home: Path, out: Path, args, started: str) -> None:
    """Time our search alone on the queries of the chosen classes; save them to search-results.json."""
    from archive.archive import Archive

    archive = Archive(home)
    try:
        queries = make_queries(sample_texts(archive), args.queries)
        results = run_queries(archive, None, queries, tuple(args.classes))
        captures = archive.catalog.count_captures()
    finally:
        archive.close()
    report = {"started": started, "captures": captures, "results": results}
    (out / "search-results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))


def sizes(home: Path, fts_path: Path) -> dict:
    """Return the on-disk size of the index, the catalog and the FTS5 copy in MB."""
    def folder_mb(path: Path) -> float:
        return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1048576, 1)
    catalog = sum(p.stat().st_size for p in home.glob("catalog.db*"))
    return {"whoosh index": folder_mb(home / "index"), "catalog.db": round(catalog / 1048576, 1),
            "blobs": folder_mb(home / "blobs"), "fts5 db": round(fts_path.stat().st_size / 1048576, 1),
            "whoosh segments": len(list((home / "index").glob("*.seg")))}


if __name__ == "__main__":
    main()
