"""Find the numbers written in words, in every language we read, and read their values.

Who reads what. English words are read by ``numbers.read_number_words`` ("two hundred and five", "half a
million"); German, French and Spanish by text2num ("dreiundzwanzig", "quatre-vingt-dix", "treinta y dos";
text2num covers Portuguese, Italian, Dutch and Danish too, which we do not read); Russian and Ukrainian by
number-parser ("трех", "двадцять пʼять"), whose word lists serve here too (its lists of other languages are
marked unsupported, and some are wrong: Polish "dwadzieścia" is 2 there), save the collective numerals it
lacks ("пятеро", ``vocabulary.COLLECTIVE_NUMERALS``) and halves ("полтора миллиона", "Полтора года",
``vocabulary.HALF_NUMBER_WORDS``, in every language that writes them) and nouns of a round number ("une
cinquantaine", "medio centenar", "десяток": ``vocabulary.APPROXIMATE_NUMBER_WORDS``, read as about it);
Polish, Romanian, Serbian and Croatian, Macedonian, Kazakh, Turkish, Finnish and Korean, which neither library reads, by the tables of
``vocabulary.NUMBER_WORD_TABLES``, composed as hundreds, tens and units ("dvadeset i pet", "iki yüz elli",
"он бес", "o mie"). German declined forms ("einer Million", "zweier") and "-einhalb" ("viereinhalb", 4.5) are
made readable for text2num. Chinese and Japanese numerals are read with the digits. Scale words are left to the reader of
what follows a number, as after digits ("zehn Millionen Euro", "една милијарда").

Which language. A word is read in the language of the text around it (``surroundings.window_language``) when
that language writes numbers with it: "ten" is ten in English and "this" in Polish, "pet" five in Serbian
and an animal in English, "on" ten in Turkish (and not read where no Turkic letter stands near). Text whose
language no word tells is read as English.

What counts. A run of number words gives the numbers its reader makes of it, each of at most 14 words. A
word for one (an article in most of our languages: "ein", "une", "один") and a few words that are numbers
only beside others ("yüz", a face or a hundred) are ``bound``: the caller keeps them only with a scale,
currency, percent or multiple after them. Korean native numbers count only before the counter they stand
with ("두 차례", "두 배"), and not before 번째 ("두 번째", the second). A run after a word for "several" says no
amount ("mehrere Tausend Euro", "several thousand", "kilka tysięcy"): it gives none, never a precise thousand.

Speed. One regular expression, built on first use from every language's words as a tree, finds the words;
text without number words pays that scan alone (about what the English words alone cost before), and the
libraries are imported and called only where one of their words is found; number-parser's answers are
remembered, as it reads its word lists anew at every call.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from archive.figures.currencies import without_case_ending
from archive.figures.numbers import read_number_words
from archive.figures.spotting import FOLD, NUMBER_PARSER_LANGUAGES, library_words, table_words
from archive.figures.surroundings import WS, trie_alternation, window_language
from archive.figures.units import may_have_suffix
from archive.figures.vocabulary import (QUARANTINE_WORDS, APPROXIMATE_NUMBER_WORDS, BOUND_NUMBER_WORDS, COLLECTIVE_NUMERALS,
                                        KAZAKH_CASE_FORMS,
                                        COUNTED_SCALE_NOUNS, VAGUE_QUANTIFIERS, EXPECTED_LETTERS, HALF_NUMBER_WORDS, GERMAN_DECLINED,
                                        GERMAN_NUMBER_FIRST, GERMAN_NUMBER_PARTS,
                                        KOREAN_ORDINAL_AFTER, NUMBER_CONNECTORS, NUMBER_WORD_TABLES, ONE_WORDS)
from archive.patterns import LazyPattern

TEXT2NUM_LANGUAGES = ("de", "fr", "es")
_LETTERS = r"[^\W\d_]"
# number-parser keeps its words with their accents taken off ("трех", "однои"): the pattern takes either
# spelling, and a word is looked up folded
_SPELLINGS = {"и": "[ий]", "е": "[её]", "і": "[ії]", "ʼ": "['’ʼ]"}  # and "пʼять" with any apostrophe
# "to" of a range, after which a word for one may be its lower bound: "ein bis sieben Cent" (the caller keeps it
# only if the range gives it a currency)
_RANGE_TO = LazyPattern(rf"{WS}?[-–]{WS}?(?=\w)|{WS}(?:bis|auf|to|до|à|do|până{WS}la|мен|men|ile){WS}(?=\w)")  # "von ein auf drei Euro", "бір мен алты жас"
_TOKEN = LazyPattern(rf"{_LETTERS}+(?:['’ʼ]{_LETTERS}+)*")
_HANGUL_WORD_AFTER = LazyPattern(rf"{WS}[\uac00-\ud7a3]")
# The word before a run of number words, to tell "mehrere Tausend Euro" (vague: no figure) from "Tausend Euro".
_WORD_BEFORE = LazyPattern(rf"({_LETTERS}+){WS}$")
_OF_A_SCALE_AFTER = LazyPattern(rf"{WS}(?:de{WS}|d['’])(?i:millions?|milliards?|millones|millón|millardos|miles|milliers)"
                                rf"(?!{_LETTERS})")
_ROMANIAN_ORDINAL_ARTICLE = LazyPattern(rf"(?<!{_LETTERS})a{WS}$")
_ENGLISH_ARTICLES = ("a", "an", "half")  # "a million", "half a million"
_ARTICLE_BEFORE = LazyPattern(rf"(?<!{_LETTERS})(?:half{WS}an?|quarter{WS}of{WS}an?|an?){WS}$")
# The words an English article before a run may bring ("the quarter of a million pound mark"), never inside one.
_LEAD_WORDS = (*_ENGLISH_ARTICLES, "quarter", "of")
# Between two words of one run: "two and a half", "vingt-et-un", "treinta y dos", "dvadeset i pet".
# (a doubled space too, as scraped pages leave it: "елу  мың теңгемізді")
_JOIN = LazyPattern(rf"(?:{WS}{WS}?|-)(?:(?:{'|'.join(sorted({*NUMBER_CONNECTORS, *_ENGLISH_ARTICLES}))})(?:{WS}|-))*")
# The most words one number is written with ("two hundred and thirty-four thousand five hundred and sixty"):
# a reader looks no further from where a number begins, so a long run costs in proportion to its length.
_LONGEST_NUMBER = 14
# Letters of Kazakh's Latin script that Turkish never writes.
_KAZAKH_LATIN_LETTERS = LazyPattern("[áǵńóúýÁǴŃÓÚÝ]")
_EXPECTED_LETTERS = {language: LazyPattern(f"[{letters}{letters.upper()}]")
                     for language, letters in EXPECTED_LETTERS.items()}


@dataclass(frozen=True)
class WordNumber:
    """A number written in words: its span, value and language."""

    start: int
    end: int
    value: Decimal
    language: str
    bound: bool  # a number only with a scale, currency, percent or multiple after it
    approx: str | None = None  # "about" for a round-number noun ("une cinquantaine")


@dataclass
class _Vocabulary:
    """Every language's number words, and the pattern that finds runs of them."""

    languages: dict[str, set[str]]  # word -> languages that write numbers with it
    german: re.Pattern
    words: re.Pattern  # one number word of any language
    bound: set[str]  # words that are bound numbers in every language that writes them

    def languages_of(self, word: str) -> set[str]:
        """Return the languages that write numbers with ``word``."""
        languages = self.languages.get(word.translate(FOLD), set())
        return languages | {"de"} if self.german.fullmatch(word) else languages


def is_number_word(word: str) -> bool:
    """Tell whether some language we read writes numbers with ``word`` (lower-cased)."""
    return bool(_vocabulary().languages_of(word))


@functools.cache
def number_word_stems() -> frozenset[str]:
    """Return what the Turkish and Kazakh case endings leave of the number words: "alt" of "altı" (six)."""
    return frozenset(stem for word in _vocabulary().languages for stem in without_case_ending(word))


def find_number_words(text: str) -> list[WordNumber]:
    """Return the numbers written in words in ``text``, in order."""
    vocabulary = _vocabulary()
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = text.replace("İ", "I").lower()  # Turkish "İ" lower-cases to two characters
    if len(lowered) != len(text):
        return []
    found = []
    runs = deque(_runs(vocabulary, lowered))
    while runs:
        run_start, run_end = runs.popleft()
        tokens = list(_TOKEN.finditer(lowered, run_start, run_end))
        words = [token.group().replace("’", "ʼ").replace("'", "ʼ") for token in tokens]
        if len(words) == 1 and words[0] in vocabulary.bound and not may_have_suffix(text, run_end) \
                and not _RANGE_TO.match(text, run_end):
            continue  # "un an", "o lege": a word for one with nothing after it that could make it a figure
        vague = _after_a_vague_quantifier(lowered, run_start)
        language = _language_of(vocabulary, words, text, run_start, run_end)
        if language is None:
            if len(tokens) > 1:  # "keskihinta on seitsemän senttiä": "on" (is) is no Turkish ten; what follows may be
                runs.appendleft((tokens[1].start(), run_end))
            continue
        if language == "tr" and words == ["altı"] and _under_a_place(lowered, run_start):
            continue  # "toprak altı gübreler" (fertilisers under the soil), "yer altı": "altı" is under, not six
        if vague and _opens_with_a_scale(language, words):
            continue  # "mehrere Tausend Euro", "several thousand": how many thousands is not said
        if language != "en":
            while words and words[0] in _LEAD_WORDS:  # "a treinta y dos": the "a" is Spanish's
                tokens, words = tokens[1:], words[1:]
        if language == "ro" and words[:1] == ["doua"] \
                and _ROMANIAN_ORDINAL_ARTICLE.search(lowered, max(0, tokens[0].start() - 3), tokens[0].start()):
            continue  # "a doua" (the second), as Romanian writes it with or without diacritics
        words = _words_of(vocabulary, language, words)  # "eine Million": "Million" is English's, read as a scale
        # the words after one of another language make a run of their own: "jednog sata i četrdeset minuta" ("sata"
        # is Finnish for a hundred) holds "četrdeset"
        rest = next((token.start() for token in tokens[len(words) + 1 :]
                     if vocabulary.languages_of(token.group())), None)
        if rest is not None:
            runs.appendleft((rest, run_end))
        for first, last, value in _READERS[language](words):
            start, end = tokens[first].start(), tokens[last - 1].end()
            if language == "ko" and not _before_a_counter(text, end):
                continue
            approximate = words[last - 1] in APPROXIMATE_NUMBER_WORDS.get(language, {})
            if words[last - 1] in QUARANTINE_WORDS and not _OF_A_SCALE_AFTER.match(text, end):
                continue  # "une quarantaine de jours" is a quarantine
            if approximate:  # "une cinquantaine": the noun's number, not one of them; "medio centenar": half of it
                half = last - first == 2 and words[first] in HALF_NUMBER_WORDS.get(language, {})
                value = Decimal(APPROXIMATE_NUMBER_WORDS[language][words[last - 1]]) * (Decimal("0.5") if half else 1)
                start = tokens[first if half else last - 1].start()
            bound = last - first == 1 and (value == 1 or words[first] in BOUND_NUMBER_WORDS)
            found.append(WordNumber(start, end, value, language, bound and not approximate,
                                    "about" if approximate else None))
    return found


# Turkish nouns that "altı" (the underside) follows in a compound: "toprak altı", "yer altı", "su altı", "deniz altı".
_TURKISH_UNDER_PLACES = frozenset("toprak yer su deniz göz kol dil diz koltuk çene etek merdiven kar buz".split())


def _under_a_place(lowered: str, start: int) -> bool:
    """Tell whether Turkish "altı" at ``start`` follows a place it is the underside of ("toprak altı")."""
    before = _WORD_BEFORE.search(lowered, max(0, start - 16), start)
    return before is not None and before.group(1) in _TURKISH_UNDER_PLACES


def _opens_with_a_scale(language: str, words: list[str]) -> bool:
    """Tell whether a run opens with a scale word read alone as a thousand or more ("Tausend", "millions",
    "miles"): after "several" it counts an unsaid number of them. A number first ("unos quince millones", about
    fifteen million) says its amount."""
    first = _words_of(_vocabulary(), language, words[:1])
    read = _READERS[language](first) if first else []
    if len(read) != 1:
        return False
    value = int(read[0][2])
    return value >= 1000 and str(value).rstrip("0") == "1"


def _after_a_vague_quantifier(lowered: str, start: int) -> bool:
    """Tell whether a run of number words follows a word for "several" or "a few"; a precise 1,000 read from
    "mehrere Tausend" would be a wrong amount, worse than none."""
    before = _WORD_BEFORE.search(lowered, max(0, start - 24), start)
    return before is not None and before.group(1) in VAGUE_QUANTIFIERS


def _runs(vocabulary: _Vocabulary, lowered: str) -> Iterator[tuple[int, int]]:
    """Yield the spans of the runs of number words: words joined by a space, a hyphen or a connector ("two and
    a half", "vingt-et-un", "treinta y dos"), with an English article before ("a million", "half a million")."""
    start = end = -1
    for word in vocabulary.words.finditer(lowered):
        if start >= 0 and _JOIN.fullmatch(lowered, end, word.start()):
            end = word.end()
            continue
        if start >= 0:
            yield start, end
        article = _ARTICLE_BEFORE.search(lowered, max(0, word.start() - 16), word.start())
        start, end = (article.start() if article else word.start()), word.end()
    if start >= 0:
        yield start, end


def _language_of(vocabulary: _Vocabulary, words: list[str], text: str, start: int, end: int) -> str | None:
    """Return the language to read a run in: the one around it if it writes numbers with the run's first
    number word, else the one continental language that does in continental text not told apart, else English
    where no other language is told."""
    first = next((word for word in words if word not in _LEAD_WORDS), "")
    languages = vocabulary.languages_of(first)
    languages = {language for language in languages if language not in _EXPECTED_LETTERS
                 or _EXPECTED_LETTERS[language].search(text, max(0, start - 120), end + 120)}
    if not languages:
        return None  # the cheap test first: "on" in English or French text
    if languages == {"en"} and text[max(0, start - 120) : end + 120].isascii():
        return "en"  # every other language we read writes letters beyond ASCII
    if languages == {"en"} and _KAZAKH_LATIN_LETTERS.search(text, max(0, start - 120), end + 120):
        return None  # Kazakh in the Latin script writes its ablative apart: "14 544 ten 222 473 teńgege" (from ... to)
    around = window_language(text, start, end)
    if around in languages:
        return around
    if around in ("tr", "eu") and languages == {"kk"} \
            and _KAZAKH_LATIN_LETTERS.search(text, max(0, start - 120), end + 120):
        return "kk"  # Kazakh in the Latin script, read as Turkish by its letters: "aınalymnan segiz keliden", or as
        # a continental language not told apart: "boıynsha eki aılyq qory"
    if around == "eu" and len(languages) == 1 and "en" not in languages and len(first) >= 4:
        return next(iter(languages))  # continental text not told apart: "viermal" is German's alone ("on", Finnish
        # "is", is no Turkish ten)
    if around is None and len(languages) == 1 and "en" not in languages and len(first) >= 4 \
            and may_have_suffix(text, end) and not text[end : end + 1].isdigit():
        return next(iter(languages))  # a headline with no word that tells its language: "Viisi miljoonaa savuketta
        # takavarikkoon", a number of one language alone with its scale or unit after it
    return "en" if "en" in languages and around in (None, "eu") else None


def _words_of(vocabulary: _Vocabulary, language: str, words: list[str]) -> list[str]:
    """Return the words of a run up to the first that is no number word of ``language``."""
    for index, word in enumerate(words):
        own = word in NUMBER_CONNECTORS or (language == "en" and word in _LEAD_WORDS)
        if not own and language not in vocabulary.languages_of(word):
            return words[:index]
    return words


def _before_a_counter(text: str, end: int) -> bool:
    """Tell whether a Korean native number stands before its counter ("두 차례"), not an ordinal's 번째."""
    return bool(_HANGUL_WORD_AFTER.match(text, end)) and not text.startswith(KOREAN_ORDINAL_AFTER, end + 1)


# --------------------------------------------------------------------------------------------- readers


def _read_english(words: list[str]) -> list[tuple[int, int, Decimal]]:
    """Return (first word, end word, value) of the English numbers in ``words``."""
    numbers, position = [], 0
    while position < len(words):
        value, used = read_number_words(words[position : position + _LONGEST_NUMBER])
        if used:
            numbers.append((position, position + used, value))
        position += used or 1
    return numbers


def _read_with_text2num(language: str, words: list[str]) -> list[tuple[int, int, Decimal]]:
    """Return the numbers text2num reads in ``words`` (German, French, Spanish), ordinals left out."""
    if language == "de":
        words = [GERMAN_DECLINED.get(word, word) for word in words]
        if len(words) == 1 and words[0].endswith("einhalb") and words[0] not in HALF_NUMBER_WORDS["de"]:
            whole = _read_with_text2num(language, [words[0].removesuffix("einhalb")])  # "viereinhalb": 4.5
            return [(0, 1, whole[0][2] + Decimal("0.5"))] if len(whole) == 1 else []
    if len(words) == 1 and words[0] in ONE_WORDS:
        return [(0, 1, Decimal(1))]
    if len(words) == 1 and words[0] in HALF_NUMBER_WORDS.get(language, {}):
        return [(0, 1, HALF_NUMBER_WORDS[language][words[0]])]  # "eineinhalb", which text2num does not read
    if words[-1] in APPROXIMATE_NUMBER_WORDS.get(language, {}) and (len(words) == 1 or len(words) == 2 and (
            words[0] in ONE_WORDS or words[0] in HALF_NUMBER_WORDS.get(language, {}))):
        return [(0, len(words), Decimal(APPROXIMATE_NUMBER_WORDS[language][words[-1]]))]  # "une cinquantaine"
    from text_to_num import find_numbers

    found = find_numbers([_Token(word) for word in words], language, 0)  # text2num reads a run in one pass
    return [(number.start, number.end, Decimal(str(number.value)).normalize()) for number in found
            if not number.is_ordinal and number.value == int(number.value)]


class _Token:
    """A word as text2num takes it."""

    def __init__(self, word: str) -> None:
        self.word = word

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: _Token) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def _read_with_number_parser(language: str, words: list[str]) -> list[tuple[int, int, Decimal]]:
    """Return the numbers number-parser reads in ``words`` (Russian, Ukrainian): the longest first."""
    numbers, position = [], 0
    while position < len(words):
        for end in range(min(len(words), position + _LONGEST_NUMBER), position, -1):
            value = _parse_number(" ".join(words[position:end]), language)
            if value is None and end == position + 1:  # "пятеро", "полтора", which number-parser does not read
                value = _own_value(language, words[position].translate(FOLD))
            if value is not None:
                numbers.append((position, end, Decimal(value)))
                position = end
                break
        else:
            position += 1
    return numbers


@functools.lru_cache(maxsize=4096)
def _parse_number(words: str, language: str) -> int | None:
    """Return number-parser's value of ``words``; remembered, as each call reads the language's lists anew."""
    from number_parser import parse_number

    return parse_number(words, language)


def _own_value(language: str, word: str) -> Decimal | int | None:
    """Return the value of a collective numeral, a half or a round-number noun that the language's library does
    not read."""
    for table in (COLLECTIVE_NUMERALS, HALF_NUMBER_WORDS, APPROXIMATE_NUMBER_WORDS):
        if (value := table.get(language, {}).get(word)) is not None:
            return value
    return None


def _read_with_table(language: str, words: list[str]) -> list[tuple[int, int, Decimal]]:
    """Return the numbers of ``words`` composed from the language's table."""
    table = _table_with_halves(language)
    numbers, position = [], 0
    while position < len(words):
        value, used = _compose(table, words[position : position + _LONGEST_NUMBER])
        if used:
            numbers.append((position, position + used, Decimal(value)))
        position += used or 1
    return numbers


@functools.cache
def _table_with_halves(language: str) -> dict[str, int | Decimal]:
    """Return the language's table with its halves ("pół", "półtora") and round-number words ("parikymmentä")."""
    return {**NUMBER_WORD_TABLES[language], **HALF_NUMBER_WORDS.get(language, {}),
            **APPROXIMATE_NUMBER_WORDS.get(language, {})}


def _compose(table: dict[str, int | Decimal], words: list[str]) -> tuple[int | Decimal, int]:
    """Return the value of the number that ``words`` begin (hundreds, then tens, then units) and its length."""
    total, stage, used = 0, 0, 0  # stage: 0 nothing yet, 1 hundreds, 2 tens, 3 units
    for index, word in enumerate(words):
        if word in NUMBER_CONNECTORS and stage:
            continue  # "dvadeset i pet": counted only if a number follows
        value = table.get(word)
        if value is None or (stage == 0 and word in COUNTED_SCALE_NOUNS):
            break  # "a sute de dosare", "mii de oameni": hundreds, thousands, no number
        if value == 100 and stage == 3 and total < 10:
            total, stage = total * 100, 1  # "două sute", "iki yüz"
        elif value == 1000:  # "o mie", "două mii": the table reads no further than thousands
            return (total * 1000, index + 1) if total < 1000 else (total, used)
        elif value >= 1000 and value < 10**5 and value % 1000 == 0 and stage == 0 and total == 0:
            total = value  # Finnish thousands in one word, hundreds may follow: "kaksituhatta viisisataa" (2,500)
        elif value >= 100 and stage == 0 and (value < 1000 or total == 0):
            total, stage = total + value, 1 if value < 1000 else 3
        elif value < 100 and value % 10 == 0 and stage < 2:
            total, stage = total + value, 2  # tens, and ten itself: "on iki", "он бес"
        elif value < 20 and stage < 3 and not (stage == 2 and value >= 10):
            total, stage = total + value, 3
        else:
            break
        used = index + 1
        if word in KAZAKH_CASE_FORMS:
            break  # "елуден үш мың": a case ending closes the number (50, then 3,000), it is not 53
    return total, used


_READERS = {
    "en": _read_english,
    **{language: functools.partial(_read_with_text2num, language) for language in TEXT2NUM_LANGUAGES},
    **{language: functools.partial(_read_with_number_parser, language) for language in NUMBER_PARSER_LANGUAGES},
    **{language: functools.partial(_read_with_table, language) for language in NUMBER_WORD_TABLES},
}


# --------------------------------------------------------------------------------------------- vocabulary


@functools.cache
def _vocabulary() -> _Vocabulary:
    """Return every language's number words and the run pattern, built once (number-parser's lists are read)."""
    languages = {word: set(found) for word, found in table_words().items()}
    values: dict[str, set[int]] = {"one": {1}, **{word: {1} for word in ONE_WORDS}}
    for table in (*NUMBER_WORD_TABLES.values(), *COLLECTIVE_NUMERALS.values(), *HALF_NUMBER_WORDS.values(),
                  *APPROXIMATE_NUMBER_WORDS.values()):
        for word, value in table.items():
            values.setdefault(word, set()).add(value)
    for language, (words, numbers) in library_words().items():
        for word in words:
            languages.setdefault(word, set()).add(language)
            values.setdefault(word, set()).add(numbers[word])
    # possessive: "sech"/"sechs" and "ein"/"eins" overlap, and a long word must not be parsed every way
    german_parts = "|".join(sorted(GERMAN_NUMBER_PARTS, key=len, reverse=True))
    # a German number ends before "fach" and "mal" too: "fünffache" (fivefold), "fünfmal" (five times), read with
    # the suffix after it; not before "Dreifachsieg", a compound; nor before an apostrophe inside a word: Ukrainian
    # "сім’ї" (family) is no seven
    words = re.compile(rf"(?<!{_LETTERS}){trie_alternation(languages, _SPELLINGS)}(?:{german_parts})*+"
                       rf"(?:(?!{_LETTERS}|['’ʼ]{_LETTERS})|(?=(?:fach(?:e|en|er|es)?|mal)(?!{_LETTERS})))")
    german = re.compile(rf"(?:{'|'.join(GERMAN_NUMBER_FIRST)})(?:{german_parts})*+")
    bound = {word for word, meanings in values.items() if meanings == {1}} | BOUND_NUMBER_WORDS
    return _Vocabulary(languages=languages, german=german, words=words, bound=bound)
