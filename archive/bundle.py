"""Evidence bundles: one zip that lets anyone check a claim's evidence without the archive.

Inside: the claim; its citations as W3C Web Annotations (TextQuote and TextPosition selectors, the capture
as a TimeState with its SHA-256 and capture time); a schema.org ClaimReview; the original bytes and the
extracted text of every cited capture; the ledger (full entries for the events of this claim and its
captures, hash stubs for the rest, so the chain can be walked to the head); a manifest with the SHA-256 of
every file; report.html for people, which opens offline; and manifest-digest.json, the manifest's hash signed
with the archive's key (archive/signing.py, as WACZ's datapackage-digest.json). archive/bundlecheck.py checks
a bundle.
"""

from __future__ import annotations

import hashlib
import html
import json
import shutil
import time
import zipfile
from pathlib import Path
from typing import BinaryIO

from archive import bundle_regions, history, ledger
from archive.clock import utc_now
from archive.figures import Agreement
from archive.inputs import as_recorded
from archive.ocr_notice import describe_ocr
from archive.signing import digest_document, sha256_digest

FORMAT = "evidence-bundle/1"
NS = "urn:evidence-archive:ns#"
_EXTENSIONS = {"html": ".html", "pdf": ".pdf", "markdown": ".md", "text": ".txt", "image/png": ".png",
               "image/jpeg": ".jpg", "image/tiff": ".tif", "image/webp": ".webp", "image/gif": ".gif"}
RATINGS = {"false": 1, "disputed": 2, "mixed": 3, "supported": 5}
SIGNATURE_FILE = "manifest-digest.json"  # signs manifest.json, which lists every other file
STREAM_CHUNK = 1024 * 1024  # an original goes into the zip this much at a time
CONTEXT_CHARS = 200  # of the capture's text shown on each side of a quote in report.html


def build_bundle(archive, claim_id: int, out: Path | str, publisher: str = "Evidence archive") -> dict:
    """Write the bundle of one claim to `out`; return its manifest."""
    claim = archive.claim(claim_id)
    key = archive.signing_key()  # before anything is written: a key that cannot be used leaves no bundle
    captures = {c.capture_id: archive.get(c.capture_id, with_text=True) for c in claim.citations}
    # Originals are read once from the blob store into checked copies (spilled to temporary files when large,
    # archive/spool.py) and streamed into the zip: a large original on S3 is never whole in memory.
    originals: dict[str, tuple[BinaryIO, int, str]] = {}
    try:
        for capture in captures.values():
            originals[_original_path(capture)] = (*archive.original_copy(capture), capture.sha256)
        return _write_bundle(archive, claim, captures, originals, key, out, publisher)
    finally:
        for copy, _size, _sha256 in originals.values():
            copy.close()


def _write_bundle(archive, claim, captures: dict, originals: dict[str, tuple[BinaryIO, int, str]], key,
                  out: Path | str | BinaryIO, publisher: str) -> dict:
    """Write the bundle's files, its originals streamed from their checked copies; return its manifest."""
    files: dict[str, bytes] = {}
    for capture in captures.values():
        files[text_path(capture.id)] = (capture.text or "").encode("utf-8")
    pictures = {}  # by citation: the picture its region is drawn on (archive/bundle_regions.py)
    for citation in claim.citations:
        capture = captures[citation.capture_id]
        found = bundle_regions.picture(archive, capture, citation, _original_path(capture))
        if found is not None:
            path, data, pictures[citation.id] = found
            files[path] = data
    files["claim.json"] = _json(claim.to_json())
    files["annotations.jsonld"] = _json(annotations(claim, captures, pictures))
    files["claimreview.jsonld"] = _json(claim_review(claim, captures, as_recorded(publisher)))
    entries, head = _ledger_extract(archive, claim, captures)
    files["ledger.jsonl"] = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                                    for e in entries).encode("utf-8")
    files["report.html"] = report_html(claim, captures, head, claim_history(entries), pictures).encode("utf-8")
    listed = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in files.items()}
    listed.update((name, {"sha256": sha256, "size": size}) for name, (_copy, size, sha256) in originals.items())
    manifest = {"format": FORMAT, "created_at": utc_now(), "claim_id": claim.id, "ledger_head": head,
                "files": dict(sorted(listed.items()))}
    written = _json(manifest)
    # Signed (and stamped by the time-stamping authority, when one is set) before the zip is opened: a failure
    # leaves no bundle behind.
    signature = digest_document("manifest.json", sha256_digest(written), key, archive.timestamp)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name in manifest["files"]:
            if name in originals:
                copy, size, _sha256 = originals[name]
                _write_stream(bundle, name, copy, size)
            else:
                bundle.writestr(name, files[name])
        bundle.writestr("manifest.json", written)
        bundle.writestr(SIGNATURE_FILE, signature)
    return manifest


def _write_stream(bundle: zipfile.ZipFile, name: str, stream: BinaryIO, size: int) -> None:
    """Add a file to the zip from a stream, in pieces, as `writestr` adds bytes (the zip's compression, the
    time now, private to its owner when unpacked); its size given, so that a large one gets ZIP64 headers."""
    entry = zipfile.ZipInfo(name, date_time=time.localtime(time.time())[:6])
    entry.compress_type, entry.external_attr, entry.file_size = bundle.compression, 0o600 << 16, size
    with bundle.open(entry, "w") as target:
        shutil.copyfileobj(stream, target, STREAM_CHUNK)


def annotations(claim, captures: dict, pictures: dict) -> dict:
    """Return the claim's citations as a W3C Web Annotation collection: text selectors for a quote, a fragment
    selector for a region and a table-cell selector for a cell, beside one another, and the picture a region is
    drawn on (`pictures`, by citation id)."""
    items = []
    for citation in claim.citations:
        capture = captures[citation.capture_id]
        bodies = [{"type": "TextualBody", "purpose": "assessing", "value": citation.stance},
                  {"type": "TextualBody", "purpose": "describing", "value": claim.text}]
        if citation.note:
            bodies.append({"type": "TextualBody", "purpose": "commenting", "value": citation.note})
        items.append({
            "id": f"urn:evidence-archive:citation:{citation.id}",
            "type": "Annotation",
            "motivation": "assessing",
            "created": citation.created_at,
            "body": bodies,
            "target": {
                "type": "SpecificResource",
                "source": capture.url or f"urn:sha256:{capture.sha256}",
                "selector": [
                    *([{"type": "TextQuoteSelector", "exact": citation.exact, "prefix": citation.prefix,
                        "suffix": citation.suffix},
                       {"type": "TextPositionSelector", "start": citation.start, "end": citation.end}]
                      if citation.exact else []),
                    *bundle_regions.selectors(citation, capture),
                ],
                "state": {"type": "TimeState", "sourceDate": capture.captured_at,
                          "cached": _original_path(capture)},
                **({"evidence:picture": pictures[citation.id]} if citation.id in pictures else {}),
                "evidence:capture": {"id": capture.id, "sha256": capture.sha256, "captured_at": capture.captured_at,
                                     "text": text_path(capture.id), "text_sha256": capture.text_sha256,
                                     "page": citation.page, "media_type": capture.media_type,
                                     # present when the quote was read by OCR: the capture's OCR record
                                     **_read_by_ocr(capture, citation)},
            },
        })
    return {"@context": ["http://www.w3.org/ns/anno.jsonld", {"evidence": NS}],
            "id": f"urn:evidence-archive:claim:{claim.id}:citations", "type": "AnnotationCollection",
            "label": claim.text, "total": len(items), "first": {"type": "AnnotationPage", "items": items}}


def claim_review(claim, captures: dict, publisher: str) -> dict:
    """Return a schema.org ClaimReview of the claim, its rating from the claim's status."""
    rating = {"@type": "Rating", "alternateName": claim.status.capitalize()}
    if claim.status in RATINGS:
        rating.update(ratingValue=RATINGS[claim.status], bestRating=5, worstRating=1)
    appearances = [{"@type": "CreativeWork", "url": c.url or f"urn:sha256:{c.sha256}", "name": c.title,
                    "datePublished": c.published, "publisher": c.site} for c in captures.values()]
    return {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim.text,
            "datePublished": utc_now()[:10], "author": {"@type": "Organization", "name": publisher},
            "reviewRating": rating, "reviewBody": claim.notes,
            "itemReviewed": {"@type": "Claim", "appearance": [_without_nulls(a) for a in appearances]}}


def _ledger_extract(archive, claim, captures: dict) -> tuple[list[dict], dict]:
    """Return the ledger as full entries for this claim's events and hash stubs for the others."""
    relevant = {("claim", str(claim.id))} | {("capture", str(cid)) for cid in captures}
    citation_ids = {str(c.id) for c in archive.catalog.citations(claim_id=claim.id, include_removed=True)}
    relevant |= {("citation", cid) for cid in citation_ids}
    entries = []
    for entry in archive.catalog.iter_ledger():
        if (entry["event"].split(".")[0], entry["subject"]) in relevant:
            entries.append({k: entry[k] for k in ledger.ENTRY_FIELDS})
        else:
            entries.append(ledger.stub(entry))
    head = {"entries": entries[-1]["seq"] if entries else 0,
            "hash": entries[-1]["hash"] if entries else ledger.GENESIS_HASH}
    return entries, head


def claim_history(entries: list[dict]) -> list[history.Event]:
    """Return the events of the claim and its citations among a bundle's ledger extract, oldest first."""
    return [history.event(entry) for entry in entries
            if "event" in entry and entry["event"].partition(".")[0] in ("claim", "citation")]


def report_html(claim, captures: dict, head: dict, events: list[history.Event], pictures: dict) -> str:
    """Return a self-contained page for people: the claim, each citation in context (its region on the picture
    it is drawn on) and who made it, the hashes, and the history of the claim (who did what, when)."""
    e = html.escape
    rows = []
    for citation in claim.citations:
        capture = captures[citation.capture_id]
        text = capture.text or ""
        before = text[max(0, citation.start - CONTEXT_CHARS):citation.start]
        after = text[citation.end:citation.end + CONTEXT_CHARS]
        agreement = (citation.agreement or Agreement("none")).describe()
        quoted = f"<blockquote>…{e(before)}<mark>{e(citation.exact)}</mark>{e(after)}…</blockquote>\n" \
            if citation.exact else ""
        position = f"""<dt>Position</dt><dd>characters {citation.start}–{citation.end}{f', page {citation.page}' if citation.page else ''}
 of <a href="{e(text_path(capture.id))}">{e(text_path(capture.id))}</a> (SHA-256 <code>{capture.text_sha256}</code>)</dd>
""" if citation.exact else ""
        rows.append(f"""<section>{quoted}{bundle_regions.report_figure(citation, pictures.get(citation.id))}
<dl><dt>Stance</dt><dd>{e(citation.stance)}</dd><dt>Figure</dt><dd>{e(agreement)}</dd>
<dt>Source</dt><dd>{e(capture.title or capture.source)}{' — ' + e(capture.site) if capture.site else ''}</dd>
<dt>URL</dt><dd>{e(capture.url or capture.source)}</dd><dt>Published</dt><dd>{e(capture.published or '—')}</dd>
<dt>Captured at</dt><dd>{e(capture.captured_at)}</dd><dt>SHA-256 of the original</dt><dd><code>{capture.sha256}</code>
 (<a href="{e(_original_path(capture))}">{e(_original_path(capture))}</a>)</dd>
{position}{bundle_regions.report_lines(citation)}{ocr_row(capture.ocr_at(citation.start) if citation.exact else None)}<dt>Verified when bundled</dt><dd>{'yes' if citation.verified else 'NO'}</dd>
<dt>Cited by</dt><dd>{e(cited_by(citation.created_by, citation.created_at))}</dd></dl></section>""")
    history_rows = "".join(f"<tr><td>{event.seq}</td><td>{e(event.at)}</td><td>{e(event.actor or NOT_RECORDED)}</td>"
                           f"<td>{e(event.describe())}</td></tr>\n" for event in events)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence for claim #{claim.id}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
blockquote{{font-family:Georgia,serif;border-left:4px solid #ccc;margin:0;padding-left:1rem}}mark{{background:#fff2a8}}
section{{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}}dl{{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}}
dt{{color:#555}}dd{{margin:0;overflow-wrap:anywhere}}code{{font-size:.85em}}
table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ddd;padding:.2rem .4rem;text-align:left;vertical-align:top}}
figure.region{{margin:.5rem 0}}figure.region svg{{display:block;width:100%;height:auto;border:1px solid #ddd}}
rect.region{{fill:rgba(255,214,0,.22);stroke:#c77700;stroke-width:2px;vector-effect:non-scaling-stroke}}</style></head>
<body><h1>{e(claim.text)}</h1><p>Claim #{claim.id}, status <strong>{e(claim.status)}</strong>{' — ' + e(claim.notes) if claim.notes else ''}.</p>
<p>{len(claim.citations)} citation(s). Every file in this bundle is listed with its SHA-256 in manifest.json; the
ledger head when bundled: {head['entries']} entries, <code>{head['hash']}</code>. Check it all with
<code>evidence bundle verify THIS.zip</code>.</p>
{''.join(rows)}
<h2>History</h2>
<p>From the ledger: the claim, its status changes, and its citations added and retracted, by whom.</p>
<table class="history"><thead><tr><th>#</th><th>Time (UTC)</th><th>Actor</th><th>What</th></tr></thead>
<tbody>
{history_rows}</tbody></table>
</body></html>
"""


NOT_RECORDED = "not recorded"  # the actor of events written before actors were recorded
READ_BY_OCR_FIELD = "Text"


def ocr_row(ocr: dict | None) -> str:
    """Return report.html's line saying that a quote was read by OCR, and how; empty when it was not."""
    return f"<dt>{READ_BY_OCR_FIELD}</dt><dd>{html.escape(describe_ocr(ocr))}</dd>\n" if ocr else ""


def _read_by_ocr(capture, citation) -> dict:
    ocr = capture.ocr_at(citation.start) if citation.exact else None  # a region alone quotes no text
    return {"ocr": ocr} if ocr else {}


def cited_by(actor: str | None, at: str | None) -> str:
    """Say who made a citation and when, as report.html shows it."""
    return f"{actor or NOT_RECORDED}, {at}"


def _original_path(capture) -> str:
    return f"originals/{capture.sha256}{original_extension(capture)}"


def original_extension(capture) -> str:
    """Return the file extension of a capture's original: by its kind, an image's by its media type."""
    return _EXTENSIONS.get(capture.media_type if capture.kind == "image" else capture.kind, ".bin")


def text_path(capture_id: int) -> str:
    """Return where the bundle keeps a capture's extracted text."""
    return f"texts/capture-{capture_id}.txt"


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def _without_nulls(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v is not None}
