"""Run `evidence serve` as its own process for a test: started on a free port, stopped, every wait bounded."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def served(command: list[str], cwd: Path, environment: dict[str, str], timeout: float = 60) -> Iterator[str]:
    """Run a command that ends in `evidence serve ... --port 0`; yield the http://host:port it announces.

    The server's first line names its address; `environment` should set PYTHONUNBUFFERED=1 so it arrives at
    once through the pipe. Ctrl-C stops it at the end, or a kill 30 s later.
    """
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                              env=environment)
    try:
        yield _announced_address(server, timeout)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate(timeout=30)


def _announced_address(server: subprocess.Popen, timeout: float) -> str:
    """Return the http://host:port on the server's first line, waiting at most timeout."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: lines.put(server.stdout.readline()), daemon=True).start()
    try:
        first = lines.get(timeout=timeout)
    except queue.Empty:
        pytest.fail(f"evidence serve announced no address within {timeout} s")
    found = re.search(r"http://[^/\s]+", first)
    if not found:
        ended = server.poll() is not None
        pytest.fail(f"evidence serve said {first!r}" + (f" and ended: {server.stderr.read()[-3000:]}" if ended else ""))
    return found.group()


def fetch(url: str) -> tuple[int, str, str]:
    """Fetch a URL, waiting at most 30 s for each read; return status, content type and body."""
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
