"""Tell the numbers that are no figures: dates, times, years, phone numbers, references, codes, names.

Not figures: years standing alone (an integer 1900-2099 written without separators and with no currency,
scale, percent or multiple, unless a counted noun follows: "2000 people"), year ranges ("2022-23",
"2019–2022"), "2022年"; dates (12.03.2024, 2024-03-12, a day 1-31 next to a month name in any of our
languages: "March 3", "3 марта", "5. Mai", "el 5 de mayo", CJK "3月5日"); times (10:30, "10.30 am",
"10 Uhr", "10h30"); ratios and scores with a colon; fractions with a slash; ordinals ("1st", "3-й", "3e",
"3º", "3." followed by a lower-case word, or any word in German or Finnish text, "第5"); phone numbers
("+7 727 123 45 67", "(555) 123-4567", three or more hyphenated digit groups, which also covers ISBNs);
numbers after reference words (article, section, §, page, p., No., №, version, член, статья, ст.,
Artikel, Abs., Seite, artículo, página, pykälä, sivu, ...) or before "§"; version numbers and IP-like
dotted groups ("2.1.3"); codes glued to letters ("G7", "A320", "Su-35", "COVID-19", "5G", "1990s"); and
digit strings of 9 digits or more with nothing attached (ids); numbers written with a leading zero
("0800 123 456", "09 123 4567") or after tel./phone/телефон/fax, with the digit groups that follow them;
"1453 GMT"; and a bare integer right after a capitalised word inside a sentence ("Boeing 787", "Phase 2",
"Platz 3" name things), unless a counted noun or a Korean counter follows, a capitalised noun follows in German
("Kontrolle 23 Pakete"), or the word before is declined ("в Россию 106 товаров", "Cumhurbaşkanımızın 7"). A year with a currency ("$2022") is money.
Also ranks ("9 місце", the ninth place), footnote marks ("总值[2]"), numbers that open a line as an item's
("1. PROIECT DE LEGE"), month ranges ("1-7月份"), the "one" of a Korean rate ("1인당", per person), ages by
decade ("40代"), and a number word before a fraction's name ("deux tiers", "two thirds"). And: the first day of a
range whose last day names the month ("entre le 11 et le 28 mars"), Kazakh ordinals written with a hyphen
("3-қосымша", and "1, 2 және 3-қосымша" before it; "20-дан", a case ending, counts), Japanese years of an era
written with two digits ("21年まで"; "4年間" is a span), Korean fiscal years and years of the 1980s and 1990s
("95년도", "97년"), a number glued after a Korean word ("코로나19"), quoted titles and slogans ("«Хабар 24»",
"“四个意识”", "1+1+9"), items numbered "1-" or "(1)" at the start of a line, models glued with an em dash ("T—7"),
Korean pages ("42쪽"), Turkish ordinals with a dot ("29. Olağan") and vague Chinese counts ("數十次"). And: a time of
day written with its hour word after a word that places it ("oko 17 sati", "в 17 часов", "à 17 heures", "u 16,10
sati"; "u roku od 24 sata" is a span), quoted titles of up to five words opening with a number („360 Степени“,
„24 minuta sa Zoranom Kesićem“), military units and bases named after their number ("12 Bazie Bezzałogowych
Statków Powietrznych", "15 batalion Ułanów Poznańskich"), and the round of a tender in brackets ("项目(二次)"). And: a
session numbered with no ordinal mark ("на 81 седница"), Japanese ordinals of a counter ("4年目", "3回目"), a
Korean year with its century left out ("’20년"), abbreviated Cyrillic months ("9 сен"); "do 24 sata" (up to a
day) is a span, not midnight. And: Japanese era years and dates typeset with spaces ("平成 26 年度", "27 年 11 月6日",
"第 29 条"), the 2 of "第48条の2", a footnote mark after a Japanese sentence's verb ("送付された1。"); clock times
before "horas" or after "las" ("a las 18.00"); a day and month closed by dots ("27.10.") in text of a decimal-comma
language; Korean dates with a dot after each part ("2018. 3. 15."); reference chains with letters ("artículos
2.a), 9 y 21.3.a)", "66 ja 66 a"), sections of a Finnish statute in the genitive ("talousarvioasetuksen 66"), French
code articles ("L. 464-2"); addresses: French street numbers ("au 11 rue"), postal codes after a town
("Nouvelle-Église (62370)") and a Cyrillic street's number ("вул. Замковій, 4").
"""

from __future__ import annotations

import re

from archive.figures.currencies import CASE_ENDINGS
from archive.figures.surroundings import (HANGUL, KANA, LATIN_OR_CYRILLIC, LETTER, NOT_LETTER_AFTER, SPACES, WS,
                                          next_word, window_language)
from archive.figures.vocabulary import (AT_HOUR_WORDS, CJK_COUNTERS, COUNTED_NOUNS, CURRENCY_NAMES, KOREAN_COUNTERS,
                                        DESIGNATION_SUFFIXES, HOUR_WORDS, UP_TO_WORDS, WITHIN_WORDS,
                                        FRACTION_WORDS, JAPANESE_DURATION_AFTER, JAPANESE_ERAS, KOREAN_PREFIXES,
                                        JAPANESE_SENTENCE_WORDS, KOREAN_DATE_SUFFIXES, KOREAN_DURATION_AFTER,
                                        KAZAKH_MONTHS, KOREAN_DURATION_BEFORE, KOREAN_ORDINAL_NOUNS, MODEL_WORDS, MONTHS,
                                        PHONE_WORDS, REGISTER_WORDS,
                                        QUALIFIERS, RANK_WORDS_AFTER, REFERENCE_WORDS, REFERENCE_WORDS_AFTER,
                                        STREET_WORDS, TIME_WORDS, TIME_WORDS_BEFORE, TIME_ZONES, UNIT_NAME_WORDS,
                                        YEAR_NOUNS_AFTER, YEAR_PREPOSITIONS)
from archive.figures.result_lines import counts_a_share_after
from archive.patterns import LazyPattern

# What holds digits but is never a figure, whatever surrounds it: the scanner steps over each whole
# (a verbose pattern, one alternative a line).
NEVER_FIGURES = rf"""
        \d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?!\d)                      # 2024-03-12, 2024/03/12
      | \d{{1,2}}[-./]\d{{1,2}}[-./](?:\d{{4}}|\d{{2}})(?!\d)          # 12.03.2024, 03/12/24
      | \d{{1,2}}\.{WS}\d{{1,2}}\.{WS}(?:19|20)\d\d(?!\d)                # Croatian 22. 3. 2016.
      | (?:19|20)\d\d\.{WS}\d{{1,2}}\.{WS}\d{{1,2}}\.                      # Korean 2018. 3. 15.
      | \d{{1,2}}[.:]\d{{2}}{WS}?(?:[ap]\.?m\.?|Uhr|ч\.|час|horas|hs|hrs|h|heures)(?!{LETTER})  # 10.30 Uhr, 14.00 horas
      | (?<=[Ll]as{WS})(?:[01]?\d|2[0-3])[.:][0-5]\d(?![\d%])        # a las 18.00: a time of day
      | (?:[01]?\d|2[0-4])[.,][0-5]\d{WS}(?:sati|sata|časova|часа|часов|часот|heures|godz\.)(?!{LETTER})  # 16,10 sati
      | \d{{1,2}}h\d{{2}}(?!\d)                                       # 10h30
      | (?!(?:19|20)\d\d:\d+(?:\.\d+)?[亿億万萬])\d+:\d+(?::\d+)?        # 10:30, 2:1 (not a table line "2013:9.4亿欧")
      | \+(?=\d(?:[ \u00a0.\-]?\(?\d\)?){{6}})\d{{1,3}}(?:[ \u00a0.\-]?\(?\d{{1,4}}\)?){{2,6}}  # +7 727 123 45 67,
        # seven digits at least: "+137 Prozent", "+180,9%" are signed changes
      | \(\d{{3}}\){WS}?\d{{3}}[-.\s]\d{{4}}(?!\d)                   # (555) 123-4567
      | \d+(?:-\d+){{2,}}                                           # 555-123-4567, ISBN 978-3-16-148410-0
      | (?:19|20)\d\d(?:{WS}?[-–—/]{WS}?(?:19|20)\d\d|[-–/]\d\d)(?!\d)  # 2019–2022, 2022-23 (not "2021 — 48 млрд")
      | (?!\d{{1,3}}(?:\.\d{{3}})+(?!\.?\d))\d+(?:\.\d+){{2,}}          # 2.1.3, 192.168.0.1
      | \d{{1,2}}/\d{{1,2}}[-–~〜～]\d{{1,2}}/\d{{1,2}}(?!\d)                  # 1/2-1/3: a range of days
      | \d+人に1人                                                 # 5人に1人: one in five, a fraction
      | \d+(?:/\d+)+(?:-\d+)*                                       # 3/4, 24/7, 9/11, № 991/2030/22, № 164/22-6
      | \d+(?:\+\d+)+                                               # 1+1+9, a slogan or a sum, not figures
      | \d{{1,2}}[.:]\d{{2}}['’](?={LETTER})                            # Turkish 13.37'de
      | \d{{1,2}}[.:]\d{{2}}{WS}?[-–—]{WS}?\d{{1,2}}[.:]\d{{2}}(?!\d)      # 16.01—19.46
      | \d{{1,2}}·\d{{1,2}}(?!\d)                                       # Korean 12·3, 5·18
      | \d{{3,}}-\d{{1,2}}(?![\d.,%]|{WS}?(?:%|[-–]))                       # 787-9: a model, not a range
      | \d+\(\d+\)(?=[班级級])                                          # 果树93(01)班
      | (?<={LETTER}{WS})(?:19|20)\d\d,{WS}\d+(?={WS}?[;)])              # a law journal: NStZ-RR 2015, 335;
      | \d+{WS}[A-Z][A-Za-z]{{0,4}}{WS}\d+/\d\d(?!\d)                     # a court's docket: 2 RVs 11/21
      | (?<=[a-zà-ÿ]{WS})\d+(?={WS},)                                    # a footnote: l’Assemblée nationale 182 ,
"""

KAZAKH_CASE_ENDINGS = frozenset(ending for ending in CASE_ENDINGS if "\u0400" <= ending[0] <= "\u04ff")
_GLUED_UNITS = LazyPattern(
    # Korean and Japanese glue their particles to the unit: "144kg으로", "約2,741kgを記録"
    r"(?:km²|km2|km|kg|cm|mm|ha|kWh|MWh|GWh|TWh|kW|MW|GW|mph|t|g|l|TEU|GB|MB|TB"  # and data: "毎月3GB", "(30GB)"
    r"|м3|м³|м2|м²|км2|км²|км|кг|см|мм|га)(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff])"  # and in Cyrillic: "за 1м3 воде"
)
# Hours glued to their number and counted by a week or a day: "35h par semaine", "8h par jour", "40h/semaine".
_HOURS_PER_PERIOD = LazyPattern(rf"h(?:{WS}par{WS}|{WS}?/{WS}?)(?i:semaine|jour|mois|an)(?!{LETTER})")
# The number of a Kazakh article ("бап", with its endings: "бабы", "бабының"), sub-numbers and all: "73-3-бабы".
_KAZAKH_ARTICLE = LazyPattern(r"(?:[-‑]\d{1,3})*[-‑\s](?:бап|баб)[а-яәғқңөұүһі]*(?![^\W\d_])")
# A Japanese or Chinese note's mark before its number: "*注 1", "注2".
_NOTE_BEFORE = LazyPattern(r"注\s?$")
# A figure (a chart) of the page named before its number: "如下图1所示", "見圖2", "図3"; not "地図" (a map).
_CHART_BEFORE = LazyPattern(r"(?:[如见見下上右左附][图圖]|(?<!地)図)\s?$")
# Turkish ordinals after an apostrophe: "21’inci", "3'üncü", "6'ncı".
_TURKISH_ORDINAL = LazyPattern(rf"['’](?:i?nci|ı?ncı|u?ncu|ü?ncü){NOT_LETTER_AFTER}")
_CYRILLIC_SUFFIX = LazyPattern(rf"[-‑]\s?[а-яёіїєґА-Я]{{1,3}}{NOT_LETTER_AFTER}"
                               # and the Macedonian and Serbian ordinal's ending after a dot: "на 1.ви март"
                               rf"|\.(?:ви|ри|ти|ми|ва|ра|та|ма|во|ро|то|мо){NOT_LETTER_AFTER}")
# The instrumental case of a cardinal after a hyphen, no ordinal's ending: "за 37-ма бюджетними програмами", "2-мя".
_CARDINAL_CASE_ENDING = LazyPattern(rf"[-‑](?:ма|мя){NOT_LETTER_AFTER}")
# A capitalised word after the number, which in German is the noun it counts: "Kontrolle 23 Pakete".
_CAPITALISED_WORD = LazyPattern(r"\s[A-ZÄÖÜ][a-zäöüß]{2,}")
# Kazakh writes a case ending after a hyphen ("20-дан", from twenty) and an ordinal as the number, a hyphen and
# the noun it ranks ("3-қосымша", the third annex; "1, 2 және 3-қосымшаларға", annexes 1, 2 and 3).
_KAZAKH_HYPHEN = LazyPattern(r"(?:(?:,\s?|\s(?:және|мен|немесе|и)\s)\d{1,3})*[-‑](?P<word>[а-яәғқңөұүһіА-ЯӘҒҚҢӨҰҮҺІ]+)")
_DAY_RANGE = LazyPattern(
    rf"\.?(?:{WS}?[-–—]{WS}?|{WS}(?i:et|and|to|until|au|à|bis|und|y|al|a|i|do|и|до|по|на|ve|și|până la)"
    rf"(?:{WS}(?:le|the|el|den|dem))?{WS})(?:(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|"
    rf"wednesday|thursday|friday|saturday|sunday|lunes|martes|miércoles|jueves|viernes|sábado|domingo){WS})?"
    rf"(?:[1-9]|[12]\d|3[01])\.?{WS}(?:de{WS})?(?P<month>{LETTER}+)"
)
OPENING_QUOTES = "«“„‘\"'「『《"
# The rest of a short quoted title after its number: "四个意识”, "+1+9”, " Степени“", " minuta sa Zoranom Kesićem“"
# (up to five words).
_CLOSING_QUOTE_SOON = LazyPattern(
    r"(?:[-–]\d{1,4}[”»\"“」』》’']|[^\s\d“”„\"«»「」『』]{0,8}|(?:[ \u00a0][^\s\d“”„\"«»「」『』.,;:!?]{1,24}){1,5})[”»\"“」』》’']"
)
_HANGUL_BEFORE = LazyPattern(r"[\uac00-\ud7a3]+$")
# An amount of won written with a scale of ten thousand or more, which no name or code ends with: "3백23억원".
_KOREAN_WON_AMOUNT = LazyPattern(r"[\d,천백십여만억조]+\s?원")
# A word of the hour of the day and a first hour before a dash: "kello 9–11", "godz. 8-16", "saat 9-17".
_HOUR_RANGE_OPENED_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:klo|kello|kl\.|saat|godz\.|godzinie|ora|orele){WS}(?:[01]?\d|2[0-4])(?:[.:]\d\d)?{WS}?[-–]"
    rf"{WS}?\Z"
)
# "Until" an hour of the day, after "from" a first one: "od 7 do 19 sati", "од 8 до 16 часот".
_TO_AN_HOUR = LazyPattern(rf"{WS}(?:do|до){WS}(?:[01]?\d|2[0-4]){WS}(?i:sati|sata|časova|часова|часа|часот|h)"
                          rf"{NOT_LETTER_AFTER}")
_TIME_RANGE = LazyPattern(
    rf"{WS}?(?:[-–—]|до|to|bis|à|a|-){WS}?\d{{1,2}}(?:[.:]\d{{2}})?{WS}?(?i:часот|ч\.|uhr|h|am|pm|a\.m\.|p\.m\.)"
    rf"{NOT_LETTER_AFTER}"
)
_ORDINAL_DOT = LazyPattern(rf"\.{WS}(?P<first>{LETTER})")
_PRICE_YEAR = LazyPattern(r"(?:19|20)\d\d\s(?i:dollars|euros|pounds)(?![a-z])")
_PRICE_YEAR_BEFORE = ("in", "constant", "real", "year", "fy")
_FOOTNOTE_AFTER_WORD = LazyPattern(r"[a-zäöüßà-ÿа-яё]\.\Z")  # "Bedeutung.1": a lower-case word, its full stop
_INLINE_ITEM_BEFORE = LazyPattern(rf"(?:[:;]|[:;,]{WS}(?i:and|or|et|ou|y|o|und|oder|i|и),?){WS}\Z")
_ITEM_NUMBER = LazyPattern(rf"[.)\-–]{WS}|、|\.(?=[A-Z][a-z])")  # "1. PROIECT", "1) Ключевое", "1- ANTEP", "1、受贿金额", "8.The"
_CJK_DATE_LIST = LazyPattern(r"(?:, ?|、)\d{1,2}[월일月日](?![간間])")  # the first of a list of months or days
_CJK_DATE_RANGE = LazyPattern(r"[-–—~〜～至]\d{1,2}[月日号號일월]")  # "1-7月份": months 1 to 7; Korean "8~10일"
# Hong Kong and Taiwan put a space between the digits and the character: "4 月 17 日凌晨 2 時許"
_CJK_DATE_AFTER = LazyPattern(r" ?[月日号號時时点點]")
# A year of an era or a fiscal year ("25年3月", "19年度", Japanese "13事務年度", "20〜23年度"), and a century
# ("21世纪")
_CJK_YEAR_AFTER = LazyPattern(r"(?:事務|会計|事業)?年 ?(?:度|\d{1,2} ?月)|世[纪紀]|[〜~～-]\d{1,4}(?:事務|会計|事業)?年度")
_SECTION_AFTER = LazyPattern(rf"{WS}?§")
_REFERENCE_CHAIN = LazyPattern(
    rf"(?:\.\d+)*(?:\.?[a-z]\)|\([a-z0-9]{{1,3}}\)|{WS}[a-z](?![\w]))*"  # "21.3.a)", "5(2)", Finnish "66 a"
    rf"(?:{WS}?[-–—,/]{WS}?|{WS}(?i:and|to|or|und|bis|et|y|e|i|и|і|та|или|ja|sekä|ve|és|si|și){WS})\d+"
)
_UNIT_NAME_STEMS = tuple(UNIT_NAME_WORDS)
# Finnish statutes in the genitive, whose sections follow without §: "kilpailulain 12", "talousarvioasetuksen 66"
FINNISH_STATUTES = ("asetuksen", "kilpailulain", "hankintalain", "rikoslain", "perustuslain", "säädöksen")
# The lots and sections of a tender, numbered in every language: "(osa-alue 1)", "osa-alueisiin 1 ja 2",
# "tronsoanele 2 si 3", "intre nodul 5 si nodul 18", "lotul 3".
LOT_STEMS = ("osa-alue", "tronso", "nodul", "lotul", "loturil")
# The letter of a French code before its article: "L. 464-2" (législative), "R. 123-4", "D. 12"
_CODE_ARTICLE = LazyPattern(r"[lrd]\.")
_PHONE_GROUPS = LazyPattern(rf"(?:[{SPACES}\-/]\d{{2,}})+")
_CODE_TAIL = LazyPattern(r"(?:[-/.]\d+)+")


def glued_to_word_before(text: str, start: int) -> bool:
    """Tell whether the number continues a word or code: "G7", "A320", "Su-35", "COVID-19", "第5", "코로나19"
    (Korean spaces a number from the word before unless it is a prefix such as "약", about, or "총", in all)."""
    before = text[start - 1 : start] if start else ""
    if not before:
        return False
    if HANGUL.match(before):
        word = _HANGUL_BEFORE.search(text, max(0, start - 12), start).group()
        return len(word) >= 2 and not word.endswith(KOREAN_PREFIXES) and not _states_won(text, start)
    if LATIN_OR_CYRILLIC.match(before) or before in "#№第ºª":
        return True
    if text[start - 2 : start] in ("第 ", "条の", "條の"):
        return True  # "第 29 条" spaced, and the 2 of "第48条の2" (article 48-2)
    return before in "-‑—" and start >= 2 and bool(LATIN_OR_CYRILLIC.match(text[start - 2])) \
        and not _dash_after_a_noun_before_a_price(text, start)  # and "T—7"


_WORD_BEFORE_DASH = LazyPattern(rf"{LETTER}+\Z")
_CYRILLIC_WORD = LazyPattern(r"[\u0400-\u04ff]+")
_DIGITS_AT = LazyPattern(r"\d+(?:[.,]\d+)?")


def _dash_after_a_noun_before_a_price(text: str, start: int) -> bool:
    """Tell whether the dash before a number stands for a pause after a noun, not inside a code, because a currency
    names the number: "Литрі-9 теңге" (a litre: 9 tenge), "ең төменгі бағасы-139 теңге"; a code's letters are few
    or capitals ("АИ-92", "Su-35", "COVID-19")."""
    word = _WORD_BEFORE_DASH.search(text, max(0, start - 30), start - 1)
    if word is None or len(word.group()) < 4 or not word.group()[1:].islower() \
            or not _CYRILLIC_WORD.fullmatch(word.group()):
        return False  # Cyrillic prose only: "Covid-19 euro" keeps its name
    digits = _DIGITS_AT.match(text, start)
    return next_word(text, digits.end()) in CURRENCY_NAMES


def _states_won(text: str, start: int) -> bool:
    """Tell whether the number at ``start`` begins an amount of won counted in 만, 억 or 조: old wire copy glues
    such amounts to the word before ("무역위장3백23억원", "2건에4억2,100만원"), and no name ends with one."""
    amount = _KOREAN_WON_AMOUNT.match(text, start)
    return amount is not None and any(scale in amount.group() for scale in "만억조")


def names_a_price_year(text: str, start: int, words_before: list[str]) -> bool:
    """Tell whether a year before a currency name gives the prices an amount is counted in, no amount itself:
    "37 percent in 2009 dollars", "in constant 2015 dollars", "fiscal year 2011 dollars"."""
    return bool(words_before) and words_before[-1].lower() in _PRICE_YEAR_BEFORE \
        and _PRICE_YEAR.match(text, start) is not None


def counted_after_a_designation(text: str, start: int, end: int) -> bool:
    """Tell whether a number glued to a Latin designation counts what a CJK counter after it names: "04FFM2隻" is
    two ships of the 04FFM type."""
    return start > 0 and LATIN_OR_CYRILLIC.match(text[start - 1]) is not None and text[end : end + 1] in CJK_COUNTERS \
        or _TOP_BEFORE.search(text, max(0, start - 5), start) is not None  # "в топ-10", "the top-10": a count


_TOP_BEFORE = LazyPattern(r"(?<![^\W\d_])(?i:top|топ)[-‑]\Z")


def is_phone_number(raw: str, words_before: list[str]) -> bool:
    """Tell whether digits are a phone number or a code: "0800 123 456", "09 123 4567", "Tel. 22669086", or the
    number a label names, in any language: "faks 0-22 4786011", "Kod pocztowy: 62-710", "REGON 311019585",
    "Numer ogłoszenia: 348552" (a reference word, the label's head, then its noun and a colon)."""
    if raw[0] == "0" and raw[1:2].isdigit():
        return True
    if not words_before:
        return False
    label = words_before[-1].rstrip(":")
    if label in PHONE_WORDS or label in REGISTER_WORDS:
        return True
    # the label's noun is a word ("Numer ogłoszenia:"), not a number ("Section 3: 500 drones" counts)
    return words_before[-1].endswith(":") and words_before[-1].rstrip(":").isalpha() and len(words_before) >= 2 \
        and words_before[-2] in REFERENCE_WORDS


def is_cjk_ordinal_or_date(text: str, start: int, end: int) -> bool:
    """Tell whether Chinese numerals are an ordinal, part of a date or time, or a vague count: "第五", "三月",
    "二〇二二年", "数十"; or the round of a tender in brackets after its name ("项目(二次)", the second call)."""
    if text[start - 1 : start] in "(（" and text[end : end + 2] in ("次)", "次）"):
        return True
    if text.startswith(_CJK_SESSION_ORDINALS, end):
        return True  # "十一届全国人大五次会议": the 11th National People's Congress, its 5th session
    if text[end : end + 1] in ("条", "條") and text[start - 2 : start] in ("条、", "條、"):
        return True  # "反垄断法第四十八条、四十九条": the second article of a list after 第
    if text[start - 2 : start] in ("第廿", "第卅"):
        return True  # "依決算法第廿五條" (article 25), 廿 being twenty
    return (start > 0 and text[start - 1] in "第数數几幾") or bool(_CJK_DATE_AFTER.match(text, end)) \
        or (text[end : end + 1] == "年" and not counts_cjk_years(text, start, end))  # and "数十次", a vague count


# A code of capitals and its number, then "with" or "and": "АИ-95-пен ", "АИ-92 және ", "АИ-92 и ".
_CODE_AND_BEFORE = LazyPattern(
    r"(?<![^\W\d_])[A-ZА-ЯӘҒҚҢӨҰҮҺІ]{2,}[-‑ ](?P<digits>\d+)(?:[-‑](?:пен|мен|бен)|\s(?:және|мен|немесе|и|или))\s\Z")


def _pairs_with_a_code(text: str, raw: str, start: int) -> bool:
    """Tell whether a number as long as the number of a code of capitals before it is paired with that code by
    "with" or "and" in Kazakh or Russian, and so names a grade of it too: "АИ-95-пен 98-ді", "АИ-92 и 95"."""
    code = _CODE_AND_BEFORE.search(text, max(0, start - 24), start)
    return code is not None and len(code.group("digits")) == len(raw)


_DAY_WORDS = ("오늘", "내일", "어제", "모레", "今日", "明日", "昨日", "今天", "明天", "昨天")


def _names_a_day_in_parentheses(text: str, start: int, end: int) -> bool:
    """Tell whether a number in parentheses after a word for a day gives its date: "경찰은 내일(20) 김씨를"."""
    return text[start - 1 : start] in "(（" and text[end : end + 1] in ")）" and text.endswith(_DAY_WORDS, 0, start - 1)


_DATED_CASE = LazyPattern(r"(?:1[0-2]|0?[1-9])\.(?:[0-2]\d|3[01])")
_CJK_CHARACTER = LazyPattern(r"[\u4e00-\u9fff]")


def _names_a_dated_case(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether a month and day right after an opening quote name a case or an operation, as Chinese police
    name them: "“4.01特大婚恋交友诈骗”案", "“5.29”犯罪团伙"."""
    return text[start - 1 : start] in "“「\"" and _DATED_CASE.fullmatch(raw) is not None \
        and (text[end : end + 1] in "”」\"" or _CJK_CHARACTER.match(text, end) is not None)


def is_korean_article(text: str, start: int, end: int) -> bool:
    """Tell whether a number after the name of a law and before 조 is its article, not trillions: "특가법 2조에 따라"
    (under article 2 of the Act on Aggravated Punishment), "형법 250조"."""
    return text.startswith("조", end) and bool(_KOREAN_LAW_BEFORE.search(text, max(0, start - 12), start))


_KOREAN_LAW_BEFORE = LazyPattern(r"[가-힣]법 ?\Z")


def inside_a_book_title(text: str, start: int, end: int) -> bool:
    """Tell whether a figure stands inside the marks of a Chinese title, 《...》, which name a work: "《长安三万里》"
    (a film), "《哪吒2》" (its sequel)."""
    opening = text.rfind("《", max(0, start - 30), start)
    if opening < 0 or "》" in text[opening:start]:
        return False
    closing = text.find("》", end, end + 30)
    return closing >= 0 and "《" not in text[end:closing]


# Sessions numbered without 第: "十三届全国人大一次会议", "十九届四中全会" (the fourth plenum).
_CJK_SESSION_ORDINALS = ("届", "屆", "次会议", "次會議", "中全会", "中全會")


# Era names before a year of their own: "令和三年", "平成十年", "民国三年" are dates, not three or ten years.
_CJK_ERAS = ("令和", "平成", "昭和", "大正", "明治", "民国", "民國", "光绪", "光緒", "宣统", "宣統", "同治", "乾隆", "康熙")


def counts_cjk_years(text: str, start: int, end: int) -> bool:
    """Tell whether Chinese numerals before 年 count years ("处三年以下有期徒刑", "三年以上十年以下", "二年以下"):
    a short number, not a year written digit by digit ("二〇二二年"), not an era's year ("令和三年", and a fiscal
    year, its era left out: "二十九年度決算") and not a school grade or year of study ("三年级", "二年生")."""
    return text[end : end + 1] == "年" and end - start <= 3 and "〇" not in text[start:end] and "零" not in text[start:end] \
        and not text.endswith(_CJK_ERAS, 0, start) and text[end + 1 : end + 2] not in ("级", "級", "生", "度")


_CLAUSE_BREAK = LazyPattern(r"[,，。;；:：!?！？\n“”\"「」]")


def counts_the_list_before(text: str, start: int, value: int) -> bool:
    """Tell whether a number counts the items listed right before it, joined by "、": "中央、省、市、区四级" (four
    tiers), "省、市、县三级"."""
    if value < 2:
        return False
    clause_start = max(0, start - 40)
    for found in _CLAUSE_BREAK.finditer(text, clause_start, start):
        clause_start = found.end()
    items = text[clause_start:start].split("、")
    return len(items) == value and all(items)


def is_reference(words_before: list[str]) -> bool:
    """Tell whether the number follows a reference word: article, section, §, page, No., version..., or a Finnish
    statute in the genitive ("talousarvioasetuksen 66 ja 66 a :n mukaisesti": its section 66)."""
    if not words_before:
        return False
    word = words_before[-1].rsplit("/", 1)[-1]  # "art. 101/art. 102": the word after the slash
    return word in REFERENCE_WORDS or "§" in word or word.endswith(FINNISH_STATUTES) or word.startswith(LOT_STEMS) \
        or _CODE_ARTICLE.fullmatch(word) is not None  # "4 §:n 1", "L. 464-2"


def end_of_phone_number(text: str, pos: int) -> int:
    """Return where the digit groups of a phone number that began before ``pos`` end."""
    rest = _PHONE_GROUPS.match(text, pos)
    return rest.end() if rest else pos


def end_of_code(text: str, pos: int) -> int:
    """Return where a code such as "ФС77-76922" or "A320-200" that began before ``pos`` ends."""
    rest = _CODE_TAIL.match(text, pos)
    return rest.end() if rest else pos


def end_of_reference_chain(text: str, pos: int) -> int:
    """Return where "5, 6 and 7" after "Articles" ends, so those numbers are skipped too."""
    while True:
        chained = _REFERENCE_CHAIN.match(text, pos)
        if chained is None:
            return pos
        pos = chained.end()


# Fuel grades are names (bench/figures/LABELLING.md): "sans plomb 95", "bensiini 98:n", "ЕУРОСУПЕР БС – 95", "95-
# oktaanista bensiiniä", "95-bensiini", "Paikallisella bensa-asemalla 95 maksoi"; and Finnish "95:n" (of the 95) in a
# sentence of fuel prices per litre.
_FUEL_GRADES = frozenset({"91", "92", "95", "98"})
_FUEL_BEFORE = LazyPattern(
    r"(?<![^\W\d_])(?i:bensiin\w*|bensa\S*|benzin\w*|бензин\w*|plomb|sp|super|еуросупер|евросупер|eurosuper|"
    r"evrosuper|бс|bs|аи|ai|gasolina|essence)"
    # a word of the grade between: "essence simple 95", "bezolovnog motornog benzina 95"
    r"(?:\s(?i:simple|sans\splomb|bezolovn\w*|motorn\w*|premium|normal))?[\s\-–]{1,3}\Z"
)
# "95-oktaanista", and with a space: "gasolina de 95 octanos", "benzina od 95 oktana", "вартість 95 бензину"
_FUEL_AFTER = LazyPattern(r"-(?i:okta|oktaan|octan|bensiin|benzin)|\s(?i:octanos?|octanes?|oktan\w*|октан\w*|"
                          r"бензин\w*|benzin\w*)(?![^\W\d_])")
_EURO_CLASS_BEFORE = LazyPattern(r"(?<![^\W\d_])(?i:eko|euro|евро|еко)\s\Z")
_DIESEL_AFTER = LazyPattern(r"\s(?i:dizel|diesel|дизел)")
# A grade joined to a grade before it: "Eurosuper 95 i 98", "АИ-92 и 95".
_GRADE_AND_BEFORE = LazyPattern(r"(?<!\d)(?P<grade>91|92|95|98)\s(?:i|и|і|and|y|et|ili|или|або|or|ou|o|și|oraz)\s\Z")
_FINNISH_GENITIVE_OF_A_GRADE = LazyPattern(r":n(?![^\W\d_])")
_FUEL_SENTENCE_WORDS = LazyPattern(r"(?i:litra|diesel|bensiin|bensa|polttoaine)")
_FINNISH_GRADE_AFTER = LazyPattern(r"-(?i:bensa)")  # "selvästi 95-bensaa korkeammalla": the grade's petrol


def _is_fuel_grade(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether a number is a fuel grade, a name: 95 or 98 (92, 91) right after a fuel's word, before "-oktaani",
    or Finnish "95:n" in a sentence of fuel."""
    if _DIESEL_AFTER.match(text, end) and _EURO_CLASS_BEFORE.search(text, max(0, start - 6), start):
        return True  # "eko 3 dizel", "Euro 5 diesel": a fuel's name
    if raw not in _FUEL_GRADES:
        return False
    if _FUEL_BEFORE.search(text, max(0, start - 30), start) or _FUEL_AFTER.match(text, end):
        return True
    joined = _GRADE_AND_BEFORE.search(text, max(0, start - 8), start)
    if joined and _is_fuel_grade(text, joined.group("grade"), joined.start("grade"), joined.end("grade")):
        return True
    return bool(_FINNISH_GENITIVE_OF_A_GRADE.match(text, end)) \
        and bool(_FUEL_SENTENCE_WORDS.search(text, max(0, start - 200), end + 200))


# The second bound of a range right after a number: "1-4 сынып".
_SECOND_BOUND = LazyPattern(r"[-–‑]\d{1,3}(?!\d)")


def is_not_a_figure(text: str, raw: str, start: int, end: int, words_before: list[str]) -> bool:
    """Tell whether a number with no unit or scale is a code, date, time, ordinal, year, name or id."""
    if _is_fuel_grade(text, raw, start, end) or (len(raw) >= 3 and raw.replace(" ", "").isdigit() and is_a_dialled_number(text, start)) \
            or (len(raw) <= 2 and _LOTTERY_NAME_BEFORE.search(text, max(0, start - 16), start)):
        return True  # "за номером 1539"; "Loto 5 din 40", "Лото 6 из 45": a game's name
    if _TENS.fullmatch(raw) and _DECADE_BEFORE.search(text, max(0, start - 30), start):
        return True  # "depuis le milieu des années 80", "en los años 80 y 90": a decade, a date
    if raw.isdigit() and 1 <= int(raw) <= 31 and _DAY_OF_MONTH_AFTER.match(text, end):
        return True  # "до 15 числа місяця", "15-го числа": a day of the month, a date
    if _counts_days_past_a_month(text, raw, end):
        return False  # "연간(365일)", "平均宿泊日数が36日": no month has so many days, so they are counted
    if _counts_a_span_or_points(text, start, end):
        return False  # "3일 내에" (within three days), "10분마다" (every ten minutes), "1点で" (one point)
    if _names_an_era_or_a_ranking(text, end) or _is_short_message_number(text, raw, start, end):
        return True  # "人生100年時代", "100세 시대", "慈善400强榜单"; "2851’e mesaj", "SMS na 7522"
    if _names_a_tariff(text, start, end) or names_a_star_class(text, start, end) \
            or raw in _FUEL_GRADES and _FINNISH_GRADE_AFTER.match(text, end):
        return True  # "Mutlu 3GB Tarifesi", "Fünf-Sterne-Hotel", "95-bensaa"
    after = text[end : end + 1]
    if _is_designation(text, raw, start, end) or names_a_model(text, end) or is_quoted_slogan(text, start, end) \
            or names_a_unit(text, end):
        return True
    if after and (LATIN_OR_CYRILLIC.match(after) or after in "ºª"):
        # "5th", "3e", "1990s", "5G" but not "5km", nor hours counted by a week or a day ("35h par semaine")
        return _GLUED_UNITS.match(text, end) is None and not _HOURS_PER_PERIOD.match(text, end) \
            and not _GLUED_LITRES.match(text, end)
    if text[end : end + 1] in "-‑" and text.startswith(KAZAKH_MONTHS, end + 1):
        return True  # "2026-جىلعى 1-قاڭتاردان" (from 1 January), "1-қаңтардан"
    kazakh = bool(_KAZAKH_HYPHEN.match(text, end)) and window_language(text, start, end) == "kk"
    if kazakh and _is_kazakh_ordinal(text, end):
        return True  # "3-қосымша" (annex 3) does not count; "20-дан аса" (more than 20) does
    if text.startswith(_JAPANESE_DAYS_COUNTED, end) or (text.startswith("日", end) and text.endswith("公開", 0, start)):
        return False  # "公開102日間" (102 days of release), "(公開73日)", "1日早い" (a day earlier): days counted
    suffixes = (_CJK_DATE_AFTER, _SECTION_AFTER) if kazakh else (_CYRILLIC_SUFFIX, _CJK_DATE_AFTER, _SECTION_AFTER)
    if any(pattern.match(text, end) for pattern in suffixes) and not _CARDINAL_CASE_ENDING.match(text, end):
        return True  # "3-й", "1990-е", "3月", "5 §"; not "37-ма"
    if _TURKISH_ORDINAL.match(text, end):
        return True  # "21’inci maddesinin" (of its 21st article)
    if _KAZAKH_ARTICLE.match(text, end):
        return True  # "ӘҚБтК-нің 73-3-бабы", "73-3 бабының 2-бөлігімен": the article 73-3 of a code
    if _is_cjk_year(text, start, end):
        return True  # "平成26年", "24年10月", "19年度", "21世纪"
    word_after = next_word(text, end + 1 if text.startswith("  ", end) else end)  # a table's "600  DK"
    if word_after in STREET_WORDS or _is_postal_code(text, raw, start, end) or _POSTAL_CODE_AFTER.match(text, end) \
            or (_STREET_BEFORE.search(text, max(0, start - 40), start) and word_after not in COUNTED_NOUNS):
        return True  # "au 11 rue de l'Échelle", "Nouvelle-Église (62370)", "на вул. Замковій, 4": an address
    if (bound := _SECOND_BOUND.match(text, end)) and next_word(text, bound.end()) in RANK_WORDS_AFTER:
        return True  # "1-4 сынып оқушылары": the first of a range of grades
    if word_after in REFERENCE_WORDS_AFTER or word_after in RANK_WORDS_AFTER \
            or (words_before and words_before[-1] in TIME_WORDS_BEFORE):
        return True  # "21 luvun", "9 місце", "klo 9.30"
    if _HOUR_RANGE_OPENED_BEFORE.search(text, max(0, start - 16), start):
        return True  # "kello 9–11", "klo 6–7": the last hour of a span of the day
    if words_before and words_before[-1].lower() in _RANK_NOUNS_BEFORE and word_after not in COUNTED_NOUNS:
        return True  # "este pe locul 38 în topul", "se mentine pe locul 1": a rank
    if _pairs_with_a_code(text, raw, start):
        return True  # "АИ-95-пен 98-ді" (AI-95 with 98): a second grade of the code before
    if _names_a_day_in_parentheses(text, start, end) or _names_a_dated_case(text, raw, start, end):
        return True  # "경찰은 내일(20)": tomorrow, the 20th; "“5.29”犯罪团伙": a case named by its date
    if _CJK_DATE_LIST.match(text, end):
        return True  # "지난해 9, 11월 두 차례" (in September and November), "3、4月"
    if _is_marker(text, start, end) or _CJK_DATE_RANGE.match(text, end):
        return True  # "[2]", "1. PROIECT", "1-7月份"; "1사당", "1인당" (per company, per person) measure 1
    if not raw.isdigit():
        return _is_day_and_month(text, raw, start, end)
    number = int(raw)
    # "2000 people", "Berlin 500 Menschen", "2000人", "KAI 3건": counts after all
    counted = word_after in COUNTED_NOUNS or after in CJK_COUNTERS or text.startswith(KOREAN_COUNTERS, end) \
        or after in "多余餘" and text[end + 1 : end + 2] in CJK_COUNTERS and text[end + 1 : end + 2] != "" \
        or counts_a_share_after(text, end)  # "UKIP 320 (12% -9%)": the votes of a result line
    return (
        _is_date_or_time(text, raw, end, words_before, word_after)
        or _is_ordinal_with_dot(text, start, end, raw)
        or (not counted and (_is_year(raw, number, after, words_before, word_after)
                             and not _ends_a_range_of_counts(text, start, number)
                             or _follows_a_name(text, start) and not _counts_a_german_noun(text, start, end)
                             and not _lists_named_counts(text, start, end)))
        or len(raw) >= 9
    )


_DAY_AND_MONTH = LazyPattern(r"(?:[12]\d|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])")
# Languages that write decimals with a comma, where "27.10." is a date.
_DOTTED_DATE_LANGUAGES = ("fi", "de", "pl", "sr", "ru", "uk", "mk", "tr", "ro", "kk", "fr", "eu")


def _is_day_and_month(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether "27.10." (a day and month, each closed by a dot, the year left out) is a date: in a language
    whose decimal mark is a comma; "se multiplicó por 3.3." is a multiple."""
    if text[end : end + 1] != "." or text[end + 1 : end + 2].isdigit() or not _DAY_AND_MONTH.fullmatch(raw):
        return False
    return window_language(text, start, end) in _DOTTED_DATE_LANGUAGES


# A Cyrillic street's abbreviation and name, its number after a comma: "на вул. Замковій, 4", "ул. Ленина, 5".
_STREET_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?:вул|ул|просп|пр-т|пров|бульв)\.{WS}?[А-ЯЁІЇЄҐ]{LETTER}*(?:{WS}{LETTER}+)?,{WS}\Z"
)


# A postal code and its town after a comma: what stands before is a house number ("Plac Czerwca 1976 roku 1,
# 02-495 Warszawa", "Hauptstraße 5, 80331 München").
_POSTAL_CODE_AFTER = LazyPattern(r",[ \u00a0](?:\d{2}-\d{3}|\d{4,5})[ \u00a0][A-ZÄÖÜŁŚŻĆÉÈ]")


def _is_postal_code(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether five digits in parentheses after a capitalised name are its postal code: "Nouvelle-Église
    (62370)", "Lens (62300)"."""
    if len(raw) != 5 or not raw.isdigit() or text[start - 2 : start] != " (" or text[end : end + 1] != ")":
        return False
    name = text[max(0, start - 40) : start - 2].split()
    return bool(name) and name[-1][:1].isupper()


def _counts_a_german_noun(text: str, start: int, end: int) -> bool:
    """Tell whether a number after a capitalised word counts the capitalised word after it, as German writes every
    noun: "bei einer Kontrolle 23 Pakete", "aus Südamerika 31 Kilogramm Kokain" (a model's name has no noun after
    it in German text as often: "Windows 11", "Phase 2 des Projekts")."""
    return bool(_CAPITALISED_WORD.match(text, end)) and not text.endswith("Top ", 0, start) \
        and window_language(text, start, end) == "de"  # "Top 5 Steigende Corona-Zahlen" ranks, in a headline


def _is_kazakh_ordinal(text: str, end: int) -> bool:
    """Tell whether the word a hyphen glues to a Kazakh number (or to the last of a list of them) makes it an
    ordinal: any word but a case ending."""
    word = _KAZAKH_HYPHEN.match(text, end).group("word").lower()
    return word not in KAZAKH_CASE_ENDINGS


def _is_cjk_year(text: str, start: int, end: int) -> bool:
    """Tell whether a number is a year of a Japanese era ("平成26年", "24年10月" with the era left out), a fiscal
    year ("19年度") or a century ("21世纪"); "懲役1年6月" is a sentence of a year and a half."""
    # Japanese typesetting may space the digits from the era and from 年: "平成 26 年度", "27 年 11 月6日"
    before = start - 1 if text[start - 1 : start] == " " else start
    if text[end : end + 1] == " " and text[end + 1 : end + 2] in "年月日":
        end += 1
    if text.endswith(JAPANESE_ERAS, 0, before) and (text.startswith("年", end) or text.startswith("、", end)):
        return True  # and the first of a list: "平成25、26両年度"
    if text.startswith("両年", end):
        return True  # "平成25、26両年度" (both fiscal years 2013 and 2014)
    if text.endswith(JAPANESE_SENTENCE_WORDS, 0, start):
        return False
    if _CJK_YEAR_AFTER.match(text, end):
        return True
    # Japanese writes the year of the era or of the century with two digits alone ("21年まで", "22年分", "「25年
    # 通達」"); a span of years says so after 年 ("4年間", "10年ぶり", "3年前", "5年以上")
    return end - start == 2 and text.startswith("年", end) and not text.startswith(JAPANESE_DURATION_AFTER, end + 1) \
        and bool(KANA.search(text, max(0, start - 60), end + 60))


def _is_marker(text: str, start: int, end: int) -> bool:
    """Tell whether a number marks a footnote ("总值[2]", "von hoher Bedeutung.1 Die Größe", "d’Etat(1)") or numbers an item
    at the start of a line ("1. PROIECT", "1- ANTEP", "(1)")."""
    if text[start - 1 : start] == "[" and text[end : end + 1] == "]":
        return True
    if _NOTE_BEFORE.search(text, max(0, start - 3), start):
        return True  # "不正薬物*注 1の摘発件数": the mark of note 1
    if _CHART_BEFORE.search(text, max(0, start - 3), start):
        return True  # "如下图1所示": the page's chart 1
    if end - start <= 2 and text[start - 1 : start] in _JAPANESE_VERB_ENDINGS and text[end : end + 1] == "。":
        return True  # "内閣に送付された1。": a footnote mark after the verb that closes a Japanese sentence
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")" and end - start <= 2 \
            and LATIN_OR_CYRILLIC.match(text[start - 2 : start - 1] or " ") and not text.startswith("씨", end + 1):
        return True  # "le Conseil d’Etat(1) a considéré": a footnote mark glued to its word; "容疑者(29)" is an age
    if _FOOTNOTE_AFTER_WORD.search(text, max(0, start - 2), start) and end - start <= 2 \
            and not text[end : end + 1].strip():
        return True  # glued to the full stop of a word, as a copied footnote mark is
    if text[end : end + 1] == ")" and end - start <= 2 and text[start - 1 : start] != "(" \
            and _INLINE_ITEM_BEFORE.search(text, max(0, start - 12), start):
        return True  # "focuses on: 1) the cost ...; 2) the extent ...; and, 4) recent": items of a list in a line
    if text[end : end + 1] == ")" and end - start <= 2 and text[start - 2 : start] == ". " \
            and HANGUL.match(text[start - 3 : start - 2] or " "):
        return True  # "... 위법이 있다. 2) 양형부당": an item of a list after the sentence before it
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        start -= 1  # "(1) Puolustusministeriön ...": an item too, when it opens the line
    elif not _ITEM_NUMBER.match(text, end) and not _cjk_item_space(text, end):
        return False
    line_start = start
    while line_start and text[line_start - 1] in " \t":
        line_start -= 1
    return line_start == 0 or text[line_start - 1] == "\n"


# Verbs that begin with 만, which then says nothing of a span: "3월11일 만나" (met on 11 March), "만들어".
_KOREAN_VERBS_OF_MAN = ("만나", "만난", "만날", "만들")
def _cjk_item_space(text: str, end: int) -> bool:
    """Tell whether a space and a Chinese character that no counter or scale is follow a number, as after the
    number of an item that opens its line: "1 奈良県知事は" (not Hong Kong's spaced "2 名", "5 億")."""
    return text[end : end + 1] == " " and bool(_CJK_CHARACTER.match(text, end + 1)) \
        and text[end + 1] not in CJK_COUNTERS and text[end + 1] not in "億亿万萬千百十年月日時时"


_JAPANESE_VERB_ENDINGS = "たるいすだ"
_JAPANESE_DAYS_COUNTED = ("日間", "日早", "日遅")
_JAPANESE_ORDINAL_COUNTERS = ("年目", "回目", "人目", "度目", "番目", "日目", "期目", "件目", "つ目", "週目", "本目")


# After a number, an era named by a lifespan ("人生100年時代", "100세 시대": the age of living to a hundred) or, in
# Chinese, a named ranking ("慈善400强榜单", "世界500強", "财富500强企业"): a name, no figure. Japanese "1000強" is a
# little over a thousand.
_ERA_AFTER = LazyPattern(r"(?:年|歳|岁|세) ?(?:時代|时代|시대)")
_RANKING_AFTER = LazyPattern(r"[强強](?![国國化度调調])")


def _names_an_era_or_a_ranking(text: str, end: int) -> bool:
    """Tell whether a number names an era or a ranking: "人生100年時代", "400强"."""
    return _ERA_AFTER.match(text, end) is not None \
        or (_RANKING_AFTER.match(text, end) is not None and window_language(text, end, end) != "ja")


# A short number that a text message is sent to: "“GAZZE” yazıp 2851’e mesaj gönderilerek", "SMS na broj 7522",
# "отправить SMS на номер 7522", "text GIVE to 70085", "envoyer un SMS au 92033".
# The number a message goes to has its case ending ("2851’e mesaj"); "103 bin 854 SMS", "1000 SMS" count messages.
_MESSAGE_AFTER = LazyPattern(rf"['’]{LETTER}{{1,3}}{WS}(?i:mesaj|sms|смс|kısa{WS}mesaj)")
_MESSAGE_BEFORE = LazyPattern(
    rf"(?i:sms|смс|mesaj|text(?:ing)?|texto)(?:{WS}{LETTER}+){{0,3}}{WS}(?i:na|на|to|au|al|an|at|numarasına|"
    rf"номер|broj|numer|numéro|número)(?:{WS}(?i:номер|broj|numer|numer|number|numéro|número))?{WS}\Z"
)


# Litres glued to their number as Chinese writes them: "人均排放污水100L每天"; "ml" too.
_GLUED_LITRES = LazyPattern(r"(?:L|ml|mL)(?![a-zA-Z\u00c0-\u024f\u0400-\u04ff])")


# A service's telephone number named by what it is: "112 Acil Sağlık ekipleri" (the emergency line), "开通96110反诈专线"
# (the anti-fraud line), "12345热线", "110 Notruf".
_SERVICE_LINE_AFTER = LazyPattern(
    r"[ \u00a0]?(?:\w{0,4}(?:热线|熱線|专线|專線|핫라인|콜센터)|(?i:hotline|helpline)|Acil(?: Çağrı| Sağlık| Servis)|Notruf"
    # a brand's customer line, its name between: "500 TT Mobil Müşteri Hizmetleri aramaları"
    r"|(?:[A-ZÇĞİÖŞÜ]\w*[ \u00a0]){0,3}(?:Müşteri[ \u00a0]Hizmetleri|Çağrı[ \u00a0]Merkezi))"
)


# Chinese and Korean: "编辑短信“捐款”发送至10690", "發送簡訊至1922", "#7079로 문자".
_CJK_MESSAGE_BEFORE = LazyPattern(r"(?:短信|簡訊|短訊|短讯)[^。，,；;]{0,16}(?:至|到)\s?#?\Z")
_KOREAN_MESSAGE_AFTER = LazyPattern(r"(?:번)?(?:으로|로) ?(?:문자|메시지)")


# A lottery named by its draw, "N of M": the M of "Loto 5 din 40", "Лото 6 из 45", "Lotto 6 aus 49", "Loto 7 od 39".
_LOTTERY_NAME_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:lot(?:o|to)|лото)\s\d{{1,2}}\s(?:din|из|od|aus|de|z|of)\s\Z")


# The word for the years of a decade before its tens, and another decade before it: "des années 80", "los años 80 y
# 90", "negli anni '70", "w latach 80.", "the 1980s" is read elsewhere.
_DECADE_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:(?:des|les|aux|los|de{WS}los|dos|nos|os|negli|gli|degli|dei|w|z){WS}"
                             rf"(?:années|años|anni|anos|latach|lat))(?:{WS}['’]?\d0(?:{WS}?,|{WS}(?:y|et|e|i|and|a|o|ou)){WS}?)?{WS}['’]?\Z")
_TENS = LazyPattern(r"(?:19)?[1-9]0")


# The Russian and Ukrainian word for a day of the month after its number: "до 15 числа місяця", "10-го числа".
_DAY_OF_MONTH_AFTER = LazyPattern(rf"(?:-?(?:го|е|ого))?{WS}(?i:числа|число)(?!{LETTER})")


# A number dialled, after "at the number": "на гарячу лінію за номером 1539", "со телефонско јавување на бројот 143
# 400", "pozivom na broj 0800 1234", "appelez le numéro 3919", "llamar al número 016", "pod numerem 112".
_DIALLED_NUMBER_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:за{WS}номером|на{WS}номер|по{WS}номеру|по{WS}телефону|на{WS}бројот|на{WS}број|na{WS}broj|"
    rf"na{WS}broju|pod{WS}brojem|pod{WS}numerem|na{WS}numer|le{WS}numéro|au{WS}numéro|al{WS}número|el{WS}número|"
    rf"la{WS}numărul|call|dial|hotline|helpline|телефон[ау]?|telefon[au]?|téléphone|teléfono)(?:{WS}телефона|"
    rf"{WS}telefona|{WS}de{WS}téléphone|{WS}de{WS}teléfono)?:?{WS}\Z"
)


def is_a_dialled_number(text: str, start: int) -> bool:
    """Tell whether a number is one dialled, written after "at the number" ("за номером 1539"): no figure."""
    return _DIALLED_NUMBER_BEFORE.search(text, max(0, start - 30), start) is not None


def _is_short_message_number(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether a number of three to five digits is the short number a text message goes to or a service's
    telephone line."""
    return raw.isdigit() and 3 <= len(raw) <= 5 \
        and bool((len(raw) >= 4 and (_MESSAGE_AFTER.match(text, end) or _KOREAN_MESSAGE_AFTER.match(text, end)
                                     or _MESSAGE_BEFORE.search(text, max(0, start - 60), start)
                                     or _CJK_MESSAGE_BEFORE.search(text, max(0, start - 30), start)))
                 or _SERVICE_LINE_AFTER.match(text, end))


# Korean days or minutes that a span word follows: "3일 내에", "20일 이내", "7일 안에", "60일 동안", "3일간",
# "10분마다", "30분에", "30분을 초과한"; a date ("지난달 31일") or a time ("3시 30분") has none, and "3분의 1" is a third, "1분기" a
# quarter.
_KOREAN_SPAN_AFTER = LazyPattern(r"(?:일 ?(?:이내|내에|내로|안에|동안|만에|간)|분 ?(?:마다|간|동안|이내|내에|안에|만에|에 |을 |이 |씩))")
_KOREAN_HOUR_BEFORE = LazyPattern(r"시 ?\Z")
# Japanese points of a fine or a score, and works counted ("1点で", "「3点」", "15点連作"); Chinese "11点" is an hour.
_JAPANESE_POINTS_AFTER = LazyPattern(r"点(?![数目])")


def _counts_a_span_or_points(text: str, start: int, end: int) -> bool:
    """Tell whether a number counts days or minutes of a span in Korean, or points in Japanese."""
    if _KOREAN_SPAN_AFTER.match(text, end):
        return text.startswith("일", end) or not _KOREAN_HOUR_BEFORE.search(text, max(0, start - 3), start)
    return bool(_JAPANESE_POINTS_AFTER.match(text, end)) and window_language(text, start, end) == "ja"


def _counts_days_past_a_month(text: str, raw: str, end: int) -> bool:
    """Tell whether a whole number over 31 and under a thousand is glued to the Chinese, Japanese or Korean word for
    a day: no date has it, so it counts days ("365일", "36日")."""
    return raw.isdigit() and 31 < int(raw) < 1000 and text[end : end + 1] in ("日", "일") \
        and not text.startswith(("日目", "일째"), end)


# A hotel's class in stars is a designation (heldout20's README): "Fünf-Sterne-Hotel", "5-Sterne-Hotel", "a five-star
# hotel", "5 yıldızlı otel", "пятизвездочный" aside (a compound), "pięciogwiazdkowy"; French and Spanish after "hôtel".
_STAR_CLASS_AFTER = LazyPattern(rf"[-‑](?i:sterne-|star(?!{LETTER}))|{WS}(?i:yıldızlı|звёздочн|звездочн|зірков|zvjezdic|zvezdic)")
_HOTEL_STARS_AFTER = LazyPattern(rf"{WS}(?i:étoiles|estrellas)(?!{LETTER})")
_HOTEL_BEFORE = LazyPattern(r"(?i:h[ôo]tel)\w*\W{1,3}(?:\w+\W{1,3})?\Z")


def names_a_star_class(text: str, start: int, end: int) -> bool:
    """Tell whether a number names a hotel's class in stars: "Fünf-Sterne-Hotel", "hôtel cinq étoiles"."""
    return bool(_STAR_CLASS_AFTER.match(text, end)) or bool(_HOTEL_STARS_AFTER.match(text, end)) \
        and bool(_HOTEL_BEFORE.search(text, max(0, start - 30), start))


# The rest of a list of names each with its count, the last with the noun counted, in lower case: "Beşiktaş 8,
# Galatasaray 14, Fenerbahçe 12 ve Trabzonspor da 17 futbolcuyu" (players each club signed), "Italia 6, Franța 5
# și Germania 5 cazuri": counts, not models' names (two digits at most: "Boeing 737 ve Airbus 320 uçakları").
_NAMED_COUNTS_AFTER = LazyPattern(
    rf"(?:,{WS}[A-ZÇĞİÖŞÜÄÖÜŁŚŻĆÉÈА-ЯЁІЇЄ]{LETTER}+(?:{WS}(?:da|de|ise))?{WS}\d{{1,2}})*"
    rf"(?:,|{WS}(?:ve|и|i|und|and|ja|та|мен|și|et|y)){WS}[A-ZÇĞİÖŞÜÄÖÜŁŚŻĆÉÈА-ЯЁІЇЄ]{LETTER}+"
    rf"(?:{WS}(?:da|de|ise|auch|too|aussi))?{WS}\d{{1,2}}{WS}[a-zçğıöşüäöüßа-яёіїє]{LETTER}{{2,}}"
)
_TARIFF_NAME_BEFORE = LazyPattern(r"(?:^|[ \t])(?P<name>[A-ZÇĞİÖŞÜ][a-zçğıöşü]+(?: [A-ZÇĞİÖŞÜ][a-zçğıöşü]+)?) \Z",
                                  re.MULTILINE)


def _names_a_tariff(text: str, start: int, end: int) -> bool:
    """Tell whether a number and a unit of data name a tariff: a capitalised word after them ("Mutlu 3GB
    Tarifesi"), or the name before them written again before another number on the line ("Gel Dene 1 GB Gel Dene
    3 GB Gel Dene 5 GB", a row of the tariffs' names; "Cepten Internet 1 GB 3 GB 5 GB" measures)."""
    if _NAMES_A_TARIFF.match(text, end):
        return True
    if not _DATA_UNIT_AFTER.match(text, end):
        return False
    name = _TARIFF_NAME_BEFORE.search(text, max(0, start - 30), start)
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return name is not None and line.count(name.group("name") + " ") >= 2


_DATA_UNIT_AFTER = LazyPattern(r"[ \u00a0]?(?:GB|MB|TB)(?![A-Za-z])")
_CAPITALISED = LazyPattern(rf"[A-ZÇĞİÖŞÜÄÖÜŁŚŻĆÉÈА-ЯЁІЇЄ]{LETTER}+")


def _lists_named_counts(text: str, start: int, end: int) -> bool:
    """Tell whether a number after a name is an item of a list of names, each another, with their counts: "Beşiktaş
    8, Galatasaray 14, ... ve Trabzonspor da 17 futbolcuyu"; "Windows 10, Windows 11 ve Office 16" names versions."""
    rest = _NAMED_COUNTS_AFTER.match(text, end)
    if rest is None:
        return False
    names = _CAPITALISED.findall(text, max(0, start - 30), rest.end())
    return len(names) == len(set(names))


_IN_ALL_BEFORE = LazyPattern(r"(?:총|모두|전체) ?\Z")
# A number and a unit of data before the capitalised word for a tariff: its name ("Mutlu 3GB Tarifesi", "Gel Dene
# 1 GB Tarifesi"); "Cepten Internet 1 GB 3 GB", "3 GB veri" and "10 GB Datenvolumen" measure.
_NAMES_A_TARIFF = LazyPattern(r"[ \u00a0]?(?:GB|MB|TB)[ \u00a0]+(?:Tarife|Tarif|Tariff|Paket|Plan)")
# What follows "等" after a Chinese number when it is a class or a prize's tier, not "etc." ("3、5、8等"):
# "一等奖" (first prize), "二等座" (second class), "三等功" (a third-class merit), "一等舱" (first-class cabin).
_CHINESE_CLASS_NOUNS = ("奖", "獎", "座", "功", "舱", "艙", "级", "級")


def _is_designation(text: str, raw: str, start: int, end: int) -> bool:
    """Tell whether a number glued to a designation or a Korean date word is no count: "捜査2課", "6급",
    "제21대", "4일", "1963년", "10월"; "6개월", "5년간", "징역 1년" and "21대의 차량" stay counts."""
    if text.startswith("차례", end):
        return False  # "13차례" (thirteen times) counts; "2차" (the second round) does not
    if text.startswith("次", end) and not text.startswith(_CJK_SESSION_ORDINALS, end) \
            and not KANA.search(text, max(0, start - 60), end + 60):
        return False  # Chinese "年人均看电影2.15次" counts times; Japanese "2次補正" is the second
    if text.startswith("項目", end):
        return False  # "予備費の支出など8項目" (eight items); "2項" alone is a paragraph of an article
    if text.startswith("部", end) and KANA.search(text, max(0, start - 60), end + 60):
        return True  # Japanese "東証1部" (the exchange's first section); Chinese "三部影片" counts three films
    if text.startswith(("级", "級"), end) and not raw.isdigit():
        return False  # "7.8級地震": a magnitude, measured; "1級建築士" is a grade
    if text.startswith(DESIGNATION_SUFFIXES, end) or text[start - 1 : start] == "제":
        return True
    if text.startswith(_JAPANESE_ORDINAL_COUNTERS, end):
        return True  # "4年目" (the fourth year), "3回目", "2人目": ordinals
    if start > 0 and text[start - 1] in "’'" and text.startswith("년", end):  # not at the text's start ("" is in any)
        return True  # "’20년": a year with its century left out
    if text.startswith("단계", end):  # "12단계에서 15단계로" (from level 12 to 15); "총 10단계로 구분해" counts levels
        return not _IN_ALL_BEFORE.search(text, max(0, start - 3), start)
    if text.startswith("大", end) and not text.startswith(("大会", "大學", "大学"), end):
        return bool(KANA.search(text, max(0, start - 60), end + 60))  # Japanese "3大キャリア": the big three, a name
    if text.startswith("等", end):  # Japanese "1等は34都道府県で118本" (the first prize); Chinese "二等奖", "一等座"
        return bool(KANA.search(text, max(0, start - 60), end + 60)) or text.startswith(_CHINESE_CLASS_NOUNS, end + 1)
    if text.startswith("条", end):  # Japanese "憲法9条" is an article; Chinese "建议47条", 47 proposals
        return bool(KANA.search(text, max(0, start - 60), end + 60))
    if text.startswith("대", end):
        rest = text[end + 1 : end + 8].lstrip()
        return rest.startswith(KOREAN_ORDINAL_NOUNS)
    if not text.startswith(KOREAN_DATE_SUFFIXES, end):
        return False
    after = text[end + 1 : end + 8].lstrip()
    before = text[max(0, start - 6) : start].strip()
    if (after.startswith(KOREAN_DURATION_AFTER) and not after.startswith(_KOREAN_VERBS_OF_MAN)) \
            or before.endswith(KOREAN_DURATION_BEFORE):
        return False  # "5년간", "20년 만에", "징역 1년": spans of time
    if text.startswith("일", end) and before.split()[-1:] == ["주"]:
        return False  # "주 5일 40시간 근무" (five days a week)
    # "1963년" and "95년도" (a fiscal year) are years, and so are "97년", "88년" of the 1980s and 1990s; "6년" is six
    # years
    return text[end] != "년" or len(raw) == 4 or text.startswith("도", end + 1) or (len(raw) == 2 and raw >= "80")


def is_quoted_slogan(text: str, start: int, end: int) -> bool:
    """Tell whether a number opens a short quoted phrase, a slogan or a name: “四个意识”, “1+1+9”, „360 Степени“
    (a title of up to five words); «Хабар 24» is caught by the name rule. A title's number is a plain integer: a
    number with decimals or grouped digits quotes an amount ("1 066,5 kg de cocaïne")."""
    return text[start - 1 : start] in OPENING_QUOTES \
        and bool(_CLOSING_QUOTE_SOON.match(text, end) or _korean_title_rest(text, end)) \
        and not any(mark in text[start:end] for mark in ",.  \u00a0\u202f")


# The rest of a Korean title whose number a word is glued to: "‘7번방의 선물’" (Miracle in Cell No. 7).
_KOREAN_TITLE_REST = LazyPattern(r"[가-힣]{1,8}(?: [^\s\d“”„\"«»「」『』.,;:!?]{1,24}){0,4}[”’」』》\"']")


def _korean_title_rest(text: str, end: int) -> bool:
    """Tell whether a Korean word glued to a number and a few more words close a quoted title; a counter glued to
    the number ("‘3명 사망’") makes a count."""
    return not text.startswith(KOREAN_COUNTERS, end) and bool(_KOREAN_TITLE_REST.match(text, end))


def glued_model_suffix(text: str, raw: str, end: int) -> bool:
    """Tell whether an "x" glued to a number of three digits or more names a model: "777x jets", "the 777X"."""
    return raw.isdigit() and len(raw) >= 3 and text[end : end + 1] in "xX" and bool(next_word(text, end + 1))


# "One in five": "un paquet sur cinq", "one in five", "one out of five", "uno de cada cinco" (a ratio's second term).
# and with its noun's adjectives: "Un étudiant français sur deux bénéficie d’une aide publique".
_RATIO_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:un|une|one|uno|una)(?!{WS}(?i:millions?|milliards?|millón|millones|"
                            rf"billions?|mil|thousand|hundred|milliers?)(?!{LETTER}))(?:{WS}{LETTER}+){{0,3}}{WS}(?i:sur|in|out{WS}of|(?:de{WS})?cada){WS}$")


def is_ratio_denominator(text: str, start: int) -> bool:
    """Tell whether a number is the second term of a ratio said in words: "un paquet sur cinq serait de contrebande"
    (one packet in five: no count of five)."""
    return _RATIO_BEFORE.search(text, max(0, start - 40), start) is not None


def names_a_fraction(text: str, end: int) -> bool:
    """Tell whether a number word is the numerator of a fraction: "deux tiers", "two thirds", "drei Viertel", and
    with a hyphen: "aux trois-quarts", "two-thirds"."""
    if text[end : end + 1] in ("-", "‑"):
        return next_word(text, end + 1) in FRACTION_WORDS
    return next_word(text, end) in FRACTION_WORDS


def names_a_unit(text: str, end: int) -> bool:
    """Tell whether a number is the ordinal of a military unit or base whose name follows, capitalised: "12 Bazie
    Bezzałogowych Statków Powietrznych", "18 Dywizja Zmechanizowana", "16 Air Assault Brigade"; or the unit's noun
    in lower case before a capitalised name ("15 batalion Ułanów Poznańskich")."""
    if text[end : end + 1] not in SPACES:
        return False
    words = [word.strip(",.;:()«»„“”\"'") for word in text[end : end + 80].split()[:4]]
    if len(words) > 1 and words[0].lower().startswith(_UNIT_NAME_STEMS) and words[1][:1].isupper():
        return True
    for word in words:
        if not word[:1].isupper():
            return False
        if word.lower().startswith(_UNIT_NAME_STEMS):
            return True
    return False


def names_a_model(text: str, end: int) -> bool:
    """Tell whether the word after a number makes it a model's name: "737 Max", "787 Dreamliner", "777 program"."""
    word = next_word(text, end)
    return word in MODEL_WORDS and text[end : end + 1] in SPACES and not _GERMAN_PER.match(text, end)


# German "pro" in lower case before a noun or a number is "per": "18 Euro 36 pro Monat", "12 pro tausend Einwohner"
# (a model is "13 Pro").
_GERMAN_PER = LazyPattern(r"[ \u00a0]pro[ \u00a0](?=[A-ZÄÖÜ]|tausend|hundert|\d)")


# Ukrainian "години" (of hours) is Macedonian for years: "во периодот од 3 години" is a span of three years
# (Macedonian text is often told Russian, so any Cyrillic text but Ukrainian reads it so).
_MACEDONIAN_YEARS = frozenset({"години"})


def _is_date_or_time(text: str, raw: str, end: int, words_before: list[str], word_after: str) -> bool:
    """Tell whether an integer is a day of a month or an hour: "3 марта", "10 Uhr", "9-17 Uhr", "1453 GMT"."""
    number = int(raw)
    if 1 <= number <= 31 and (_is_day_of_month(words_before, word_after) or _opens_a_day_range(text, end)):
        return True
    if 1 <= number <= 31 and words_before and words_before[-1].lower() in _ROMANCE_WEEKDAYS \
            and word_after not in COUNTED_NOUNS:
        return True  # "iniciada este miércoles 18", "el pasado día 21": a day of the month
    if number <= 24 and (word_after in TIME_WORDS or _TIME_RANGE.match(text, end)):
        return True
    if number <= 24 and words_before and words_before[-1].lower() in ("od", "од") and _TO_AN_HOUR.match(text, end):
        return True  # "otvorena su od 7 do 19 sati": the hour a span of the day opens at
    if names_an_hour(text, number, end, words_before, word_after):
        return True  # "oko 17 sati", "в 17 часов": a time of day; "u roku od 24 sata" is a span
    return word_after in TIME_ZONES and len(raw) == 4 and raw < "2400" and raw[2] < "6"


def names_an_hour(text: str, number, end: int, words_before: list[str], word_after: str) -> bool:
    """Tell whether a number of hours up to 24 after a word that places it is a time of day: "oko 17 sati", "в 17
    часов", "u osam sati ujutru"; "u roku od 24 sata" is a span."""
    return number <= 24 and word_after in HOUR_WORDS and bool(words_before) and words_before[-1] in AT_HOUR_WORDS \
        and not (len(words_before) > 1 and words_before[-2] in WITHIN_WORDS | _MORE_OR_LESS) \
        and not _is_span_up_to_a_day(number, words_before) \
        and not (word_after in _MACEDONIAN_YEARS and window_language(text, end, end) != "uk")


# "More" or "less" before "od" make it "than": "на помалку од два часа до истекување" is a span of two hours.
_MORE_OR_LESS = frozenset("помалку повеќе manje više мање више меньше больше менше більше".split())


# Romanian nouns of a place in a ranking, before its number: "pe locul 38".
_RANK_NOUNS_BEFORE = frozenset(("locul", "locului"))


# Spanish and French weekdays (and Spanish "día"), before which a day of the month needs no month: "este
# miércoles 18", "el pasado día 21".
_ROMANCE_WEEKDAYS = frozenset("lunes martes miércoles jueves viernes sábado domingo día lundi mardi mercredi jeudi "
                              "vendredi samedi dimanche".split())


def _is_span_up_to_a_day(number: int, words_before: list[str]) -> bool:
    """Tell whether "do 24 sata", "до 24 часов" says up to a day (a span), not until midnight: no hour of a range
    ("od 8 do 24 sata") comes before it."""
    return number == 24 and words_before[-1] in UP_TO_WORDS \
        and not any(word in AT_HOUR_WORDS and word not in UP_TO_WORDS for word in words_before[-3:-1])


# The lower bound right before a number, with a case ending on it or a dash: "1192-ден 2080-ге", "1192–2080".
_LOWER_BOUND_BEFORE = LazyPattern(rf"(?<![\d.,])(?P<lower>\d{{3,4}})(?:[-‑]{LETTER}{{1,4}}{WS}|{WS}?[–-]{WS}?)\Z")


def _ends_a_range_of_counts(text: str, start: int, number: int) -> bool:
    """Tell whether a number of a year's digits closes a range whose lower bound is a smaller count, no year:
    "(1192-ден 2080-ге дейін)" (from 1192 to 2080 road accidents)."""
    found = _LOWER_BOUND_BEFORE.search(text, max(0, start - 12), start)
    if found is None:
        return False
    lower = int(found.group("lower"))
    return lower < number and not 1800 <= lower <= 2099


# "Additional" before a number, which no year follows: "ќе добијат дополнителни 2000", "an additional 2000".
_ADDITIONAL_WORDS = frozenset("additional extra дополнителни додатни dodatnih dodatni додатних дополнительные "
                              "додаткові dodatkowe dodatkowych suplimentari adicionales supplémentaires zusätzliche "
                              "zusätzlich".split())


def _is_year(raw: str, number: int, after: str, words_before: list[str], word_after: str = "") -> bool:
    """Tell whether an integer standing alone is a year: 1900-2099, 1800-1899 after "in", "since"...,
    or any four digits before 年 or the noun "year" ("в 1700 году")."""
    if len(raw) != 4 or (words_before and words_before[-1].lower() in _ADDITIONAL_WORDS):
        return False  # "ќе добијат дополнителни 2000": an amount added, no year
    if 1900 <= number <= 2099 or after == "年" or (word_after in YEAR_NOUNS_AFTER and number >= 1000):
        return True
    return 1800 <= number <= 1899 and bool(words_before) and words_before[-1] in YEAR_PREPOSITIONS


_ELIDED_ARTICLE = LazyPattern(r"\A[dlDL]['’](?=[A-ZÀ-Ý])")
_NUMBER_CLOSING_A_CLAUSE = LazyPattern(r"\d+[,;:)]")


# A number with more than five words after it before any closing quote: a quoted sentence goes on, no title.
_QUOTED_SENTENCE_GOES_ON = LazyPattern(r"[^\s“”„\"«»]+(?:\s+[^\s“”„\"«»]+){6}")


# Words of order that open a line or a sentence with a capital before a count: "İlk 12 Ay", "İkinci 12 Ay".
_ORDER_WORDS = frozenset("ilk i̇lk ikinci i̇kinci son first second last next erste ersten zweite zweiten letzte letzten "
                         "nächste nächsten ensimmäiset ensimmäisen viimeiset seuraavat".split())


def _follows_a_name(text: str, start: int) -> bool:
    """Tell whether a number comes right after a capitalised word inside a sentence: "Boeing 787",
    "Windows 11", "Phase 2", "Platz 3" name a thing, they do not count."""
    before = text[max(0, start - 40) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if words and words[-1][:1] in OPENING_QUOTES:
        name = words[-1].lstrip(OPENING_QUOTES)  # «Хабар 24», "Laivue 2020": a title, wherever it stands
        if _QUOTED_SENTENCE_GOES_ON.match(text, start):
            return False  # "Önümüzdeki 5 yıl içerisinde inşallah ...": a quoted sentence opens with a capital
        return name[:1].isupper() and name.replace("-", "").isalpha() and name.lower() not in QUALIFIERS \
            and name.lower() not in MONTHS
    if len(words) < 2:
        letters = words[-1].replace("&", "") if words else ""
        return len(letters) >= 2 and letters.isalpha() and (_capitals(letters) or "&" in words[-1])
    name, previous = words[-1].lstrip("("), words[-2]  # "(Einzelplan 14)"
    if _NUMBER_CLOSING_A_CLAUSE.match(text, start):  # "selon les informations d’Europe 1, la facture": a name
        name = _ELIDED_ARTICLE.sub("", name)  # after French "d’", "l’" (not "d'Orly 98 kg", a place and a weight)
    letters = name.replace("-", "").replace("&", "")
    if len(letters) >= 2 and letters.isalpha() and (_capitals(letters) or "&" in name):
        return True  # "S&P 500", "CAC 40", "FTSE 100": an index or a model, wherever it stands
    if not (name[:1].isupper() and letters.isalpha()) or previous[-1:] in ".!?:;…»\"”)" \
            or _OPENS_AFTER_A_DASH_OF_SPEECH.search(text, max(0, start - 60), start) \
            and window_language(text, start, start) != "de" \
            or not all(LATIN_OR_CYRILLIC.match(char) for char in letters):  # "A씨가": a Korean word, no name
        return False
    if previous.lower() in _SLAVIC_PLACE_PREPOSITIONS and name.lower().endswith(_LOCATIVE_ENDINGS):
        return False  # "w Warszawie 4-6 tys. zł", "u Zagrebu 300": a place, declined after its preposition
    lowered = name.lower()
    if lowered in _ORDER_WORDS:
        return False  # "İkinci 12 Ay Taahhütlü", "Die ersten 12 Monate": which of them, no name
    return lowered not in QUALIFIERS and lowered not in MONTHS and lowered not in CURRENCY_NAMES \
        and not _in_an_oblique_case(text, start, lowered)


# A dash of speech opening a line or a sentence, then the capitalised first word before the number: "- Укупно 40
# возила подељена су" (in all 40 vehicles), a sentence's first word, no name (but a German noun is capitalised
# anywhere: "- Änderungsantrag 6:" names an item).
_OPENS_AFTER_A_DASH_OF_SPEECH = LazyPattern(rf"(?:^|[\n.!?:]{WS}?)[-–—]{WS}{LETTER}+{WS}\Z")


# Slavic prepositions of place, after which a capitalised word is a place in its case, not a model's name.
_SLAVIC_PLACE_PREPOSITIONS = frozenset("w we в во u у na на".split())
# The endings of a place in the locative ("Warszawie", "Zagrebu", "Hrvatskoj", "Москве", "Києві"); "w Windows 11"
# names a model.
_LOCATIVE_ENDINGS = ("ie", "u", "ach", "i", "y", "e", "oj", "ima", "е", "и", "у", "ој", "ах", "ях", "і", "ї")


def _in_an_oblique_case(text: str, start: int, word: str) -> bool:
    """Tell whether the capitalised word before a number is declined, so no name of a model or a title: "в Россию
    106 товаров" (accusative), "Cumhurbaşkanımızın 7 yurt dışı ziyaretinde" (a genitive glued to the word, which
    Turkish writes after an apostrophe on a name: "Boeing'in")."""
    if not word.endswith(_OBLIQUE_ENDINGS):
        return False
    language = window_language(text, start, start)
    return word.endswith(_OBLIQUE_ENDINGS_BY_LANGUAGE.get(language, ()))


_OBLIQUE_ENDINGS_BY_LANGUAGE = {
    "ru": ("ию", "ии", "ой", "ому", "ого", "ую", "ей", "ами", "ях"),
    "uk": ("ію", "ії", "ою", "ому", "ого", "ами", "ях"),
    # and a plural with its possessive, a common noun however capitalised: "Gümrük Muhafaza Ekipleri 7 gün 24 saat"
    "tr": ("ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "leri", "ları"),
    # a place in the locative ("Ал Алматыда 151, Нұр-Сұлтанда 152 теңге") or the genitive ("Қазақстанның 7 азаматын")
    "kk": ("да", "де", "та", "те", "ның", "нің", "дың", "дің", "тың", "тің"),
    # a place in a local case: "Opiskelija-alennus on Turussa 30, Tampereella 25 ja Oulussa 20 prosenttia"; or in
    # the genitive, whose the things counted are: "Suomen 20 kalleimman asuinalueen joukkoon"
    "fi": ("ssa", "ssä", "lla", "llä", "sta", "stä", "lta", "ltä", "n"),
}
_OBLIQUE_ENDINGS = tuple({ending for endings in _OBLIQUE_ENDINGS_BY_LANGUAGE.values() for ending in endings})


def _opens_a_day_range(text: str, end: int) -> bool:
    """Tell whether a number is the first day of a range whose last day names the month: "entre le 11 et le 28
    mars", "between 11 and 28 March", "od 11. do 28. marta", "11-28 марта", "в ночь с 21 на 22 февраля", "dans la
    nuit du jeudi 11 au vendredi 12 août"."""
    found = _DAY_RANGE.match(text, end)
    return found is not None and found.group("month").lower().rstrip(".") in MONTHS


def _capitals(letters: str) -> bool:
    """Tell whether a word is written in capitals of a cased script ("CAC", "ФСБ"): "A씨가" is a Korean word
    with a Latin initial, which str.isupper calls upper case."""
    return letters.isalpha() and letters.isupper() and all(LATIN_OR_CYRILLIC.match(char) for char in letters)


def _is_day_of_month(words_before: list[str], word_after: str) -> bool:
    """Tell whether a number 1-31 is a day next to a month name ("3 марта", "March 3", "5. Mai")."""
    if re.split("['’]", word_after)[0].rstrip(".") in MONTHS:  # "22 Ekim'e"
        return True
    if word_after.startswith(KAZAKH_MONTHS):  # Kazakh glues its endings: "12 тамыздағы", "1 қаңтарынан"
        return True
    return bool(words_before) and words_before[-1].rstrip(".,") in MONTHS


_BOUND_BEFORE = LazyPattern(r"(?<![\d.])\d{1,3}[–-]\Z")  # "4–10": a number with no dot, a dash, then this one


def _is_ordinal_with_dot(text: str, start: int, end: int, raw: str) -> bool:
    """Tell whether "3." is an ordinal: a lower-case word follows, or any word in German or Finnish."""
    dotted = _ORDINAL_DOT.match(text, end)
    if dotted is None or len(raw) > 3:
        return False
    if dotted.group("first").islower():
        return True
    language = window_language(text, start, end)
    if language in ("fi", "tr") and _BOUND_BEFORE.search(text, max(0, start - 5), start):
        return False  # "Esitys hävisi äänin 4–10. Lippujen": a score's last number ends the sentence
    return language in ("de", "fi", "tr")  # "29. Olağan Genel Konseyi"
