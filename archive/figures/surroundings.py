"""Read the text around a number: its spaces and scripts, the words just before and after it, its language.

Every rule about a number looks at its neighbours; these are the few ways they are looked at, and the
pieces of regular expression the patterns of the other modules are built from.
"""

from __future__ import annotations

import re
from collections import Counter

from archive.figures.vocabulary import CYRILLIC_LETTERS, LANGUAGE_LETTERS, LANGUAGE_MARKERS, SOUTH_SLAVIC_LETTERS
from archive.patterns import LazyPattern

SPACES = " \u00a0\u2009\u202f"
WS = f"[{SPACES}]"  # one space as written between a number and its words
LETTER = r"[^\W\d_]"
NOT_LETTER_AFTER = rf"(?!{LETTER})"


def alternation(words) -> str:
    """Return a regex alternation of ``words``, longest first, spaces matching any one space."""
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", WS) for word in ordered)


def trie_alternation(words, spellings: dict[str, str] | None = None) -> str:
    """Return a regex matching any of ``words``, as a tree of their shared beginnings: a thousand words in a
    flat alternation are each tried at every position, a tree tries one branch per letter. ``spellings``
    gives a character the class it stands for ("ʼ" for any apostrophe)."""
    spellings = spellings or {}
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [spellings.get(char, re.escape(char)) + pattern(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


# Letters of continental languages, used when no function word speaks.
_CONTINENTAL_LETTERS = LazyPattern(r"[äöüßåÄÖÜÅéèêëàâçñáíóúœ]")
WORD = LazyPattern(LETTER + "+")
LATIN_OR_CYRILLIC = LazyPattern(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u052f]")
CYRILLIC = LazyPattern(r"[\u0400-\u04ff]")
ARABIC_SCRIPT = LazyPattern(r"[\u0600-\u06ff]")
KANA = LazyPattern(r"[\u3040-\u30ff]")
HAN = LazyPattern(r"[\u4e00-\u9fff]")

_NEXT_WORD = LazyPattern(rf"\.?{WS}?(?:de{WS})?(?P<word>{LETTER}+[.’']?{LETTER}*)")


def lowered(words: str) -> str:
    """Return ``words`` in lower case, Turkish "İ" as "i" (str.lower makes it "i" and a combining dot, so that
    "MİLYON" would be no word of any table)."""
    return words.replace("İ", "i").lower()


def single_spaced(words: str) -> str:
    """Return ``words`` with each run of spaces (no-break ones too) made one ordinary space."""
    return " ".join(words.split())


def tokens_before(text: str, start: int, count: int) -> list[str]:
    """Return the last ``count`` words before ``start``, lower-cased, opening punctuation removed."""
    words = []
    for token in lowered(text[max(0, start - 48) : start]).split()[-count:]:
        word = token.lstrip("([{\"'«„“‘/")  # "/oko 416 miliona evra/"
        if word[1:2] in ("'", "’") and word[:1] in "ldj":
            word = word[2:]  # French elision: "l'article", "d'environ"
        words.append(word)
    return words


def next_word(text: str, end: int) -> str:
    """Return the word right after ``end`` (skipping one space and a Spanish "de"), lower-cased."""
    found = _NEXT_WORD.match(text, end)
    return lowered(found.group("word")).rstrip(".") if found else ""


def window_language(text: str, start: int, end: int) -> str | None:
    """Return the language around a number: en, de, fr, es, fi, pl, ro, sr (Serbian and Croatian), tr, kk, ru,
    uk, mk, ko, zh, ja, eu (a continental one, not told apart) or None; Kazakh for the Arabic script."""
    window = text[max(0, start - 120) : end + 120]
    if CYRILLIC.search(window):
        return _cyrillic_language(window)
    if HANGUL.search(window):
        return "ko"
    if KANA.search(window):
        return "ja"
    if HAN.search(window):
        return "zh"
    counts = Counter(map(LANGUAGE_MARKERS.get, WORD.findall(lowered(window))))  # "KİŞİ" is one word
    del counts[None]
    for language, letters in _LETTERS.items():
        if letters.search(window):
            counts[language] += 1
    if not counts:
        if ARABIC_SCRIPT.search(window):
            return "kk"  # the one language we read in that script: China's Kazakh press (looked for last: rare)
        return "eu" if _CONTINENTAL_LETTERS.search(window) else None
    english = counts.pop("en", 0)
    continental = sum(counts.values())
    if english == continental:
        return None
    if english > continental:
        return "en"
    del counts["eu"]  # words several continental languages share tell the convention, not which language
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return "eu"
    return ranked[0][0]


def _cyrillic_language(window: str) -> str:
    """Return the Cyrillic language of ``window``: its own letters tell, else its function words, else Russian."""
    for language, letters in _CYRILLIC_LETTERS.items():
        if letters.search(window):
            return language
    if not _SOUTH_SLAVIC_LETTERS.search(window):
        return "ru"
    counts = Counter(map(LANGUAGE_MARKERS.get, WORD.findall(window.lower())))
    return "sr" if counts["sr"] > counts["mk"] else "mk"


HANGUL = LazyPattern(r"[\uac00-\ud7a3]")
# In either case, as headlines are written in capitals ("İKİ BİN 300 KİŞİLİK"); a capital that is an ASCII letter
# ("I" of Turkish "ı") tells nothing.
_LETTERS = {language: LazyPattern(
    "[" + letters + "".join(char.upper() for char in letters if not char.upper().isascii()) + "]")
    for language, letters in LANGUAGE_LETTERS.items()}
_CYRILLIC_LETTERS = {language: LazyPattern(f"[{letters}{letters.upper()}]")
                     for language, letters in CYRILLIC_LETTERS.items()}
_SOUTH_SLAVIC_LETTERS = LazyPattern(f"[{SOUTH_SLAVIC_LETTERS}{SOUTH_SLAVIC_LETTERS.upper()}]")
