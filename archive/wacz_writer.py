"""Write WACZ 1.1.1 (Webrecorder's Web Archive Collection Zipped): an export WARC with its index, its pages and a
signed package description, in one zip that ReplayWeb.page and pywb open as it is.

The layout is the specification's and py-wacz's:
```
archive/data.warc.gz          the export (archive/warc_writer.py), stored uncompressed in the zip
indexes/index.cdx.gz          its CDXJ index, gzipped in blocks of 1,024 lines, stored uncompressed
indexes/index.idx             one line per block: where it starts in index.cdx.gz
pages/pages.jsonl             one line per capture: the URL and time a replay finds it at, its title
datapackage.json              every file above with its size and SHA-256
datapackage-digest.json       the SHA-256 of datapackage.json, signed with the archive's key
```
The index is made by cdxj-indexer, the indexer py-wacz itself runs, with py-wacz's options, so the keys are those
ReplayWeb.page and pywb compute. py-wacz's own `create` is not used: it is a command line (argparse arguments,
progress printed), it signs only through a remote signing server and with ECDSA keys, and it cuts page times to
the second; its validator checks what we write (tests/test_archive_tools.py).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cdxj_indexer.main import CDXJIndexer

from archive.clock import utc_now
from archive.signing import SigningKey, digest_document, sha256_digest
from archive.tools import ARCHIVE_PACKAGE, version_of
from archive.warc_writer import ExportedPage, ExportItem, export_warc

WACZ_VERSION = "1.1.1"
WARC_NAME = "data.warc.gz"
INDEX_LINES = 1024  # CDXJ lines per gzip block: py-wacz's and ArchiveWeb.page's choice
CHUNK = 1 << 20
TITLE = "Captures exported from an evidence archive"  # what ReplayWeb.page shows as the archive's name


@dataclass
class WrittenWacz:
    """What went into a WACZ: the WARC records and the pages."""

    records: int
    pages: list[ExportedPage]


def export_wacz(out_path: str | Path, items: Iterable[ExportItem], key: SigningKey,
                stamp: Callable[[str], dict | None] | None = None) -> WrittenWacz:
    """Write captures to a signed WACZ file; return what it holds.

    The file appears only when complete: the WARC is written in a temporary folder beside the target, then the
    zip beside the target, renamed into place.
    """
    target = Path(out_path)
    partial = target.with_name(f".{target.name}.part")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as folder:
        warc = Path(folder) / WARC_NAME
        pages: list[ExportedPage] = []
        records = export_warc(warc, items, pages)
        try:
            with zipfile.ZipFile(partial, "w") as wacz:
                resources = [_add_file(wacz, f"archive/{WARC_NAME}", warc)]
                resources += _add_index(wacz, warc)
                resources.append(_add_bytes(wacz, "pages/pages.jsonl", pages_jsonl(pages)))
                created = utc_now()
                package = datapackage(resources, created)
                wacz.writestr(_entry("datapackage.json"), package)
                # The signature's time is the package's: WACZ readers check that they agree.
                wacz.writestr(_entry("datapackage-digest.json"),
                              digest_document("datapackage.json", sha256_digest(package), key, stamp,
                                              created=created))
            with partial.open("rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
    return WrittenWacz(records, pages)


def pages_jsonl(pages: list[ExportedPage]) -> bytes:
    """Return pages/pages.jsonl: its header line, then each page's URL, time (as the record's WARC-Date, to the
    microsecond), title and our capture id."""
    lines = [{"format": "json-pages-1.0", "id": "pages", "title": "Captures"}]
    lines += [{"id": f"capture-{page.capture_id}", "url": page.url, "ts": page.date, "title": page.title or page.url}
              for page in pages]
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines).encode("utf-8")


def datapackage(resources: list[dict], created: str) -> bytes:
    """Return datapackage.json: the Frictionless data package WACZ 1.1.1 describes."""
    package = {"profile": "data-package", "wacz_version": WACZ_VERSION, "title": TITLE, "resources": resources,
               "created": created, "software": f"{ARCHIVE_PACKAGE} {version_of(ARCHIVE_PACKAGE)}"}
    return json.dumps(package, indent=2, ensure_ascii=False).encode("utf-8")


# -- zip members -----------------------------------------------------------------------------------


def _entry(name: str, compress: bool = True) -> zipfile.ZipInfo:
    """Return a zip entry dated now; WARCs and gzipped indexes are stored as they are (the specification asks it,
    so that readers can seek into them), the rest deflated."""
    entry = zipfile.ZipInfo(name, _zip_time())
    entry.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    return entry


def _zip_time() -> tuple[int, int, int, int, int, int]:
    return time.gmtime()[:6]


def _resource(path: str, digest: str, size: int) -> dict:
    return {"name": Path(path).name.lower(), "path": path, "hash": digest, "bytes": size}


def _add_file(wacz: zipfile.ZipFile, path: str, source: Path) -> dict:
    """Copy a file into the zip uncompressed, hashing it on the way."""
    hasher, size = hashlib.sha256(), 0
    large = source.stat().st_size >= zipfile.ZIP64_LIMIT
    with source.open("rb") as stream, wacz.open(_entry(path, compress=False), "w", force_zip64=large) as out:
        while chunk := stream.read(CHUNK):
            hasher.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return _resource(path, "sha256:" + hasher.hexdigest(), size)


def _add_bytes(wacz: zipfile.ZipFile, path: str, data: bytes, compress: bool = True) -> dict:
    wacz.writestr(_entry(path, compress), data)
    return _resource(path, sha256_digest(data), len(data))


def _add_index(wacz: zipfile.ZipFile, warc: Path) -> list[dict]:
    """Index the WARC into indexes/index.cdx.gz and indexes/index.idx, as py-wacz does."""
    blocks, lines = io.BytesIO(), io.StringIO()
    # post_append: a request's fields (its referrer, its cookie) go on its response's line.
    CDXJIndexer(lines, [str(warc)], sort=True, post_append=True, compress=blocks, lines=INDEX_LINES,
                digest_records=True, fields="referrer,req.http:cookie", data_out_name="index.cdx.gz",
                filename=WARC_NAME).process_all()
    return [_add_bytes(wacz, "indexes/index.cdx.gz", blocks.getvalue(), compress=False),
            _add_bytes(wacz, "indexes/index.idx", lines.getvalue().encode("utf-8"))]
