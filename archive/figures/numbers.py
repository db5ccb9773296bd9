"""Read the number itself: digits with their group and decimal marks, English number words, Chinese numerals.

Digits, grouping and decimals. Spaces (ordinary, no-break U+00A0, thin U+2009, narrow no-break U+202F)
and apostrophes (' and ’) between groups of exactly three digits always group. When both "." and ","
appear, the last one is the decimal mark. One kind of mark appearing more than once groups (1.234.567).
A single mark decides by itself unless exactly three digits follow it: "1,23" and "12.5" are decimals,
and so is "0,125" or "1234,567". A single mark followed by exactly three digits ("1,234", "18.000") is
ambiguous; it is decided by the first of these that speaks: a scale word or currency name of one language
("1,234 млн" or "1.234 Mio." follow the continental convention, decimal comma and grouping dot; "1,234
bn" the English one, grouping comma and decimal point), then the language of the words around the number
(Cyrillic, German, French, Spanish or Finnish function words: continental; English words, CJK or Hangul:
English: "3,944건", "1억 9,000만 원"), then the position of a currency symbol (before: English "$1,234"; after: continental
"1.234 €"), and finally the English convention, but for a dot before three digits ending in zero ("netto
bleiben 2.600"), which groups them. So "1,234 million" in English text is 1,234 million and
"1,23 милиони" is 1.23 million.

Precision. The magnitude of the last significant written digit, in base units: "1.23 million" -> 10,000,
"6 million" -> 1,000,000, "12.5%" -> 0.1, "123万" -> 10,000. Zeros closing an integer without a decimal
part are not significant: "1,200,000" -> 100,000, "2000" -> 1000.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from archive.figures.surroundings import SPACES, window_language
from archive.figures.vocabulary import CJK_BIG, CJK_DIGITS, CJK_UNITS, NUMBER_WORDS, WORD_SCALES

_DROP_GROUP_SPACES = str.maketrans("", "", "'’" + SPACES)
ONE = Decimal(1)


def convention(text: str, start: int, end: int, revealed: str | None, currency_before: bool,
               symbol_after: bool) -> str:
    """Return "en" (grouping comma, decimal point) or "eu" (decimal comma, grouping dot) for a number."""
    if revealed:  # by a scale word or currency name of one language after the number
        return revealed
    language = window_language(text, start, end)
    if language:
        return "en" if language in ("en", "zh", "ja", "ko") else "eu"
    if currency_before:
        return "en"
    if symbol_after:
        return "eu"
    if _DOT_BEFORE_A_ROUND_HUNDRED.match(text, start):
        return _convention_shown(text) or "eu"  # "netto bleiben 2.600.": no decimal is written with a zero last
    return _convention_shown(text) or "en"


# A dot before three digits ending in zero: grouped thousands, as a decimal point is rarely written before a zero
# that closes the number ("netto bleiben 2.600", "18.000"); "1.234" is left to the rest.
_DOT_BEFORE_A_ROUND_HUNDRED = re.compile(r"\d{1,3}\.\d\d0(?!\d|[.,]\d)")


# Numbers that show their text's convention: a decimal comma ("32,68%") or dots grouping twice ("1.234.567");
# a decimal point ("32.68%") or commas grouping twice ("1,234,567").
_SHOWS_CONTINENTAL = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])|\d\.\d{3}\.\d{3}(?!\d)")
_SHOWS_ENGLISH = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])|\d,\d{3},\d{3}(?!\d)")


def _convention_shown(text: str) -> str | None:
    """Return the convention the other numbers of a text show when its words tell no language ("USL: 32,68%,
    respectiv 13.148 mandate": 13,148), or None when they show none or both."""
    continental, english = bool(_SHOWS_CONTINENTAL.search(text)), bool(_SHOWS_ENGLISH.search(text))
    if continental == english:
        return None
    return "eu" if continental else "en"


_DOT_SPACE_GROUP = re.compile(r"\d{1,3}\. \d{3}")


def read_digits(raw: str, decide_convention: Callable[[], str]) -> tuple[Decimal, Decimal] | None:
    """Return the number written in ``raw`` and the magnitude of its last significant digit."""
    if raw.isdigit():
        return Decimal(raw), step_of(raw)
    if _DOT_SPACE_GROUP.fullmatch(raw):  # Croatian "105. 000 eura": a dot and a space group thousands
        grouped = raw.replace(". ", "")
        return Decimal(grouped), step_of(grouped)
    cleaned = raw.translate(_DROP_GROUP_SPACES)
    spaced = len(cleaned) != len(raw)
    dots, commas = cleaned.count("."), cleaned.count(",")
    if dots and commas:
        decimal_mark = "." if cleaned.rfind(".") > cleaned.rfind(",") else ","
    elif dots + commas != 1:
        decimal_mark = None
    else:
        decimal_mark = _single_mark_role("." if dots else ",", cleaned, spaced, decide_convention)
    if decimal_mark is None:
        integer, fraction = cleaned.replace(".", "").replace(",", ""), ""
    else:
        integer, fraction = cleaned.rsplit(decimal_mark, 1)
        integer = integer.replace(".", "").replace(",", "")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        return None
    written = f"{integer}.{fraction}" if fraction else integer
    return Decimal(written), step_of(written)


def _single_mark_role(mark: str, cleaned: str, spaced: bool, decide_convention: Callable[[], str]) -> str | None:
    """Return ``mark`` when a lone separator is the decimal mark, None when it groups thousands."""
    head, tail = cleaned.split(mark)
    if len(tail) != 3 or spaced or head == "0" or len(head) > 3:
        return mark
    decimal_for = "en" if mark == "." else "eu"
    return mark if decide_convention() == decimal_for else None


def step_of(written: str) -> Decimal:
    """Return the magnitude of the last significant digit of a plain decimal string ("1.20" -> 0.01)."""
    if "." in written:
        return POWERS_OF_TEN[-len(written.split(".")[1])]
    significant = written.rstrip("0")
    return POWERS_OF_TEN[len(written) - len(significant) if significant else 0]


class _PowersOfTen(dict):
    """Decimal powers of ten, made once each."""

    def __missing__(self, exponent: int) -> Decimal:
        power = self[exponent] = Decimal(1).scaleb(exponent)
        return power


POWERS_OF_TEN = _PowersOfTen()


def read_number_words(words: list[str]) -> tuple[Decimal, int]:
    """Return the value of the number that the first of ``words`` begin, and how many words it takes."""
    total = current = Decimal(0)
    last = ""  # kind of the last word read: "unit" (one..nineteen, a), "tens" (twenty..ninety), "scale"
    used = index = 0
    while index < len(words):
        word, following = words[index], words[index + 1 : index + 3]
        if word in ("a", "an") and not last and following[:1] and following[0] in WORD_SCALES:
            current, last, index = ONE, "unit", index + 1  # "a million"
        elif word == "half" and not last and following[:1] in (["a"], ["an"]) and following[1:2] \
                and following[1] in WORD_SCALES:
            current, last, index = Decimal("0.5"), "unit", index + 2  # "half a million"
        elif word == "quarter" and not last and following[:1] == ["of"] and words[index + 3 : index + 4] \
                and words[index + 2] in ("a", "an") and words[index + 3] in WORD_SCALES:
            current, last, index = Decimal("0.25"), "unit", index + 3  # "quarter of a million"
        elif word == "and" and following == ["a", "half"] and last in ("unit", "tens"):
            current, index = current + Decimal("0.5"), index + 3  # "two and a half billion"
        elif word == "and" and last == "scale" and following[:1] and following[0] in NUMBER_WORDS:
            index += 1  # "one hundred and five": the "and" alone is not a number yet
            continue
        elif word in NUMBER_WORDS and last != "unit" and not (last == "tens" and NUMBER_WORDS[word] >= 10):
            current += NUMBER_WORDS[word]
            last, index = ("tens" if NUMBER_WORDS[word] >= 20 else "unit"), index + 1
        elif word == "hundred" and last in ("unit", "tens"):
            current, last, index = current * 100, "scale", index + 1
        elif word in WORD_SCALES and word != "hundred" and last:
            total += (current or ONE) * WORD_SCALES[word]
            current, last, index = Decimal(0), "scale", index + 1
        else:
            break
        used = index
    return total + current, used


def step_of_value(value: Decimal) -> Decimal:
    """Return the magnitude of the last significant digit of ``value``."""
    if value == 0:
        return ONE
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


def read_cjk_numeral(numeral: str) -> Decimal | None:
    """Return the value of Chinese numerals such as 三千二百万 or 一亿二千万, written digit by digit ("七二二四萬"
    72,240,000) or with a decimal point ("二點四億" 240,000,000). Digits run together before 十, 百 or 千
    ("二三十", twenty or thirty) are vague: None."""
    point = max(numeral.find("點"), numeral.find("点"))
    if point > 0:
        return _read_cjk_decimal(numeral[:point], numeral[point + 1 :])
    total, section, digit, run = 0, 0, 0, 0
    for char in numeral:
        if char in CJK_DIGITS:
            digit, run = (digit * 10 if run else 0) + CJK_DIGITS[char], run + 1
            continue
        if char in CJK_UNITS:
            if run > 1:
                return None
            section += (digit or 1) * CJK_UNITS[char]
            digit = 0
        elif char in CJK_BIG:
            big = CJK_BIG[char]
            if big == 10**8:
                total = (total + section + digit) * big
            else:
                total += (section + digit) * big
            section = digit = 0
        else:
            return None
        run = 0
    return Decimal(total + section + digit)


def _read_cjk_decimal(whole: str, rest: str) -> Decimal | None:
    """Return the value of "二點四億": the whole part, the decimal digits, then the scale characters after them."""
    digits = rest.rstrip("万萬亿億")
    head = read_cjk_numeral(whole)
    if head is None or not digits or any(char not in CJK_DIGITS for char in digits):
        return None
    value = head + Decimal("0." + "".join(str(CJK_DIGITS[char]) for char in digits))
    for char in rest[len(digits) :]:
        value *= CJK_BIG[char]
    return value
