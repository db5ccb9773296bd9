"""The first bound of a range of hundreds written in words, its ending left to the second: Macedonian "шесто до
осумстотини денари" (six- to eight hundred denars: 600 to 800), the ending "тини" written once."""

from __future__ import annotations

from decimal import Decimal

from archive.figures.drafts import RANGE_GAP, Draft
from archive.figures.surroundings import LETTER, window_language
from archive.figures.vocabulary import NUMBER_WORD_TABLES
from archive.patterns import LazyPattern

_WORD_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<word>{LETTER}{{4,}})\Z")
_WORD = LazyPattern(rf"{LETTER}+")
_HUNDRED = Decimal(100)


def drafts_of_elided_hundreds(text: str, drafts: list[Draft]) -> list[Draft]:
    """Return the first bounds of ranges of hundreds in words whose ending the second bound carries: before a
    range's gap and a word for hundreds, the beginning of another word for hundreds of its language that ends as
    it does ("шесто" of "шестотини" before "до осумстотини"). A word that is a number of its own is left to the
    reader of number words."""
    found = []
    for upper in drafts:
        second = _WORD.match(text, upper.start)
        if second is None or upper.has_scale or upper.mantissa % _HUNDRED or not 200 <= upper.mantissa < 1000:
            continue
        gap = _gap_before(text, upper.start)
        if gap is None or not (before := _WORD_BEFORE.search(text, max(0, gap - 20), gap)):
            continue
        table = NUMBER_WORD_TABLES.get(window_language(text, before.start(), upper.end), {})
        cut = before.group("word").lower()
        if cut in table:
            continue
        full = next((word for word, value in table.items() if value % 100 == 0 and value < upper.mantissa
                     and word.startswith(cut) and second.group().lower().endswith(word[len(cut) :])), None)
        if full is not None:
            found.append(Draft(start=before.start(), end=before.end(), mantissa=Decimal(table[full]), step=_HUNDRED))
    return found


def _gap_before(text: str, start: int) -> int | None:
    """Return where the gap of a range that ends at ``start`` begins ("до ", " - "), or None."""
    for back in range(1, 7):
        if RANGE_GAP.fullmatch(text, start - back, start):
            return start - back
    return None
