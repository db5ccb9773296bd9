"""Read what a number carries: its currency, scale word, percent sign or multiple, and its qualifier.

Scale words. thousand/k, million/m/mn/mln, billion/bn/b, trillion/tn, lakh, crore; Russian, Ukrainian
and Macedonian тыс./тис./илјади, млн/миллион/мільйон/милион, млрд/миллиард/мільярд/милијарда, трлн; German
Tsd./Tausend, Mio./Million(en), Mrd./Milliarde(n), Billion(en); French million(s), milliard(s), Md;
Spanish mil, millón/millones, mil millones, millardo, billón/billones; Finnish tuhatta, milj./miljoona(a),
miljardi(a), biljoona(a); Chinese and Japanese 千, 万/萬, 亿/億, 兆 and their compounds (千万, 万亿,
"1亿2000万", "5兆3500億", "3万5000"). The bare letters k, m, b and French M/Md count as scale words only
glued to the number ("$5m", "12.9bn", "5 M€") and only with a currency, or for k and m before a counted
or plural noun ("3m people", "50k users"); otherwise "5m" is five metres, a plain count, and "4K" or
"5b" no figure at all. "billion" is 10^9 except that German "Billion(en)" and French "billion(s)" are
10^12: "Billionen" always, "Billion" when the text around is German or the currency after it is written
the German way ("Euro", "Dollar", "US-Dollar"), and French "billion(s)" when the text around is French.
Spanish "billón/billones" are 10^12.

Currencies. "$" alone is USD (US$, A$, C$, HK$ ... are their own, and so are "$US", "$A", "$NZ" of the
Australian and New Zealand press) except near (2,000 characters) a "$US", "$A" or "$NZ" before a number: there the
bare "$" is a dollar of the writer's country, which the text does not name ("$US1.1 billion ($1.58 billion)" on
an Australian page), and makes no figure; "¥"/"￥" is JPY unless the text around
is Chinese (Han characters without kana, or 元/人民币/RMB/yuan/CNY nearby), then CNY; 元 is CNY, 円 JPY,
美元 USD. ISO codes are recognised in upper case only, before or after the number. Currency names are
recognised in English, Russian, Ukrainian, Macedonian, German, French, Spanish, Finnish, Chinese and
Japanese, after the number, after a scale word, or after "de"/"d'"/"of" following a scale word
("5 millions d'euros", "5 millones de dólares"); those of every other language from CLDR (``currencies``).
Kazakh, Turkish and Finnish add case endings ("10 mlrd teńgege", "80 miljoonaan euroon"), to scale words too,
where an ending must agree with the word's vowels ("milyona", "binde"; "iki bina" is two buildings, not 2,000).
Symbols of letters that CLDR gives a language are read in text of that language ("45.460 kn"), and Turkey's
"TL". Turkish and Kazakh write the units after their last scale word ("4 milyon 908 bin 518 TL"). A country
after a currency's name tells which of the currencies sharing it is meant: "dollars de Taïwan" is TWD. A name
that also weighs ("pounds", "фунтов", "funtów", "ポンド") is a weight unless a scale word stands before it ("5 million
pounds"), and it is money only in a sentence that prices something ("fined 500 pounds"), never after a word for
weighing ("cocaine weighing 129.86 pounds") or before "of" ("70 pounds of cargo"). Macedonian writes the article
on a number ("150-те милиони долари"): what follows the article is read as after the number; only the plural
article marks a cardinal ("11-та седница" is the 11th session). Words of every table are read in capitals too
("MİLYON LİRA", "MILIOANE DE LEI"). A composite amount is one: "1 mln 546 tys. 427 zł" (units before the
currency), "86 miliona i 424.252 evra" (the rest joined by "and", below the scale), "1 trilyon 133,5 milyar lira"
(a decimal comma in the last part). "mil." before a currency is
Croatian and Serbian for million ("140 mil. kn"); Kazakh and Turkish may write "about" between the scale and the
currency ("3 миллиардқа жуық теңгесін").

Minor units ("30,85 Cent", "39,9 ct.", "zece bani", "50 копеек", "25 kuruş"): the value in the currency
(``minor_units``). A percent sign or word before the number: "%17", "(% 15,3)", "yüzde -1,11" with its sign.

Multiples. times, раз, пати, fois, veces, kertaa, mal, puta, razy, ori, kat, katladı ("sekize katladı"), есе,
"еселенген" ("алпыс еселенген", sixty times over), -fold, -fach ("fünffache"), -mal ("fünfmal"), x, 倍, 배 ("두 배", "2배로", "13.36배가"), and the words of a multiple alone ("fourfold"); a percent
written as an adjective ("90-prosenttista", "90-prozentige"), Japanese "パーセント" and "割" (tenths: "9割" is
90 %); percentage points before percent ("0.73%포인트", "0,5 п.п.", "0.1个百分点"), and points of a
rate ("en hausse de 0,2 point", "2 puntos", "1,5 пункта", "2 boda") where the sentence speaks of a rate or a share
and no index is named around it; more than 100 points are an index's level, never a rate's.

Korean writes "여" (over) before a scale ("800여만원", "1억5000여만원"): the figure is over that amount.

Qualifiers. A qualifier just before the figure (before its currency symbol too: "almost $6 million"),
possibly followed by a preposition ("почти в 5 раз", "майже на 20%"), or a CJK one just after
("1000万余元", "5万元左右", "100万円以上"), sets ``approx``; it is not part of the span.
- "about": about/around/approximately/roughly/some/около/примерно/близько/околу/rund/etwa/environ/
  alrededor de/unos/noin/约/約 ...
- "over": over/more than/above/at least/свыше/более/понад/над/повеќе од/mehr als/über/plus de/más de/
  yli/超过/逾/余/多 ...
- "under": nearly/almost/less than/under/up to/почти/майже/речиси/скоро/fast/knapp/bis zu/presque/
  près de/moins de/casi/cerca de/lähes/近 ...
and their like in Polish, Serbian and Croatian, Romanian, Turkish, Kazakh and Korean ("około", "ponad",
"niemal", "oko", "preko", "peste", "yaklaşık", "шамамен", "약", "거의").
A bare "до", "bis" or "hasta" is not a qualifier: it usually closes a range.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from archive.figures.currencies import (AGGLUTINATIVE, CASE_ENDINGS, FINNISH_CASE_ENDINGS, currency_described,
                                        currency_table, harmonious_endings, resolve_noun, without_case_ending)
from archive.figures.minor_units import WORDS as MINOR_UNIT_WORDS
from archive.figures.minor_units import read_glued_pence, read_minor_unit
from archive.figures.numbers import POWERS_OF_TEN, step_of
from archive.figures.sentence_topics import sentence_prices, sentence_speaks_of_a_rate
from archive.figures.sentence_topics import rate_named_in_the_sentence_before
from archive.figures.surroundings import (CYRILLIC, HAN, KANA, LETTER, NOT_LETTER_AFTER, SPACES, WORD, WS, alternation,
                                          next_word, single_spaced, tokens_before, window_language)
from archive.figures.surroundings import lowered as lower_case
from archive.figures.vocabulary import (AGGLUTINATED_SCALES, TURKIC_SCALES, CJK_COUNTERS, CJK_CURRENCIES, CJK_EUROPE_AFTER_EU,
                                        CJK_QUALIFIERS, CJK_QUALIFIERS_AFTER, CJK_SCALES, CONTINENTAL_NAMES,
                                        COUNTED_NOUNS, CURRENCIES_BEFORE, CURRENCY_CODES, CURRENCY_NAMES,
                                        GERMAN_CURRENCY_SPELLINGS, INFLECTED_CURRENCY_NAMES, KOREAN_COUNTERS,
                                        KOREAN_HOUSEHOLD_COUNTERS,
                                        MULTIPLYING_WORDS, QUALIFIERS_BEFORE_CURRENCY,
                                        LANGUAGE_MARKERS, NOT_COUNTED_WORDS, POINT_WORDS, PREPOSITIONS_AFTER_QUALIFIER, QUALIFIERS,
                                        SCALE_LETTERS, SCALE_WORDS, SYMBOLS_AFTER, WEIGHING_WORDS,
                                        WEIGHT_CURRENCY_NAMES)
from archive.patterns import LazyPattern

_GERMAN_NOUN_AFTER = LazyPattern(rf"{WS}(?P<noun>[A-ZÄÖÜ][a-zäöüß]+)(?![\w-])")
# The Turkish distributive on a number, before its scale or currency: "25'er milyon TL" (25 million each).
_TURKISH_DISTRIBUTIVE = LazyPattern(rf"['’](?:ş|s)?[ae]r(?={WS})")
# After 元 these make a word of it: "一元的" (unified), "多元化" (diversified), "二元論" (dualism).
_YUAN_WORD_ENDS = frozenset("的化論论")
# Taiwan and the institutions of its government, by which a paragraph says its 元 are Taiwan's.
_TAIWAN = LazyPattern(r"[臺台]灣|[臺台]北|新[臺台]幣|行政院|立法院|監察院|考試院|立委|審計部|總統府|民進黨|國民黨|中華民國")
_RENMINBI = LazyPattern(r"人民[币幣元]|RMB|CNY|[Yy]uan|[Rr]enminbi")
# Common characters written one way in traditional text and another in simplified: their counts tell the script.
_TRADITIONAL_ONLY = frozenset("這個們國會發說對時與為經來後實開關學過現將當區體點機長門問間聽見車東無萬億應業從爭費額達總預決審計員稅錢營價")
_SIMPLIFIED_ONLY = frozenset("这个们国会发说对时与为经来后实开关学过现将当区体点机长门问间听见车东无万亿应业从争费额达总预决审计员税钱营价")
# Near a yen sign, these make it a yuan sign (the two share "¥").
_CHINESE_MONEY_HINT = LazyPattern(r"元|人民[币幣]|RMB|CNY|[Yy]uan|[Rr]enminbi")

def _agglutinated_scales(optional: bool) -> str:
    """Return the pattern of a Turkish or Kazakh scale word with a case ending that agrees with its vowels
    ("milyona", "binde", "мыңнан"; not "bina", a building); the ending may be left out when ``optional``."""
    by_endings: dict[tuple[str, ...], list[str]] = {}
    for stem in AGGLUTINATED_SCALES:
        by_endings.setdefault(harmonious_endings(stem), []).append(stem)
    tail = "?" if optional else ""
    return "|".join(rf"(?i:{alternation(stems)})(?=(?i:{alternation(endings)}){tail}{NOT_LETTER_AFTER})"
                    for endings, stems in by_endings.items())


_SCALE = LazyPattern(
    rf"(?:{WS}|-)?(?:de{WS})?(?P<word>(?i:{alternation(SCALE_WORDS)})){NOT_LETTER_AFTER}"
    rf"|{WS}(?P<agglutinated>{_agglutinated_scales(optional=False)}){LETTER}+"
    rf"|(?P<letter>[kKmMbB]){NOT_LETTER_AFTER}"
    rf"|{WS}?(?P<french>Mds|Md|M)(?={WS}?[€$£])"
)
# "mil" with or without a dot, a word of its own: million in Romanian, Serbian and Croatian text.
_MIL_WORD = LazyPattern(rf"{WS}(?i:mil)\.?(?!{LETTER})")
# "mil." is Croatian, Serbian and Czech for million ("140 mil. kn", "2,5 mil. eura"), never Spanish's thousand,
# which is written "mil" with no dot; read so before a currency only, where a wrong scale would be a wrong amount.
_MILLIONS_ABBREVIATED = LazyPattern(rf"{WS}(?i:mil\.)(?=\s?(?i:kn|kuna|eura?|evra|dinara|din\.|kč|korun|€|EUR|HRK|RSD|BAM|KM|USD|CZK|\$)(?!{LETTER}))")
# 千 of 千克, 千米 and 千瓦 is the kilo of kilograms, kilometres and kilowatts: "413千克" is 413 kg, no 413,000.
CJK_SCALE = LazyPattern(
    # "800여만원": over 800만
    rf"(?P<more>[多余]|여(?: (?=[만억조]))?)?(?P<scale>(?!千[克米瓦])(?:{alternation(CJK_SCALES)}))?(?P<more_after>[多余])?"
)
_SPACED_CJK_SCALE = LazyPattern(r"[多余]?[萬万億亿兆]")
# and "over" spaced from the digits before a currency: "均价 900 余元" (over 900 yuan on average)
_SPACED_MORE_BEFORE_CURRENCY = LazyPattern(lambda: rf"[多余](?:{alternation(CJK_CURRENCIES)})")
# The smaller parts of "58 milyar 129 milyon 307 bin dolar", "29 milijardi 367 miliona evra" (Turkish may end the
# last with the distributive: "1 milyon 700'er bin euro", 1.7 million each); the last may have a decimal comma
# ("1 trilyon 133,5 milyar lira"), never a dot, which groups thousands as often.
_WORD_SCALE_TAIL = LazyPattern(
    rf"{WS}(?P<digits>\d{{1,3}}(?P<decimals>,\d{{1,2}}(?!\d))?)(?:['’](?:ş|s)?[ae]r)?{WS}(?:(?P<word>(?i:{alternation(SCALE_WORDS)})){NOT_LETTER_AFTER}"
    rf"|(?P<agglutinated>{_agglutinated_scales(optional=True)}){LETTER}*)"
)
# The rest of a composite amount joined by "and" to its scale, written in digits grouped by thousands before the
# currency: "86 miliona i 424.252 evra" (checked by the caller).
_JOINED_REST = LazyPattern(rf"{WS}(?:i|и|and|et|y|und|ve|şi|și|ja){WS}(?P<digits>\d{{1,3}}(?:(?P<sep>[.\u00a0\u202f ])\d{{3}}(?:(?P=sep)\d{{3}})*)?)(?![\d.,]\d)")
# The smaller part of a composite amount joined by "and", a scale word of its own before the currency: "26 милијарди
# и 947 милиони денари", "1 milijarda i 370 miliona" (checked by the caller: a currency must follow, the scale be
# smaller and the digits fewer than it leaves room for; a range or a list never goes down in scale this way).
_JOINED_SCALE_TAIL = LazyPattern(
    rf"{WS}(?:i|и|and|et|y|und|ve|şi|și|ja){WS}(?P<digits>\d{{1,3}}){WS}"
    rf"(?P<word>(?i:{alternation(SCALE_WORDS)})){NOT_LETTER_AFTER}"
)
# The units after "bin", "milyon" or "мың" ("908 bin 518"): up to three digits that no scale word follows.
_UNITS_AFTER_THOUSAND = LazyPattern(
    rf"{WS}(?P<digits>\d{{1,3}})(?![\d.,]|{WS}?(?i:{alternation(SCALE_WORDS)}|{_agglutinated_scales(optional=False)}))"
)
# Korean may space the parts and group the digits of one: "1억 9,000만 원".
_HALF_AFTER = LazyPattern(rf"{WS}(?:y{WS}medio|i{WS}po|et{WS}demi|и{WS}пол)(?!{LETTER})")
_CJK_TAIL = LazyPattern(
    rf"{WS}?(?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?P<more>여)?(?P<scale>{alternation(CJK_SCALES)})"  # "1억5000여만원"
)
# the units under 万 may be grouped by a comma: "16万5,412円" (165,412 yen)
_CJK_UNITS_TAIL = LazyPattern(r"(?P<integer>\d,\d{3}|\d{1,4})(?:\.\d+)?(?![\d.,])")
# The units of an amount of won after a space, grouped by thousands: "2만 7,035원" is one amount (27,035 won), as
# "15 теңге 90 тиын" is; only before 원 or 명 (people), where two amounts side by side would be no sentence:
# "누적관객수 1045만 1244 명" (10,451,244 people).
_KOREAN_SPACED_UNITS_TAIL = LazyPattern(r" (?P<integer>\d,\d{3}|\d{1,4})(?=\s?[원명])")
# A space may part the sections: "2억 7천 5백만 원" is one amount (275 million won).
_CJK_RUN_SECTION = LazyPattern(r" ?(?P<digits>\d{1,3})(?P<scale>[천백千])")
_CJK_RUN_UNITS = LazyPattern(r"\d{1,3}(?![\d.,])")
# and the units after a space, when a scale of ten thousand or more counts them all: "3천 70억원" (307,000,000,000 won)
_CJK_SPACED_RUN_UNITS = LazyPattern(r" \d{1,3}(?=[만억조萬億兆])")
# A scale of ten thousand or more after the smaller parts of a number, "여" (over) between: "2천7백만", "6천여만";
# not "백만" or "천억", which hold a smaller scale of their own
_CJK_BIG_AFTER = LazyPattern(rf"{WS}?(?P<more>여)?(?P<scale>{alternation([s for s, p in CJK_SCALES.items() if p >= 4 and s[0] not in '천백십千百十'])})")
_CONNECTOR = LazyPattern(rf"{WS}(?i:de|of){WS}|\s[dD]['’?]")  # "1,5 milliard\nd'euros": prose wrapped  # in capitals too: "MILIOANE DE LEI"
# The pinyin reading some pages write after each character: "萬(wàn)元", "億(yì)元".
_PINYIN_READING = LazyPattern(r"\((?=[^)]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")
_CURRENCY_AFTER = LazyPattern(
    rf"{WS}?(?:(?P<symbol>{alternation(SYMBOLS_AFTER)})(?!(?<={LETTER}){LETTER})"  # "zł", not "złotych"
    rf"|(?P<code>{alternation(CURRENCY_CODES)})(?![A-Za-z])"
    rf"|(?P<name>(?i:{alternation(CURRENCY_NAMES)})){NOT_LETTER_AFTER}"
    rf"|(?P<inflected>(?i:{alternation(INFLECTED_CURRENCY_NAMES)}))(?:{alternation(CASE_ENDINGS + FINNISH_CASE_ENDINGS)})"
    rf"{NOT_LETTER_AFTER}"
    rf"|(?P<cjk>{alternation(CJK_CURRENCIES)}))"
)
_CURRENCY_BEFORE = LazyPattern(
    rf"(?:(?P<symbol>{alternation(c for c in CURRENCIES_BEFORE if not c[0].isalpha())})"
    rf"|(?<![A-Za-z])(?P<word>{alternation(c for c in CURRENCIES_BEFORE if c[0].isalpha())})){WS}?$"
)
# Percentage points, before percent: "0.73 percentage points", "0,5 п.п.", "0.73%포인트", "0.1个百分点".
POINTS = LazyPattern(
    rf"{WS}?(?:[%％]{WS}?(?:포인트|p(?!{LETTER})|ポイント)|(?i:percentage{WS}points?|pp|p\.{WS}?p\.|п\.{WS}?п\.|в\.{WS}?п\.|"
    rf"процентн(?:ых|ого|ый|ые|ым){WS}пункт(?:а|ов|ом)?|відсотков(?:их|ого|і|ий){WS}пункт(?:и|ів|а)?|"
    rf"prozentpunkte?n?|points?{WS}de{WS}pourcentage|puntos?{WS}porcentuales?|prosenttiyksikkö(?:ä|ä|n)?|"
    rf"punkt(?:ów|y)?{WS}procentow(?:ych|e|y)|pkt{WS}proc\.?|puncte{WS}procentuale|procentnih{WS}poena|"
    rf"postotn(?:ih|a|i){WS}bodova|процентни{WS}поени|procentni{WS}poeni|процентних{WS}поена|пайыздық{WS}тармақ{LETTER}*|퍼센트{WS}?포인트)(?!{LETTER})|个百分点|個百分點)"
)
# Points after a number, percentage points where the sentence speaks of a rate ("perdu vingt points").
_JAPANESE_POINTS = LazyPattern(r"ポイント")  # glued, with its particle or verb: "前月比0.1ポイント悪化し"
_POINTS_OF_A_RATE = LazyPattern(rf"{WS}(?i:{alternation(POINT_WORDS)}){NOT_LETTER_AFTER}")
# "1 por 100 habitantes" is one in a hundred people, no percent
_NO_PLURAL_AFTER = rf"(?!{WS}(?!(?i:más|menos|plus|moins)(?!{LETTER})){LETTER}+s(?!{LETTER}))"
_PERCENT = LazyPattern(
    # "un 0,08 por 100 más" (Spanish writes the percent so too), "pour 100", "per 100"
    rf"{WS}?(?:[%٪％]|(?i:percent|per{WS}?cent|pct\.?|pour{WS}?cent|por{WS}?ciento|por{WS}cien|por{WS}100(?!\d){_NO_PLURAL_AFTER}|"
    rf"pour{WS}100(?!\d){_NO_PLURAL_AFTER}|prozent|"
    rf"процент(?:ами|ам|ах|ов|ом|а|ы|у|е)?|проценти|отсто|насто|відсот(?:ок|ками|кам|ках|ків|ком|ки|ка|ку|ці)|відс\.|"
    rf"prosent(?:ti(?:a|in|ä)?|in|illa|ista|issa|iksi|ille|ilta)|"
    rf"prosenttinen|prosenttis{LETTER}+|"  # "80–90 prosenttista" (of 80 to 90 percent)
    rf"proc(?:\.|(?=[\"\u201d]))|procent(?:ach|ami|om|y|ów)?|posto|odsto|procenata|procente?|la{WS}sută|de{WS}procente|посто|одсто|процената|"
    rf"пайыз{LETTER}*|paıyz{LETTER}*|پايىز{LETTER}*|퍼센트|"
    rf"процент(?:ке|ті|тен|тің|і|ін|іне|інің|індей)){NOT_LETTER_AFTER})"  # Kazakh cases: "70 процентіне" (to 70%)
    rf"|パーセント"  # Japanese glues its particles to it: "10パーセントかかる"
    # a rate as an adjective joined by a hyphen: "90-prosenttista", "90-prozentige", "90-процентный", "90-percent"
    rf"|[-‑](?i:prosenttinen|prosenttis{LETTER}+|prozentig{LETTER}*|процентн{LETTER}+|відсотков{LETTER}+|"
    rf"procentow{LETTER}+|postotn{LETTER}+|percent){NOT_LETTER_AFTER}"
    rf"|[-‑](?i:proc)(?=\.)"  # and the Polish adjective shortened: "2,3-proc. składkę" (a 2.3 % contribution)
    # the first part of a German compound: "Zwei-Prozent-Ziel", "2-Prozent-Hürde"
    rf"|[-‑](?i:prozent)(?=[-‑]{LETTER})"
)
# A percent word or sign before the number: Turkish "yüzde 17,1", "%17", with its sign ("yüzde -1,11").
# Turkish spaces the sign from the number too ("(% 15,3)", "yatırımlar ise 1,8 trilyon TL (% 10)"), but a sign after
# a digit is that number's ("5 % 10" is no rate of ten).
# A per mille word before the number, read as a tenth of a percent: Turkish "binde 6" (six per thousand, 0.6 %).
PER_MILLE_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:binde){WS}$")
PERCENT_BEFORE = LazyPattern(rf"(?:(?<!{LETTER})(?i:yüzde){WS}-?|(?<!\d)(?<!\d\s)%{WS}?)$")
MULTIPLE = LazyPattern(
    rf"{WS}?(?i:times|пати|раз|раза|рази|разів|fois|veces|kertaa|mal|puta|пута|razy|ori|kat(?:[ıi]na)?|katla{LETTER}*|есе(?:ге|ден|лен{LETTER}*)?|"
    # "İKİ KATI AŞAN", "2 katı fazla": "katı" is a multiple before a word of growth, else a floor ("3 katı yandı")
    rf"kat[ıi](?={WS}(?i:aşan|aşt{LETTER}*|art{LETTER}*|fazla|daha|büyük|yüksek|pahal{LETTER}*)(?!{LETTER}))|"
    rf"ese(?:ge|den|len{LETTER}*)?){NOT_LETTER_AFTER}"
    rf"|-?(?i:fold|fach(?:e|en|er|es)?|mal|kertai{LETTER}*){NOT_LETTER_AFTER}"
    rf"|[x×]{NOT_LETTER_AFTER}|倍"
    rf"|{WS}?배(?:(?![가-힣])|(?=로|씩|가량|정도|나|에|가|의))"  # Korean "두 배", "2배로", "3배정도", "5배의", not "배를" (a ship)
    # but "배를" before exceeding or recording is a multiple: "전년의 두 배를 훌쩍 넘어서면서", "두 배를 넘어섰습니다"
    rf"|{WS}?배(?=를{WS}?(?:훌쩍|넘|웃돌|상회|기록|뛰어넘|크게|훨씬))"
)


def _first_words(*vocabularies) -> set[str]:
    """Return the lower-cased first words of every entry of ``vocabularies``."""
    words = set()
    for vocabulary in vocabularies:
        for entry in vocabulary:
            first = WORD.match(entry.lower())
            if first:
                words.add(first.group())
    return words


# What may follow a number for read_suffix to find something: a first word, or a first character.
_SUFFIX_FIRST_WORDS = _first_words(
    SCALE_WORDS, SCALE_LETTERS, CURRENCY_NAMES, CURRENCY_CODES, SYMBOLS_AFTER,
    ["fach", "fache", "fachen", "facher", "faches",  # "fünffache": the number word ends before "fach"
     "percent", "per", "pct", "pour", "por", "prozent", "процент", "процента", "процентов", "проценты",
     "проценти", "отсто", "насто", "відсоток", "відсотки", "відсотків", "відсотка", "prosenttia", "prosentti",
     "prosenttiin", "prosentin", "prosentilla", "prosentista", "prosentissa", "prosentiksi", "prosentille",
     "prosentilta", "times", "пати", "раз", "раза", "рази", "разів", "fois",
     "veces", "kertaa", "mal", "x", "de", "of", "d", "percentage", "pp", "p", "п", "в", "процентных",
     "процентного", "відсоткових", "prozentpunkte", "prozentpunkten", "prozentpunkt", "points", "point",
     "puntos", "punto", "prosenttiyksikköä", "punktów", "punkty", "pkt", "puncte", "procentnih", "postotnih",
     *MINOR_UNIT_WORDS, "пайыздық", "proc", "procent", "procenty", "procentów", "posto", "odsto", "procenata", "procente", "la",
     "посто", "одсто", "процената", "пайыз", "paıyz", "відс", "процентни", "procentni", "процентних", "prosenttinen",
     "پايىز", "퍼센트", "процентке", "процентті", "проценттен", "проценттің", "проценті", "процентін", "процентіне",
     "процентінің", "процентіндей", "ese", "esege", "eseden", "есе", "есеге", "еседен",
     "еселенген", "еселеніп", "еселенді", "eselengen", "eselenip", "eselendi", "kat", "katladı", "katladığını", "katlayarak", "katlamış", "puta", "пута", "ori", "razy", "배", *POINT_WORDS,
     # the other cases of the percent's noun: "29,2 відсоткам пенсіонерів", "15 процентам", "20 procentach"
     "процентам", "процентами", "процентах", "процентом", "проценту", "проценте", "відсоткам", "відсотками",
     "відсотках", "відсотком", "відсотку", "відсотці", "procentach", "procentami", "procentom"],
)
_SUFFIX_FIRST_CHARS = set("-‑%٪％×倍多余여个個배パ割" + "".join(CJK_SCALES) + "".join(CJK_CURRENCIES)
                          + "".join(CJK_QUALIFIERS_AFTER) + "".join(symbol[0] for symbol in SYMBOLS_AFTER))
_CURRENCY_LAST_CHARS = {currency[-1] for currency in CURRENCIES_BEFORE}
# A dollar sign with its country's letters after it and a number next: "$US1.1 billion", "$A 500".
_NUMBER_BEFORE_POUNDS = LazyPattern(r"\d\S*\s*$")
_COUNTRY_AFTER_DOLLAR = LazyPattern(r"\$(?:US|A|NZ) ?\d")
_CJK_QUALIFIER_LAST_CHARS = {qualifier[-1] for qualifier in CJK_QUALIFIERS}


@dataclass
class Suffix:
    """What follows a number: scale, currency, percent or multiple, and where it ends."""

    end: int
    power: int = 0
    has_scale: bool = False
    scale_word: str = ""
    scale_convention: str | None = None
    letter_scale: bool = False
    composite: Decimal | None = None  # extra value of "1亿2000万" after its first part
    composite_step: Decimal | None = None
    unit: str | None = None
    name_convention: str | None = None  # revealed by a currency name: "euroa", "долари", German "Euro"
    symbol_after: bool = False  # "1.234 €": a symbol after the number hints at the continental convention
    german_currency: bool = False
    approx: str | None = None
    rate_points: bool = False  # "points" read as percentage points because the sentence speaks of a rate
    unit_start: int | None = None  # where the percent or multiple read after the number begins
    minor: bool = False  # the currency is named by its hundredth: "30,85 Cent" is 0.3085 EUR


# "and some" between a number and its scale or noun: "70 с лишним триллионов", "з гаком"
_AND_SOME = LazyPattern(rf"{WS}(?:с|з){WS}(?:лишним|лишком|гаком)(?!{LETTER})")


def read_suffix(text: str, pos: int, has_currency: bool) -> Suffix:
    """Return the scale, currency, percent or multiple written right after the number ending at ``pos``."""
    suffix = Suffix(end=pos)
    odd = _AND_SOME.match(text, pos)
    if odd is not None:  # "70 с лишним триллионов тенге": over 70 trillion
        after = read_suffix(text, odd.end(), has_currency)
        if after.has_scale or after.unit:
            after.approx = after.approx or "over"
            return after
    distributive = _TURKISH_DISTRIBUTIVE.match(text, pos)
    if distributive is not None:  # "25'er milyon TL": 25 million lira each
        after = read_suffix(text, distributive.end(), has_currency)
        if after.has_scale or after.unit:
            return after
    if not has_currency and (me := _finnish_millions_of_euros(text, pos)) is not None:
        return me
    if not has_currency and text[pos : pos + 1] == "\n" and (wrapped := _wrapped_amount(text, pos)) is not None:
        return wrapped
    if not has_currency and text[pos : pos + 1] == "p" and (pence := read_glued_pence(text, pos)) is not None:
        suffix.unit, suffix.end, suffix.minor = pence[0], pence[1], True  # "12p on a bottle": 0.12 GBP
        return suffix
    if not may_have_suffix(text, pos):
        return suffix
    _read_scale(text, suffix)
    if not has_currency:
        read_currency_after(text, suffix)
    if suffix.unit is None and not has_currency and not suffix.has_scale and text[suffix.end : suffix.end + 1] == "割":
        suffix.unit, suffix.end, suffix.power, suffix.has_scale = "%", suffix.end + 1, 1, True  # "9割": 90 %
    if suffix.unit is None and not has_currency:
        for pattern, unit in ((POINTS, "pp"), (_PERCENT, "%"), (_VOM_HUNDERT, "%"), (MULTIPLE, "x")):
            unit_match = pattern.match(text, suffix.end)
            if unit_match:
                suffix.unit_start, suffix.unit, suffix.end = suffix.end, unit, unit_match.end()
                break
        else:
            points = _POINTS_OF_A_RATE.match(text, suffix.end) or _JAPANESE_POINTS.match(text, suffix.end)
            if points and not suffix.has_scale and (sentence_speaks_of_a_rate(text, pos, points.end())
                                                    or rate_named_in_the_sentence_before(text, pos, points.end())):
                suffix.unit, suffix.end = "pp", points.end()  # "inférieur de 11 points à la cible" of a rate
                suffix.rate_points = True
    if suffix.unit is None and not has_currency and not suffix.has_scale \
            and (minor := read_minor_unit(text, suffix.end)) is not None:
        suffix.unit, suffix.end, suffix.minor = minor[0], minor[1], True  # "39,9 ct.", "zece bani"
    read_qualifier_after(text, suffix)
    return suffix


# Finnish "me", miljoonaa euroa, in lower case after an amount: "54 me", "säästäisi 1,4 me." (never a year's "me",
# the pronoun: "2020 me lähdimme").
_FINNISH_ME = LazyPattern(rf"{WS}me(?=[.,;:)]|{WS}|$)")


def _finnish_millions_of_euros(text: str, pos: int) -> Suffix | None:
    """Return millions of euros for Finnish "me" after the number ending at ``pos``, else None."""
    found = _FINNISH_ME.match(text, pos)
    if found is None or _YEAR_BEFORE.search(text, max(0, pos - 5), pos) \
            or window_language(text, pos, found.end()) != "fi":
        return None
    return Suffix(end=found.end(), power=6, has_scale=True, scale_word="me", scale_convention="eu", unit="EUR")


# The Macedonian definite article written on a number: "150-те милиони долари" (the 150 million dollars). Only
# the plural forms (-те, -ве, -не) mark a cardinal: "-та", "-то" are the endings of feminine and neuter ordinals
# ("11-та седница", the 11th session; "30-та членка", the 30th member), "-от" and "-он" of masculine ones.
# Russian and Ukrainian write a case ending on a number before a scale word: "23-х мільйонів гривень" (of 23
# million); before any other word "-х" may be a decade ("90-х годах"), which stays no figure.
_CASE_ENDING_BEFORE_SCALE = LazyPattern(rf"[-‑](?:х|ти|ми)(?={WS}(?:млн|млрд|трлн|тыс|тис|милли|мільй|мільяр))")
_MACEDONIAN_ARTICLE = LazyPattern(rf"[-‑](?:те|ве|не){NOT_LETTER_AFTER}")


def article_end(text: str, pos: int) -> int:
    """Return where the Macedonian article glued to the number ending at ``pos`` ends ("150-те"), else ``pos``;
    ordinals ("33-ти", "2-ри") keep their ending, which is no article. No other Cyrillic language we read glues
    these endings to a number (a short Macedonian sentence may be told Russian), but Kazakh glues its case endings
    ("20-на"), which are read as such."""
    if text[pos : pos + 1] not in "-‑":
        return pos
    found = _MACEDONIAN_ARTICLE.match(text, pos) or _CASE_ENDING_BEFORE_SCALE.match(text, pos)
    if found is None or window_language(text, pos, pos) not in ("mk", "ru", "sr", "uk"):
        return pos
    return found.end()


_YEAR_BEFORE = LazyPattern(r"(?<![\d.,])(?:19|20)\d\d\Z")


def _wrapped_amount(text: str, pos: int) -> Suffix | None:
    """Return the scale and currency on the next line when prose wrapped there right after the number: "in Höhe
    von rund 2,57\nMillionen Euro", "69,4\nмилијарди денари"; a scale with no currency after it is left alone."""
    if not text[pos + 1 : pos + 2].isalpha() or _YEAR_BEFORE.search(text, max(0, pos - 5), pos):
        return None  # "2019\nMillionen Euro": a table's year over the row of its unit
    after = read_suffix(text, pos + 1, has_currency=False)
    if after.unit in (None, "%", "x", "pp") or after.minor:
        return None
    if after.has_scale or _is_inflected_name(text[pos + 1 : after.end]):
        return after  # "tarkastusmaksun korottamista 100\neuroon": a case ending is prose, never a table's head
    return None


def _is_inflected_name(written: str) -> bool:
    """Tell whether a currency's name is written with a case ending of Finnish, Turkish or Kazakh ("euroon")."""
    word = lower_case(written)
    return word not in CURRENCY_NAMES and any(stem in CURRENCY_NAMES for stem in without_case_ending(word)) \
        or any(word.startswith(name) and word[len(name):] in FINNISH_CASE_ENDINGS for name in INFLECTED_CURRENCY_NAMES)


def may_have_suffix(text: str, pos: int) -> bool:
    """Tell cheaply whether anything we read can follow ``pos``; most bare numbers are followed by none."""
    if text[pos : pos + 1] in SPACES:
        pos += 1
    char = text[pos : pos + 1]
    if not char or char in _SUFFIX_FIRST_CHARS:
        return bool(char)
    if char == "\n":  # the currency's code on the next line of a table, after an amount to its hundredths
        return bool(_CENTS_BEFORE.search(text, max(0, pos - 4), pos)
                    or _MILLIONS_GROUPED_BEFORE.search(text, max(0, pos - 9), pos))
    if not char.isalpha():
        return False
    word = WORD.match(text, pos)
    if word is None:
        return False
    lowered = lower_case(word.group())
    return lowered in _SUFFIX_FIRST_WORDS or lowered in _cldr_first_words() or lowered in _VOM_HUNDERT_FIRST_WORDS \
        or any(stem in _SUFFIX_FIRST_WORDS or stem in _cldr_first_words() for stem in without_case_ending(lowered))


@functools.cache
def _cldr_first_words() -> frozenset[str]:
    """Return the first words of the currency names of CLDR, read once."""
    return frozenset(currency_table().first_words())


def _mil_for_million(text: str, end: int) -> re.Match | None:
    """Return "mil" or "mil." after a number where the language writes it for million, Romanian, Serbian and
    Croatian ("9.500,9 mil EUR", "12 mil tone"), never Spanish and Portuguese, where it is a thousand, nor
    Turkish, where it is a mile."""
    found = _MIL_WORD.match(text, end)
    if found is None or window_language(text, end, found.end()) not in ("ro", "sr"):
        return None
    return found


def _read_scale(text: str, suffix: Suffix) -> None:
    """Read a scale word (or CJK scale, with 余/多 and a "1亿2000万" tail) into ``suffix``."""
    if text[suffix.end : suffix.end + 1] == " " and (_SPACED_CJK_SCALE.match(text, suffix.end + 1)
                                                     or _SPACED_MORE_BEFORE_CURRENCY.match(text, suffix.end + 1)):
        suffix.end += 1  # "5 億人民幣", "50 多萬人民幣": Hong Kong and Taiwan space the digits from the scale
    cjk = CJK_SCALE.match(text, suffix.end)
    if cjk.group("scale"):
        suffix.power, suffix.has_scale, suffix.end = CJK_SCALES[cjk.group("scale")], True, cjk.end()
        if cjk.group("more") or cjk.group("more_after"):
            suffix.approx = "over"
        run = _read_small_run(text, suffix.end, suffix.power) if suffix.power < 4 else None
        if run and run[3] is not None:  # "2천926억", "3천1백24억원": the thousands of 억 written first
            value, step, end, big, _ = run
            suffix.composite, suffix.composite_step = value * POWERS_OF_TEN[big], step * POWERS_OF_TEN[big]
            suffix.power, suffix.end = suffix.power + big, end
            _read_cjk_tail(text, suffix, big)
        else:
            _read_cjk_tail(text, suffix, suffix.power)
        return
    if cjk.group("more") and HAN.match(text, cjk.end()):  # "200余人": over 200
        suffix.approx, suffix.end = "over", cjk.end()
        return
    scale = _SCALE.match(text, suffix.end)
    if scale is None:
        return
    if scale.group("word") and ((millions := _MILLIONS_ABBREVIATED.match(text, suffix.end))
                                or (millions := _mil_for_million(text, suffix.end))):
        suffix.has_scale, suffix.end, suffix.power = True, millions.end(), 6  # "140 mil. kn"
        suffix.scale_word, suffix.scale_convention = "mil.", "eu"
        return
    suffix.has_scale, suffix.end = True, scale.end()
    if scale.group("word") or scale.group("agglutinated"):
        word = scale.group("word") or scale.group("agglutinated")
        suffix.scale_word = word
        suffix.power, suffix.scale_convention = SCALE_WORDS[single_spaced(lower_case(word))]
        _read_word_scale_tail(text, suffix)
        read_half_after(text, suffix)
    else:
        letters = (scale.group("letter") or scale.group("french")).lower()
        suffix.power, suffix.letter_scale = SCALE_LETTERS[letters], True
        suffix.scale_word = letters


def _read_word_scale_tail(text: str, suffix: Suffix) -> None:
    """Add the smaller parts of "58 milyar 129 milyon 307 bin dolar" to ``suffix``, and the units that Turkish
    and Kazakh write after their last scale word ("4 milyon 908 bin 518 TL", "112 milyon 200 TL", "2 мың 500")."""
    power, word = suffix.power, lower_case(suffix.scale_word)
    while (tail := _WORD_SCALE_TAIL.match(text, suffix.end)):
        smaller_word = lower_case(tail.group("word") or tail.group("agglutinated"))
        smaller = SCALE_WORDS[single_spaced(smaller_word)][0]
        if smaller >= power:
            break
        power, word = smaller, smaller_word
        _add_part(suffix, tail.group("digits").replace(",", "."), power, tail.end())
        if tail.group("decimals"):
            return  # a part with decimals is the last: "1 trilyon 133,5 milyar lira"
    if _read_scale_joined_by_and(text, suffix, power):
        return
    joined = _JOINED_REST.match(text, suffix.end)
    if joined and _CURRENCY_AFTER.match(text, joined.end()):
        rest = re.sub(r"\D", "", joined.group("digits"))
        if int(rest) < 10 ** power:  # "86 miliona i 424.252 evra": one amount, the rest joined by "and"
            _add_part(suffix, rest, 0, joined.end())
            return
    units = _UNITS_AFTER_THOUSAND.match(text, suffix.end)
    if units is None:
        return
    # Turkish and Kazakh write the units after their last scale word; other languages do so in an amount whose
    # currency follows the units ("1 mln 546 tys. 427 zł", "23 млн. 627 теңге"; "1 mln 546 tys. 427 osób" stays
    # two figures)
    if word in TURKIC_SCALES or _CURRENCY_AFTER.match(text, units.end()):
        _add_part(suffix, units.group("digits"), 0, units.end())


def _read_scale_joined_by_and(text: str, suffix: Suffix, power: int) -> bool:
    """Add the part "и 947 милиони" of "26 милијарди и 947 милиони денари" to ``suffix`` when a currency follows
    it; return whether it did."""
    joined = _JOINED_SCALE_TAIL.match(text, suffix.end)
    if joined is None:
        return False
    after = Suffix(end=joined.end(), has_scale=True)
    read_currency_after(text, after)  # a name CLDR alone knows too: "2 milyar ve 300 milyon lira"
    # and the units joined by "and" once more before the currency: "пет милиони и 336 илјади и 095 денари"
    smaller = SCALE_WORDS[single_spaced(lower_case(joined.group("word")))][0]
    rest = _JOINED_REST.match(text, joined.end()) if after.unit is None else None
    units = re.sub(r"\D", "", rest.group("digits")) if rest is not None else ""
    if not (units and int(units) < 10 ** smaller and _CURRENCY_AFTER.match(text, rest.end())):
        rest = None
    if after.unit in (None, "%", "x", "pp") and rest is None:
        return False
    if smaller >= power or int(joined.group("digits")) >= 10 ** (power - smaller):
        return False
    _add_part(suffix, joined.group("digits"), smaller, joined.end())
    if rest is not None:
        _add_part(suffix, units, 0, rest.end())
    return True


def read_half_after(text: str, suffix: Suffix) -> None:
    """Add the half written after a scale word to ``suffix``: "billón y medio" (1.5 billón), "milion i po",
    "million et demi"."""
    if suffix.composite is None and (half := _HALF_AFTER.match(text, suffix.end)):
        suffix.composite = POWERS_OF_TEN[suffix.power] / 2
        suffix.composite_step = suffix.composite
        suffix.end = half.end()


def _add_part(suffix: Suffix, digits: str, power: int, end: int) -> None:
    """Add the part ``digits`` times 10^``power`` to the composite value of ``suffix``, ending at ``end``."""
    suffix.composite = (suffix.composite or Decimal(0)) + Decimal(digits) * POWERS_OF_TEN[power]
    suffix.composite_step = step_of(digits) * POWERS_OF_TEN[power]
    suffix.end = end


def _read_small_run(text: str, pos: int, below: int, value: Decimal = Decimal(0),
                    step: Decimal | None = None) -> tuple[Decimal, Decimal, int, int | None, bool] | None:
    """Read the parts below ``below`` (a power under 4) of a number written with 천 and 백 ("1백24", "2천7백",
    "926") and the scale of ten thousand or more that may count them ("2천7백만": 2700만); return their value,
    the magnitude of their last written digit, where they end, that scale's power (None when none follows) and
    whether "여" (over) stands before it."""
    end = pos
    while (section := _CJK_RUN_SECTION.match(text, end)) and CJK_SCALES[section.group("scale")] < below:
        below = CJK_SCALES[section.group("scale")]
        value += Decimal(section.group("digits")) * POWERS_OF_TEN[below]
        step, end = step_of(section.group("digits")) * POWERS_OF_TEN[below], section.end()
    units = _CJK_RUN_UNITS.match(text, end) or _CJK_SPACED_RUN_UNITS.match(text, end)
    if units and len(units.group().lstrip()) <= below:
        value, step, end = value + Decimal(units.group().lstrip()), step_of(units.group().lstrip()), units.end()
    if step is None:
        return None
    big = _CJK_BIG_AFTER.match(text, end)
    if big is None:
        return value, step, end, None, False
    return value, step, big.end(), CJK_SCALES[big.group("scale")], bool(big.group("more"))


_DIGIT_NEXT = LazyPattern(r"\s?\d")


def _read_cjk_tail(text: str, suffix: Suffix, power: int) -> None:
    """Add the parts below ``power`` of a compound like "1亿2000万", "5兆3500億", "4조2천926억" or "12억2천7백만"
    to ``suffix``."""
    while (tail := _CJK_TAIL.match(text, suffix.end)) and CJK_SCALES[tail.group("scale")] < power:
        scale, end = CJK_SCALES[tail.group("scale")], tail.end()
        written = tail.group("digits").replace(",", "")
        digits, step = Decimal(written), step_of(written) * POWERS_OF_TEN[scale]
        run = _read_small_run(text, end, scale, digits * POWERS_OF_TEN[scale], step) if scale < 4 else None
        if run and run[3] is not None and run[3] < power:
            # "4조2천926억", "12억2천7백만", "1조5천여억": the thousands count 억 or 만 with what follows them
            digits, run_step, end, scale, _ = run
            step = run_step * POWERS_OF_TEN[scale]
            if run[4]:
                suffix.approx = "over"  # "6천여만": over 6000만
        elif run and power in (8, 12) and run[2] == end and not _DIGIT_NEXT.match(text, end):
            # "33억3천갑", "31억7천갑": a 천 or 백 last after 억 counts 만 left unwritten (3,330,000,000 packs), and
            # those after 조 count 억
            digits, step, end, scale = run[0], run[1] * POWERS_OF_TEN[power - 4], run[2], power - 4
        if tail.group("more"):
            suffix.approx = "over"
        power = scale
        suffix.composite = (suffix.composite or Decimal(0)) + digits * POWERS_OF_TEN[power]
        suffix.composite_step = step
        suffix.end = end
    units = _CJK_UNITS_TAIL.match(text, suffix.end) if power <= 4 else None
    if units and len(written := units.group().replace(",", "").split(".")[0]) <= power:  # "3万5000人",
        # "17만9천172명", "1천941.7%": the units need no scale of their own
        suffix.composite = (suffix.composite or Decimal(0)) + Decimal(units.group().replace(",", ""))
        suffix.composite_step = step_of(units.group().replace(",", ""))
        suffix.end = units.end()
    elif power == 4 and (units := _KOREAN_SPACED_UNITS_TAIL.match(text, suffix.end)):
        written = units.group("integer").replace(",", "")
        suffix.composite = (suffix.composite or Decimal(0)) + Decimal(written)  # "2만 7,035원"
        suffix.composite_step = step_of(written)
        suffix.end = units.end()
    more = CJK_SCALE.match(text, suffix.end)
    if more.group("more") and not more.group("scale"):
        suffix.approx, suffix.end = "over", more.end()
    elif (some := _SOME_SMALLER_SCALE.match(text, suffix.end)) \
            and (some.group("scale") is None or CJK_SCALES[some.group("scale")] < power):
        suffix.approx, suffix.end = "over", some.end()  # "999억 여만원": 999억 and some 만 won


# German "vom Hundert" (per cent), written out or abbreviated: "um 3,5 v. H.", "3,5 vom Hundert".
_VOM_HUNDERT = LazyPattern(rf"{WS}(?:v\.{WS}?H\.|vom{WS}Hundert(?!{LETTER}))")
_VOM_HUNDERT_FIRST_WORDS = frozenset(("v", "vom"))


# "여" (some), and a smaller scale, after the last scale of an amount of won: "999억 여만원", "3조여억원" (over 3조),
# "50억 여원".
_SOME_SMALLER_SCALE = LazyPattern(r" ?여(?P<scale>천만|만|억)?(?=\s?원)")


# After a currency inside a compound, the rest of it: "-Knöllchen", " bill".
_COMPOUND_GOES_ON = LazyPattern(r"[-‑]\w| \w")


def read_currency_after(text: str, suffix: Suffix) -> None:
    """Read a currency written after the number (and scale) into ``suffix``."""
    pos = suffix.end
    currency = _CURRENCY_AFTER.match(text, pos)
    if currency is None and ((suffix.has_scale and not suffix.letter_scale) or text[pos : pos + 4].lower() == " de "):
        # "5 millions d'euros"; and Romanian writes "de" before the noun of any number from twenty on,
        # scale or not: "50.000 de lei"
        connector = _CONNECTOR.match(text, pos)
        if connector:
            currency = _CURRENCY_AFTER.match(text, connector.end())
            if currency and currency.group("cjk"):
                currency = None
    if currency is None and suffix.has_scale and (reading := _PINYIN_READING.match(text, pos)):
        currency = _CURRENCY_AFTER.match(text, reading.end())  # "10萬(wàn)元": a page that glosses its characters
        if currency and not currency.group("cjk"):
            currency = None
    if currency is None and text[pos : pos + 1] == "\n" and _CENTS_BEFORE.search(text, max(0, pos - 4), pos):
        currency = _CURRENCY_AFTER.match(text, pos + 1)  # "2 064 878.60\nUAH з ПДВ": a table's next line
        if currency and not currency.group("code"):
            currency = None
    if currency is None and text[pos : pos + 1] == "\n" and _MILLIONS_GROUPED_BEFORE.search(text, max(0, pos - 9), pos):
        currency = _CURRENCY_AFTER.match(text, pos + 1)  # "bedeli 929.840.950.000\nTL civarındadır": prose wrapped
        if currency and not (currency.group("code") or currency.group("symbol")):
            currency = None
    if currency is None and suffix.has_scale and text[pos : pos + 1] == "." and not suffix.letter_scale:
        currency = _CURRENCY_AFTER.match(text, pos + 1)  # "100,6 млн.теңге": the scale's full stop, no space
        if currency and not (currency.group("name") or currency.group("inflected") or currency.group("code")):
            currency = None
        elif currency:
            pos = pos + 1
    if currency is None and suffix.has_scale and text[pos : pos + 1] in "-‑":
        currency = _CURRENCY_AFTER.match(text, pos + 1)  # German compounds: "100-Milliarden-Euro-Sondervermögen"
        if currency and not (currency.group("name") or currency.group("code")):
            currency = None
    if currency is None and not suffix.has_scale and text[pos : pos + 1] in "-‑":
        # a compound with no scale: "Fünf-Euro-Knöllchen", "10-Euro-Schein", "a 20-dollar bill", "5-zł moneta"
        currency = _CURRENCY_AFTER.match(text, pos + 1)
        if currency and not (currency.group("name") and _COMPOUND_GOES_ON.match(text, currency.end())):
            currency = None
    if currency is None and suffix.has_scale and (between := _QUALIFIER_WORD.match(text, pos)) \
            and between.group("word").lower() in QUALIFIERS_BEFORE_CURRENCY:
        currency = _CURRENCY_AFTER.match(text, between.end())  # "3 миллиардқа жуық теңгесін"
        if currency is not None and suffix.approx is None:
            suffix.approx = QUALIFIERS_BEFORE_CURRENCY[between.group("word").lower()]
    if currency is None:
        _read_cldr_currency(text, suffix, pos)
        return
    if currency.group("symbol"):
        suffix.unit = SYMBOLS_AFTER[single_spaced(currency.group("symbol"))]
        suffix.symbol_after = True
    elif currency.group("code"):
        suffix.unit = currency.group("code")
    elif currency.group("name") or currency.group("inflected"):  # "teńgege": the name with a case ending
        name = currency.group("name") or currency.group("inflected")
        key = single_spaced(lower_case(name))
        if key in WEIGHT_CURRENCY_NAMES and weighs(text, suffix, currency.end()):
            return  # "payloads of nearly 70 pounds"
        suffix.unit = CURRENCY_NAMES[key]
        suffix.german_currency = name in GERMAN_CURRENCY_SPELLINGS
        if CYRILLIC.search(name) or key in CONTINENTAL_NAMES or suffix.german_currency:
            suffix.name_convention = "eu"
    else:
        if currency.group("cjk") in WEIGHT_CURRENCY_NAMES and weighs(text, suffix, currency.end()):
            return  # "30ポンド" of a parcel
        if currency.group("cjk") == "元" and text[currency.end() : currency.end() + 1] in _YUAN_WORD_ENDS \
                and text[currency.start() - 1 : currency.start()] in "一二" and currency.start() - pos <= 1:
            return  # "一元的に" (unified), "二元論": a word, not yuan ("一百三十七元的文具費" is yuan)
        if currency.group("cjk") in ("欧", "歐") and text[currency.end() : currency.end() + 1] \
                and text[currency.end()] in CJK_EUROPE_AFTER_EU:
            return  # "2亿欧洲人" (200 million Europeans): Europe, not the euro
        suffix.unit = CJK_CURRENCIES[currency.group("cjk")]
        if currency.group("cjk") in ("元", "圆"):
            suffix.unit = _yuan_code(text, pos)
    if suffix.unit == "JPY?":
        suffix.unit = _yen_code(text, pos)
    suffix.end = currency.end()
    if suffix.unit == "RON" and (old := _OLD_LEI_AFTER.match(text, suffix.end)):
        suffix.unit, suffix.end = "ROL", old.end()  # "4.000 lei vechi": the old leu, before 2005's ten thousand to one
    if currency.group("name"):
        _read_country_after(text, suffix, currency.group("name").lower())


_OLD_LEI_AFTER = LazyPattern(rf"{WS}(?:vechi|grei)(?!{LETTER})")


_CENTS_BEFORE = LazyPattern(r"\d[.,]\d\d\Z")  # an amount written to its hundredths
_MILLIONS_GROUPED_BEFORE = LazyPattern(r"\d([.,\u00a0\u202f ])\d{3}\1\d{3}\Z")  # an amount of millions grouped
_QUALIFIER_WORD = LazyPattern(rf"{WS}(?P<word>{LETTER}+)")
_OF_AFTER = LazyPattern(rf"{WS}(?:of|de|di){WS}")


# A scale word closing the number, as number words write it: "Forty five million" (pounds).
_SCALE_WORD_CLOSING = LazyPattern(r"(?<![^\W\d_])(?i:million|billion|trillion)\s*\Z")


def weighs(text: str, suffix: Suffix, end: int) -> bool:
    """Tell whether a currency name that also weighs ("pounds", "фунтов", "ポンド") is a weight after this number:
    without a scale word before it, a word for weighing stands before the number ("weighing 129.86 pounds"), "of"
    follows ("70 pounds of cargo") or its sentence prices nothing."""
    if suffix.has_scale or _SCALE_WORD_CLOSING.search(text, max(0, suffix.end - 12), suffix.end):
        # "5 million pounds", "Forty five million pounds", but "seized over 3.8 million pounds of illegal
        # narcotics" weighs
        return bool(_OF_AFTER.match(text, end)) and not sentence_prices(text, suffix.end, end)
    number_start = len(text[: suffix.end].rstrip("0123456789.,  "))
    if any(word.strip("(,") in WEIGHING_WORDS for word in tokens_before(text, number_start, 3)):
        return True  # "cocaine weighing 129.86 pounds, with an estimated street value of $4.1M"
    return bool(_OF_AFTER.match(text, end)) or not sentence_prices(text, suffix.end, end)


# A country after a currency's name: "dollars de Taïwan", "dollars of Singapore".
_COUNTRY_AFTER = LazyPattern(rf"{WS}(?:de|of|del|d['’]){WS}?(?P<country>[A-ZÀ-Ý]{LETTER}+)")


def _read_country_after(text: str, suffix: Suffix, noun: str) -> None:
    """Give a currency name the currency of the country written after it: "dollars de Taïwan" is TWD."""
    found = _COUNTRY_AFTER.match(text, suffix.end)
    if found is None:
        return
    code = currency_described(currency_table(), noun, found.group("country"))
    if code:
        suffix.unit, suffix.end = code, found.end()


_NAME_WORDS = LazyPattern(rf"{WS}?(?P<words>{LETTER}+(?:[{SPACES}]{LETTER}+){{0,3}})")


_SYMBOL_WORD = LazyPattern(rf"{WS}?(?P<symbol>{LETTER}+\.?)(?!{LETTER})")


def _read_cldr_currency(text: str, suffix: Suffix, pos: int) -> None:
    """Read a currency named as CLDR names it ("couronnes suédoises", "srpskih dinara", "dolarla"), or written
    with the symbol of CLDR of the text's language ("45.460 kn"), right after the number or after "de"/"of"
    following a scale word."""
    if _read_cldr_symbol(text, suffix, pos):
        return
    starts = [pos]
    if suffix.has_scale and not suffix.letter_scale and (connector := _CONNECTOR.match(text, pos)):
        starts.append(connector.end())
    for start in starts:
        if (found := _NAME_WORDS.match(text, start)) and _read_cldr_name(text, suffix, found, pos):
            return


_PRICE_LIKE_BEFORE = LazyPattern(r"(?:\d[.,]\d+|\d{3})\s*\Z")


def _read_cldr_symbol(text: str, suffix: Suffix, pos: int) -> bool:
    """Read a currency symbol of letters that CLDR gives a language ("kn", "ден."), in text of that language."""
    found = _SYMBOL_WORD.match(text, pos)
    if found is None:
        return False
    table = currency_table()
    written = found.group("symbol")
    # a symbol CLDR writes with its dot leaves it out before the slash of a price per unit: "62,50 ден/лит"
    per_unit = [written + "."] if not written.endswith(".") and text[found.end() : found.end() + 1] == "/" else []
    # in capitals as a price list's headings write it, the dot left out too: "ОТКУП ДО 3.000 ДЕН" (MKD), after an
    # amount of three digits or a decimal, not a small count: "1 ДЕН И 2 НОЌИ" (a day)
    capitals = [written.lower(), written.lower().rstrip(".") + "."] \
        if written.isupper() and len(written) > 1 and _PRICE_LIKE_BEFORE.search(text, max(0, pos - 12), pos) else []
    for symbol in (written, written.rstrip("."), *per_unit, *capitals):
        languages = table.symbol_languages.get(symbol)
        judged, at = text, pos
        if languages and symbol.rstrip(".").lower() in LANGUAGE_MARKERS:
            judged, at = _without_the_word(text, symbol.rstrip("."), pos)  # Serbian "din" is a Romanian word too
        # the language near the number, or of its whole paragraph where the words near it tell none
        if languages and (window_language(judged, at, at) in languages
                          or window_language(judged, len(judged) // 2, len(judged) // 2 + 1) in languages
                          and window_language(judged, at, at) in (None, "eu")):
            suffix.unit, suffix.end = table.symbols[symbol], min(found.end(), found.start("symbol") + len(symbol))
            suffix.name_convention = "eu" if not symbol.isascii() else None
            return True
    return False


def _without_the_word(text: str, word: str, pos: int) -> tuple[str, int]:
    """Return the text around ``pos`` with ``word`` blanked out wherever it stands alone, and ``pos`` in it: a
    symbol that is a word of another language ("din", Romanian "from") must not tell the language it is read in."""
    start = max(0, pos - 1000)
    around = re.sub(rf"(?<!{LETTER}){re.escape(word)}(?!{LETTER})", lambda found: " " * len(found.group()),
                    text[start : pos + 1000])
    return around, pos - start


# Common words of a language that CLDR gives as a currency's name in another: Turkish "yeni" (new) is the
# Romanian plural of yen; in Turkish text it is no yen.
_COMMON_WORD_IN = {"yeni": "tr"}


def _read_cldr_name(text: str, suffix: Suffix, found: re.Match, pos: int) -> bool:
    """Read the longest currency name of CLDR that the words of ``found`` begin with; tell whether one was."""
    table = currency_table()
    words = found.group("words").split()
    start = found.start("words")
    for count in range(min(len(words), table.longest), 0, -1):
        name = lower_case(" ".join(words[:count]))
        for candidate in [name, *without_case_ending(name)] if count == 1 else [name]:
            code = table.names.get(candidate)
            if code and candidate in table.head_languages and not _spelled_here(table, candidate, text, pos):
                code = None
            if code and candidate != name and not table.head_languages.get(candidate, _CASE_LANGUAGES) & _CASE_LANGUAGES:
                code = None  # Romanian "două sume" (two sums): a case ending only where a language has them
            if code and name in _COMMON_WORD_IN and _COMMON_WORD_IN[name] == window_language(text, pos, pos):
                code = None  # Turkish "1,3 milyon yeni doğum" (new births), not yen
            if code is None and candidate in table.nouns:
                code = resolve_noun(table, candidate, _paragraph_around(text, pos), window_language(text, pos, pos))
            elif code is None and count > 1 and words[count - 1].lower() in table.nouns:
                # "германски марки": a shared noun after the words that tell which currency it is
                code = currency_described(table, words[count - 1].lower(), " ".join(words[: count - 1]),
                                          _paragraph_around(text, pos))
            if code and candidate in WEIGHT_CURRENCY_NAMES and weighs(text, suffix, start + len(found.group("words"))):
                code = None  # "70 funtów" of cargo
            if code:
                suffix.unit = code
                suffix.end = text.index(words[count - 1], start) + len(words[count - 1])
                suffix.name_convention = "eu" if not name.isascii() or code not in ("USD", "GBP") else None
                return True
    return False


# The languages whose case endings without_case_ending takes off ("teńgege", "euroon").
_CASE_LANGUAGES = frozenset({"tr", "kk", "fi"})


def _paragraph_around(text: str, pos: int) -> str:
    """Return the text of the paragraph before ``pos`` (at most 1000 characters) and a little after it."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 1000)
    return text[start : pos + 80]


def _spelled_here(table, noun: str, text: str, pos: int) -> bool:
    """Tell whether a currency's noun alone is a word of the text's language (or the language is not told)."""
    language = window_language(text, pos, pos)
    return language in (None, "eu") or language in table.head_languages[noun]


def read_qualifier_after(text: str, suffix: Suffix) -> None:
    """Read a qualifier written after the figure ("5万元左右", "100万円以上") into ``suffix``."""
    for length in (2, 1):
        word = text[suffix.end : suffix.end + length]
        if word in CJK_QUALIFIERS_AFTER and suffix.approx is None:
            suffix.approx = CJK_QUALIFIERS_AFTER[word]
            return


def letter_scale_allowed(text: str, suffix: Suffix, query: bool) -> bool:
    """Tell whether a bare k/m/b after a number is a scale: with a currency, in a query, before people."""
    if suffix.unit is not None or query:
        return True
    if suffix.scale_word not in ("k", "m"):
        return False
    return counts_something(text, suffix.end)  # "3m people", "1.8m cars"


_MULTIPLYING = LazyPattern(
    rf"(?<!{LETTER})(?i:{'|'.join(f'(?P<x{value}>{word})' for value, word in MULTIPLYING_WORDS.items())})"
    rf"(?!{LETTER})"
)


_FOLD = LazyPattern(rf"(?i:fold)(?!{LETTER})")  # scanned for first: an alternation is tried at every position


def find_multiplying_words(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, multiple) of the words that say a multiple alone: "fourfold" (4)."""
    found = []
    for fold in _FOLD.finditer(text):
        word = _MULTIPLYING.search(text, max(0, fold.start() - 8), fold.end())
        if word is not None and word.end() == fold.end():
            found.append((word.start(), word.end(), int(word.lastgroup[1:])))
    return found


def counts_something(text: str, end: int) -> bool:
    """Tell whether the word after a figure is a counted or plural noun: "people", "hours", "personas", or a
    counter glued to it: "2000人", "17만9천172명"; a word ending in "s" that is no plural ("gracias a", "depuis",
    "además") counts nothing."""
    if text[end : end + 1] in CJK_COUNTERS or text.startswith(KOREAN_COUNTERS, end):
        return True
    if text.startswith(KOREAN_HOUSEHOLD_COUNTERS, end + (text[end : end + 1] == " ")):  # "(973만 세대)", "130여 만호"
        return True
    noun = next_word(text, end)
    return noun in COUNTED_NOUNS or (len(noun) > 3 and noun.endswith("s") and noun not in NOT_COUNTED_WORDS) \
        or _counted_noun_in_a_case(noun)


def _counted_noun_in_a_case(noun: str) -> bool:
    """Tell whether a counted noun carries a Turkish, Kazakh or Finnish case ending: "2 milyon kişiye" (to 2 million
    people), "адамға"."""
    return any(stem in COUNTED_NOUNS for stem in without_case_ending(noun))


def names_a_thing(text: str, end: int) -> bool:
    """Tell whether a unit sign is glued to an amount ("4만8240㏊", "120㎡"), whatever the language, or a German
    noun follows it: it counts or measures, and a currency carried through a sentence never reaches it. (In other
    languages a word after an amount cannot be told a noun from a verb without a list: "10,7 триллиона направят" is
    money, "26 илјади парчиња" pieces.)"""
    glued = text[end : end + 1]
    if glued and unicodedata.category(glued) == "So":
        return True
    # German capitalises its nouns, never its verbs: "7,69 Millionen Masken" counts masks, while "10,2 Milliarden
    # ausgegeben" is money spent
    noun = _GERMAN_NOUN_AFTER.match(text, end)
    if noun is None or window_language(text, end, end) != "de":
        return False
    word = lower_case(noun.group("noun"))
    return word not in CURRENCY_NAMES and word not in currency_table().names and word not in currency_table().nouns


def names_a_currency_unresolved(text: str, end: int) -> bool:
    """Tell whether the word after an amount is the noun of several currencies that none of the rules resolved:
    "16,5 миллиона крон" on a Russian page (crowns, but whose?) is no amount in the sentence's roubles."""
    noun = next_word(text, end)
    return bool(noun) and noun in currency_table().nouns


def billion_power(text: str, start: int, suffix: Suffix) -> int:
    """Return the power of ten of the scale word, reading German and French "billion" as 10^12."""
    word = suffix.scale_word
    if word.lower() in ("bln", "bln.") and (suffix.unit == "PLN" or window_language(text, start, suffix.end) == "pl"):
        return 12  # Polish "bln" is a "bilion", 10^12 ("2,9 bln zł"), as its "mld" is a "miliard"
    if word.lower() not in ("billion", "billions"):
        return suffix.power
    language = window_language(text, start, suffix.end)
    if word == "Billion" and (suffix.german_currency or language == "de"):
        return 12
    if language == "fr":
        return 12
    return 9


def _yuan_code(text: str, pos: int) -> str:
    """Return TWD for a bare 元 in text written in traditional characters that names Taiwan or its institutions
    (Taiwan's dollar), unless renminbi is named near it; else CNY: mainland figures are written in traditional
    characters too ("財政收入和支出均突破5萬億元"). Hong Kong's and Macau's dollars are written 港元 and 澳門元."""
    window = text[max(0, pos - 200) : pos + 200]
    if _RENMINBI.search(window) or KANA.search(window) or not _TAIWAN.search(text):  # kana: Japanese
        return "CNY"
    traditional = sum(window.count(char) for char in _TRADITIONAL_ONLY)
    simplified = sum(window.count(char) for char in _SIMPLIFIED_ONLY)
    return "TWD" if traditional > simplified else "CNY"


def _yen_code(text: str, pos: int) -> str:
    """Return CNY for a yen sign in Chinese text or near 元/人民币/yuan, else JPY."""
    window = text[max(0, pos - 80) : pos + 80]
    if KANA.search(window):
        return "JPY"
    if HAN.search(window) or _CHINESE_MONEY_HINT.search(window):
        return "CNY"
    return "JPY"


def percent_before(text: str, start: int) -> int | None:
    """Return where a percent word or sign written before the number begins ("yüzde 17,1", "%17"), if any."""
    found = PERCENT_BEFORE.search(text, max(0, start - 7), start)
    return found.start() if found else None


_TENGE_SIGN = LazyPattern(rf"\d[\d.,]*{WS}?(?:млн|млрд|трлн|тыс){NOT_LETTER_AFTER}")
# The South African rand's "R" glued to an amount with a glued scale letter: "£3m (R63.5m)", "R1.4bn", "R200k"; a
# bare "R5" may be a road, a grade or a model, so the scale letter is required, and nothing counted after it.
_RAND_AMOUNT = LazyPattern(rf"\d[\d.,]*(?:m|bn|k){NOT_LETTER_AFTER}")


def currency_before(text: str, start: int) -> tuple[str, int] | None:
    """Return the currency written just before ``start`` and where it begins, if any."""
    last = text[start - 1 : start]
    if last == "Т" and (start < 2 or not text[start - 2].isalnum()) and _TENGE_SIGN.match(text, start):
        return "KZT", start - 1  # "Т2 млн": the tenge sign ₸ written as a Cyrillic Т, glued to a number of millions
    if last == "R" and (start < 2 or not text[start - 2].isalnum()) and (rand := _RAND_AMOUNT.match(text, start)) \
            and not counts_something(text, rand.end()):
        return "ZAR", start - 1  # not "R5m people"
    if last in SPACES and start >= 2:
        last = text[start - 2]
    if last not in _CURRENCY_LAST_CHARS:  # cheap test first: most numbers have no currency before them
        return None
    found = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    if found is None:
        return None
    written = single_spaced(found.group())
    if written.startswith("pounds") and _NUMBER_BEFORE_POUNDS.search(text, max(0, found.start() - 12), found.start()):
        return None  # "12 pounds 3 ounces": a weight, not the newspaper style "pounds 3.50"
    code = CURRENCIES_BEFORE[written]
    if code == "JPY?":
        code = _yen_code(text, start)
    elif written == "$" and _COUNTRY_AFTER_DOLLAR.search(text, max(0, start - 2000), start + 2000):
        code = ""  # the text names the US dollar "$US": its bare "$" is its own country's, which one it does not say
    return code, found.start()


def qualifier_before(text: str, start: int, tokens: list[str] | None = None) -> tuple[str, int] | None:
    """Return the qualifier just before ``start`` and how many words it takes, if any."""
    for length in (2, 1) if text[start - 1 : start] in _CJK_QUALIFIER_LAST_CHARS else ():
        word = text[max(0, start - length) : start]
        if word in CJK_QUALIFIERS and len(word) == length:
            if word == "近" and text[start - 2 : start - 1] in ("最", "附"):
                continue
            return CJK_QUALIFIERS[word], 1
    if tokens is None:
        tokens = tokens_before(text, start, 4)
    skipped = 1 if tokens and tokens[-1] in PREPOSITIONS_AFTER_QUALIFIER else 0
    words = tokens[: len(tokens) - skipped]
    for count in (3, 2, 1):
        if len(words) >= count:
            phrase = " ".join(words[-count:])
            if phrase in QUALIFIERS:
                return QUALIFIERS[phrase], count + skipped
    return None
