"""Spellings that must meet in search: other scripts in Latin letters, British and American English, mixed scripts.

Latin transliteration (``latin``) uses anyascii, a pure-Python table of every Unicode character's ASCII
reading (ISC licence, kept up to date with Unicode). PyICU's transforms would be finer (language-aware
Cyrillic, ISO 9), but PyICU publishes no wheels: every install, CI's included, needs libicu-dev and a C++
compiler and builds for minutes, and a Debian ICU upgrade breaks the built module. Unidecode is under the GPL,
which this MIT project cannot ship. A transliteration here is only a meeting point between spellings (a query
in Cyrillic finds the Latin spelling and back), never shown, so one reading per character is enough; the
spellings it cannot make meet ("Mekhanika" and "Mechanika") are left to close-spelling matches.

British and American spellings (``american``) meet through breame's word list (Apache-2.0, 1,730 British
forms with their American spelling: licence/license, colour/color, centre/center, organise/organize,
travelling/traveling): the analyzer writes British forms the American way before stemming, in the index and
in queries alike, so either finds both. The list also joins a few words that differ in more than spelling
(tyre/tire, storey/story, aeroplane/airplane); for search that is a gain, and the quoted text is never changed.

``scripts`` names the scripts of a word's letters, so a word mixing them (a Cyrillic "а" inside a Latin name,
the usual homoglyph spoof) can be shown as such.

Pure: no IO.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ASCII_WORD = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalnum()))


def latin(term: str) -> str | None:
    """Return a folded term's Latin reading (lower-case ASCII letters and digits), or None when it has none.

    Only words of alphabetic scripts have one: ASCII words are already Latin, and the CJK and Thai bigrams
    the analyzer makes are no words (their readings would join syllables of different words).
    """
    if term.isascii():
        return None
    from anyascii import anyascii  # its loader reads package resources: a search for Latin words never needs it

    reading = anyascii(term).lower().translate(_ASCII_WORD)
    if not reading or not reading.isascii() or reading == term:
        return None
    return reading


@lru_cache(maxsize=1)
def _british_to_american() -> dict[str, str]:
    # Loaded on first use: 110 KB of word list, which read commands that never meet an English word skip.
    from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS

    return BRITISH_ENGLISH_SPELLINGS


def load_tables() -> None:
    """Load the transliteration and the British spellings now, which searches load on first need: a process
    that forks workers (ingest's fork server) loads them once for all of them."""
    import anyascii  # noqa: F401

    _british_to_american()


def american(word: str) -> str:
    """Return the American spelling of a folded British English word (`licence` -> `license`), else the word."""
    return _british_to_american().get(word, word)


def scripts(word: str) -> list[str]:
    """Return the scripts of a word's letters in order of first use (`Nebesnаya` with a Cyrillic а:
    ["LATIN", "CYRILLIC"]); digits, marks and punctuation belong to none."""
    found: list[str] = []
    for char in word:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        if script in ("CJK", "HIRAGANA", "KATAKANA"):
            script = "HAN"  # one writing system, as far as spoofing goes
        if script not in found:
            found.append(script)
    return found


def mixes_scripts(word: str) -> bool:
    """Tell whether a word's letters come from more than one script."""
    return len(scripts(word)) > 1
