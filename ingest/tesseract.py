"""The `tesseract` command: its version, its installed language packs, a page's script, a page's words.

Tesseract runs as a child process of the extraction worker, called directly rather than through pytesseract:
the worker must own that process (killed when the worker's time limit ends the task, or with the worker when
the pool kills it), set its threads, hand it the page image through a pipe and read its TSV, and pytesseract
would add a dependency that does less than those few lines.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.errors import OcrError
from ingest.tasks import die_with_parent

if TYPE_CHECKING:
    from PIL import Image

COMMAND = "tesseract"
NOT_INSTALLED = "Tesseract is not installed: install Debian's package tesseract-ocr (apt-get install tesseract-ocr)"
# OpenMP would start a thread per core in every tesseract; the workers already run one source per core.
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}
_TSV_WORD_LEVEL = "5"


@dataclass(frozen=True)
class Word:
    """One word as Tesseract read it: where it stands in the page's layout, its box in pixels, its confidence."""

    text: str
    block: int
    paragraph: int
    line: int
    box: tuple[int, int, int, int]  # left, top, width, height in the image's pixels
    confidence: float  # 0 to 100


def version() -> str:
    """Return the installed Tesseract's version ("5.3.0")."""
    first = _run(["--version"]).stdout.decode("utf-8", "replace").splitlines()[0]
    return first.split()[-1] if first.startswith("tesseract") else first.strip()


def installed_languages() -> set[str]:
    """Return the language packs Tesseract finds (its `--list-langs`), "osd" included."""
    listed = _run(["--list-langs"]).stdout.decode("utf-8", "replace").splitlines()
    return {line.strip() for line in listed[1:] if line.strip()}  # the first line names the folder


def script_of(image: Image.Image, timeout: float | None) -> str | None:
    """Return the script Tesseract's orientation and script detection sees ("Latin", "Cyrillic", "Han"), or
    None when the image holds too few characters to tell."""
    done = _run(["stdin", "stdout", "--psm", "0"], _png(image), timeout, check=False)
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        name, _, value = line.partition(":")
        if name.strip() == "Script":
            return value.strip() or None
    return None


def read_words(image: Image.Image, languages: list[str], timeout: float | None, dpi: int | None = None) -> list[Word]:
    """Return the words Tesseract reads in an image, in reading order; raise subprocess.TimeoutExpired after
    `timeout` seconds (the process killed)."""
    options = ["--dpi", str(dpi)] if dpi else []
    done = _run(["stdin", "stdout", "-l", "+".join(languages), *options, "tsv"], _png(image), timeout)
    return _words(done.stdout.decode("utf-8", "replace"))


def _words(tsv: str) -> list[Word]:
    rows = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(rows, None)  # the header
    words = []
    for row in rows:
        if len(row) < 12 or row[0] != _TSV_WORD_LEVEL or not row[11].strip():
            continue
        block, paragraph, line = int(row[2]), int(row[3]), int(row[4])
        left, top, width, height = (int(value) for value in row[6:10])
        words.append(Word(row[11].strip(), block, paragraph, line, (left, top, width, height),
                          max(0.0, float(row[10]))))
    return words


def _png(image: Image.Image) -> bytes:
    # PNG at the fastest compression: Tesseract (Leptonica) read a page of it from the pipe with 13 % less CPU
    # time than the same page as an uncompressed anymap (PNM), which it reads slowly.
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _run(arguments: list[str], stdin: bytes | None = None, timeout: float | None = None,
         check: bool = True) -> subprocess.CompletedProcess:
    """Run tesseract; a time out kills it (subprocess.run does, whatever exception interrupts the wait)."""
    # The environment passes through (PATH, TESSDATA_PREFIX) with the thread limit added.
    environment = {**os.environ, **_ENVIRONMENT}
    try:
        done = subprocess.run([COMMAND, *arguments], input=stdin, capture_output=True, timeout=timeout,
                              env=environment, preexec_fn=die_with_parent)  # killed with the worker, too
    except FileNotFoundError as exc:
        raise OcrError(NOT_INSTALLED) from exc
    if check and done.returncode != 0:
        said = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
        raise OcrError(f"Tesseract failed ({said[-1].strip() if said else f'exit status {done.returncode}'})")
    return done

