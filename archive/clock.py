"""The one clock captures are stamped with, and times as the archive writes them: UTC, ISO 8601, microseconds, Z."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """Return the current UTC time as 2026-11-22T00:39:49.123456Z."""
    return format_timestamp(datetime.now(timezone.utc))


def format_timestamp(moment: datetime) -> str:
    """Write a time as the archive stores times (2026-11-22T00:39:49.123456Z); a time without a zone is UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(value: str) -> datetime | None:
    """Read an ISO 8601 date or time ("Z" for UTC) with its zone as written, or None when it is neither."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
