"""The shapes of a result line, decided from its structure in any language: a share in brackets after a count,
and a signed change after the share.

"Labour – 503 [49.8%, +2.7]", "UKIP 320 (12% -9%)", "LD Peter Agoro 429 [42.3%; -12.2%]": the signed number
after a share, inside the share's brackets, is the change of that share: written bare it is in percentage points
("+2.7" beside "49.8%" is +2.7 pp, as bench/figures/LABELLING.md settles), written with "%" a percentage
("-12.2%"); its span holds the sign and its value is signed. A number written before such a bracketed share is the count the share is of ("UKIP 320 (12%"),
never a name's number ("Boeing 737", "Su-35"), whatever name stands before it. A change alone in parentheses,
signed, in a sentence that gives its other figures as percentages, is one too: "Dort wählen 34,1 Prozent weniger
..., während das Wählerplus in Ost (+0,6) und West (+0,5) ähnlich war".
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
# A change alone in parentheses, its sign before it: "das Wählerplus in Ost (+0,6)".
_SIGN_IN_PARENTHESES = LazyPattern(rf"\({WS}?(?P<sign>[+\-−]){WS}?\Z")
_PARENTHESIS_AFTER = LazyPattern(rf"{WS}?\)")
# What follows the count of a result line: its share, opening a bracket.
_SHARE_AFTER = LazyPattern(rf"{WS}?[(\[]{WS}?{_NUMBER}{WS}?%")


def signed_changes(text: str) -> Iterator[tuple[int, int, Decimal, Decimal, str]]:
    """Yield (start, end, value, step, unit) of each signed change written after a share in its brackets: "pp"
    when written bare, "%" when written with its percent sign."""
    if "%" not in text:
        return
    for match in _SIGNED_CHANGE.finditer(text):
        magnitude = Decimal(match.group("number").replace(",", "."))
        value = -magnitude if match.group("sign") != "+" else magnitude
        unit = "%" if match.group("change").endswith("%") else "pp"
        yield match.start("change"), match.end("change"), value, step_of_value(magnitude), unit


def sign_in_parentheses(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Return where the sign of a change alone in parentheses begins and the sign (1 or -1): "(+0,6)", "(-1,2)"."""
    found = _SIGN_IN_PARENTHESES.search(text, max(0, start - 4), start)
    if found is None or not _PARENTHESIS_AFTER.match(text, end):
        return None
    return found.start("sign"), (1 if found.group("sign") == "+" else -1)


def counts_a_share_after(text: str, end: int) -> bool:
    """Tell whether a number is followed by its share in brackets, "320 (12% -9%)", so counts votes."""
    return _SHARE_AFTER.match(text, end) is not None
