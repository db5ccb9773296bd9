"""The pool of worker processes that extract sources, each within its time and memory limits, none outliving
this process.

Extraction runs parsers on hostile bytes (a PDF whose page inflates to gigabytes, a page that takes hours), so
no source is ever extracted in the process that writes the archive. Workers are forked from a server that
loaded the extraction code once (`ingest/worker.py`) and run one task at a time within its limits
(`ingest/tasks.py`); a worker that hit a limit reports and exits, and a fresh one takes its place.

The pool's own thread, the dispatcher, hands each worker up to two tasks, so that a worker finds its next task
waiting; it kills a worker still busy `grace` seconds past its task's limit (stuck in C code, which the alarm
cannot interrupt). A worker that dies fails only the task it was running; the tasks queued behind it go to
another worker.

Nothing outlives this process, even killed with SIGKILL: the fork server and each worker ask Linux for
SIGKILL when their parent dies (PR_SET_PDEATHSIG), an idle worker sees its pipe close, and a worker also
checks every second that its parent is still the one it had.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from multiprocessing import connection, spawn
from typing import Any

from archive.errors import CaptureError, LimitExceededError
from ingest.pipeline import Limits, capture, capture_upload
from ingest.sources import SourceItem, Upload
from ingest.tasks import describe, memory_reason, serve, time_reason

# Seconds a worker may run past its task's time limit before it is killed: its own alarm ends the task at the
# limit unless C code holds it.
KILL_GRACE = 5.0
TASKS_PER_WORKER = 2
# Pickled tasks larger than this (uploads) go to idle workers only: sending them to a busy worker would block
# the dispatcher until that worker finished.
PIPELINED_BYTES = 64 * 1024
# Items of a streaming task (a WARC file's records) held for its reader before its worker is made to wait.
STREAM_BUFFER = 64
# Seconds between a reader's checks that the pool is still there to answer it.
READER_CHECK_SECONDS = 1.0
SHARED_POOL_SIZE = 4  # workers for single captures (the web serves 8 threads; more requests wait their turn)
PICTURE_POOL_SIZE = 2  # workers that draw pages and find their tables, on a machine of two cores


class Ticket:
    """The values a submitted task gives back as they arrive (one, or many when streaming), then its end."""

    def __init__(self, pool: WorkerPool, source: str):
        self._pool = pool
        self._source = source
        self._items: deque[Any] = deque()
        self._done = threading.Condition()
        self._finished = False
        self._error: BaseException | None = None

    def results(self) -> Iterator[Any]:
        """Yield the task's values as they arrive; raise the CaptureError that ended it, if one did."""
        while True:
            with self._done:
                while not self._items and not self._finished:
                    if not self._done.wait(READER_CHECK_SECONDS) and not self._pool.running:
                        raise CaptureError(self._source, "extraction stopped: its workers' pool has ended")
                if not self._items:
                    if self._error is not None:
                        raise self._error
                    return
                value = self._items.popleft()
                was_full = len(self._items) + 1 >= STREAM_BUFFER
            if was_full:
                self._pool.wake()  # its worker may have been made to wait for room
            yield value

    def result(self) -> Any:
        """Return the value of a task that gives one; raise the CaptureError that ended it, if one did."""
        values = list(self.results())
        return values[-1] if values else None

    @property
    def waiting(self) -> int:
        """Return how many values have arrived and not been read yet."""
        return len(self._items)

    @property
    def full(self) -> bool:
        return len(self._items) >= STREAM_BUFFER

    def put(self, value: Any) -> None:
        with self._done:
            self._items.append(value)
            self._done.notify_all()

    def finish(self, error: BaseException | None = None) -> None:
        with self._done:
            self._finished, self._error = True, error
            self._done.notify_all()


@dataclass
class _Task:
    id: int
    source: str
    payload: bytes  # the pickled message for the worker
    limits: Limits
    stream: bool
    ticket: Ticket


@dataclass
class _Worker:
    process: Any  # multiprocessing.Process
    conn: connection.Connection
    assigned: deque[_Task] = field(default_factory=deque)  # the first is running, the others wait in its pipe
    started: float = 0.0  # when the running task started, or last showed progress
    paused: bool = False  # its streaming task's reader has not caught up; its results are not read meanwhile

    def accepts(self, task: _Task) -> bool:
        """Tell whether a task may wait in this worker's pipe behind the one it runs."""
        return (len(self.assigned) < TASKS_PER_WORKER and not self.assigned[0].stream
                and len(task.payload) <= PIPELINED_BYTES)


class WorkerPool:
    """Up to `size` worker processes extracting submitted tasks, started as tasks need them."""

    def __init__(self, size: int, grace: float = KILL_GRACE):
        self.size = max(1, size)
        self.grace = grace
        self._lock = threading.Lock()
        self._pending: deque[_Task] = deque()
        self._ids = itertools.count()
        self._closed = False
        self._workers: list[_Worker] = []  # touched by the dispatcher thread only
        self._exiting: list[Any] = []  # processes told to stop or killed, not yet reaped
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)
        self._thread = threading.Thread(target=self._dispatch, name="evidence-extraction", daemon=True)
        self._thread.start()

    def submit(self, source: str, function: Callable, args: tuple, limits: Limits, stream: bool = False) -> Ticket:
        """Run `function(*args)` in a worker within `limits`; `source` names the task in error sentences.

        With `stream`, the function returns an iterator whose items are sent back one by one, the time limit
        applying to each.
        """
        ticket = Ticket(self, source)
        task_id = next(self._ids)  # itertools.count is atomic under the GIL
        payload = _dumps((task_id, source, function, args, limits, stream))
        with self._lock:
            if self._closed:
                raise RuntimeError("the extraction pool is closed")
            self._pending.append(_Task(task_id, source, payload, limits, stream, ticket))
            # Tasks already waiting mean no worker could take one: the dispatcher looks again when one can.
            first = len(self._pending) == 1
        if first:
            self.wake()
        return ticket

    @property
    def pids(self) -> list[int]:
        """Return the process ids of the live workers."""
        return [worker.process.pid for worker in list(self._workers)]

    @property
    def running(self) -> bool:
        """Tell whether the dispatcher is still at work."""
        return self._thread.is_alive()

    def wake(self) -> None:
        """Make the dispatcher look at its tasks and workers again."""
        try:
            os.write(self._wake_write, b"!")
        except (BlockingIOError, OSError):
            pass  # a full pipe wakes it just as well; a closed one means it has stopped

    def close(self) -> None:
        """Stop every worker (busy ones are killed) and fail the tasks not yet done."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self.wake()
        self._thread.join(timeout=60)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    # -- the dispatcher thread ------------------------------------------------------------------

    def _dispatch(self) -> None:
        try:
            while not self._closing():
                self._assign()
                self._wait()
                self._stop_overdue()
                self._reap()
        finally:
            self._shut_down()

    def _closing(self) -> bool:
        with self._lock:
            return self._closed

    def _assign(self) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    return
                task = self._pending[0]
            worker = self._worker_for(task)
            if worker is None:
                return
            with self._lock:
                self._pending.popleft()
            self._send(worker, task)

    def _worker_for(self, task: _Task) -> _Worker | None:
        idle = [w for w in self._workers if not w.assigned]
        if idle:
            return idle[0]
        if len(self._workers) < self.size:
            return self._start_worker()
        ready = [w for w in self._workers if w.accepts(task)]
        return min(ready, key=lambda w: len(w.assigned)) if ready else None

    def _start_worker(self) -> _Worker | None:
        context = worker_context()
        ours, theirs = context.Pipe(duplex=True)
        process = context.Process(target=serve, args=(theirs,), name="evidence-extraction-worker", daemon=True)
        try:
            _launcher.start(process)
        except Exception as exc:  # out of processes or memory, or no way to start one: say so, once per task
            ours.close()
            theirs.close()
            if not self._workers:  # nothing else can run them
                self._fail_pending(f"no extraction process could be started ({describe(exc)})")
            return None
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.append(worker)
        return worker

    def _send(self, worker: _Worker, task: _Task) -> None:
        try:
            worker.conn.send_bytes(task.payload)
        except OSError:
            with self._lock:
                self._pending.appendleft(task)
            self._lost(worker)
            return
        if not worker.assigned:
            worker.started = time.monotonic()
        worker.assigned.append(task)

    def _wait(self) -> None:
        watched = {w.conn: w for w in self._workers if not w.paused}
        ready = connection.wait([self._wake_read, *watched], self._seconds_to_next_deadline())
        for source in ready:
            if source == self._wake_read:
                _drain(self._wake_read)
            elif watched[source] in self._workers:
                self._receive(watched[source])
        for worker in self._workers:
            if worker.paused and not worker.assigned[0].ticket.full:
                worker.paused, worker.started = False, time.monotonic()

    def _seconds_to_next_deadline(self) -> float | None:
        deadlines = [self._deadline(w) for w in self._workers if w.assigned and not w.paused]
        if self._exiting:
            deadlines.append(time.monotonic() + 0.5)  # look again for processes to reap
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _deadline(self, worker: _Worker) -> float:
        return worker.started + worker.assigned[0].limits.time_limit + self.grace

    def _receive(self, worker: _Worker) -> None:
        try:
            task_id, kind, value, retiring = worker.conn.recv()
        except (EOFError, OSError):
            self._lost(worker)
            return
        task = worker.assigned[0]
        assert task.id == task_id, "a worker answered for a task it was not running"
        worker.started = time.monotonic()
        if kind == "item":
            task.ticket.put(value)
            worker.paused = task.ticket.full
            return
        worker.assigned.popleft()
        if kind == "done":
            if not task.stream:
                task.ticket.put(value)
            task.ticket.finish()
        else:
            error_class, source, reason = value
            task.ticket.finish(error_class(source, reason))
        if retiring:
            self._remove(worker, kill=False)

    def _stop_overdue(self) -> None:
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.assigned and not worker.paused and now >= self._deadline(worker):
                task = worker.assigned.popleft()
                task.ticket.finish(LimitExceededError(task.source, time_reason(task.limits)))
                self._remove(worker, kill=True)

    def _lost(self, worker: _Worker) -> None:
        """Fail the task a worker was running when it died, and give its queued tasks to others."""
        worker.process.join(timeout=5)
        if worker.assigned:
            task = worker.assigned.popleft()
            task.ticket.finish(_death(worker.process.exitcode, task))
        self._remove(worker, kill=True)

    def _remove(self, worker: _Worker, kill: bool) -> None:
        """Take a worker out of the pool, its queued tasks back to the front of the line."""
        self._workers.remove(worker)
        with self._lock:
            self._pending.extendleft(reversed(worker.assigned))
        worker.assigned.clear()
        if kill:
            _kill(worker.process)
        worker.conn.close()
        self._exiting.append(worker.process)

    def _reap(self) -> None:
        # Not Process.close(): multiprocessing's exit handler may be joining the same process at that moment.
        self._exiting = [process for process in self._exiting if process.exitcode is None]

    def _fail_pending(self, reason: str) -> None:
        with self._lock:
            failed, self._pending = list(self._pending), deque()
        for task in failed:
            task.ticket.finish(CaptureError(task.source, reason))

    def _shut_down(self) -> None:
        """Stop every worker: idle ones see their pipe close, busy ones are killed; fail what was not done."""
        for worker in list(self._workers):
            busy = bool(worker.assigned)
            for task in worker.assigned:
                task.ticket.finish(CaptureError(task.source, "extraction was stopped before it ended"))
            worker.assigned.clear()
            self._remove(worker, kill=busy)
        self._fail_pending("extraction was stopped before it began")
        deadline = time.monotonic() + 10
        for process in self._exiting:
            process.join(timeout=max(0.0, deadline - time.monotonic()))
            if process.exitcode is None:
                _kill(process)
                process.join(timeout=5)
        self._exiting.clear()
        os.close(self._wake_read)
        os.close(self._wake_write)


def _death(exitcode: int | None, task: _Task) -> CaptureError:
    if exitcode == -signal.SIGKILL:  # what the kernel's out-of-memory killer sends
        return LimitExceededError(task.source, memory_reason(task.limits))
    if exitcode is not None and exitcode < 0:
        return CaptureError(task.source, f"the extraction process crashed ({signal.Signals(-exitcode).name})")
    return CaptureError(task.source, f"the extraction process stopped unexpectedly (exit code {exitcode})")


def _kill(process) -> None:
    try:
        process.kill()
    except (OSError, ValueError, AttributeError):
        pass  # already gone


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 4096):
            pass
    except BlockingIOError:
        pass


def _dumps(message: tuple) -> bytes:
    from multiprocessing.reduction import ForkingPickler

    return bytes(ForkingPickler.dumps(message))


class _Launcher:
    """Start processes from one thread that lasts as long as this process.

    Linux sends a child its parent-death signal when the *thread* that started it ends. The fork server asks
    for that signal and is started along with the first worker, so that must not happen on a web request's
    thread or a run's dispatcher, which end long before the process.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def start(self, process) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._serve, name="evidence-launcher", daemon=True)
                self._thread.start()
        started: Future = Future()
        self._requests.put((process, started))
        started.result()

    def _serve(self) -> None:
        while True:
            process, started = self._requests.get()
            try:
                process.start()
            except BaseException as exc:  # handed to the caller, whatever it is
                started.set_exception(exc)
            else:
                started.set_result(None)


_launcher = _Launcher()
_context = None


def worker_context():
    """Fork workers from a server that has loaded the extraction code once (ingest/worker.py); spawn where
    there is no fork server. Not plain fork: the writer's open database and index must not be inherited."""
    global _context
    if _context is None:
        try:
            context = multiprocessing.get_context("forkserver")
        except ValueError:
            context = multiprocessing.get_context("spawn")
        else:
            context.set_forkserver_preload(["ingest.worker"])
        # A Python started by a privileged launcher may sit where this process cannot reach it by name (a
        # private folder); the running binary itself can still be started again.
        if not os.access(spawn.get_executable() or "", os.X_OK) and os.path.exists("/proc/self/exe"):
            context.set_executable("/proc/self/exe")
        _context = context
    return _context


# -- single captures ----------------------------------------------------------------------------

_shared: dict[str, WorkerPool] = {}  # by name: single captures, pictures
_shared_lock = threading.Lock()


def capture_isolated(source: SourceItem | Upload, limits: Limits):
    """Capture one file, URL or upload in a worker process within `limits`; return the NewCapture value (with
    its original bytes) or raise CaptureError, as ingest.pipeline.capture does."""
    if isinstance(source, Upload):
        ticket = shared_pool().submit(source.source, capture_upload, (source.name, source.body, limits), limits)
    else:
        ticket = shared_pool().submit(source.source, capture, (source, limits), limits)
    return ticket.result()


def shared_pool() -> WorkerPool:
    """Return this process's pool for single captures, started on first use and shared by its threads."""
    return _pool("captures", SHARED_POOL_SIZE)


def run_isolated(source: str, function: Callable, args: tuple, limits: Limits) -> Any:
    """Run `function(*args)` in a worker of this process's pictures' pool within `limits` (drawing a page,
    finding its tables: short tasks, which a long capture in the shared pool must not hold up); return its value
    or raise the CaptureError that ended it."""
    return _pool("pictures", PICTURE_POOL_SIZE).submit(source, function, args, limits).result()


def _pool(name: str, size: int) -> WorkerPool:
    with _shared_lock:
        pool = _shared.get(name)
        if pool is None or not pool.running:
            pool = _shared[name] = WorkerPool(size)
        return pool
