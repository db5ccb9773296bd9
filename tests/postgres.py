"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temporary folder, a free port on
127.0.0.1, started as an unprivileged user (PostgreSQL refuses to run as root) and stopped at the end.

`shared()` starts one cluster for the whole session on first use; `fresh_database()` makes an empty database
in it and returns its URL. A test that stops the server on purpose starts a `Cluster` of its own. Without
PostgreSQL's binaries, the tests that need it are skipped, saying why.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

UNPRIVILEGED = "nobody"  # who runs the server when the tests run as root
_counter = itertools.count(1)
_shared: Cluster | None = None


def binaries() -> Path | None:
    """Return the folder of PostgreSQL's server programs (initdb, pg_ctl): Debian keeps them off PATH."""
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    """A PostgreSQL server of its own in a temporary folder, reachable on 127.0.0.1 without a password."""

    def __init__(self):
        self.bin = binaries()
        if self.bin is None:
            pytest.skip("PostgreSQL is not installed (initdb not found on PATH or under /usr/lib/postgresql); "
                        ".ci/run installs Debian's postgresql package")
        self.folder = Path(tempfile.mkdtemp(prefix="evidence-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = "evidence"
        self._as_user = []
        if os.geteuid() == 0:
            shutil.chown(self.folder, UNPRIVILEGED)
            self._as_user = ["setpriv", f"--reuid={UNPRIVILEGED}", "--regid=nogroup", "--clear-groups"]
        self._run("initdb", "-D", str(self.data), "-U", self.user, "-A", "trust", "-E", "UTF8", "--no-sync",
                  "--locale=C")
        self.start()

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self._as_user, str(self.bin / program), *args], capture_output=True, text=True,
                              timeout=120, cwd=self.folder)
        if done.returncode:
            raise RuntimeError(f"{program} failed: {done.stderr or done.stdout}")

    def start(self) -> None:
        """Start the server (again) on its port; return once it takes connections."""
        options = (f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-o", options, "-w",
                  "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (`immediate`: as a crash would)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def url(self, database: str = "postgres") -> str:
        """Return the URL of one of the server's databases."""
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """Make an empty database; return its URL."""
        import psycopg

        name = f"evidence_{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        return self.url(name)

    def remove(self) -> None:
        """Stop the server if it runs, and delete its folder."""
        try:
            self.stop("immediate")
        except (RuntimeError, subprocess.TimeoutExpired):
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


def shared() -> Cluster:
    """Return the session's cluster, started on first use and removed when the tests end."""
    global _shared
    if _shared is None:
        _shared = Cluster()
        atexit.register(_shared.remove)
    return _shared


def fresh_database() -> str:
    """Return the URL of a new, empty database on the session's cluster."""
    return shared().create_database()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(check, timeout: float = 30.0, step: float = 0.05) -> bool:
    """Poll `check` until it is true or `timeout` seconds pass; tell whether it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(step)
    return bool(check())
