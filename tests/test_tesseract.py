"""The tesseract command as the workers run it: its TSV read back, its version and packs, and its process never
outliving the worker's time limit."""

import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from archive.errors import CaptureError, OcrError
from ingest import tesseract
from ingest.limits import Limits
from ingest.workers import WorkerPool
from tests.scans import needs_tesseract
from tests.test_workers import _descendants, _one_worker

TSV = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
       "1\t1\t0\t0\t0\t0\t0\t0\t1800\t260\t-1\t\n"
       "4\t1\t1\t1\t1\t0\t40\t47\t1282\t34\t-1\t\n"
       "5\t1\t1\t1\t1\t1\t40\t47\t67\t27\t95.927887\tThe\n"
       "5\t1\t1\t1\t1\t2\t122\t49\t147\t25\t96.1\t\"customs\n"  # a quotation mark is text, not CSV quoting
       "5\t1\t1\t1\t1\t3\t300\t49\t10\t25\t-1\t \n"  # a space Tesseract found: no word
       "5\t1\t1\t1\t2\t1\t40\t101\t67\t27\t0.5\toffice\n")


def test_the_words_of_tesseracts_tsv_with_their_place_box_and_confidence():
    words = tesseract._words(TSV)
    assert [w.text for w in words] == ["The", '"customs', "office"]
    assert [(w.block, w.paragraph, w.line) for w in words] == [(1, 1, 1), (1, 1, 1), (1, 1, 2)]
    assert words[0].box == (40, 47, 67, 27) and words[0].confidence == pytest.approx(95.927887)


@needs_tesseract()
def test_the_version_and_packs_of_the_installed_tesseract():
    assert tesseract.version()[0].isdigit()
    assert "eng" in tesseract.installed_languages()


def test_no_tesseract_is_said_in_one_sentence_naming_the_package(monkeypatch):
    monkeypatch.setattr(tesseract, "COMMAND", "tesseract-that-is-not-installed")
    with pytest.raises(OcrError, match=r"^Tesseract is not installed: install Debian's package tesseract-ocr "):
        tesseract.version()


def read_noise(side: int, alarm_blocked: bool) -> None:
    """Read an image of noise, which keeps tesseract busy for seconds; with SIGALRM blocked, as a worker stuck
    in C code would be, only the pool's kill ends the task."""
    if alarm_blocked:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    noise = Image.effect_noise((side, side), 120).point(lambda v: 0 if v < 128 else 255)
    tesseract.read_words(noise, ["eng"], timeout=None)


def _tesseract_below(pid: int) -> int | None:
    for child in _descendants(pid):
        try:
            if Path(f"/proc/{child}/comm").read_text().strip() == "tesseract":
                return child
        except OSError:
            continue
    return None


def _gone(pid: int, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                return True
        except OSError:
            return True
        time.sleep(0.05)
    return False


@needs_tesseract("eng")
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds processes through Linux's /proc")
@pytest.mark.parametrize("alarm_blocked", [False, True], ids=["time limit", "worker killed"])
def test_tesseract_ends_with_its_task_at_the_time_limit(alarm_blocked):
    pool = WorkerPool(1, grace=0.5)
    try:
        ticket = pool.submit("noise.png", read_noise, (3000, alarm_blocked), Limits(time_limit=1.5))
        worker = _one_worker(pool)
        running = None
        for _ in range(200):
            running = _tesseract_below(worker)
            if running:
                break
            time.sleep(0.02)
        assert running, "tesseract never started"
        with pytest.raises(CaptureError, match="extraction took longer than the 1.5 s limit"):
            ticket.result()
        assert _gone(running, within=5.0)  # not left reading noise for seconds more
    finally:
        pool.close()
