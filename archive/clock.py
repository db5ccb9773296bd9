"""The one clock captures are stamped with: UTC, ISO 8601 with microseconds and Z."""

from datetime import datetime, timezone


def utc_now() -> str:
    """Return the current UTC time as 2026-11-22T00:39:49.123456Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
