"""A thousand alone after "per", before what it counts: excise is set per thousand cigarettes ("960 рублей за
тысячу сигарет", "на тисуću cigareta", "la mia de ţigarete", "за 1 тысячу штук"): each is the figure 1000, a count.
Before a currency the thousand is money, which the lone scale words read ("за тысячу рублей")."""

from __future__ import annotations

from decimal import Decimal

from archive.figures.drafts import Draft
from archive.figures.surroundings import LETTER, WS
from archive.figures.units import Suffix, read_currency_after
from archive.patterns import LazyPattern

_PER_THOUSAND = LazyPattern(
    rf"(?<!{LETTER})(?i:за|с|со|на|la|pentru|per|po|na|za){WS}(?P<count>(?:1{WS})?"
    rf"(?i:тысячу|тысячи|тисячу|тисячі|tisuću|hiljadu|хиљаду|mia|tysiąc))(?={WS}(?:de{WS})?{LETTER})"
)

_STEMS = ("тысяч", "Тысяч", "тисяч", "Тисяч", "tisuć", "Tisuć", "hiljad", "Hiljad", "хиљад", "Хиљад", "mia", "Mia",
          "tysiąc", "Tysiąc")


def drafts_per_thousand(text: str) -> list[Draft]:
    """Return the figure 1000 of each thousand alone after "per" and before what it counts."""
    found: list[Draft] = []
    if not any(stem in text for stem in _STEMS):
        return found  # cheap test first: most texts name no thousand alone
    for per in _PER_THOUSAND.finditer(text):
        suffix = Suffix(end=per.end("count"), has_scale=True, power=3)
        read_currency_after(text, suffix)
        if suffix.unit is not None:
            continue  # "за тысячу рублей": money, read as such
        found.append(Draft(start=per.start("count"), end=per.end("count"), mantissa=Decimal(1000),
                           step=Decimal(1000)))
    return found
