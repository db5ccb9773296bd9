"""A thousand alone after "per", before what it counts: excise is set per thousand cigarettes ("960 рублей за
тысячу сигарет", "на тисуću cigareta", "la mia de ţigarete", "за 1 тысячу штук", "pro tausend Einwohner", Finnish
"tuhannelta litralta" in its own case): each is the figure 1000, a count.
Before a currency the thousand is money, which the lone scale words read ("за тысячу рублей")."""

from __future__ import annotations

from decimal import Decimal

from archive.figures.drafts import Draft
from archive.figures.surroundings import LETTER, WS
from archive.figures.units import Suffix, read_currency_after
from archive.patterns import LazyPattern

# The thousand first, its first letter a class sre scans for quickly (a first letter crossed with another word's
# rest makes no word); then "per" and an optional "1" before it.
_THOUSAND = LazyPattern(
    rf"[тТtThHхХmM](?:ысяч[уи]|исяч[уі]|isuću|iljadu|иљаду|ia|ysiąc|ausend|uhannelta)(?={WS}(?:de{WS})?{LETTER})"
)
_PER_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:за|с|со|на|la|pentru|per|po|na|za|pro|je){WS}(?P<one>1{WS})?\Z")
# Finnish says "per" with the ablative case of the thousand itself: "1 429 euroa tuhannelta litralta".
_PER_IN_ITS_CASE = ("tuhannelta", "Tuhannelta")

_STEMS = ("тысяч", "Тысяч", "тисяч", "Тисяч", "tisuć", "Tisuć", "hiljad", "Hiljad", "хиљад", "Хиљад", "mia", "Mia",
          "tysiąc", "Tysiąc", "ausend", "uhannelta")


def drafts_per_thousand(text: str) -> list[Draft]:
    """Return the figure 1000 of each thousand alone after "per" and before what it counts."""
    found: list[Draft] = []
    if not any(stem in text for stem in _STEMS):
        return found  # cheap test first: most texts name no thousand alone
    for word in _THOUSAND.finditer(text):
        if word.start() and text[word.start() - 1].isalpha():
            continue  # inside a word: "Lamia", "Fathia"
        per = _PER_BEFORE.search(text, max(0, word.start() - 10), word.start())
        if per is None and word.group() not in _PER_IN_ITS_CASE:
            continue
        suffix = Suffix(end=word.end(), has_scale=True, power=3)
        read_currency_after(text, suffix)
        if suffix.unit is not None:
            continue  # "за тысячу рублей": money, read as such
        start = per.start("one") if per is not None and per.group("one") else word.start()
        found.append(Draft(start=start, end=word.end(), mantissa=Decimal(1000), step=Decimal(1000)))
    return found
