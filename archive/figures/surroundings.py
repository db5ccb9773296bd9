"""Read the text around a number: its spaces and scripts, the words just before and after it, its language.

Every rule about a number looks at its neighbours; these are the few ways they are looked at, and the
pieces of regular expression the patterns of the other modules are built from.
"""

from __future__ import annotations

import re

from archive.figures.vocabulary import LANGUAGE_MARKERS
from archive.patterns import LazyPattern

SPACES = " \u00a0\u2009\u202f"
WS = f"[{SPACES}]"  # one space as written between a number and its words
LETTER = r"[^\W\d_]"
NOT_LETTER_AFTER = rf"(?!{LETTER})"


def alternation(words) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any one space."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", WS) for word in ordered)


# Letters of continental languages, used when no function word speaks.
_CONTINENTAL_LETTERS = LazyPattern(r"[äöüßåÄÖÜÅéèêëàâçñáíóúœ]")
WORD = LazyPattern(LETTER + "+")
LATIN_OR_CYRILLIC = LazyPattern(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]")
CYRILLIC = LazyPattern(r"[\u0400-\u04ff]")
KANA = LazyPattern(r"[\u3040-\u30ff]")
HAN = LazyPattern(r"[\u4e00-\u9fff]")

_NEXT_WORD = LazyPattern(rf"\.?{WS}?(?:de{WS})?(?P<word>{LETTER}+[.’']?{LETTER}*)")


def single_spaced(words: str) -> str:
    """Return ``words`` with each run of spaces (no-break ones too) made one ordinary space."""
    return " ".join(words.split())


def tokens_before(text: str, start: int, count: int) -> list[str]:
    """Return the last ``count`` words before ``start``, lower-cased, opening punctuation removed."""
    words = []
    for token in text[max(0, start - 48) : start].lower().split()[-count:]:
        word = token.lstrip("([{\"'«„“‘")
        if word[1:2] in ("'", "’") and word[:1] in "ldj":
            word = word[2:]  # French elision: "l'article", "d'environ"
        words.append(word)
    return words


def next_word(text: str, end: int) -> str:
    """Return the word right after ``end`` (skipping one space and a Spanish "de"), lower-cased."""
    found = _NEXT_WORD.match(text, end)
    return found.group("word").lower().rstrip(".") if found else ""


def window_language(text: str, start: int, end: int) -> str | None:
    """Return the language around a number: en, de, fr, es, fi, eu (continental), cyr, zh, ja or None."""
    window = text[max(0, start - 120) : end + 120]
    if CYRILLIC.search(window):
        return "cyr"
    if KANA.search(window):
        return "ja"
    if HAN.search(window):
        return "zh"
    counts: dict[str, int] = {}
    for word in WORD.findall(window):
        language = LANGUAGE_MARKERS.get(word.lower())
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
