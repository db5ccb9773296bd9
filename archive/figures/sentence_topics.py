"""Tell what the sentence around a number speaks of: a price, a rate, an index.

Some words after a number name two things, and only the sentence tells which: "70 pounds" is a weight unless the
sentence prices something ("paid", "cost", "worth", "£"); "11 points" are percentage points when the sentence
speaks of a rate or a share ("taux", "rate", "%") and not of an index ("the Dow lost 300 points"). The words are
the tables of ``vocabulary`` (PRICING_WORDS, RATE_WORDS, INDEX_WORDS), matched at the start of a word (a word
ending in "*" stands for every word it begins); Chinese, Japanese and Korean words are found anywhere.
"""

from __future__ import annotations

import re

from archive.figures.sentence_spans import sentence_around
from archive.figures.surroundings import LETTER, WS
from archive.figures.vocabulary import INDEX_WORDS, PRICING_WORDS, RATE_WORDS
from archive.patterns import LazyPattern


def _words_pattern(words: list[str]) -> str:
    """Return the pattern of ``words``: whole words, stems ("cost*") at the start of a word, CJK words anywhere."""
    whole, stems, anywhere = [], [], []
    for word in sorted(set(words), key=len, reverse=True):
        if not word.isascii() and not any(char.isalpha() and char.lower() != char.upper() for char in word):
            anywhere.append(word)  # a CJK word: no case, no spaces around it
        elif word.endswith("*"):
            stems.append(word[:-1])
        else:
            whole.append(word)
    alternatives = []
    if whole:
        alternatives.append(rf"(?<!{LETTER})(?:{'|'.join(whole)})(?!{LETTER})")
    if stems:
        alternatives.append(rf"(?<!{LETTER})(?:{'|'.join(stems)})")
    if anywhere:
        alternatives.append("|".join(anywhere))
    return "|".join(alternatives)


_PRICING = LazyPattern(_words_pattern(PRICING_WORDS) + "|[£$€¥₽₴₸]", re.IGNORECASE)
_RATE = LazyPattern(_words_pattern(RATE_WORDS) + "|[%٪％]", re.IGNORECASE)
_INDEX = LazyPattern(_words_pattern(INDEX_WORDS), re.IGNORECASE)


_NOT_MONEY_MEASURES = LazyPattern(
    r"(?i:not(?:e|a)\b|ocjen|оцен|оцін|rating|score|puan|grade|temperatur|температур|indice|index|indeks|индекс|"
    r"inflac|inflat|инфляц|інфляц|enflasyon|инфлац)"
)


def names_a_rate_or_a_measure(text: str, start: int, end: int) -> bool:
    """Tell whether a word of a rate, an index or a mark stands in ``text[start:end]``: "la note moyenne 3,75",
    "a inflacija 2,50", "индекс 1,25"; a bare number after it is none of the money before."""
    return _RATE.search(text, start, end) is not None or _INDEX.search(text, start, end) is not None \
        or _NOT_MONEY_MEASURES.search(text, start, end) is not None


def sentence_prices(text: str, start: int, end: int) -> bool:
    """Tell whether the sentence holding text[start:end] prices something (a pricing word, a currency sign)."""
    begin, finish = sentence_around(text, start, end)
    return _PRICING.search(text, begin, finish) is not None


def sentence_speaks_of_a_rate(text: str, start: int, end: int) -> bool:
    """Tell whether the sentence holding text[start:end] speaks of a rate or a share, and neither it nor the
    sentences just before name an index ("L'indice Nikkei a perdu 2,36 % ... Le Topix a cédé 1,6 % à 2.868,63
    points")."""
    begin, finish = sentence_around(text, start, end)
    return _RATE.search(text, begin, finish) is not None and _INDEX.search(text, max(0, begin - 300), finish) is None


# A pronoun standing for the subject of the sentence before: "Die Arbeitslosenquote verringerte sich ... Auf
# Jahressicht kletterte sie allerdings um 0,3 Punkte."
# and a demonstrative: "Теперь она будет рассчитываться исходя из темпов роста ... Рост МРОТ должен опережать эту
# меру на три пункта" (this measure), "this rate", "ce taux", "tę stopę", "ovu stopu"
_PRONOUN = LazyPattern(rf"(?<!{LETTER})(?:sie|er|it|elle|il|она|вона|ona|se|(?i:эт[аоуиы]{LETTER}*|ц[юяеі]|цей|"
                       rf"this|these|ce|cette|ces|tę|ten|ta|tej|ov[aeiou]|ovaj|ово|ова|ову|овај|este|esta|estos|"
                       rf"estas|dieser|diese|dieses|diesen))(?!{LETTER})")


def rate_named_in_the_sentence_before(text: str, start: int, end: int) -> bool:
    """Tell whether the sentence holding text[start:end] speaks through a pronoun of the rate that the sentence just
    before names, and neither names an index: its points are then percentage points."""
    begin, finish = sentence_around(text, start, end)
    if begin == 0 or _PRONOUN.search(text, begin, start) is None:
        return False
    before, _ = sentence_around(text, begin - 1, begin - 1)
    return _RATE.search(text, before, begin) is not None and _INDEX.search(text, max(0, before - 300), finish) is None


def prices_right_before(text: str, start: int) -> bool:
    """Tell whether the word right before ``start`` prices something: "Litar evrodizela koštaće 207"."""
    word = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return word is not None and _PRICING.match(text, word.start()) is not None


_WORD_BEFORE = LazyPattern(rf"(?<!{LETTER}){LETTER}+{WS}\Z")
