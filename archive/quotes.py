"""Anchor quotes in a capture's extracted text with W3C Web Annotation selectors, as Hypothes.is does.

A citation stores two selectors of the same passage: a TextQuoteSelector (``exact`` with up to
``PREFIX_LEN`` characters of ``prefix`` and ``suffix`` around it) and a TextPositionSelector (``start``,
``end``). The quote selector survives edits to the text; the position selector picks one occurrence of a
quote that appears several times.

Offsets. Every offset here is a Python ``str`` index, that is a count of Unicode code points, which is what
the W3C Web Annotation model means by "characters" in a TextPositionSelector. Browsers, and so the
Hypothes.is client, count UTF-16 code units instead: the two counts differ after any character outside the
Basic Multilingual Plane (emoji such as "😀", CJK extension ideographs such as "𠀀", which take two UTF-16
units but one code point). The capture page's script (web/static/cite.js) counts code points before it sends
a position; anything else that sends offsets must count them the same way.

Typographic tolerance. Readers cannot see, and cannot reliably type, which quotation mark, dash or space a
text uses, so a quote that is not in the text exactly is looked for again in both folded by
``archive.folding.normalise`` (``find_normalised``; the rules are there). Such a match anchors the quote.
Case is kept: a quote that differs in case is not the same quote. Folding keeps a map back to the text, so a
match is always the exact span of the original text (a citation stores what the capture holds, never the
quote as typed), and a match that would take half of a replaced part (one "." of an "…") is not a match.

Suggestions. A quote that still does not match is refused; when the text has a passage that differs only
in letter case or in the spacing around punctuation (a space pasted before a full stop, say),
``find_similar`` finds it and the error carries it, in full, for the reader to cite instead.

Pure: no IO; the standard library, archive.folding and archive.errors only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from archive.errors import ArchiveError
from archive.folding import SPACE_CHARS, SPACE_RUNS, normalise, normalise_with_map

PREFIX_LEN = 32  # characters of context kept on each side, like Hypothes.is

_ELLIPSIS = "…"
_PIECES = re.compile(r"\w+|\s+|[^\w\s]")  # a normalised quote as words, white space and single signs
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class Anchor:
    """A passage of a text, located by quote and by position."""

    exact: str  # text[start:end], exactly as stored
    prefix: str  # up to PREFIX_LEN characters before start
    suffix: str  # up to PREFIX_LEN characters after end
    start: int  # code-point offsets into the text
    end: int


class QuoteError(ArchiveError, kind="unprocessable"):
    """A quote could not be anchored in a text."""


class EmptyQuoteError(QuoteError, kind="invalid"):
    """The quote is empty or only white space."""

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
    folded = normalise_with_map(text)
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
    folded = normalise_with_map(text)
    spans: dict[tuple[int, int], None] = {}
    for match in pattern.finditer(folded.text):
        span = folded.original_span(match.start(), match.end())
        if span is not None:
            spans[_trim_span(text, *span)] = None
    return [_anchor_at(text, start, end) for start, end in spans if start < end]


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


# Matching
def _require_quote(quote: str) -> str:
    """Return the quote trimmed of outer white space, or raise EmptyQuoteError."""
    needle = _trim(quote)
    if not needle:
        raise EmptyQuoteError(quote)
    return needle


def _trim(s: str) -> str:
    """Strip white space, zero-width spaces included, from both ends."""
    return s.strip(SPACE_CHARS)


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
    while start < end and text[start] in SPACE_CHARS:
        start += 1
    while end > start and text[end - 1] in SPACE_CHARS:
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


# Context
def _text_before(text: str, start: int, width: int) -> str:
    """Return about `width` characters before `start`, without a partial word at the far end."""
    cut = max(0, start - max(0, width))
    if cut == 0:
        return text[:start]
    window = text[cut:start]
    if _inside_word(text, cut):
        first_space = SPACE_RUNS.search(window)
        if first_space:  # text without spaces (Chinese, a long URL) can only be cut inside a word
            window = window[first_space.start() :]
    return _ELLIPSIS + window.lstrip(SPACE_CHARS)


def _text_after(text: str, end: int, width: int) -> str:
    """Return about `width` characters after `end`, without a partial word at the far end."""
    cut = min(len(text), end + max(0, width))
    if cut == len(text):
        return text[end:]
    window = text[end:cut]
    if _inside_word(text, cut):
        spaces = list(SPACE_RUNS.finditer(window))
        if spaces:
            window = window[: spaces[-1].start()]
    return window.rstrip(SPACE_CHARS) + _ELLIPSIS


def _inside_word(text: str, offset: int) -> bool:
    """Tell whether cutting the text at `offset` would split a word."""
    if not 0 < offset < len(text):
        return False
    return text[offset - 1] not in SPACE_CHARS and text[offset] not in SPACE_CHARS
