"""Capture pages: provenance, text with citations, versions, the original download, citing, adding."""

from __future__ import annotations

import unicodedata
from typing import BinaryIO

from flask import Blueprint, Response, current_app, flash, redirect, render_template, request, url_for

from archive import changes, quotes
from archive.bundle import original_extension
from archive.errors import ArchiveError, InvalidInputError, NotFoundError
from archive.models import STANCES, IngestResult
from archive.pictures import IMAGE, PDF, page_count, picture_kind
from ingest.pipeline import Limits
from ingest.sources import SourceItem, Upload
from web import arguments
from web.db import get_archive
from web.render import render_text, source_for_people, title_for_people
from web.page_views import page_view
from web.screenshots import capture_shot
from web.security import ORIGINAL_POLICY

bp = Blueprint("captures", __name__)
# The parts served inline, by media type (and the extension of their file name): pictures and data, never markup.
SERVED_PARTS = {"image/png": ".png", "application/json": ".json"}
STREAM_CHUNK = 256 * 1024  # an original is sent in pieces of this size
CLAIMS_TO_CHOOSE = 200  # the newest claims offered when citing a passage; an older one is cited from its id


def limits(ocr_languages: str | None = None) -> Limits:
    """Return the capture limits configured for the web, with the OCR languages a request asks for (None, "":
    detected); raise InvalidInputError for languages that are no Tesseract codes."""
    config = current_app.config
    return Limits(timeout=float(config["FETCH_TIMEOUT"]), max_bytes=int(config["MAX_CONTENT_LENGTH"]),
                  allow_private=bool(config["ALLOW_PRIVATE_URLS"]),
                  time_limit=float(config["CAPTURE_TIME_LIMIT"]), max_memory=int(config["CAPTURE_MAX_MEMORY"]),
                  ocr_languages=ocr_languages)


@bp.get("/captures")
def list_captures():
    """List captures, newest first."""
    page = arguments.page()
    archive = get_archive()
    items = archive.list_captures(limit=50, offset=(page - 1) * 50)
    total = archive.count_captures()
    return render_template("captures.html", captures=items, page=page, pages=-(-total // 50), total=total)


@bp.get("/captures/<int:capture_id>")
def show(capture_id: int):
    """Show one capture: metadata, provenance, text with cited passages, versions, citing form."""
    return _render_capture(capture_id)


def _render_capture(capture_id: int, cite_error: str | None = None, suggestion: quotes.Anchor | None = None,
                    occurrences: list[quotes.Anchor] | None = None, form: dict | None = None, status: int = 200):
    archive = get_archive()
    capture = archive.get(capture_id, with_text=True)
    citations = archive.citations_of(capture_id)
    # The claims its citations serve, and the recent ones to choose from when citing (not every claim ever).
    shown = archive.claims(ids={c.claim_id for c in citations}) + archive.claims(limit=CLAIMS_TO_CHOOSE)
    claims_by_id = {c.id: c for c in sorted(shown, key=lambda claim: -claim.id)}
    hit, hit_end = request.args.get("at", type=int), request.args.get("to", type=int)
    html_text = render_text(capture.text or "", capture.pages, citations, hit, hit_end,
                            ocr_pages=(capture.ocr or {}).get("pages") or ())
    pointed = (hit, hit_end) if hit is not None and hit_end is not None else None
    form = form or {}
    asked_cell = form.get("cell") or request.args.get("cell")
    return render_template(
        "capture.html", capture=capture, text_html=html_text, citations=citations, claims=claims_by_id,
        shot=capture_shot(archive.layout(capture), citations, pointed),
        view=page_view(archive, capture, citations, request.args.get("page", type=int), hit, asked_cell,
                       find_tables=False),
        versions=archive.versions(capture), tracking=archive.quote_tracking(capture),
        observations=archive.observations(capture.id),
        cite_error=cite_error, suggestion=suggestion,
        occurrences=occurrences or [], form=form, stances=STANCES,
        citation_text=cite_this_source(capture, request.url_root),
        contexts={c.id: quotes.context(capture.text or "", _anchor(c), 60) for c in citations},
    ), status


def _anchor(citation) -> quotes.Anchor:
    return quotes.Anchor(citation.exact, citation.prefix, citation.suffix, citation.start, citation.end)


@bp.post("/captures/<int:capture_id>/recapture")
def recapture(capture_id: int):
    """Capture this capture's URL again; a changed page becomes a new version."""
    if not get_archive().get(capture_id).url:
        return render_template("error.html", message="This capture did not come from a URL."), 400
    result = get_archive().recapture(capture_id, limits()).result
    if result.status == "failed":
        flash(f"Could not capture again: {result.error}", "error")
        return redirect(url_for("captures.show", capture_id=capture_id))
    if result.status == "exists":
        flash(f"Unchanged: the page still serves the bytes of capture #{result.capture.id}.", "info")
    else:
        flash(f"Captured a new version: #{result.capture.id}.", "info")
    return redirect(url_for("captures.show", capture_id=result.capture.id))


@bp.get("/captures/<int:capture_id>/diff/<int:other_id>")
def diff(capture_id: int, other_id: int):
    """Show what changed in the text between two captures (older first)."""
    archive = get_archive()
    one, other = archive.get(capture_id, with_text=True), archive.get(other_id, with_text=True)
    older, newer = sorted([one, other], key=lambda c: (c.captured_at, c.id))
    pieces = changes.diff(older.text or "", newer.text or "")
    changed = sum(1 for op, _ in pieces if op != "=")
    return render_template("diff.html", older=older, newer=newer, pieces=pieces, changes=changed)


@bp.get("/captures/<int:capture_id>/original")
def original(capture_id: int):
    """Download the original bytes, never rendered in our origin."""
    archive = get_archive()
    capture = archive.get(capture_id)
    response = attachment(streamed(*archive.original_copy(capture)), capture.media_type, download_name(capture))
    response.headers["Digest"] = f"sha-256={capture.sha256}"
    return response


def streamed(copy: BinaryIO, size: int) -> Response:
    """Return a response that streams a checked copy of stored bytes with its length (the copy closed once sent,
    or once the response is dropped)."""
    def pieces():
        with copy:
            while piece := copy.read(STREAM_CHUNK):
                yield piece

    response = Response(pieces(), direct_passthrough=True)
    response.content_length = size
    return response


def attachment(data: bytes | Response, media_type: str, filename: str) -> Response:
    """Serve stored bytes as a download only, sandboxed should a browser render them anyway."""
    return sandboxed(data, media_type, "attachment", filename)


def sandboxed(data: bytes | Response, media_type: str, disposition: str, filename: str) -> Response:
    """Serve bytes from a capture (or a response streaming them) as their declared type only (no sniffing), in a
    sandbox that runs nothing."""
    response = data if isinstance(data, Response) else Response(data)
    response.mimetype = media_type
    response.headers["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response.headers["Content-Security-Policy"] = ORIGINAL_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def kept_inline(data: bytes | Response, media_type: str, filename: str, cache_control: str,
                digest: str | None = None) -> Response:
    """Serve a capture's picture or data inline, sandboxed, for a browser to keep as `cache_control` says; with
    the SHA-256 it is stored under, when it is an original."""
    response = sandboxed(data, media_type, "inline", filename)
    response.headers["Cache-Control"] = cache_control
    if digest:
        response.headers["Digest"] = f"sha-256={digest}"
    return response


def has_drawn_page(capture, page: int) -> bool:
    """Tell whether a capture has this page drawn from its original: a page of a PDF, a frame of an image."""
    return picture_kind(capture) in (PDF, IMAGE) and 1 <= page <= page_count(capture)


@bp.get("/captures/<int:capture_id>/parts/<role>")
def part(capture_id: int, role: str):
    """Serve a further original of a capture (a browser's screenshot, its layout) as its own type, inline."""
    archive = get_archive()
    capture = archive.get(capture_id)
    recorded = capture.part(role)
    if recorded is None or recorded["media_type"] not in SERVED_PARTS:
        raise NotFoundError(f"Capture #{capture_id} has no part named {role[:40]!r}.")
    # Stored by content and never rewritten: a browser may keep it (the screenshot is drawn on every view).
    return kept_inline(archive.part(capture, role), recorded["media_type"],
                       f'capture-{capture.id}-{recorded["role"]}{SERVED_PARTS[recorded["media_type"]]}',
                       "private, max-age=31536000, immutable", digest=recorded["sha256"])


@bp.get("/captures/<int:capture_id>/pages/<int:page>.png")
def page_image(capture_id: int, page: int):
    """Serve a page of a PDF or image capture as a picture, drawn from the original (derived, cached): ?width=."""
    archive = get_archive()
    capture = archive.get(capture_id)
    if not has_drawn_page(capture, page):
        raise NotFoundError(f"Capture #{capture_id} has no picture of a page {page}.")
    drawn = archive.pictures.image(capture, page, request.args.get("width", type=int))
    # Drawn from an original that never changes: a browser may keep it (a page view shows it on every visit).
    return kept_inline(drawn, "image/png", f"capture-{capture.id}-page-{page}.png", "private, max-age=604800")


@bp.get("/captures/<int:capture_id>/pages/<int:page>/tables")
def page_tables(capture_id: int, page: int):
    """Show the tables the finder sees on a page of a PDF capture, each cell a link that cites it: on a page of
    their own, or with ?fragment=1 only the tables, which the capture page's script puts in its page view."""
    archive = get_archive()
    capture = archive.get(capture_id, with_text=True)
    if not has_drawn_page(capture, page):
        raise NotFoundError(f"Capture #{capture_id} has no page {page}.")
    view = page_view(archive, capture, [], page, None, None)
    return render_template("_page_tables.html" if request.args.get("fragment") else "page_tables.html",
                           capture=capture, view=view)


@bp.get("/captures/<int:capture_id>/warc")
def exchange(capture_id: int):
    """Download the WARC records of a capture's HTTP exchanges (an http capture's, a browser's visit)."""
    archive = get_archive()
    capture = archive.get(capture_id)
    copy = archive.exchange_copy(capture)
    if copy is None:
        raise NotFoundError("This capture has no HTTP exchange.")
    return attachment(streamed(*copy), "application/warc", f"capture-{capture.id}-exchange.warc.gz")


def download_name(capture) -> str:
    """Return a safe file name for an original: capture id, hash prefix and extension."""
    return f"capture-{capture.id}-{capture.sha256[:12]}{original_extension(capture)}"


def cite_this_source(capture, root: str) -> dict[str, str]:
    """Return a citation block for a capture, as plain text and as Markdown; a local file by its name only."""
    permalink = f"{root.rstrip('/')}/captures/{capture.id}"
    title = title_for_people(capture)
    parts = [p for p in [capture.author, capture.site, capture.published] if p]
    url = capture.url or capture.final_url
    plain = [f"{title}.", ", ".join(parts) + "." if parts else None,
             f"Original: {url}" if url else f"Source: {source_for_people(capture)}.",
             f"Captured {capture.captured_at}, SHA-256 {capture.sha256}.", f"Archived at {permalink}"]
    markdown = [f"[{title}]({url})." if url else f"{title}.", ", ".join(parts) + "." if parts else None,
                f"Captured {capture.captured_at}, SHA-256 `{capture.sha256}`.", f"[Archived capture]({permalink})"]
    return {"plain": " ".join(p for p in plain if p), "markdown": " ".join(p for p in markdown if p)}


@bp.post("/captures/<int:capture_id>/cite")
def cite(capture_id: int):
    """Cite a passage of this capture for an existing or a new claim."""
    archive = get_archive()
    form = request.form.to_dict()
    quote = form.get("quote", "")
    position = _int(form.get("position"))
    new_claim = (form.get("new_claim") or "").strip() or None
    region, cell = (form.get("region") or "").strip() or None, (form.get("cell") or "").strip() or None
    try:
        citation = archive.cite(_int(form.get("claim_id")), capture_id, quote if not cell else None,
                                position=position, stance=form.get("stance") or "supports", note=form.get("note"),
                                new_claim=new_claim, region=region, cell=cell)
    except quotes.QuoteNotFoundError as exc:
        # The page shows the suggested passage in its own block, with the button that cites it.
        return _render_capture(capture_id, exc.explanation, suggestion=exc.suggestion, form=form, status=422)
    except quotes.AmbiguousQuoteError as exc:
        return _render_capture(capture_id, str(exc), occurrences=exc.occurrences, form=form, status=422)
    except ArchiveError as exc:
        return _render_capture(capture_id, str(exc), form=form, status=400)
    return redirect(url_for("claims.show", claim_id=citation.claim_id, _anchor=f"citation-{citation.id}"))


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@bp.get("/add")
def add_form():
    """Show the form to upload files or paste URLs."""
    return render_template("add.html", results=None)


@bp.post("/add")
def add():
    """Capture uploaded files and pasted URLs (in a browser when asked); report each source's result."""
    browser = bool(request.form.get("browser"))
    try:
        chosen = limits(request.form.get("ocr_lang"))
    except InvalidInputError as exc:
        return render_template("add.html", results=[], error=str(exc), browser=browser), 400
    results = capture_request(request.files.getlist("files"), request.form.get("urls", ""), chosen, browser)
    if not results:
        return render_template("add.html", results=[], browser=browser,
                               error="Choose files or paste URLs to capture."), 400
    return render_template("add.html", results=results, browser=browser)


def capture_request(files, urls_text: str, chosen: Limits, browser: bool = False) -> list[IngestResult]:
    """Capture each uploaded file and each URL (one per line, loaded in a browser with `browser`), store them,
    and return one result each."""
    sources: list[SourceItem | Upload] = [Upload(safe_upload_name(upload.filename), upload.read())
                                          for upload in files if upload and upload.filename]
    sources += [SourceItem(line.strip(), True, browser=browser) for line in urls_text.splitlines() if line.strip()]
    return list(get_archive().capture(sources, chosen, shared_pool=True)) if sources else []


def safe_upload_name(filename: str) -> str:
    """Reduce an uploaded file's name to a harmless label: no folders, no control characters."""
    base = unicodedata.normalize("NFKC", filename).replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable()).strip().lstrip(".")
    return cleaned[:200] or "upload"
