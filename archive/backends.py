"""Which backends an archive home uses, from the configuration: the one place that reads it.

Without configuration an archive is embedded: originals in the home's blobs/ folder, the catalog in SQLite,
the search index in Whoosh. `EVIDENCE_BLOB_URL=s3://bucket/prefix` puts originals in an S3-compatible bucket,
reached with the standard AWS variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION), which boto3 reads itself.

Everything else in archive/ takes explicit arguments; this module is where the environment comes in, so that
the command line, the web server, ingest workers and `evidence info` all open the same stores. `describe` says
what is in use for people, and never a secret: no keys, no passwords in URLs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from archive.errors import InvalidInputError
from archive.seams import BlobBackend

BLOB_URL = "EVIDENCE_BLOB_URL"


def open_blobs(home: Path | str, environ: Mapping[str, str] = os.environ) -> BlobBackend:
    """Open the blob store configured for an archive home: EVIDENCE_BLOB_URL's bucket, else the home's blobs/."""
    url = (environ.get(BLOB_URL) or "").strip()
    if not url:
        return blobs_at(str(Path(home) / "blobs"))
    if urlsplit(url).scheme == "s3":
        return blobs_at(url)
    raise InvalidInputError(f"{BLOB_URL} must be an s3://bucket/prefix URL, not {public_url(url)!r} "
                            "(unset it to keep originals in the archive home)")


def blobs_at(location: str) -> BlobBackend:
    """Open the blob store at a location: an s3:// URL, else a folder."""
    if urlsplit(location).scheme == "s3":
        from archive.s3_store import S3BlobStore

        return S3BlobStore.from_url(location)
    from archive.store import BlobStore

    return BlobStore(Path(location))


def describe(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say which backends an archive home uses and where they are, without secrets (`evidence info`)."""
    home = Path(home)
    return {"home": str(home.resolve()), "catalog": describe_catalog(home), "search": describe_search(home),
            "blobs": describe_blobs(home, environ)}


def describe_catalog(home: Path) -> dict:
    """Say where the catalog is."""
    return {"backend": "sqlite", "location": str((home / "catalog.db").resolve())}


def describe_search(home: Path) -> dict:
    """Say where the search index is."""
    return {"backend": "whoosh", "location": str((home / "index").resolve())}


def describe_blobs(home: Path, environ: Mapping[str, str] = os.environ) -> dict:
    """Say where the originals are: a folder, or a bucket with its prefix, endpoint and region (and whether it
    answers)."""
    return open_blobs(home, environ).describe()


def public_url(url: str) -> str:
    """Return a URL without what may be secret in it: a password (kept as ***), the query and fragment."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.partition(':')[0]}:***@{host}" if ":" in user else f"{user}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))
