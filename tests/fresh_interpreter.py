"""Run Python code in a fresh interpreter and read what it had imported, or another value, at its end: for
tests of what a command or module imports (a test process has imported everything long before)."""

from __future__ import annotations

import json
import subprocess
import sys

MARK = "VALUE-AFTER:"


def value_after(code: str, expression: str):
    """Run Python code in a fresh interpreter; return the value of a JSON-able expression at its end."""
    listing = f"import json, sys\nprint({MARK!r} + json.dumps({expression}))"
    done = subprocess.run([sys.executable, "-c", f"{code}\n{listing}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(line for line in done.stdout.splitlines() if line.startswith(MARK))
    return json.loads(line[len(MARK):])


def modules_after(code: str) -> set[str]:
    """Run Python code in a fresh interpreter; return the names of the modules it had imported at its end."""
    return set(value_after(code, "sorted(sys.modules)"))
