"""Check a WACZ on its own: its datapackage-digest.json signature (WACZ signing, archive/signing.py), that
datapackage.json is the file signed, and that every file it lists has its size and SHA-256 (what `key verify`
does for a WACZ export; a WARC export's signature is the file beside it)."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from archive.signing import Checked, check_signed_data

DIGEST_FILE = "datapackage-digest.json"
PACKAGE_FILE = "datapackage.json"
CHUNK = 1 << 20


def verify_wacz(path: Path | str, trusted: str | None = None) -> Checked:
    """Check a WACZ's signature, package and files (and the signer against `trusted`, a fingerprint, if given)."""
    try:
        with zipfile.ZipFile(path) as wacz:
            return _check(wacz, trusted)
    except (zipfile.BadZipFile, OSError) as exc:
        return Checked(problem=("unreadable", f"it is not a readable zip file ({exc})"))


def _check(wacz: zipfile.ZipFile, trusted: str | None) -> Checked:
    names = set(wacz.namelist())
    if DIGEST_FILE not in names or PACKAGE_FILE not in names:
        return Checked(problem=("signature_missing", f"it holds no {DIGEST_FILE} and {PACKAGE_FILE} to check"))
    try:
        document = json.loads(wacz.read(DIGEST_FILE))
        package_bytes = wacz.read(PACKAGE_FILE)
        package = json.loads(package_bytes)
    except (ValueError, RecursionError) as exc:
        return Checked(problem=("signature_malformed", f"{DIGEST_FILE} or {PACKAGE_FILE} is not JSON ({exc})"))
    if not isinstance(document, dict) or not isinstance(package, dict):
        return Checked(problem=("signature_malformed", f"{DIGEST_FILE} or {PACKAGE_FILE} is not a JSON object"))
    if "signedData" not in document:
        return Checked(problem=("signature_missing", f"its {DIGEST_FILE} holds no signature"))
    found = check_signed_data(document["signedData"], document.get("hash"), trusted)
    digest = "sha256:" + hashlib.sha256(package_bytes).hexdigest()
    if found.problem is None and digest != document.get("hash"):
        found.problem = ("signature_mismatch", f"{PACKAGE_FILE} hashes to {digest}, its signature is over "
                                               f"{document.get('hash')}")
    if found.problem is None:
        found.problem = _files_problem(wacz, package.get("resources"))
    return found


def _files_problem(wacz: zipfile.ZipFile, resources) -> tuple[str, str] | None:
    """Say which listed file is missing or differs from its size and hash, or return None."""
    if not isinstance(resources, list) or not all(isinstance(r, dict) for r in resources):
        return ("signature_malformed", f"{PACKAGE_FILE} does not list its files as resources")
    for resource in resources:
        name = resource.get("path")
        try:
            with wacz.open(name) as stream:
                hasher, size = hashlib.sha256(), 0
                while chunk := stream.read(CHUNK):
                    hasher.update(chunk)
                    size += len(chunk)
        except (KeyError, TypeError):
            return ("file_missing", f"{name} is listed in {PACKAGE_FILE} but not in the zip")
        digest = "sha256:" + hasher.hexdigest()
        if (digest, size) != (resource.get("hash"), resource.get("bytes")):
            return ("file_mismatch", f"{name} ({size} bytes, {digest}) is not the file {PACKAGE_FILE} lists "
                                     f"({resource.get('bytes')} bytes, {resource.get('hash')})")
    return None
