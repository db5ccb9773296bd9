"""Regular expressions compiled on first use, so that a command pays only for the patterns its path needs.

Compiling a pattern is slow when its classes hold characters past Latin-1 (each such class builds a map of
65,536 entries in Python): the patterns of the figures package cost about 25 ms to compile, which every
command paid at import, while `evidence search drone` uses three of them. Pure: the standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Callable


class LazyPattern:
    """A regular expression, compiled the first time one of its attributes (match, finditer...) is read.

    It stands in for the compiled pattern: each attribute read is then stored on this object, so later reads
    find it directly, as fast as on the pattern itself. A match's `re` is the compiled pattern, not this
    object: tell two patterns' matches apart by which call matched, not by `match.re is PATTERN`.
    """

    def __init__(self, source: str | Callable[[], str], flags: int = 0):
        """`source` is the pattern, or a function that writes it (a pattern built from word tables, which is
        work of its own that a process that never matches should not do either)."""
        self._source, self._flags = source, flags
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str):
        if name.startswith("_"):  # not the pattern's: copy and pickle probe for these
            raise AttributeError(name)
        if self._compiled is None:
            if callable(self._source):
                self._source = self._source()
            self._compiled = re.compile(self._source, self._flags)
        value = getattr(self._compiled, name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"

