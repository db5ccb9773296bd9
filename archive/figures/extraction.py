"""Find the figures of a text: ``extract`` and ``parse_figure``, and the ``Figure`` they return.

What a figure is. A number written with digits (or in words, in any of our languages, or as Chinese numerals),
with what belongs to it: a currency before or after ("$5", "5 $", "USD 5", "5 долари", "123万美元"), a scale
word ("1.23 million", "12.9bn", "5 млн", "5 Mio.", "1亿2000万"), a percent sign or word ("12,5 %",
"12.5 percent", "12,5 процента") or a multiple ("70 times", "70-fold", "в 70 раз", "70倍"). ``Figure.unit``
is an ISO 4217 code for money, "%" for percentages, "x" for multiples and None for plain counts (measures
such as "5 km" are plain counts too). Number words make figures ("twelve", "half a million", "zehn Millionen
Euro", "три пати", "두 배", and nouns of a round number, about it: "une cinquantaine"; ``number_words`` says
which are read how), except a word for one without a scale
after it ("one of them", "no one", "ein Mann", "za jedan evro"), and a fraction's numerator ("deux tiers").
Chinese numerals make figures when they hold 十/百/千/万/亿, carry a currency or 百分之 ("三千万美元",
"百分之十二") or count with a counter ("八个", "三人"), not in words like 统一, 万一 or 一个; after a qualifier a bare
百, 千 or 万 is one of them ("超百瓶", "近千万"), and a number before 级 counts the list of levels before it
("中央、省、市、区四级").

Ranges (``ranges``). "$5-6 million" and "12-15%" are two figures; the lower bound, which carries no scale or unit of
its own, takes the upper bound's scale (when its number is less than double the upper's: "from 150 to 2
million" keeps 150, "von 91,5 auf 89,4 Millionen" is a fall of millions) and unit, and an upper bound
without unit takes the lower bound's currency: "$5" -> 5,000,000 USD and "6 million" -> 6,000,000 USD. The
same holds with "to", "до", "bis", "auf", "à", "a", "hasta" or a tilde ("3000억∼5000억 원") between them
("from 5 to 6 million people"), with "and" after "between" ("između 10 i 15 miliona evra", "entre 20 000 et
80 000 euros"), or with the lower bound in the case that says "from" ("50 miljoonasta 80 miljoonaan euroon",
"5 milyondan 8 milyona"), but not from a percentage to an amount ("de 5,9 % à 6,7 milliards"). A lower bound of
money in whole thousands may leave its thousand to the upper one ("£174-£184,000": 174,000 GBP). Two numbers in
words joined by "and" or "or" share the scale the second ends with: "entre dix et vingt mille euros" (10,000 and
20,000 EUR), "between five and six thousand dollars".
"from $47 billion to $8 billion" is two figures anyway, and so is a conversion in parentheses ("$12.9bn
(£10bn)").

Lone scale words. Where a language writes a scale word without "one" before it, the word states the number
alone: "milion złotych", "miljardi euroa", "больше миллиарда рублей" (with a currency after it), and "миллиарда
двухсот миллионов тенге" (1,200,000,000 KZT, with a smaller amount after it). A half before a scale word is half of it
("полумиллиарда рублей", "un demi-milliard d'euros", "medio millón", "puoli miljardia"), and a word of a multiple
is one ("fourfold").

Currency carried within a sentence. An amount with a scale but no currency takes the currency of an earlier
amount of its sentence ("884,3 millones de dólares ... 849,1 millones", "cinco euros ... 1,5 millones") unless
what follows it is counted or measured ("1.23 million hours") or, for an amount of another scale than the
money's, is any word but a conjunction, a copula, "de" and a singular noun that counts nobody, or a year ("100
milyar doları ... 100 bine yakın kişinin"; but "milliards d'euros ... 852,6 millions de redressement", "100
millions d’euros ... les 7,2 milliards en 2023"), or a period it is counted by ("900 millones al año"); never a
measure ("3 millions de m3") nor an amount of the scale of a count left without the currency since the money
("40 bin seyirci ... 30 bin"); a semicolon
parts the items of a list, not the sentence, for an amount of the money's scale ("8,5 millones de euros; Ferroser,
con 5,7 millones;"); or it takes
the currency of the next amount of the same scale when a conjunction, a copula or a comma closes it ("od 2.414
milijardi i ... 2.751 milijardu dinara"). A bare number before a comma takes the scale and currency of the next
amount when the word before it is repeated before that amount ("bazı ürünlerde 20, bazı ürünlerde de 50 bin
dolar": 20,000 USD). Each is marked ``unit_inferred``. A bare number written like the amount right after it takes
that amount's currency and scale when the two make a pair ("500 y 785 euros", "533.000 y 191.000 millones de
euros") or a part of its whole ("3,8 од вкупно 17,3 милиони евра"); a bare number closing a clause that leaves the
noun out takes the currency of the amount it is contrasted with ("најјефтинија ... 280 динара, а најскупља 560",
or, with its scale, compared with after a definite article: "221 millones de euros, respecto a los 155",
marked ``unit_inferred``). A currency written once for a list (``lists``): bare numbers alone in their
parentheses, written as an earlier amount alone in its own ("Luksemburgu (83.000 eura), a slijede Danska (71.600)")
or after a label as an earlier amount after its own ("(HDZ, 4703 eura), ... (HDZ, 4581)"),
a decimal before "and", one word and a price with as many decimals ("18,4 ja Vantaalla 18,1 euroa"), and a decimal
"by ... more" after a price with as many decimals ("12,92 zł ... o 1,27 więcej") take its currency, marked
``unit_inferred``.

Percent named by the sentence. A bare decimal up to 100 after the noun of a percentage and a copula or a verb of
change is a percentage ("el porcentaje bajó a 79,39"), and so are the decimals listed after it in its sentence.

Multiples in words. ``multiplying`` reads the verbs and phrases of a multiple ("doubled", "multiplié par dix",
"el doble", "halved") and tells "twice a year" (a count of occasions) from a multiple.

Speed. The big candidate pattern is tried only where a digit, "+", "(" or a Chinese numeral starts, and
the costly look-ups after a number only when its next word or character could begin something we read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from archive.figures.carrying import take_currency_of_a_price_now_or_before, take_currency_of_a_table_heading
from archive.figures.carrying import (HARD_BREAK, MORE_OR_LESS_AFTER, carry_currency_back, carry_currency_forward,
                                     share_across_dated_items, share_across_parallel_phrases)
from archive.figures.carrying import (carry_currency_to_bare_amounts, carry_scale_into_parentheses,
                                     share_across_items_led_by_years)
from archive.figures.compound_numbers import find_compound_numbers
from archive.figures.context import contexts
from archive.figures.drafts import AND_GAP, CLOSES_AN_AMOUNT, GROUPED, NOT_MONEY, RANGE_GAP, SENTENCE_BREAK, YEAR, Draft, ends_a_phrase
from archive.figures.elided_hundreds import drafts_of_elided_hundreds
from archive.figures.exclusions import (NEVER_FIGURES, counted_after_a_designation, counts_cjk_years,
                                        counts_the_list_before,
                                        end_of_code, end_of_phone_number, end_of_reference_chain, glued_model_suffix,
                                        glued_to_word_before,
                                        is_cjk_ordinal_or_date, is_not_a_figure, is_phone_number, is_quoted_slogan,
                                        is_ratio_denominator, is_reference, names_a_fraction, names_a_model,
                                        names_a_price_year, names_a_star_class)
from archive.figures.lists import (bare_rate, next_in_a_list, share_currency_across_pairs,
                                   share_currency_across_parallel_decimals, share_currency_across_parenthesized_items,
                                   share_currency_compared_with_an_elided_noun, share_currency_with_an_elided_noun,
                                   share_currency_across_times_items, share_percent_across_lists,
                                   share_percent_into_a_compared_aside)
from archive.figures.look_alikes import with_look_alikes_read
from archive.figures.lists import (share_currency_across_named_items,
                                   share_currency_back_across_contrasted_prices, share_percent_forward_across_lists,
                                   share_scale_and_currency_with_a_share_per_item, share_scale_and_currency_with_another,
                                   take_percent_of_a_rate_named_again, share_currency_back_between_amounts_in_words)
from archive.figures.lists import share_currency_across_places
from archive.figures.lists import share_currency_across_cjk_pairs
from archive.figures.lists import share_percent_across_parenthesized_items, share_unit_back_across_places
from archive.figures.exclusions import inside_a_book_title, is_korean_article
from archive.figures.exclusions import names_an_hour
from archive.figures.measures import join_two_unit_measures
from archive.figures.minor_units import join_major_and_minor
from archive.figures.per_thousand import drafts_per_thousand
from archive.figures.multiplying import find_times_words, occurrences
from archive.figures.multiplying import (counts_occasions, divide_smaller_multiples, find_multiplying_verbs, multiplied_by,
                                         preposition_alone)
from archive.figures.number_words import WordNumber, find_number_words, is_number_word
from archive.figures.numbers import ONE, POWERS_OF_TEN, convention, read_cjk_numeral, read_digits, step_of_value
from archive.figures.ranges import share_across_ranges, upper_bound_of_signed_money
from archive.figures.result_lines import sign_in_parentheses, signed_changes
from archive.figures.results import Figure
from archive.figures.surroundings import (HANGUL, KANA, LETTER, SPACES, WS, alternation, lowered, single_spaced,
                                          tokens_before, window_language)
from archive.figures.units import (CJK_SCALE, MULTIPLE, PER_MILLE_BEFORE, Suffix, article_end, billion_power,
                                   currency_before, find_multiplying_words, letter_scale_allowed,
                                   percent_before,
                                   qualifier_before, read_currency_after, read_half_after, read_qualifier_after,
                                   read_suffix)
from archive.figures.vocabulary import (KOREAN_COUNTERS, CJK_BIG, CJK_COUNTERS, CJK_CURRENCIES, CJK_DIGITS, CJK_LEVEL_COUNTERS, CJK_ROUND_NUMBERS_AFTER,
                                        CJK_SCALES, CJK_UNITS, HALVES_BEFORE_SCALE,
                                        FRENCH_LONE_SCALE_ARTICLES, LONE_SCALE_WORDS, SCALE_WORDS, VAGUE_MULTITUDES)
from archive.figures.vocabulary import GERMAN_SPAN_ENDINGS, HALF_OF_A_UNIT_WORDS, HOUR_WORDS
from archive.figures.vocabulary import MONTHS
from archive.figures.surroundings import next_word
from archive.figures.units import counts_something
from archive.patterns import LazyPattern

_GROUP_SEPARATORS = ",.'’" + SPACES
_CANDIDATE = LazyPattern(
    rf"""
    (?P<skip>{NEVER_FIGURES}    )
  | (?P<num>(?<!\d)(?<!\d[.,])
        (?:\d{{1,3}}(?P<sep>[{_GROUP_SEPARATORS}])\d{{3}}(?!\d)(?:(?P=sep)\d{{3}}(?!\d))*(?:(?!(?P=sep))[.,]\d+)?
          | \d{{1,3}}\.\x20\d{{3}}(?!\d|[.,]\d)  # Croatian "105. 000 eura": a grouping dot with a space after it
          | \d+・\d+(?=[倍%％億万兆]|パーセント)  # Japanese "2・2倍", "１１０・１億円": a decimal point before a
                                                  # multiple, a rate or a scale
          | \d+(?:[.,]\d+)?)
    )
  | (?P<cjk>(?:百分之)?[零〇一二两兩三四五六七八九十百千万萬亿億]+(?:[點点][零〇一二三四五六七八九]+[万萬亿億]*)?)
    """,
    re.VERBOSE,
)

# Where a candidate can begin: sre scans for a character class quickly, but not for a large alternation.
_CANDIDATE_START = LazyPattern(r"[\d+(零〇一二两兩三四五六七八九十百千万萬亿億]")  # 千 and 万 for "近千人", 億 for "億元"

_KOREAN_LEAD_PLACES = {"천": 3, "백": 2}
_KOREAN_BIG_SCALE = LazyPattern(r"[만억조]")
_ARTICLE_OF_A_RANK = LazyPattern(rf"(?<!{LETTER})(?i:el|al){WS}$")
_RANK_NOUN = LazyPattern(rf"(?<!{LETTER})(?i:puesto)(?!{LETTER})")
_ARTICLE_NOUN = LazyPattern(rf"(?<!{LETTER})(?i:artículos?)(?!{LETTER})")
_ARTICLE_LEFT_OUT = LazyPattern(rf"(?<!{LETTER})(?i:el|al|y|y{WS}el){WS}$")
_OF_A_LAW = LazyPattern(rf"{WS}(?:del|de{WS}la)(?!{LETTER})")
_FRENCH_ORDINAL_REST = LazyPattern(rf"[-‑]{LETTER}*ièmes?(?!{LETTER})")  # "vingt-neuvième": an ordinal
_JAPANESE_ZERO = LazyPattern(r"ゼロ(?=[件人個台回隻機社名本])")
# A Korean scale alone with "여" (over) before a counter: "천여 건" (over a thousand cases), "백여 명"; without "여"
# the syllable is as often a word of its own (천, cloth; 백, white).
_KOREAN_LONE_SCALE = LazyPattern(rf"(?<![가-힣\d])(?P<scale>[백천만])여 ?(?={alternation(KOREAN_COUNTERS)})")
# "dinar i po", "денар и половина": a currency's name and a half
_AND_A_HALF = LazyPattern(rf"{WS}(?:i|и){WS}(?:po|по|половина)(?!{LETTER})")
_CURRENCY_AND_A_HALF = LazyPattern(
    rf"(?<!{LETTER})(?P<name>{LETTER}+){WS}(?:i|и){WS}(?:po|по|половина)(?!{LETTER})"
)
# A half before a currency's name: "за половина денар", "pola dinara" (0.5 of it)
_HALF_PIECES = ("половина", "Половина", "pola", "Pola", "пола", "Пола")
_HALF_OF_A_CURRENCY = LazyPattern(rf"(?<!{LETTER})(?i:половина|pola|пола)(?={WS}{LETTER})")
# The noun of a percentage, a few words of its own, and a copula or a verb of change with its preposition: "el
# porcentaje bajó a 79,39", "los porcentajes fueron de 72,37", "тој процент бил 11,41".
_PERCENT_NAMED_BEFORE = LazyPattern(
    rf"(?:(?<!{LETTER})(?i:процент(?:от)?|проценат|percentages?|postotak|procenat|odsetek|porcentajes?|pourcentages?|"
    rf"prozentsatz|prosenttiosuus)|(?:(?<!{LETTER})Q|[a-zäöüß]q)uote)(?:{WS}{LETTER}+){{0,2}}"
    rf"{WS}(?i:бил|била|било|изнесува|изнесувал|изнесуваше|износи|iznosi|je|bio|was|is|were|are|wynosi|wynosił|"
    rf"fue|fueron|era|eran|es|son|bajó|subió|cayó|fell|rose|était|est|a{WS}baissé|lag|betrug|oli|"
    rf"erhöhte{WS}sich|verringerte{WS}sich|stieg|sank|fiel|kletterte)"
    rf"(?:{WS}(?i:de|a|en|to|at|bei|à|of|на|до|do|auf))?{WS}$"
)
_ENGLISH_AND_A_HALF = LazyPattern(rf"{WS}and{WS}a{WS}half(?!{LETTER})(?!{WS}(?:of|an?|the){WS})")
# "And a half" after a number in words: "в два с половиной раза", "dwanaście i pół tysiąca", "dva i pol milijuna",
# "два и пол месеци".
_AND_A_HALF_AFTER_WORDS = {
    **dict.fromkeys(("ru", "uk"), LazyPattern(rf"{WS}(?:с|з|із){WS}(?:половиной|половиною)(?!{LETTER})")),
    "pl": LazyPattern(rf"{WS}i{WS}pół(?!{LETTER})"),
    "sr": LazyPattern(rf"{WS}i{WS}(?:pol|po)(?!{LETTER})"),
    "mk": LazyPattern(rf"{WS}и{WS}(?:пол|половина)(?!{LETTER})"),  # "за два и пол месеци" (two and a half months)
}
_HUNDREDS_AFTER = LazyPattern(rf"{WS}(?i:сотен|сотни|сотню|сотні|сотень)(?!{LETTER})")
_ABOUT_SUFFIX = LazyPattern(rf"[-‑]ak(?!{LETTER})")  # "30-ak kuna", "30-ak su milijuna kuna"
_DASH_FOR_NO_CENTS = LazyPattern(rf"[.,]-(?={WS})")
# A dashed lower bound whose upper bound is dashed too: "30,- bis 80,- Euro", "100,- do 200,- kn".
_DASHED_RANGE_AHEAD = LazyPattern(rf",-(?:{RANGE_GAP.pattern}|{WS}bis{WS}zu{WS})\d[\d.\u00a0 ]*,-(?={WS})")
# A number's words in parentheses right after it, and the currency after them: "5.000.000 (Beş milyon) TL".
_WORDS_IN_PARENTHESES = LazyPattern(rf"{WS}?\(\Z")
_PARENTHESIS_CLOSED = LazyPattern(rf"\)")
def _by_first_letter(words) -> str:
    """Return a pattern of ``words`` that begins with the class of their first letters, which sre scans for
    quickly (an alternation of words is tried at every position)."""
    rests: dict[str, set[str]] = {}
    for word in words:
        rests.setdefault(word[0], set()).add(word[1:])
    firsts = "".join(first + first.upper() for first in rests)
    return rf"(?=[{firsts}])(?:" + "|".join(
        rf"[{first}{first.upper()}](?i:{alternation(rest)})" for first, rest in rests.items()) + ")"


_JOINED_BY_AND = LazyPattern(rf"{WS}(?:i|и){WS}(?=\d)")
_LONE_SCALE = LazyPattern(rf"{_by_first_letter(LONE_SCALE_WORDS)}(?!{LETTER})")
_HALF_SCALE = LazyPattern(
    rf"(?<!{LETTER}){_by_first_letter(HALVES_BEFORE_SCALE)}"
    rf"(?P<scale>(?i:{alternation(word for word, (power, _) in SCALE_WORDS.items() if power >= 6 and word[-1] != '.')}))"
    rf"(?!{LETTER})"
)


# A line break inside a sentence between a number and the lower-case word after it: a paragraph wrapped at a
# fixed width ("biti skuplji za 11\nkuna", "(38.154.471\neuros acumulados)"); read as a space, the length kept.
_LINE_WRAPPED_AFTER_A_NUMBER = LazyPattern(r"(?<=\d)\n(?=[a-zà-ÿа-яёіїєґčćšžđ])")


def extract(text: str, published: str | None = None) -> list[Figure]:
    """Return the figures written in ``text``, in order of start and not overlapping, each with the context
    its sentence gives it ("last year" read against ``published``, an ISO 8601 date)."""
    read = with_look_alikes_read(text)  # "миллионοв еврο": a Greek "ο" read as the Cyrillic one
    if "\n" in read:
        read = _LINE_WRAPPED_AFTER_A_NUMBER.sub(" ", read)  # "skuplji za 11\nkuna": one line, hard-wrapped
    drafts = _scan(read, query=False)
    if not drafts:
        return []
    found = contexts(read, [(draft.start, draft.end) for draft in drafts], published)
    return [draft.freeze(text, context) for draft, context in zip(drafts, found)]


def parse_figure(query: str) -> Figure | None:
    """Return the one figure that ``query`` consists of ("$1.23 million", "5,9 млн евра"), else None."""
    drafts = _scan(query, query=True)
    if len(drafts) != 1:
        return None
    draft = drafts[0]
    if query[draft.end :].strip() or not _only_qualifier_before(query, draft):
        return None
    return draft.freeze(query)


def _only_qualifier_before(query: str, draft: Draft) -> bool:
    """Tell whether nothing but white space, or the figure's own qualifier, precedes it."""
    before = query[: draft.start].split()
    return len(before) == draft.qualifier_words or (not before and draft.qualifier_words == 0)


def _scan(text: str, query: bool) -> list[Draft]:
    """Return the drafts of every figure in ``text``."""
    drafts: list[Draft] = []
    taken_until = 0
    for match in _candidates(text):
        if match.start() < taken_until or match.lastgroup == "skip":
            continue
        if match.lastgroup == "num":
            draft, taken_until = _draft_from_digits(text, match, query, taken_until)
        else:
            draft = _draft_from_cjk_numeral(text, match)
        if draft is not None:
            drafts.append(draft)
            taken_until = max(taken_until, draft.end)
    drafts.extend(_drafts_from_words(text))
    drafts.extend(Draft(start=start, end=end, mantissa=Decimal(value), step=ONE, unit="x")
                  for start, end, value in find_multiplying_words(text))  # "fourfold"
    drafts.extend(_drafts_from_half_scales(text))  # "полумиллиарда рублей", in a query too
    drafts.extend(_drafts_from_half_percents(text))  # "puoleen prosenttiin"
    drafts.extend(_drafts_from_halves_of_a_unit(text))  # "puoli kiloa", "jarty jyl"
    if "iertelmilli" in text:
        drafts.extend(_drafts_from_german_fraction_scales(text))  # "eine Dreiviertelmillion Euro"
    drafts.extend(_drafts_from_currency_and_a_half(text))  # "dinar i po"
    drafts.extend(Draft(start=start, end=end, mantissa=Decimal(value), step=step_of_value(Decimal(value)), unit=unit)
                  for start, end, value, unit in find_times_words(text))  # "двічі", "пятикратной суммы"
    drafts.extend(_drafts_from_japanese_zero(text))  # "ゼロ件"
    drafts.extend(_drafts_from_korean_lone_scales(text))  # "천여 건"
    drafts.extend(_drafts_from_german_span_adjectives(text))  # "eine nahezu dreijährige Phase"
    drafts.extend(Draft(start=start, end=end, mantissa=Decimal(value), step=ONE)
                  for start, end, value in find_compound_numbers(text))  # "pięcioletni zakaz", "četvorka"
    drafts.extend(Draft(start=start, end=end, mantissa=value, step=step, unit=unit)
                  for start, end, value, step, unit in signed_changes(text))  # "[49.8%, -2.7]": a share's change
    if not query:  # a query "doubled" is a word to search for
        drafts.extend(Draft(start=start, end=end, mantissa=factor, step=step_of_value(factor), unit="x")
                      for start, end, factor in find_multiplying_verbs(text))  # "doubled", "el doble"
    if not query:  # a query "miljoonan dollarin" is words of "1,2 miljoonan dollarin", not a million dollars
        drafts.extend(_drafts_from_lone_scales(text, drafts))
        drafts.extend(drafts_per_thousand(text))  # "за тысячу сигарет": 1000, a count
    drafts.extend(drafts_of_elided_hundreds(text, drafts))  # "шесто до осумстотини денари": 600 to 800
    drafts = _without_elided_ranks(text, _join_spelled_parts(text, _without_overlaps(drafts)))
    drafts = _join_words_and_digit_decimals(text, drafts)  # "treinta y seis,2 millones de euros"
    drafts = _join_digit_scale_parts(text, drafts)  # "1 milion 526 de mii de alegători"
    drafts = join_two_unit_measures(text, drafts)  # "5 ton 803 kilogram"
    drafts = join_major_and_minor(text, drafts)  # "15 теңге 90 тиын"
    if not query and ("ultipli" in text or "omnoż" in text or "ivis" in text or "ivid" in text or "odziel" in text):
        _take_multiplied_by(text, drafts)
    drafts = _join_fractions_of_one(text, drafts)  # "төрттен бір миллиард теңгеден": a quarter of a billion
    share_across_ranges(text, drafts)
    drafts = [draft for draft in drafts if not draft.range_bound or draft.unit is not None  # "ein bis sieben Cent"
              or _bounds_a_count(text, draft, drafts)]  # "penas de prisión de uno a cinco años"
    share_currency_across_pairs(text, drafts)
    share_currency_across_cjk_pairs(text, drafts)
    share_currency_across_times_items(text, drafts)  # "viermal 20, dreimal 50 Euro"
    share_percent_across_lists(text, drafts)
    share_percent_forward_across_lists(text, drafts)  # "за 13,384 отсто, кај дизелот за 36,134"
    _take_percent_named_before(text, drafts)
    share_percent_into_a_compared_aside(text, drafts)  # "auf 6,3 (Februar: 6,2) Prozent"
    take_currency_of_a_table_heading(text, drafts)  # "£ million Tobacco ... 220"
    carry_currency_forward(text, drafts)
    carry_currency_back(text, drafts)
    share_across_parallel_phrases(text, drafts)
    share_across_dated_items(text, drafts)
    share_across_items_led_by_years(text, drafts)  # "1990 dann 66 Euro, im Jahr 2000 schon 71"
    share_currency_across_parenthesized_items(text, drafts)
    take_currency_of_a_price_now_or_before(text, drafts)  # "5 pesetas (130 ahora)"
    share_currency_across_named_items(text, drafts)  # "Caner 2, Serdar 4.75, Kadlec ise 4.5 milyon euroya"
    share_currency_across_parallel_decimals(text, drafts)
    carry_currency_to_bare_amounts(text, drafts)  # last: "Lignje 140 kuna, pišmolji 60, škampi 170"
    carry_scale_into_parentheses(text, drafts)  # "(3,8 millones de kilos), la de Camariñas (1,37)"
    share_currency_across_places(text, drafts)  # "Алматыда 151, Нұр-Сұлтанда 152 теңге"
    share_unit_back_across_places(text, drafts)  # "Turussa 30, Tampereella 25 ja Oulussa 20 prosenttia"
    share_percent_across_parenthesized_items(text, drafts)  # "(79,8 Prozent), die niedrigste im Kreis Harz (58,9)"
    share_currency_with_an_elided_noun(text, drafts)
    share_currency_back_across_contrasted_prices(text, drafts)  # "koštaće 207, dok će benzin biti 180 dinara"
    share_scale_and_currency_with_another(text, drafts)  # "32 млн евро, и может заработать еще пять"
    share_scale_and_currency_with_a_share_per_item(text, drafts)  # "75 tisuća eura mita, 25 po obavljenom poslu"
    take_percent_of_a_rate_named_again(text, drafts)  # "skuplja za osam odsto ... poskupela za osam, a prema"
    share_currency_back_between_amounts_in_words(text, drafts)  # "a billion, maybe two billion dollars"
    share_currency_compared_with_an_elided_noun(text, drafts)  # "221 millones de euros, respecto a los 155"
    _take_currency_after_words_in_parentheses(text, drafts)
    _take_percent_of_signed_changes(text, drafts)
    _old_lira_by_year(text, drafts)
    _take_japanese_minus(text, drafts)
    _take_minus_sign(text, drafts)
    _take_half_after(text, drafts)
    _drop_currencies_of_compounds(text, drafts)  # "двокімнатної - 19 971 грн"
    divide_smaller_multiples(text, drafts)  # "šest puta manja" (1/6 x)
    if "《" in text:
        drafts = [draft for draft in drafts if not inside_a_book_title(text, draft.start, draft.end)]
    return [draft for draft in drafts if not _names_a_calendar_period(text, draft)
            and not _ends_a_katakana_name(text, draft)]


# A katakana word glued before a number with no unit makes one name of them, a product's or a lottery's:
# "年末ジャンボミニ7000万" (the Year-End Jumbo Mini 70 million lottery), "ロト6"; not a sign or a rank's word.
_KATAKANA_BEFORE = LazyPattern(r"[\u30a1-\u30fa\u30fc]{2,}\Z")
_KATAKANA_NOT_NAMES = ("マイナス", "プラス", "トップ", "ベスト", "ワースト", "ポイント")


def _ends_a_katakana_name(text: str, draft: Draft) -> bool:
    """Tell whether a bare number is glued to the katakana word before it, a name's end: "ジャンボミニ7000万"."""
    if draft.unit is not None or not draft.start or not "\u30a1" <= text[draft.start - 1] <= "\u30fc" \
            or "\u4e00" <= text[draft.end : draft.end + 1] <= "\u9fff":
        return False  # "都市ガス4社": a counter after it, a count
    word = _KATAKANA_BEFORE.search(text, max(0, draft.start - 12), draft.start)
    return word is not None and not word.group().endswith(_KATAKANA_NOT_NAMES)


# Calendar periods of a year are dates (bench/figures/LABELLING.md, section 1): "the first seven months", "за 11
# месяцев 2019 года", "првите седум месеци од годинава", "前三個月". "First" and the months, in our languages.
_FIRST_WORDS = (
    "first|первые|первых|перші|перших|првите|prvih|prvi|prve|prva|прва|pierwszych|primele|primelor|ilk|алғашқы|ersten|"
    "premiers|premières|primeros|primeras|ensimmäisen|ensimmäisten"
)
_MONTH_WORDS = (
    r"months?|quarters?|месяц\w*|месец\w*|місяц\w*|mesec\w*|mjesec\w*|miesi\w*|luni|lunilor|ay\w*|ай\w*|"
    r"тоқсан\w*|квартал\w*|Monate\w*|mois|trimestres?|meses|trimestres|kuukau\w*|неделі\w*|недел\w*"
)
_FIRST_BEFORE = LazyPattern(rf"(?i:{_FIRST_WORDS}){WS}\Z")
# "To" and a month after the months: "u sedam mjeseci do srpnja", "in the seven months to July", "за сім місяців до
# серпня": the months of the year up to that one.
_UNTIL_AFTER = LazyPattern(rf"{WS}(?i:do|до|to|until|hasta|jusqu['’]à|bis){WS}")
# "First" after the number, as Spanish and French write it: "los diez primeros meses", "les six premiers mois de
# l'année 2019" (in French with its year only: the older sets label "Sur les six premiers mois" a count).
_FIRST_AFTER = LazyPattern(rf"{WS}(?i:primeros|primeras|premiers|premières)(?!{LETTER})")
_MONTHS_AFTER = LazyPattern(rf"{WS}(?i:{_MONTH_WORDS})(?!{LETTER})")
# After the months, the year they belong to: "2019 года", "of 2019", "од годинава", "din 2024", "this year".
_OF_A_YEAR_AFTER = LazyPattern(
    rf"{WS}(?:(?:of|od|din|из|з|от|de|del|des|vuoden|roku){WS})?(?:(?:19|20)\d\d(?!\d)|годинава|ове{WS}године|"
    rf"ovog{WS}godine|this{WS}year|этого{WS}года|цього{WS}року|bieżącego{WS}roku|acestui{WS}an|"
    rf"поточного{WS}року|текущего{WS}года|tekuće{WS}godine|текуће{WS}године|tego{WS}roku)"
)
_CJK_FIRST_MONTHS = LazyPattern(r"(?:個|个)?(?:月|季度?)")


def _names_a_calendar_period(text: str, draft: Draft) -> bool:
    """Tell whether a bare count names a calendar period of a year: after "first" and before its months ("the
    first seven months", "Алғашқы алты айда", "前三個月"), or before months that the year follows ("за 11 месяцев
    2019 года"). A trailing window ("the last 12 months", "Son 12 aylık") is a duration and stays."""
    if draft.unit is not None or draft.has_scale or draft.mantissa > 12:
        return False
    if text[draft.start - 1 : draft.start] in "前頭头" and draft.start \
            and (CJK_DIGITS.get(text[draft.start : draft.end]) is not None or text[draft.start:draft.end].isdigit()):
        return bool(_CJK_FIRST_MONTHS.match(text, draft.end))
    months = _MONTHS_AFTER.match(text, draft.end)
    if months is None and (first := _FIRST_AFTER.match(text, draft.end)):
        months = _MONTHS_AFTER.match(text, first.end())  # "los diez primeros meses del año pasado"
        return months is not None and (first.group().strip().lower().startswith("primer")
                                       or YEAR.search(text, months.end(), months.end() + 16) is not None)
    if months is None:
        return False
    # "first" before twelve months is no part of a year but a term: "İlk 12 Ay Taahhütlü Aylık Ücret"
    return bool(_FIRST_BEFORE.search(text, max(0, draft.start - 30), draft.start)) and draft.mantissa < 12 \
        or bool(_OF_A_YEAR_AFTER.match(text, months.end())) \
        or _named_a_calendar_period_before(text, draft.start, months.end()) \
        or (until := _UNTIL_AFTER.match(text, months.end())) is not None \
        and next_word(text, until.end() - 1) in MONTHS \
        or bool(_KAZAKH_OF_A_YEAR_BEFORE.search(text, max(0, draft.start - 12), draft.start))


def _named_a_calendar_period_before(text: str, start: int, end: int) -> bool:
    """Tell whether the same count of months was written earlier in the text with its year, so that it names that
    period again: "за четыре месяца 2019 года ... со стороны Словакии за четыре месяца поступило"."""
    earlier = text.find(text[start:end], 0, start)
    return earlier >= 0 and bool(_OF_A_YEAR_AFTER.match(text, earlier + end - start))


# Kazakh names the year before its months, in the genitive: "2023 жылдың 2 айында", "осы жылдың 11 айының".
# and Turkish "of the year": "Yılın 7 aylık döneminde" (in the year's seven-month period, January to July)
_KAZAKH_OF_A_YEAR_BEFORE = LazyPattern(rf"(?<!{LETTER})(?:жылдың|(?i:yılın|yılının)){WS}\Z")


# A half after a count, right after it ("три и по тоне", "tri i po godine"), after its unit word ("4 ani şi
# jumătate", "two years and a half", "deux ans et demi") or glued to a CJK counter of time ("3年半", "2か月半").
_HALF_AFTER_COUNT = LazyPattern(
    rf"{WS}(?:i|и){WS}(?:po|по|pol|pół)(?!{LETTER})"
    rf"|{WS}(?:and{WS}a{WS}half(?!{WS}(?:of|an?|the){WS})|(?:с|з){WS}(?:половиной|половиною))(?!{LETTER})"
    rf"|{WS}(?:жарым|jarym|zharym)(?!{LETTER})"  # Kazakh "and a half" right after: "4 жарым жаста" (four and a half)
    rf"|{WS}{LETTER}+{WS}(?:(?:și|şi){WS}jumătate|and{WS}a{WS}half|et{WS}demie?|y{WS}medi[oa]|i{WS}po|и{WS}по)(?!{LETTER})"
    r"|(?:年|か月|ヶ月|カ月|ヵ月|個月|个月|時間|小时|小時)半"
)


def _take_half_after(text: str, drafts: list[Draft]) -> None:
    """Add the half written after a whole count to it and to its span: "3年半" 3.5, "три и по тоне" 3.5, "14 and a
    half years" 14.5, "2 с половиной года" 2.5."""
    for draft in drafts:
        if draft.unit is None and not draft.has_scale and draft.step == 1 and draft.mantissa < 1000 \
                and (half := _HALF_AFTER_COUNT.match(text, draft.end)):
            draft.mantissa, draft.step, draft.end = draft.mantissa + Decimal("0.5"), Decimal("0.5"), half.end()
            suffix = read_suffix(text, draft.end, has_currency=False)
            if suffix.unit in ("x", "%") and not suffix.has_scale \
                    and not counts_occasions(text, draft.start, suffix.end, False):
                draft.unit, draft.end = suffix.unit, suffix.end  # "в 2 с половиной раза": a multiple of 2.5
            elif suffix.unit is not None and suffix.unit not in NOT_MONEY and not suffix.has_scale:
                draft.unit, draft.end = suffix.unit, suffix.end  # "koštati 7 i pol eura": 7.5 EUR


# A number word in the case that makes "one of N" before "one": Kazakh's ablative ("төрттен бір", a quarter),
# Turkish's locative ("dörtte bir").
_FRACTION_CASE = LazyPattern(r"(?:тен|тан|ден|дан|нен|нан|ten|tan|den|dan|nen|nan|te|ta|de|da)\Z")
_ONE_AFTER_FRACTION = LazyPattern(rf"{WS}(?:бір|bir){WS}")


def _join_fractions_of_one(text: str, drafts: list[Draft]) -> list[Draft]:
    """Read "төрттен бір миллиард теңгеден" (a quarter of a billion tenge) as one figure, the fraction times the
    scale: the number word before "one" names its denominator (Turkish "dörtte bir" too, where its word is read)."""
    joined = []
    for draft in drafts:
        before = joined[-1] if joined else None
        if before is not None and draft.has_scale and draft.mantissa == 1 and before.unit in (None, draft.unit) \
                and not before.has_scale and text[before.start : before.start + 1].isalpha() \
                and before.mantissa > 1 and text[before.end : draft.start] in SPACES \
                and _ONE_AFTER_FRACTION.match(text, draft.start - 1) \
                and _FRACTION_CASE.search(text, before.start, before.end):
            draft.start, draft.mantissa = before.start, draft.mantissa / before.mantissa
            draft.step = draft.mantissa
            joined[-1] = draft
            continue
        joined.append(draft)
    return joined


def _take_japanese_minus(text: str, drafts: list[Draft]) -> None:
    """Read "▲" or "△" right before a figure as its minus sign, as Japanese accounts and statistics write one
    ("輸出数量は同▲0.9%": -0.9 %), and put it in the span; in Japanese text only: Korean lists with them
    ("△1만~3만원 28%")."""
    if "▲" not in text and "△" not in text or HANGUL.search(text) or not KANA.search(text):
        return
    for draft in drafts:
        if draft.start and text[draft.start - 1] in "▲△" and draft.mantissa > 0:
            draft.start, draft.mantissa = draft.start - 1, -draft.mantissa


# Before a minus sign that is one: the start of the text, a space or an opening bracket or colon, after a word
# (after a number or a percent the dash makes a range: "2,83% -3,83%", "5 -10 %").
_MINUS_BEFORE = LazyPattern(r"(?:\A|(?<![\d%][ \u00a0])(?<=[\s(\[:;=]))[-−]\Z")


def _take_minus_sign(text: str, drafts: list[Draft]) -> None:
    """Put a minus sign written on a percentage or an amount in its span and its value (bench/figures/LABELLING.md:
    a sign written on the figure is kept): "atteindre les -20 milliards d’euros" is -20 billion EUR, "(-13,2%" is
    -13.2 %. Not a bare number's dash ("mandate de primar -1.322"), not a hyphen inside a word or a date ("COVID-19",
    "2013-2016"), not a range's dash, nor an en dash (punctuation more often than a sign); nor the dash opening an aside
    that says the difference in words ("965 euros -35 euros menos- desde", 35 less: no negative amount)."""
    if "-" not in text and "−" not in text:
        return
    for draft in drafts:
        if draft.start and draft.unit not in (None, "x") and draft.mantissa > 0 and text[draft.start].isdigit() \
                and _MINUS_BEFORE.search(text, max(0, draft.start - 3), draft.start) \
                and not MORE_OR_LESS_AFTER.match(text, draft.end):
            draft.start, draft.mantissa = draft.start - 1, -draft.mantissa


_NEW_LIRA_YEAR = 2005  # Turkey took six zeros off the lira on 1 January 2005 (TRL -> TRY)


def _old_lira_by_year(text: str, drafts: list[Draft]) -> None:
    """Make lira amounts the old lira (TRL) when every year the text writes is before 2005 ("2001 yılı ...
    255.907.000.000 TL"): the text says when they were paid. With no year, or a later one, they stay TRY."""
    if not any(draft.unit == "TRY" for draft in drafts):
        return
    years = [int(year) for year in YEAR.findall(text)]
    if years and max(years) < _NEW_LIRA_YEAR:
        for draft in drafts:
            if draft.unit == "TRY":
                draft.unit = "TRL"


def _take_percent_of_signed_changes(text: str, drafts: list[Draft]) -> None:
    """Make a bare decimal alone in parentheses with its sign a signed percentage when an earlier figure of its
    sentence, or of the sentence before, is a percentage: "34,1 Prozent weniger ..., das Wählerplus in Ost (+0,6)"
    is +0.6 %; "Баға динамикасының 2 пайыздан жоғары ... Бұл шаһардағы баға индексі 178 025 теңгені (+2,1)"."""
    sentences_since_percent = 2  # none yet
    for index, draft in enumerate(drafts):
        if index and HARD_BREAK.search(text, drafts[index - 1].end, draft.start):
            sentences_since_percent += len(HARD_BREAK.findall(text, drafts[index - 1].end, draft.start))
        if draft.unit == "%":
            sentences_since_percent = 0
        elif sentences_since_percent < 2 and draft.unit is None and not draft.has_scale and draft.step < 1 \
                and (signed := sign_in_parentheses(text, draft.start, draft.end)) is not None:
            draft.start, draft.unit = signed[0], "%"
            draft.mantissa *= signed[1]


def _take_currency_after_words_in_parentheses(text: str, drafts: list[Draft]) -> None:
    """Give a bare amount and its words in parentheses the currency written after the parenthesis: "5.000.000
    (Beş milyon) TL" is 5,000,000 TRY twice."""
    for number, words in zip(drafts, drafts[1:]):
        if number.unit is not None or words.unit is not None \
                or number.mantissa * number.scale != words.mantissa * words.scale \
                or not _WORDS_IN_PARENTHESES.fullmatch(text, number.end, words.start) \
                or not _PARENTHESIS_CLOSED.match(text, words.end):
            continue
        after = read_suffix(text, words.end + 1, has_currency=False)
        if after.unit is not None and after.unit not in NOT_MONEY and not after.has_scale:
            number.unit = words.unit = after.unit


def _candidates(text: str) -> Iterator[re.Match]:
    """Yield the matches of _CANDIDATE, trying it only where a candidate can begin (much faster)."""
    search = _CANDIDATE_START.search
    found = search(text)
    if found is None:
        return  # most queries and many sentences: _CANDIDATE, slow to compile, is not even compiled
    match = _CANDIDATE.match
    while found is not None:
        candidate = match(text, found.start())
        if candidate is None:
            found = search(text, found.start() + 1)
            continue
        yield candidate
        found = search(text, max(candidate.end(), found.start() + 1))


def _without_overlaps(drafts: list[Draft]) -> list[Draft]:
    """Return the drafts ordered by start, dropping any that overlaps an earlier one."""
    kept: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.start, -d.end)):
        if not kept or draft.start >= kept[-1].end:
            kept.append(draft)
    return kept


def _draft_from_digits(
    text: str, match: re.Match, query: bool, taken_until: int
) -> tuple[Draft | None, int]:
    """Return the figure around a number written with digits (or None), and where scanning may resume."""
    start, number_end = match.span("num")
    raw = match.group("num").replace("・", ".")
    if match.group("sep") and match.group("sep") in SPACES and names_a_model(text, number_end):
        raw = raw.split(match.group("sep"))[0]  # "400 737 Max jets": 400 jets of the 737 Max, not 400,737
        number_end = start + len(raw)
    if raw.isdigit() and (joined := _spaced_decimal_comma(text, start, number_end)):
        raw, number_end = text[start:joined].replace(" ", ""), joined  # "12, 9 млн грн": 12,9 million
    if raw.isdigit() and text[number_end : number_end + 1] in _VULGAR_FRACTIONS:
        raw = raw + _VULGAR_FRACTIONS[text[number_end]]  # "£19½ million": 19.5 million
        number_end += 1
    prefix = currency_before(text, start)
    if prefix is not None and not prefix[0]:
        return None, read_suffix(text, number_end, has_currency=True).end  # a dollar of a country not named
    figure_start = prefix[1] if prefix else start
    if prefix is None and glued_to_word_before(text, start) \
            and not counted_after_a_designation(text, start, number_end):
        return None, end_of_code(text, number_end)  # "ФС77-76922": the whole code
    words_before = tokens_before(text, figure_start, 4)
    if is_phone_number(raw, words_before):
        return None, end_of_phone_number(text, number_end)
    if is_reference(words_before):
        return None, end_of_reference_chain(text, number_end)
    if is_korean_article(text, start, number_end):
        return None, number_end + 1
    if prefix is None and names_a_price_year(text, start, words_before):
        return None, number_end  # "in 2009 dollars": the prices, not an amount
    number_end = article_end(text, number_end)  # "150-те милиони": the article is the number's, as a space
    about = _ABOUT_SUFFIX.match(text, number_end)
    if about is not None:
        number_end = about.end()  # "30-ak kuna": Croatian and Serbian "about 30"
    if prefix is None and _DASH_FOR_NO_CENTS.match(text, number_end):
        dashed = read_suffix(text, number_end + 2, has_currency=False)
        if dashed.unit is not None and dashed.unit not in NOT_MONEY or _DASHED_RANGE_AHEAD.match(text, number_end):
            number_end += 2  # "17.212.642,75.- TL", "10,- €": the dash says no more is written
    suffix = read_suffix(text, number_end, has_currency=prefix is not None)
    _count_occasions(text, start, suffix)
    if prefix:
        suffix.unit = prefix[0]
    elif suffix.unit is None and (percent_start := percent_before(text, start)) is not None:
        suffix.unit, figure_start = "%", percent_start  # "yüzde 17,1", "%17"
    per_mille = suffix.unit is None and (mille := PER_MILLE_BEFORE.search(text, max(0, start - 7), start))
    if per_mille:
        suffix.unit, figure_start = "%", mille.start()  # "binde 6": six per thousand, 0.6 %
    if suffix.unit == "x" and glued_model_suffix(text, raw, number_end):
        return None, suffix.end  # "777x jets": a model
    if suffix.unit == "x" and suffix.end == number_end + 1 and text[suffix.end : suffix.end + 1].isdigit():
        return None, end_of_code(text, suffix.end)  # "6x6-panssariajoneuvoja": a drive, "1920x1080" a size
    if suffix.letter_scale and not letter_scale_allowed(text, suffix, query) \
            and not upper_bound_of_signed_money(text, start):
        return _measure_or_code(text, match, start, number_end), taken_until
    bare = suffix.unit is None and not suffix.has_scale
    if bare and not query and is_not_a_figure(text, raw, start, number_end, words_before):
        return None, taken_until
    # deciding the convention reads the words around, so it is done only for an ambiguous "1,234"
    revealed = suffix.scale_convention or suffix.name_convention
    number = read_digits(raw, lambda: convention(text, start, suffix.end, revealed, prefix is not None,
                                                 suffix.symbol_after))
    if number is None:
        return None, taken_until
    mantissa, step = number
    if suffix.rate_points and mantissa > 100:
        suffix.unit, suffix.end = None, number_end  # "à 2.868,63 points": an index's level, no rate's points
    if suffix.unit == "%" and figure_start < start and text[start - 1] == "-":
        mantissa = -mantissa  # "yüzde -1,11 oranında azalmıştır": a fall of 1.11 %
    if per_mille:
        mantissa, step = mantissa / 10, step / 10
    draft = Draft(start=figure_start, end=suffix.end, mantissa=mantissa, step=step)
    _apply_suffix(draft, suffix, billion_power(text, start, suffix))
    _take_korean_lead_place(text, draft)
    _take_turkish_lead_thousand(text, draft)
    _apply_qualifier(text, draft, suffix.approx, words_before)
    if about is not None and draft.approx is None:
        draft.approx = "about"
    return draft, taken_until


# A fraction glyph glued to a whole number: "£19½ million", "6¼ per cent"
_VULGAR_FRACTIONS = {"½": ".5", "¼": ".25", "¾": ".75"}
# A decimal comma with a space after it, inside an amount: "12, 9 млн грн"; not the third item of a list.
_SPACED_DECIMALS = LazyPattern(r", (?P<decimals>\d{1,2})(?![\d.,])")
_LIST_ITEM_BEFORE = LazyPattern(r"\d[,;] ?\Z")


def _spaced_decimal_comma(text: str, start: int, number_end: int) -> int | None:
    """Return where the decimals end of a number of one to three digits written with a space after its decimal
    comma, when a scale word and a currency (or two decimals and a currency right after them, "28, 02 коп.", "40, 65
    eura na mjesec"), or a percent closing its phrase ("povećanje od 14, 3 odsto."), follow them in text of the
    continental convention: "склала 12, 9 млн грн" is 12.9 million hryvnias, where "3, 5 і 7 класів", "12, 9 млн
    людей" or "10, 20 i 30 eura" stay apart."""
    if number_end - start > 3 or text[number_end : number_end + 1] != ",":
        return None
    decimals = _SPACED_DECIMALS.match(text, number_end)
    if decimals is None or _LIST_ITEM_BEFORE.search(text, max(0, start - 3), start):
        return None
    suffix = read_suffix(text, decimals.end(), has_currency=False)
    # "28, 02 коп.", "40, 65 eura na mjesec": two decimals right before a currency are its hundredths
    hundredths = len(decimals.group("decimals")) == 2 and not suffix.has_scale and not AND_GAP.match(text, suffix.end)
    # "To je povećanje od 14, 3 odsto.": a percent right after the decimals, at the end of its phrase
    percent = suffix.unit == "%" and not suffix.has_scale and ends_a_phrase(text, suffix.end) \
        and not AND_GAP.match(text, suffix.end)
    if not percent and (not (suffix.has_scale or hundredths) or suffix.unit in (None, *NOT_MONEY)):
        return None
    if window_language(text, start, suffix.end) in (None, "en", "zh", "ja", "ko"):
        return None
    return decimals.end()


def _count_occasions(text: str, start: int, suffix: Suffix) -> None:
    """Read a number of times that counts occasions as a count, its span ending before "times": "два пута
    годишње" (twice a year), "понад 1,5 тисячі разів запобігали"."""
    if suffix.unit == "x" and suffix.unit_start is not None \
            and counts_occasions(text, start, suffix.end, suffix.has_scale):
        suffix.unit, suffix.end = None, suffix.unit_start


def _take_turkish_lead_thousand(text: str, draft: Draft) -> None:
    """Add to ``draft`` the "bin" (a thousand) written alone before its digits: Turkish "bin 870 puro" is 1,870
    cigars, as "bir" (one) is left out before "bin"; not after a number ("18 bin 46": the 46 is read with it)."""
    start = draft.start
    if draft.has_scale or draft.mantissa >= 1000 or draft.step < 1 or text[start - 4 : start].lower() != "bin " \
            or (start > 4 and (text[start - 5].isalnum())):
        return
    before = tokens_before(text, start - 4, 1)
    if before and before[0].rstrip(",.").isdigit():
        return
    if window_language(text, start, draft.end) != "tr":
        return
    draft.mantissa += 1000
    draft.start = start - 4


def _take_korean_lead_place(text: str, draft: Draft) -> None:
    """Add to ``draft`` the "천" or "백" written alone before its digits, one thousand or hundred of the scale
    that follows: "천7백억 원" is 1천7백억 (170 billion won), not 7백억."""
    start = draft.start
    place = text[start - 1 : start]
    if place not in _KOREAN_LEAD_PLACES or (start >= 2 and HANGUL.match(text[start - 2])):
        return
    big = _KOREAN_BIG_SCALE.search(text, start, draft.end)
    if big is None:
        return
    added = POWERS_OF_TEN[_KOREAN_LEAD_PLACES[place] + CJK_SCALES[big.group()]]
    draft.mantissa += added / draft.scale
    draft.start = start - 1


def _measure_or_code(text: str, match: re.Match, start: int, number_end: int) -> Draft | None:
    """Return "5m" as five metres (a plain count), or None for codes like "4K" or "5b"."""
    if text[number_end : number_end + 1] != "m":
        return None
    number = read_digits(match.group("num"), lambda: "en")
    if number is None:
        return None
    draft = Draft(start=start, end=number_end + 1, mantissa=number[0], step=number[1])
    _apply_qualifier(text, draft, None)
    return draft


def _apply_suffix(draft: Draft, suffix: Suffix, power: int) -> None:
    """Give ``draft`` the scale, unit and qualifier read after its number."""
    draft.has_scale = suffix.has_scale
    draft.unit = suffix.unit
    draft.approx = suffix.approx
    if suffix.has_scale:
        draft.scale = Decimal(10) ** power
    if suffix.minor:  # a hundredth of the currency: "30,85 Cent" is 0.3085 EUR
        draft.mantissa, draft.step, draft.minor = draft.mantissa / 100, draft.step / 100, True
    if suffix.composite is not None:
        draft.lead_scale = draft.scale
        draft.mantissa = draft.mantissa * draft.scale + suffix.composite
        draft.step = suffix.composite_step
        draft.scale = ONE


def _apply_qualifier(
    text: str, draft: Draft, after: str | None, words_before: list[str] | None = None
) -> None:
    """Set the qualifier written before the figure, else the one after it."""
    before = qualifier_before(text, draft.start, words_before)
    if before:
        draft.approx, draft.qualifier_words = before
    elif after:
        draft.approx = after


# A lower-case word after a number word (a title's next word), or a word in capitals (a title in capitals).
_LOWER_WORD_AFTER = LazyPattern(r"[ \u00a0](?P<word>[a-zà-ÿа-яёіїєґčćšžđ][a-zà-ÿа-яёіїєґčćšžđ]+)")
_CAPITALS_WORD_AFTER = LazyPattern(r"[ \u00a0][A-ZÀ-ÞА-ЯЁІЇЄҐČĆŠŽĐ]{2,}(?![a-zà-ÿа-яёіїєґ])")
# Words after a number word that make it a number, whatever its case: "Dos de ellos", "Tres y medio".
_NOT_A_TITLE_WORDS = frozenset("de del y e o u et ou i a and or of to à en por par per na za od do по на и или "
                               "mil cents cent mille hundred thousand тысяч".split())
_QUOTE_INSIDE_A_SENTENCE_BEFORE = LazyPattern(r"[^\W\d_][ \u00a0][\"“„«'‘’‚][ \u00a0\u202f]?\Z")  # "« Trois"
_SENTENCE_OPENING_BEFORE = LazyPattern(r"(?:\A|[.!?:;…\n–—-])\s*[\"“”»«„'’‘(\[]?\s*\Z")


def opens_a_title(text: str, start: int, end: int) -> bool:
    """Tell whether a number word opens a name: capitalised after a quote inside a sentence, before a lower-case
    word that is no scale or unit ("Nadie puede con 'Ocho apellidos catalanes'", "la secuela de ‘Ocho apellidos
    vascos’"; unquoted it may open a heading run into the text), or in capitals before another word in capitals in a text not in capitals ("СТО ЛЕТ ТОМУ
    ВПЕРЕД")."""
    word = text[start:end]
    if not word[:1].isupper() or len(word) < 3:
        return False
    if word.isupper():
        return bool(_CAPITALS_WORD_AFTER.match(text, end)) and not text[max(0, start - 60) : start].isupper() \
            and _CAPITALS_WORD_AFTER.match(text, end).group().strip().lower() not in _NOT_A_TITLE_WORDS
    if _SENTENCE_OPENING_BEFORE.search(text, max(0, start - 4), start) \
            or not _QUOTE_INSIDE_A_SENTENCE_BEFORE.search(text, max(0, start - 4), start):
        return False  # unquoted, a capital may open a heading run into the text ("información Quince países")
    after = _LOWER_WORD_AFTER.match(text, end)
    if after is None or after.group("word") in _NOT_A_TITLE_WORDS:
        return False
    suffix = read_suffix(text, end, False)
    return suffix.unit is None and not suffix.has_scale


def _drafts_from_words(text: str) -> list[Draft]:
    """Return the figures written with number words ("five million dollars", "zehn Millionen Euro", "три пати")."""
    drafts = []
    for number in find_number_words(text):
        if opens_a_title(text, number.start, number.end):
            continue  # "Ayer domingo Ocho apellidos vascos llegó", "фантастики СТО ЛЕТ ТОМУ ВПЕРЕД": a film's name
        before = tokens_before(text, number.start, 1)
        if before and len(before[0].rstrip(".")) >= 3 and is_reference(before):
            continue  # "under section two of the Bribery Act": a reference, as "section 2" is; not "w 2023 r. pięć"
        draft = _draft_from_words(text, number)
        if draft is not None:
            drafts.append(draft)
    return drafts


def _drop_currencies_of_compounds(text: str, drafts: list[Draft]) -> None:
    """Take a carried currency off a count inside a compound word: "двокімнатної - 19 971 грн" (two-room) counts,
    it is no amount."""
    spans = None
    for draft in drafts:
        if draft.unit not in (None, *NOT_MONEY) and text[draft.start : draft.end].isalpha():
            spans = spans if spans is not None else {(start, end) for start, end, _ in find_compound_numbers(text)}
            if (draft.start, draft.end) in spans:
                draft.unit, draft.unit_inferred = None, False


def _bounds_a_count(text: str, lower: Draft, drafts: list[Draft]) -> bool:
    """Tell whether a word for one is the lower bound of a range of counted things: "de uno a cinco años",
    "von ein bis zu zehn Jahren" (its upper bound right after "to", a counted noun after that)."""
    upper = next((draft for draft in drafts if draft.start > lower.start), None)
    return upper is not None and upper.unit is None and counts_something(text, upper.end) \
        and bool(RANGE_GAP.fullmatch(text, lower.end, upper.start) or _OR_A_NUMBER.fullmatch(text, lower.end, upper.start))


# "Or" between a word for one and the next number: "un ou deux gros événements", "one or two people"; and the
# "and" of a Kazakh or Turkish range of ages: "бір мен алты жас аралығындағы" (between one and six years of age).
_OR_A_NUMBER = LazyPattern(rf"{WS}(?:ou|o|or|oder|ili|или|або|lub|sau|veya|tai|немесе|мен|men|ile){WS}")


_WORD_AND_DASH_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<word>{LETTER}+)[-‑–]\Z")


def _upper_bound_after_a_dash(text: str, start: int) -> bool:
    """Tell whether a number word follows another and a dash, a range's upper bound: "пред само пет-шест години",
    "prije pet-šest godina"."""
    before = _WORD_AND_DASH_BEFORE.search(text, max(0, start - 20), start)
    return before is not None and is_number_word(before.group("word").lower())


def _draft_from_words(text: str, number: WordNumber) -> Draft | None:
    """Return the figure of a number in words, with what follows it."""
    if glued_to_word_before(text, number.start) and not _upper_bound_after_a_dash(text, number.start) \
            or names_a_fraction(text, number.end) \
            or is_ratio_denominator(text, number.start) or _FRENCH_ORDINAL_REST.match(text, number.end):
        return None  # "ФС77", "deux tiers", "un paquet sur cinq", "vingt-neuvième"
    if text[number.start - 1 : number.start].isdigit() and "\uac00" <= text[number.start] <= "\ud7a3":
        return None  # "100세 시대": a Korean word glued to digits is their counter (years of age), not "세" (three)
    if _names_a_group_of_the_biggest(text, number) or names_a_star_class(text, number.start, number.end):
        return None  # "the “Big Five” leagues", "\"Dört büyükler\"in": a name; "Fünf-Sterne-Hotel": a class
    if _FRENCH_NEW_BEFORE.search(text, max(0, number.start - 4), number.start) \
            and text[number.start : number.end].lower() == "neuf" and next_word(text, number.end) not in MONTHS:
        return None  # "le marché global du neuf", "remis à neuf": the new, no nine
    if _RANK_NOUN_BEFORE.search(text, max(0, number.start - 30), number.start):
        return None  # "Pe locul doi se clasează AUR", "belegt ... Platz zwei": a rank
    if (word_after := next_word(text, number.end)) in HOUR_WORDS and number.value == int(number.value) \
            and names_an_hour(text, number.value, number.end, tokens_before(text, number.start, 3), word_after):
        return None  # "u osam sati ujutru": at eight o'clock
    number = _with_half_or_hundreds(text, number)
    suffix = read_suffix(text, number.end, has_currency=False)
    _count_occasions(text, number.start, suffix)
    if suffix.has_scale and number.language == "en":
        return None  # English scale words belong to the number's own words ("five million"): "five 5bn" is none
    occasions = suffix.unit is None and suffix.unit_start is not None  # "viermal 20": four times
    range_bound = False
    if number.bound and not (suffix.has_scale or ((suffix.unit or occasions) and number.value != 1)):
        if suffix.end != number.end or not (RANGE_GAP.match(text, number.end) or _OR_A_NUMBER.match(text, number.end)):
            return None  # "one of them", "ein Mann", "za jedan evro" (a rate's unit), "yüz yüze"
        range_bound = True  # "ein bis sieben Cent": kept if the range's upper bound gives it a currency
    draft = Draft(start=number.start, end=suffix.end, mantissa=number.value, step=step_of_value(number.value),
                   range_bound=range_bound)
    _apply_suffix(draft, suffix, billion_power(text, number.start, suffix))
    _apply_qualifier(text, draft, suffix.approx or number.approx)
    return draft


# French "neuf" is "new" as well as nine: after an article or "à" it is the new ("le marché du neuf", "à neuf").
_FRENCH_NEW_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:du|le|au|à){WS}\Z")


# A place in a ranking before a number in words, which is its rank: "Pe locul doi", "Platz zwei", "на місці два";
# and the places before the second of two ranks: "Auf den Plätzen zwei und drei".
_RANK_NOUN_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:locul|Platz|Plätzen|Plätze|place|puesto|lugar|место|месте|місце|"
                                rf"місці|miejsce|miejscu|mjesto|mjestu|mesto|mestu|sırada)"
                                rf"(?:{WS}{LETTER}+{WS}(?:und|oder|and|or|și|şi|i|и|y|et|ve))?{WS}\Z")
# The name of a group of the biggest: English "Big Five" (capitalised after "Big"), Turkish "Dört büyükler" (the
# four big ones: the clubs), "Üç Büyükler".
_BIG_BEFORE = LazyPattern(rf"(?<!{LETTER})Big{WS}\Z")
_BIG_ONES_AFTER = LazyPattern(rf"{WS}(?i:büyükler|buyukler){LETTER}*")


def _names_a_group_of_the_biggest(text: str, number: WordNumber) -> bool:
    """Tell whether a number in words names a group of the biggest: "Big Five", "Dört büyükler"."""
    first = text[number.start : number.start + 1]
    if first.isupper() and _BIG_BEFORE.search(text, max(0, number.start - 5), number.start):
        return True
    return bool(_BIG_ONES_AFTER.match(text, number.end))


def _with_half_or_hundreds(text: str, number: WordNumber) -> WordNumber:
    """Return ``number`` with the half written after it ("two and a half elephants", "в два с половиной раза": 2.5)
    or the hundreds that
    count it ("полутора сотен фирм": one and a half hundreds, 150; "две сотни"), which its run of words leaves out."""
    if number.language == "en" and number.value == number.value.to_integral_value():
        half = _ENGLISH_AND_A_HALF.match(text, number.end)
        if half:
            return replace(number, end=half.end(), value=number.value + Decimal("0.5"), bound=False)
    elif number.language in _AND_A_HALF_AFTER_WORDS and number.value == number.value.to_integral_value() \
            and (half := _AND_A_HALF_AFTER_WORDS[number.language].match(text, number.end)):
        return replace(number, end=half.end(), value=number.value + Decimal("0.5"), bound=False)
    if number.language in ("ru", "uk") and number.value < 10:
        hundreds = _HUNDREDS_AFTER.match(text, number.end)
        if hundreds:
            return replace(number, end=hundreds.end(), value=number.value * 100, bound=False)
    return number


# A Turkish or Kazakh plural on the currency after a lone scale word: "milyon euro'ların", "milyon dolarlar".
_PLURAL_AFTER_CURRENCY = LazyPattern(r"['’]?(?:l[ae]r|лар|лер|дар|дер|тар|тер)")


def _drafts_from_lone_scales(text: str, drafts: list[Draft]) -> list[Draft]:
    """Return the figures of scale words that state a number alone: "milion złotych", "miljardi euroa" (with a
    currency after them), "миллиарда двухсот миллионов тенге" (with a smaller amount after them, which they
    take in), Spanish "mil ochocientos" (a thousand and the hundreds in words after it: 1,800). After a number ("5
    milionów") the scale word is that number's, and its figure starts first."""
    found = []
    starts = {draft.start: draft for draft in drafts}
    for word in _LONE_SCALE.finditer(text):
        if word.start() and text[word.start() - 1].isalpha():
            continue  # inside a word
        power = LONE_SCALE_WORDS.get(lowered(word.group()))
        if power is None:
            continue  # "MILLION" in Turkish capitals lowers to "mıllıon": no scale word of ours
        if (lowered(word.group()) in ("mil", "mil millones") or power == 3) \
                and (before := tokens_before(text, word.start(), 1)) and is_number_word(before[0]):
            continue  # "tres mil euros", "dos mil millones", "двадцать одну тысячу": the number word's own scale
        if lowered(word.group()) in ("million", "milliard", "millón") \
                and not set(tokens_before(text, word.start(), 1)) & FRENCH_LONE_SCALE_ARTICLES:
            continue  # "au million d’euros" is one million; "a million", "eine Million" are the number words'
        if (before := tokens_before(text, word.start(), 1)) and before[0] in VAGUE_MULTITUDES:
            continue  # "na stotine miliona dinara": hundreds of millions, how many not said
        smaller = starts.get(word.end() + 1) if text[word.end() : word.end() + 1] in SPACES else None
        if smaller is None and (joined := _JOINED_BY_AND.match(text, word.end())):
            smaller = starts.get(joined.end())  # "milijun i 148 tisuća eura": 1,148,000 (a scale of its own below)
            smaller = smaller if smaller is not None and (smaller.has_scale or _grouped_below(text, smaller, power)) \
                else None  # or grouped in thousands below the scale: "milijun i 148.000 PDV-a"
        if smaller is not None and not smaller.has_scale and lowered(word.group()) == "mil" \
                and text[smaller.start : smaller.start + 1].isalpha() and smaller.unit not in NOT_MONEY \
                and smaller.mantissa < 1000 and smaller.step >= 1:
            smaller.mantissa, smaller.start = smaller.mantissa + 1000, word.start()  # "mil ochocientos": 1,800
            continue
        if smaller is not None and (smaller.has_scale or _grouped_below(text, smaller, power)) \
                and smaller.mantissa * smaller.scale < POWERS_OF_TEN[power]:
            draft = Draft(start=word.start(), end=smaller.end, mantissa=POWERS_OF_TEN[power]
                           + smaller.mantissa * smaller.scale, step=smaller.step * smaller.scale, unit=smaller.unit,
                           has_scale=True)
        else:
            suffix = Suffix(end=word.end(), has_scale=True, power=power)
            read_half_after(text, suffix)
            read_currency_after(text, suffix)
            inferred = suffix.unit is None and _take_currency_of_a_next_alike(text, suffix, power, drafts)
            if suffix.unit is None and lowered(word.group()) != "mil millones" \
                    and not _the_scale_closing_a_phrase(text, word.start(), word.end()):
                continue  # "milion ludzi", "milyon kez": a manner of speaking as often as a number
            if _PLURAL_AFTER_CURRENCY.match(text, suffix.end):
                continue  # "harcanan milyon euro'ların önüne geçmek": the millions of euros, no amount
            draft = Draft(start=word.start(), end=suffix.end, mantissa=ONE, step=POWERS_OF_TEN[power],
                           scale=POWERS_OF_TEN[power], unit=suffix.unit, has_scale=True)
            _apply_suffix(draft, suffix, power)
            draft.unit_inferred = inferred
        _apply_qualifier(text, draft, None)
        found.append(draft)
    return found


_THE_BEFORE = frozenset(("le", "el", "au", "al", "du", "del"))


def _the_scale_closing_a_phrase(text: str, start: int, end: int) -> bool:
    """Tell whether a lone scale word of a million or more after "the" closes its phrase: "Les dons ont déjà dépassé
    le milliard.", "pocos años atrás se rondaba el millón, si bien" (one million, no unit said)."""
    before = tokens_before(text, start, 1)
    return bool(before) and before[0] in _THE_BEFORE and lowered(text[start:end]) not in ("mil", "mille", "millier") \
        and ends_a_phrase(text, end)


def _grouped_below(text: str, smaller: Draft, power: int) -> bool:
    """Tell whether a bare whole number grouped in thousands is the part below a lone scale word joined to it by
    "and": "milijun i 148.000" (1,148,000)."""
    return smaller.unit is None and smaller.step >= 1 and 1000 <= smaller.mantissa < POWERS_OF_TEN[power] \
        and GROUPED.search(text, smaller.start, smaller.end) is not None


# At most so many words between a lone scale word and the next amount it is an alternative to: "ponad miliard, może
# dwa miliardy złotych" (over a billion, maybe two billion zlotys) has 2.
_ALTERNATIVE_GAP_WORDS = 3


def _take_currency_of_a_next_alike(text: str, suffix: Suffix, power: int, drafts: list[Draft]) -> bool:
    """Give a lone scale word closed by a comma or a conjunction the currency of the next amount of the same scale,
    a few words on in its sentence, and tell whether it did: "ponad miliard, może dwa miliardy złotych" (1e9 PLN)."""
    if not CLOSES_AN_AMOUNT.match(text, suffix.end):
        return False
    later = min((draft for draft in drafts if draft.start > suffix.end), key=lambda draft: draft.start, default=None)
    if later is None or later.unit in (None, *NOT_MONEY) or later.scale != POWERS_OF_TEN[power] \
            or SENTENCE_BREAK.search(text, suffix.end, later.start) \
            or len(text[suffix.end : later.start].replace(",", " ").split()) > _ALTERNATIVE_GAP_WORDS:
        return False
    suffix.unit = later.unit
    return True


# German writes a fraction of a scale as one word: "eine Dreiviertelmillion Euro" (750,000), "eine Viertelmilliarde".
_GERMAN_FRACTION_SCALE = LazyPattern(
    rf"(?<!{LETTER})(?P<fraction>(?i:dreiviertel|viertel))(?P<scale>(?i:million|milliarde))(?:en|n)?(?!{LETTER})"
)
_GERMAN_FRACTIONS = {"dreiviertel": Decimal("0.75"), "viertel": Decimal("0.25")}


def _drafts_from_german_fraction_scales(text: str) -> list[Draft]:
    """Return the amounts of a German fraction of a scale with a currency after it: "eine Dreiviertelmillion Euro"
    (750,000 EUR); without one it is a manner of speaking."""
    found = []
    for word in _GERMAN_FRACTION_SCALE.finditer(text):
        power = 6 if word.group("scale").lower() == "million" else 9
        suffix = Suffix(end=word.end(), has_scale=True, power=power)
        read_currency_after(text, suffix)
        if suffix.unit is None:
            continue
        fraction = _GERMAN_FRACTIONS[word.group("fraction").lower()]
        draft = Draft(start=word.start(), end=suffix.end, mantissa=fraction, step=fraction)
        _apply_suffix(draft, suffix, power)
        _apply_qualifier(text, draft, None)  # "rund eine Dreiviertelmillion Euro"
        found.append(draft)
    return found


# Half a percent in Finnish (any case of "puoli" before any case of "prosentti") and German: "jäi runsaaseen
# puoleen prosenttiin" (stayed at a good half percent), "ein halbes Prozent"; not a percentage point.
_HALF_BEFORE_PERCENT = LazyPattern(rf"(?<!{LETTER})(?i:puoli|puolen|puoleen|puolella|puolesta|puolta|halbes|halben|halbe)"
                                   rf"{WS}\Z")
_PERCENT_AFTER_HALF = LazyPattern(rf"(?:rosent(?!tiyks)|rozent(?!punkt)){LETTER}*")


def _drafts_from_half_percents(text: str) -> list[Draft]:
    """Return the figures of half a percent written in words: "puoleen prosenttiin", "ein halbes Prozent" (0.5 %).
    The percent word is found first (a plain search), then the half before it."""
    found = []
    for piece in ("rosent", "rozent"):
        at = text.find(piece)
        while at >= 1:
            half = _HALF_BEFORE_PERCENT.search(text, max(0, at - 13), at - 1)
            word = _PERCENT_AFTER_HALF.match(text, at)
            if half is not None and word is not None:
                found.append(Draft(start=half.start(), end=word.end(), mantissa=Decimal("0.5"), step=Decimal("0.5"),
                                   unit="%"))
            at = text.find(piece, at + 1)
    return found


# Half of a measure or span in Finnish and Kazakh (both scripts): "alle puoli kiloa vuodessa" (under half a kilo a
# year), "jarty jyl boıy" (for half a year), "жарты сағат"; a value of 0.5 like "eineinhalb Tonnen" 1.5.
_HALF_OF_A_UNIT = LazyPattern(
    rf"(?<!{LETTER})(?P<half>(?i:{alternation(HALF_OF_A_UNIT_WORDS)})){WS}"
    rf"(?i:kiloa|kilon|litraa|tuntia|tonnia|metriä|vuotta|jyl|aı|saǵat|keli|tonna|litr|жыл|ай|сағат|келі|тонна|литр)"
    rf"{LETTER}*")


def _drafts_from_halves_of_a_unit(text: str) -> list[Draft]:
    """Return the values of half a measure or span: "puoli kiloa", "jarty jyl", "жарты сағат" (0.5), spanning the
    half and its unit. The half is found first (a plain search)."""
    found = []
    for piece in ("uoli", "arty", "арты"):
        at = text.find(piece)
        while at >= 1:
            half = _HALF_OF_A_UNIT.match(text, at - 1)
            if half is not None:
                found.append(Draft(start=half.start(), end=half.end(), mantissa=Decimal("0.5"), step=Decimal("0.5")))
            at = text.find(piece, at + 1)
    return found


def _drafts_from_half_scales(text: str) -> list[Draft]:
    """Return the figures of a half before a scale word: "полумиллиарда рублей" (500,000,000 RUB), "un
    demi-milliard d'euros", "medio millón", "puoli miljardia" (a count without a currency after it)."""
    found = []
    for half in _HALF_SCALE.finditer(text):
        power = SCALE_WORDS[single_spaced(lowered(half.group("scale")))][0]
        suffix = Suffix(end=half.end(), has_scale=True, power=power)
        read_currency_after(text, suffix)
        draft = Draft(start=half.start(), end=suffix.end, mantissa=Decimal("0.5"), step=Decimal("0.5"))
        _apply_suffix(draft, suffix, power)
        _apply_qualifier(text, draft, None)
        found.append(draft)
    return found


def _draft_from_cjk_numeral(text: str, match: re.Match) -> Draft | None:
    """Return a figure in Chinese numerals ("三千万美元", "百分之十二"), or None for ordinary words."""
    run = match.group("cjk")
    percent = run.startswith("百分之")
    numeral = run[3:] if percent else run
    start, end = match.span("cjk")
    # after a qualifier, 百, 千 or 万 stand for one of them: "超百瓶" (over a hundred bottles), "近千万" (nearly ten
    # million); alone, before a counter
    round_number = numeral[:1] in ("百", "千", "万", "萬") and text.endswith(CJK_ROUND_NUMBERS_AFTER, 0, start) \
        and (len(numeral) > 1 or text[end : end + 1] in CJK_COUNTERS)
    money_scale = _bare_scale_of_money(text, numeral, start, end)  # "千萬元以上": ten million yuan and over
    # a thousand or a hundred that opens a numeral of money without "one": "約千三百万ドル" (about 13 million dollars)
    leading_unit = numeral[:1] in ("百", "千") and any(char in CJK_DIGITS for char in numeral[1:]) \
        and text.startswith(tuple(CJK_CURRENCIES), end)
    if not numeral or numeral[0] not in CJK_DIGITS and numeral[0] != "十" and not round_number and not money_scale \
            and not leading_unit:
        return None
    if is_cjk_ordinal_or_date(text, start, end):
        return None
    if numeral == "二" and text.startswith("次", end) and not percent:
        return None  # "二次销售" (resale), "二次補正" (the second budget): twice is "两次"
    over_scale = _OVER_THEN_SCALE.match(text, end) if not percent else None
    if over_scale:  # "四千八百多億" (over 480 billion), "三千多万元": "over" stands between the numeral and its scale
        numeral, end = numeral + over_scale.group("scale"), over_scale.end()
    value = read_cjk_numeral("一" + numeral if money_scale else numeral)
    if value is None:
        return None
    suffix = Suffix(end=end)
    if over_scale:
        suffix.approx = "over"
    if percent:
        suffix.unit = "%"
    elif text[end : end + 1] in ("%", "％") and not over_scale:
        suffix.unit, suffix.end = "%", end + 1  # "全体の館の五五%" (55 %), "十五%"
    else:
        over = text[end : end + 1] in "余餘多"  # "六百十六億余円", "七二二四萬餘元": over it, the currency after "余"
        suffix.end = end + over
        read_currency_after(text, suffix)
        if over and suffix.unit is None:
            suffix.end = end  # "三百余人": read as over 300 below
        elif over:
            suffix.approx = "over"
        if suffix.unit is None and (points := _CJK_POINTS.match(text, end)):
            suffix.unit, suffix.end = "pp", points.end()  # "超出預算兩個百分點" (two points over the budget)
        if suffix.unit is None:
            multiple = MULTIPLE.match(text, end)
            suffix.unit, suffix.end = ("x", multiple.end()) if multiple else (None, end)
    more = CJK_SCALE.match(text, suffix.end)
    if more.group("more") and not more.group("scale"):
        suffix.approx = "over"
    read_qualifier_after(text, suffix)
    has_big_unit = any(char in CJK_UNITS or char in CJK_BIG for char in numeral)
    counted = len(numeral) == 1 and value > 1 and (text[end : end + 1] in CJK_COUNTERS  # "八个", "三人"; not "一个"
                                                   or counts_cjk_years(text, start, end))  # "三年以下有期徒刑"
    counted = counted or (text.startswith(CJK_LEVEL_COUNTERS, end) and counts_the_list_before(text, start, value))
    if not percent and suffix.unit is None and ((len(numeral) < 2 or not has_big_unit) and not counted
                                                or is_quoted_slogan(text, start, end)):
        return None  # "统一", "一个"; a slogan "“四个意识”"
    draft = Draft(start=start, end=suffix.end, mantissa=value, step=step_of_value(value), unit=suffix.unit)
    draft.has_scale = any(char in CJK_BIG for char in numeral)
    _apply_qualifier(text, draft, suffix.approx)
    return draft


_CJK_POINTS = LazyPattern(r"[个個]百分[点點]")
_OVER_THEN_SCALE = LazyPattern(r"[余餘多](?P<scale>[万萬亿億])")
_CJK_BARE_SCALES = frozenset("十百千万萬亿億")
# Alone, these are a unit of measure more often than an amount: "万元国内生产总值能耗" (energy per 10,000 yuan of GDP).
_CJK_SMALL_SCALES = frozenset(("", "十", "百", "千", "万", "萬"))
# Before a bare scale, these make it a vague amount: "数千万元" (tens of millions of yuan), "几亿元".
_CJK_SEVERAL = frozenset("数數几幾多余成")


def _bare_scale_of_money(text: str, numeral: str, start: int, end: int) -> bool:
    """Tell whether a run of scale characters alone names one of that scale of a currency written right after it:
    "千萬元以上重大案件" (cases of ten million yuan and over), "億元以上" (a hundred million yuan); not after "数"
    or "几" (several), nor a scale under a million alone."""
    # "千円超えは初めて" (the first time over 1000 yen); "千円札" is a banknote's name
    thousand_yen = numeral == "千" and text.startswith("円", end) and not text.startswith("札", end + 1) \
        and text[start - 1 : start] != "何"  # "何千円" (how many thousand yen) is vague
    return (numeral not in _CJK_SMALL_SCALES or thousand_yen) and all(char in _CJK_BARE_SCALES for char in numeral) \
        and text[start - 1 : start] not in _CJK_SEVERAL and text.startswith(_CJK_CURRENCY_STARTS, end) \
        and not _CJK_CLASS_AFTER_A_COUNT.search(text, max(0, start - 24), start)


# A bare scale right after a count and its measure word names a class of the things counted, not an amount: "4笔亿元捐赠"
# (four donations of the hundred-million class), "2笔5000万元至亿元捐赠" (the class's upper bound); "三宗案值过亿元"
# (over a hundred million) is an amount.
_CJK_CLASS_AFTER_A_COUNT = LazyPattern(r"[\d一二两兩三四五六七八九十][笔筆宗起件个個项項家名位](?:[\d.]+[万萬亿億千]*元?[至到])?\Z")


_CJK_CURRENCY_STARTS = tuple(CJK_CURRENCIES)


def _take_multiplied_by(text: str, drafts: list[Draft]) -> None:
    """Make the number after "multiplié par", "se multiplicó por" or "multiplied by" a multiple spanning from the
    verb ("multiplié par dix": 10 x), and, later in its sentence, a bare number after the same preposition that
    closes a phrase a factor of the same verb left out ("... lo hizo por 20, ... por 3.3.": "por 20", "por 3.3")."""
    preposition, verb_end = None, 0
    for draft in drafts:
        if preposition is not None and SENTENCE_BREAK.search(text, verb_end, draft.start):
            preposition = None
        if draft.unit is not None or draft.has_scale:
            continue
        verb = multiplied_by(text, draft.start)
        if verb is not None:
            draft.start, draft.unit = verb[0], "x"
            preposition, verb_end = verb[1], draft.end
            if verb[2] and draft.mantissa:  # "diviser par trois": a third
                draft.mantissa = ONE / (draft.mantissa * draft.scale)
                draft.scale, draft.step = ONE, step_of_value(round(draft.mantissa, 10))
                preposition = None
        elif preposition is not None and ends_a_phrase(text, draft.end):
            alone = preposition_alone(text, draft.start)
            if alone is not None and text[alone : draft.start].split()[0].lower() == preposition:
                draft.start, draft.unit = alone, "x"
                verb_end = draft.end


def _drafts_from_currency_and_a_half(text: str) -> list[Draft]:
    """Return the figures of a currency's name and a half: Serbian and Croatian "dinar i po" (1.5 RSD), Macedonian
    "денар и половина" (1.5 MKD); and of a half before a currency's name: "поскапеа за половина денар" (0.5 MKD)."""
    found = _drafts_from_half_of_a_currency(text)
    for half in _AND_A_HALF.finditer(text):
        name = _CURRENCY_AND_A_HALF.search(text, max(0, half.start() - 24), half.end())
        if name is None or name.end() != half.end():
            continue
        suffix = Suffix(end=name.start() - 1)
        if name.start() == 0 or text[suffix.end : name.start()] not in SPACES:
            continue
        read_currency_after(text, suffix)
        if suffix.unit is not None and suffix.end == name.start("name") + len(name.group("name")):
            draft = Draft(start=name.start(), end=name.end(), mantissa=Decimal("1.5"), step=Decimal("0.5"),
                           unit=suffix.unit)
            _apply_qualifier(text, draft, None)
            found.append(draft)
    return found


def _drafts_from_half_of_a_currency(text: str) -> list[Draft]:
    """Return the amounts of a half right before a currency's name: "половина денар", "pola dinara" (0.5)."""
    found = []
    starts = sorted(start for piece in _HALF_PIECES for start in occurrences(text, piece))
    for half in filter(None, (_HALF_OF_A_CURRENCY.match(text, start) for start in starts)):
        suffix = Suffix(end=half.end())
        read_currency_after(text, suffix)
        if suffix.unit is None or suffix.unit in NOT_MONEY or suffix.has_scale:
            continue
        draft = Draft(start=half.start(), end=suffix.end, mantissa=Decimal("0.5"), step=Decimal("0.5"),
                      unit=suffix.unit)
        _apply_qualifier(text, draft, None)
        found.append(draft)
    return found


def _join_spelled_parts(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join a number in words with a scale word and the smaller number in words right after it: "un millón
    trescientas mil dosis" (1,300,000), "два миллиона триста тысяч рублей" (2,300,000 RUB)."""
    joined: list[Draft] = []
    last_scale = ONE  # the scale of the last part joined to joined[-1]: "on yedi milyon iki yüz on iki bin altı yüz"
    for draft in drafts:
        first = joined[-1] if joined else None
        scale = first.scale if first is not None and first.scale > 1 else last_scale
        if first is not None and first.has_scale and first.unit is None and scale > 1 \
                and text[first.end : draft.start] in SPACES and draft.start > first.end \
                and text[first.start : first.start + 1].isalpha() and text[draft.start : draft.start + 1].isalpha() \
                and draft.mantissa * draft.scale < scale and draft.unit not in ("%", "x", "pp"):
            first.lead_scale = first.lead_scale or first.scale
            first.mantissa = first.mantissa * first.scale + draft.mantissa * draft.scale
            first.step, first.scale, last_scale = draft.step * draft.scale, ONE, draft.scale
            first.end, first.unit = draft.end, draft.unit
            continue
        joined.append(draft)
        last_scale = ONE
    return joined


_DIGIT_DECIMALS = LazyPattern(r",(?P<decimals>\d{1,2})(?![\d.,])")


def _join_digit_scale_parts(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join a whole number in digits with its scale word and the smaller one with a smaller scale right after it:
    "au votat 1 milion 526 de mii de alegători" (1,526,000), the currency, if any, after the second."""
    joined: list[Draft] = []
    for draft in drafts:
        first = joined[-1] if joined else None
        if first is not None and first.has_scale and first.unit is None and first.scale > 1 and first.step >= 1 \
                and draft.has_scale and 1 < draft.scale < first.scale \
                and draft.mantissa * draft.scale < first.scale and draft.unit not in NOT_MONEY \
                and text[first.end : draft.start] == " " and text[first.start : first.start + 1].isdigit() \
                and text[draft.start : draft.start + 1].isdigit():
            first.lead_scale = first.scale
            first.mantissa = first.mantissa * first.scale + draft.mantissa * draft.scale
            first.step, first.scale = draft.step * draft.scale, ONE
            first.end, first.unit, first.minor = draft.end, draft.unit, draft.minor
            continue
        joined.append(draft)
    return joined


def _join_words_and_digit_decimals(text: str, drafts: list[Draft]) -> list[Draft]:
    """Join a whole number in words and the decimals written in digits right after its comma, with what follows
    them, a scale word: "treinta y seis,2 millones de euros" (36.2 million euros), never "2 millones" alone."""
    joined: list[Draft] = []
    for draft in drafts:
        first = joined[-1] if joined else None
        decimals = _DIGIT_DECIMALS.match(text, first.end) if first is not None else None
        if decimals is not None and draft.start == first.end + 1 and text[first.start : first.start + 1].isalpha() \
                and first.unit is None and not first.has_scale and first.step >= 1 and draft.step >= 1 \
                and draft.has_scale \
                and text[draft.start : decimals.end()] == decimals.group("decimals"):
            fraction = Decimal(decimals.group("decimals")) / POWERS_OF_TEN[len(decimals.group("decimals"))]
            draft.mantissa, draft.step = first.mantissa + fraction, POWERS_OF_TEN[-len(decimals.group("decimals"))]
            draft.start = first.start
            joined[-1] = draft
            continue
        joined.append(draft)
    return joined


def _without_elided_ranks(text: str, drafts: list[Draft]) -> list[Draft]:
    """Drop the ranks that leave their noun out after a sentence named it: "ocupaba el puesto número 12 ..., el
    puesto 25 en PIB per cápita y el 27 en cuanto a volumen de población" (the 27th place), "al 100"; and the
    articles of a law: "el artículo 1 de la Ley ... y el 101 del Tratado"."""
    ranks, articles = "puesto" in text, "artículo" in text
    if not ranks and not articles:
        return drafts
    kept = []
    for draft in drafts:
        if draft.unit is None and not draft.has_scale and draft.step >= 1:
            sentence_start = None
            if ranks and _ARTICLE_OF_A_RANK.search(text, max(0, draft.start - 4), draft.start):
                sentence_start = _sentence_start(text, draft.start)
                if _RANK_NOUN.search(text, sentence_start, draft.start):
                    continue
            # "violan el artículo 1 de la Ley ... y el 101 del Tratado": the article 101 of the Treaty
            if articles and _ARTICLE_LEFT_OUT.search(text, max(0, draft.start - 7), draft.start) \
                    and _OF_A_LAW.match(text, draft.end):
                sentence_start = _sentence_start(text, draft.start) if sentence_start is None else sentence_start
                if _ARTICLE_NOUN.search(text, sentence_start, draft.start):
                    continue
        kept.append(draft)
    return kept


def _sentence_start(text: str, pos: int) -> int:
    """Return where the sentence holding ``pos`` begins."""
    return max((found.end() for found in SENTENCE_BREAK.finditer(text, 0, pos)), default=0)


def _drafts_from_japanese_zero(text: str) -> list[Draft]:
    """Return the zero of Japanese "ゼロ件" (no cases), a count of none before its counter."""
    if "ゼロ" not in text:
        return []
    return [Draft(start=zero.start(), end=zero.end(), mantissa=Decimal(0), step=ONE)
            for zero in _JAPANESE_ZERO.finditer(text)]


# German adjectives of a span of time made on a number word: "eine nahezu dreijährige Sondierungsphase" (three
# years), "zweitägige", "sechsmonatigen"; the span counts, as "34-jährige" does.
_GERMAN_SMALL_NUMBERS = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
                         "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "fünfzig": 50}
_GERMAN_NUMBER_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<number>(?i:{alternation(_GERMAN_SMALL_NUMBERS)}))\Z")
_ADJECTIVE_ENDING = LazyPattern(rf"(?:e|en|er|es|em)?(?!{LETTER})")


def _drafts_from_german_span_adjectives(text: str) -> list[Draft]:
    """Return the counts of German adjectives of a span made on a number word: "dreijährige" (3). The ending is
    found first (a plain search), then the number word glued before it."""
    found = []
    for ending in GERMAN_SPAN_ENDINGS:
        at = text.find(ending)
        while at >= 0:
            number = _GERMAN_NUMBER_BEFORE.search(text, max(0, at - 8), at)
            rest = _ADJECTIVE_ENDING.match(text, at + len(ending))
            if number is not None and rest is not None:
                found.append(Draft(start=number.start(), end=rest.end(), step=ONE,
                                   mantissa=Decimal(_GERMAN_SMALL_NUMBERS[number.group("number").lower()])))
            at = text.find(ending, at + 1)
    return found


def _drafts_from_korean_lone_scales(text: str) -> list[Draft]:
    """Return the counts of a Korean scale alone before "여" and a counter: "천여 건" (over 1,000)."""
    found = []
    at = text.find("여", 1)
    while at >= 1:
        lone = _KOREAN_LONE_SCALE.match(text, at - 1)
        if lone is not None:
            power = {"백": 2, "천": 3, "만": 4}[lone.group("scale")]
            found.append(Draft(start=at - 1, end=at + 1, mantissa=Decimal(10) ** power, step=ONE, approx="over"))
        at = text.find("여", at + 1)
    return found


def _take_percent_named_before(text: str, drafts: list[Draft]) -> None:
    """Give a bare decimal the percent its clause names just before it with a copula or a verb of change: "тој
    процент бил 11,41" (that percentage was 11.41), "the percentage was 11.41", "el porcentaje bajó a 79,39"; and
    the decimals listed after it in its sentence ("los porcentajes fueron de 72,37 en las primarias, 81,23 en la
    primera vuelta y 80,93 en el balotaje")."""
    named: Draft | None = None
    for draft in drafts:
        if not bare_rate(draft):
            named = None
            continue
        if _PERCENT_NAMED_BEFORE.search(text, max(0, draft.start - 60), draft.start) \
                or (named is not None and next_in_a_list(text, named, draft)):
            draft.unit, named = "%", draft
        else:
            named = None
