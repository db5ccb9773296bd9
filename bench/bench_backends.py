"""The embedded backends (SQLite + Whoosh) and PostgreSQL side by side, in one run: the writer's path at N
captures, two writer processes at once, search latency per class of query, and the overlap of the two
rankings' top 10 on the ranking documents (tests/ranking_corpus.py).

Extraction is left out on purpose: both backends take the same NewCapture values (text analysed, figures
found beforehand, as ingest workers hand them to the writer), so what is timed is what differs: storing the
original, the catalog row and ledger entry, and the search document. PostgreSQL runs on a throwaway cluster
(tests/postgres.py: Debian's server, fsync off like a test cluster, on the same 2 cores), or on --database.

    .venv/bin/python bench/bench_backends.py --n 20000 --out bench/out/backends
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from archive.analysis import analyse  # noqa: E402
from archive.backends import DATABASE_URL  # noqa: E402
from archive.clock import utc_now  # noqa: E402
from archive.models import NewCapture  # noqa: E402

LANGUAGES = ("en", "de", "fr", "mk")
KINDS = ("html", "text", "pdf")
VOCABULARY_SIZE = 6000
WORDS_PER_TEXT = 300


def vocabulary(size: int = VOCABULARY_SIZE) -> list[str]:
    """Return made-up words from syllables, the same every run."""
    rng = random.Random(3)
    syllables = ["ka", "zu", "mo", "ri", "ten", "dro", "ne", "ex", "por", "ta", "li", "vo", "san", "gri", "el"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def capture_values(n: int, seed: int = 11) -> list[NewCapture]:
    """Return n captures of Zipf-distributed words with their analysis done, as workers hand them over."""
    words = vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(words))]
    rng = random.Random(seed)
    values = []
    for number in range(n):
        text = " ".join(rng.choices(words, weights, k=WORDS_PER_TEXT)) + f" marker{number}x."
        title = " ".join(rng.choices(words, weights, k=5))
        captured = NewCapture(source=f"bench-{seed}-{number}.txt", method="file", media_type="text/plain",
                              kind=KINDS[number % len(KINDS)], captured_at=utc_now(), body=text.encode(),
                              text=text, title=title, language=LANGUAGES[number % len(LANGUAGES)],
                              published=f"{2019 + number % 6}-{1 + number % 12:02d}-{1 + number % 28:02d}")
        captured.analysed = analyse(text)
        captured.figures = []
        values.append(captured)
    return values


def write_all(home: Path, values: list[NewCapture]) -> float:
    """Add captures through the facade in one batch; return the seconds taken."""
    from archive.archive import Archive

    started = time.perf_counter()
    with Archive(home) as archive:
        with archive.batch():
            for captured in values:
                assert archive.add(captured).status == "captured"
    return time.perf_counter() - started


def two_writers(home: Path, n: int, environment: dict[str, str]) -> float:
    """Run two processes adding n/2 different captures each at once; return the wall-clock seconds."""
    from archive.archive import Archive

    Archive(home).close()
    script = ("import sys; sys.path.insert(0, sys.argv[1]); from bench_backends import capture_values, write_all; "
              "from pathlib import Path; write_all(Path(sys.argv[2]), capture_values(int(sys.argv[3]), "
              "int(sys.argv[4])))")
    started = time.perf_counter()
    runs = [subprocess.Popen([sys.executable, "-c", script, str(ROOT / "bench"), str(home), str(n // 2), str(seed)],
                             env={**environment, "PYTHONPATH": str(ROOT)}) for seed in (21, 22)]
    for run in runs:
        assert run.wait() == 0
    return time.perf_counter() - started


def query_set(per_class: int) -> dict[str, list[str]]:
    """Return queries by class over the made-up vocabulary (common words rank, rare words select)."""
    words = vocabulary()
    rng = random.Random(5)
    common, middle = words[:50], words[200:2000]
    return {
        "single word": [rng.choice(middle) for _ in range(per_class)],
        "two words": [f"{rng.choice(middle)} {rng.choice(middle)}" for _ in range(per_class)],
        "common word": [rng.choice(common) for _ in range(per_class)],
        "exact phrase": [f'"{rng.choice(common)} {rng.choice(common)}"' for _ in range(per_class)],
        "filtered: lang": [f"{rng.choice(middle)} lang:de" for _ in range(per_class)],
        "filtered: kind + published": [f"{rng.choice(middle)} kind:pdf published:[2020-01-01 to 2021-12-31]"
                                       for _ in range(per_class)],
        # the names features: a capitalised word also finds its close spellings, `word~` asks for them
        "name (capitalised)": [rng.choice(middle).capitalize() for _ in range(per_class)],
        "fuzzy word~": [f"{rng.choice(middle)}~" for _ in range(per_class)],
    }


def search_latency(home: Path, queries: dict[str, list[str]]) -> dict[str, dict[str, float]]:
    """Time each query (limit 10, snippets) after one warm-up pass; return median and p95 ms per class."""
    from archive.archive import Archive

    results = {}
    with Archive(home) as archive:
        for texts in queries.values():
            for query in texts[:3]:
                archive.search(query)
        for name, texts in queries.items():
            times = []
            for query in texts:
                started = time.perf_counter()
                archive.search(query)
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            results[name] = {"median": round(statistics.median(times), 1),
                             "p95": round(times[int(0.95 * (len(times) - 1))], 1)}
    return results


def ranking_overlap(database: str, documents: int) -> dict:
    """Index the ranking documents in Whoosh and PostgreSQL; return the mean share of each query's top 10
    found in both, per query and overall."""
    import tempfile

    from archive.search.pg_index import PgIndex
    from archive.search.whoosh_index import WhooshIndex
    from tests.contract.test_search_contract import Texts, _capture
    from tests.ranking_corpus import COMMON, RARE, ranking_documents

    texts = Texts()
    whoosh = WhooshIndex(Path(tempfile.mkdtemp(prefix="bench-rank-")) / "index")
    postgres = PgIndex(database)
    for index in (whoosh, postgres):
        index.begin(wait=10)
        for n, doc in enumerate(ranking_documents(documents)):
            index.add(_capture(n + 1, title=doc.title, language=doc.lang, kind="markdown"), analyse(doc.body).terms)
            texts[n + 1] = doc.body
        index.commit()
    queries = ([*RARE, *COMMON[:4], "moon OR the", "drone export", "budget council", '"the moon landing"',
                "moon lang:de", "landing NOT moon", "无人机", "the said", "ministry OR council OR budget"])
    found = {}
    for query in queries:
        ours = [hit.capture_id for hit in whoosh.search(query, texts, limit=10)[1]]
        theirs = [hit.capture_id for hit in postgres.search(query, texts, limit=10)[1]]
        found[query] = round(len(set(ours) & set(theirs)) / max(len(ours), 1), 2)
    whoosh.close()
    postgres.close()
    return {"documents": documents, "per_query": found, "mean": round(statistics.mean(found.values()), 3)}


def _analyse(url: str) -> None:
    """Run ANALYZE, as autovacuum does a while after a bulk load: searched before it, right after 20,000 writes,
    a word took 1.5 s (the planner, with the statistics of a smaller table, scanned every document)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--queries", type=int, default=50, help="queries per class")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "backends")
    parser.add_argument("--database", help="a PostgreSQL server URL to make databases on (default: a throwaway "
                                           "cluster)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    cluster = None
    if args.database:
        make_database = _databases_on(args.database)
    else:
        from tests.postgres import Cluster

        cluster = Cluster()
        make_database = cluster.create_database
    try:
        results = {"n": args.n, "ranking": {size: ranking_overlap(make_database(), size) for size in (120, 1000)}}
        print(json.dumps(results["ranking"], indent=1), flush=True)
        values = capture_values(args.n)
        environment = {k: v for k, v in os.environ.items() if k != DATABASE_URL}
        for name in ("embedded", "postgresql"):
            home = args.out / f"{name}-{args.n}"
            if name == "postgresql":
                os.environ[DATABASE_URL] = environment[DATABASE_URL] = make_database()
            one = write_all(home, values)
            if name == "postgresql":  # the statistics autovacuum keeps, made now: the planner needs them
                _analyse(os.environ[DATABASE_URL])
            searched = search_latency(home, query_set(args.queries))  # before the two writers' archive exists
            if name == "postgresql":  # the two writers' captures go to a database of their own, as files do
                environment[DATABASE_URL] = make_database()
            two = two_writers(args.out / f"{name}-two-writers", args.n, environment)
            results[name] = {"one writer s": round(one, 1), "captures/s": round(args.n / one),
                             "two writer processes s": round(two, 1), "two writers captures/s": round(args.n / two),
                             "search ms": searched}
            print(name, json.dumps(results[name], indent=1), flush=True)
            os.environ.pop(DATABASE_URL, None)
            environment.pop(DATABASE_URL, None)
        (args.out / "results.json").write_text(json.dumps(results, indent=1))
    finally:
        if cluster is not None:
            cluster.remove()


def _databases_on(server: str):
    import itertools

    import psycopg

    counter = itertools.count(1)

    def make() -> str:
        name = f"bench_{os.getpid()}_{next(counter)}"
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return server.rsplit("/", 1)[0] + "/" + name

    return make


if __name__ == "__main__":
    main()
