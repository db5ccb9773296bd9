"""Whoosh, imported without three modules its own imports pull in and the archive never calls.

- ``whoosh.compat`` imports ``urllib.request`` (and with it http.client, email and ssl) for ``urlretrieve``,
  which no Whoosh code calls;
- ``whoosh.reading`` imports the ``cached_property`` package, which imports asyncio (for coroutine methods),
  to cache one plain attribute, ``SegmentReader.deleted_docs_set``: ``functools.cached_property`` does the same;
- ``whoosh.query.terms`` imports ``whoosh.lang.morph_en``, which compiles its word-variation patterns, for
  ``variations``, called only by Whoosh's ``Variations`` query, which the archive never makes.

Together they were a quarter of a search command's work above bare start-up (bench/RESULTS.md, issue 13).
While this module imports the Whoosh modules that pull them in, each of those names stands for a small module
of ours (``urlretrieve`` and ``variations`` there import the real module when called), which then leaves
sys.modules: whatever imports one of them later gets the real module. When Whoosh was imported before this module, it is
left as it is. Whoosh is pinned (pyproject.toml), and tests/test_whoosh_imports.py checks these three imports
against the installed Whoosh, so a release that moves them fails there.

Every module of ours that imports Whoosh imports this one first: archive/search/__init__.py for the search
package, and archive/analysis.py.
"""

from __future__ import annotations

import functools
import importlib
import sys
import threading
import types

# The Whoosh modules whose imports pull in the three below; importing them here imports the rest of the chain.
_WHOOSH_MODULES = ("whoosh.compat", "whoosh.reading", "whoosh.query")
_LOADING = threading.RLock()  # held while the stand-ins are in sys.modules


def _called_through(module: str, name: str):
    """Return a function that calls `module`'s `name`, importing the module at its first call."""

    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


# module -> the names Whoosh takes from it, as our stand-in gives them
_STAND_INS = {
    "urllib.request": {"urlretrieve": _called_through("urllib.request", "urlretrieve")},
    "cached_property": {"cached_property": functools.cached_property},
    "whoosh.lang.morph_en": {"variations": _called_through("whoosh.lang.morph_en", "variations")},
}


def _stand_in(module: str, names: dict) -> types.ModuleType:
    """Return a module holding `names`; any other name is read from the real module, once loaded."""
    stand_in = types.ModuleType(module, f"Stands for {module} while archive.search.whoosh_imports imports Whoosh.")
    stand_in.__dict__.update(names)

    def __getattr__(name: str):
        with _LOADING:  # another thread that met the stand-in waits until the real module can be imported
            if sys.modules.get(module) is stand_in:
                raise AttributeError(f"{module} is stood in for while Whoosh is imported, and Whoosh asked for "
                                     f"{name!r}: archive/search/whoosh_imports.py must give it")
            return getattr(importlib.import_module(module), name)

    stand_in.__getattr__ = __getattr__
    return stand_in


def _import_whoosh() -> None:
    """Import Whoosh's modules that pull in the three, with our stand-ins in their place meanwhile."""
    with _LOADING:
        placed = {module: _stand_in(module, names) for module, names in _STAND_INS.items()
                  if module not in sys.modules}
        sys.modules.update(placed)
        try:
            for module in _WHOOSH_MODULES:
                importlib.import_module(module)
        finally:
            for module, stand_in in placed.items():
                if sys.modules.get(module) is stand_in:
                    del sys.modules[module]


if "whoosh.compat" not in sys.modules:
    _import_whoosh()
