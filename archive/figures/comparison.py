"""Compare figures and check claims with them: same, rounded or different, and the passages that say so.

compare(claim, source):
- "incomparable" when the units differ (a count against money, % against USD, USD against EUR, percentage
  points "pp" against percent);
  ``difference`` is None.
- "not_comparable" when the two figures are about different things: another period, another direction or
  another subject (context.conflict says which, as ``reason``), whatever their values; never "different".
  A context one side leaves unknown is no conflict: "Kazakhstan shipped $1.23 million of drones" states no
  year, and is held to a claim about 2022 by its value alone.
- "same" when the values are equal within a relative tolerance of 1e-9, whatever the qualifiers.
- If either figure has a directional qualifier ("over" or "under"), the qualifiers decide: "rounded" when
  a qualifier on either side accepts the other value, else "different". "over X" accepts values from X
  up to X + w, "under X" values from X - w up to X, where w = max(10 % of X, precision of X): "over
  1 million" accepts 1.23 million, "less than 1 million" does not, "almost $6 million" accepts 5.9 million.
- Otherwise "rounded" when the finer figure, rounded half up to the coarser figure's precision, gives the
  coarser figure (1.23 million vs "1.2 million"), or when an "about" qualifier on either side accepts the
  other value: within half the precision the figure is written with ("noin 1,2 miljoonan" admits 1.15 to
  1.25 million, so it rounds 1.23 million and differs from 1.3 million by -7.7 %).
- Otherwise "different". ``difference`` is (source - claim) / claim whenever the units agree (None when the
  claim is 0).

Claim checks build on it: a figure search (``figure_query``, ``search_window``, ``classify``), a quote's
agreement with a claim (``agreement``, said in words by ``describe_agreement`` for the command line, the
pages and bundles alike), and the sentences and terms that find candidate passages for a claim.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from archive.figures.context import conflict
from archive.figures.extraction import Figure, extract, parse_figure
from archive.figures.numbers import ONE
from archive.figures.results import Agreement, describe_agreement  # noqa: F401 - the package exports them
from archive.figures.sentence_spans import sentence_around, sentences  # noqa: F401 - the package exports them
from archive.patterns import LazyPattern

_FIGURE_CLAUSE = LazyPattern(r"(?:^|\s)figure:(\S+)(?:\s+([A-Z]{3}|%|x|pp)(?=\s|$))?")
# Kinds of agreement, best first: a passage stating the claim's figure outranks one that rounds it.
RANK = {"same": 0, "rounded": 1, "different": 2, "not_comparable": 3, "incomparable": 4, "none": 5}



@dataclass(frozen=True)
class Match:
    """How a source's figure stands to a claim's figure."""

    kind: str
    difference: float | None
    reason: str | None = None  # why a "not_comparable" pair is about different things


def compare(claim: Figure, source: Figure) -> Match:
    """Tell whether ``source`` states the same figure as ``claim``, a rounding of it, or a different one, or
    is about something else (another period, direction or subject)."""
    if claim.unit != source.unit:
        return Match("incomparable", None)
    difference = (source.value - claim.value) / claim.value if claim.value else None
    reason = conflict(claim.context, source.context)
    if reason is not None:
        return Match("not_comparable", difference, reason)
    if math.isclose(claim.value, source.value, rel_tol=1e-9, abs_tol=0.0 if claim.value else 1e-12):
        return Match("same", difference)
    if _consistent(claim, source):
        return Match("rounded", difference)
    return Match("different", difference)


def _consistent(claim: Figure, source: Figure) -> bool:
    """Tell whether two unequal figures agree once rounding and qualifiers are allowed for."""
    pair = ((claim, source), (source, claim))
    if any(figure.approx in ("over", "under") for figure in (claim, source)):
        return any(_qualifier_accepts(qualified, other.value) for qualified, other in pair)
    if any(_qualifier_accepts(qualified, other.value) for qualified, other in pair):
        return True
    return any(_rounds_to(fine, coarse) for coarse, fine in pair)


def _qualifier_accepts(figure: Figure, value: float) -> bool:
    """Tell whether ``figure``'s qualifier ("over", "under", "about") admits ``value``."""
    reach = max(0.1 * abs(figure.value), figure.precision)
    tolerance = 1e-9 * max(abs(figure.value), abs(value))
    if figure.approx == "over":
        return figure.value - tolerance <= value <= figure.value + reach + tolerance
    if figure.approx == "under":
        return figure.value - reach - tolerance <= value <= figure.value + tolerance
    if figure.approx == "about":
        reach = figure.precision / 2  # the precision it states, not a fixed share: "noin 1,2" is 1.15 to 1.25
        return abs(value - figure.value) <= reach + tolerance
    return False


def _rounds_to(fine: Figure, coarse: Figure) -> bool:
    """Tell whether ``fine`` rounded half up to ``coarse``'s precision gives ``coarse``."""
    if coarse.precision <= fine.precision:
        return False
    step = Decimal(repr(coarse.precision))
    rounded = (Decimal(repr(fine.value)) / step).quantize(ONE, rounding=ROUND_HALF_UP) * step
    return math.isclose(float(rounded), coarse.value, rel_tol=1e-9)


@dataclass(frozen=True)
class FigureQuery:
    """A search for a figure: its value and unit, and the words that must also appear."""

    figure: Figure
    words: str


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


def agreement(claim_figures: list[Figure], quote: str, published: str | None = None) -> Agreement:
    """Mark a quote against the claim's figures: same, rounded, different (with both values), not comparable
    (with the reason) or none; ``published`` dates the quote's "last year"."""
    quote_figures = extract(quote, published)
    best: Agreement | None = None
    for wanted in claim_figures:
        for found in quote_figures:
            match = compare(wanted, found)
            if match.kind == "incomparable":
                continue
            candidate = Agreement(match.kind, wanted, found, match.difference, match.reason)
            if best is None or RANK[candidate.kind] < RANK[best.kind]:
                best = candidate
    return best or Agreement("none")


@functools.lru_cache(maxsize=8192)
def key_terms(text: str) -> frozenset[str]:
    """Return the searchable terms of a text that carry meaning: no numbers, no short words."""
    # Kept for the sentences seen last: a claim's line-up, made again after each change of the archive, reads
    # mostly the sentences it read the time before. Imported here: analysis needs Whoosh, and whatever only
    # extracts or compares figures should not load it.
    from archive.analysis import tokens

    return frozenset(term for term in tokens(text) if len(term) > 2 and not any(ch.isdigit() for ch in term))
