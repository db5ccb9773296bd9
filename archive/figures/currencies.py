"""Currencies from CLDR (through Babel): every ISO 4217 code, its symbols and its names in each language we read.

Names. Each currency's display name and every plural form of it in each of our languages ("Swedish kronor",
"couronnes suédoises", "srpskih dinara", "złotych polskich", "lei românești") names that currency, and so does
its head noun alone when no other currency's name ends (or, in French, Spanish, Romanian and Polish, begins)
with it ("kuna", "złotych"), in text of a language that spells it so (Serbian "lata" is the Latvian lats,
Polish "lata" are years). A head noun that several currencies of one language share ("dollars",
"couronnes", "dinara", "lei", "원") is ambiguous: it is read as the currency whose own words stand before it
("германски марки": DEM) or in its paragraph ("couronnes" near "suédois" is SEK; of several, those that were
money in a year written there: "југословенски динари" in 1992 is YUN, not YUD), else as the one currency it
names in the language it is spelled in, else as the home currency of that language ("dinara" in Serbian is
RSD, "원" in Korean KRW), else, for a dollar, as USD; otherwise it names no currency. Turkish and Kazakh add
case endings to names ("dolara", "теңгені"): those are taken off. CLDR gives Macedonian names in the
singular alone; their plurals are made by the language's rule ("марка" -> "марки", "динар" -> "динари").

Only money that was legal tender somewhere counts (not units of account such as Ecuador's "unité de valeur
constante", whose noun is an everyday word). Built once, on first use (reading CLDR for every language takes
a quarter of a second, which the command line's read commands should not pay), and held for the life of the
process.
"""

from __future__ import annotations

import datetime
import functools
import re
from archive.patterns import LazyPattern
from dataclasses import dataclass, field

# Babel's locale names of the languages whose names we read; the first territory of each is its home.
LOCALES = ("en", "ru", "uk", "mk", "de", "fr", "es", "fi", "zh", "ja", "tr", "kk", "pl", "ro", "sr", "sr_Latn",
           "hr", "ko")
_WORD = LazyPattern(r"[^\W\d_]+")
_QUALIFIER_IN_PARENTHESES = LazyPattern(r"\([^)]*\)")
_YEAR = LazyPattern(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
# Case endings of Turkish and Kazakh (Cyrillic and Latin), longest first: "dolarla", "teńgege", "теңгені"; the
# ending of what is worth an amount: "5 milyar dolarlık ihracat", "100 теңгелік"; and a case after the possessive
# ending ("пайызын", its percent as object; "milyarını", "теңгесін").
_POSSESSIVE_CASES = {
    "ı i u ü sı si su sü": "n nı ni nu nü na ne nda nde ndan nden yla yle",
    "ы і сы сі": "н на не нда нде нан нен мен",
    "y i sy si": "n na ne nda nde nan nen men",
    # and "our" in Kazakh: "елу мың теңгемізді ұстап қалды" (kept fifty thousand of our tenge)
    "мыз міз ымыз іміз": "ды ді ға ге да де дан ден дың дің бен",
    "myz miz ymyz imiz": "dy di ǵa ge da de dan den dyń diń ben",
}
CASE_ENDINGS = tuple(sorted(set(
    "a e ı i u ü ya ye yı yi yu yü da de ta te dan den tan ten la le yla yle ın in un ün nın nin nun nün ları leri "
    "lar ler sı si dır dir na ne nı ni lık lik luk lük "
    "dı du dü tı tu tü ydı ydi "  # and the past copula: "bir önceki yıl 2,1 milyardı" (was 2.1 billion)
    "а е ы і ға ге қа ке на не ны ні ды ді ты ті да де та те дан ден тан тен нан нен ның нің дың дің тың "
    "тің мен бен пен сы сі ге лық лік дық дік тық тік "
    "дай дей тай тей "  # and the Kazakh "about": "үш пайыздай" (about three percent), "мыңдай"
    "ǵa ge qa ke na ne ny ni dy di ty ti dan den tan ten nan nen nyń niń dyń diń lyq lik dyq dik tyq tik "
    # and in the Arabic script ("10 پايىزعا", to 10 %; "تەڭگەگە")
    "عا گە قا كە نا نە دا دە تا تە دان دەن تان تەن نان نەن نىڭ دىڭ تىڭ سى ى نى دى تى مەن بەن پەن لىق لىك".split())
    | {owner + case for owners, cases in _POSSESSIVE_CASES.items() for owner in owners.split() for case in cases.split()},
    key=len, reverse=True))
# Case endings of Finnish after a currency's name ("euroon", "eurosta", "dollarilla"): read off it as off Turkish.
# and the plural partitive ("5 miljoonaa euroja", "dollareja").
FINNISH_CASE_ENDINGS = tuple("ssa ssä sta stä lla llä lta ltä lle ksi na nä on in a ä n ja jä".split())
# Vowels by the harmony of Turkish and Kazakh: an ending takes the front or back vowels of the word before it
# ("bine", "milyona", "мыңға"), so "bina" (a building) is no thousand.
FRONT_VOWELS, BACK_VOWELS = "eiöüəәеіөүáóú", "aıouаыоұу"


def harmonious_endings(stem: str) -> tuple[str, ...]:
    """Return the case endings that may follow ``stem`` by vowel harmony (all of them after an abbreviation)."""
    last = next((char for char in reversed(stem.lower()) if char in FRONT_VOWELS or char in BACK_VOWELS), "")
    if not last:
        return CASE_ENDINGS  # "млрд", "mln": read as the word they stand for, whose vowels are not written
    clashing = BACK_VOWELS if last in FRONT_VOWELS else FRONT_VOWELS
    return tuple(ending for ending in CASE_ENDINGS if not any(char in clashing for char in ending))
# Languages whose words the figures engine reads as one: Croatian's are Serbian's (surroundings.window_language).
_SAME_READING = {"hr": "sr"}
# Plurals of nouns that CLDR gives in the singular alone (Macedonian): (ending, plural ending), first that fits;
# "" stands for a final consonant ("динар" -> "динари").
PLURAL_ENDINGS = {"mk": (("а", "и"), ("", "и"))}
# Languages whose names take case endings.
AGGLUTINATIVE = ("tr", "kk")
# Languages that write the currency's noun before its adjective ("couronne suédoise", "złoty polski"); the
# others write it last ("Swedish krona", "srpski dinar", "ABD doları", "대한민국 원").
HEAD_FIRST = ("fr", "es", "ro", "pl")


@dataclass
class CurrencyTable:
    """What CLDR says of currencies, arranged for reading them after a number."""

    names: dict[str, str] = field(default_factory=dict)  # whole name, lower-cased -> code
    nouns: dict[str, set[str]] = field(default_factory=dict)  # noun shared by several currencies -> codes
    noun_languages: dict[str, set[str]] = field(default_factory=dict)  # noun -> languages spelling it
    head_languages: dict[str, set[str]] = field(default_factory=dict)  # one currency's noun alone -> its languages
    own_words: dict[str, set[str]] = field(default_factory=dict)  # code -> stems of its distinguishing words
    symbols: dict[str, str] = field(default_factory=dict)  # symbol as written -> code
    symbol_languages: dict[str, set[str]] = field(default_factory=dict)  # a symbol of letters -> languages writing it
    tender_years: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # code -> (first, last) years
    home: dict[str, str] = field(default_factory=dict)  # language -> its home currency
    homes_ever: dict[str, set[str]] = field(default_factory=dict)  # language -> every currency its home ever had
    longest: int = 1  # most words in a name

    def first_words(self) -> set[str]:
        """Return the lower-cased first words of every name and noun."""
        return {name.split()[0] for name in (*self.names, *self.nouns)} | {
            word.group() for symbol in self.symbol_languages if (word := _WORD.match(symbol.lower()))}


def _language(locale_name: str) -> str:
    return locale_name.split("_")[0]


@functools.cache
def currency_table() -> CurrencyTable:
    """Return the currency table, built from CLDR on the first call."""
    from babel import Locale
    from babel.core import get_global
    from babel.numbers import get_territory_currencies

    table = CurrencyTable()
    shared: dict[str, dict[str, set[str]]] = {}  # language -> word -> codes whose names hold it
    likely = get_global("likely_subtags")
    # money that was ever legal tender somewhere: not units of account such as Ecuador's "unité de valeur
    # constante", whose noun is an everyday word
    tender = {code for entries in get_global("territory_currencies").values()
              for code, _start, _end, is_tender in entries if is_tender}
    for entries in get_global("territory_currencies").values():
        for code, start, end, is_tender in entries:
            if is_tender:
                table.tender_years.setdefault(code, []).append((start[0] if start else 0, end[0] if end else 9999))
    for locale_name in LOCALES:
        locale = Locale.parse(locale_name)
        language = _language(locale_name)
        head_first = language in HEAD_FIRST
        territory = likely.get(language, "").split("_")[-1]
        home = get_territory_currencies(territory, tender=True) if territory else []
        if home:
            table.home.setdefault(language, home[0])
        if territory:  # "markkaa" in Finnish is the Finnish markka (FIM), out of use since 2002
            table.homes_ever.setdefault(language, set()).update(get_territory_currencies(
                territory, start_date=datetime.date(1800, 1, 1), end_date=datetime.date.today(), tender=True))
        plurals = locale._data["currency_names_plural"]  # noqa: SLF001 - Babel keeps plural names only here
        for code, name in locale.currencies.items():
            if code not in tender:
                continue
            forms = {name, *dict(plurals.get(code, {})).values()}
            for form in forms:
                lowered = " ".join(form.lower().split())
                # the words of the name itself: "Malediven-Rupie (alt)" is the old rupee, its noun no "alt"
                words = _WORD.findall(_QUALIFIER_IN_PARENTHESES.sub(" ", lowered))
                if not words:
                    continue
                table.names.setdefault(lowered, code)
                table.longest = max(table.longest, len(words))
                head = words[0] if head_first else words[-1]
                heads = [head, *without_case_ending(head)] if language in AGGLUTINATIVE else [head]
                if language in PLURAL_ENDINGS and "other" not in dict(plurals.get(code, {})):
                    heads += _plurals(head, PLURAL_ENDINGS[language])  # "марка" -> "марки"
                for word in heads:
                    shared.setdefault(language, {}).setdefault(word, set()).add(code)
                for word in words:
                    if word != head and len(word) > 4:
                        table.own_words.setdefault(code, set()).add(word[: max(5, len(word) - 3)])
            symbol = locale.currency_symbols.get(code)
            if symbol and symbol != code and (len(symbol) > 1 or not symbol.isascii()) and "$" not in symbol:
                table.symbols.setdefault(symbol, code)  # "kn" in Croatian, "KM" in Bosnian Serbian, "ден." in Macedonian
                if _WORD.search(symbol):
                    table.symbol_languages.setdefault(symbol, set()).add(_SAME_READING.get(language, language))
    for symbol, (code, language) in _SYMBOLS_BEYOND_CLDR.items():
        table.symbols.setdefault(symbol, code)
        table.symbol_languages.setdefault(symbol, set()).add(language)
    table.symbols.update(_SYMBOLS_READ_AS_TODAY)
    from archive.figures.number_words import is_number_word, number_word_stems  # they import this module

    for language, words in shared.items():
        for word, codes in words.items():
            if is_number_word(word) or (language in AGGLUTINATIVE and word in number_word_stems()):
                continue  # "Zimbabve altını" names a currency whole; "altı" alone is six, "алты" too, "alt" its stem
            if len(codes) > 1:
                table.nouns.setdefault(word, set()).update(codes)
                table.noun_languages.setdefault(word, set()).add(language)
            elif len(word) > 2 and word not in table.names:
                table.names[word] = next(iter(codes))  # "kuna", "złotych": one currency's noun
                table.head_languages.setdefault(word, set()).add(_SAME_READING.get(language, language))
            elif word in table.head_languages:
                table.head_languages[word].add(_SAME_READING.get(language, language))
    for noun in table.nouns:
        table.names.pop(noun, None)  # a noun of several currencies is resolved in context, never looked up
    # a word that is some currency's noun tells nothing about which one ("nowy dolar tajwański")
    noun_stems = {noun[:length] for noun in table.nouns for length in range(5, len(noun) + 1)}
    for code, stems in table.own_words.items():
        stems -= noun_stems
    return table


# Abbreviations the press writes that CLDR does not give: Serbian "din" for the dinar ("42,21 din/m3", "79,44 din
# (sa PDV)", "1.200 дин."); in Serbian (and Croatian) text only, where "din" is no word (Romanian "din" is "from").
_SYMBOLS_BEYOND_CLDR = {"din": ("RSD", "sr"), "din.": ("RSD", "sr"), "дин": ("RSD", "sr"), "дин.": ("RSD", "sr")}
# Symbols CLDR gives to money out of use that writers use for today's: "3 500 р." is the ruble of today, not
# CLDR's ruble before 1998 (RUR).
_SYMBOLS_READ_AS_TODAY = {"р.": "RUB"}


def _plurals(noun: str, endings: tuple[tuple[str, str], ...]) -> list[str]:
    """Return the plural of ``noun`` by the first rule of ``endings`` that fits it."""
    for ending, plural in endings:
        if ending and noun.endswith(ending):
            return [noun[: -len(ending)] + plural]
        if not ending and noun[-1:].isalpha() and noun[-1] not in "аеиоу":
            return [noun + plural]
    return []


# A language whose texts name a shared noun of money as the neighbour's home currency when they say no other:
# Macedonian "динари" (its own money is the "денар") are Serbian dinars.
_NEIGHBOUR = {"mk": "sr"}


def resolve_noun(table: CurrencyTable, noun: str, window: str, language: str | None = None) -> str | None:
    """Return the currency that a noun shared by several currencies names here (in text of ``language``), or
    None."""
    code = currency_described(table, noun, window, window)
    if code and (in_use_now(table, code) or _a_year_of_its_time(table, code, window)):
        return code  # "hrvatska" in a Serbian paragraph of today names no Croatian dinar of 1991-1994
    codes = table.nouns[noun]
    homes = {table.home[language] for language in table.noun_languages[noun] if language in table.home}
    homes &= codes
    if len(homes) == 1:
        return homes.pop()
    if table.home.get(_NEIGHBOUR.get(language, ""), "") in codes:
        return table.home[_NEIGHBOUR[language]]  # "10 динари по кутија" in Macedonian: Serbia's dinars
    if "USD" in codes:
        return "USD"
    if language not in table.noun_languages[noun]:
        return None  # Turkish "562 marka" (brands) is no German mark
    former = table.homes_ever.get(language, set()) & codes
    return former.pop() if len(former) == 1 else None  # "kuusi miljoonaa markkaa": the markka of Finland


def in_use_now(table: CurrencyTable, code: str) -> bool:
    """Tell whether a currency is legal tender today (its last year of tender is this one or none)."""
    return any(last >= datetime.date.today().year for _first, last in table.tender_years.get(code, ()))


def _a_year_of_its_time(table: CurrencyTable, code: str, window: str) -> bool:
    """Tell whether a year written in ``window`` falls in the years a currency out of use was legal tender."""
    return any(first <= int(year) <= last for year in _YEAR.findall(window)
               for first, last in table.tender_years.get(code, ()))


def currency_described(table: CurrencyTable, noun: str, describing: str, window: str = "") -> str | None:
    """Return the one currency named ``noun`` whose own words begin words of ``describing`` ("dollars de
    Taïwan": TWD; "германски марки": DEM), or None. Of several, a year written in ``window`` keeps those
    that were money then ("југословенски динари" in 1992: YUN)."""
    codes = table.nouns.get(noun, ())
    # every beginning of five letters or more of every word: an own word's stem is one of them if it matches
    beginnings = {word[:length] for word in set(_WORD.findall(describing.lower()))
                  for length in range(5, len(word) + 1)}
    near = [code for code in sorted(codes) if not beginnings.isdisjoint(table.own_words.get(code, ()))]
    if len(near) > 1:
        years = {int(year) for year in _YEAR.findall(window)}
        near = [code for code in near if any(first <= year <= last for year in years
                                              for first, last in table.tender_years.get(code, ()))] or near
    return near[0] if len(near) == 1 else None


def without_case_ending(word: str) -> list[str]:
    """Return ``word`` with each Turkish, Kazakh or Finnish case ending it may carry taken off, the longest first."""
    return [word[:-length] for length in _ENDING_LENGTHS
            if len(word) - length >= 3 and word[-length:] in _CASE_ENDING_SET]  # a look-up a length, not a scan


_CASE_ENDING_SET = frozenset(CASE_ENDINGS + FINNISH_CASE_ENDINGS)
_ENDING_LENGTHS = sorted({len(ending) for ending in _CASE_ENDING_SET}, reverse=True)
