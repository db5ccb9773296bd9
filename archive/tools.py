"""Versions of the software that makes a capture or an export, recorded with it as provenance."""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version

ARCHIVE_PACKAGE = "evidence-archive"


def tool_versions(*packages: str) -> dict[str, str]:
    """Return {package: version} for installed packages, with this archive's own version (a fresh dict)."""
    return {ARCHIVE_PACKAGE: version_of(ARCHIVE_PACKAGE), **{p: version_of(p) for p in packages}}


@lru_cache(maxsize=None)
def version_of(package: str) -> str:
    """Return an installed package's version, or "unknown"."""
    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"
