"""Errors as pages and as JSON: an archive error's kind chooses the status, never its wording."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from archive import quotes
from archive.errors import ArchiveError, CaptureError, IntegrityError

STATUS = {
    "invalid": 400, "refused": 400, "not_found": 404, "too_large": 413, "unprocessable": 422,
    "unauthorized": 401, "forbidden": 403, "conflict": 409,
    # The archive cannot answer now (another process kept it locked) or at all (its catalog is damaged or not
    # its own), or its stored evidence no longer matches its hash: not the caller's fault.
    "busy": 503, "damaged": 503, "integrity": 500,
}


def init_app(app: Flask) -> None:
    """Answer archive errors and HTTP errors with the error page, or with JSON under /api/."""

    @app.errorhandler(ArchiveError)
    def archive_error(error: ArchiveError):
        # Views look records up without catching: an unknown id is a 404 here, a damaged catalog a 503.
        message = refusal(error) if isinstance(error, IntegrityError) else str(error)
        if request.path.startswith("/api/"):
            return json_error(message, STATUS[error.kind], error_kind=error.kind, **_details(error))
        return render_template("error.html", message=message), STATUS[error.kind]

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            return json_error(_describe(error), error.code)
        return render_template("error.html", error=error, message=_describe(error)), error.code


def json_error(message: str, status: int, **extra):
    """Return a JSON error response: {"error": message, ...extra}."""
    return jsonify(error=message, **extra), status


def refusal(error: IntegrityError) -> str:
    """Say that stored evidence no longer matching its hash is not served, and what to do."""
    return f"Refused: {error}. Run `evidence verify` to see what changed."


def _details(error: ArchiveError) -> dict:
    """Return what a client needs besides the message to act on an error."""
    if isinstance(error, quotes.QuoteNotFoundError):
        found = error.suggestion
        return {"suggestion": {"exact": found.exact, "start": found.start, "end": found.end} if found else None}
    if isinstance(error, quotes.AmbiguousQuoteError):
        return {"occurrences": [{"start": a.start, "end": a.end} for a in error.occurrences]}
    if isinstance(error, CaptureError):
        return {"source": error.source}
    return {}


def _describe(error: HTTPException) -> str:
    if error.code == 413:
        return "The upload is too large for this archive's limit."
    if error.code == 400 and "CSRF" in (error.description or ""):
        return "The form expired or did not come from this site; reload the page and try again."
    return error.description or error.name
