"""Read ids and paging arguments from requests, bounded: pages clamp what people type, the API refuses it."""

from __future__ import annotations

from collections.abc import Callable

from flask import request
from werkzeug.routing import IntegerConverter

from archive import inputs
from archive.errors import InvalidInputError

# Far past any archive's size, and far below SQLite's limit even when multiplied by a page's length.
PAGE_MAX = 1_000_000


class IdConverter(IntegerConverter):
    """Werkzeug's `int`, at most 18 digits: every such number fits SQLite's integers, a longer one is a 404.

    The bound is in the pattern, not in a check after matching: werkzeug picks the rule before converting,
    and a failed conversion on one method's rule would answer 405 naming the others.
    """

    regex = r"\d{1,18}"


def page() -> int:
    """Return ?page= for a page meant for people: 1 when absent or unreadable, at most PAGE_MAX."""
    value = request.args.get("page", 1, type=int) or 1
    return min(max(value, 1), PAGE_MAX)


def paged(fetch: Callable[..., list], total: int, per_page: int) -> tuple[list, int, int]:
    """Return the items on ?page= of a list meant for people, that page's number, and how many pages the list's
    `total` items fill (at least one, where an empty list is said)."""
    number = page()
    return fetch(limit=per_page, offset=(number - 1) * per_page), number, max(1, -(-total // per_page))


def whole_number(name: str, default: int, low: int, high: int) -> int:
    """Return the API's query argument `name` as a whole number from `low` to `high`, else refuse it."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw.strip(), 10)
    except ValueError:
        value = None
    return inputs.whole_number(value, name, low, high)


def number(name: str, default: float, high: float) -> float:
    """Return the API's query argument `name` as a finite number from 0 to `high`, else refuse it."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise InvalidInputError(f"The {name} must be a number from 0 to {high:g}.") from exc
    return inputs.fraction(value, name, high)
