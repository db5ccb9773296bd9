"""Export speed, WARC and WACZ, against its floor, side by side in one run.

The floor writes each capture's original bytes as one `resource` record of a gzipped WARC with warcio, nothing
else (what any WARC export must do). `export --warc` adds each capture's provenance record, the digest checks of
stored exchanges and the signature beside the file; `export --wacz` adds the CDXJ index (cdxj-indexer reads the
WARC again), the pages, the zip and the signed package. Each is run --repeat times in this process, alternating,
after one untimed read of every original so all find them in the page cache; the fastest round counts. Usage:

    .venv/bin/python bench/bench_export.py --n 1000 --repeat 3 --out bench/out
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(REPO), str(BENCH_DIR)]


def floor(archive, out: Path) -> None:
    from warcio.warcwriter import WARCWriter

    with out.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.1")
        for capture in archive.catalog.iter_captures():
            data = archive.original(capture)
            writer.write_record(writer.create_warc_record(
                capture.url or f"urn:evidence:capture:{capture.id}", "resource", payload=io.BytesIO(data),
                length=len(data), warc_content_type=capture.media_type))


def timed(run) -> dict:
    started, cpu = time.perf_counter(), _cpu_seconds()
    run()
    return {"seconds": time.perf_counter() - started, "cpu": _cpu_seconds() - cpu}


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    from archive.archive import Archive
    from bench_verify import build

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "out")
    args = parser.parse_args()
    home = args.out / f"export-home-{args.n}"
    build(home, args.n, args.out)
    results: dict[str, list[dict]] = {"floor (warcio resource records)": [], "export --warc": [],
                                      "export --wacz": []}
    with Archive(home) as archive:
        count = archive.count_captures()
        for capture in archive.catalog.iter_captures():
            archive.original(capture)  # warm the page cache
        for _ in range(args.repeat):
            for name, run in (("floor (warcio resource records)", lambda: floor(archive, args.out / "floor.warc.gz")),
                              ("export --warc", lambda: archive.export_warc(args.out / "bench.warc.gz")),
                              ("export --wacz", lambda: archive.export_wacz(args.out / "bench.wacz"))):
                results[name].append(timed(run))
    sizes = {"floor (warcio resource records)": "floor.warc.gz", "export --warc": "bench.warc.gz",
             "export --wacz": "bench.wacz"}
    report = {"captures": count, "repeat": args.repeat, "results": {}}
    for name, runs in results.items():
        best = min(runs, key=lambda r: r["seconds"])
        report["results"][name] = {**best, "mb": (args.out / sizes[name]).stat().st_size / 1e6,
                                   "all_seconds": [round(r["seconds"], 3) for r in runs]}
    print(json.dumps(report, indent=1))
    print(f"\n| {count} captures | wall s (best of {args.repeat}) | CPU s | file MB | captures/s |")
    print("| --- | --- | --- | --- | --- |")
    for name, best in report["results"].items():
        print(f"| {name} | {best['seconds']:.2f} | {best['cpu']:.2f} | {best['mb']:.1f} | "
              f"{count / best['seconds']:.0f} |")


if __name__ == "__main__":
    main()
