"""Ranges: the two bounds of "$5-6 million", "između 2 i 3 milijuna", "50 miljoonasta 80 miljoonaan euroon" or
"£174-£184,000" share their scale and currency."""

from __future__ import annotations

from decimal import Decimal

from archive.figures.drafts import AND_GAP, EVEN, GROUPED, NOT_MONEY, RANGE_GAP, Draft
from archive.figures.lists import alike_in_shape, take_currency
from archive.figures.surroundings import LETTER, SPACES, WS, window_language
from archive.figures.units import counts_something
from archive.figures.vocabulary import FROM_CASE_ENDINGS
from archive.patterns import LazyPattern


_AND_THE_GAP = LazyPattern(rf"{WS}(?:and|y|et|und|e)(?:{WS}(?:the|les|los|las|el|la|den|dem)){WS}")  # "y el 3"


_OR_GAP = LazyPattern(rf"{WS}(?:or|ou|o|oder|ili|или|або|lub|albo|veya|sau|tai|или){WS}")


_BETWEEN_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:between|entre|zwischen|između|izmedju|између|между|між|pomiędzy|między|între|"
    rf"intre|välillä)(?:{WS}(?:the|les|los|las|el|la|den|dem))?{WS}$"
)


# and "od 56 do 61 proc." (from ... to), as Polish, Croatian and Serbian write a range; Romanian "de la ... la ..."
_NA_GAP = LazyPattern(rf"{WS}(?:на|na|do|до|la){WS}(?:{EVEN}{WS})?")


# "From" before the lower bound, and at most a word saying it is the present or the former amount: "од сегашните
# 1.500 на 2.000 денари", "sa sadašnjih 700 na 800 eura", "s dosadašnjih 2441 kunu", "de la 3.700 la 4.050 lei",
# Polish and Ukrainian "z 2480 na 2989 zł/t", "з 8 на 10 гривень".
_OD_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?:од|od|s|sa|с|со|de{WS}la|z|ze|з|із|зі)(?:{WS}(?i:сегашн|досегашн|садашњ|досадашњ|sadašnj|dosadašnj|"
    rf"sadasnj|dosadasnj|ovogodišnj|prošlogodišnj|lanjsk|ovogodisnj|proslogodisnj|овогодишњ|прошлогодишњ|"
    rf"овогодишн|минатогодишн){LETTER}*)?{WS}$"
)


AGGLUTINATIVE_LANGUAGES = ("fi", "tr", "kk")  # whose case endings say "from" ("50 miljoonasta"), not "Millionen"


def _between_range(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two figures make a range written "between ... and ...": "između 10 i 15 miliona evra",
    "between 10 and 15 million", "entre 10 et 15 millions d'euros", "entre el 2,5 y el 3 por ciento"."""
    gap = AND_GAP.fullmatch(text, lower.end, upper.start) or _AND_THE_GAP.fullmatch(text, lower.end, upper.start)
    return gap is not None \
        and bool(_BETWEEN_BEFORE.search(text, max(0, lower.start - 20), lower.start))


def _grouped_alternatives(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two amounts grouped in thousands and written alike are alternatives parted by a slash, the
    currency written once after the second: "oko 20.000/25.000 KM" (never "1/2" or a date: both are grouped)."""
    return text[lower.end : upper.start] == "/" and alike_in_shape(lower, upper) \
        and GROUPED.search(text, lower.start, lower.end) is not None \
        and GROUPED.search(text, upper.start, upper.end) is not None


def _from_na_range(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two figures make a range written "од ... на ..." (from ... to), as Macedonian, Serbian,
    Croatian and Romanian write a change: "се зголемени од 1,2 на 2,7 отсто", "de la 3.700 la 4.050 lei"."""
    return bool(_NA_GAP.fullmatch(text, lower.end, upper.start)) \
        and bool(_OD_BEFORE.search(text, max(0, lower.start - 24), lower.start))


# The verb of the change between the bounds: "од 65 скокна на 70 денари", "од 30 се зголемуваат на 35 денари".
# The verb is one of rising or falling (a noun between, "од 30 години на 35", counts the lower bound instead).
_VERB_NA_GAP = LazyPattern(
    rf"{WS}(?:(?:се|ќе|ће|se|će){WS})?(?:скок|порас|зголем|намал|пад|поскап|поевтин|нарас|скоч|повећ|смањ|"
    rf"поскуп|појефтин|skoč|skok|poras|poveć|povec|smanj|pal|poskup|pojeftin|naras)[a-zа-яčćšžđѓќљњџѕј]*{WS}"
    rf"(?:на|na|do|до){WS}"
)


def _from_verb_na_range(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether a bare number and an amount of money, "од" before the first and a verb of change and "на"
    between, make a change in Macedonian, Serbian or Croatian: "која од 65 скокна на 70 денари" (65 to 70 MKD),
    "од 25 денари се зголемува на 30"."""
    bare, money = (lower, upper) if lower.unit is None else (upper, lower)
    return bare.unit is None and not bare.has_scale and money.unit is not None and money.unit not in NOT_MONEY \
        and not counts_something(text, bare.end) \
        and bool(_VERB_NA_GAP.fullmatch(text, lower.end, upper.start)) \
        and bool(_OD_BEFORE.search(text, max(0, lower.start - 24), lower.start))


def _from_case_range(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two figures make a range by the case of the first, as Finnish, Turkish and Kazakh write
    "from ... to": "50 miljoonasta 80 miljoonaan euroon", "5 milyondan 8 milyona", "5 млрд-тан 8 млрд-қа"; Kazakh
    may leave the ending of bare digits outside the figure: "54-тен 70 процентіне" (from 54 to 70 percent)."""
    if _KAZAKH_FROM_GAP.fullmatch(text, lower.end, upper.start):
        return window_language(text, lower.start, upper.end) == "kk" \
            or bool(_KAZAKH_LATIN_LETTERS.search(text, max(0, lower.start - 120), upper.end + 120))
    return text[lower.end : upper.start] in SPACES and text.endswith(FROM_CASE_ENDINGS, lower.start, lower.end) \
        and window_language(text, lower.start, upper.end) in (*AGGLUTINATIVE_LANGUAGES, "eu", None)


# Letters of Kazakh's Latin script that Turkish has not (the window reads that script as Turkish).
_KAZAKH_LATIN_LETTERS = LazyPattern("[áǵńóúýÁǴŃÓÚÝ]")
# (the Latin script of 2021 may write the ending apart: "14 544 ten 222 473 teńgege")
_KAZAKH_FROM_GAP = LazyPattern(rf"(?:[-‑](?:тен|ден|нен|тан|дан|нан)|{WS}(?:ten|den|nen|tan|dan|nan)){WS}")


def _spelled_alternatives(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two numbers written in words share the scale the second ends with: "deux ou trois cents",
    "entre dix et vingt mille euros", "between five and six thousand"."""
    return text[lower.start : lower.start + 1].isalpha() and text[upper.start : upper.start + 1].isalpha() \
        and lower.mantissa * lower.scale < upper.mantissa * upper.scale \
        and bool(AND_GAP.fullmatch(text, lower.end, upper.start) or _OR_GAP.fullmatch(text, lower.end, upper.start))


def _take_spelled_scale(lower: Draft, upper: Draft) -> None:
    """Give the lower number the largest scale (hundred, thousand, million, billion) the upper one is a whole
    multiple of and the lower one stays under: "dix" of "dix et vingt mille" is 10,000, "deux" of "deux ou trois
    cents" 200; "cinq" of "cinq ou six" stays 5."""
    upper_value = upper.mantissa * upper.scale
    if lower.mantissa * 100 > upper_value:
        return
    for power in (9, 6, 3, 2):
        scale = Decimal(10) ** power
        if upper_value % scale == 0 and lower.mantissa * scale <= upper_value:
            lower.mantissa, lower.step = lower.mantissa * scale, lower.step * scale
            return


_THOUSAND_OF_ZEROS = LazyPattern(r"\d{1,3}[,.\u00a0\u202f ]000\Z")


def _thousands_left_out(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether the lower bound of a range of money written in whole thousands leaves its thousand out: "£174-
    £184,000" (174,000 to 184,000 GBP), "170-180 000 euros". The upper bound is money, the lower of its currency or
    of none, whole with no grouping, and
    a thousand times it is the upper bound's order but below it ("£5-£10,000" stays 5 to 10,000: half of it)."""
    if upper.unit in (None, *NOT_MONEY) or lower.unit not in (None, upper.unit) or lower.has_scale or upper.has_scale \
            or lower.step < 1 or lower.minor or upper.minor:
        return False
    digits = text[lower.start : lower.end]
    if GROUPED.search(digits) or not _THOUSAND_OF_ZEROS.search(text, upper.start, _digits_end(text, upper)):
        return False
    return upper.mantissa / 2 < lower.mantissa * 1000 < upper.mantissa


def _digits_end(text: str, draft: Draft) -> int:
    """Return where the last digit of a figure's span ends ("£184,000": after the last 0)."""
    end = draft.end
    while end > draft.start and not text[end - 1].isdigit():
        end -= 1
    return end


# "To" and the qualifier of the upper bound, which its figure leaves out: "z 8,5 do ponad 8,9 tys. zł".
_TO_A_QUALIFIER = LazyPattern(rf"{WS}(?:to|до|do|bis|à|hasta){WS}{LETTER}+\.?{WS}")


def _to_a_qualified_bound(text: str, lower: Draft, upper: Draft) -> bool:
    """Tell whether two figures make a range whose upper bound has a qualifier of its own ("ponad", "около")."""
    return upper.approx is not None and bool(_TO_A_QUALIFIER.fullmatch(text, lower.end, upper.start))


# "Instead of" between a new amount and the one it replaces, the currency written once after the second: "Zehn
# statt bisher fünf Euro", "30 statt bisher 25 Euro", "15 instead of 10 euros", "20 au lieu de 15 euros", "12 en
# lugar de 9 euros", "40 zamiast 30 złotych".
_INSTEAD_OF_GAP = LazyPattern(
    rf"{WS}(?:statt|anstatt|anstelle{WS}von|instead{WS}of|rather{WS}than|au{WS}lieu{WS}de|en{WS}lugar{WS}de|"
    rf"en{WS}vez{WS}de|zamiast|umjesto|уместо|вместо|замість|în{WS}loc{WS}de)"
    rf"(?:{WS}(?:bisher|wie{WS}bisher|früher|zuvor|the|des|los|las|dosadašnjih|ранее|раніше))?{WS}")


def share_across_ranges(text: str, drafts: list[Draft]) -> None:
    """Give "$5-6 million" the scale and unit of its upper bound and the currency of its lower bound."""
    for lower, upper in zip(drafts, drafts[1:]):
        if not (RANGE_GAP.fullmatch(text, lower.end, upper.start) or _from_case_range(text, lower, upper)
                or _to_a_qualified_bound(text, lower, upper)
                or _between_range(text, lower, upper) or _from_na_range(text, lower, upper)
                or _from_verb_na_range(text, lower, upper) or _INSTEAD_OF_GAP.fullmatch(text, lower.end, upper.start)) \
                and not _spelled_alternatives(text, lower, upper):
            continue
        if lower.unit and upper.unit and lower.unit != upper.unit:
            continue  # "rose 3.5 percent to $27.2 billion": two figures of their own
        if lower.unit in NOT_MONEY and upper.unit != lower.unit:
            continue  # "progressé de 5,9 % à 6,7 milliards": a rate, then an amount
        # "from 150 to 2 million" is not 150 million: a lower bound takes the scale when it is below the upper
        # bound, or above it by less than double ("von 91,5 auf 89,4 Millionen Tonnen", a fall)
        if upper.has_scale and not lower.has_scale and lower.mantissa < 2 * upper.mantissa:
            lower.scale, lower.has_scale = upper.scale, True
        elif _thousands_left_out(text, lower, upper):
            lower.mantissa *= 1000  # "£174-£184,000": the lower bound leaves its thousand to the upper one
        elif not lower.has_scale and _spelled_alternatives(text, lower, upper):
            _take_spelled_scale(lower, upper)
        if lower.unit is None:
            take_currency(lower, upper)
        elif upper.unit is None and lower.unit not in NOT_MONEY and not counts_something(text, upper.end):
            take_currency(upper, lower)  # not "multa de 61,28 millones de euros a doce empresas": "a" is "to" them
    _share_back_along_chained_ranges(text, drafts)


# A dash between two bare numbers: the first range of "з 8-10 до 15 гривень".
_DASH_GAP = LazyPattern(rf"{WS}?[-–]{WS}?")


def _share_back_along_chained_ranges(text: str, drafts: list[Draft]) -> None:
    """Give the lower bound of a dashed range the currency its upper bound took from a range after it: "підняли з
    8-10 до 15 гривень" (8 to 10 UAH, to 15 UAH; the pairs are read left to right, so the first bound is left), and
    the first of two alternatives grouped in thousands parted by a slash the currency of the second ("oko
    20.000/25.000 KM")."""
    for lower, upper in reversed(list(zip(drafts, drafts[1:]))):
        if lower.unit is None and upper.unit not in (None, *NOT_MONEY) and _grouped_alternatives(text, lower, upper):
            take_currency(lower, upper)  # "oko 20.000/25.000 KM"
        elif lower.unit is None and not lower.has_scale and not upper.has_scale and upper.unit_inferred is False \
                and upper.unit not in (None, *NOT_MONEY) and not upper.minor \
                and _DASH_GAP.fullmatch(text, lower.end, upper.start) and lower.mantissa < upper.mantissa \
                and text[upper.end : upper.end + 1] == " " and RANGE_GAP.match(text, upper.end):
            take_currency(lower, upper)


# A lower bound written with a currency sign and a dash right before a number: "£10-" of "£10-15k".
_SIGNED_LOWER_BOUND = LazyPattern(r"[£$€][ \u00a0]?\d[\d.,]*[ \u00a0]?[-–][ \u00a0]?\Z")


def upper_bound_of_signed_money(text: str, start: int) -> bool:
    """Tell whether a number is the upper bound of a range of money whose lower bound has the currency's sign:
    there a letter after it is a scale, as after a sign ("£10-15k": 10,000 to 15,000 GBP)."""
    return _SIGNED_LOWER_BOUND.search(text, max(0, start - 20), start) is not None
