"""Find, normalise and compare numeric figures (money, percentages, multiples, counts) in many languages.

A claim says "$1.23 million"; one source writes "1,23 милиони долари", another "1.2 million dollars", a
third "123万美元", a fourth "$1.32 million". ``extract`` finds each figure with its span, its value in base
units and its unit; ``compare`` tells that the first three state the claim's figure (one of them rounded)
and that the fourth differs by +7.3 %.

What a figure is. A number written with digits (or as English number words, or as Chinese numerals),
with what belongs to it: a currency before or after ("$5", "5 $", "USD 5", "5 долари", "123万美元"), a scale
word ("1.23 million", "12.9bn", "5 млн", "5 Mio.", "1亿2000万"), a percent sign or word ("12,5 %",
"12.5 percent", "12,5 процента") or a multiple ("70 times", "70-fold", "в 70 раз", "70倍"). ``Figure.unit``
is an ISO 4217 code for money, "%" for percentages, "x" for multiples and None for plain counts (measures
such as "5 km" are plain counts too). English number words make figures ("twelve", "a million", "half a
million", "two and a half billion"), except a lone "one" ("one of them", "no one"); Chinese numerals make
figures when they hold 十/百/千/万/亿 or carry a currency or 百分之 ("三千万美元", "百分之十二"), not in words
like 统一 or 万一.

Qualifiers. A qualifier just before the figure (before its currency symbol too: "almost $6 million"),
possibly followed by a preposition ("почти в 5 раз", "майже на 20%"), or a CJK one just after
("1000万余元", "5万元左右", "100万円以上"), sets ``approx``; it is not part of the span.
- "about": about/around/approximately/roughly/some/около/примерно/близько/околу/rund/etwa/environ/
  alrededor de/unos/noin/约/約 ...
- "over": over/more than/above/at least/свыше/более/понад/над/повеќе од/mehr als/über/plus de/más de/
  yli/超过/逾/余/多 ...
- "under": nearly/almost/less than/under/up to/почти/майже/речиси/скоро/fast/knapp/bis zu/presque/
  près de/moins de/casi/cerca de/lähes/近 ...
A bare "до", "bis" or "hasta" is not a qualifier: it usually closes a range.

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
"Platz 3" name things), unless a counted noun follows. A year with a currency ("$2022") is money.

Digits, grouping and decimals. Spaces (ordinary, no-break U+00A0, thin U+2009, narrow no-break U+202F)
and apostrophes (' and ’) between groups of exactly three digits always group. When both "." and ","
appear, the last one is the decimal mark. One kind of mark appearing more than once groups (1.234.567).
A single mark decides by itself unless exactly three digits follow it: "1,23" and "12.5" are decimals,
and so is "0,125" or "1234,567". A single mark followed by exactly three digits ("1,234", "18.000") is
ambiguous; it is decided by the first of these that speaks: a scale word or currency name of one language
("1,234 млн" or "1.234 Mio." follow the continental convention, decimal comma and grouping dot; "1,234
bn" the English one, grouping comma and decimal point), then the language of the words around the number
(Cyrillic, German, French, Spanish or Finnish function words: continental; English words or CJK:
English), then the position of a currency symbol (before: English "$1,234"; after: continental
"1.234 €"), and finally the English convention. So "1,234 million" in English text is 1,234 million and
"1,23 милиони" is 1.23 million.

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

Currencies. "$" alone is USD (US$, A$, C$, HK$ ... are their own); "¥"/"￥" is JPY unless the text around
is Chinese (Han characters without kana, or 元/人民币/RMB/yuan/CNY nearby), then CNY; 元 is CNY, 円 JPY,
美元 USD. ISO codes are recognised in upper case only, before or after the number. Currency names are
recognised in English, Russian, Ukrainian, Macedonian, German, French, Spanish, Finnish, Chinese and
Japanese, after the number, after a scale word, or after "de"/"d'"/"of" following a scale word
("5 millions d'euros", "5 millones de dólares").

Ranges. "$5-6 million" and "12-15%" are two figures; the lower bound, which carries no scale or unit of
its own, takes the upper bound's scale (when its number is not larger: "from 150 to 2 million" keeps 150)
and unit, and an upper bound without unit takes the lower bound's currency: "$5" -> 5,000,000 USD and
"6 million" -> 6,000,000 USD. The same holds with "to", "до", "bis", "à", "a", "hasta" between them
("from 5 to 6 million people"). "from $47 billion to $8 billion" is two figures
anyway, and so is a conversion in parentheses ("$12.9bn (£10bn)").

Precision. The magnitude of the last significant written digit, in base units: "1.23 million" -> 10,000,
"6 million" -> 1,000,000, "12.5%" -> 0.1, "123万" -> 10,000. Zeros closing an integer without a decimal
part are not significant: "1,200,000" -> 100,000, "2000" -> 1000.

compare(claim, source):
- "incomparable" when the units differ (a count against money, % against USD, USD against EUR);
  ``difference`` is None.
- "same" when the values are equal within a relative tolerance of 1e-9, whatever the qualifiers.
- If either figure has a directional qualifier ("over" or "under"), the qualifiers decide: "rounded" when
  a qualifier on either side accepts the other value, else "different". "over X" accepts values from X
  up to X + w, "under X" values from X - w up to X, where w = max(10 % of X, precision of X): "over
  1 million" accepts 1.23 million, "less than 1 million" does not, "almost $6 million" accepts 5.9 million.
- Otherwise "rounded" when the finer figure, rounded half up to the coarser figure's precision, gives the
  coarser figure (1.23 million vs "1.2 million"), or when an "about" qualifier on either side accepts the
  other value (within max(10 % of X, half the precision of X)).
- Otherwise "different". ``difference`` is (source - claim) / claim whenever the units agree (None when the
  claim is 0).

Pure: no IO, standard library only. Regular expressions are compiled at import; every repeated group
begins with a required separator, so no pattern can backtrack catastrophically. The big candidate
pattern is tried only where a digit, "+", "(" or a Chinese numeral starts, and the costly look-ups after
a number only when its next word or character could begin something we read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["Figure", "Match", "compare", "extract", "parse_figure"]


@dataclass(frozen=True)
class Figure:
    """One numeric figure found in a text."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    approx: str | None
    precision: float

    def to_json(self) -> dict:
        """Return the figure in the JSON shape of `evidence figures --json`."""
        value: int | float = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": value,
            "unit": self.unit,
            "approx": self.approx,
        }


@dataclass(frozen=True)
class Match:
    """How a source's figure stands to a claim's figure."""

    kind: str
    difference: float | None


# ---------------------------------------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------------------------------------

_SPACES = " \u00a0\u2009\u202f"
_WS = f"[{_SPACES}]"  # one space as written between a number and its words
_LETTER = r"[^\W\d_]"
_NOT_LETTER_AFTER = rf"(?!{_LETTER})"


def _alternation(words) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any one space."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", _WS) for word in ordered)


def _table(groups: dict[str, str]) -> dict[str, str]:
    """Return {lower-cased name: key} from {key: "name|name|..."}."""
    return {name.lower(): key for key, names in groups.items() for name in names.split("|")}


# Scale words: lower-cased word -> (power of ten, the number convention it reveals: "en", "eu" or None).
_SCALE_WORDS: dict[str, tuple[int, str | None]] = {
    # English; "million", "millions", "billion" are French and German too, so they reveal nothing
    "thousand": (3, "en"), "million": (6, None), "millions": (6, None), "mn": (6, "en"), "mln": (6, None),
    "mln.": (6, None), "billion": (9, None), "billions": (9, None), "bn": (9, "en"), "bln": (9, None),
    "trillion": (12, "en"), "trillions": (12, "en"), "tn": (12, "en"), "trn": (12, "en"),
    "lakh": (5, "en"), "lakhs": (5, "en"), "crore": (7, "en"), "crores": (7, "en"),
    # Russian
    "тыс.": (3, "eu"), "тыс": (3, "eu"), "тысяча": (3, "eu"), "тысячи": (3, "eu"), "тысяч": (3, "eu"),
    "млн": (6, "eu"), "млн.": (6, "eu"), "миллион": (6, "eu"), "миллиона": (6, "eu"),
    "миллионов": (6, "eu"), "млрд": (9, "eu"), "млрд.": (9, "eu"), "миллиард": (9, "eu"),
    "миллиарда": (9, "eu"), "миллиардов": (9, "eu"), "трлн": (12, "eu"), "трлн.": (12, "eu"),
    "триллион": (12, "eu"), "триллиона": (12, "eu"), "триллионов": (12, "eu"),
    # Ukrainian
    "тис.": (3, "eu"), "тис": (3, "eu"), "тисяча": (3, "eu"), "тисячі": (3, "eu"), "тисяч": (3, "eu"),
    "мільйон": (6, "eu"), "мільйона": (6, "eu"), "мільйони": (6, "eu"), "мільйонів": (6, "eu"),
    "мільярд": (9, "eu"), "мільярда": (9, "eu"), "мільярди": (9, "eu"), "мільярдів": (9, "eu"),
    "трильйон": (12, "eu"), "трильйона": (12, "eu"), "трильйонів": (12, "eu"),
    # Macedonian
    "илјада": (3, "eu"), "илјади": (3, "eu"), "милион": (6, "eu"), "милиони": (6, "eu"),
    "милиона": (6, "eu"), "мил.": (6, "eu"), "милијарда": (9, "eu"), "милијарди": (9, "eu"),
    "трилион": (12, "eu"), "трилиони": (12, "eu"),
    # German ("Billion" is decided by context, see _billion_power)
    "tsd.": (3, "eu"), "tausend": (3, "eu"), "mio.": (6, "eu"), "mio": (6, "eu"), "millionen": (6, "eu"),
    "mrd.": (9, "eu"), "mrd": (9, "eu"), "milliarde": (9, "eu"), "milliarden": (9, "eu"),
    "billionen": (12, "eu"),
    # French
    "milliard": (9, "eu"), "milliards": (9, "eu"),
    # Spanish
    "mil": (3, "eu"), "millón": (6, "eu"), "millones": (6, "eu"), "mil millones": (9, "eu"),
    "millardo": (9, "eu"), "millardos": (9, "eu"), "billón": (12, "eu"), "billones": (12, "eu"),
    # Finnish
    "tuhat": (3, "eu"), "tuhatta": (3, "eu"), "milj.": (6, "eu"), "miljoona": (6, "eu"),
    "miljoonaa": (6, "eu"), "miljoonan": (6, "eu"), "miljardi": (9, "eu"), "miljardia": (9, "eu"),
    "miljardin": (9, "eu"), "biljoona": (12, "eu"), "biljoonaa": (12, "eu"),
}
# Bare letters: scale words only glued to the number and, outside queries, only with a currency.
_SCALE_LETTERS = {"k": 3, "m": 6, "b": 9, "md": 9, "mds": 9}
_CJK_SCALES = {
    "千万": 7, "百万": 6, "万亿": 12, "千亿": 11, "百亿": 10, "十亿": 9, "亿": 8, "億": 8,
    "万": 4, "萬": 4, "兆": 12, "千": 3,
}

# Currency symbols, as written -> ISO 4217 code; "JPY?" marks the yen sign, which context decides.
_CURRENCY_SYMBOLS = {
    "US$": "USD", "US $": "USD", "U.S.$": "USD", "U.S. $": "USD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
    "NT$": "TWD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY?", "￥": "JPY?", "₽": "RUB", "₸": "KZT",
    "₴": "UAH", "₹": "INR", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₼": "AZN", "₾": "GEL",
}
_SYMBOLS_AFTER = {**_CURRENCY_SYMBOLS, "$US": "USD", "$ US": "USD", "zł": "PLN", "Kč": "CZK"}
# ISO codes are recognised in upper case only: "try", "all" and "cad" are words too.
_CURRENCY_CODES = set(
    (
        "USD EUR GBP JPY CNY RUB KZT UAH MKD INR CHF CAD AUD HKD SGD NZD SEK NOK DKK PLN CZK HUF RON BGN RSD "
        "BYN GEL AMD AZN UZS KGS TJS TRY ILS BRL MXN ARS KRW TWD ZAR NGN EGP SAR AED QAR IRR PKR BDT IDR MYR "
        "THB VND PHP"
    ).split()
)
# Everything that may stand before a number as its currency ("$5", "USD 5", "Rs 500", "人民币5000万元").
_CURRENCIES_BEFORE = {
    **_CURRENCY_SYMBOLS, **{code: code for code in _CURRENCY_CODES},
    "Rs.": "INR", "Rs": "INR", "RMB": "CNY", "人民币": "CNY",
}
# Currency names after a number, lower-cased -> code.
_CURRENCY_NAMES = _table(
    {
        "USD": "dollars|dollar|us dollars|u.s. dollars|american dollars|us-dollar|us-dollars|"
        "dollars américains|dollars us|dólares|dólar|dólares estadounidenses|dollaria|dollarin|dollari|"
        "долари|долара|долар|долларов|доллара|доллар|доллары|долл.|доларів|долари сад|долларов сша|"
        "доллара сша|долл. сша|доларів сша|долари сша",
        "CAD": "canadian dollars|canadian dollar",
        "AUD": "australian dollars|australian dollar",
        "HKD": "hong kong dollars|hong kong dollar",
        "SGD": "singapore dollars",
        "NZD": "new zealand dollars",
        "EUR": "euros|euro|euroa|euron|евра|евро|євро",
        "GBP": "pounds sterling|pounds|pound|sterling|фунтов стерлингов|фунта стерлингов|фунтов|фунта|"
        "фунтів|фунти|британски фунти|pfund|livres sterling|libras esterlinas|libras|puntaa",
        "CNY": "yuan|yuans|yuanes|yuania|renminbi|юаней|юаня|юань|юанів|юані",
        "JPY": "yen|yens|yenes|jeniä|иен|иены|єн",
        "RUB": "rubles|roubles|ruble|rouble|rubel|rublos|ruplaa|рублей|рубля|рубль|рубли|рублів|рублі|"
        "руб.|руб",
        "KZT": "tenge|тенге|теңге",
        "UAH": "hryvnias|hryvnia|hryvnas|гривень|гривні|гривен|гривны|гривня|гривни|грн.|грн|hrywnja",
        "MKD": "denars|denar|денари|денара|денар",
        "INR": "rupees|rupee|рупий|рупии|rupien",
        "CHF": "swiss francs|francs suisses|franken",
        "PLN": "zloty|zlotys|złotych",
    }
)
# Names whose spelling belongs to a continental language (decimal comma); Cyrillic names all do.
_CONTINENTAL_NAMES = {
    "dólares", "dólar", "dólares estadounidenses", "dollaria", "dollarin", "dollari", "euroa", "euron",
    "pfund", "libras", "libras esterlinas", "puntaa", "yuanes", "yuania", "yenes", "jeniä", "rubel",
    "rublos", "ruplaa", "franken", "francs suisses", "dollars américains", "złotych",
}
_GERMAN_CURRENCY_SPELLINGS = {"Euro", "Dollar", "US-Dollar", "Franken", "Pfund", "Rubel"}
_CJK_CURRENCIES = {
    "美元": "USD", "美金": "USD", "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "日元": "JPY",
    "日圆": "JPY", "円": "JPY", "人民币": "CNY", "元人民币": "CNY", "元": "CNY", "圆": "CNY", "港元": "HKD",
    "港币": "HKD", "韩元": "KRW", "卢布": "RUB", "盧布": "RUB", "新台币": "TWD", "坚戈": "KZT",
    "格里夫纳": "UAH", "卢比": "INR", "ドル": "USD", "ユーロ": "EUR", "ポンド": "GBP", "ルーブル": "RUB",
}

# Qualifiers before a figure, lower-cased -> approx.
_QUALIFIERS = _table(
    {
        "about": "about|around|approximately|approx.|roughly|some|circa|ca.|c.|an estimated|estimated|"
        "около|примерно|приблизительно|порядка|близько|приблизно|орієнтовно|околу|околo|приближно|"
        "rund|etwa|ungefähr|circa|zirka|environ|quelque|autour de|approximativement|alrededor de|"
        "aproximadamente|unos|unas|noin|suunnilleen|arviolta|n.",
        "over": "over|more than|above|at least|in excess of|upwards of|just over|exceeding|"
        "свыше|более|более чем|больше|больше чем|не менее|понад|більше|більш ніж|більше ніж|щонайменше|"
        "над|повеќе од|најмалку|mehr als|über|mindestens|gut|plus de|au moins|más de|al menos|"
        "por encima de|yli|vähintään|ainakin|runsaat|runsas",
        "under": "nearly|almost|less than|under|up to|fewer than|below|just under|close to|"
        "почти|менее|меньше|не более|майже|менше|менш ніж|речиси|скоро|помалку од|fast|knapp|beinahe|"
        "weniger als|bis zu|unter|presque|près de|moins de|jusqu'à|jusqu’à|casi|menos de|cerca de|lähes|"
        "melkein",
    }
)
_CJK_QUALIFIERS = {
    "约": "about", "約": "about", "约为": "about", "大约": "about", "大約": "about", "约合": "about",
    "超过": "over", "超過": "over", "逾": "over", "至少": "over", "超": "over",
    "近": "under", "将近": "under", "將近": "under", "接近": "under", "不到": "under", "不足": "under",
}
_CJK_QUALIFIERS_AFTER = {
    "左右": "about", "前後": "about", "程度": "about", "以上": "over", "超": "over", "以下": "under",
    "未満": "under",
}

# Words after which a number is a reference, not a figure (lower-cased tokens).
_REFERENCE_WORDS = set(
    (
        "article articles art. arts. section sections sec. § §§ paragraph paragraphs para. clause clauses "
        "chapter page pages p. pp. no. nos. number # № n° nº n.º version ver. v. vol. item rule resolution "
        "annex isbn issn doi id "
        "статья статьи статье статью статей ст. пункт пункта пункте п. пп. часть части ч. глава главы "
        "страница странице стр. с. номер версия версии раздел раздела параграф "
        "стаття статті статтю статтею статей пункту частина частини розділ розділу сторінка сторінці версія "
        "член члена членот став ставот точка страна верзија "
        "artikel absatz abs. paragraf ziffer nr. nummer seite s. kapitel abschnitt band "
        "alinéa paragraphe chapitre numéro versión artículo artículos apartado párrafo capítulo página "
        "pág. núm. número inciso ley decreto "
        "pykälä pykälän pykälässä momentti momentin kohta kohdan sivu sivulla luku luvun versio numero nro"
    ).split()
)

_MONTHS = set(
    (
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня "
        "јануари февруари март април мај јуни јули август септември октомври ноември декември "
        "januar jänner februar märz april mai juni juli august september oktober november dezember "
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
        "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
        "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta "
        "syyskuuta lokakuuta marraskuuta joulukuuta tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu "
        "heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu"
    ).split()
)
_TIME_WORDS = {"uhr", "am", "pm", "a.m", "p.m", "o'clock", "o’clock", "h", "ч", "часот"}
_TIME_WORDS_BEFORE = {"klo", "kello", "kl."}
# Time zones after a time written without a colon: "1453 GMT".
_TIME_ZONES = {"gmt", "utc", "cet", "cest", "msk", "est", "edt", "pst", "pdt", "hkt", "jst", "bst"}
# Words after which digits are a phone or fax number.
_PHONE_WORDS = {"tel", "tel.", "tél.", "phone", "telephone", "téléphone", "teléfono", "telefon", "telefono",
                "телефон", "тел.", "тел", "телефон:", "fax", "факс", "puh.", "puhelin", "電話", "电话"}
# Finnish writes the reference after the number: "21 luvun 1 §".
_REFERENCE_WORDS_AFTER = {"luku", "luvun", "luvussa", "pykälä", "pykälän", "momentti", "momentin", "kohdan"}
# Prepositions that may stand between a qualifier and its number: "почти в 5 раз", "майже на 10%".
_PREPOSITIONS_AFTER_QUALIFIER = {"в", "во", "на", "у", "до"}

# Words before a number of the 1800s that make it a year: "founded in 1887".
_YEAR_PREPOSITIONS = set(
    "in since from until till by of year around circa в с до году года im seit von bis jahr en depuis "
    "année desde hasta año vuonna vuodesta vuoteen".split()
)
# Chinese and Japanese counters: "2000人", "1200架" are counts, not years.
_CJK_COUNTERS = set("人名架辆輛个個家台件次项項座吨噸条條只艘位户戶")

# Nouns that make a year-like integer or a bare "m"/"k" a count ("2000 people", "3m people").
_COUNTED_NOUNS = set(
    (
        "people persons residents citizens users customers subscribers viewers visitors voters workers "
        "employees jobs households homes children refugees soldiers troops migrants patients students "
        "tourists passengers deaths cases barrels tonnes tons vehicles drones units "
        "человек людей жителей граждан беженцев солдат военных пациентов осіб мешканців громадян "
        "луѓе лица жители граѓани "
        "menschen personen einwohner flüchtlinge soldaten "
        "personnes habitants réfugiés soldats personas habitantes refugiados soldados "
        "henkeä ihmistä asukasta pakolaista sotilasta"
    ).split()
)
_GLUED_UNITS = re.compile(
    r"(?:km²|km2|km|kg|cm|mm|ha|kWh|MWh|GWh|TWh|kW|MW|GW|mph|t|g|l)" + _NOT_LETTER_AFTER
)

# Function words that tell the language of the text around a number.
_LANGUAGE_MARKERS = _table(
    {
        "en": "the|and|of|to|was|were|is|are|said|for|with|from|that|by|has|have|which|its|this|will|"
        "been|their|than|over|about|more|after|last|year|would|could",
        "de": "der|die|das|und|ist|mit|für|von|den|dem|des|nicht|sich|auf|eine|einer|wurde|wurden|im|bei|"
        "nach|sind|hat|auch|rund|etwa|mehr|als|um|zum|zur|über|ihren|ihre|ihr|sein|seine|werden|wird|"
        "haben|aus|vor|noch|bis|knapp|fast|jahr|jahren",
        "fr": "le|les|des|et|est|pour|dans|une|du|au|aux|sur|par|qui|selon|ont|été|avec|ce|cette|"
        "environ|près",
        "es": "el|los|las|del|y|para|con|una|por|que|según|fue|han|más|como|su|sus|al|es|casi|unos|unas",
        "fi": "ja|oli|että|ovat|mukaan|vuonna|noin|yli|lähes|kanssa|myös|ei|kuin|hän|sekä|mutta|jo",
        # shared by several continental languages: they tell the convention, not the language
        "eu": "la|de|en|un|se|il|da|di|het|een|och|og",
    }
)
# Letters of continental languages, used when no function word speaks.
_CONTINENTAL_LETTERS = re.compile(r"[äöüßåÄÖÜÅéèêëàâçñáíóúœ]")
_WORD = re.compile(_LETTER + "+")
_LATIN_OR_CYRILLIC = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CHINESE_MONEY_HINT = re.compile(r"元|人民币|RMB|CNY|[Yy]uan|[Rr]enminbi")

# ---------------------------------------------------------------------------------------------------------
# Patterns
# ---------------------------------------------------------------------------------------------------------

_GROUP_SEPARATORS = ",.'’" + _SPACES
_CANDIDATE = re.compile(
    rf"""
    (?P<skip>
        \d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?!\d)                      # 2024-03-12, 2024/03/12
      | \d{{1,2}}[-./]\d{{1,2}}[-./](?:\d{{4}}|\d{{2}})(?!\d)          # 12.03.2024, 03/12/24
      | \d{{1,2}}[.:]\d{{2}}{_WS}?(?:[ap]\.?m\.?|Uhr|ч\.|час)(?!{_LETTER})  # 10.30 am, 10.30 Uhr
      | \d{{1,2}}h\d{{2}}(?!\d)                                       # 10h30
      | \d+:\d+(?::\d+)?                                            # 10:30, 2:1
      | \+\d{{1,3}}(?:[ \u00a0.\-]?\(?\d{{1,4}}\)?){{2,6}}             # +7 727 123 45 67
      | \(\d{{3}}\){_WS}?\d{{3}}[-.\s]\d{{4}}(?!\d)                   # (555) 123-4567
      | \d+(?:-\d+){{2,}}                                           # 555-123-4567, ISBN 978-3-16-148410-0
      | (?:19|20)\d\d{_WS}?[-–—/]{_WS}?(?:(?:19|20)\d\d|\d\d)(?!\d)    # 2022-23, 2019–2022, 2019/20
      | (?!\d{{1,3}}(?:\.\d{{3}})+(?!\.?\d))\d+(?:\.\d+){{2,}}          # 2.1.3, 192.168.0.1
      | \d+/\d+                                                     # 3/4, 24/7, 9/11
    )
  | (?P<num>(?<!\d)(?<!\d[.,])
        (?:\d{{1,3}}(?P<sep>[{_GROUP_SEPARATORS}])\d{{3}}(?!\d)(?:(?P=sep)\d{{3}}(?!\d))*(?:(?!(?P=sep))[.,]\d+)?
          | \d+(?:[.,]\d+)?)
    )
  | (?P<cjk>(?:百分之)?[零〇一二两兩三四五六七八九十百千万萬亿億]+)
    """,
    re.VERBOSE,
)

# Where a candidate can begin: sre scans for a character class quickly, but not for a large alternation.
_CANDIDATE_START = re.compile(r"[\d+(零〇一二两兩三四五六七八九十百]")

_SCALE = re.compile(
    rf"(?:{_WS}|-)?(?P<word>(?i:{_alternation(_SCALE_WORDS)})){_NOT_LETTER_AFTER}"
    rf"|(?P<letter>[kKmMbB]){_NOT_LETTER_AFTER}"
    rf"|{_WS}?(?P<french>Mds|Md|M)(?={_WS}?[€$£])"
)
_CJK_SCALE = re.compile(
    rf"(?P<more>[多余])?(?P<scale>{_alternation(_CJK_SCALES)})?(?P<more_after>[多余])?"
)
_CJK_TAIL = re.compile(rf"(?P<digits>\d+)(?P<scale>{_alternation(_CJK_SCALES)})")
_CJK_UNITS_TAIL = re.compile(r"\d{1,4}(?![\d.,])")
_CONNECTOR = re.compile(rf"{_WS}(?:de|of){_WS}|{_WS}d['’]")
_CURRENCY_AFTER = re.compile(
    rf"{_WS}?(?:(?P<symbol>{_alternation(_SYMBOLS_AFTER)})"
    rf"|(?P<code>{_alternation(_CURRENCY_CODES)})(?![A-Za-z])"
    rf"|(?P<name>(?i:{_alternation(_CURRENCY_NAMES)})){_NOT_LETTER_AFTER}"
    rf"|(?P<cjk>{_alternation(_CJK_CURRENCIES)}))"
)
_CURRENCY_BEFORE = re.compile(
    rf"(?:(?P<symbol>{_alternation(c for c in _CURRENCIES_BEFORE if not c[0].isalpha())})"
    rf"|(?<![A-Za-z])(?P<word>{_alternation(c for c in _CURRENCIES_BEFORE if c[0].isalpha())})){_WS}?$"
)
_PERCENT = re.compile(
    rf"{_WS}?(?:[%٪％]|(?i:percent|per{_WS}?cent|pct\.?|pour{_WS}?cent|por{_WS}?ciento|prozent|"
    rf"процент(?:а|ов|ы)?|проценти|отсто|відсот(?:ок|ки|ків|ка)|prosent(?:ti(?:a|in|ä)?|in|illa)){_NOT_LETTER_AFTER})"
)
_MULTIPLE = re.compile(
    rf"{_WS}?(?i:times|пати|раз|раза|рази|разів|fois|veces|kertaa|mal){_NOT_LETTER_AFTER}"
    rf"|-?(?i:fold|fach(?:e|en|er|es)?|mal|kertai{_LETTER}*){_NOT_LETTER_AFTER}"
    rf"|[x×]{_NOT_LETTER_AFTER}|倍"
)
_NEXT_WORD = re.compile(rf"\.?{_WS}?(?:de{_WS})?(?P<word>{_LETTER}+[.’']?{_LETTER}*)")
def _first_words(*vocabularies) -> set[str]:
    """Return the lower-cased first words of every entry of ``vocabularies``."""
    words = set()
    for vocabulary in vocabularies:
        for entry in vocabulary:
            first = _WORD.match(entry.lower())
            if first:
                words.add(first.group())
    return words


# What may follow a number for _read_suffix to find something: a first word, or a first character.
_SUFFIX_FIRST_WORDS = _first_words(
    _SCALE_WORDS, _SCALE_LETTERS, _CURRENCY_NAMES, _CURRENCY_CODES, _SYMBOLS_AFTER,
    ["percent", "per", "pct", "pour", "por", "prozent", "процент", "процента", "процентов", "проценты",
     "проценти", "отсто", "відсоток", "відсотки", "відсотків", "відсотка", "prosenttia", "prosentti",
     "prosenttiin", "prosentin", "prosentilla", "times", "пати", "раз", "раза", "рази", "разів", "fois",
     "veces", "kertaa", "mal", "x", "de", "of", "d"],
)
_SUFFIX_FIRST_CHARS = set("-‑%٪％×倍多余" + "".join(_CJK_SCALES) + "".join(_CJK_CURRENCIES)
                          + "".join(_CJK_QUALIFIERS_AFTER) + "".join(symbol[0] for symbol in _SYMBOLS_AFTER))
_CURRENCY_LAST_CHARS = {currency[-1] for currency in _CURRENCIES_BEFORE}
_CJK_QUALIFIER_LAST_CHARS = {qualifier[-1] for qualifier in _CJK_QUALIFIERS}

_CYRILLIC_SUFFIX = re.compile(rf"[-‑]\s?[а-яёіїєґА-Я]{{1,3}}{_NOT_LETTER_AFTER}")
_TIME_RANGE = re.compile(
    rf"{_WS}?(?:[-–—]|до|to|bis|à|a|-){_WS}?\d{{1,2}}(?:[.:]\d{{2}})?{_WS}?(?i:часот|ч\.|uhr|h|am|pm|a\.m\.|p\.m\.)"
    rf"{_NOT_LETTER_AFTER}"
)
_ORDINAL_DOT = re.compile(rf"\.{_WS}(?P<first>{_LETTER})")
_CJK_DATE_AFTER = re.compile(r"[月日号號時时点點]")
_SECTION_AFTER = re.compile(rf"{_WS}?§")
_REFERENCE_CHAIN = re.compile(
    rf"(?:\([a-z0-9]{{1,3}}\))*(?:{_WS}?[-–—,/]{_WS}?|{_WS}(?i:and|to|or|und|bis|et|y|и|і|та|или){_WS})\d+"
)
_RANGE_GAP = re.compile(rf"{_WS}?[-–—‒]{_WS}?|{_WS}(?:to|до|bis|à|a|hasta){_WS}")

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_WORD_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_NUMBER_WORD = _alternation([*_NUMBER_WORDS, *_WORD_SCALES])
_WORDS_RUN_SOURCE = (
    rf"\b(?:(?:half{_WS}an?|an?){_WS})?(?:{_NUMBER_WORD})\b(?:(?:{_WS}|-)(?:{_NUMBER_WORD}|and|an?|half)\b)*"
)
# Matching lower-cased text without IGNORECASE is three times faster; the other serves texts whose
# lower-casing changes their length (so offsets would shift).
_WORDS_RUN_LOWER = re.compile(_WORDS_RUN_SOURCE)
_WORDS_RUN = re.compile(_WORDS_RUN_SOURCE, re.IGNORECASE)
_WORD_TOKEN = re.compile(r"[A-Za-z]+")

_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
               "七": 7, "八": 8, "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

_DROP_GROUP_SPACES = str.maketrans("", "", "'’" + _SPACES)
_ONE = Decimal(1)


# ---------------------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------------------


@dataclass
class _Draft:
    """A figure being assembled; its value is ``mantissa * scale``."""

    start: int
    end: int
    mantissa: Decimal
    step: Decimal  # magnitude of the last significant digit of the mantissa
    scale: Decimal = _ONE
    unit: str | None = None
    approx: str | None = None
    has_scale: bool = False
    qualifier_words: int = 0  # words of the qualifier before the figure, for parse_figure

    def freeze(self, text: str) -> Figure:
        """Return the finished figure."""
        return Figure(
            text=text[self.start : self.end],
            start=self.start,
            end=self.end,
            value=float(self.mantissa * self.scale),
            unit=self.unit,
            approx=self.approx,
            precision=float(self.step * self.scale),
        )


@dataclass
class _Suffix:
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


def extract(text: str) -> list[Figure]:
    """Return the figures written in ``text``, in order of start and not overlapping."""
    return [draft.freeze(text) for draft in _scan(text, query=False)]


def parse_figure(query: str) -> Figure | None:
    """Return the one figure that ``query`` consists of ("$1.23 million", "5,9 млн евра"), else None."""
    drafts = _scan(query, query=True)
    if len(drafts) != 1:
        return None
    draft = drafts[0]
    if query[draft.end :].strip() or not _only_qualifier_before(query, draft):
        return None
    return draft.freeze(query)


def _only_qualifier_before(query: str, draft: _Draft) -> bool:
    """Tell whether nothing but white space, or the figure's own qualifier, precedes it."""
    before = query[: draft.start].split()
    return len(before) == draft.qualifier_words or (not before and draft.qualifier_words == 0)


def _scan(text: str, query: bool) -> list[_Draft]:
    """Return the drafts of every figure in ``text``."""
    drafts: list[_Draft] = []
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
    drafts = _without_overlaps(drafts)
    _share_across_ranges(text, drafts)
    return drafts


def _candidates(text: str) -> Iterator[re.Match]:
    """Yield the matches of _CANDIDATE, trying it only where a candidate can begin (much faster)."""
    search, match = _CANDIDATE_START.search, _CANDIDATE.match
    found = search(text)
    while found is not None:
        candidate = match(text, found.start())
        if candidate is None:
            found = search(text, found.start() + 1)
            continue
        yield candidate
        found = search(text, max(candidate.end(), found.start() + 1))


def _without_overlaps(drafts: list[_Draft]) -> list[_Draft]:
    """Return the drafts ordered by start, dropping any that overlaps an earlier one."""
    kept: list[_Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.start, -d.end)):
        if not kept or draft.start >= kept[-1].end:
            kept.append(draft)
    return kept


def _draft_from_digits(
    text: str, match: re.Match, query: bool, taken_until: int
) -> tuple[_Draft | None, int]:
    """Return the figure around a number written with digits (or None), and where scanning may resume."""
    start, number_end = match.span("num")
    prefix = _currency_before(text, start)
    figure_start = prefix[1] if prefix else start
    if prefix is None and _glued_to_word_before(text, start):
        return None, _end_of_code(text, number_end)  # "ФС77-76922": the whole code
    raw = match.group("num")
    words_before = _tokens_before(text, figure_start, 4)
    # "0800 123 456", "09 123 4567", "Tel. 22669086": phone numbers, and codes with leading zeros
    after_phone_word = bool(words_before) and words_before[-1].rstrip(":") in _PHONE_WORDS
    if (raw[0] == "0" and raw[1:2].isdigit()) or after_phone_word:
        return None, _end_of_phone_number(text, number_end)
    if _is_reference(words_before):
        return None, _end_of_reference_chain(text, number_end)
    suffix = _read_suffix(text, number_end, has_currency=prefix is not None)
    if prefix:
        suffix.unit = prefix[0]
    if suffix.letter_scale and not _letter_scale_allowed(text, suffix, query):
        return _measure_or_code(text, match, start, number_end), taken_until
    bare = suffix.unit is None and not suffix.has_scale
    if bare and not query and _is_not_a_figure(text, raw, start, number_end, words_before):
        return None, taken_until
    # deciding the convention reads the words around, so it is done only for an ambiguous "1,234"
    number = _read_digits(raw, lambda: _convention(text, start, suffix, prefix is not None))
    if number is None:
        return None, taken_until
    mantissa, step = number
    draft = _Draft(start=figure_start, end=suffix.end, mantissa=mantissa, step=step)
    _apply_suffix(draft, suffix, _billion_power(text, start, suffix))
    _apply_qualifier(text, draft, suffix.approx, words_before)
    return draft, taken_until


def _read_suffix(text: str, pos: int, has_currency: bool) -> _Suffix:
    """Return the scale, currency, percent or multiple written right after the number ending at ``pos``."""
    suffix = _Suffix(end=pos)
    if not _may_have_suffix(text, pos):
        return suffix
    _read_scale(text, suffix)
    if not has_currency:
        _read_currency_after(text, suffix)
    if suffix.unit is None and not has_currency:
        unit_match = _PERCENT.match(text, suffix.end) or _MULTIPLE.match(text, suffix.end)
        if unit_match:
            suffix.unit = "%" if unit_match.re is _PERCENT else "x"
            suffix.end = unit_match.end()
    _read_qualifier_after(text, suffix)
    return suffix


def _may_have_suffix(text: str, pos: int) -> bool:
    """Tell cheaply whether anything we read can follow ``pos``; most bare numbers are followed by none."""
    if text[pos : pos + 1] in _SPACES:
        pos += 1
    char = text[pos : pos + 1]
    if not char or char in _SUFFIX_FIRST_CHARS:
        return bool(char)
    if not char.isalpha():
        return False
    word = _WORD.match(text, pos)
    return word is not None and word.group().lower() in _SUFFIX_FIRST_WORDS


def _read_scale(text: str, suffix: _Suffix) -> None:
    """Read a scale word (or CJK scale, with 余/多 and a "1亿2000万" tail) into ``suffix``."""
    cjk = _CJK_SCALE.match(text, suffix.end)
    if cjk.group("scale"):
        suffix.power, suffix.has_scale, suffix.end = _CJK_SCALES[cjk.group("scale")], True, cjk.end()
        if cjk.group("more") or cjk.group("more_after"):
            suffix.approx = "over"
        if suffix.power >= 4:
            _read_cjk_tail(text, suffix)
        return
    if cjk.group("more") and _HAN.match(text, cjk.end()):  # "200余人": over 200
        suffix.approx, suffix.end = "over", cjk.end()
        return
    scale = _SCALE.match(text, suffix.end)
    if scale is None:
        return
    suffix.has_scale, suffix.end = True, scale.end()
    if scale.group("word"):
        word = scale.group("word")
        suffix.scale_word = word
        suffix.power, suffix.scale_convention = _SCALE_WORDS[_single_spaced(word.lower())]
    else:
        letters = (scale.group("letter") or scale.group("french")).lower()
        suffix.power, suffix.letter_scale = _SCALE_LETTERS[letters], True
        suffix.scale_word = letters


def _read_cjk_tail(text: str, suffix: _Suffix) -> None:
    """Add the smaller parts of a compound like "1亿2000万" or "5兆3500億" to ``suffix``."""
    power = suffix.power
    while (tail := _CJK_TAIL.match(text, suffix.end)) and _CJK_SCALES[tail.group("scale")] < power:
        power = _CJK_SCALES[tail.group("scale")]
        part = Decimal(tail.group("digits")) * _POWERS_OF_TEN[power]
        suffix.composite = (suffix.composite or Decimal(0)) + part
        suffix.composite_step = _step_of(tail.group("digits")) * _POWERS_OF_TEN[power]
        suffix.end = tail.end()
    units = _CJK_UNITS_TAIL.match(text, suffix.end) if power == 4 else None
    if units:  # "3万5000人": the units after 万 need no scale of their own
        suffix.composite = (suffix.composite or Decimal(0)) + Decimal(units.group())
        suffix.composite_step = _step_of(units.group())
        suffix.end = units.end()
    more = _CJK_SCALE.match(text, suffix.end)
    if more.group("more") and not more.group("scale"):
        suffix.approx, suffix.end = "over", more.end()


def _read_currency_after(text: str, suffix: _Suffix) -> None:
    """Read a currency written after the number (and scale) into ``suffix``."""
    pos = suffix.end
    currency = _CURRENCY_AFTER.match(text, pos)
    if currency is None and suffix.has_scale and not suffix.letter_scale:
        connector = _CONNECTOR.match(text, pos)
        if connector:
            currency = _CURRENCY_AFTER.match(text, connector.end())
            if currency and currency.group("cjk"):
                currency = None
    if currency is None:
        return
    if currency.group("symbol"):
        suffix.unit = _SYMBOLS_AFTER[_single_spaced(currency.group("symbol"))]
        suffix.symbol_after = True
    elif currency.group("code"):
        suffix.unit = currency.group("code")
    elif currency.group("name"):
        name = currency.group("name")
        key = _single_spaced(name.lower())
        suffix.unit = _CURRENCY_NAMES[key]
        suffix.german_currency = name in _GERMAN_CURRENCY_SPELLINGS
        if _CYRILLIC.search(name) or key in _CONTINENTAL_NAMES or suffix.german_currency:
            suffix.name_convention = "eu"
    else:
        suffix.unit = _CJK_CURRENCIES[currency.group("cjk")]
    if suffix.unit == "JPY?":
        suffix.unit = _yen_code(text, pos)
    suffix.end = currency.end()


def _single_spaced(words: str) -> str:
    """Return ``words`` with each run of spaces (no-break ones too) made one ordinary space."""
    return " ".join(words.split())


def _read_qualifier_after(text: str, suffix: _Suffix) -> None:
    """Read a qualifier written after the figure ("5万元左右", "100万円以上") into ``suffix``."""
    for length in (2, 1):
        word = text[suffix.end : suffix.end + length]
        if word in _CJK_QUALIFIERS_AFTER and suffix.approx is None:
            suffix.approx = _CJK_QUALIFIERS_AFTER[word]
            return


def _letter_scale_allowed(text: str, suffix: _Suffix, query: bool) -> bool:
    """Tell whether a bare k/m/b after a number is a scale: with a currency, in a query, before people."""
    if suffix.unit is not None or query:
        return True
    if suffix.scale_word not in ("k", "m"):
        return False
    noun = _next_word(text, suffix.end)
    return noun in _COUNTED_NOUNS or (len(noun) > 3 and noun.endswith("s"))  # "3m people", "1.8m cars"


def _measure_or_code(text: str, match: re.Match, start: int, number_end: int) -> _Draft | None:
    """Return "5m" as five metres (a plain count), or None for codes like "4K" or "5b"."""
    if text[number_end : number_end + 1] != "m":
        return None
    number = _read_digits(match.group("num"), lambda: "en")
    if number is None:
        return None
    draft = _Draft(start=start, end=number_end + 1, mantissa=number[0], step=number[1])
    _apply_qualifier(text, draft, None)
    return draft


def _apply_suffix(draft: _Draft, suffix: _Suffix, power: int) -> None:
    """Give ``draft`` the scale, unit and qualifier read after its number."""
    draft.has_scale = suffix.has_scale
    draft.unit = suffix.unit
    draft.approx = suffix.approx
    if suffix.has_scale:
        draft.scale = Decimal(10) ** power
    if suffix.composite is not None:
        draft.mantissa = draft.mantissa * draft.scale + suffix.composite
        draft.step = suffix.composite_step
        draft.scale = _ONE


def _apply_qualifier(
    text: str, draft: _Draft, after: str | None, words_before: list[str] | None = None
) -> None:
    """Set the qualifier written before the figure, else the one after it."""
    before = _qualifier_before(text, draft.start, words_before)
    if before:
        draft.approx, draft.qualifier_words = before
    elif after:
        draft.approx = after


def _billion_power(text: str, start: int, suffix: _Suffix) -> int:
    """Return the power of ten of the scale word, reading German and French "billion" as 10^12."""
    word = suffix.scale_word
    if word.lower() not in ("billion", "billions"):
        return suffix.power
    language = _window_language(text, start, suffix.end)
    if word == "Billion" and (suffix.german_currency or language == "de"):
        return 12
    if language == "fr":
        return 12
    return 9


def _yen_code(text: str, pos: int) -> str:
    """Return CNY for a yen sign in Chinese text or near 元/人民币/yuan, else JPY."""
    window = text[max(0, pos - 80) : pos + 80]
    if _KANA.search(window):
        return "JPY"
    if _HAN.search(window) or _CHINESE_MONEY_HINT.search(window):
        return "CNY"
    return "JPY"


# --- what stands before the number ------------------------------------------------------------------------


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    """Return the currency written just before ``start`` and where it begins, if any."""
    last = text[start - 1 : start]
    if last in _SPACES and start >= 2:
        last = text[start - 2]
    if last not in _CURRENCY_LAST_CHARS:  # cheap test first: most numbers have no currency before them
        return None
    found = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    if found is None:
        return None
    code = _CURRENCIES_BEFORE[_single_spaced(found.group())]
    if code == "JPY?":
        code = _yen_code(text, start)
    return code, found.start()


def _glued_to_word_before(text: str, start: int) -> bool:
    """Tell whether the number continues a word or code: "G7", "A320", "Su-35", "COVID-19", "第5"."""
    before = text[start - 1 : start] if start else ""
    if not before:
        return False
    if _LATIN_OR_CYRILLIC.match(before) or before in "#№第ºª":
        return True
    return before in "-‑" and start >= 2 and bool(_LATIN_OR_CYRILLIC.match(text[start - 2]))


def _tokens_before(text: str, start: int, count: int) -> list[str]:
    """Return the last ``count`` words before ``start``, lower-cased, opening punctuation removed."""
    words = []
    for token in text[max(0, start - 48) : start].lower().split()[-count:]:
        word = token.lstrip("([{\"'«„“‘")
        if word[1:2] in ("'", "’") and word[:1] in "ldj":
            word = word[2:]  # French elision: "l'article", "d'environ"
        words.append(word)
    return words


def _is_reference(words_before: list[str]) -> bool:
    """Tell whether the number follows a reference word: article, section, §, page, No., version..."""
    return bool(words_before) and (words_before[-1] in _REFERENCE_WORDS or words_before[-1].endswith("§"))


def _end_of_phone_number(text: str, pos: int) -> int:
    """Return where the digit groups of a phone number that began before ``pos`` end."""
    rest = _PHONE_GROUPS.match(text, pos)
    return rest.end() if rest else pos


_PHONE_GROUPS = re.compile(rf"(?:[{_SPACES}\-/]\d{{2,}})+")
_CODE_TAIL = re.compile(r"(?:[-/.]\d+)+")


def _end_of_code(text: str, pos: int) -> int:
    """Return where a code such as "ФС77-76922" or "A320-200" that began before ``pos`` ends."""
    rest = _CODE_TAIL.match(text, pos)
    return rest.end() if rest else pos


def _end_of_reference_chain(text: str, pos: int) -> int:
    """Return where "5, 6 and 7" after "Articles" ends, so those numbers are skipped too."""
    while True:
        chained = _REFERENCE_CHAIN.match(text, pos)
        if chained is None:
            return pos
        pos = chained.end()


def _qualifier_before(text: str, start: int, tokens: list[str] | None = None) -> tuple[str, int] | None:
    """Return the qualifier just before ``start`` and how many words it takes, if any."""
    for length in (2, 1) if text[start - 1 : start] in _CJK_QUALIFIER_LAST_CHARS else ():
        word = text[max(0, start - length) : start]
        if word in _CJK_QUALIFIERS and len(word) == length:
            if word == "近" and text[start - 2 : start - 1] in ("最", "附"):
                continue
            return _CJK_QUALIFIERS[word], 1
    if tokens is None:
        tokens = _tokens_before(text, start, 4)
    skipped = 1 if tokens and tokens[-1] in _PREPOSITIONS_AFTER_QUALIFIER else 0
    words = tokens[: len(tokens) - skipped]
    for count in (3, 2, 1):
        if len(words) >= count:
            phrase = " ".join(words[-count:])
            if phrase in _QUALIFIERS:
                return _QUALIFIERS[phrase], count + skipped
    return None


# --- what makes a bare number not a figure ----------------------------------------------------------------


def _is_not_a_figure(text: str, raw: str, start: int, end: int, words_before: list[str]) -> bool:
    """Tell whether a number with no unit or scale is a code, date, time, ordinal, year, name or id."""
    after = text[end : end + 1]
    if after and (_LATIN_OR_CYRILLIC.match(after) or after in "ºª"):
        return _GLUED_UNITS.match(text, end) is None  # "5th", "3e", "1990s", "5G" but not "5km"
    if any(pattern.match(text, end) for pattern in (_CYRILLIC_SUFFIX, _CJK_DATE_AFTER, _SECTION_AFTER)):
        return True  # "3-й", "1990-е", "3月", "5 §"
    next_word = _next_word(text, end)
    if next_word in _REFERENCE_WORDS_AFTER or (words_before and words_before[-1] in _TIME_WORDS_BEFORE):
        return True  # "21 luvun", "klo 9.30"
    if not raw.isdigit():
        return False
    number = int(raw)
    # "2000 people", "Berlin 500 Menschen", "2000人": counts after all
    counted = next_word in _COUNTED_NOUNS or after in _CJK_COUNTERS
    return (
        _is_date_or_time(text, raw, end, words_before, next_word)
        or _is_ordinal_with_dot(text, start, end, raw)
        or (not counted and (_is_year(raw, number, after, words_before) or _follows_a_name(text, start)))
        or len(raw) >= 9
    )


def _is_date_or_time(text: str, raw: str, end: int, words_before: list[str], next_word: str) -> bool:
    """Tell whether an integer is a day of a month or an hour: "3 марта", "10 Uhr", "9-17 Uhr", "1453 GMT"."""
    number = int(raw)
    if 1 <= number <= 31 and _is_day_of_month(words_before, next_word):
        return True
    if number <= 24 and (next_word in _TIME_WORDS or _TIME_RANGE.match(text, end)):
        return True
    return next_word in _TIME_ZONES and len(raw) == 4 and raw < "2400" and raw[2] < "6"


def _is_year(raw: str, number: int, after: str, words_before: list[str]) -> bool:
    """Tell whether an integer standing alone is a year: 1900-2099, 1800-1899 after "in", "since"...,
    or any four digits before 年."""
    if len(raw) != 4:
        return False
    if 1900 <= number <= 2099 or after == "年":
        return True
    return 1800 <= number <= 1899 and bool(words_before) and words_before[-1] in _YEAR_PREPOSITIONS


def _follows_a_name(text: str, start: int) -> bool:
    """Tell whether a number comes right after a capitalised word inside a sentence: "Boeing 787",
    "Windows 11", "Phase 2", "Platz 3" name a thing, they do not count."""
    before = text[max(0, start - 40) : start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if len(words) < 2:
        return False  # a capitalised word that opens the text or sentence may be any word
    name, previous = words[-1], words[-2]
    if not (name[:1].isupper() and name.replace("-", "").isalpha()) or previous[-1:] in ".!?:;…»\"”)":
        return False
    lowered = name.lower()
    return lowered not in _QUALIFIERS and lowered not in _MONTHS and lowered not in _CURRENCY_NAMES


def _next_word(text: str, end: int) -> str:
    """Return the word right after ``end`` (skipping one space and a Spanish "de"), lower-cased."""
    found = _NEXT_WORD.match(text, end)
    return found.group("word").lower().rstrip(".") if found else ""


def _is_day_of_month(words_before: list[str], next_word: str) -> bool:
    """Tell whether a number 1-31 is a day next to a month name ("3 марта", "March 3", "5. Mai")."""
    if next_word.rstrip(".") in _MONTHS:
        return True
    return bool(words_before) and words_before[-1].rstrip(".,") in _MONTHS


def _is_ordinal_with_dot(text: str, start: int, end: int, raw: str) -> bool:
    """Tell whether "3." is an ordinal: a lower-case word follows, or any word in German or Finnish."""
    dotted = _ORDINAL_DOT.match(text, end)
    if dotted is None or len(raw) > 3:
        return False
    if dotted.group("first").islower():
        return True
    return _window_language(text, start, end) in ("de", "fi")


# --- reading the digits -----------------------------------------------------------------------------------


def _convention(text: str, start: int, suffix: _Suffix, currency_before: bool) -> str:
    """Return "en" (grouping comma, decimal point) or "eu" (decimal comma, grouping dot) for a number."""
    revealed = suffix.scale_convention or suffix.name_convention
    if revealed:
        return revealed
    language = _window_language(text, start, suffix.end)
    if language:
        return "en" if language in ("en", "zh", "ja") else "eu"
    if currency_before:
        return "en"
    return "eu" if suffix.symbol_after else "en"


def _read_digits(raw: str, convention: Callable[[], str]) -> tuple[Decimal, Decimal] | None:
    """Return the number written in ``raw`` and the magnitude of its last significant digit."""
    if raw.isdigit():
        return Decimal(raw), _step_of(raw)
    cleaned = raw.translate(_DROP_GROUP_SPACES)
    spaced = len(cleaned) != len(raw)
    dots, commas = cleaned.count("."), cleaned.count(",")
    if dots and commas:
        decimal_mark = "." if cleaned.rfind(".") > cleaned.rfind(",") else ","
    elif dots + commas != 1:
        decimal_mark = None
    else:
        decimal_mark = _single_mark_role("." if dots else ",", cleaned, spaced, convention)
    if decimal_mark is None:
        integer, fraction = cleaned.replace(".", "").replace(",", ""), ""
    else:
        integer, fraction = cleaned.rsplit(decimal_mark, 1)
        integer = integer.replace(".", "").replace(",", "")
    if not integer.isdigit() or (fraction and not fraction.isdigit()):
        return None
    written = f"{integer}.{fraction}" if fraction else integer
    return Decimal(written), _step_of(written)


def _single_mark_role(mark: str, cleaned: str, spaced: bool, convention: Callable[[], str]) -> str | None:
    """Return ``mark`` when a lone separator is the decimal mark, None when it groups thousands."""
    head, tail = cleaned.split(mark)
    if len(tail) != 3 or spaced or head == "0" or len(head) > 3:
        return mark
    decimal_for = "en" if mark == "." else "eu"
    return mark if convention() == decimal_for else None


def _step_of(written: str) -> Decimal:
    """Return the magnitude of the last significant digit of a plain decimal string ("1.20" -> 0.01)."""
    if "." in written:
        return _POWERS_OF_TEN[-len(written.split(".")[1])]
    significant = written.rstrip("0")
    return _POWERS_OF_TEN[len(written) - len(significant) if significant else 0]


class _PowersOfTen(dict):
    """Decimal powers of ten, made once each."""

    def __missing__(self, exponent: int) -> Decimal:
        power = self[exponent] = Decimal(1).scaleb(exponent)
        return power


_POWERS_OF_TEN = _PowersOfTen()


def _window_language(text: str, start: int, end: int) -> str | None:
    """Return the language around a number: en, de, fr, es, fi, eu (continental), cyr, zh, ja or None."""
    window = text[max(0, start - 120) : end + 120]
    if _CYRILLIC.search(window):
        return "cyr"
    if _KANA.search(window):
        return "ja"
    if _HAN.search(window):
        return "zh"
    counts: dict[str, int] = {}
    for word in _WORD.findall(window):
        language = _LANGUAGE_MARKERS.get(word.lower())
        if language:
            counts[language] = counts.get(language, 0) + 1
    if not counts:
        return "eu" if _CONTINENTAL_LETTERS.search(window) else None
    english = counts.pop("en", 0)
    continental = sum(counts.values())
    if english == continental:
        return None
    if english > continental:
        return "en"
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return "eu"
    return ranked[0][0]


# --- numbers written as words -----------------------------------------------------------------------------


def _drafts_from_words(text: str) -> list[_Draft]:
    """Return the figures written with English number words ("five million dollars", "half a million")."""
    drafts = []
    lowered = text.lower()
    runs = _WORDS_RUN_LOWER.finditer(lowered) if len(lowered) == len(text) else _WORDS_RUN.finditer(text)
    for run in runs:
        tokens = list(_WORD_TOKEN.finditer(text, run.start(), run.end()))
        words = [token.group().lower() for token in tokens]
        position = 0
        while position < len(words):
            value, used = _read_number_words(words[position:])
            if used == 0:
                position += 1
                continue
            if words[position : position + used] != ["one"]:  # "one of them", "no one": rarely a count
                start, end = tokens[position].start(), tokens[position + used - 1].end()
                draft = _draft_from_words(text, start, end, value)
                if draft is not None:
                    drafts.append(draft)
            position += used
    return drafts


def _draft_from_words(text: str, start: int, end: int, value: Decimal) -> _Draft | None:
    """Return the figure of number words spanning ``start``-``end``, with what follows them."""
    if _glued_to_word_before(text, start):
        return None
    suffix = _read_suffix(text, end, has_currency=False)
    if suffix.has_scale:
        return None  # "five 5bn": nothing we can read
    draft = _Draft(start=start, end=suffix.end, mantissa=value, step=_step_of_value(value))
    _apply_suffix(draft, suffix, 0)
    _apply_qualifier(text, draft, suffix.approx)
    return draft


def _read_number_words(words: list[str]) -> tuple[Decimal, int]:
    """Return the value of the number that the first of ``words`` begin, and how many words it takes."""
    total = current = Decimal(0)
    last = ""  # kind of the last word read: "unit" (one..nineteen, a), "tens" (twenty..ninety), "scale"
    used = index = 0
    while index < len(words):
        word, following = words[index], words[index + 1 : index + 3]
        if word in ("a", "an") and not last and following[:1] and following[0] in _WORD_SCALES:
            current, last, index = _ONE, "unit", index + 1  # "a million"
        elif word == "half" and not last and following[:1] in (["a"], ["an"]) and following[1:2] \
                and following[1] in _WORD_SCALES:
            current, last, index = Decimal("0.5"), "unit", index + 2  # "half a million"
        elif word == "and" and following == ["a", "half"] and last in ("unit", "tens"):
            current, index = current + Decimal("0.5"), index + 3  # "two and a half billion"
        elif word == "and" and last == "scale" and following[:1] and following[0] in _NUMBER_WORDS:
            index += 1  # "one hundred and five": the "and" alone is not a number yet
            continue
        elif word in _NUMBER_WORDS and last != "unit" and not (last == "tens" and _NUMBER_WORDS[word] >= 10):
            current += _NUMBER_WORDS[word]
            last, index = ("tens" if _NUMBER_WORDS[word] >= 20 else "unit"), index + 1
        elif word == "hundred" and last in ("unit", "tens"):
            current, last, index = current * 100, "scale", index + 1
        elif word in _WORD_SCALES and word != "hundred" and last:
            total += (current or _ONE) * _WORD_SCALES[word]
            current, last, index = Decimal(0), "scale", index + 1
        else:
            break
        used = index
    return total + current, used


def _step_of_value(value: Decimal) -> Decimal:
    """Return the magnitude of the last significant digit of ``value``."""
    if value == 0:
        return _ONE
    return Decimal(1).scaleb(value.normalize().as_tuple().exponent)


# --- Chinese numerals -------------------------------------------------------------------------------------


def _draft_from_cjk_numeral(text: str, match: re.Match) -> _Draft | None:
    """Return a figure in Chinese numerals ("三千万美元", "百分之十二"), or None for ordinary words."""
    run = match.group("cjk")
    percent = run.startswith("百分之")
    numeral = run[3:] if percent else run
    start, end = match.span("cjk")
    if not numeral or numeral[0] not in _CJK_DIGITS and numeral[0] != "十":
        return None
    if text[start - 1 : start] == "第" or _CJK_DATE_AFTER.match(text, end) or text[end : end + 1] == "年":
        return None
    value = _read_cjk_numeral(numeral)
    if value is None:
        return None
    suffix = _Suffix(end=end)
    if percent:
        suffix.unit = "%"
    else:
        _read_currency_after(text, suffix)
        if suffix.unit is None:
            multiple = _MULTIPLE.match(text, end)
            suffix.unit, suffix.end = ("x", multiple.end()) if multiple else (None, end)
    more = _CJK_SCALE.match(text, suffix.end)
    if more.group("more") and not more.group("scale"):
        suffix.approx = "over"
    _read_qualifier_after(text, suffix)
    has_big_unit = any(char in _CJK_UNITS or char in _CJK_BIG for char in numeral)
    if not percent and suffix.unit is None and (len(numeral) < 2 or not has_big_unit):
        return None
    draft = _Draft(start=start, end=suffix.end, mantissa=value, step=_step_of_value(value), unit=suffix.unit)
    draft.has_scale = any(char in _CJK_BIG for char in numeral)
    _apply_qualifier(text, draft, suffix.approx)
    return draft


def _read_cjk_numeral(numeral: str) -> Decimal | None:
    """Return the value of Chinese numerals such as 三千二百万 or 一亿二千万."""
    total, section, digit = 0, 0, 0
    for char in numeral:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[char]
            digit = 0
        elif char in _CJK_BIG:
            big = _CJK_BIG[char]
            if big == 10**8:
                total = (total + section + digit) * big
            else:
                total += (section + digit) * big
            section = digit = 0
        else:
            return None
    return Decimal(total + section + digit)


# --- ranges -----------------------------------------------------------------------------------------------


def _share_across_ranges(text: str, drafts: list[_Draft]) -> None:
    """Give "$5-6 million" the scale and unit of its upper bound and the currency of its lower bound."""
    for lower, upper in zip(drafts, drafts[1:]):
        if not _RANGE_GAP.fullmatch(text, lower.end, upper.start):
            continue
        # "from 150 to 2 million" is not 150 million: only a lower bound below the upper takes its scale
        if upper.has_scale and not lower.has_scale and lower.mantissa <= upper.mantissa:
            lower.scale, lower.has_scale = upper.scale, True
        if lower.unit is None:
            lower.unit = upper.unit
        elif upper.unit is None and lower.unit not in ("%", "x"):
            upper.unit = lower.unit


# ---------------------------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------------------------


def compare(claim: Figure, source: Figure) -> Match:
    """Tell whether ``source`` states the same figure as ``claim``, a rounding of it, or a different one."""
    if claim.unit != source.unit:
        return Match("incomparable", None)
    difference = (source.value - claim.value) / claim.value if claim.value else None
    if math.isclose(claim.value, source.value, rel_tol=1e-9, abs_tol=0.0 if claim.value else 1e-12):
        return Match("same", difference)
    if _consistent(claim, source):
        return Match("rounded", difference)
    return Match("different", difference)


def _consistent(claim: Figure, source: Figure) -> bool:
    """Tell whether two unequal figures agree once rounding and qualifiers are allowed for."""
    pair = ((claim, source), (source, claim))
    if any(figure.approx in ("over", "under") for figure in (claim, source)):
        return any(_qualifier_accepts(qualified, other.value) for qualified, other in pair)
    if any(_qualifier_accepts(qualified, other.value) for qualified, other in pair):
        return True
    return any(_rounds_to(fine, coarse) for coarse, fine in pair)


def _qualifier_accepts(figure: Figure, value: float) -> bool:
    """Tell whether ``figure``'s qualifier ("over", "under", "about") admits ``value``."""
    reach = max(0.1 * abs(figure.value), figure.precision)
    tolerance = 1e-9 * max(abs(figure.value), abs(value))
    if figure.approx == "over":
        return figure.value - tolerance <= value <= figure.value + reach + tolerance
    if figure.approx == "under":
        return figure.value - reach - tolerance <= value <= figure.value + tolerance
    if figure.approx == "about":
        reach = max(0.1 * abs(figure.value), figure.precision / 2)
        return abs(value - figure.value) <= reach + tolerance
    return False


def _rounds_to(fine: Figure, coarse: Figure) -> bool:
    """Tell whether ``fine`` rounded half up to ``coarse``'s precision gives ``coarse``."""
    if coarse.precision <= fine.precision:
        return False
    step = Decimal(repr(coarse.precision))
    rounded = (Decimal(repr(fine.value)) / step).quantize(_ONE, rounding=ROUND_HALF_UP) * step
    return math.isclose(float(rounded), coarse.value, rel_tol=1e-9)
