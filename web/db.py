"""One Archive per app, opened on first use and shared by every request (like flaskr's get_db, but for the
process: opening an archive checks the catalog's migrations and opens the search index)."""

from __future__ import annotations

import atexit
import threading

from flask import Flask, current_app

from archive.archive import Archive
from web.indexer import index_in_background

_opening = threading.Lock()


def get_archive() -> Archive:
    """Return the app's archive, opening it on first use; a search index deleted meanwhile is made anew."""
    holder = current_app.extensions["evidence_archive"]
    archive = holder.get("archive")
    if archive is None:
        with _opening:
            archive = holder.get("archive")
            if archive is None:
                config = current_app.config
                archive = holder["archive"] = Archive(config["EVIDENCE_HOME"], signing_key=config["SIGNING_KEY"],
                                                      tsa_url=config["TSA_URL"])
                atexit.register(archive.close, wait_for_index=False)
    if archive.index_lost():
        archive.reopen_index()
        index_in_background()
    return archive


def after_request_indexing(_error: BaseException | None = None) -> None:
    """A request never waits for the search index's lock: what it could not index, the background indexer does."""
    archive = current_app.extensions["evidence_archive"].get("archive")
    if archive is not None and archive.waiting_for_index:
        index_in_background()


def close_archive(app: Flask) -> None:
    """Close the app's archive (tests, shutdown); the next request opens it again."""
    archive = app.extensions["evidence_archive"].pop("archive", None)
    if archive is not None:
        archive.close(wait_for_index=False)


def init_app(app: Flask) -> None:
    """Register the archive holder, the end-of-request check and the template globals that need the archive."""
    app.extensions["evidence_archive"] = {}
    app.teardown_appcontext(after_request_indexing)

    @app.context_processor
    def ledger_head():
        def head() -> str:
            count, digest = get_archive().ledger_head()
            return f"{count} entries, head {digest[:16]}…"
        return {"ledger_head": head}
