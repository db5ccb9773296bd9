"""Check an evidence bundle on its own, without the archive that made it.

The bundle's ledger extract is the one hashed record inside it: its full entries are hash-chained events, so
they are the authority. Every file is checked against the manifest, every quote against its capture's text,
the chain entry by entry, and then every fact that a file for people or programs states (claim.json,
annotations.jsonld, claimreview.jsonld, report.html, manifest.json) against what the extract's events
record. A fact is compared wherever both sides carry it, so events that come to record more keys are checked
further without changes here. The manifest's signature (manifest-digest.json) is checked against the key it
names, and against the key the reader trusts when one is given.
"""

from __future__ import annotations

import hashlib
import json
import lzma
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

from archive import ledger
from archive import signing, timestamps
from archive.bundle import (CONTEXT_CHARS, NOT_RECORDED, RATINGS, READ_BY_OCR_FIELD, SIGNATURE_FILE, claim_history,
                            cited_by, text_path)
from archive.bundle_regions import CELL_FIELD, CELL_SELECTOR, REGION_FIELD
from archive.regions import MEDIA_FRAGMENTS, PDF_FRAGMENTS, describe_cell, describe_region
from archive.models import ocr_at
from archive.ocr_notice import describe_ocr
from archive.picturecheck import check_pictures
from archive.verify import CITATION_DEFAULTS, Problem

CITATION_URN = "urn:evidence-archive:citation:"
# What a file of the wrong shape raises when read as the bundle format says (a list for a mapping, a
# missing key, a string for a number, bytes that are not UTF-8, nesting deeper than a parser goes): the file
# is reported, never a traceback.
SHAPE_ERRORS = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)
# What opening a zip, or reading a member of one, raises when it is damaged or made by hand: not a zip, cut
# short, names not in their encoding, members encrypted or compressed by a method Python does not read.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, OSError, EOFError, ValueError, RuntimeError,
              NotImplementedError)
MAX_DEPTH = 100  # elements inside one another in report.html: the page we write nests a few levels deep
_HEAD = re.compile(r"ledger head when bundled: (\d+) entries, ([0-9a-f]+)")
_COUNT = re.compile(r"^(\d+) citation\(s\)")
# The subject's own id in an event's data, by the event's family.
_OWN_ID = {"claim": "claim_id", "citation": "citation_id", "capture": "capture_id"}


@dataclass
class BundleReport:
    """The outcome of checking a bundle on its own."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    signature: dict | None = None  # who signed the manifest and when, when the signature holds

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem(self, kind: str, where: str, detail: str) -> None:
        found = Problem(kind, where, detail)
        if found not in self.problems:  # two checks reading one broken file find the same thing
            self.problems.append(found)

    def count(self, what: str, number: int = 1) -> None:
        self.checked[what] = self.checked.get(what, 0) + number

    def to_json(self) -> dict:
        return {"ok": self.ok, "checked": self.checked, "problems": [p.to_json() for p in self.problems],
                "signature": self.signature}


@dataclass
class Recorded:
    """What the extract's sound full entries say, event after event: claims, citations, captures."""

    claims: dict[int, dict] = field(default_factory=dict)
    citations: dict[int, dict] = field(default_factory=dict)
    removed: dict[int, int] = field(default_factory=dict)  # citation id: the seq of its citation.removed
    captures: dict[int, dict] = field(default_factory=dict)
    head: dict = field(default_factory=lambda: {"entries": 0, "hash": ledger.GENESIS_HASH})
    sound: list[dict] = field(default_factory=list)  # the full entries whose hashes hold and link, in order


def bundle_files(bundle: zipfile.ZipFile) -> list[str]:
    """Return the names of the files in a zip: directory entries (`zip -r` writes them) are no files."""
    return [info.filename for info in bundle.infolist() if not info.is_dir()]


def verify_bundle(path: Path | str, trusted: str | None = None, tsa_ca: Path | str | None = None) -> BundleReport:
    """Check a bundle stand-alone: its signature (by the key fingerprinted `trusted`, when given) and the
    signature's timestamp (chained to `tsa_ca`, else the system's CAs), files, quotes, the ledger chain, and
    every stated fact against the ledger."""
    report = BundleReport()
    try:
        bundle = zipfile.ZipFile(path)
    except ZIP_ERRORS as exc:
        report.problem("unreadable", str(path), f"not a readable zip file ({ledger.describe(exc)})")
        return report
    with bundle:
        names = bundle_files(bundle)
        report.count("files", len(names))
        root = _root(names)
        manifest = _manifest(bundle, root, names, report)
        if manifest is None:
            return report
        _check_signature(bundle, root, names, trusted, tsa_ca, report)
        files = _check_files(bundle, root, names, manifest, report)
    recorded = _check_ledger(files, report)
    _guarded(report, "annotations.jsonld", lambda: _check_quotes(files, report))
    _guarded(report, "annotations.jsonld", lambda: _check_pictures(files, report))
    claim_id = _bundle_claim(recorded, manifest, report)
    if claim_id is not None:
        _Facts(files, manifest, recorded, claim_id, report).check()
    return report


# -- files --------------------------------------------------------------------------------------


def _root(names: list[str]) -> str:
    """Return the folder the bundle's files sit in: none, or the one folder a re-zipped copy put them all in."""
    if "manifest.json" in names:
        return ""
    tops = {name.split("/", 1)[0] for name in names if "/" in name}
    if len(tops) == 1 and f"{next(iter(tops))}/manifest.json" in names:
        return f"{next(iter(tops))}/"
    return ""


def _manifest(bundle: zipfile.ZipFile, root: str, names: list[str], report: BundleReport) -> dict | None:
    """Return the bundle's manifest, a JSON object, or None with the problem reported."""
    if root + "manifest.json" not in names:
        report.problem("manifest_missing", "manifest.json", "the bundle holds no manifest.json")
        return None
    try:
        manifest = json.loads(bundle.read(root + "manifest.json"))
    except (*ZIP_ERRORS, *SHAPE_ERRORS) as exc:
        report.problem("manifest_malformed", "manifest.json", f"the manifest cannot be read ({ledger.describe(exc)})")
        return None
    if not isinstance(manifest, dict):
        report.problem("manifest_malformed", "manifest.json", "the manifest is not a JSON object")
        return None
    return manifest


def _check_signature(bundle: zipfile.ZipFile, root: str, names: list[str], trusted: str | None,
                     tsa_ca: Path | str | None, report: BundleReport) -> None:
    """Check manifest-digest.json: the manifest's hash, signed by the key it names (and by `trusted`)."""
    if root + SIGNATURE_FILE not in names:
        report.problem("signature_missing", SIGNATURE_FILE,
                       "the bundle is not signed: it holds no manifest-digest.json")
        return
    try:
        document = json.loads(bundle.read(root + SIGNATURE_FILE))
        digest = signing.sha256_digest(bundle.read(root + "manifest.json"))
        if not isinstance(document, dict) or document.get("path") != "manifest.json":
            raise ValueError("it does not sign manifest.json")
    except (*ZIP_ERRORS, *SHAPE_ERRORS) as exc:
        report.problem("signature_malformed", SIGNATURE_FILE, f"the signature cannot be read ({ledger.describe(exc)})")
        return
    checked = signing.check_signed_data(document.get("signedData"), digest, trusted)
    if checked.problem is None and document.get("hash") != digest:
        checked.problem = ("signature_mismatch",
                           f"it names the hash {document.get('hash')}, the manifest hashes to {digest}")
    if checked.problem:
        report.problem(checked.problem[0], SIGNATURE_FILE, checked.problem[1])
        return
    report.signature = checked.to_json()
    stamp = document.get("timestamp")
    if stamp is not None:
        token = stamp.get("token") if isinstance(stamp, dict) else None
        if not isinstance(token, str):
            report.problem("timestamp_invalid", SIGNATURE_FILE, "its timestamp holds no token")
            return
        found = timestamps.check(token, timestamps.signature_digest(document["signedData"]["signature"]), tsa_ca)
        if found.problem:
            report.problem("timestamp_invalid", SIGNATURE_FILE, found.problem)
        report.signature.update(tsa=stamp.get("tsa"), timestamped_at=found.time)


def _check_files(bundle: zipfile.ZipFile, root: str, names: list[str], manifest: dict,
                 report: BundleReport) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        report.problem("manifest_malformed", "manifest.json", "the manifest does not list the files by name")
        listed = {}
    for name in names:
        inside = name[len(root):] if name.startswith(root) else None
        if inside not in ("manifest.json", SIGNATURE_FILE) and inside not in listed:
            report.problem("file_not_in_manifest", name, "the bundle holds a file the manifest does not list")
    for name, expected in listed.items():
        try:
            info = bundle.getinfo(root + name)
        except KeyError:
            report.problem("file_missing", name, "listed in the manifest but not in the bundle")
            continue
        if not isinstance(expected, dict) or not isinstance(expected.get("size"), int):
            report.problem("manifest_malformed", "manifest.json", f"its entry for {name} gives no size and SHA-256")
            continue
        if info.file_size != expected["size"]:
            # Read no further: the size alone tells, and a file far larger than listed could be a zip bomb.
            report.problem("file_changed", name, f"holds {info.file_size} bytes, the manifest records "
                                                 f"{expected['size']}")
            continue
        try:
            data = bundle.read(info)
        except ZIP_ERRORS as exc:
            report.problem("file_changed", name, f"cannot be read from the zip ({ledger.describe(exc)})")
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest != expected.get("sha256"):
            report.problem("file_changed", name, f"hashes to {digest}, the manifest records {expected.get('sha256')}")
        files[name] = data
    return files


def _check_quotes(files: dict[str, bytes], report: BundleReport) -> None:
    """Check each annotated quote against its capture's text, and the text and original against their hashes."""
    collection = _json_file(files, "annotations.jsonld", report)
    if collection is None:
        return
    for item in _items(collection):
        report.count("quotes")
        target, where = item["target"], item["id"]
        capture = target["evidence:capture"]
        quote, position = _selectors(target)
        cached = target["state"]["cached"]
        original = files.get(cached)
        if original is None or hashlib.sha256(original).hexdigest() != capture["sha256"]:
            report.problem("original_mismatch", where,
                           f"the original {cached} is missing or does not hash to {capture['sha256']}")
        data = files.get(capture["text"])
        if data is None or hashlib.sha256(data).hexdigest() != capture["text_sha256"]:
            report.problem("text_mismatch", where,
                           f"the text {capture['text']} is missing or does not hash to {capture['text_sha256']}")
            continue
        if quote is None:  # a region alone: its picture is checked apart (archive/picturecheck.py)
            continue
        text = data.decode("utf-8")
        at = text[position["start"]:position["end"]]
        if at != quote["exact"]:
            report.problem("quote_mismatch", where,
                           f"the text at {position['start']}–{position['end']} reads {at!r}, not {quote['exact']!r}")
        elif not (text[:position["start"]].endswith(quote["prefix"])
                  and text[position["end"]:].startswith(quote["suffix"])):
            report.problem("quote_mismatch", where, "the quote's prefix or suffix does not match the text around it")


def _check_pictures(files: dict[str, bytes], report: BundleReport) -> None:
    """Check the pictures the annotations' regions are drawn on (archive/picturecheck.py)."""
    collection = _json_file(files, "annotations.jsonld", report)
    if collection is not None:
        check_pictures(files, _items(collection), report)


# -- the ledger extract ------------------------------------------------------------------------------


def _check_ledger(files: dict[str, bytes], report: BundleReport) -> Recorded:
    """Walk the chain; replay the full entries whose hashes hold into what the ledger records."""
    recorded = Recorded()
    if "ledger.jsonl" not in files:
        report.problem("ledger_missing", "ledger.jsonl", "the bundle holds no ledger")
        return recorded
    try:
        lines = files["ledger.jsonl"].decode("utf-8").splitlines()
    except UnicodeDecodeError as exc:
        report.problem("ledger_broken", "ledger.jsonl", f"the ledger is not UTF-8 text ({exc})")
        return recorded
    if not lines:
        report.problem("ledger_missing", "ledger.jsonl", "the ledger is empty")
        return recorded
    for link in ledger.walk(_ledger_entries(lines, report)):
        entry = link.entry
        where = f"ledger entry {link.seq}"
        linked = link.in_sequence and link.linked
        if not linked:
            report.problem("ledger_broken", where, "the chain does not link to the entry before it")
        if not link.sealed:
            computed = link.computed or f"nothing: its fields are unreadable ({link.unreadable})"
            report.problem("ledger_changed", where, f"its content hashes to {computed}, it records {entry['hash']}")
        elif linked and not link.stub:
            _replay(recorded, entry, link.data)
            recorded.sound.append(entry)
        recorded.head = {"entries": link.seq, "hash": entry["hash"]}
    return recorded


def _ledger_entries(lines: list[str], report: BundleReport) -> Iterator[dict]:
    """Yield each line of the extract that is a ledger entry or a stub; report the others and leave them out."""
    for number, line in enumerate(lines, start=1):
        report.count("ledger_entries")
        try:
            entry = json.loads(line)
            seq, prev_hash, digest = entry["seq"], entry["prev_hash"], entry["hash"]
            if not (isinstance(seq, int) and isinstance(prev_hash, str) and isinstance(digest, str)):
                raise TypeError("seq, prev_hash or hash has the wrong type")
        except SHAPE_ERRORS as exc:
            report.problem("ledger_broken", f"ledger line {number}",
                           f"it is not a ledger entry ({ledger.describe(exc)})")
            continue
        yield entry


def _replay(recorded: Recorded, entry: dict, data: Any) -> None:
    """Apply one sound event to what the ledger records."""
    family, _, action = str(entry["event"]).partition(".")
    subject = str(entry["subject"])
    if not isinstance(data, dict) or family not in _OWN_ID or not (subject.isascii() and subject.isdigit()):
        return
    subject_id = int(subject)
    facts = {("id" if key == _OWN_ID[family] else key): value for key, value in data.items()}
    facts["id"] = subject_id
    at = entry["at"]
    if family == "claim":
        if action == "created":
            recorded.claims[subject_id] = {"status": "unchecked", "notes": None, **facts, "created_at": at,
                                           "updated_at": at}
        elif subject_id in recorded.claims:
            recorded.claims[subject_id].update(facts, updated_at=at)
    elif family == "citation":
        if action == "added":
            recorded.citations[subject_id] = {**CITATION_DEFAULTS, **facts, "created_at": at}
        elif action == "removed":
            recorded.removed[subject_id] = entry["seq"]
        elif subject_id in recorded.citations:
            recorded.citations[subject_id].update(facts)
    elif action == "added":
        # Other capture events (later observations of a page) are facts of their own, not changes to it.
        recorded.captures[subject_id] = facts


def _bundle_claim(recorded: Recorded, manifest: dict, report: BundleReport) -> int | None:
    """Return the claim the extract records in full, which every file of the bundle must describe."""
    if len(recorded.claims) == 1:
        return next(iter(recorded.claims))
    if isinstance(manifest.get("claim_id"), int) and manifest["claim_id"] in recorded.claims:
        return manifest["claim_id"]
    report.problem("ledger_mismatch", "ledger.jsonl",
                   f"the ledger extract records {len(recorded.claims)} claims in full where a bundle records its "
                   "one claim, so the bundle's facts cannot be checked against it")
    return None


# -- every stated fact against the ledger ------------------------------------------------------------


class _Facts:
    """Compare what each file of a bundle states with what its ledger extract records."""

    def __init__(self, files: dict[str, bytes], manifest: dict, recorded: Recorded, claim_id: int,
                 report: BundleReport):
        self.files, self.manifest, self.recorded, self.report = files, manifest, recorded, report
        self.claim = recorded.claims[claim_id]
        self.citations = [c for i, c in sorted(recorded.citations.items())
                          if c.get("claim_id") == claim_id and i not in recorded.removed]
        self.left_out: dict[int, list[str]] = {}

    def check(self) -> None:
        for name, check in (("manifest.json", self.check_manifest), ("claim.json", self.check_claim),
                            ("annotations.jsonld", self.check_annotations),
                            ("claimreview.jsonld", self.check_claim_review), ("report.html", self.check_report)):
            _guarded(self.report, name, check)
        for citation_id, names in sorted(self.left_out.items()):
            self.report.problem("citation_missing", f"citation {citation_id}",
                                f"the ledger records citation {citation_id} for claim {self.claim['id']}, but "
                                f"{' and '.join(names)} leave{'s' if len(names) == 1 else ''} it out")

    # -- comparing -------------------------------------------------------------------------------

    def same(self, where: str, what: str, stated: Any, recorded: Any) -> None:
        self.report.count("facts")
        if stated != recorded:
            shown = "missing here" if stated is None else f"{_shown(stated)} here"
            self.report.problem("ledger_mismatch", where, f"{what} is {shown}, the ledger records {_shown(recorded)}")

    def same_keys(self, where: str, what: str, stated: dict, recorded: dict, leave: tuple[str, ...] = ()) -> None:
        """Compare every key both sides carry."""
        for key in sorted((set(stated) & set(recorded)) - set(leave)):
            self.same(where, f"{what}{key}", stated[key], recorded[key])

    def citation(self, where: str, citation_id: Any) -> dict | None:
        """Return the recorded citation a file names, reporting one that is unknown, withdrawn or another's."""
        found = self.recorded.citations.get(citation_id) if isinstance(citation_id, int) else None
        problem = None
        if found is None:
            problem = f"citation {citation_id!r} is not in the ledger extract"
        elif citation_id in self.recorded.removed:
            problem = (f"citation {citation_id} was removed (ledger entry {self.recorded.removed[citation_id]}); "
                       "a bundle holds current citations only")
        elif found.get("claim_id") != self.claim["id"]:
            problem = f"citation {citation_id} is a citation of claim {found.get('claim_id')} in the ledger"
        if problem:
            self.report.count("facts")
            self.report.problem("ledger_mismatch", where, problem)
            return None
        return found

    def capture(self, where: str, capture_id: Any) -> dict | None:
        found = self.recorded.captures.get(capture_id) if isinstance(capture_id, int) else None
        if found is None:
            self.report.count("facts")
            self.report.problem("ledger_mismatch", where, f"capture {capture_id!r} is not in the ledger extract")
        return found

    def leaves_out(self, name: str, stated_ids: set) -> None:
        for citation in self.citations:
            if citation["id"] not in stated_ids:
                self.left_out.setdefault(citation["id"], []).append(name)

    def text_of(self, capture: dict) -> str | None:
        """Return a capture's text from the bundle when it hashes to what the ledger records."""
        data = self.files.get(text_path(capture["id"]))
        if data is None or hashlib.sha256(data).hexdigest() != capture.get("text_sha256"):
            return None
        return data.decode("utf-8")

    # -- the files -------------------------------------------------------------------------------

    def check_manifest(self) -> None:
        self.same("manifest.json", "the claim id", self.manifest.get("claim_id"), self.claim["id"])
        self.same("manifest.json", "the ledger head", self.manifest.get("ledger_head"), self.recorded.head)

    def check_claim(self) -> None:
        stated = _json_file(self.files, "claim.json", self.report, kind="claim_missing")
        if stated is None:
            return
        facts = {k: v for k, v in stated.items() if k not in ("citations", "figures")}
        self.same_keys("claim.json", "the claim's ", facts, self.claim)
        seen = set()
        for citation in stated["citations"]:
            seen.add(citation["id"])
            recorded = self.citation("claim.json", citation["id"])
            if recorded is not None:
                facts = {k: v for k, v in citation.items() if k not in ("verified", "agreement")}
                self.same_keys("claim.json", f"citation {citation['id']}'s ", facts, recorded)
        self.leaves_out("claim.json", seen)

    def check_annotations(self) -> None:
        collection = _json_file(self.files, "annotations.jsonld", self.report, kind="annotations_missing")
        if collection is None:
            return
        where = "annotations.jsonld"
        self.same(where, "the claim text (label)", collection.get("label"), self.claim.get("text"))
        items = _items(collection)
        self.same(where, "the number of citations (total)", collection.get("total"), len(self.citations))
        seen = set()
        for item in items:
            where = item["id"]
            number = where[len(CITATION_URN):] if where.startswith(CITATION_URN) else ""
            citation_id = int(number) if number.isdigit() else where
            seen.add(citation_id)
            recorded = self.citation(where, citation_id)
            if recorded is not None:
                self.check_annotation(where, item, recorded)
        self.leaves_out("annotations.jsonld", seen)

    def check_annotation(self, where: str, item: dict, recorded: dict) -> None:
        bodies = {body["purpose"]: body["value"] for body in item["body"]}
        self.same(where, "the stance", bodies.get("assessing"), recorded.get("stance"))
        self.same(where, "the claim text", bodies.get("describing"), self.claim.get("text"))
        if "note" in recorded:
            self.same(where, "the note", bodies.get("commenting"), recorded["note"])
        self.same(where, "the time it was cited", item.get("created"), recorded["created_at"])
        target = item["target"]
        quote, position = _selectors(target)
        if quote is None:
            self.same(where, "the quote", None, recorded.get("exact") or None)
        for selector in (quote, position) if quote is not None else ():
            self.same_keys(where, "the quote's ", {k: v for k, v in selector.items() if k != "type"}, recorded)
        self.check_region_selectors(where, target, recorded)
        stated = target["evidence:capture"]
        self.same(where, "the capture", stated.get("id"), recorded.get("capture_id"))
        self.same(where, "the page", stated.get("page"), recorded.get("page"))
        capture = self.capture(where, recorded.get("capture_id"))
        if capture is None:
            return
        self.same(where, "the text file", stated.get("text"), text_path(capture["id"]))
        self.check_picture(where, target, recorded, capture)
        self.same_keys(where, f"capture {capture['id']}'s ", stated, capture, leave=("id", "page", "text"))
        self.same(where, "the capture time (sourceDate)", target["state"].get("sourceDate"), capture.get("captured_at"))
        cached = PurePosixPath(str(target["state"].get("cached")))
        self.same(where, "the SHA-256 in the original's file name", cached.stem if cached.parent.name == "originals"
                  else str(cached), capture.get("sha256"))
        self.same_source(where, "the source", target.get("source"), capture)

    def check_region_selectors(self, where: str, target: dict, recorded: dict) -> None:
        """Hold a target's fragment and table-cell selectors, and the picture it names, to the recorded region and
        cell (a citation event made before regions records neither: none)."""
        region, cell = recorded.get("region"), recorded.get("cell")
        fragment = _selector(target, "FragmentSelector", MEDIA_FRAGMENTS)
        stated = None if fragment is None else {"value": fragment.get("value"), "page": fragment.get("evidence:page"),
                                                "width": fragment.get("evidence:width"),
                                                "height": fragment.get("evidence:height")}
        expected = None if not isinstance(region, dict) else {
            "value": f"xywh=pixel:{region.get('x')},{region.get('y')},{region.get('w')},{region.get('h')}",
            "page": region.get("page"), "width": region.get("width"), "height": region.get("height")}
        self.same(where, "the region (FragmentSelector)", stated, expected)
        pdf = _selector(target, "FragmentSelector", PDF_FRAGMENTS)
        if pdf is not None and isinstance(region, dict):
            self.same(where, "the region as a PDF fragment", pdf.get("value"),
                      f"page={region.get('page')}&viewrect={region.get('x')},{region.get('y')},{region.get('w')},"
                      f"{region.get('h')}")
        found = _selector(target, CELL_SELECTOR)
        self.same(where, "the table cell", None if found is None else {k: v for k, v in found.items() if k != "type"},
                  cell)

    def check_picture(self, where: str, target: dict, recorded: dict, capture: dict) -> None:
        """Hold the picture a region is drawn on to the ledger: the screenshot whose hash the capture's event
        records, or a drawing of the region's page from the bundle's original (whose pixels
        archive/picturecheck.py compares with a new drawing)."""
        region, picture = recorded.get("region"), target.get("evidence:picture")
        if not isinstance(region, dict) or not isinstance(picture, dict):
            self.same(where, "the picture the region is drawn on", picture if picture is None else picture.get("file"),
                      None if not isinstance(region, dict) else "a picture of its page")
            return
        if picture.get("part") == "screenshot":
            screenshot = next((part for part in capture.get("parts") or () if part.get("role") == "screenshot"), {})
            self.same(where, "the screenshot's SHA-256", picture.get("sha256"), screenshot.get("sha256"))
        else:
            drawn = picture.get("drawn") or {}
            self.same(where, "the page of the picture", [picture.get("page"), drawn.get("page")], [region["page"]] * 2)
            self.same(where, "the original the picture is drawn from", drawn.get("from"), target["state"].get("cached"))

    def same_source(self, where: str, what: str, stated: Any, capture: dict) -> None:
        """Compare a stated URL (or urn:sha256 for captures without one) when the ledger records it."""
        if "url" in capture:
            self.same(where, what, stated, capture["url"] or f"urn:sha256:{capture.get('sha256')}")
        elif isinstance(stated, str) and stated.startswith("urn:sha256:"):
            self.same(where, what, stated, f"urn:sha256:{capture.get('sha256')}")

    def check_claim_review(self) -> None:
        review = _json_file(self.files, "claimreview.jsonld", self.report, kind="claim_missing")
        if review is None:
            return
        where, status = "claimreview.jsonld", self.claim.get("status")
        self.same(where, "the claim reviewed", review.get("claimReviewed"), self.claim.get("text"))
        rating = review["reviewRating"]
        self.same(where, "the rating", rating.get("alternateName"), str(status).capitalize())
        self.same(where, "the rating value", rating.get("ratingValue"), RATINGS.get(status))
        self.same(where, "the review body", review.get("reviewBody"), self.claim.get("notes"))
        appearances = review["itemReviewed"]["appearance"]
        capture_ids = list(dict.fromkeys(c.get("capture_id") for c in self.citations))
        self.same(where, "the number of sources (appearances)", len(appearances), len(capture_ids))
        for appearance, capture_id in zip(appearances, capture_ids):
            capture = self.capture(where, capture_id)
            if capture is None:
                continue
            self.same_source(where, f"capture {capture_id}'s URL", appearance.get("url"), capture)
            for key, name in (("title", "name"), ("published", "datePublished"), ("site", "publisher")):
                if key in capture:
                    self.same(where, f"capture {capture_id}'s {key}", appearance.get(name), capture[key])

    def check_report(self) -> None:
        data = self.files.get("report.html")
        if data is None:
            return
        page = _Page.parse(data.decode("utf-8", errors="replace"))
        where, claim = "report.html", self.claim
        self.same(where, "the title", _first_text(page, "title"), f"Evidence for claim #{claim['id']}")
        self.same(where, "the claim text", _first_text(page, "h1"), _plain(claim.get("text")))
        paragraphs = [_plain(p.text()) for p in page.find("p")] + ["", ""]
        notes = f" — {claim.get('notes')}" if claim.get("notes") else ""
        self.same(where, "the claim's status line", paragraphs[0],
                  _plain(f"Claim #{claim['id']}, status {claim.get('status')}{notes}."))
        count, head = _COUNT.match(paragraphs[1]), _HEAD.search(paragraphs[1])
        self.same(where, "the number of citations", int(count.group(1)) if count else None, len(self.citations))
        self.same(where, "the ledger head", f"{head.group(1)} entries, {head.group(2)}" if head else None,
                  f"{self.recorded.head['entries']} entries, {self.recorded.head['hash']}")
        sections = page.find("section")
        self.same(where, "the number of citations shown", len(sections), len(self.citations))
        for section, citation in zip(sections, self.citations):
            self.check_report_section(section, citation)
        tables = page.find("table")
        if tables:  # bundles made before report.html had a history have none
            self.check_report_history(tables[-1])

    def check_report_history(self, table: _Node) -> None:
        """Hold each row of the history table to the ledger entry it names, and the rows to the entries."""
        where = "report.html"
        shown = [[_plain(cell.text()) for cell in row.find("td")] for body in table.find("tbody")
                 for row in body.find("tr")]
        recorded = [[str(e.seq), e.at, e.actor or NOT_RECORDED, _plain(e.describe())]
                    for e in claim_history(self.recorded.sound)]
        self.same(where, "the number of history rows", len(shown), len(recorded))
        for row, expected in zip(shown, recorded):
            self.same(where, f"history row #{expected[0]}", row, expected)

    def check_report_section(self, section: _Node, citation: dict) -> None:
        where, what = "report.html", f"citation {citation['id']}'s "
        quoted = bool(citation.get("exact"))  # a region alone has no quote, passage or position to show
        self.same(where, f"{what}quote", _first_text(section, "mark", plain=False), citation.get("exact") or None)
        fields = dict(zip((_plain(dt.text()) for dt in section.find("dt")), section.find("dd")))
        self.check_report_region(section, fields, citation)
        self.same(where, f"{what}stance", _field(fields, "Stance"), citation.get("stance"))
        capture = self.capture(where, citation.get("capture_id"))
        if capture is None:
            return
        text = self.text_of(capture)
        if quoted and text is not None and isinstance(citation.get("start"), int) and isinstance(citation.get("end"),
                                                                                                int):
            start, end = citation["start"], citation["end"]
            around = text[max(0, start - CONTEXT_CHARS):start] + text[start:end] + text[end:end + CONTEXT_CHARS]
            self.same(where, f"{what}passage", _first_text(section, "blockquote"), _plain(f"…{around}…"))
        self.same(where, f"{what}capture time", _field(fields, "Captured at"), capture.get("captured_at"))
        original = fields.get("SHA-256 of the original")
        self.same(where, f"{what}original's SHA-256", _first_text(original, "code") if original else None,
                  capture.get("sha256"))
        page = f", page {citation['page']}" if citation.get("page") else ""
        self.same(where, f"{what}position", _field(fields, "Position"),
                  _plain(f"characters {citation.get('start')}–{citation.get('end')}{page} of "
                         f"{text_path(capture['id'])} (SHA-256 {capture.get('text_sha256')})") if quoted else None)
        if "url" in capture and "source" in capture:
            self.same(where, f"{what}URL", _field(fields, "URL"), _plain(capture["url"] or capture["source"]))
        if "published" in capture:
            self.same(where, f"{what}publication date", _field(fields, "Published"), capture["published"] or "—")
        read_by_ocr = ocr_at(capture.get("ocr"), capture.get("pages"), citation.get("start")) if quoted else None
        self.same(where, f"{what}line on OCR", _field(fields, READ_BY_OCR_FIELD),
                  _plain(describe_ocr(read_by_ocr)) if read_by_ocr else None)
        if "Cited by" in fields:  # bundles made before report.html named authors have no such line
            self.same(where, f"{what}author", _field(fields, "Cited by"),
                      _plain(cited_by(citation.get(ledger.ACTOR_KEY), citation.get("created_at"))))

    def check_report_region(self, section: _Node, fields: dict[str, _Node], citation: dict) -> None:
        """Hold a section's table-cell and region lines, and the box it draws, to the recorded cell and region."""
        where, what = "report.html", f"citation {citation['id']}'s "
        cell, region = citation.get("cell"), citation.get("region")
        self.same(where, f"{what}table cell", _field(fields, CELL_FIELD),
                  _plain(describe_cell(cell)) if isinstance(cell, dict) else None)
        self.same(where, f"{what}region", _field(fields, REGION_FIELD),
                  _plain(describe_region(region)) if isinstance(region, dict) else None)
        boxes = [node for node in section.find("rect") if node.attrs.get("class") == "region"]
        drawn = [{key: node.attrs.get(name) for key, name in (("x", "x"), ("y", "y"), ("w", "width"), ("h", "height"))}
                 for node in boxes]
        expected = [{key: str(region.get(key)) for key in ("x", "y", "w", "h")}] if isinstance(region, dict) else []
        self.same(where, f"{what}box drawn on its picture", drawn, expected)


# -- report.html, read back --------------------------------------------------------------------------


@dataclass
class _Node:
    tag: str
    children: list = field(default_factory=list)  # _Node or str
    attrs: dict[str, str | None] = field(default_factory=dict)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find(self, tag: str) -> list[_Node]:
        """Return the elements of a tag inside this one, in document order."""
        found = []
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    found.append(child)
                found.extend(child.find(tag))
        return found


class _Page(HTMLParser):
    """A small element tree of report.html, enough to read back the facts it states."""

    VOID = {"meta", "link", "br", "hr", "img", "input", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document")
        self.open = [self.root]

    @classmethod
    def parse(cls, markup: str) -> _Node:
        parser = cls()
        parser.feed(markup)
        parser.close()
        return parser.root

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, attrs=dict(attrs))
        self.open[-1].children.append(node)
        if tag not in self.VOID:
            if len(self.open) > MAX_DEPTH:  # reading it back walks the tree recursively
                raise ValueError(f"its elements are nested more than {MAX_DEPTH} deep")
            self.open.append(node)

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def _first_text(node: _Node, tag: str, plain: bool = True) -> str | None:
    found = node.find(tag)
    if not found:
        return None
    return _plain(found[0].text()) if plain else found[0].text()


def _field(fields: dict[str, _Node], label: str) -> str | None:
    return _plain(fields[label].text()) if label in fields else None


def _plain(text: str) -> str:
    """Collapse white space, which the page's layout adds and a reader does not see."""
    return " ".join(str(text).split())


# -- helpers --------------------------------------------------------------------------------------


def _guarded(report: BundleReport, name: str, check: Callable[[], None]) -> None:
    """Run one file's checks; a file that lacks the shape the format gives it is a problem, not a crash."""
    try:
        check()
    except SHAPE_ERRORS as exc:
        report.problem("malformed", name, f"it does not have the shape of a bundle's {name} ({ledger.describe(exc)})")


def _json_file(files: dict[str, bytes], name: str, report: BundleReport, kind: str | None = None) -> dict | None:
    """Return a JSON object file of the bundle, or None (with a problem when `kind` names it)."""
    if name not in files:
        if kind:
            report.problem(kind, name, f"{name} is missing")
        return None
    try:
        value = json.loads(files[name])
    except SHAPE_ERRORS as exc:
        if kind:
            report.problem(kind, name, f"{name} cannot be read as JSON ({ledger.describe(exc)})")
        return None
    if isinstance(value, dict):
        return value
    if kind:
        report.problem(kind, name, f"{name} is not a JSON object")
    return None


def _items(collection: dict) -> list[dict]:
    items = collection["first"]["items"]
    if not isinstance(items, list):
        raise TypeError("the annotation items are not a list")
    return items


def _selectors(target: dict) -> tuple[dict | None, dict | None]:
    """Return a target's TextQuote and TextPosition selectors (None, None for a region alone)."""
    by_type = {selector["type"]: selector for selector in target["selector"]}
    if "TextQuoteSelector" not in by_type and "TextPositionSelector" not in by_type:
        return None, None
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


def _selector(target: dict, kind: str, conforms_to: str | None = None) -> dict | None:
    """Return a target's selector of a type (and of a fragment syntax), or None."""
    return next((selector for selector in target["selector"] if selector["type"] == kind
                 and (conforms_to is None or selector.get("conformsTo") == conforms_to)), None)


def _shown(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 300 else shown[:299] + "…"

