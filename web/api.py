"""The JSON API: the command line's shapes over HTTP. Errors are {"error": ...} with a fitting status."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from archive import quotes
from archive.errors import ArchiveError, CaptureError, FetchError, InvalidInputError, NotFoundError, QueryError
from ingest.sources import SourceItem, Upload
from ingest.workers import capture_isolated
from web.captures import limits, safe_upload_name
from web.db import get_archive

bp = Blueprint("api", __name__)


def error(message: str, status: int, **extra):
    """Return a JSON error response."""
    return jsonify(error=message, **extra), status


@bp.errorhandler(NotFoundError)
def not_found(exc):
    return error(str(exc), 404)


@bp.errorhandler(InvalidInputError)
def invalid(exc):
    return error(str(exc), 400)


@bp.get("/captures")
def list_captures():
    """List captures, newest first: ?limit=&offset=."""
    archive = get_archive()
    limit = min(max(request.args.get("limit", 50, type=int), 1), 500)
    offset = max(request.args.get("offset", 0, type=int), 0)
    items = archive.catalog.list_captures(limit=limit, offset=offset)
    return jsonify(total=archive.catalog.count_captures(), captures=[c.to_json() for c in items])


@bp.get("/captures/<int:capture_id>")
def get_capture(capture_id: int):
    """Return a capture's provenance; ?text=1 adds its text."""
    want_text = request.args.get("text") in ("1", "true", "yes")
    capture = get_archive().get(capture_id, with_text=want_text)
    data = capture.to_json()
    if want_text:
        data["text"] = capture.text
    return jsonify(data)


@bp.post("/captures")
def create_capture():
    """Capture one uploaded file (multipart field "file") or one URL (JSON {"url": ...})."""
    archive = get_archive()
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        source = Upload(safe_upload_name(upload.filename), upload.read())
    else:
        url = (request.get_json(silent=True) or {}).get("url") if request.is_json else None
        if not isinstance(url, str) or not url.strip():
            return error('Send a file (multipart field "file") or JSON {"url": "https://..."}.', 400)
        source = SourceItem(url.strip(), True)
    try:
        result = archive.add(capture_isolated(source, limits()))
    except FetchError as exc:
        refused = "only http and https" in exc.reason or exc.reason.startswith("refused:")
        return error(str(exc), 400 if refused else 422, source=source.source)
    except CaptureError as exc:
        too_large = "too large" in exc.reason
        return error(str(exc), 413 if too_large else 422, source=source.source)
    return jsonify(result.to_json()), 201 if result.status == "captured" else 200


@bp.get("/search")
def search():
    """Search: ?q=&limit=&page=, the `search --json` shape."""
    query = request.args.get("q", "").strip()
    if not query:
        return error("Give a query: ?q=words", 400)
    limit = min(max(request.args.get("limit", 10, type=int), 1), 100)
    page = max(request.args.get("page", 1, type=int), 1)
    near = min(max(request.args.get("near", 0.0, type=float), 0.0), 100.0) / 100
    try:
        result = get_archive().search(query, limit=limit, offset=(page - 1) * limit, near=near)
    except QueryError as exc:
        return error(str(exc), 400)
    return jsonify(result.to_json())


@bp.get("/claims")
def list_claims():
    """List claims with status and number of citations."""
    return jsonify(claims=[{"id": c.id, "text": c.text, "status": c.status, "citations": c.citation_count,
                            "created_at": c.created_at, "updated_at": c.updated_at}
                           for c in get_archive().claims()])


@bp.post("/claims")
def create_claim():
    """Record a claim: JSON {"text": ...}."""
    body = request.get_json(silent=True) or {}
    text = body.get("text")
    if not isinstance(text, str):
        return error('Send JSON {"text": "the claim"}.', 400)
    return jsonify(get_archive().add_claim(text).to_json()), 201


@bp.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    """Return a claim with its citations, each verified: the `claim show --json` shape."""
    return jsonify(get_archive().claim(claim_id).to_json())


@bp.get("/claims/<int:claim_id>/sources")
def claim_sources(claim_id: int):
    """Return passages that state the claim's figures, best first: ?limit=20."""
    limit = min(max(request.args.get("limit", 20, type=int), 1), 200)
    found = get_archive().find_sources(claim_id, limit=limit)
    return jsonify(sources=[{"capture_id": c.capture.id, "title": c.capture.title, "start": c.start,
                             "end": c.end, "sentence": c.sentence, "score": c.score,
                             "agreement": c.agreement.to_json()} for c in found])


@bp.route("/claims/<int:claim_id>", methods=["PATCH"])
def update_claim(claim_id: int):
    """Change a claim's status: JSON {"status": ..., "notes": ...}."""
    body = request.get_json(silent=True) or {}
    if not isinstance(body.get("status"), str):
        return error('Send JSON {"status": "supported"}.', 400)
    return jsonify(get_archive().set_claim_status(claim_id, body["status"], body.get("notes")).to_json())


@bp.post("/citations")
def create_citation():
    """Cite a quote: JSON {"claim_id", "capture_id", "quote", "position"?, "stance"?, "note"?}."""
    body = request.get_json(silent=True) or {}
    claim_id, capture_id, quote = body.get("claim_id"), body.get("capture_id"), body.get("quote")
    position = body.get("position")
    if not (isinstance(claim_id, int) and isinstance(capture_id, int) and isinstance(quote, str)) or (
            position is not None and not isinstance(position, int)):
        return error('Send JSON {"claim_id": 1, "capture_id": 2, "quote": "exact passage"}.', 400)
    try:
        citation = get_archive().cite(claim_id, capture_id, quote, position=position,
                                      stance=body.get("stance", "supports"), note=body.get("note"))
    except quotes.QuoteNotFoundError as exc:
        suggestion = None
        if exc.suggestion is not None:
            suggestion = {"exact": exc.suggestion.exact, "start": exc.suggestion.start, "end": exc.suggestion.end}
        return error(str(exc), 422, suggestion=suggestion)
    except quotes.AmbiguousQuoteError as exc:
        return error(str(exc), 422, occurrences=[{"start": a.start, "end": a.end} for a in exc.occurrences])
    except quotes.EmptyQuoteError as exc:
        return error(str(exc), 400)
    return jsonify(citation.to_json()), 201


@bp.delete("/citations/<int:citation_id>")
def delete_citation(citation_id: int):
    """Withdraw a citation; it stays in the record, marked removed."""
    get_archive().remove_citation(citation_id)
    return jsonify(removed=citation_id)


@bp.errorhandler(ArchiveError)
def archive_error(exc):
    return error(str(exc), 400)
