"""Versions of the tools that extract text, recorded with every capture."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version


def tool_versions(*packages: str) -> dict[str, str]:
    """Return {package: version} for installed packages, with this archive's own version (a fresh dict)."""
    return {"evidence-archive": _version("evidence-archive"), **{p: _version(p) for p in packages}}


@lru_cache(maxsize=None)
def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"
