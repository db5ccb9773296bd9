"""Versions of a page: what changed between two texts, and what became of a cited quote in a newer text.

Pure: no IO. A fact-checker must know when a cited passage was silently edited or removed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from archive import quotes
from archive.figures import sentences

_WORDS = re.compile(r"\s+|[^\s]+")
SIMILAR_ENOUGH = 0.6  # SequenceMatcher ratio above which an edited passage still counts as the same passage


@dataclass(frozen=True)
class Tracking:
    """What became of a quote in a newer text."""

    status: str  # "unchanged" | "moved" | "changed" | "vanished"
    now: str | None = None  # the passage as the newer text has it (changed), or the quote (unchanged, moved)
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict:
        return {"status": self.status, "now": self.now, "start": self.start, "end": self.end}


def track(text: str, exact: str, prefix: str, suffix: str, start: int, end: int) -> Tracking:
    """Find a quote again in a newer text: still there, moved, edited (and how it reads now), or gone."""
    found = quotes.reanchor(text, exact, prefix, suffix, start, end)
    if found is not None:
        return Tracking("unchanged" if (found.start, found.end) == (start, end) else "moved",
                        found.exact, found.start, found.end)
    typographic = quotes.find_normalised(text, exact)
    if typographic:
        best = min(typographic, key=lambda a: abs(a.start - start))
        return Tracking("changed", best.exact, best.start, best.end)
    edited = _between_context(text, prefix, suffix, exact) or _most_similar_sentence(text, exact)
    if edited is not None:
        return Tracking("changed", text[edited[0]:edited[1]], *edited)
    return Tracking("vanished")


def _between_context(text: str, prefix: str, suffix: str, exact: str) -> tuple[int, int] | None:
    """Return the span between the quote's old prefix and suffix, when both still stand close together."""
    if len(prefix) < 8 or len(suffix) < 8:
        return None
    before = text.find(prefix)
    if before < 0:
        return None
    begin = before + len(prefix)
    after = text.find(suffix, begin)
    if after < 0 or after - begin > 3 * len(exact) + 80:
        return None
    candidate = text[begin:after]
    if difflib.SequenceMatcher(None, exact, candidate).ratio() < SIMILAR_ENOUGH / 2:
        return None
    return begin, after


def _most_similar_sentence(text: str, exact: str) -> tuple[int, int] | None:
    best, best_ratio = None, SIMILAR_ENOUGH
    matcher = difflib.SequenceMatcher(None, b=exact, autojunk=False)
    for start, end in sentences(text):
        matcher.set_seq1(text[start:end])
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = _aligned(text, start, matcher), ratio
    return best


def _aligned(text: str, start: int, matcher: difflib.SequenceMatcher) -> tuple[int, int]:
    """Narrow a similar sentence to the part that lines up with the quote, widened to whole words."""
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    begin, end = start + blocks[0].a, start + blocks[-1].a + blocks[-1].size
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return begin, end


def diff(old: str, new: str) -> list[tuple[str, str]]:
    """Return the change from old to new as (op, text) pieces, op "=", "-" or "+", by line then by word."""
    pieces: list[tuple[str, str]] = []
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, a1, a2, b1, b2 in lines.get_opcodes():
        if op == "equal":
            _add(pieces, "=", "".join(old_lines[a1:a2]))
        elif op == "replace" and (a2 - a1) * (b2 - b1) <= 400:
            pieces.extend(_word_diff("".join(old_lines[a1:a2]), "".join(new_lines[b1:b2])))
        else:
            _add(pieces, "-", "".join(old_lines[a1:a2]))
            _add(pieces, "+", "".join(new_lines[b1:b2]))
    return _merged(pieces)


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    old_words, new_words = _WORDS.findall(old), _WORDS.findall(new)
    pieces: list[tuple[str, str]] = []
    words = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for op, a1, a2, b1, b2 in words.get_opcodes():
        if op == "equal":
            _add(pieces, "=", "".join(old_words[a1:a2]))
        else:
            _add(pieces, "-", "".join(old_words[a1:a2]))
            _add(pieces, "+", "".join(new_words[b1:b2]))
    return pieces


def _add(pieces: list[tuple[str, str]], op: str, text: str) -> None:
    if text:
        pieces.append((op, text))


def _merged(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for op, text in pieces:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged
