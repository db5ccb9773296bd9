"""The real archive tools, for the tests that hold our exports to them: pywb (wb-manager, wayback) and py-wacz.

pywb 2.10 pins older Werkzeug and cryptography than the archive uses, so both tools live in a venv of their own,
made once under a cache folder (EVIDENCE_TOOLS_CACHE, else ~/.cache/evidence-archive) and named for the pinned
versions; the tests run them as commands and talk to wayback over HTTP on 127.0.0.1. Without a package index
to install them from, the tests that need them are skipped, saying so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

# Pinned: what the tests run is what was checked.
TOOLS = ("pywb==2.10.0", "wacz==0.6.0")
INSTALL_TIMEOUT = 900  # seconds: pywb and py-wacz with their dependencies, from the index
START_TIMEOUT = 60  # seconds for wayback to answer
# What pip says when it cannot reach an index (no network, no proxy): then the tools are not to be had here.
UNREACHABLE = ("No matching distribution found", "Could not find a version", "NewConnectionError",
               "Network is unreachable", "Temporary failure in name resolution", "ProxyError")


def tools_cache() -> Path:
    return Path(os.environ.get("EVIDENCE_TOOLS_CACHE") or Path.home() / ".cache" / "evidence-archive")


def tools_venv() -> Path:
    """Return the venv holding the pinned tools, made on first use; skip the test when pip cannot get them."""
    key = hashlib.sha256(f"{TOOLS} {sys.version}".encode()).hexdigest()[:12]
    venv = tools_cache() / f"archive-tools-{key}"
    if (venv / "installed").exists():
        return venv
    # A venv without its mark was left half made: make it again. The mark is written last.
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    installed = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check",
                                "-q", *TOOLS], capture_output=True, text=True, timeout=INSTALL_TIMEOUT)
    if installed.returncode != 0:
        said = (installed.stderr.strip().splitlines() or ["(nothing)"])[-1]
        if any(sign in installed.stderr for sign in UNREACHABLE):
            pytest.skip(f"pip cannot install {', '.join(TOOLS)} for the archive-tool tests: {said}")
        raise RuntimeError(f"pip install {' '.join(TOOLS)} into {venv} failed: {installed.stderr}")
    (venv / "installed").write_text("\n".join(TOOLS) + "\n")
    return venv


def run_tool(venv: Path, command: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run one of the venv's commands; fail the test with its output when it fails."""
    done = subprocess.run([str(venv / "bin" / command), *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{command} {' '.join(args)} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Wayback:
    """pywb's wayback server on 127.0.0.1 over a folder of collections, each made with wb-manager."""

    def __init__(self, venv: Path, root: Path):
        self.venv, self.root = venv, root
        self.port = free_port()
        self.log = (root / "wayback.log").open("wb")
        self.process = subprocess.Popen([str(venv / "bin" / "wayback"), "-p", str(self.port), "-b", "127.0.0.1"],
                                        cwd=root, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"wayback exited {self.process.returncode}: "
                                   f"{(self.root / 'wayback.log').read_text(errors='replace')}")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise RuntimeError(f"wayback did not answer on port {self.port} within {START_TIMEOUT} s")

    def collection(self, name: str, *files: Path, unpack_wacz: bool = False) -> str:
        """Make a collection holding these WARC (or WACZ) files, as an archivist would; return its name."""
        run_tool(self.venv, "wb-manager", "init", name, cwd=self.root)
        for path in files:
            run_tool(self.venv, "wb-manager", "add", *(["--unpack-wacz"] if unpack_wacz else []), name, str(path),
                     cwd=self.root)
        return name

    def index(self, name: str) -> list[str]:
        """Return the CDXJ lines wb-manager wrote for a collection."""
        return [line for path in sorted((self.root / "collections" / name / "indexes").glob("*.cdxj"))
                for line in path.read_text().splitlines()]

    def get(self, collection: str, timestamp: str, url: str) -> tuple[int, str, bytes]:
        """Replay a URL as it was (id_: the bytes as archived, unrewritten); return status, type and body."""
        address = f"http://127.0.0.1:{self.port}/{collection}/{timestamp}id_/{url}"
        try:
            with urllib.request.urlopen(address, timeout=30) as answer:
                return answer.status, answer.headers.get("Content-Type", ""), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", ""), error.read()

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
