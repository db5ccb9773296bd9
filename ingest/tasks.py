"""A worker's side of the pool: run tasks one at a time, each within its time and memory limits.

The time limit is an alarm (SIGALRM) raised as a BaseException, which extraction libraries' `except Exception`
cannot swallow; the memory limit caps the worker's address space (RLIMIT_AS), and a MemoryError, or a failure
with the address space at the limit, reads as running out of memory. After either the worker exits: a fresh
one takes the next task.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing import connection

from archive.errors import CaptureError, LimitExceededError
from ingest.limits import Limits

MB = 1024 * 1024
PARENT_CHECK_SECONDS = 1.0
# A worker whose address space grew past this share of its limit is replaced after its task, so that each
# task starts with room and a failure near the limit can be told apart as running out of memory.
RECYCLE_SHARE = 0.5
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def time_reason(limits: Limits) -> str:
    """Say that a source's extraction ran out of time."""
    return f"extraction took longer than the {limits.time_limit:g} s limit"


def memory_reason(limits: Limits) -> str:
    """Say that a source's extraction ran out of memory."""
    return f"extraction ran out of memory (limit {limits.max_memory / MB:g} MB)"


class _TimeUp(BaseException):
    """The task's time limit passed. Not an Exception: extraction libraries catch those broadly."""


def serve(conn: connection.Connection) -> None:
    """Run tasks from the pool until it closes the pipe, the parent process goes away, or a limit is hit."""
    die_with_parent()
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the workers
    signal.signal(signal.SIGALRM, _time_up)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not leave a core file in the user's folder
    while True:
        try:
            if not conn.poll(PARENT_CHECK_SECONDS):
                if os.getppid() != parent:
                    return
                continue
            message = conn.recv()
        except (EOFError, OSError):
            return
        if not _run(conn, *message):
            return


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies; elsewhere, do nothing.

    Safe between fork and exec (tesseract's preexec_fn): the C function was looked up beforehand.
    """
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _find_prctl():
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # no prctl: not Linux
        return None


_prctl = _find_prctl()


def _run(conn: connection.Connection, task_id: int, source: str, function: Callable, args: tuple,
         limits: Limits, stream: bool) -> bool:
    """Run one task within its limits and send back what came of it; return whether to take another."""
    _cap_memory(limits.max_memory)
    peak_before = _peak_memory()
    retire = False
    try:
        with _alarm(limits.time_limit):
            value = function(*args)
        if stream:
            items = iter(value)
            while True:
                with _alarm(limits.time_limit):
                    item = next(items, _END)
                if item is _END:
                    break
                conn.send((task_id, "item", item, False))
            value = None
        reply = ("done", value)
    except _TimeUp:
        reply, retire = ("error", (LimitExceededError, source, time_reason(limits))), True
    except Exception as exc:  # whatever a library raises becomes a sentence about this source
        if _out_of_memory(exc, peak_before, limits.max_memory):
            reply, retire = ("error", (LimitExceededError, source, memory_reason(limits))), True
        elif isinstance(exc, CaptureError):
            reply = ("error", (type(exc), exc.source, exc.reason))
        else:
            reply = ("error", (CaptureError, source, f"unexpected error while extracting ({describe(exc)})"))
    peak = _peak_memory()
    retire = retire or (peak is not None and peak > limits.max_memory * RECYCLE_SHARE)
    try:
        conn.send((task_id, *reply, retire))
    except OSError:
        return False  # the parent is gone
    except Exception as exc:  # a value that cannot be pickled (nothing was sent), or no memory to pickle it
        reason = f"unexpected error while sending the result ({describe(exc)})"
        conn.send((task_id, "error", (CaptureError, source, reason), True))
        return False
    return not retire


_END = object()


def _time_up(_signum, _frame) -> None:
    raise _TimeUp()


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _cap_memory(limit: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    if soft != wanted:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (wanted, hard))
        except (ValueError, OSError):  # a system that cannot cap address space: the time limit still holds
            pass


def _peak_memory() -> int | None:
    """Return the largest address space this process has had, in bytes (Linux), else None."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError, MemoryError):
        pass
    return None


def _out_of_memory(exc: BaseException, peak_before: int | None, limit: int) -> bool:
    """Tell whether a failure came from the memory limit: a MemoryError anywhere in its chain (libraries
    wrap it), or an address space that grew to the limit (some C code fails without saying why)."""
    seen: BaseException | None = exc
    for _ in range(100):
        if seen is None:
            break
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    peak = _peak_memory()
    return (peak is not None and peak_before is not None and peak > peak_before
            and peak >= min(0.9 * limit, limit - 64 * MB))


def describe(exc: BaseException) -> str:
    """Name an exception and its message in a few words."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
