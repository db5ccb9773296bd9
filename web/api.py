"""The JSON API: the command line's shapes over HTTP. Errors are {"error": ...} with a status chosen by kind
(web/errors.py)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from archive import inputs
from archive.errors import InvalidInputError
from ingest.sources import SourceItem, Upload
from web import arguments
from web.accounts import managed_accounts
from web.captures import limits, safe_upload_name
from web.db import get_archive
from web.errors import STATUS, json_error
from web.indexer import index_in_background

bp = Blueprint("api", __name__)


def json_object(shape: str) -> dict:
    """Return the request's JSON object, or refuse the request naming the `shape` expected."""
    try:
        body = request.get_json(silent=True)
    except RecursionError as exc:  # thousands of nested brackets; json raises this, not a ValueError
        raise InvalidInputError("The JSON body is nested too deeply.") from exc
    if not isinstance(body, dict):
        raise InvalidInputError(f"Send a JSON object: {shape}.")
    return body


@bp.get("/captures")
def list_captures():
    """List captures, newest first: ?limit=&offset=."""
    archive = get_archive()
    limit = arguments.whole_number("limit", 50, 1, 500)
    offset = arguments.whole_number("offset", 0, 0, inputs.OFFSET_MAX)
    items = archive.list_captures(limit=limit, offset=offset)
    return jsonify(total=archive.count_captures(), captures=[c.to_json() for c in items])


@bp.get("/captures/<int:capture_id>")
def get_capture(capture_id: int):
    """Return a capture's provenance and later observations; ?text=1 adds its text."""
    want_text = request.args.get("text") in ("1", "true", "yes")
    archive = get_archive()
    capture = archive.get(capture_id, with_text=want_text)
    data = capture.to_json()
    data["observations"] = [o.to_json() for o in archive.observations(capture_id)]
    if want_text:
        data["text"] = capture.text
    return jsonify(data)


@bp.post("/captures")
def create_capture():
    """Capture one uploaded file (multipart field "file", with "ocr_lang") or one URL (JSON {"url", "ocr_lang",
    "browser": false}; with "browser": true the page is loaded in headless Chromium)."""
    archive = get_archive()
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        source = Upload(safe_upload_name(upload.filename), upload.read())
        ocr_languages = request.form.get("ocr_lang")
    else:
        body = json_object('{"url": "https://..."}, or a file in the multipart field "file"')
        url, browser = body.get("url"), body.get("browser", False)
        if not isinstance(url, str) or not url.strip():
            return json_error('Send a file (multipart field "file") or JSON {"url": "https://..."}.', 400)
        if not isinstance(browser, bool):
            return json_error('"browser" is true (load the page in a browser) or false.', 400)
        source, ocr_languages = SourceItem(url.strip(), True, browser=browser), body.get("ocr_lang")
    result = archive.capture_one(source, limits(ocr_languages))
    if result.status == "failed":
        return json_error(result.error, STATUS[result.error_kind], source=result.source, error_kind=result.error_kind)
    return jsonify(result.to_json()), 201 if result.status == "captured" else 200


@bp.get("/search")
def search():
    """Search: ?q=&limit=&page=, the `search --json` shape, plus how many captures are not searchable yet."""
    query = request.args.get("q", "").strip()
    if not query:
        return json_error("Give a query: ?q=words", 400)
    limit = arguments.whole_number("limit", 10, 1, 100)
    page = arguments.whole_number("page", 1, 1, arguments.PAGE_MAX)
    near = arguments.number("near", 0.0, 100.0) / 100
    archive = get_archive()
    waiting = archive.count_unindexed()  # before the search: what the indexer commits meanwhile, it finds
    result = archive.search(query, limit=limit, offset=(page - 1) * limit, near=near)
    if waiting:  # not searchable yet: say so, and index them in the background
        index_in_background()
    return jsonify({**result.to_json(), "not_indexed": waiting})


@bp.get("/claims")
def list_claims():
    """List claims with status and number of citations."""
    return jsonify(claims=[{"id": c.id, "text": c.text, "status": c.status, "citations": c.citation_count,
                            "created_at": c.created_at, "updated_at": c.updated_at}
                           for c in get_archive().claims()])


@bp.post("/claims")
def create_claim():
    """Record a claim: JSON {"text": ...}."""
    body = json_object('{"text": "the claim"}')
    if "text" not in body:
        return json_error('Send JSON {"text": "the claim"}.', 400)
    return jsonify(get_archive().add_claim(body["text"]).to_json()), 201


@bp.get("/claims/<int:claim_id>")
def get_claim(claim_id: int):
    """Return a claim with its citations, each verified, and where its sources disagree: the `claim show --json`
    shape."""
    archive = get_archive()
    claim = archive.claim(claim_id, with_history=True)
    return jsonify({**claim.to_json(), "where_sources_disagree": archive.where_sources_disagree(claim_id).to_json()})


@bp.get("/claims/<int:claim_id>/sources")
def claim_sources(claim_id: int):
    """Return passages that state the claim's figures, best first: ?limit=20."""
    limit = arguments.whole_number("limit", 20, 1, 200)
    found = get_archive().find_sources(claim_id, limit=limit)
    return jsonify(sources=[c.to_json() for c in found])


@bp.route("/claims/<int:claim_id>", methods=["PATCH"])
def update_claim(claim_id: int):
    """Change a claim's status: JSON {"status": ..., "notes": ...}."""
    body = json_object('{"status": "supported", "notes": "why"}')
    if "status" not in body:
        return json_error('Send JSON {"status": "supported"}.', 400)
    return jsonify(get_archive().set_claim_status(claim_id, body["status"], body.get("notes")).to_json())


CITATION_SHAPE = ('{"claim_id": 1, "capture_id": 2, "quote": "exact passage"}, with a region of a page\'s picture '
                  '("region": {"page": 2, "x": 72, "y": 100, "w": 200, "h": 40}) or instead of the quote, or a '
                  'table cell alone ("cell": {"page": 2, "table": 1, "row": 3, "column": 4})')


@bp.post("/citations")
def create_citation():
    """Cite: JSON {"claim_id", "capture_id", "quote"?, "position"?, "stance"?, "note"?, "region"?, "cell"?}: a
    quote, a region of a page's picture, both, or a table cell (archive/regions.py)."""
    body = json_object(CITATION_SHAPE)
    if not {"claim_id", "capture_id"} <= body.keys() or not body.keys() & {"quote", "region", "cell"}:
        return json_error(f"Send JSON {CITATION_SHAPE}.", 400)
    citation = get_archive().cite(body["claim_id"], body["capture_id"], body.get("quote"),
                                  position=body.get("position"), stance=body.get("stance", "supports"),
                                  note=body.get("note"), region=body.get("region"), cell=body.get("cell"))
    return jsonify(citation.to_json()), 201


@bp.delete("/citations/<int:citation_id>")
def delete_citation(citation_id: int):
    """Retract a citation, optionally saying why (JSON {"reason": ...}); it stays in the record, marked retracted."""
    body = json_object('{"reason": "why the citation no longer stands"}, or no body') if request.get_data() else {}
    get_archive().remove_citation(citation_id, reason=body.get("reason"))
    return jsonify(removed=citation_id)


@bp.get("/entities")
def list_entities():
    """List entities with their names."""
    return jsonify(entities=[e.to_json() for e in get_archive().entities.list()])


@bp.post("/entities")
def create_entity():
    """Record an entity: JSON {"name": ..., "kind": "company", "aliases": [...]}."""
    body = json_object('{"name": "Nebesnaya Mekhanika", "kind": "company", "aliases": ["Небесная механика"]}')
    if "name" not in body:
        return json_error('Send JSON {"name": "the name", "aliases": ["another name"]}.', 400)
    made = get_archive().entities.add(body["name"], body.get("kind", "other"), body.get("aliases", []))
    return jsonify(made.to_json()), 201


@bp.get("/entities/<int:entity_id>")
def get_entity(entity_id: int):
    """Return an entity with the captures (?limit=50) and claims naming it, and suggested names."""
    limit = arguments.whole_number("limit", 50, 1, 200)
    archive = get_archive()
    entity, captures, claims = archive.entity_mentions(entity_id, limit=limit)
    return jsonify({**entity.to_json(), "captures": {"total": captures.total,
                                                      "hits": [hit.to_json() for hit in captures.hits]},
                    "claims": [{"id": c.id, "text": c.text, "status": c.status} for c in claims],
                    "suggestions": [s.to_json() for s in archive.suggest_aliases(entity.id)]})


@bp.post("/entities/<int:entity_id>/names")
def add_entity_names(entity_id: int):
    """Give an entity more names: JSON {"names": [...]}."""
    body = json_object('{"names": ["another name"]}')
    if "names" not in body:
        return json_error('Send JSON {"names": ["another name"]}.', 400)
    return jsonify(get_archive().entities.add_names(entity_id, body["names"]).to_json())


@bp.delete("/entities/<int:entity_id>/names")
def remove_entity_name(entity_id: int):
    """Take a name from an entity: JSON {"name": ..., "reason": ...}."""
    body = json_object('{"name": "the name", "reason": "why"}')
    if "name" not in body:
        return json_error('Send JSON {"name": "the name to remove"}.', 400)
    return jsonify(get_archive().entities.remove_name(entity_id, body["name"], body.get("reason")).to_json())


@bp.post("/entities/<int:entity_id>/merge")
def merge_entity(entity_id: int):
    """Make an entity part of another: JSON {"into": ID}."""
    body = json_object('{"into": 2}')
    if "into" not in body:
        return json_error('Send JSON {"into": the id of the entity to merge into}.', 400)
    return jsonify(get_archive().entities.merge(entity_id, body["into"]).to_json())


@bp.get("/ledger")
def ledger():
    """Return ledger entries newest first: ?actor=&event=&since=&until=&subject=&limit=&offset=."""
    limit = arguments.whole_number("limit", 50, 1, inputs.LIMIT_MAX)
    offset = arguments.whole_number("offset", 0, 0, inputs.OFFSET_MAX)
    filters = {name: request.args.get(name) for name in ("actor", "event", "since", "until", "subject")}
    events, total = get_archive().ledger(**filters, limit=limit, offset=offset)
    return jsonify(total=total, limit=limit, offset=offset, entries=[e.to_json() for e in events])


@bp.get("/accounts")
def list_accounts():
    """List accounts with their roles and tokens (by prefix): the `user list --json` shapes."""
    return jsonify(accounts=[a.to_json() for a in get_archive().accounts.list()])


@bp.post("/accounts")
def create_account():
    """Create an account: JSON {"name", "role", "password"}, checked as `evidence user add` checks them."""
    body = json_object('{"name": "ben", "role": "contributor", "password": "at least 8 characters"}')
    if not {"name", "role", "password"} <= body.keys():
        return json_error('Send JSON {"name": "ben", "role": "contributor", "password": "at least 8 characters"}.',
                          400)
    return jsonify(managed_accounts().add(body["name"], body["role"], body["password"]).to_json()), 201


@bp.route("/accounts/<path:name>", methods=["PATCH"])
def update_account(name: str):
    """Change an account: JSON {"role": ...} to give it another role, {"disabled": true} to disable it."""
    body = json_object('{"role": "editor"} or {"disabled": true}')
    if not body.keys() & {"role", "disabled"} or body.get("disabled", True) is not True:
        return json_error('Send JSON {"role": "editor"} or {"disabled": true} (a disabled account stays disabled).',
                          400)
    accounts = managed_accounts()
    account = accounts.set_role(name, body["role"]) if "role" in body else accounts.get(name)
    if "disabled" in body:
        account = accounts.disable(name)
    return jsonify(account.to_json())


@bp.post("/accounts/<path:name>/tokens")
def issue_token(name: str):
    """Make an API token for an account: {"user", "token"}, the token shown this once and never cached."""
    token = managed_accounts().issue_token(name)
    response = jsonify(user=name, token=token)
    response.status_code = 201
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.delete("/tokens/<prefix>")
def revoke_token(prefix: str):
    """Revoke the live token that starts with PREFIX (its first 12 characters); it stops working at once."""
    return jsonify(revoked=managed_accounts().revoke(prefix).prefix)
