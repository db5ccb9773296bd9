"""A claim's figures and each citation's agreement with them: derived once and kept in the catalog, so that
showing a claim (`claim show`, the claim page, the API) reads them back without loading the figure engine.

When they are derived:
- a claim's figures when it is made (the text of a claim never changes), and a citation's agreement when it is
  added, from the claim's figures, the quote and its capture's publication date (which dates "last year");
- at `evidence reindex`, for every claim and citation, so that the verdicts shown follow the engine that the
  captures' figures were derived with (a newer engine's migration may also set them to NULL, as below);
- on first show, where they are missing (NULL): claims and citations made before they were stored (migration
  m016), or by an older version of this program. New claim figures make every agreement of the claim again.

An agreement is worked out from the quote alone, as it always was (its figures' spans are the quote's), not
from the capture's stored figures: reading the quote within its whole text can find another context or
another currency, and what a claim shows must not change with where its derived data comes from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from archive import figures as figure_engine  # its names load the engine on first use: deriving alone does

if TYPE_CHECKING:
    from archive.figures import Agreement, Figure
    from archive.models import Citation, Claim


def claim_figures(text: str) -> list[Figure]:
    """Return the figures a claim's text states."""
    return figure_engine.extract(text)


def agreement(claim_figures: list[Figure], quote: str, published: str | None) -> Agreement:
    """Return how a citation's quote stands to the claim's figures (`published`: its capture's date)."""
    return figure_engine.agreement(claim_figures, quote, published)


def missing(claim: Claim, citations: Iterable[Citation]) -> bool:
    """Tell whether a claim read with its stored checks lacks its figures or a citation's agreement."""
    return claim.figures is None or any(citation.agreement is None for citation in citations)


def fill_in(claim: Claim, citations: list[Citation], published: Callable[[Iterable[int]], dict[int, str | None]]
            ) -> dict[int, Agreement]:
    """Derive what a claim and its citations (all of them, retracted too) lack, and set it on them: its figures,
    and then every agreement, or else the agreements missing. `published` gives capture ids' publication dates.
    Return the agreements derived, by citation id."""
    if claim.figures is None:
        claim.figures = claim_figures(claim.text)
        wanted = citations
    else:
        wanted = [citation for citation in citations if citation.agreement is None]
    dates = published({citation.capture_id for citation in wanted}) if wanted else {}
    for citation in wanted:
        citation.agreement = agreement(claim.figures, citation.exact, dates.get(citation.capture_id))
    return {citation.id: citation.agreement for citation in wanted}
