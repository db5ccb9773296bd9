"""One Archive per request, opened on first use and closed at teardown (like flaskr's get_db)."""

from __future__ import annotations

from flask import Flask, current_app, g

from archive.archive import Archive
from web.indexer import index_in_background


def get_archive() -> Archive:
    """Return this request's archive, opening it on first use."""
    if "archive" not in g:
        g.archive = Archive(current_app.config["EVIDENCE_HOME"])
    return g.archive


def close_archive(_error: BaseException | None = None) -> None:
    """Close the request's archive, if one was opened; a request never waits for the search index's lock:
    what it could not index is indexed in the background."""
    archive = g.pop("archive", None)
    if archive is not None and archive.close(wait_for_index=False):
        index_in_background()


def init_app(app: Flask) -> None:
    """Register the teardown and the template globals that need the archive."""
    app.teardown_appcontext(close_archive)

    @app.context_processor
    def ledger_head():
        def head() -> str:
            count, digest = get_archive().catalog.ledger_head()
            return f"{count} entries, head {digest[:16]}…"
        return {"ledger_head": head}
