"""Check values given by users before the archive acts on them: types, ranges, Unicode, lengths.

Pure: no IO. The facade calls these at the top of each method, so the command line, the pages and the API
all refuse the same values with the same sentence.
"""

from __future__ import annotations

import math
import re

from archive.errors import InvalidInputError, NotFoundError, QueryError

# Limits no fact-checker meets: a claim is a sentence or two, notes and quotes a few paragraphs.
CLAIM_MAX = 2_000
NOTES_MAX = 10_000
QUOTE_MAX = 10_000
NOTE_MAX = 10_000
NAME_MAX = 100  # a status or a stance: a word from a short list
# Whoosh's parser is quadratic in the query (20,000 letters took 3 s, 100,000 took 45 s). Within these
# bounds the worst of nine shapes tried (short distinct words, wildcards, CJK, symbols) took 0.25 s.
QUERY_MAX = 2_000
QUERY_WORDS_MAX = 300
# SQLite stores integers in 64 bits; a larger id or offset would raise OverflowError deep in a query.
ID_MAX = 2**63 - 1
OFFSET_MAX = 1_000_000_000
LIMIT_MAX = 1_000
_WORD = re.compile(r"\w+")


def text(value: object, name: str, limit: int, required: bool = True) -> str | None:
    """Return `value` if it is a string of valid Unicode within `limit` characters; None only if optional."""
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InvalidInputError(f"The {name} must be text, not {_kind(value)}.")
    _encodable(value, name)
    if len(value) > limit:
        raise InvalidInputError(f"The {name} is too long ({len(value):,} characters): the limit is {limit:,} "
                                f"characters.")
    return value


def as_recorded(value: str) -> str:
    """Return a name as it can be stored, hashed and written as UTF-8: bytes that a shell passed undecoded (a
    file name of invalid UTF-8 arrives as lone surrogates) written as \\xNN, any other lone surrogate as \\uNNNN."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return value.encode("utf-8", "backslashreplace").decode("utf-8")


def record_id(value: object, kind: str) -> int:
    """Return `value` if it is a whole number that can name a `kind` of record; one out of range names none."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInputError(f"The {kind} id must be a whole number, not {_kind(value)}.")
    if not 0 <= value <= ID_MAX:
        raise NotFoundError(f"there is no {kind} {value} in this archive")
    return value


def whole_number(value: object, name: str, low: int, high: int, required: bool = True) -> int | None:
    """Return `value` if it is a whole number from `low` to `high`; None only if optional."""
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInputError(f"The {name} must be a whole number from {low:,} to {high:,}.")
    return value


def fraction(value: object, name: str, high: float) -> float:
    """Return `value` if it is a finite number from 0 to `high`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or not 0 <= value <= high:
        raise InvalidInputError(f"The {name} must be a number from 0 to {high:g}.")
    return float(value)


def query(value: object) -> str:
    """Return a search query if it is text the parser can read in bounded time."""
    if not isinstance(value, str):
        raise QueryError(f"The query must be text, not {_kind(value)}.")
    try:
        _encodable(value, "query")
    except InvalidInputError as exc:
        raise QueryError(str(exc)) from exc
    if len(value) > QUERY_MAX:
        raise QueryError(f"The query is too long ({len(value):,} characters): the limit is {QUERY_MAX:,} "
                         f"characters. Search for a shorter passage.")
    words = len(_WORD.findall(value))
    if words > QUERY_WORDS_MAX:
        raise QueryError(f"The query has too many words ({words:,}): the limit is {QUERY_WORDS_MAX:,}. "
                         f"Search for a shorter passage.")
    return value


def _encodable(value: str, name: str) -> None:
    # A lone surrogate (JSON "\ud800", or a command-line argument of invalid UTF-8) cannot be stored or hashed.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidInputError(f"The {name} is not valid Unicode text (character {exc.start + 1} is a lone "
                                f"surrogate); send it as UTF-8.") from exc


def _kind(value: object) -> str:
    return {type(None): "null", bool: "true or false", list: "a list", dict: "an object", int: "a number",
            float: "a number", str: "text"}.get(type(value), type(value).__name__)
