"""OCR pages per minute: our ingest beside bare `tesseract` on the same page images, in the same run.

Makes N scanned pages (A4 at 300 dpi, 2480 x 3508 pixels, 30 lines of 10-point English text each, with a
little noise) as PNG files, and one PDF made of the same page images. Then, round after round, times:

- `tesseract, 1 at a time`: `tesseract PAGE.png stdout -l eng tsv` for each page in turn, as installed (its
  OpenMP threads on: what a person running tesseract by hand gets);
- `tesseract, 2 at a time`: the same with OMP_THREAD_LIMIT=1, two processes at once (what our two workers do);
- `ours, images, --ocr-lang eng`: `evidence ingest --jobs 2 --ocr-lang eng FOLDER` into a fresh home: each
  image a source, OCR in the workers, originals, word boxes, catalog, ledger and index written;
- `ours, images, detected`: the same without --ocr-lang: every image has its languages detected (script
  detection, a first pass in eng+rus, then eng);
- `ours, scanned PDF, detected`: `evidence ingest` of the one PDF: its pages are rendered (pypdfium2) and
  read one after another in one worker;
- `ours, start-up only`: `evidence ingest` of one short text file, the fixed cost inside each "ours" figure.

The configurations take turns within a round and the order rotates from round to round, so load from other
work on a shared machine falls on all of them alike; medians over the rounds are reported. For bare tesseract
the CPU time (user + system of its processes) is reported too, which that load disturbs less; an ingest's
workers and their tesseracts are not waited for by the process this script waits for, so their CPU time is
not counted and none is reported. The words each "ours" run stored are compared with bare tesseract's words
for the same page. Results print as Markdown and go to
bench/out/ocr-results.json. Usage:

    .venv/bin/python bench/bench_ocr.py --pages 10 --rounds 3 --out bench/out
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
PAGE = (2480, 3508)  # A4 at 300 dpi
SENTENCES = [
    "The customs office reported that {n} drones were exported through the northern crossings.",
    "Shipments rose sharply in the second quarter, according to records reviewed by the desk.",
    "A spokesman for the ministry declined to comment on the figures when reached by phone.",
    "Invoices list the goods as agricultural equipment, spare parts and unspecified electronics.",
    "The trade statistics for {year} were revised twice before the final release in March.",
    "Two companies registered at the same address accounted for most of the declared value.",
]


def evidence_command() -> list[str]:
    """Return the `evidence` script installed beside the running interpreter."""
    script = Path(sys.executable).parent / "evidence"
    if not script.exists():
        raise SystemExit(f"{script} not found: install the project in this venv (pip install -e .)")
    return [str(script)]


def make_pages(folder: Path, count: int) -> list[Path]:
    """Write `count` scanned pages of English text as PNG files, the same ones on every run."""
    folder.mkdir(parents=True, exist_ok=True)
    font = ImageFont.truetype(str(FONT), 42)
    rng = random.Random(7)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"page-{number:03d}.png"
        paths.append(path)
        if path.exists():
            continue
        image = Image.new("L", PAGE, 255)
        draw = ImageDraw.Draw(image)
        lines = [f"Page {number}: report on exports", ""]
        while len(lines) < 30:
            lines.append(rng.choice(SENTENCES).format(n=rng.randint(100, 9999), year=rng.randint(2015, 2024)))
        draw.multiline_text((200, 220), "\n".join(line[:84] for line in lines), font=font, fill=0, spacing=50)
        noise = Image.effect_noise(PAGE, 12).point(lambda v: 255 if v > 150 else 0)  # specks of a scan
        image = Image.composite(image, Image.new("L", PAGE, 200), noise.point(lambda v: 255 - v // 4))
        image.save(path, dpi=(300, 300))
    return paths


def make_pdf(pages: list[Path], out: Path) -> Path:
    """Write a PDF made only of the page images (what a scanner makes)."""
    if not out.exists():
        images = [Image.open(page).convert("L") for page in pages]
        buffer = io.BytesIO()
        images[0].save(buffer, "PDF", resolution=300.0, save_all=True, append_images=images[1:])
        out.write_bytes(buffer.getvalue())
    return out


def tesseract(pages: list[Path], parallel: int) -> list[list[str]]:
    """Read every page with bare tesseract, `parallel` at a time; return each page's words."""
    environment = {**os.environ, **({"OMP_THREAD_LIMIT": "1"} if parallel > 1 else {})}

    def read(page: Path) -> list[str]:
        done = subprocess.run(["tesseract", str(page), "stdout", "-l", "eng", "tsv"], capture_output=True,
                              text=True, check=True, env=environment)
        rows = [line.split("\t") for line in done.stdout.splitlines()[1:]]
        return [row[11] for row in rows if len(row) == 12 and row[0] == "5" and row[11].strip()]

    with ThreadPoolExecutor(parallel) as pool:
        return list(pool.map(read, pages))


def ours(sources: list[Path], home: Path, options: list[str]) -> list[dict]:
    """Run `evidence ingest` into a fresh home; return its JSON lines."""
    shutil.rmtree(home, ignore_errors=True)
    done = subprocess.run([*evidence_command(), "--home", str(home), "ingest", "--json", "--jobs", "2", *options,
                           *map(str, sources)], capture_output=True, text=True, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def stored_words(home: Path, lines: list[dict]) -> list[list[str]]:
    """Return the words of each page an ingest stored, in page order (an image a page, a PDF its pages)."""
    pages = []
    for line in sorted(lines, key=lambda line: line["source"]):
        capture = line["capture"]
        shown = subprocess.run([*evidence_command(), "--home", str(home), "show", str(capture["id"]), "--json"],
                               capture_output=True, text=True, check=True)
        data = json.loads(shown.stdout)
        spans = data["pages"] or [[0, len(data["text"])]]
        pages += [data["text"][start:end].split() for start, end in spans]
    return pages


def timed(run) -> tuple[float, float, object]:
    """Return the wall seconds and the CPU seconds (this process and its children) a call took, and its value."""
    before, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    value = run()
    wall = time.perf_counter() - started
    after, children_after = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = sum(getattr(b, f) - getattr(a, f) for a, b in ((before, after), (children, children_after))
              for f in ("ru_utime", "ru_stime"))
    return wall, cpu, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("bench/out"))
    args = parser.parse_args()
    work = args.out / f"ocr-{args.pages}"
    pages = make_pages(work / "pages", args.pages)
    pdf = make_pdf(pages, work / "scanned.pdf")
    note = work / "note.txt"
    note.write_text("A short note, to time the start-up of an ingest.\n")
    homes = work / "homes"
    configs = {
        "tesseract, 1 at a time": lambda: tesseract(pages, 1),
        "tesseract, 2 at a time": lambda: tesseract(pages, 2),
        "ours, images, --ocr-lang eng": lambda: ours([work / "pages"], homes / "lang", ["--ocr-lang", "eng"]),
        "ours, images, detected": lambda: ours([work / "pages"], homes / "detected", []),
        "ours, scanned PDF, detected": lambda: ours([pdf], homes / "pdf", []),
        "ours, start-up only": lambda: ours([note], homes / "note", []),
    }
    homes_of = {"ours, images, --ocr-lang eng": homes / "lang", "ours, images, detected": homes / "detected",
                "ours, scanned PDF, detected": homes / "pdf"}
    names = list(configs)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    words: dict[str, list[list[str]]] = {}
    load = [os.getloadavg()[0]]
    for round_number in range(args.rounds):
        order = names[round_number % len(names):] + names[:round_number % len(names)]
        for name in order:
            wall, cpu, value = timed(configs[name])
            times[name].append((wall, cpu))
            if name in homes_of:
                words[name] = stored_words(homes_of[name], value)
            elif name.startswith("tesseract"):
                words[name] = value
            print(f"round {round_number + 1} {name}: {wall:.1f} s wall", file=sys.stderr)
        load.append(os.getloadavg()[0])
    reference = words["tesseract, 1 at a time"]
    results = []
    for name in names:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        counted = 1 if name.endswith("start-up only") else args.pages
        same = None if name.endswith("start-up only") else words[name] == reference
        results.append({"config": name, "pages": counted, "median_wall_s": round(wall, 2),
                        "median_cpu_s": round(cpu, 2) if name.startswith("tesseract") else None,
                        "pages_per_minute": round(60 * counted / wall, 1),
                        "walls": [round(w, 2) for w, _ in times[name]], "same_words_as_tesseract": same})
    (args.out / "ocr-results.json").write_text(json.dumps({"pages": args.pages, "rounds": args.rounds,
                                                           "load_average": load, "results": results}, indent=2))
    print(f"\n{args.pages} pages, {args.rounds} rounds, load average (1 min) {min(load):.1f}-{max(load):.1f}\n")
    print("| configuration | median wall s | pages/min | median CPU s | runs (wall s) | same words as tesseract |")
    print("| --- | ---: | ---: | ---: | --- | --- |")
    for row in results:
        same = {None: "–", True: "yes", False: "no"}[row["same_words_as_tesseract"]]
        cpu = "–" if row["median_cpu_s"] is None else row["median_cpu_s"]
        print(f"| {row['config']} | {row['median_wall_s']} | {row['pages_per_minute']} | {cpu} | "
              f"{', '.join(map(str, row['walls']))} | {same} |")


if __name__ == "__main__":
    main()
