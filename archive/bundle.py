"""Evidence bundles: one zip that lets anyone check a claim's evidence without the archive.

Inside: the claim; its citations as W3C Web Annotations (TextQuote and TextPosition selectors, the capture
as a TimeState with its SHA-256 and capture time); a schema.org ClaimReview; the original bytes and the
extracted text of every cited capture; the ledger (full entries for the events of this claim and its
captures, hash stubs for the rest, so the chain can be walked to the head); a manifest with the SHA-256 of
every file; and report.html for people, which opens offline.
"""

from __future__ import annotations

import hashlib
import html
import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from archive.catalog import GENESIS_HASH, ledger_hash
from archive.clock import utc_now
from archive.verify import Problem

FORMAT = "evidence-bundle/1"
NS = "urn:evidence-archive:ns#"
_EXTENSIONS = {"html": ".html", "pdf": ".pdf", "markdown": ".md", "text": ".txt"}
_RATINGS = {"false": 1, "disputed": 2, "mixed": 3, "supported": 5}


def build_bundle(archive, claim_id: int, out: Path | str, publisher: str = "Evidence archive") -> dict:
    """Write the bundle of one claim to `out`; return its manifest."""
    claim = archive.claim(claim_id)
    captures = {c.capture_id: archive.get(c.capture_id, with_text=True) for c in claim.citations}
    files: dict[str, bytes] = {}
    for capture in captures.values():
        files[_original_path(capture)] = archive.original(capture)
        files[_text_path(capture)] = (capture.text or "").encode("utf-8")
    files["claim.json"] = _json(claim.to_json())
    files["annotations.jsonld"] = _json(annotations(claim, captures))
    files["claimreview.jsonld"] = _json(claim_review(claim, captures, publisher))
    entries, head = _ledger_extract(archive, claim, captures)
    files["ledger.jsonl"] = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n"
                                    for e in entries).encode("utf-8")
    files["report.html"] = report_html(claim, captures, head).encode("utf-8")
    manifest = {"format": FORMAT, "created_at": utc_now(), "claim_id": claim.id, "ledger_head": head,
                "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                          for name, data in sorted(files.items())}}
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in sorted(files.items()):
            bundle.writestr(name, data)
        bundle.writestr("manifest.json", _json(manifest))
    return manifest


def annotations(claim, captures: dict) -> dict:
    """Return the claim's citations as a W3C Web Annotation collection."""
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
                    {"type": "TextQuoteSelector", "exact": citation.exact, "prefix": citation.prefix,
                     "suffix": citation.suffix},
                    {"type": "TextPositionSelector", "start": citation.start, "end": citation.end},
                ],
                "state": {"type": "TimeState", "sourceDate": capture.captured_at,
                          "cached": _original_path(capture)},
                "evidence:capture": {"id": capture.id, "sha256": capture.sha256, "captured_at": capture.captured_at,
                                     "text": _text_path(capture), "text_sha256": capture.text_sha256,
                                     "page": citation.page, "media_type": capture.media_type},
            },
        })
    return {"@context": ["http://www.w3.org/ns/anno.jsonld", {"evidence": NS}],
            "id": f"urn:evidence-archive:claim:{claim.id}:citations", "type": "AnnotationCollection",
            "label": claim.text, "total": len(items), "first": {"type": "AnnotationPage", "items": items}}


def claim_review(claim, captures: dict, publisher: str) -> dict:
    """Return a schema.org ClaimReview of the claim, its rating from the claim's status."""
    rating = {"@type": "Rating", "alternateName": claim.status.capitalize()}
    if claim.status in _RATINGS:
        rating.update(ratingValue=_RATINGS[claim.status], bestRating=5, worstRating=1)
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
            entries.append({k: entry[k] for k in ("seq", "at", "event", "subject", "data", "prev_hash", "hash")})
        else:
            entries.append({"seq": entry["seq"], "prev_hash": entry["prev_hash"], "hash": entry["hash"]})
    head = {"entries": entries[-1]["seq"] if entries else 0, "hash": entries[-1]["hash"] if entries else GENESIS_HASH}
    return entries, head


def report_html(claim, captures: dict, head: dict) -> str:
    """Return a self-contained page for people: the claim, each citation in context, the hashes."""
    e = html.escape
    rows = []
    for citation in claim.citations:
        capture = captures[citation.capture_id]
        text = capture.text or ""
        before = text[max(0, citation.start - 200):citation.start]
        after = text[citation.end:citation.end + 200]
        agreement = citation.agreement.kind if citation.agreement is not None else "none"
        rows.append(f"""<section><blockquote>…{e(before)}<mark>{e(citation.exact)}</mark>{e(after)}…</blockquote>
<dl><dt>Stance</dt><dd>{e(citation.stance)}</dd><dt>Figure</dt><dd>{e(agreement)}</dd>
<dt>Source</dt><dd>{e(capture.title or capture.source)}{' — ' + e(capture.site) if capture.site else ''}</dd>
<dt>URL</dt><dd>{e(capture.url or capture.source)}</dd><dt>Published</dt><dd>{e(capture.published or '—')}</dd>
<dt>Captured at</dt><dd>{e(capture.captured_at)}</dd><dt>SHA-256 of the original</dt><dd><code>{capture.sha256}</code>
 (<a href="{e(_original_path(capture))}">{e(_original_path(capture))}</a>)</dd>
<dt>Position</dt><dd>characters {citation.start}–{citation.end}{f', page {citation.page}' if citation.page else ''}
 of <a href="{e(_text_path(capture))}">{e(_text_path(capture))}</a> (SHA-256 <code>{capture.text_sha256}</code>)</dd>
<dt>Verified when bundled</dt><dd>{'yes' if citation.verified else 'NO'}</dd></dl></section>""")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Evidence for claim #{claim.id}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
blockquote{{font-family:Georgia,serif;border-left:4px solid #ccc;margin:0;padding-left:1rem}}mark{{background:#fff2a8}}
section{{border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}}dl{{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}}
dt{{color:#555}}dd{{margin:0;overflow-wrap:anywhere}}code{{font-size:.85em}}</style></head>
<body><h1>{e(claim.text)}</h1><p>Claim #{claim.id}, status <strong>{e(claim.status)}</strong>{' — ' + e(claim.notes) if claim.notes else ''}.</p>
<p>{len(claim.citations)} citation(s). Every file in this bundle is listed with its SHA-256 in manifest.json; the
ledger head when bundled: {head['entries']} entries, <code>{head['hash']}</code>. Check it all with
<code>evidence bundle verify THIS.zip</code>.</p>
{''.join(rows)}
</body></html>
"""


@dataclass
class BundleReport:
    """The outcome of checking a bundle on its own."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, kind: str, where: str, detail: str) -> None:
        self.problems.append(Problem(kind, where, detail))

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "problems": [p.to_json() for p in self.problems]}


def verify_bundle(path: Path | str) -> BundleReport:
    """Check a bundle stand-alone: files against the manifest, quotes against texts, the ledger chain."""
    report = BundleReport()
    try:
        bundle = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        report.problem("unreadable", str(path), f"not a readable zip file ({exc})")
        return report
    with bundle:
        try:
            manifest = json.loads(bundle.read("manifest.json"))
        except (KeyError, ValueError) as exc:
            report.problem("manifest_missing", "manifest.json", f"the manifest is missing or unreadable ({exc})")
            return report
        files = _check_files(bundle, manifest, report)
        _check_quotes(files, report)
        _check_ledger(files, report)
        _check_events(files, report)
        _check_claim_review(files, report)
    return report


def _check_files(bundle: zipfile.ZipFile, manifest: dict, report: BundleReport) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    listed = manifest.get("files", {})
    for name in bundle.namelist():
        if name != "manifest.json" and name not in listed:
            report.problem("file_not_in_manifest", name, "the bundle holds a file the manifest does not list")
    for name, expected in listed.items():
        report.checked["files"] = report.checked.get("files", 0) + 1
        try:
            data = bundle.read(name)
        except KeyError:
            report.problem("file_missing", name, "listed in the manifest but not in the bundle")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != expected["sha256"]:
            report.problem("file_changed", name, f"hashes to {digest}, the manifest records {expected['sha256']}")
        files[name] = data
    return files


def _check_quotes(files: dict[str, bytes], report: BundleReport) -> None:
    try:
        collection = json.loads(files["annotations.jsonld"])
    except (KeyError, ValueError):
        report.problem("annotations_missing", "annotations.jsonld", "the annotations are missing or unreadable")
        return
    for item in collection.get("first", {}).get("items", []):
        report.checked["quotes"] = report.checked.get("quotes", 0) + 1
        target, where = item["target"], item["id"]
        capture = target["evidence:capture"]
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        original = files.get(target["state"]["cached"])
        if original is None or hashlib.sha256(original).hexdigest() != capture["sha256"]:
            report.problem("original_mismatch", where,
                           f"the original {target['state']['cached']} is missing or does not hash to {capture['sha256']}")
        data = files.get(capture["text"])
        if data is None or hashlib.sha256(data).hexdigest() != capture["text_sha256"]:
            report.problem("text_mismatch", where,
                           f"the text {capture['text']} is missing or does not hash to {capture['text_sha256']}")
            continue
        text = data.decode("utf-8")
        at = text[position["start"]:position["end"]]
        if at != quote["exact"]:
            report.problem("quote_mismatch", where,
                           f"the text at {position['start']}–{position['end']} reads {at!r}, not {quote['exact']!r}")
        elif not (text[:position["start"]].endswith(quote["prefix"]) and text[position["end"]:].startswith(quote["suffix"])):
            report.problem("quote_mismatch", where, "the quote's prefix or suffix does not match the text around it")


def _check_ledger(files: dict[str, bytes], report: BundleReport) -> None:
    lines = files.get("ledger.jsonl", b"").decode("utf-8").splitlines()
    previous, expected = GENESIS_HASH, 1
    for line in lines:
        entry = json.loads(line)
        report.checked["ledger_entries"] = report.checked.get("ledger_entries", 0) + 1
        where = f"ledger entry {entry['seq']}"
        if entry["seq"] != expected or entry["prev_hash"] != previous:
            report.problem("ledger_broken", where, "the chain does not link to the entry before it")
        if "data" in entry:
            computed = ledger_hash(entry["prev_hash"], entry["seq"], entry["at"], entry["event"],
                                   entry["subject"], entry["data"])
            if computed != entry["hash"]:
                report.problem("ledger_changed", where, f"its content hashes to {computed}, it records {entry['hash']}")
        previous, expected = entry["hash"], entry["seq"] + 1
    if not lines:
        report.problem("ledger_missing", "ledger.jsonl", "the bundle holds no ledger")


def _check_events(files: dict[str, bytes], report: BundleReport) -> None:
    """Check that the ledger records each cited capture and citation as the annotations describe them."""
    try:
        items = json.loads(files["annotations.jsonld"])["first"]["items"]
    except (KeyError, ValueError):
        return
    events = {}
    for line in files.get("ledger.jsonl", b"").decode("utf-8").splitlines():
        entry = json.loads(line)
        if "data" in entry:
            events[(entry["event"], entry["subject"])] = json.loads(entry["data"])
    for item in items:
        capture = item["target"]["evidence:capture"]
        added = events.get(("capture.added", str(capture["id"])))
        if added is None or (added["sha256"], added["text_sha256"]) != (capture["sha256"], capture["text_sha256"]):
            report.problem("ledger_mismatch", item["id"],
                           f"the ledger does not record capture {capture['id']} with these hashes")
        citation_id = item["id"].rsplit(":", 1)[-1]
        cited = events.get(("citation.added", citation_id))
        position = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
        quote = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
        if cited is None or (cited["exact"], cited["start"], cited["end"]) != (quote["exact"], position["start"],
                                                                             position["end"]):
            report.problem("ledger_mismatch", item["id"], "the ledger does not record this citation as annotated")


def _check_claim_review(files: dict[str, bytes], report: BundleReport) -> None:
    try:
        review = json.loads(files["claimreview.jsonld"])
        claim = json.loads(files["claim.json"])
    except (KeyError, ValueError):
        report.problem("claim_missing", "claim.json", "the claim or its ClaimReview is missing or unreadable")
        return
    if review.get("claimReviewed") != claim.get("text"):
        report.problem("claim_mismatch", "claimreview.jsonld", "the ClaimReview reviews a different claim text")


def _original_path(capture) -> str:
    return f"originals/{capture.sha256}{_EXTENSIONS.get(capture.kind, '.bin')}"


def _text_path(capture) -> str:
    return f"texts/capture-{capture.id}.txt"


def _json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")


def _without_nulls(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v is not None}
