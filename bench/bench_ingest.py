"""Ingest throughput and peak memory: bare trafilatura baselines vs our full pipeline, side by side in one run.

Every configuration runs in a fresh subprocess so its peak RSS is its own. Usage:

    .venv/bin/python bench/bench_ingest.py --n 2000 --memory-ns 500,2000,8000 --repeat 2 --out bench/out

A configuration name may end in @CPUS (`ours-1@0`): it then runs pinned to those CPUs, every process it starts
included. `--pin 0` adds pinned copies of baseline B and ours-1 to the run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_HTML = REPO.parent / "shared" / "corpus" / "html"
BENCH_DIR = Path(__file__).resolve().parent
CONFIGS = ("baseline-a", "baseline-b", "baseline-b-issue", "ours-1", "ours-2")
LABELS = {
    "baseline-a": "baseline A: bare_extraction(bytes), defaults, 1 process",
    "baseline-b": "baseline B: bare_extraction(text, HtmlIngestor's options), 1 process",
    "baseline-b-issue": "baseline B as the issue wrote it (no fast=True), 1 process",
    "ours-1": "ours: `ingest` into a fresh archive, jobs=1",
    "ours-2": "ours: `ingest` into a fresh archive, jobs=2",
}
_BODY_TAG = re.compile(rb"<body\b[^>]*>", re.I)
_PARAGRAPH = re.compile(rb"<p\b[^>]*>(.*?)</p\s*>", re.S | re.I)
COMPLETE_MARK = ".complete"


# -- the pages --------------------------------------------------------------------------------

def source_pages(corpus: Path = CORPUS_HTML) -> list[tuple[str, bytes]]:
    """Return (name, bytes) of the corpus pages, or synthetic articles when the corpus is absent."""
    if corpus.is_dir():
        paths = sorted(p for p in corpus.glob("*.html") if ".expected." not in p.name)
        if paths:
            return [(p.stem, p.read_bytes()) for p in paths]
    return synthetic_pages(40)


def synthetic_pages(count: int, seed: int = 7) -> list[tuple[str, bytes]]:
    """Return article-like pages with a title, a date and a few paragraphs of varied words."""
    rng = random.Random(seed)
    words = ("drone export tariff million report ministry trade border energy budget court election "
             "company shares growth price inflation bank market survey claim statement figure police "
             "health vaccine climate weather minister president council city data official").split()
    pages = []
    for number in range(count):
        title = " ".join(rng.choice(words) for _ in range(6)).capitalize()
        paragraphs = "".join(
            "<p>" + " ".join(rng.choice(words) for _ in range(rng.randint(30, 80))).capitalize() + ".</p>"
            for _ in range(rng.randint(5, 15)))
        day = f"20{rng.randint(15, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        html = (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
                f'<meta property="article:published_time" content="{day}"></head><body>'
                f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{title}</h1>"
                f"{paragraphs}</article><footer>Contact us</footer></body></html>")
        pages.append((f"synthetic-{number:03d}", html.encode("utf-8")))
    return pages


def marker(replica: int, name: str) -> bytes:
    """Return the unique sentence that makes replica `replica` of page `name` differ in bytes and text."""
    tag = f"zqx{replica}x{zlib.crc32(name.encode()) % 10**6}"
    return f" Replica {replica} of page {name}: unique marker {tag}. ".encode()


def insertion_point(raw: bytes) -> int:
    """Return a byte offset inside the page's main text, so an inserted sentence is extracted with it."""
    from ingest.html import HtmlIngestor  # imported late: only page generation needs it

    probe = b" zqxprobe "
    for position in _candidate_points(raw):
        if _extracts_marker(HtmlIngestor(), raw[:position] + probe + raw[position:], "zqxprobe"):
            return position
    body = _BODY_TAG.search(raw)
    return body.end() if body else 0


def _candidate_points(raw: bytes) -> Iterator[int]:
    """Yield offsets right after pieces of the extracted text as they occur in the raw bytes."""
    import trafilatura

    from ingest.charset import decode, meta_charsets

    decoded = decode(raw, meta_charsets(raw))
    markup, codec = decoded.text, decoded.charset.split()[0]
    document = trafilatura.bare_extraction(markup)
    lines = sorted((line for line in (document.text if document and document.text else "").splitlines()
                    if len(line) > 40), key=len, reverse=True)
    for line in lines[:10]:
        for start in (len(line) // 2, 10):
            try:
                chunk = line[start:start + 12].encode(codec)
            except (UnicodeEncodeError, LookupError):
                continue
            found = raw.find(chunk)
            # The same words may also sit in JSON-LD or a meta description: try a few occurrences.
            for _ in range(4):
                if found < 0:
                    break
                tag = raw.find(b"<", found)
                if tag > 0:
                    yield tag
                found = raw.find(chunk, found + 1)
    longest = max(_PARAGRAPH.finditer(raw), key=lambda m: len(m.group(1)), default=None)
    if longest is not None:
        yield longest.end(1)


def _extracts_marker(ingestor, data: bytes, word: str) -> bool:
    from ingest.base import Loaded

    loaded = Loaded(source="probe.html", method="file", body=data, captured_at="2024-01-01T00:00:00Z",
                    name="probe.html")
    try:
        return word in ingestor.capture(loaded).text
    except Exception:  # a probe that breaks extraction is simply not a good place
        return False


def write_pages(folder: Path, n: int) -> list[Path]:
    """Write n replicated pages into folder (reused when a complete earlier copy is there)."""
    done = folder / COMPLETE_MARK
    if done.is_file() and done.read_text().strip() == str(n):
        return sorted(folder.glob("*.html"))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    pages = source_pages()
    points = [insertion_point(raw) for _, raw in pages]
    paths = []
    for number in range(n):
        index, replica = number % len(pages), number // len(pages)
        name, raw = pages[index]
        point = points[index]
        # Interleaved names: a sorted folder walk mixes languages and sizes as a real backlog would.
        path = folder / f"{number:06d}-{name}.html"
        path.write_bytes(raw[:point] + marker(replica, name) + raw[point:])
        paths.append(path)
    done.write_text(str(n))
    return paths


# -- one configuration, in its own process ---------------------------------------------------

def peak_rss_mb() -> dict:
    """Return peak RSS in MB of this process, of its largest child, and their sum."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_self_mb": round(own, 1), "rss_children_mb": round(children, 1),
            "rss_mb": round(own + children, 1)}


class TreeMemory(threading.Thread):
    """Sample the peak memory of this process and its descendants from /proc while a run goes on."""

    # getrusage's ru_maxrss alone misleads: Linux carries the peak RSS of the process that forked over an
    # exec, so a worker started from a large parent reports the parent's peak as its own. VmHWM in
    # /proc/PID/status is the peak of the process's own address space.

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval = interval
        self.children_hwm_kb: dict[int, int] = {}
        self.peak_total_kb = 0
        self._stop = threading.Event()

    def run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        """Record each descendant's VmHWM and the summed VmRSS of the whole tree."""
        own = os.getpid()
        total = _status_kb(own, "VmRSS")
        for pid in _descendants(own):
            self.children_hwm_kb[pid] = max(self.children_hwm_kb.get(pid, 0), _status_kb(pid, "VmHWM"))
            total += _status_kb(pid, "VmRSS")
        self.peak_total_kb = max(self.peak_total_kb, total)

    def stop(self) -> dict:
        """Stop sampling; return own peak, largest child peak, sum of child peaks and sampled tree peak (MB)."""
        self.sample()
        self._stop.set()
        children = self.children_hwm_kb.values()
        return {"rss_self_mb": round(_status_kb(os.getpid(), "VmHWM") / 1024, 1),
                "rss_children_mb": round(max(children, default=0) / 1024, 1),
                "rss_children_sum_mb": round(sum(children) / 1024, 1),
                "rss_tree_sampled_mb": round(self.peak_total_kb / 1024, 1)}


def _status_kb(pid: int, key: str) -> int:
    """Return one kB figure of /proc/PID/status, or 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """Return the ids of every live descendant of a process."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        children = []
        # Every thread's children: a process started from another thread (the fork server, started by the
        # worker pool's launcher thread) is listed under that thread only.
        try:
            tasks = os.listdir(f"/proc/{parent}/task")
        except OSError:
            tasks = []
        for task in tasks:
            try:
                children += [int(c) for c in Path(f"/proc/{parent}/task/{task}/children").read_text().split()]
            except (OSError, ValueError):
                continue
        found.extend(children)
        queue.extend(children)
    return found


def cpu_seconds() -> float:
    """Return user + system CPU seconds of this process and its finished children."""
    return sum(u.ru_utime + u.ru_stime for u in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def own_cpu_seconds() -> float:
    """Return user + system CPU seconds of this process alone."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def run_baseline(folder: Path, options: dict | None) -> dict:
    """Read and extract every page with bare trafilatura (defaults when options is None); return counts."""
    import trafilatura
    from trafilatura.utils import decode_file

    paths = sorted(folder.glob("*.html"))
    extracted = 0
    started = time.perf_counter()
    for path in paths:
        raw = path.read_bytes()
        if options is not None:
            document = trafilatura.bare_extraction(decode_file(raw), **options)
        else:
            document = trafilatura.bare_extraction(raw)
        extracted += bool(document is not None and document.text)
    seconds = time.perf_counter() - started
    return {"pages": len(paths), "ok": extracted, "failed": len(paths) - extracted, "seconds": seconds}


ISSUE_OPTIONS = {"with_metadata": True, "include_comments": False,
                 "date_extraction_params": {"extensive_search": False, "original_date": True}}


def our_trafilatura_options() -> dict:
    """Return the bare_extraction options HtmlIngestor uses, read from ingest/html.py (else the issue's)."""
    try:
        from ingest.html import EXTRACTION_OPTIONS
    except ImportError:  # older ingest/html.py: options written inline, as the issue quotes them
        return dict(ISSUE_OPTIONS)
    return dict(EXTRACTION_OPTIONS)


def run_ours(folder: Path, home: Path, jobs: int) -> dict:
    """Ingest the folder into a fresh archive home exactly as `evidence ingest` does; return counts."""
    from archive.archive import Archive
    from ingest.pipeline import Limits
    from ingest.run import ingest

    shutil.rmtree(home, ignore_errors=True)
    counts = {"captured": 0, "exists": 0, "skipped": 0, "failed": 0}
    started = time.perf_counter()
    with Archive(home) as archive:
        with archive.batch():
            for result in ingest([str(folder)], archive.add, Limits(), jobs=jobs, exclude=(archive.home,),
                                  store=archive.store):
                counts[result.status] += 1
    seconds = time.perf_counter() - started
    _reap_fork_server()
    pages = sum(counts.values())
    return {"pages": pages, "ok": counts["captured"] + counts["exists"], "failed": counts["failed"],
            "counts": counts, "seconds": seconds}


def _reap_fork_server() -> None:
    """Stop and wait for the fork server that started the extraction workers, so that their CPU time
    counts in RUSAGE_CHILDREN (the server waited for its workers; we wait for the server)."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()  # private, but the only way to wait for it before this process ends


def split_config(config: str) -> tuple[str, set[int] | None]:
    """Split `ours-1@0,1` into the configuration and the CPUs it is pinned to (None: not pinned)."""
    base, _, cpus = config.partition("@")
    if base not in CONFIGS:
        raise ValueError(f"unknown configuration {config!r}: one of {', '.join(CONFIGS)}, optionally @CPUS")
    return base, {int(cpu) for cpu in cpus.split(",")} if cpus else None


def label(config: str) -> str:
    """Describe a configuration for the tables."""
    base, cpus = split_config(config)
    return LABELS[base] + (f", pinned to CPU {','.join(map(str, sorted(cpus)))}" if cpus else "")


def worker_main(config: str, folder: Path, home: Path) -> None:
    """Run one configuration and print its measurements as one JSON line."""
    config, _cpus = split_config(config)  # the process was pinned when it was started
    # CPU time and the load average show when other work on the machine slowed a run down.
    cpu_before, load_before = cpu_seconds(), os.getloadavg()[0]
    own_before = own_cpu_seconds()
    memory = TreeMemory()
    memory.start()
    if config == "baseline-a":
        result = run_baseline(folder, None)
    elif config == "baseline-b":
        result = run_baseline(folder, our_trafilatura_options())
    elif config == "baseline-b-issue":
        result = run_baseline(folder, ISSUE_OPTIONS)
    else:
        result = run_ours(folder, home, jobs=int(config.split("-")[1]))
    result.update(memory.stop())
    if config == "baseline-b":
        result["options"] = repr(our_trafilatura_options())
    result.update({"rusage_" + key: value for key, value in peak_rss_mb().items()})
    result["pages_per_s"] = result["pages"] / result["seconds"]
    result["cpu_ms_per_page"] = (cpu_seconds() - cpu_before) * 1000 / max(result["pages"], 1)
    # This process alone: in `ours` the writer (catalog, index), without the extraction workers.
    result["writer_cpu_ms_per_page"] = (own_cpu_seconds() - own_before) * 1000 / max(result["pages"], 1)
    result["load_before"], result["load_after"] = load_before, os.getloadavg()[0]
    print(json.dumps(result))


def measure(config: str, folder: Path, home: Path) -> dict:
    """Run one configuration in a fresh Python process and return its measurements."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", config,
               "--folder", str(folder), "--home", str(home)]
    _base, cpus = split_config(config)
    # Pinned before it starts: every process it starts (fork server, workers) inherits the affinity.
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False, preexec_fn=pin)
    if done.returncode != 0:
        raise RuntimeError(f"{config} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    shutil.rmtree(home, ignore_errors=True)  # blobs of thousands of pages: keep the disk free
    result["config"] = config
    return result


# -- the report -----------------------------------------------------------------------------

def best(runs: list[dict]) -> dict:
    """Return the fastest of repeated runs: other work on a shared machine only ever slows a run down."""
    return max(runs, key=lambda r: r["pages_per_s"])


def throughput_table(results: dict[str, list[dict]]) -> str:
    """Render pages/s (every round, then the best), CPU time and peak memory of each configuration."""
    rows = ["| configuration | pages/s per round | best pages/s | CPU ms/page (best round) | "
            "peak RSS own + largest child (MB) | sampled tree peak (MB) | getrusage self + children (MB) | "
            "failed |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for config, runs in results.items():
        r = best(runs)
        rounds = ", ".join(f"{run['pages_per_s']:.1f}" for run in runs)
        rows.append(f"| {label(config)} | {rounds} | {r['pages_per_s']:.1f} | {r['cpu_ms_per_page']:.1f} | "
                    f"{r['rss_self_mb']:.0f} + {r['rss_children_mb']:.0f} | {r['rss_tree_sampled_mb']:.0f} | "
                    f"{r['rusage_rss_self_mb']:.0f} + {r['rusage_rss_children_mb']:.0f} | {r['failed']} |")
    return "\n".join(rows)


def ratio_table(results: dict[str, list[dict]]) -> str:
    """Render our best throughput relative to each baseline's best, with the targets against baseline B."""
    speed = {c: best(runs)["pages_per_s"] for c, runs in results.items()}
    rows = ["| ratio | best / best | per round (same round's baseline) | target | met |",
            "| --- | ---: | --- | ---: | --- |"]
    ours_configs = [c for c in results if split_config(c)[0] in ("ours-1", "ours-2")]
    for ours in ours_configs:
        base, cpus = split_config(ours)
        pinned = ours[len(base):]  # "@0", or "" when not pinned
        target = 0.7 if base == "ours-1" else 1.3
        for baseline, with_target in (("baseline-b", True), ("baseline-b-issue", False), ("baseline-a", False)):
            # A pinned configuration is compared with the baseline pinned the same way, when there is one.
            baseline = baseline + pinned if baseline + pinned in results else baseline
            if baseline not in results:
                continue
            value = speed[ours] / speed[baseline]
            met = (f">= {target} | {'yes' if value >= target else 'NO'}" if with_target else " | ")
            rows.append(f"| {ours} / {baseline} | {value:.2f} | {per_round(results, ours, baseline)} | {met} |")
    return "\n".join(rows)


def per_round(results: dict[str, list[dict]], ours: str, baseline: str) -> str:
    """Return our throughput over the baseline's in each round: runs minutes apart share the machine's state."""
    return ", ".join(f"{mine['pages_per_s'] / theirs['pages_per_s']:.2f}"
                     for mine, theirs in zip(results[ours], results[baseline]))


def memory_table(memory: dict[int, dict]) -> str:
    """Render peak memory of `ours, 1 core` per N."""
    rows = ["| N | seconds | pages/s | CPU ms/page | peak RSS, own VmHWM (MB) | getrusage self (MB) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n, r in sorted(memory.items()):
        rows.append(f"| {n} | {r['seconds']:.1f} | {r['pages_per_s']:.1f} | {r['cpu_ms_per_page']:.1f} | "
                    f"{r['rss_self_mb']:.0f} | {r['rusage_rss_self_mb']:.0f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> None:
    """Parse options, build the pages, measure every configuration and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="pages for the side-by-side comparison")
    parser.add_argument("--memory-ns", default="500,2000,8000", help="page counts for the memory-flatness runs")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    parser.add_argument("--repeat", type=int, default=2, help="rounds of the comparison; the best round counts")
    parser.add_argument("--configs", default=",".join(CONFIGS),
                        help="subset of " + ",".join(CONFIGS) + ", each optionally @CPUS (pinned)")
    parser.add_argument("--pin", metavar="CPUS",
                        help="also run baseline B and ours-1 pinned to these CPUs (e.g. 0): one core for all their "
                             "processes")
    parser.add_argument("--profile", type=int, metavar="N",
                        help="instead: cProfile `ours, 1 core` over N pages and print the top functions")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--write-pages", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.folder, args.home)
        return
    if args.write_pages:
        write_pages(args.folder, args.write_pages)
        return
    args.out = args.out.resolve()
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if args.profile:
        profile_ours(args.profile, args.out)
        return
    configs = args.configs.split(",")
    if args.pin:
        configs += [f"baseline-b@{args.pin}", f"ours-1@{args.pin}"]
    for config in configs:
        split_config(config)  # an unknown name fails here, before any page is written
    results = compare(args.n, args.out, configs, args.repeat)
    memory_ns = [int(n) for n in args.memory_ns.split(",") if n.strip()]
    memory = memory_runs(memory_ns, args.out, results)
    report = {"n": args.n, "started": started, "results": results, "memory": memory}
    (args.out / "ingest-results.json").write_text(json.dumps(report, indent=2))
    if "baseline-b" in results:
        print(f"\n## Ingest throughput, N = {args.n}\n\n{throughput_table(results)}\n\n{ratio_table(results)}")
    if memory:
        print(f"\n## Memory flatness, ours 1 core\n\n{memory_table(memory)}")


def ensure_pages(folder: Path, n: int) -> None:
    """Write the pages in a separate process, so this one stays small (see TreeMemory for why)."""
    log(f"pages: {n} in {folder}")
    command = [sys.executable, str(Path(__file__).resolve()), "--write-pages", str(n), "--folder", str(folder)]
    subprocess.run(command, cwd=REPO, check=True)


def compare(n: int, out: Path, configs: list[str], repeat: int) -> dict[str, list[dict]]:
    """Measure the chosen configurations over the same n pages, round after round in the same order."""
    folder = out / f"pages-{n}"
    ensure_pages(folder, n)
    results: dict[str, list[dict]] = {config: [] for config in configs}
    for round_number in range(1, repeat + 1):
        for config in configs:
            log(f"round {round_number}: {config} over {n} pages")
            run = measure(config, folder, out / f"home-{config}-{n}")
            results[config].append(run)
            log(f"  {run['pages_per_s']:.1f} pages/s, {run['cpu_ms_per_page']:.1f} CPU ms/page, "
                f"peak RSS {run['rss_self_mb']:.0f} + {run['rss_children_mb']:.0f} MB")
    return results


def memory_runs(ns: list[int], out: Path, results: dict[str, list[dict]]) -> dict[int, dict]:
    """Measure `ours, 1 core` at each N; reuse the comparison's first run when its N is among them."""
    memory = {}
    for n in ns:
        reused = results.get("ours-1")
        if reused and reused[0]["pages"] == n:
            memory[n] = reused[0]
            continue
        folder = out / f"pages-{n}"
        ensure_pages(folder, n)
        log(f"memory: ours-1 over {n} pages")
        memory[n] = measure("ours-1", folder, out / f"home-ours-1-{n}")
        log(f"  {memory[n]['pages_per_s']:.1f} pages/s, peak RSS {memory[n]['rss_self_mb']:.0f} MB")
    return memory


def profile_ours(n: int, out: Path, top: int = 45) -> None:
    """Profile `ours, 1 core` over n pages; print top functions by cumulative time, ours and whoosh apart."""
    import cProfile
    import pstats

    folder = out / f"pages-{n}"
    ensure_pages(folder, n)
    stats_path = out / f"profile-ours-1-{n}.pstats"
    profiler = cProfile.Profile()
    profiler.enable()
    result = run_ours(folder, out / f"home-profile-{n}", jobs=1)
    profiler.disable()
    shutil.rmtree(out / f"home-profile-{n}", ignore_errors=True)
    profiler.dump_stats(stats_path)
    print(f"{result['pages']} pages in {result['seconds']:.1f} s under cProfile; stats in {stats_path}")
    for pattern in ("/archive/|/ingest/", "whoosh", "trafilatura|htmldate|justext|lxml|charset_normalizer|py3langid"):
        print(f"\n### cumulative time, functions matching {pattern!r}\n")
        pstats.Stats(str(stats_path)).sort_stats("cumulative").print_stats(pattern, top)


def log(message: str) -> None:
    """Print progress to stderr with a timestamp, so long runs can be followed from a log file."""
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
