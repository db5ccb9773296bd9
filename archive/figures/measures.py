"""Measures written in two units, read as one figure in the smaller unit: Turkish "5 ton 803 kilogram" is 5,803
(kilograms), "2 kg 300 g" 2,300 (grams), as one counts a weight or length so written; the two numbers apart would
be two false counts and a missed one."""

from __future__ import annotations

from archive.figures.surroundings import LETTER, WS, alternation
from archive.patterns import LazyPattern

# (words of the larger unit, words of the smaller unit, how many of the smaller make one of the larger)
_UNIT_PAIRS = (
    ("ton tons tonne tonnes tona tone tonnen tonnia тонн тонна тонны тонни т", "kilogram kilogramm kilograms "
     "kilogramów kilograma kilogramos kilogrammes kiloa kg кг килограмм килограммов кілограмів", 1000),
    ("kilogram kilogramm kilograms kg кг килограмм", "gram gramm grams gramów grama g г грамм граммов", 1000),
    ("kilometre kilometres kilometer kilometers kilometre km км", "metre metres meter meters metrov metrów m м", 1000),
)
_PAIRS = tuple(
    (LazyPattern(rf"{WS}(?i:{alternation(large.split())})(?!{LETTER}){WS}$"),
     LazyPattern(rf"{WS}(?i:{alternation(small.split())})(?!{LETTER})"), factor)
    for large, small, factor in _UNIT_PAIRS)


def join_two_unit_measures(text: str, drafts: list) -> list:
    """Return ``drafts`` with each measure in two units joined into one figure in the smaller unit: "5 ton 803
    kilogram" (5,803), "12 ton 102,5 kilogram" (12,102.5); both numbers are bare, the first whole, the second under
    the factor that converts the units."""
    joined: list = []
    for draft in drafts:
        first = joined[-1] if joined else None
        if first is not None and _joins(text, first, draft):
            factor, small_end = _joins(text, first, draft)
            first.mantissa = first.mantissa * factor + draft.mantissa
            first.step, first.end = draft.step, small_end
            continue
        joined.append(draft)
    return joined


def _joins(text: str, first, second) -> tuple[int, int] | None:
    """Return the factor between the units of two bare numbers written "5 ton 803 kilogram" and where the
    smaller unit ends, else None."""
    if first.unit is not None or second.unit is not None or first.has_scale or second.has_scale \
            or first.step < 1 or second.start - first.end > 16:  # the smaller part may have decimals: "102,5 kilogram"
        return None
    gap = text[first.end : second.start]
    for large, small, factor in _PAIRS:
        if large.fullmatch(gap) is not None and second.mantissa < factor \
                and (unit := small.match(text, second.end)) is not None:
            return factor, unit.end()
    return None
