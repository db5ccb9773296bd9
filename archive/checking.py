"""Checking figures across sources: figure queries, agreement between a claim and a quote, candidate passages.

Pure: no IO. The archive facade feeds it figures from the catalog and texts from captures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from archive.analysis import tokens
from archive.figures import Figure, Match, compare, extract, parse_figure

_FIGURE_CLAUSE = re.compile(r"(?:^|\s)figure:(\S+)(?:\s+([A-Z]{3}|%|x)(?=\s|$))?")
# Sentence ends in the scripts we meet; CJK full stops need no space after them.
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])|\n+")
RANK = {"same": 0, "rounded": 1, "different": 2, "incomparable": 3, "none": 4}


@dataclass(frozen=True)
class FigureQuery:
    """A search for a figure: its value and unit, and the words that must also appear."""

    figure: Figure
    words: str


@dataclass(frozen=True)
class Agreement:
    """How one quote stands to the claim's figures: its best match, with both figures."""

    kind: str  # "same" | "rounded" | "different" | "none"
    claim_figure: Figure | None = None
    source_figure: Figure | None = None
    difference: float | None = None

    def to_json(self) -> dict:
        """Return the agreement as JSON."""
        return {"kind": self.kind,
                "claim_figure": self.claim_figure.to_json() if self.claim_figure else None,
                "source_figure": self.source_figure.to_json() if self.source_figure else None,
                "difference": self.difference}


def figure_query(query: str) -> FigureQuery | None:
    """Read a figure search: the whole query a figure ("$1.23 million"), or a figure:VALUE [UNIT] clause."""
    whole = parse_figure(query.strip())
    if whole is not None:
        return FigureQuery(whole, "")
    clause = _FIGURE_CLAUSE.search(query)
    if clause is None:
        return None
    written = clause.group(1) + (" " + clause.group(2) if clause.group(2) else "")
    figure = parse_figure(written)
    if figure is None:
        return None
    words = (query[:clause.start()] + " " + query[clause.end():]).strip()
    return FigureQuery(figure, words)


def search_window(figure: Figure, near: float = 0.0) -> tuple[float, float]:
    """Return the value range holding every figure that may state this one, rounded or `near` (a fraction)."""
    # A source may round to one significant digit: 1.23 million is consistent with "1 million" (-19 %), and
    # 1.5 million with "2 million" (+33 %); half the value either way covers rounding and approximations.
    spread = max(0.5, near)
    value = abs(figure.value)
    return figure.value - value * spread, figure.value + value * spread


def classify(claim: Figure, source: Figure, near: float = 0.0) -> Match | None:
    """Return how a source figure matches a searched one, or None when it does not (beyond `near`)."""
    match = compare(claim, source)
    if match.kind in ("same", "rounded"):
        return match
    if match.kind == "different" and near and match.difference is not None and abs(match.difference) <= near:
        return match
    return None


def agreement(claim_figures: list[Figure], quote: str) -> Agreement:
    """Mark a quote against the claim's figures: same, rounded, different (with both values) or none."""
    quote_figures = extract(quote)
    best: Agreement | None = None
    for wanted in claim_figures:
        for found in quote_figures:
            match = compare(wanted, found)
            if match.kind == "incomparable":
                continue
            candidate = Agreement(match.kind, wanted, found, match.difference)
            if best is None or RANK[candidate.kind] < RANK[best.kind]:
                best = candidate
    return best or Agreement("none")


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """Return the [start, end) of the sentence holding text[start:end], at most about `limit` characters."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        begin = boundary.end()
    finish = len(text)
    following = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    if following:
        finish = following.start()
    begin, finish = max(begin, start - limit), min(finish, end + limit)
    while begin < start and text[begin].isspace():
        begin += 1
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    return begin, finish


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Yield the [start, end) of each sentence of a text, white space trimmed."""
    begin = 0
    for boundary in [*_SENTENCE_END.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        start = begin
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            yield start, end
        if boundary:
            begin = boundary.end()


def key_terms(text: str) -> set[str]:
    """Return the searchable terms of a text that carry meaning: no numbers, no short words."""
    return {term for term in tokens(text) if len(term) > 2 and not any(ch.isdigit() for ch in term)}
