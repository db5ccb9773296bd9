"""What the figure-round tests ask of the engine's output: every figure as (text, value, unit), or the one figure
written as a given piece."""

from __future__ import annotations

import pytest

from archive.figures import extract


def figures_of(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def one_figure(text, piece):
    """Return the (value, unit) of the figure whose text is ``piece``."""
    found = [(pytest.approx(f.value), f.unit) for f in extract(text) if f.text == piece]
    assert len(found) == 1, (piece, figures_of(text))
    return found[0]
