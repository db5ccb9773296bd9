"""Peak memory of steps run in a fresh Python process, as tracemalloc sees it: the most Python held at once while
each step ran, after the script has loaded what a process loads once. The tests that hold large originals to
bounded memory and bench/bench_large_original.py measure through this one helper.

A script given to `peaks` ends by calling `measure({"name": step, ...})` with callables; its arguments are
`sys.argv[1:]`. EXPORTS is the script both the test and the benchmark run on a large original's exports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

_MEASURE = """
import json as _json, tracemalloc as _tracemalloc

def measure(steps):
    peaks = {}
    for name, step in steps.items():
        _tracemalloc.start()
        step()
        peaks[name] = _tracemalloc.get_traced_memory()[1]
        _tracemalloc.stop()
    print(_json.dumps(peaks))
"""

# A capture's WARC and its claim's bundle written from an archive whose capture 1 is cited by claim 1.
EXPORTS = """
import sys
from pathlib import Path
from archive.archive import Archive
from archive.bundle import build_bundle
home, out = Path(sys.argv[1]), Path(sys.argv[2])
with Archive(home) as archive:
    # What is loaded once per process (the key, the S3 client, the figure engine a claim's page uses) before.
    archive.signing_key(), archive.store.client, archive.claim(1)
    measure({"warc": lambda: archive.export_warc(out / "large.warc.gz", [1]),
             "bundle": lambda: build_bundle(archive, 1, out / "claim-1.zip")})
"""


def peaks(script: str, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None,
          timeout: float = 300) -> dict[str, int]:
    """Run a script in a fresh Python and return the peak bytes of each step it measures; raise with the
    child's error output when it fails."""
    done = subprocess.run([sys.executable, "-c", _MEASURE + script, *args], capture_output=True, text=True,
                          env=env if env is not None else dict(os.environ), cwd=cwd, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"the measured script failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def large_page(quote: str, size: int) -> bytes:
    """Return a page as some are: a short article (`quote`) beside an inline picture of about `size` bytes."""
    import base64

    picture = base64.b64encode(os.urandom(size * 3 // 4)).decode()
    return f'<html><body><p>{quote}</p><img src="data:image/png;base64,{picture}"></body></html>'.encode()


# An archive (whose originals the copy checks) copied by `evidence migrate`'s code into a folder or database.
MIGRATE = """
import sys
from pathlib import Path
import archive.analysis  # what indexing the copy loads once
from archive.archive import Archive
from archive.migrate import migrate, open_target
home, to = Path(sys.argv[1]), sys.argv[2]
with Archive(home) as archive:
    getattr(archive.store, "client", None)  # loaded once per process: the S3 client, for originals in a bucket
    target = open_target(to, None, archive.store)
    done = []
    try:
        measure({"migrate": lambda: done.append(migrate(archive.catalog, archive.store, target.catalog, target.blobs,
                                                        target.index))})
    finally:
        target.close()
    assert done[0].ok, done[0].problems
"""
