"""Tell cheaply whether a text may state a figure at all, before the figure engine is loaded.

A search for "drone" must not pay for the engine (its tables, patterns and number-word libraries take longer
to load than the search itself takes). A figure is written with a digit or numeral of some script, or with
number words ("five million dollars", "пять миллионов", "dreiundzwanzig"): ``may_state_figure`` looks for
either, with the same word lists the engine reads (``number_words`` builds its pattern from the tables here).
It may say yes to a text that states none ("one drone"), never no to one that does.
"""

from __future__ import annotations

import functools
import re

from archive.figures.look_alikes import with_look_alikes_read
from archive.figures.vocabulary import (APPROXIMATE_NUMBER_WORDS, CJK_BIG, CJK_DIGITS, CJK_UNITS, COLLECTIVE_NUMERALS,
                                        COMPOUND_NUMBER_HEADS, FRENCH_NUMBER_WORDS, GERMAN_NUMBER_FIRST, GERMAN_NUMBER_PARTS,
                                        GERMAN_SPAN_ENDINGS, HALF_NUMBER_WORDS, HALF_OF_A_UNIT_WORDS, HALVES_BEFORE_SCALE, LONE_SCALE_WORDS, MULTIPLYING_STEMS,
                                        MULTIPLYING_WORDS,
                                        NUMBER_WORDS,
                                        NUMBER_WORD_TABLES, SCALE_WORDS, SPANISH_NUMBER_WORDS, WORD_SCALES)

NUMBER_PARSER_LANGUAGES = ("ru", "uk")
# number-parser keeps its words with their accents taken off ("трех", "однои"): a word is looked up folded
FOLD = str.maketrans("йёї'’", "иеіʼʼ")
_NUMERALS = frozenset((*CJK_DIGITS, *CJK_UNITS, *CJK_BIG))
# scale words, and the words that state a number alone: "fourfold", "тысячу рублей"
_SCALES = frozenset((*SCALE_WORDS, *MULTIPLYING_WORDS.values(), *LONE_SCALE_WORDS,
                    "mia"))  # Romanian "la mia de ţigarete": the thousand, per thousand cigarettes
# halves glued to a scale word: "полумиллиарда"
_GLUED_HALVES = tuple(half for half in HALVES_BEFORE_SCALE if half[-1].isalpha())
# Pieces of figures written in words that are no number word of the tables: multiplying verbs ("doubled", "el
# doble"), number words inside compounds ("pięcioletni"), the Japanese "ゼロ", "dinar i po" (a dinar and a half) and
# German fractions of a scale ("Dreiviertelmillion").
_WORDY_PIECES = (*MULTIPLYING_STEMS, *COMPOUND_NUMBER_HEADS, "ゼロ", " i po", " и по", "iertelmilli", "половина", "pola ",
                 "пола ", "двічі", "тричі", "дважды", "трижды",
                 "кратн", "двапат", "Двапат", "трипат", "Трипат",  # "половина денар": half a currency; "двічі": twice
                 *HALF_OF_A_UNIT_WORDS, "puole", "puolt", "halbe",  # "puoleen prosenttiin", "ein halbes Prozent"
                 "倍", "半減", "减半", "천여", "백여", "만여",  # "倍" alone is twice; a halving; "천여 건" (over 1,000)
                 "tuhannelta")  # "euroa tuhannelta litralta": per thousand litres
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ][^\W\d_]+)*")
_GERMAN_PARTS = re.compile(f"(?:{'|'.join(sorted(GERMAN_NUMBER_PARTS, key=len, reverse=True))})*"
                           f"(?:fach(?:e|en|er|es)?|mal|(?:{'|'.join(GERMAN_SPAN_ENDINGS)})(?:e|en|er|es|em)?)?")
# "fünffache", "fünfmal", "dreijährige"


@functools.cache
def table_words() -> dict[str, set[str]]:
    """Return {word: languages} for the number words of our own tables (every language but Russian and
    Ukrainian, whose words number-parser lists, save their collective numerals, halves and round-number
    nouns)."""
    by_language = {
        "en": {*NUMBER_WORDS, *WORD_SCALES},
        "fr": set(FRENCH_NUMBER_WORDS),
        "es": set(SPANISH_NUMBER_WORDS),
        "de": set(GERMAN_NUMBER_FIRST),
        **{language: set(table) for language, table in NUMBER_WORD_TABLES.items()},
    }
    for extra in (COLLECTIVE_NUMERALS, HALF_NUMBER_WORDS, APPROXIMATE_NUMBER_WORDS):
        for language, table in extra.items():
            by_language.setdefault(language, set()).update(table)
    return _by_word(by_language)


@functools.cache
def elided_hundreds() -> frozenset[str]:
    """Return the beginnings of the words for hundreds that a range's first bound may stop at, its ending left to
    the second ("шесто до осумстотини": "шесто" of "шестотини"), at least four letters long."""
    return frozenset(word[:end] for table in NUMBER_WORD_TABLES.values() for word, value in table.items()
                     if value % 100 == 0 and value < 1000 for end in range(4, len(word)))


@functools.cache
def library_words() -> dict[str, tuple[set[str], dict[str, int]]]:
    """Return {language: (words, {word: value})} for the languages whose number words number-parser lists."""
    from number_parser.parser import LanguageData  # reads its word lists: only for Cyrillic words

    listed = {}
    for language in NUMBER_PARSER_LANGUAGES:
        data = LanguageData(language)
        listed[language] = (set(data.all_numbers) - set(data.big_powers_of_ten), data.all_numbers)
    return listed


def may_state_figure(text: str) -> bool:
    """Tell whether a text may state a figure: it holds a digit or numeral, or a number or scale word of any
    language."""
    if any(character.isnumeric() or character in _NUMERALS for character in text):
        return True
    text = with_look_alikes_read(text)  # "dvе hiljadе dinara" with a Cyrillic "е"
    lowered = text.replace("İ", "i").lower()  # "İKİ": Turkish dotted capitals lower-case to two characters
    if any(piece in lowered for piece in _WORDY_PIECES):
        return True
    if any(word in _SCALES or word.startswith(_GLUED_HALVES) and _after_a_half(word) in _SCALES
           or word in elided_hundreds() for word in _WORD.findall(lowered)):
        return True  # "billón y medio de euros", "полумиллиарда": a scale word may make a figure alone; "шесто"
    return any(_is_number_word(piece) for word in _WORD.findall(lowered) for piece in _pieces(word))


def _after_a_half(word: str) -> str:
    """Return what follows the half a word opens with ("полумиллиарда": "миллиарда")."""
    return word[max(len(half) for half in _GLUED_HALVES if word.startswith(half)):]


def _pieces(word: str) -> list[str]:
    """Return a word with its apostrophes ("пʼять") and the parts after each ("d'un": "un"): the engine finds
    number words between letters and anything else, an apostrophe included."""
    word = word.translate(FOLD)
    parts = word.split("ʼ")
    return [word, *("ʼ".join(parts[index:]) for index in range(1, len(parts))),
            *("ʼ".join(parts[:index]) for index in range(1, len(parts)))]


def _is_number_word(word: str) -> bool:
    """Tell whether a word is a number word, or one followed by German number parts ("dreiundzwanzig"), as the
    engine's pattern finds them."""
    cyrillic = not word.isascii() and any("\u0400" <= character <= "\u04ff" for character in word)
    for end in range(len(word), 0, -1):
        start = word[:end]
        known = start in table_words() or cyrillic and any(start in words for words, _ in library_words().values())
        if known and _GERMAN_PARTS.fullmatch(word, end):
            return True
    return False


def _by_word(by_language: dict[str, set[str]]) -> dict[str, set[str]]:
    languages: dict[str, set[str]] = {}
    for language, words in by_language.items():
        for word in words:
            languages.setdefault(word, set()).add(language)
    return languages
