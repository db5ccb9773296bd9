"""Claims: the list, creating one, and the claim page with every citation checked."""

from __future__ import annotations

import tempfile

from flask import Blueprint, redirect, render_template, request, url_for

from archive import changes, quotes
from archive.bundle import build_bundle
from archive.errors import ArchiveError
from archive.models import CLAIM_STATUSES
from archive.spool import SPOOL_IN_MEMORY
from web import arguments
from web.captures import attachment, streamed
from web.db import get_archive
from web.page_views import region_shot
from web.screenshots import citation_shot

bp = Blueprint("claims", __name__)
PER_PAGE = 50


@bp.get("/claims")
def index(error: str | None = None, status: int = 200):
    """List claims with status and number of citations, newest first, a page at a time (with the reason when
    `create` refused one)."""
    archive = get_archive()
    claims, page, pages = arguments.paged(archive.claims, archive.count_claims(), PER_PAGE)
    return render_template("claims.html", claims=claims, statuses=CLAIM_STATUSES, page=page, pages=pages,
                           error=error), status


@bp.post("/claims")
def create():
    """Record a new claim and open its page."""
    try:
        claim = get_archive().add_claim(request.form.get("text", ""))
    except ArchiveError as exc:
        return index(str(exc), 400)
    return redirect(url_for("claims.show", claim_id=claim.id))


@bp.get("/claims/<int:claim_id>")
def show(claim_id: int):
    """Show a claim and its citations, each with its quote in context and its verification."""
    archive = get_archive()
    claim = archive.claim(claim_id, with_history=True)
    rows = [_row(archive, citation) for citation in claim.citations]
    retracted = [_row(archive, citation) for citation in claim.retracted]
    return render_template("claim.html", claim=claim, rows=rows, retracted=retracted, statuses=CLAIM_STATUSES,
                           summary=figure_summary(claim), lineup=archive.where_sources_disagree(claim_id))


def _row(archive, citation) -> dict:
    """Return what the claim page shows of a citation: its quote in context, its capture, its newest version."""
    capture = archive.get(citation.capture_id, with_text=True)
    found = quotes.Anchor(citation.exact, citation.prefix, citation.suffix, citation.start, citation.end)
    before, exact, after = quotes.context(capture.text or "", found, 100) if citation.verified else (
        citation.prefix, citation.exact, citation.suffix)
    shot = None
    if citation.verified:
        shot = region_shot(citation) or citation_shot(archive.layout(capture), citation)
    return {"citation": citation, "capture": capture, "before": before, "exact": exact, "after": after,
            "tracking": _in_newest_version(archive, capture, citation), "shot": shot}


def _in_newest_version(archive, capture, citation):
    """Return (newest capture, what became of the quote there) when the cited page has a newer version."""
    all_versions = archive.versions(capture)
    if all_versions[-1].id == capture.id or not citation.exact:
        return None
    newest = archive.get(all_versions[-1].id, with_text=True)
    return newest, changes.track(newest.text or "", citation.exact, citation.prefix, citation.suffix,
                                  citation.start, citation.end)


def figure_summary(claim) -> list[dict]:
    """Group the claim's citations by figure: which sources state it, which round it, which differ."""
    summary = []
    for figure in claim.figures:
        groups = {"same": [], "rounded": [], "different": [], "not_comparable": []}
        for citation in claim.citations:
            agreement = citation.agreement
            if agreement is not None and agreement.claim_figure == figure and agreement.kind in groups:
                groups[agreement.kind].append(citation)
        summary.append({"figure": figure, **groups})
    return summary


@bp.get("/claims/<int:claim_id>/sources")
def sources(claim_id: int):
    """Show passages anywhere in the archive that state the claim's figures (or hold its names, years and key
    terms), each citable as supports, contradicts or context in one click."""
    archive = get_archive()
    return render_template("sources.html", claim=archive.claim(claim_id), candidates=archive.find_sources(claim_id))


@bp.get("/claims/<int:claim_id>/bundle")
def download_bundle(claim_id: int):
    """Download the claim's evidence bundle (zip)."""
    # Written to a file once large (its originals may be): sent from there, and closed once sent.
    bundle = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)
    try:
        build_bundle(get_archive(), claim_id, bundle)
    except BaseException:
        bundle.close()
        raise
    size = bundle.tell()
    bundle.seek(0)
    return attachment(streamed(bundle, size), "application/zip", f"evidence-claim-{claim_id}.zip")


@bp.post("/claims/<int:claim_id>/status")
def set_status(claim_id: int):
    """Change a claim's status."""
    try:
        get_archive().set_claim_status(claim_id, request.form.get("status", ""), request.form.get("notes"))
    except ArchiveError as exc:
        return render_template("error.html", message=str(exc)), 400
    return redirect(url_for("claims.show", claim_id=claim_id))


@bp.post("/citations/<int:citation_id>/remove")
def remove_citation(citation_id: int):
    """Retract a citation with the reason given (kept in the record, marked retracted) and return to its claim."""
    archive = get_archive()
    claim_id = archive.citation(citation_id).claim_id  # an unknown id answers 404 (web/errors.py)
    try:
        archive.remove_citation(citation_id, reason=request.form.get("reason"))
    except ArchiveError as exc:
        return render_template("error.html", message=str(exc)), 400
    return redirect(url_for("claims.show", claim_id=claim_id))
