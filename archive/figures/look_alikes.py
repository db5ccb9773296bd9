"""Look-alike letters of another script inside a word: some sites mix them into their copy (Greek "ο" in "миллионοв
еврο", Cyrillic "е" in "dvе hiljadе dinara"), which no word table would read. Each such word is read in the
script most of its letters are in, letter for letter, so that every span stays where it is."""

from __future__ import annotations

from archive.patterns import LazyPattern

# Where a word mixes them: a Greek look-alike, a Cyrillic letter before a Latin one, a Cyrillic look-alike after a
# Latin letter. Each pattern begins with a class of letters rarer than the Latin ones, and one alternation of them
# would scan several times as slowly.
_MIXED_SCRIPTS = (LazyPattern(r"[οαεΟΑΕ]"), LazyPattern(r"[а-яёі][a-zćčšžđ]"),
                  LazyPattern(r"[еоасрхі](?<=[a-zćčšžđ].)"))
_TO_CYRILLIC = str.maketrans("οαεΟΑΕaeopcxAEOPCX", "оаеОАЕаеорсхАЕОРСХ")
_TO_LATIN = str.maketrans("еоасрхіЕОАСРХІ", "eoacpxiEOACPXI")


def with_look_alikes_read(text: str) -> str:
    """Return ``text`` with the look-alike letters of another script inside each word read in the word's own."""
    if text.isascii():
        return text
    pieces, done = [], 0
    for start in sorted(mixed.start() for pattern in _MIXED_SCRIPTS for mixed in pattern.finditer(text)):
        if start < done:
            continue  # in the word just read
        end = start + 1
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        pieces += [text[done:start], _word_in_its_script(text[start:end])]
        done = end
    return "".join(pieces) + text[done:] if pieces else text


def _word_in_its_script(letters: str) -> str:
    """Return a word with its look-alike letters in the script most of its letters are in, or in the script of
    its letters that look like none of the other's ("бec" with Latin "e" and "c" is Cyrillic, for its "б")."""
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in letters)
    latin = sum(char.isascii() or "\u00c0" <= char <= "\u024f" for char in letters)
    if cyrillic == len(letters) or latin == len(letters):
        return letters
    own = {"\u0400" <= char <= "\u04ff" for char in letters if char not in _LOOK_ALIKES}
    if len(own) == 1:
        return letters.translate(_TO_CYRILLIC if own.pop() else _TO_LATIN)
    return letters.translate(_TO_CYRILLIC if cyrillic > latin else _TO_LATIN)


_LOOK_ALIKES = frozenset("οαεΟΑΕaeopcxAEOPCXеоасрхіЕОАСРХІ")
