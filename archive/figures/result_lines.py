"""The shapes of a result line, decided from its structure in any language: a share in brackets after a count,
and a signed change after the share.

"Labour – 503 [49.8%, +2.7]", "UKIP 320 (12% -9%)", "LD Peter Agoro 429 [42.3%; -12.2%]": the signed number
after a share, inside the share's brackets, is the change of that share; it is a percentage whatever it is written
with (the sets' convention: a change written with "points" is pp, elsewhere), its span holds the sign and its
value is signed. A number written before such a bracketed share is the count the share is of ("UKIP 320 (12%"),
never a name's number ("Boeing 737", "Su-35"), whatever name stands before it.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from archive.figures.numbers import step_of_value
from archive.figures.surroundings import WS
from archive.patterns import LazyPattern

_NUMBER = r"\d{1,3}(?:[.,]\d{1,2})?"
# The opening bracket and the share, its separator, the sign and the change, then the closing bracket.
_SIGNED_CHANGE = LazyPattern(
    rf"[(\[]{WS}?{_NUMBER}{WS}?%{WS}?[,;]?{WS}?(?P<change>(?P<sign>[+\-−–]){WS}?(?P<number>{_NUMBER})(?:{WS}?%)?)"
    rf"{WS}?[)\]]"
)
# What follows the count of a result line: its share, opening a bracket.
_SHARE_AFTER = LazyPattern(rf"{WS}?[(\[]{WS}?{_NUMBER}{WS}?%")


def signed_changes(text: str) -> Iterator[tuple[int, int, Decimal, Decimal]]:
    """Yield (start, end, value, step) of each signed change written after a share in its brackets."""
    if "%" not in text:
        return
    for match in _SIGNED_CHANGE.finditer(text):
        magnitude = Decimal(match.group("number").replace(",", "."))
        value = -magnitude if match.group("sign") != "+" else magnitude
        yield match.start("change"), match.end("change"), value, step_of_value(magnitude)


def counts_a_share_after(text: str, end: int) -> bool:
    """Tell whether a number is followed by its share in brackets, "320 (12% -9%)", so counts votes."""
    return _SHARE_AFTER.match(text, end) is not None
