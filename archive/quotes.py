"""Anchor quotes in a capture's extracted text with W3C Web Annotation selectors, as Hypothes.is does.

A citation stores two selectors of the same passage: a TextQuoteSelector (``exact`` with up to
``PREFIX_LEN`` characters of ``prefix`` and ``suffix`` around it) and a TextPositionSelector (``start``,
``end``). The quote selector survives edits to the text; the position selector picks one occurrence of a
quote that appears several times.

Offsets. Every offset here is a Python ``str`` index, that is a count of Unicode code points, which is what
the W3C Web Annotation model means by "characters" in a TextPositionSelector. Browsers, and so the
Hypothes.is client, count UTF-16 code units instead: the two counts differ after any character outside the
Basic Multilingual Plane (emoji such as "😀", CJK extension ideographs such as "𠀀", which take two UTF-16
units but one code point). Whatever receives offsets from a browser (a DOM selection's ``anchorOffset``, a
JavaScript ``String.indexOf``) must convert them with ``utf16_to_codepoint`` first, and convert back with
``codepoint_to_utf16`` before handing offsets to JavaScript.

Typographic tolerance. Readers cannot see, and cannot reliably type, which quotation mark, dash or space a
text uses, so a quote that is not in the text exactly is looked for again after ``normalise``
(``find_normalised``): Unicode NFKC; every run of white space (no-break, narrow no-break and zero-width
spaces and line breaks included) to one space; typographic quotation marks and guillemets to ``"`` or
``'``; dashes and the minus sign to ``-``; "…" to "..."; soft hyphens dropped. Such a match anchors the
quote. Case is kept: a quote that differs in case is not the same quote. The text is folded in one pass
that records where each replaced part came from, so a match is always the exact span of the original text
(a citation stores what the capture holds, never the quote as typed), and a match that would take half of
a replaced part (one "." of an "…") is not a match.

Suggestions. A quote that still does not match is refused; when the text has a passage that differs only
in letter case or in the spacing around punctuation (a space pasted before a full stop, say),
``find_similar`` finds it and the error carries it, in full, for the reader to cite instead.

Pure: no IO; the standard library and archive.errors only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from archive.errors import ArchiveError

PREFIX_LEN = 32  # characters of context kept on each side, like Hypothes.is

_ELLIPSIS = "…"

# Invisible spaces that str.isspace() does not count but that separate words like a space.
_ZERO_WIDTH_SPACES = "\u200b\ufeff"
# Every str.isspace() character is below U+3001 (the tests check), so this range finds them all.
_SPACE_CHARS = "".join(char for char in map(chr, range(0x3001)) if char.isspace()) + _ZERO_WIDTH_SPACES

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


@dataclass(frozen=True)
class Anchor:
    """A passage of a text, located by quote and by position."""

    exact: str  # text[start:end], exactly as stored
    prefix: str  # up to PREFIX_LEN characters before start
    suffix: str  # up to PREFIX_LEN characters after end
    start: int  # code-point offsets into the text
    end: int

    def selectors(self) -> list[dict]:
        """Return the W3C TextQuoteSelector and TextPositionSelector of this passage."""
        return [
            {"type": "TextQuoteSelector", "exact": self.exact, "prefix": self.prefix, "suffix": self.suffix},
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]


class QuoteError(ArchiveError):
    """A quote could not be anchored in a text."""

    kind = "unprocessable"


class EmptyQuoteError(QuoteError):
    """The quote is empty or only white space."""

    kind = "invalid"

    def __init__(self, quote: str = ""):
        super().__init__("The quote is empty: select or paste the passage to cite.")
        self.quote = quote


class QuoteNotFoundError(QuoteError):
    """The quote does not occur in the text; `suggestion` is a stored passage that differs in case or spacing."""

    def __init__(self, quote: str, suggestion: Anchor | None = None, similar: int = 0):
        self.explanation = _not_found_message(quote, suggestion, similar)
        # The message ends with the suggested passage in full, on its own line, so that it can be copied.
        super().__init__(self.explanation + (f"\n{suggestion.exact}" if suggestion else ""))
        self.quote = quote
        self.suggestion = suggestion


class AmbiguousQuoteError(QuoteError):
    """The quote occurs more than once and nothing says which occurrence is meant."""

    def __init__(self, quote: str, occurrences: list[Anchor]):
        offsets = ", ".join(str(found.start) for found in occurrences[:5])
        more = ", …" if len(occurrences) > 5 else ""
        super().__init__(
            f"The quote occurs {len(occurrences)} times in the text (at offsets {offsets}{more}): "
            f"{_shorten(_trim(quote))!r}. Select it in the text, or quote more of the passage."
        )
        self.quote = quote
        self.occurrences = occurrences


def anchor(text: str, quote: str, position: int | None = None) -> Anchor:
    """Anchor a quote as written or in other typography, using `position` (a code-point offset) among repeats."""
    occurrences = find_all(text, quote) or find_normalised(text, quote)
    if len(occurrences) == 1:
        return occurrences[0]
    if occurrences and position is None:
        raise AmbiguousQuoteError(quote, occurrences)
    if occurrences:
        return _nearest(occurrences, position)
    similar = find_similar(text, quote)
    if not similar:
        raise QuoteNotFoundError(quote)
    suggestion = similar[0] if position is None else _nearest(similar, position)
    # With a position the suggestion is already chosen; the count only matters when it is a guess.
    raise QuoteNotFoundError(quote, suggestion, len(similar) if position is None else 1)


def find_all(text: str, quote: str) -> list[Anchor]:
    """Return every exact occurrence of the quote, trimmed of outer white space, overlaps included."""
    needle = _require_quote(quote)
    return [_anchor_at(text, start, start + len(needle)) for start in _find_starts(text, needle)]


def find_normalised(text: str, quote: str) -> list[Anchor]:
    """Return every occurrence of the quote after normalisation, as the exact span of the original text."""
    needle = normalise(_require_quote(quote)).strip(" ")
    if not needle:  # a quote of soft hyphens only, say
        return []
    folded = _fold_cached(text)
    spans: dict[tuple[int, int], None] = {}  # ordered and without repeats
    for folded_start in _find_starts(folded.text, needle):
        span = folded.original_span(folded_start, folded_start + len(needle))
        if span is not None:
            spans[_trim_span(text, *span)] = None
    return [_anchor_at(text, start, end) for start, end in spans if start < end]


def find_similar(text: str, quote: str) -> list[Anchor]:
    """Return every passage matching the normalised quote but for letter case and spacing at punctuation."""
    pattern = _similar_pattern(normalise(_require_quote(quote)).strip(" "))
    if pattern is None:
        return []
    folded = _fold_cached(text)
    spans: dict[tuple[int, int], None] = {}
    for match in pattern.finditer(folded.text):
        span = folded.original_span(match.start(), match.end())
        if span is not None:
            spans[_trim_span(text, *span)] = None
    return [_anchor_at(text, start, end) for start, end in spans if start < end]


def normalise(s: str) -> str:
    """Return `s` folded for matching: NFKC, one space per white-space run, ASCII quotes and dashes."""
    return _fold(s).text


def reanchor(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> Anchor | None:
    """Find a stored quote again in a text that may have changed since; None when it is gone."""
    if not exact:
        return None
    if _stands_at(text, exact, prefix, suffix, start, end):
        return _anchor_at(text, start, end)
    candidates = list(_find_starts(text, exact))
    if not candidates:
        return None

    def fitness(candidate: int) -> tuple[int, int]:
        context_fit = _context_fit(text, candidate, candidate + len(exact), prefix, suffix)
        return context_fit, -abs(candidate - start)

    best = max(candidates, key=fitness)  # on a full tie, max keeps the earliest
    return _anchor_at(text, best, best + len(exact))


def context(text: str, anchor: Anchor, width: int = 100) -> tuple[str, str, str]:
    """Return (before, exact, after): about `width` characters each side, cut at words, "…" where cut."""
    if text[anchor.start : anchor.end] != anchor.exact:
        raise ValueError(f"The anchor at {anchor.start}-{anchor.end} does not belong to this text.")
    return _text_before(text, anchor.start, width), anchor.exact, _text_after(text, anchor.end, width)


def codepoint_to_utf16(text: str, offset: int) -> int:
    """Convert a code-point offset into `text` to a UTF-16 code-unit offset, as JavaScript counts."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"Offset {offset} is outside the text (0-{len(text)}).")
    return len(text[:offset].encode("utf-16-le", "surrogatepass")) // 2


def utf16_to_codepoint(text: str, offset: int) -> int:
    """Convert a UTF-16 code-unit offset into `text`, as a browser reports it, to a code-point offset."""
    units = text.encode("utf-16-le", "surrogatepass")
    if not 0 <= offset <= len(units) // 2:
        raise ValueError(f"UTF-16 offset {offset} is outside the text (0-{len(units) // 2}).")
    if _splits_surrogate_pair(units, offset):
        raise ValueError(f"UTF-16 offset {offset} falls inside a character (between a surrogate pair).")
    return len(units[: 2 * offset].decode("utf-16-le", "surrogatepass"))


# Matching


def _require_quote(quote: str) -> str:
    """Return the quote trimmed of outer white space, or raise EmptyQuoteError."""
    needle = _trim(quote)
    if not needle:
        raise EmptyQuoteError(quote)
    return needle


def _trim(s: str) -> str:
    """Strip white space, zero-width spaces included, from both ends."""
    return s.strip(_SPACE_CHARS)


def _find_starts(haystack: str, needle: str) -> Iterator[int]:
    """Yield each offset where `needle` occurs, overlapping occurrences included."""
    start = haystack.find(needle)
    while start != -1:
        yield start
        start = haystack.find(needle, start + 1)


def _anchor_at(text: str, start: int, end: int) -> Anchor:
    """Build the Anchor of text[start:end] with its context."""
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - PREFIX_LEN) : start],
        suffix=text[end : end + PREFIX_LEN],
        start=start,
        end=end,
    )


def _nearest(anchors: list[Anchor], position: int) -> Anchor:
    """Return the anchor starting nearest to `position`, the earlier one on a tie."""
    return min(anchors, key=lambda found: (abs(found.start - position), found.start))


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with white space."""
    while start < end and text[start] in _SPACE_CHARS:
        start += 1
    while end > start and text[end - 1] in _SPACE_CHARS:
        end -= 1
    return start, end


def _stands_at(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> bool:
    """Tell whether the quote is still at its old position with the same context around it."""
    return (
        0 <= start
        and text[start:end] == exact
        and text.endswith(prefix, 0, start)
        and text.startswith(suffix, end)
    )


def _context_fit(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """Count the characters of the stored prefix and suffix that still surround text[start:end]."""
    before = text[max(0, start - len(prefix)) : start]
    after = text[end : end + len(suffix)]
    return _common_head(before[::-1], prefix[::-1]) + _common_head(after, suffix)


def _common_head(a: str, b: str) -> int:
    """Return the length of the longest common beginning of two strings."""
    length = 0
    for char_a, char_b in zip(a, b):
        if char_a != char_b:
            break
        length += 1
    return length


def _similar_pattern(needle: str) -> re.Pattern[str] | None:
    """Build a pattern of the quote's words and signs in order, any case, spaces optional next to a sign."""
    parts: list[str] = []
    previous_is_word = False
    for piece in _PIECES.findall(needle):
        if piece.isspace():
            continue
        is_word = bool(_WORD.match(piece))
        if parts:
            parts.append(r"\s+" if previous_is_word and is_word else r"\s*")
        parts.append(re.escape(piece))
        previous_is_word = is_word
    return re.compile("".join(parts), re.IGNORECASE) if parts else None


def _not_found_message(quote: str, suggestion: Anchor | None, similar: int) -> str:
    """Say that a quote is missing and, when there is a stored passage it probably means, where that is."""
    shown = _shorten(_trim(quote))
    if suggestion is None:
        return (
            f"The quote is not in the text: {shown!r}. "
            "Copy it from the capture's text; wording and letter case must match."
        )
    message = (
        f"The quote is not in the text: {shown!r}. At offset {suggestion.start} the text has a passage that "
        "differs only in letter case or in the spacing around punctuation; cite it as stored."
    )
    if similar > 1:
        message += f" The text has {similar} such passages; this is the first, so select the one you mean."
    return message


def _shorten(s: str, limit: int = 80) -> str:
    """Cut a long string for an error message."""
    return s if len(s) <= limit else s[: limit - 1] + _ELLIPSIS


# Normalisation with a map back to the original text


class _FoldedText:
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

    def finish(self) -> _FoldedText:
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
def _fold_cached(text: str) -> _FoldedText:
    """Fold a capture's text once for the several quotes a fact-checker tries against it."""
    return _fold(text)


def _fold(text: str) -> _FoldedText:
    """Normalise `text` in one pass, recording where each part came from."""
    tables = _unicode_tables()
    folded = _FoldedText()
    done = 0
    for chunk_start, chunk_end in _chunks(text, tables.composers):
        # Composed (NFC) text, nearly all web text, only needs the few characters NFKC or our rules change;
        # elsewhere every combining mark may compose or reorder and must be looked at.
        chunk_is_composed = unicodedata.is_normalized("NFC", text[chunk_start:chunk_end])
        runs = tables.runs_in_composed_text if chunk_is_composed else tables.runs_in_any_text
        for match in runs.finditer(text, chunk_start, chunk_end):
            start, end = _widen(text, match.start(), match.end(), done, tables.composers)
            _fold_plain(text, done, start, folded)
            folded.follow(_plan(text[start:end]), text, start)
            done = end
    _fold_plain(text, done, len(text), folded)
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
    if text[start] in _SPACE_CHARS:
        while start > done and text[start - 1] == " ":
            start -= 1
    elif text[start] in composers:
        # NFKC reorders the marks before this one and may compose them all with their base.
        while start > done and text[start - 1] in composers:
            start -= 1
        if start > done and text[start - 1] not in _SPACE_CHARS:
            start -= 1
    if text[end - 1] in _SPACE_CHARS:
        while end < len(text) and text[end] == " ":
            end += 1
    return start, end


def _fold_plain(text: str, start: int, end: int, folded: _FoldedText) -> None:
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
    for spaces in _SPACE_RUNS.finditer(run):
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
    ours = set(_DOUBLE_QUOTES + _SINGLE_QUOTES + _DASHES + "…" + _SOFT_HYPHEN) | set(_SPACE_CHARS) - {" "}
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
_PIECES = re.compile(r"\w+|\s+|[^\w\s]")  # a normalised quote as words, white space and single signs
_WORD = re.compile(r"\w")
_SPACE_RUNS = re.compile(f"[{_class_body(set(_SPACE_CHARS))}]+")


# Context and UTF-16


def _text_before(text: str, start: int, width: int) -> str:
    """Return about `width` characters before `start`, without a partial word at the far end."""
    cut = max(0, start - max(0, width))
    if cut == 0:
        return text[:start]
    window = text[cut:start]
    if _inside_word(text, cut):
        first_space = _SPACE_RUNS.search(window)
        if first_space:  # text without spaces (Chinese, a long URL) can only be cut inside a word
            window = window[first_space.start() :]
    return _ELLIPSIS + window.lstrip(_SPACE_CHARS)


def _text_after(text: str, end: int, width: int) -> str:
    """Return about `width` characters after `end`, without a partial word at the far end."""
    cut = min(len(text), end + max(0, width))
    if cut == len(text):
        return text[end:]
    window = text[end:cut]
    if _inside_word(text, cut):
        spaces = list(_SPACE_RUNS.finditer(window))
        if spaces:
            window = window[: spaces[-1].start()]
    return window.rstrip(_SPACE_CHARS) + _ELLIPSIS


def _inside_word(text: str, offset: int) -> bool:
    """Tell whether cutting the text at `offset` would split a word."""
    if not 0 < offset < len(text):
        return False
    return text[offset - 1] not in _SPACE_CHARS and text[offset] not in _SPACE_CHARS


def _splits_surrogate_pair(units: bytes, offset: int) -> bool:
    """Tell whether a UTF-16 offset falls between the two halves of one character."""
    if offset == 0 or 2 * offset >= len(units):
        return False
    before = int.from_bytes(units[2 * offset - 2 : 2 * offset], "little")
    after = int.from_bytes(units[2 * offset : 2 * offset + 2], "little")
    return 0xD800 <= before <= 0xDBFF and 0xDC00 <= after <= 0xDFFF
