"""What the figure engine gives, apart from the engine: a ``Figure`` read from a text, a quote's ``Agreement``
with a claim's figures and its words, and their stored form.

A claim's figures and each citation's agreement are derived once and kept in the catalog (archive/claim_checks.py),
so a command that shows a claim reads these values back without loading the engine's tables, patterns and
libraries: this module imports nothing of it. ``extraction`` and ``comparison`` make them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from archive.figures.context import Context

# The words of each agreement, and the word between the source's figure and the claim's.
_AGREEMENT_WORDS = {"same": "same figure", "rounded": "rounded figure", "different": "different figure",
                    "not_comparable": "not comparable"}
_BETWEEN = {"rounded": "for", "different": "vs", "not_comparable": "vs"}


@dataclass(frozen=True)
class Figure:
    """One numeric figure found in a text."""

    text: str
    start: int
    end: int
    value: float
    unit: str | None
    approx: str | None
    precision: float
    unit_inferred: bool = False  # the currency was written with an earlier amount of the sentence, not this one
    # What the sentence says the figure is about (context.py): None where it says nothing.
    period: str | None = None
    direction: str | None = None
    subject: str | None = None

    @property
    def context(self) -> Context:
        """Return the figure's period, role and subject."""
        from archive.figures.context import Context  # the context vocabulary: only comparing needs it

        return Context(self.period, self.direction, self.subject)

    def to_json(self) -> dict:
        """Return the figure in the JSON shape of `evidence figures --json`."""
        value: int | float = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": value,
            "unit": self.unit,
            "approx": self.approx,
            "unit_inferred": self.unit_inferred,
            "period": self.period,
            "direction": self.direction,
            "subject": self.subject,
        }


@dataclass(frozen=True)
class Agreement:
    """How one quote stands to the claim's figures: its best match, with both figures."""

    kind: str  # "same" | "rounded" | "different" | "not_comparable" | "none"
    claim_figure: Figure | None = None
    source_figure: Figure | None = None
    difference: float | None = None
    reason: str | None = None  # why a "not_comparable" figure is about something else

    def to_json(self) -> dict:
        """Return the agreement as JSON."""
        return {"kind": self.kind,
                "claim_figure": self.claim_figure.to_json() if self.claim_figure else None,
                "source_figure": self.source_figure.to_json() if self.source_figure else None,
                "difference": self.difference, "reason": self.reason}

    def describe(self, percent_sign: str = "%") -> str:
        """Say in words how the quote's figure stands to the claim's (see describe_agreement)."""
        if self.source_figure is None or self.claim_figure is None:
            return describe_agreement("none")
        return describe_agreement(self.kind, self.source_figure.text, self.claim_figure.text, self.difference,
                                  percent_sign, self.reason)


def describe_agreement(kind: str, found: str | None = None, wanted: str | None = None,
                       difference: float | None = None, percent_sign: str = "%", reason: str | None = None) -> str:
    """Say how a source's figure (as written) stands to the wanted one: "different figure: X vs Y (+7.3%)",
    "not comparable: X vs Y (another period: 2023, the claim's 2022)"."""
    if kind == "none":
        return "no figure in the quote"
    words = _AGREEMENT_WORDS[kind]
    if found:
        words += f": {found}" + (f" {_BETWEEN[kind]} {wanted}" if wanted and kind != "same" else "")
    if kind == "different" and difference is not None:
        # pages write "+7.3 %" with a space, as their other percentages; the command line "+7.3%"
        words += f" ({difference * 100:+.1f}{percent_sign})"
    if kind == "not_comparable" and reason:
        words += f" ({reason})"
    return words


# -- the stored form: every field, so that a figure read back compares as the one derived ------------------

def stored_figure(figure: Figure) -> dict[str, Any]:
    """Return a figure as the catalog stores it (JSON): all its fields, its precision and inferred unit too."""
    return asdict(figure)


def figure_from_stored(stored: dict[str, Any]) -> Figure:
    """Return the figure a stored_figure() was made of."""
    return Figure(**stored)


def stored_agreement(agreement: Agreement) -> dict[str, Any]:
    """Return an agreement as the catalog stores it (JSON), both its figures whole."""
    return asdict(agreement)


def agreement_from_stored(stored: dict[str, Any]) -> Agreement:
    """Return the agreement a stored_agreement() was made of."""
    figures = {key: figure_from_stored(stored[key]) if stored.get(key) is not None else None
               for key in ("claim_figure", "source_figure")}
    return Agreement(stored["kind"], figures["claim_figure"], figures["source_figure"], stored.get("difference"),
                     stored.get("reason"))
