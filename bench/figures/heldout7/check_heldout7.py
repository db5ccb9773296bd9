"""Check heldout7.jsonl without running the figure engine (run from the repository root).

    .venv/bin/python bench/figures/heldout7/check_heldout7.py

The checks are those of bench/figures/check_heldout.py (spans, units, sources and 40-character stretches shared
with the earlier sets or tests/test_figures*.py); this file only names the set, so the two cannot drift apart.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import check_heldout  # noqa: E402  (bench/figures, not a package)

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "heldout7"]
    sys.exit(check_heldout.main())
