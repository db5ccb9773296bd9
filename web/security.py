"""Response headers and request checks that keep hostile captured content harmless."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from archive.errors import IntegrityError, NotFoundError

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'")
# Originals are served only as downloads; if a browser renders one anyway, it gets no origin and no scripts.
ORIGINAL_POLICY = "sandbox; default-src 'none'"


def init_app(app: Flask) -> None:
    """Install security headers, JSON errors for the API, and the API's CSRF rule."""

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.before_request
    def api_writes_need_a_non_form_request():
        # The API takes no CSRF token; a cross-site <form> can only send form encodings without custom
        # headers, so API writes must be JSON or carry X-Requested-With, which forces a CORS preflight.
        if request.path.startswith("/api/") and request.method not in ("GET", "HEAD", "OPTIONS"):
            if not (request.is_json or request.headers.get("X-Requested-With")):
                return jsonify(error="API writes must send JSON, or the X-Requested-With header "
                                     "with a multipart upload."), 400
        return None

    @app.errorhandler(NotFoundError)
    def unknown_id(error: NotFoundError):
        # Views look records up without catching: an unknown id is a 404 here, for pages and the API alike.
        if request.path.startswith("/api/"):
            return jsonify(error=str(error)), 404
        return render_template("error.html", message=str(error)), 404

    @app.errorhandler(IntegrityError)
    def tampered(error: IntegrityError):
        # Stored evidence that no longer matches its hash is never served; say so plainly.
        message = f"Refused: {error}. Run `evidence verify` to see what changed."
        if request.path.startswith("/api/"):
            return jsonify(error=message), 500
        return render_template("error.html", message=message), 500

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if request.path.startswith("/api/"):
            return jsonify(error=_describe(error)), error.code
        return render_template("error.html", error=error, message=_describe(error)), error.code


def _describe(error: HTTPException) -> str:
    if error.code == 413:
        return "The upload is too large for this archive's limit."
    if error.code == 400 and "CSRF" in (error.description or ""):
        return "The form expired or did not come from this site; reload the page and try again."
    return error.description or error.name
