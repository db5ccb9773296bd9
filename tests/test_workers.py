"""Extraction in worker processes: every source bounded in time and memory, workers that die with their parent."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.errors import CaptureError
from ingest.pipeline import Limits, capture
from ingest.run import ingest
from ingest.sources import SourceItem, Upload
from ingest.workers import STREAM_BUFFER, WorkerPool, capture_isolated
from tests.documents import flate_bomb_pdf, html_page, write

REPO = Path(__file__).resolve().parents[1]
MB = 1 << 20
SPACES = b" "  # 300 MB of spaces, deflated to 300 KB, take about 900 MB of memory to inflate
DRAWING = b"0 0 m 1 1 l S\n"  # 3 MB of drawing operators take about 20 s and 800 MB to parse


def _pages(folder: Path, count: int) -> list[Path]:
    return [write(folder / f"page-{n}.html", html_page(f"Page {n}", f"Report number {n} on drone exports."))
            for n in range(count)]


def _item(path: Path) -> SourceItem:
    return SourceItem(str(path), False)


# -- bulk runs ----------------------------------------------------------------------------------


def test_a_pdf_inflating_past_the_memory_limit_fails_alone_and_a_new_worker_goes_on(archive, tmp_path):
    pages = _pages(tmp_path, 3)
    bomb = write(tmp_path / "bomb.pdf", flate_bomb_pdf(SPACES, 300_000_000))
    sources = [str(pages[0]), str(bomb), str(pages[1]), str(pages[2])]
    # One worker: the sources after the bomb can only be captured by the worker that replaces it.
    results = list(ingest(sources, archive.add, Limits(max_memory=600 * MB), jobs=1, store=archive.store))
    assert [r.status for r in results] == ["captured", "failed", "captured", "captured"]
    assert results[1].error == f"{bomb}: extraction ran out of memory (limit 600 MB)"
    assert archive.catalog.count_captures() == 3


def test_a_pdf_taking_longer_than_the_time_limit_fails_alone(archive, tmp_path):
    pages = _pages(tmp_path, 2)
    bomb = write(tmp_path / "bomb.pdf", flate_bomb_pdf(DRAWING, 3_000_000))
    sources = [str(pages[0]), str(bomb), str(pages[1])]
    results = list(ingest(sources, archive.add, Limits(time_limit=1), jobs=2, store=archive.store))
    assert [r.status for r in results] == ["captured", "failed", "captured"]
    assert results[1].error == f"{bomb}: extraction took longer than the 1 s limit"


def test_ingest_takes_its_time_and_memory_limits_from_the_command_line(evidence, tmp_path):
    heavy = write(tmp_path / "heavy.pdf", flate_bomb_pdf(SPACES, 300_000_000))
    slow = write(tmp_path / "slow.pdf", flate_bomb_pdf(DRAWING, 3_000_000))
    page = _pages(tmp_path, 1)[0]
    result = evidence("ingest", "--max-memory", "600", str(heavy), str(page))
    assert result.exit_code == 1
    assert f"failed   {heavy}: extraction ran out of memory (limit 600 MB)" in result.output
    assert result.output.strip().endswith("1 captured, 0 already archived, 0 skipped, 1 failed.")
    result = evidence("ingest", "--time-limit", "1", str(slow))
    assert result.exit_code == 1
    assert f"failed   {slow}: extraction took longer than the 1 s limit" in result.output


def _warc(path: Path, records: list[tuple[str, bytes, str]]) -> Path:
    """Write a WARC file of `response` records (URL, body, Content-Type)."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, body, content_type in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T12:34:56Z"}))
    return path


def test_a_warc_record_taking_longer_than_the_time_limit_ends_its_file_plainly(archive, tmp_path):
    page = html_page("Drones", "Report on drone exports.").encode()
    crawl = _warc(tmp_path / "crawl.warc.gz", [
        ("http://news.example/drones", page, "text/html"),
        ("http://news.example/slow.pdf", flate_bomb_pdf(DRAWING, 3_000_000), "application/pdf"),
        ("http://news.example/after", html_page("After", "Report after the slow one.").encode(), "text/html")])
    other = _pages(tmp_path, 1)[0]
    results = list(ingest([str(crawl), str(other)], archive.add, Limits(time_limit=1), jobs=1,
                          store=archive.store))
    assert [r.status for r in results] == ["captured", "captured", "failed"]
    assert results[0].source == str(other)  # documents first, then WARC files
    assert results[1].capture.url == "http://news.example/drones"
    assert results[2].error == (f"{crawl}: extraction took longer than the 1 s limit; "
                                "the rest of the file was not imported")


# -- the pool -----------------------------------------------------------------------------------


def hold_with_the_alarm_blocked(seconds: float) -> None:
    """Sleep with SIGALRM blocked, as an extraction library stuck in C code never returns to Python."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(seconds)


def _one_worker(pool: WorkerPool) -> int:
    """Return the pid of the pool's worker once it has started (workers start on the pool's own thread)."""
    for _ in range(600):
        if pool.pids:
            return pool.pids[0]
        time.sleep(0.05)
    raise AssertionError("no worker started within 30 s")


def test_a_worker_stuck_past_its_limit_and_the_grace_is_killed_and_replaced(tmp_path):
    page = _pages(tmp_path, 1)[0]
    pool = WorkerPool(1, grace=0.5)
    try:
        stuck = pool.submit("stuck.pdf", hold_with_the_alarm_blocked, (120,), Limits(time_limit=0.5))
        after = pool.submit(str(page), capture, (_item(page), Limits()), Limits())
        first = _one_worker(pool)
        with pytest.raises(CaptureError, match=r"^stuck\.pdf: extraction took longer than the 0\.5 s limit$"):
            stuck.result()
        assert after.result().title == "Page 0"
        assert first not in pool.pids
    finally:
        pool.close()


def count_to(number: int):
    """Yield 0 to number - 1: a streaming task with more items than a reader is sent at once."""
    yield from range(number)


def test_a_streaming_task_waits_for_its_reader_without_running_out_of_time(tmp_path):
    page = _pages(tmp_path, 1)[0]
    # Limit and grace wide enough that a loaded machine's scheduling never reaches them while the worker runs;
    # the wait below is longer than both together, which is what the test is about.
    pool = WorkerPool(2, grace=1.0)
    try:
        stream = pool.submit("crawl.warc", count_to, (500,), Limits(time_limit=1.5), stream=True)
        other = pool.submit(str(page), capture, (_item(page), Limits()), Limits())
        assert other.result().title == "Page 0"
        time.sleep(3.5)  # the stream's worker waits on its reader meanwhile, past its limit and grace
        assert stream.waiting <= STREAM_BUFFER  # the rest waits in the worker, not in this process
        assert list(stream.results()) == list(range(500))
    finally:
        pool.close()


def a_generator() -> object:
    """Return a value no pipe can carry (a generator), as a bug in a task might."""
    return (number for number in range(3))


def test_a_result_that_cannot_be_sent_fails_its_source_and_the_pool_goes_on(tmp_path):
    page = _pages(tmp_path, 1)[0]
    pool = WorkerPool(1)
    try:
        bad = pool.submit("odd.html", a_generator, (), Limits())
        after = pool.submit(str(page), capture, (_item(page), Limits()), Limits())
        with pytest.raises(CaptureError, match=r"^odd\.html: unexpected error while sending the result \(TypeError"):
            bad.result()
        assert after.result().title == "Page 0"
    finally:
        pool.close()


@pytest.mark.parametrize(("signum", "reason"), [
    # The kernel's out-of-memory killer sends SIGKILL.
    (signal.SIGKILL, f"extraction ran out of memory (limit {Limits().max_memory // MB} MB)"),
    (signal.SIGSEGV, "the extraction process crashed (SIGSEGV)"),
])
def test_a_worker_killed_by_the_system_fails_only_its_own_source(tmp_path, signum, reason):
    bomb = write(tmp_path / "bomb.pdf", flate_bomb_pdf(DRAWING, 3_000_000))
    page = _pages(tmp_path, 1)[0]
    pool = WorkerPool(1)
    try:
        busy = pool.submit(str(bomb), capture, (_item(bomb), Limits()), Limits())
        after = pool.submit(str(page), capture, (_item(page), Limits()), Limits())
        os.kill(_one_worker(pool), signum)
        with pytest.raises(CaptureError) as failed:
            busy.result()
        assert str(failed.value) == f"{bomb}: {reason}"
        assert after.result().title == "Page 0"
    finally:
        pool.close()


# -- a killed ingest ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found = []
    for task in tasks:
        try:
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            continue
    return found


def _descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        children = _children(queue.pop())
        found += children
        queue += children
    return found


def _identity(pid: int) -> tuple[str, str] | None:
    """Return a live process's state and start time (which tell it from a later process given the same id)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], fields[19]


def _alive(pid: int, started: str) -> bool:
    identity = _identity(pid)
    return identity is not None and identity[1] == started and identity[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds descendants through Linux's /proc")
def test_killing_an_ingest_leaves_none_of_its_processes_behind(tmp_path):
    folder = tmp_path / "folder"
    _pages(folder, 10)
    # Sorted last: when the ten pages are reported, one worker is busy on this (for minutes) and one is idle.
    write(folder / "z-bomb.pdf", flate_bomb_pdf(DRAWING, 30_000_000))
    command = [sys.executable, "-u", "-m", "app", "--home", str(tmp_path / "home"), "ingest", "--jobs", "2",
               str(folder)]
    run = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: queue.SimpleQueue = queue.SimpleQueue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in run.stdout], daemon=True)
    reader.start()
    seen: dict[int, str] = {}
    try:
        captured = 0
        while captured < 10:
            line = lines.get(timeout=120)
            assert line.startswith("captured"), line
            captured += 1
        for pid in _descendants(run.pid):
            identity = _identity(pid)
            if identity is not None:
                seen[pid] = identity[1]
        assert len(seen) >= 3  # at least the fork server and the two workers
        run.kill()
        run.wait(timeout=30)
        for _ in range(300):  # up to 30 s for the kernel and the processes to act
            left = [pid for pid, started in seen.items() if _alive(pid, started)]
            if not left:
                break
            time.sleep(0.1)
        assert left == []
    finally:
        run.kill()
        run.wait(timeout=30)
        for pid, started in seen.items():  # what a failed run left: the test's own processes, by id
            if _alive(pid, started):
                os.kill(pid, signal.SIGKILL)
        reader.join(timeout=30)
        run.stdout.close()


# -- single captures (web, recapture, figures) ------------------------------------------------


def _web_client(tmp_path, **config):
    from app import create_app

    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "web-home"), "WTF_CSRF_ENABLED": False,
                      "ALLOW_PRIVATE_URLS": True, "SECRET_KEY": "test", **config})
    return app.test_client()


def test_the_add_page_cuts_a_slow_upload_at_the_webs_time_limit(tmp_path):
    client = _web_client(tmp_path, CAPTURE_TIME_LIMIT=1)
    page = html_page("Drones", "Report on drone exports.").encode()
    response = client.post("/add", content_type="multipart/form-data", data={
        "files": [(BytesIO(flate_bomb_pdf(DRAWING, 3_000_000)), "slow.pdf"), (BytesIO(page), "page.html")]})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "upload:slow.pdf: extraction took longer than the 1 s limit" in text
    assert client.get("/api/captures").get_json()["total"] == 1


def test_the_api_cuts_a_slow_url_at_the_webs_time_limit(tmp_path, http_server):
    url = http_server.serve("/slow.html", html_page("Drones", "Report on drone exports."), delay=8)
    client = _web_client(tmp_path, CAPTURE_TIME_LIMIT=1)
    response = client.post("/api/captures", json={"url": url})
    assert response.status_code == 422
    assert response.get_json()["error"] == f"{url}: extraction took longer than the 1 s limit"


def test_single_captures_from_many_threads_each_get_their_own_result():
    pages = [html_page(f"Page {n}", f"Report number {n} on drone exports.").encode() for n in range(16)]
    titles: dict[int, str] = {}

    def take(number: int) -> None:
        titles[number] = capture_isolated(Upload(f"page-{number}.html", pages[number]), Limits()).title

    threads = [threading.Thread(target=take, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert titles == {n: f"Page {n}" for n in range(16)}


def test_a_single_capture_fails_with_the_same_sentence_as_in_a_run(tmp_path):
    bomb = write(tmp_path / "bomb.pdf", flate_bomb_pdf(DRAWING, 3_000_000))
    with pytest.raises(CaptureError, match=r"bomb\.pdf: extraction took longer than the 1 s limit$"):
        capture_isolated(_item(bomb), Limits(time_limit=1))
    with pytest.raises(CaptureError, match=r"^upload:empty\.html: the file is empty$"):
        capture_isolated(Upload("empty.html", b""), Limits())
