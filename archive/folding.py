"""Fold text for matching, two ways: search terms lose case and accents, quotes only their typography.

Search (``fold``). Every token the index stores or a query asks for is folded: case, Latin, Greek and
Cyrillic accents, and compatibility forms (ﬁ, full-width digits), so that `cafe` finds "Café". Tokens are
short and recur, so the results are cached; no offsets are kept (the index counts tokens, not characters).

Quotes (``normalise``, ``normalise_with_map``). Readers cannot see, and cannot reliably type, which
quotation mark, dash or space a text uses, so quotes and texts are compared folded: Unicode NFKC; every run
of white space (no-break, narrow no-break and zero-width spaces and line breaks included) to one space;
typographic quotation marks and guillemets to ``"`` or ``'``; dashes and the minus sign to ``-``; "…" to
"..."; soft hyphens dropped. A text is folded in one pass that records where each replaced part came from
(``NormalisedText.original_span``), so what matches in the folded text is found again in the original.

Why two foldings and not one: a quote is evidence, so its case and accents are kept ("the Minister" is not
"the minister", "resume" is not "résumé"), where a search should find a word however it is written.
Folding quotes the search way would anchor passages that are not what the quote says; folding words the
quote way would lose search results.

Pure: no IO, standard library only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

# Invisible spaces that str.isspace() does not count but that separate words like a space.
_ZERO_WIDTH_SPACES = "\u200b\ufeff"
# Every str.isspace() character is below U+3001 (the tests check), so this range finds them all.
SPACE_CHARS = "".join(char for char in map(chr, range(0x3001)) if char.isspace()) + _ZERO_WIDTH_SPACES

_DOUBLE_QUOTES = "„“”‟«»「」"
_SINGLE_QUOTES = "‘’‚‛‹›『』"
_DASHES = "‐‑‒–—―−"
_SOFT_HYPHEN = "\u00ad"
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys(_DOUBLE_QUOTES, '"'),
        **dict.fromkeys(_SINGLE_QUOTES, "'"),
        **dict.fromkeys(_DASHES, "-"),
        _SOFT_HYPHEN: None,
        "…": "...",  # NFKC does this too; kept so the table alone states the rule
    }
)

# No code point at or above U+30000 has a decomposition or a non-zero combining class (the tests check
# this against the interpreter's Unicode tables), so scanning below it finds all NFKC may change.
_SCAN_LIMIT = 0x30000
_ASTRAL = "\U00010000"  # first character outside the Basic Multilingual Plane: two UTF-16 units
_CHUNK_SIZE = 1 << 16
_HANGUL_VOWELS_AND_TRAILS = [*range(0x1161, 0x1176), *range(0x11A8, 0x11C3)]
_ACCENTS = re.compile("[\u0300-\u036f]")  # combining marks of Latin, Greek and Cyrillic letters


@functools.lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a search term's case and Latin/Greek/Cyrillic accents, and compatibility forms (ﬁ, full-width digits)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFKC", _ACCENTS.sub("", decomposed)).casefold()


def normalise(s: str) -> str:
    """Return `s` folded for matching quotes: NFKC, one space per white-space run, ASCII quotes and dashes."""
    return _normalise(s).text


class NormalisedText:
    """A normalised text, and where each of its parts came from in the original.

    Only replacements are recorded (a white-space run folded to one space, a ligature, a curly quote):
    text between them was copied, so there the offsets differ from the original's by a constant.
    """

    def __init__(self) -> None:
        self.text = ""
        self._pieces: list[str] = []
        self._length = 0
        self._starts: list[int] = []  # folded offset where each replacement begins, sorted for bisect
        self._replacements: list[tuple[int, int, int]] = []  # (folded end, original start, original end)

    def copy(self, text: str, start: int, end: int) -> None:
        """Append text[start:end] unchanged."""
        self._pieces.append(text[start:end])
        self._length += end - start

    def replace(self, output: str, original_start: int, original_end: int) -> None:
        """Append `output` as the normalised form of text[original_start:original_end]."""
        self._pieces.append(output)
        self._starts.append(self._length)
        self._length += len(output)
        self._replacements.append((self._length, original_start, original_end))

    def follow(self, plan: _Plan, text: str, start: int) -> None:
        """Append a run of the text at `start`, folded as `plan` says."""
        for step_start, step_end, output in plan:
            if output is None:
                self.copy(text, start + step_start, start + step_end)
            else:
                self.replace(output, start + step_start, start + step_end)

    def finish(self) -> NormalisedText:
        """Join the pieces into `text`."""
        self.text = "".join(self._pieces)
        self._pieces = []
        return self

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Map a folded span to the original span, or None when it cuts a replacement in two."""
        first = bisect_right(self._starts, start) - 1
        if self._covers(first, start):
            if start != self._starts[first]:
                return None  # "." inside the "..." of an ellipsis, say
            original_start = self._replacements[first][1]
        else:
            original_start = start + self._shift_after(first)
        last = bisect_right(self._starts, end - 1) - 1
        if self._covers(last, end - 1):
            if end != self._replacements[last][0]:
                return None
            original_end = self._replacements[last][2]
        else:
            original_end = end + self._shift_after(last)
        return original_start, original_end

    def _covers(self, replacement: int, offset: int) -> bool:
        """Tell whether a folded offset falls inside a replacement's output."""
        return replacement >= 0 and offset < self._replacements[replacement][0]

    def _shift_after(self, replacement: int) -> int:
        """Return what to add to folded offsets copied after a replacement to get original offsets."""
        if replacement < 0:
            return 0
        folded_end, _, original_end = self._replacements[replacement]
        return original_end - folded_end


# How to fold one run: (start, end, output) steps relative to the run, output None to copy.
_Plan = tuple[tuple[int, int, "str | None"], ...]


@functools.lru_cache(maxsize=4)
def normalise_with_map(text: str) -> NormalisedText:
    """Normalise a capture's text with its map back, once for the several quotes a fact-checker tries."""
    return _normalise(text)


def _normalise(text: str) -> NormalisedText:
    """Normalise `text` in one pass, recording where each part came from."""
    tables = _unicode_tables()
    folded = NormalisedText()
    done = 0
    for chunk_start, chunk_end in _chunks(text, tables.composers):
        # Composed (NFC) text, nearly all web text, only needs the few characters NFKC or our rules change;
        # elsewhere every combining mark may compose or reorder and must be looked at.
        chunk_is_composed = unicodedata.is_normalized("NFC", text[chunk_start:chunk_end])
        runs = tables.runs_in_composed_text if chunk_is_composed else tables.runs_in_any_text
        for match in runs.finditer(text, chunk_start, chunk_end):
            start, end = _widen(text, match.start(), match.end(), done, tables.composers)
            _normalise_plain(text, done, start, folded)
            folded.follow(_plan(text[start:end]), text, start)
            done = end
    _normalise_plain(text, done, len(text), folded)
    return folded.finish()


def _chunks(text: str, composers: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Split text into spans of about _CHUNK_SIZE that no normalisation or white-space run crosses."""
    start = 0
    while start < len(text):
        end = start + _CHUNK_SIZE
        # Between two letters or digits no white-space run, quotation mark or dash is cut, and unless
        # the second composes with the first, NFC treats both sides alike.
        while end < len(text) and not (
            text[end - 1].isalnum() and text[end].isalnum() and text[end] not in composers
        ):
            end += 1
        end = min(end, len(text))
        yield start, end
        start = end


def _widen(text: str, start: int, end: int, done: int, composers: frozenset[str]) -> tuple[int, int]:
    """Take in the ASCII spaces next to a white-space run, or the base character a mark composes with."""
    if text[start] in SPACE_CHARS:
        while start > done and text[start - 1] == " ":
            start -= 1
    elif text[start] in composers:
        # NFKC reorders the marks before this one and may compose them all with their base.
        while start > done and text[start - 1] in composers:
            start -= 1
        if start > done and text[start - 1] not in SPACE_CHARS:
            start -= 1
    if text[end - 1] in SPACE_CHARS:
        while end < len(text) and text[end] == " ":
            end += 1
    return start, end


def _normalise_plain(text: str, start: int, end: int, folded: NormalisedText) -> None:
    """Copy text that has no special characters, folding its runs of ASCII spaces."""
    double_space = text.find("  ", start, end)
    if double_space == -1:
        folded.copy(text, start, end)
        return
    for spaces in _DOUBLE_SPACES.finditer(text, double_space, end):
        folded.copy(text, start, spaces.start())
        folded.replace(" ", spaces.start(), spaces.end())
        start = spaces.end()
    folded.copy(text, start, end)


@functools.lru_cache(maxsize=4096)  # the same few runs recur: "\n\n", "’", "“", " — "
def _plan(run: str) -> _Plan:
    """Plan how to fold a run of special characters: white space to one space, the rest by cluster."""
    steps: list[tuple[int, int, str | None]] = []
    start = 0
    for spaces in SPACE_RUNS.finditer(run):
        steps += _plan_characters(run, start, spaces.start())
        steps.append((spaces.start(), spaces.end(), " "))
        start = spaces.end()
    steps += _plan_characters(run, start, len(run))
    return tuple(steps)


def _plan_characters(run: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """Plan how to fold part of a run without white space, one cluster at a time unless already normal."""
    characters = run[start:end]
    # Most marks are already composed (Thai, Hindi, vocalised Arabic), and astral characters
    # (emoji) come here too: copy those whole.
    if unicodedata.is_normalized("NFKC", characters) and characters.translate(_TYPOGRAPHY) == characters:
        return [(start, end, None)] if start < end else []
    steps: list[tuple[int, int, str | None]] = []
    for cluster_start, cluster_end in _clusters(run, start, end, _unicode_tables().composers):
        cluster = run[cluster_start:cluster_end]
        output = unicodedata.normalize("NFKC", cluster).translate(_TYPOGRAPHY)
        steps.append((cluster_start, cluster_end, None if output == cluster else output))
    return steps


def _clusters(text: str, start: int, end: int, composers: frozenset[str]) -> Iterator[tuple[int, int]]:
    """Split text[start:end] where NFKC cannot join neighbours: before each character that joins none."""
    cluster_start = start
    for offset in range(start + 1, end):
        if text[offset] not in composers:
            yield cluster_start, offset
            cluster_start = offset
    yield cluster_start, end


@dataclass(frozen=True)
class _UnicodeTables:
    """Character sets and patterns derived from the interpreter's Unicode database."""

    composers: frozenset[str]  # characters NFKC may join to the one before them
    runs_in_composed_text: re.Pattern[str]  # runs to fold in NFC text
    runs_in_any_text: re.Pattern[str]  # runs to fold in any text


@functools.cache
def _unicode_tables() -> _UnicodeTables:
    """Build the tables on first use (under 0.1 s), so they always agree with unicodedata.normalize."""
    composers = set(map(chr, _HANGUL_VOWELS_AND_TRAILS))
    changing = set()  # characters NFKC changes even alone: not é, which NFC keeps, but ﬁ or ½
    for char in map(chr, range(_SCAN_LIMIT)):
        if unicodedata.combining(char):
            composers.add(char)
        decomposition = unicodedata.decomposition(char).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            composers.add(chr(int(decomposition[1], 16)))
        if decomposition and not unicodedata.is_normalized("NFKC", char):
            changing.add(char)
    # A compatibility character whose decomposition starts with a mark joins the character before it:
    # a half-width katakana voiced mark, say.
    composers |= {char for char in changing if unicodedata.normalize("NFKD", char)[:1] in composers}
    ours = set(_DOUBLE_QUOTES + _SINGLE_QUOTES + _DASHES + "…" + _SOFT_HYPHEN) | set(SPACE_CHARS) - {" "}
    composed_class = _class_body({char for char in changing | ours if char < _ASTRAL})
    any_class = _class_body({char for char in changing | composers | ours if char < _ASTRAL})
    # Astral characters are matched as one range and sorted out in _plan_characters: a class that lists
    # astral ranges is tested range by range, which made the scan ten times slower.
    astral = rf"\U{ord(_ASTRAL):08x}-\U0010ffff"
    composers_class = _class_body({char for char in composers if char < _ASTRAL})
    return _UnicodeTables(
        composers=frozenset(composers),
        runs_in_composed_text=re.compile(f"[{composed_class}{astral}]+[{composers_class}]*"),
        runs_in_any_text=re.compile(f"[{any_class}{astral}]+"),
    )


def _class_body(chars: set[str]) -> str:
    """Write a set of characters as regular-expression class ranges, escaped by code point."""
    ranges: list[list[int]] = []
    for code_point in sorted(map(ord, chars)):
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    return "".join(rf"\U{low:08x}" if low == high else rf"\U{low:08x}-\U{high:08x}" for low, high in ranges)


_DOUBLE_SPACES = re.compile(" {2,}")
SPACE_RUNS = re.compile(f"[{_class_body(set(SPACE_CHARS))}]+")
