"""Bring the search index up to date in the web server's background: after the index was deleted, or for
captures that another process left waiting. Searches meanwhile say how many captures are not searchable."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from flask import Flask, current_app

from archive.archive import Archive
from archive.errors import ArchiveError

log = logging.getLogger(__name__)


class BackgroundIndexer:
    """One thread at a time that indexes every waiting capture of one archive home, then stops."""

    def __init__(self, home: Path | str):
        self.home = home
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start indexing unless a run is already going on."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="evidence-indexer", daemon=True)
                self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the current run to end (tests, shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        try:
            with Archive(self.home) as archive:
                count = archive.index_pending()  # waits for another process's commit if one writes the index
            if count:
                log.info("indexed %d captures that were waiting for the search index", count)
        except ArchiveError as exc:
            log.warning("could not bring the search index up to date: %s", exc)


def init_app(app: Flask) -> None:
    """Give the app its background indexer."""
    app.extensions["evidence_indexer"] = BackgroundIndexer(app.config["EVIDENCE_HOME"])


def index_in_background() -> None:
    """Start the current app's background indexer (it returns at once)."""
    current_app.extensions["evidence_indexer"].start()
