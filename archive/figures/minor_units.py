"""Minor units of currencies: "30,85 Cent" is 0.3085 EUR, "zece bani" 0.1 RON, "50 копеек" 0.5 RUB.

CLDR (and so Babel) names currencies but not their minor units, so this small table does: each word (in the
forms a number governs) -> the currency it is a hundredth of, and the languages that write it so (None: any).
"cent", "cents" and "ct." name the hundredth of the euro or of the dollar: the currency written in the sentence
("€", "euro", "$", "dollar") tells which, else the language: the dollar in English, the euro elsewhere. French
"cent" is a hundred, never a coin. Words that are a coin in one language and an everyday word in another are
read only in the language of the coin: Serbian "para" (money in Turkish), Croatian "lipa" (a linden tree too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archive.figures.currencies import without_case_ending
from archive.figures.surroundings import LETTER, WS, alternation, window_language
from archive.patterns import LazyPattern

if TYPE_CHECKING:
    from archive.figures.drafts import Draft

CENT = "cent"  # the hundredth of the euro or of the dollar, as the sentence or its language says
KOPECK = "kopeck"  # "коп.", the hundredth of the rouble or of the hryvnia, as the sentence or its language says
_ANY = None
_MINOR_UNITS: dict[str, tuple[str, tuple[str, ...] | None]] = {
    **dict.fromkeys("cent cents ct ct.".split(), (CENT, ("en", "de", "fi", "sr", "ro", "pl", "es", "eu", None))),
    **dict.fromkeys("centa centi centima centów centy cenți eurocent eurocents eurocenta eurocenti".split(),
                    ("EUR", _ANY)),
    **dict.fromkeys("céntimo céntimos centime centimes".split(), ("EUR", _ANY)),
    **dict.fromkeys([prefix + ending for prefix in ("sent", "eurosent")  # Finnish cases: "kolmen eurosentin"
                     for ending in "ti tiä in tiin illä issä istä".split()], ("EUR", _ANY)),
    **dict.fromkeys("pfennig pfennige pfennigen".split(), ("DEM", _ANY)),
    **dict.fromkeys("penny pence pennies".split(), ("GBP", ("en", None))),
    **dict.fromkeys("ban bani".split(), ("RON", ("ro", "eu"))),
    # Russian names the hryvnia's hundredth so too: "на 5 копеек — 20,3420 грн/литр"
    **dict.fromkeys("копейка копейки копеек копейку".split(), (KOPECK, _ANY)),
    "коп.": (KOPECK, _ANY),
    **dict.fromkeys("копійка копійки копійок копійку".split(), ("UAH", _ANY)),
    **dict.fromkeys("тиын tıyn tiyn".split(), ("KZT", _ANY)),
    **dict.fromkeys("grosz grosze groszy".split(), ("PLN", _ANY)),
    **dict.fromkeys("gr gr.".split(), ("PLN", ("pl",))),  # "o 50 gr" in Polish; grams elsewhere
    **dict.fromkeys("kuruş kurus".split(), ("TRY", _ANY)),
    "kr": ("TRY", ("tr",)),  # "75 kr" in Turkish; a crown elsewhere
    **dict.fromkeys("lipa lipe".split(), ("HRK", ("sr",))),
    **dict.fromkeys("para пара".split(), ("RSD", ("sr",))),
    **dict.fromkeys("дени deni".split(), ("MKD", ("mk",))),
}
WORDS = frozenset(word.rstrip(".") for word in _MINOR_UNITS)  # first words, for the cheap test after a number
# Romanian writes "de" before the noun of a number from twenty on: "50 de bani".
_MINOR_WORD = LazyPattern(rf"{WS}?(?P<de>de{WS})?(?P<word>(?i:{alternation(_MINOR_UNITS)}))(?P<ending>{LETTER}*)")
_EURO = LazyPattern(r"€|(?i:euro|eur(?![a-z]))")
_DOLLAR = LazyPattern(r"\$|(?i:dollar|dólar|долар)")
_SENTENCE_END = LazyPattern(r"[.!?。]\s")


def read_minor_unit(text: str, pos: int) -> tuple[str, int] | None:
    """Return the currency whose hundredth is named right after ``pos`` ("Cent", "bani", "копеек") and where its
    name ends, else None."""
    found = _MINOR_WORD.match(text, pos)
    if found is None and text[pos : pos + 1] in "-‑":
        found = _MINOR_WORD.match(text, pos + 1)  # inside a compound: "3-Cent-Marke", "50-Cent-Stück"
        if found is not None and text[found.end() : found.end() + 1] not in "-‑":
            return None
    if found is None:
        return None
    word = found.group("word").lower()
    if found.group("ending"):
        # Turkish and Kazakh endings ("kuruşa", "kuruştan"); any other letters make another word ("Centre")
        whole = word + found.group("ending").lower()
        if word not in without_case_ending(whole) or word.endswith("."):
            return None
    code, languages = _MINOR_UNITS[word]
    language = window_language(text, pos, found.end())
    if languages is not None and language not in languages:
        return None
    if found.group("de") and language not in ("ro", "eu"):
        return None
    if code == CENT:
        code = _cent_currency(text, pos, language)
    elif code == KOPECK:
        code = _kopeck_currency(text, pos, language)
    return code, found.end()


def _cent_currency(text: str, pos: int, language: str | None) -> str:
    """Return EUR or USD for a cent: that of the sentence's currency, else of its language."""
    sentence = _sentence_around(text, pos)
    euro, dollar = _EURO.search(sentence), _DOLLAR.search(sentence)
    if euro and not dollar:
        return "EUR"
    if dollar and not euro:
        return "USD"
    return "USD" if language in ("en", None) else "EUR"  # None: too few words to tell, English's spelling


_HRYVNIA = LazyPattern(r"(?i:грн|гривн|гривень|UAH|₴)")
_ROUBLE = LazyPattern(r"(?i:руб|RUB|₽)")


def _kopeck_currency(text: str, pos: int, language: str | None) -> str:
    """Return UAH or RUB for "коп." or "копеек": that of the sentence's currency, else of the text around (the dot of
    "коп." may end the sentence before its price: "на 10-11 коп. - до 10,69 грн./л"), else of its language
    (Ukrainian: UAH)."""
    for around in (_sentence_around(text, pos), text[max(0, pos - 300) : pos + 300]):
        hryvnia, rouble = _HRYVNIA.search(around), _ROUBLE.search(around)
        if hryvnia and not rouble:
            return "UAH"
        if rouble and not hryvnia:
            return "RUB"
    return "UAH" if language == "uk" else "RUB"


def _sentence_around(text: str, pos: int) -> str:
    """Return the sentence around ``pos`` (at most 300 characters either side)."""
    start = max((end.end() for end in _SENTENCE_END.finditer(text, max(0, pos - 300), pos)), default=max(0, pos - 300))
    end = _SENTENCE_END.search(text, pos)
    return text[start : end.start() if end else pos + 300]


# Between an amount and its hundredths: a space, or "and" ("... pięć zł i sześćdziesiąt dziewięć groszy").
_MAJOR_MINOR_GAP = LazyPattern(r"[ \u00a0](?:(?:i|и|і|ve|și|şi|si|und|and|et|y|ja|e|a)[ \u00a0])?")


def join_major_and_minor(text: str, drafts: list) -> list:
    """Return ``drafts`` with each amount written in a currency and its hundredths joined into one: "15 теңге 90
    тиын" is 15.90 KZT, as "5 ton 803 kilogram" is one weight; only a whole amount with no scale, a space (or a
    space, "and" and a space) apart from fewer than a hundred of its own currency's hundredths; a composite read
    down to its units is whole too ("on yedi milyon ... kırk iki lira yetmiş beş kuruş")."""
    joined: list = []
    for draft in drafts:
        major = joined[-1] if joined else None
        if major is not None and draft.minor and draft.unit == major.unit and not major.minor \
                and (not major.has_scale or (major.lead_scale is not None and major.scale == 1)) \
                and not major.unit_inferred and major.step >= 1 \
                and _MAJOR_MINOR_GAP.fullmatch(text, major.end, draft.start) and draft.mantissa * draft.scale < 1:
            major.mantissa = major.mantissa * major.scale + draft.mantissa * draft.scale
            major.scale, major.step, major.end = type(major.scale)(1), draft.step * draft.scale, draft.end
            continue
        if major is not None and _hundredths_left_unnamed(text, major, draft):
            major.mantissa, major.step, major.end = major.mantissa + draft.mantissa / 100, major.step / 100, draft.end
            continue
        joined.append(draft)
    return joined


# Two digits right after an amount whose currency word follows its number: the hundredths, their coin left
# unnamed ("18 Euro 36 pro Monat", "2 euros 50 le ticket", "5 złotych 20 za litr"). Only a punctuation mark, the
# text's end or a small word (a preposition, an article, a conjunction) may follow them: a noun would be what they
# count ("200 Euro 30 Tage lang", "30 рублей 40 минут").
_UNNAMED_HUNDREDTHS = LazyPattern(
    rf"[ \u00a0]\d\d(?:\s*(?:[,;:!?)]|\.(?!\d)|$)|[ \u00a0](?:pro|je|zur|zum|für|im|am|und|oder|pour|par|le|la|les|et|"
    rf"ou|depuis|por|el|al|y|o|za|od|na|w|do|i|a|lub|oraz|за|на|в|во|от|од|до|и|или|і|та|per|and|or|for|the|ve|"
    rf"ile|için|ja|tai|pe|și|şi|sau|din)(?!{LETTER}))"
)


def _hundredths_left_unnamed(text: str, major: Draft, draft: Draft) -> bool:
    """Tell whether ``draft`` is the hundredths of the amount ``major`` written without their coin: "17 Euro 50"."""
    return draft.unit is None and not draft.has_scale and not draft.minor and draft.step <= 10 \
        and major.unit is not None and len(major.unit) == 3 and not major.unit_inferred and not major.minor \
        and not major.has_scale and major.step >= 1 and text[major.start : major.start + 1].isdigit() \
        and text[major.end - 1 : major.end].isalpha() and draft.start == major.end + 1 \
        and _UNNAMED_HUNDREDTHS.match(text, major.end) is not None and draft.end == major.end + 3


# British pence glued to the number: "4p on the price of a pint", "went up 50p", "by 7p". A glued "p" is a page
# ("see 5p") or a sign elsewhere, so it is read only in English and only in a sentence that speaks of a price.
_GLUED_PENCE = LazyPattern(rf"p(?!{LETTER}|[\d.,]\d)")
_PRICE_WORDS = LazyPattern(r"(?i:\b(?:price|prices|pric(?:ed|ing)|cost|costs|duty|duties|tax|taxes|vat|pint|bottle|"
                           r"packet|pack|pouch|gallon|litre|liter|fare|fares|dearer|cheaper|rise|rises|rose|risen|"
                           r"increase|increases|increased|went up|go up|goes up|pay|paid|revenue)\b|£)")


def read_glued_pence(text: str, pos: int) -> tuple[str, int] | None:
    """Return ("GBP", end) for pence glued to the number ending at ``pos`` ("12p on a bottle"), else None."""
    found = _GLUED_PENCE.match(text, pos)
    if found is None or window_language(text, pos, found.end()) != "en":
        return None
    if not _PRICE_WORDS.search(_sentence_around(text, pos)):
        return None
    return "GBP", found.end()
