"""Who did what: an actor's activity and the filterable audit view of the ledger, newest first, paginated."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from archive.errors import ArchiveError
from web import arguments
from web.db import get_archive

bp = Blueprint("history", __name__)
PER_PAGE = 50
FILTERS = ("actor", "event", "since", "until", "subject")


@bp.get("/activity/<path:actor>")
def activity(actor: str):
    """List what one actor did, newest first."""
    page = arguments.page()
    events, total = get_archive().ledger(actor=actor, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return render_template("activity.html", actor=actor, events=events, total=total, page=page,
                           pages=_pages(total), args={"actor": actor})


@bp.get("/audit")
def audit():
    """List ledger entries filtered by actor, kind of event, date range and subject, with their hashes."""
    page = arguments.page()
    filters = {name: request.args.get(name, "") for name in FILTERS}
    try:
        events, total = get_archive().ledger(**filters, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    except ArchiveError as exc:  # a filter that cannot be read: the form again, saying why
        return render_template("audit.html", filters=filters, events=[], total=0, page=1, pages=1,
                               error=str(exc), args={}), 400
    return render_template("audit.html", filters=filters, events=events, total=total, page=page,
                           pages=_pages(total), error=None, args={k: v for k, v in filters.items() if v})


def _pages(total: int) -> int:
    return max(1, -(-total // PER_PAGE))
