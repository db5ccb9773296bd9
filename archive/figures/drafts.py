"""A figure being assembled (``Draft``), and the marks around figures that several steps of the engine read: where a
sentence ends, what closes an amount, "and", a range's gap, digits grouped in thousands, a year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from archive.figures.context import NO_CONTEXT, Context
from archive.figures.numbers import ONE
from archive.figures.results import Figure
from archive.figures.surroundings import LETTER, WS
from archive.patterns import LazyPattern


# Where a sentence ends, for carrying a currency forward within it (not at "млрд. тенге").
# A full stop before a capital, an opening quote or a dash of speech ("... 100 milijuna eura. „Ako uzmemo",
# "15 miliardów złotych. - My wypłaciliśmy").
# and a cut marked in a quote before a capital: "9,1 milliards d'euros dans le cadre de la campagne (...) En outre".
SENTENCE_BREAK = LazyPattern(r"[!?。！？;]|(?:\.|\(\.\.\.\)|\[\.\.\.\]|\(…\)|…)\s+(?:[-–—]\s+)?(?=[A-ZА-ЯЁІЇЄ«\"“„])|\n")


_TEXT_END = LazyPattern(r"[\s.]*\Z")


# What may follow an amount whose currency is written with a later amount: a conjunction, a copula, a comma, its
# share in parentheses ("917 milyar (% 4,8)").
CLOSES_AN_AMOUNT = LazyPattern(
    rf"{WS}?[,;–—)]|{WS}?\((?=[%٪])|{WS}(?:i|a|ili|и|і|та|або|или|and|or|und|oder|et|ou|y|o|e|ve|veya|și|şi|sau|oraz|lub|ja|tai|sekä|"
    rf"және|jáne|"  # Kazakh "and": "2020 жылы 66 және 2021 жылы 90 теңге"
    rf"je|su|је|су|is|was|ist|est|es|jest|on|е)(?!{LETTER})"
)


# "Even", "as much as" before the upper bound of a range, which stays one: "od 2300 do nawet 2600 zł/t", "s 350 na
# čak 1.500 kuna", "do čak desetak miliona evra", "bis sogar 300 Euro", "до даже 500 рублей".
EVEN = r"(?i:čak|cak|чак|nawet|aż|even|sogar|même|incluso|даже|навіть|chiar)"


# Between the bounds of a range: a dash, "to", and German's hyphen for a word left to the next: "drei- bis
# fünffache" (three to five times); Turkish "ila": "48 ila 50 milyon dolar".
RANGE_GAP = LazyPattern(rf"{WS}?[-–—‒~∼〜～]{WS}?|{WS}{WS}?(?:to|до|do|bis|auf|à|a|hasta|ila){WS}(?:{EVEN}{WS})?|"
                        rf"-{WS}(?:bis|oder|und){WS}")


NOT_MONEY = ("%", "x", "pp")


# Romanian "și" is written with a cedilla too ("între 18 şi 96 de milioane de lei").
AND_GAP = LazyPattern(rf"{WS}(?:and|i|I|y|et|und|и|і|та|және|și|şi|ja|ve|a){WS}")  # "između 400 I 600 eura"


GROUPED = LazyPattern(r"\d(?:[ .,\u00a0\u202f’']|\. )\d{3}")  # digits grouped in thousands ("105. 000": Croatian)


@dataclass
class Draft:
    """A figure being assembled; its value is ``mantissa * scale``."""

    start: int
    end: int
    mantissa: Decimal
    step: Decimal  # magnitude of the last significant digit of the mantissa
    scale: Decimal = ONE
    unit: str | None = None
    approx: str | None = None
    has_scale: bool = False
    qualifier_words: int = 0  # words of the qualifier before the figure, for parse_figure
    unit_inferred: bool = False
    lead_scale: Decimal | None = None  # the scale of the first part of a composite ("1 млрд 428 млн": 10^9)
    range_bound: bool = False  # a word for one kept only as the lower bound of a range of money ("ein bis sieben Cent")
    minor: bool = False  # written in the currency's hundredths ("30,85 Cent"): a bare number taking its currency is too

    def freeze(self, text: str, context: Context = NO_CONTEXT) -> Figure:
        """Return the finished figure, with what its sentence says it is about."""
        return Figure(
            text=text[self.start : self.end],
            start=self.start,
            end=self.end,
            value=float(self.mantissa * self.scale),
            unit=self.unit,
            approx=self.approx,
            precision=float(self.step * self.scale),
            unit_inferred=self.unit_inferred,
            period=context.period,
            direction=context.direction,
            subject=context.subject,
        )


# A year of the twentieth or twenty-first century written in digits.
YEAR = LazyPattern(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def scale_of(draft: Draft) -> Decimal:
    """Return the scale an amount is written in: that of its first part for a composite ("1 млрд 428 млн")."""
    return draft.lead_scale or draft.scale


def ends_a_phrase(text: str, end: int) -> bool:
    """Tell whether nothing follows an amount but a comma, a conjunction, a copula or the end of its sentence:
    an amount of another scale than the money before takes its currency only so ("cinco euros ... 1,5 millones."),
    not when a word follows that may be what it counts ("100 bine yakın kişinin", "6 мыңнан астам объект")."""
    return bool(CLOSES_AN_AMOUNT.match(text, end) or SENTENCE_BREAK.match(text, end) or _TEXT_END.match(text, end))
