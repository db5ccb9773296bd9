"""Which backends an archive home uses, from the configuration: the one place that reads it.

Without configuration an archive is embedded: originals in the home's blobs/ folder, the catalog in its SQLite
file, the search index in its Whoosh folder. `EVIDENCE_DATABASE_URL=postgresql://...` puts catalog and search
in one PostgreSQL database, where a capture's row, its ledger event and its search document are written in
one transaction. `EVIDENCE_BLOB_URL=s3://bucket/prefix` puts originals in an S3-compatible bucket, reached
with the standard AWS variables (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_DEFAULT_REGION), which boto3 reads itself.

Everything else in archive/ takes explicit arguments; this module is where the environment comes in, so that
the command line, the web server, ingest workers and `evidence info` all open the same stores. `describe` says
what is in use for people, and never a secret: no keys, no passwords in URLs. Each backend's library (psycopg,
boto3, Whoosh) is imported only when that backend is opened.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from archive.errors import InvalidInputError
from archive.seams import BlobBackend, CatalogBackend, SearchBackend

DATABASE_URL = "EVIDENCE_DATABASE_URL"
DATABASE_SCHEMES = ("postgresql", "postgres")
BLOB_URL = "EVIDENCE_BLOB_URL"


def database_url(environ: Mapping[str, str] = os.environ) -> str | None:
    """Return the configured PostgreSQL URL, None for an embedded archive; refuse any other kind of URL."""
    url = (environ.get(DATABASE_URL) or "").strip()
    if not url:
        return None
    if urlsplit(url).scheme not in DATABASE_SCHEMES:
        raise InvalidInputError(f"{DATABASE_URL} must be a postgresql://user@host/database URL, not "
                                f"{public_url(url)!r} (unset it to keep the catalog in the archive home)")
    return url


def open_catalog(home: Path | str, environ: Mapping[str, str] = os.environ) -> CatalogBackend:
    """Open the catalog configured for an archive home: EVIDENCE_DATABASE_URL's database, else catalog.db."""
    return catalog_at(database_url(environ) or str(Path(home) / "catalog.db"))


def open_search(home: Path | str, environ: Mapping[str, str] = os.environ) -> SearchBackend:
    """Open the search index configured for an archive home: EVIDENCE_DATABASE_URL's database, else index/."""
    return search_at(database_url(environ) or str(Path(home) / "index"))


def open_blobs(home: Path | str, environ: Mapping[str, str] = os.environ) -> BlobBackend:
    """Open the blob store configured for an archive home: EVIDENCE_BLOB_URL's bucket, else the home's blobs/."""
    url = (environ.get(BLOB_URL) or "").strip()
    if not url:
        return blobs_at(str(Path(home) / "blobs"))
    if urlsplit(url).scheme == "s3":
        return blobs_at(url)
    raise InvalidInputError(f"{BLOB_URL} must be an s3://bucket/prefix URL, not {public_url(url)!r} "
                            "(unset it to keep originals in the archive home)")


def catalog_at(location: str) -> CatalogBackend:
    """Open the catalog at a location: a postgresql:// URL, else an SQLite file."""
    if urlsplit(location).scheme in DATABASE_SCHEMES:
        from archive.pg_catalog import PgCatalog

        return PgCatalog(location)
    from archive.catalog import Catalog

    return Catalog(Path(location))


def search_at(location: str) -> SearchBackend:
    """Open the search index at a location: a postgresql:// URL, else a Whoosh folder."""
    if urlsplit(location).scheme in DATABASE_SCHEMES:
        from archive.search.pg_index import PgIndex

        return PgIndex(location)
    from archive.search.whoosh_index import WhooshIndex

    return WhooshIndex(Path(location))


def blobs_at(location: str) -> BlobBackend:
    """Open the blob store at a location: an s3:// URL, else a folder."""
    scheme = urlsplit(location).scheme
    if scheme == "s3":
        from archive.s3_store import S3BlobStore

        return S3BlobStore.from_url(location)
    if scheme or "\x00" in location or not location.strip():
        raise InvalidInputError(f"{public_url(location)!r} is neither a folder nor an s3://bucket/prefix URL")
    from archive.store import BlobStore

    return BlobStore(Path(location))


def describe(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say which backends an archive home uses and where they are, without secrets (`evidence info`)."""
    home = Path(home)
    return {"home": str(home.resolve()), "catalog": describe_catalog(home, environ),
            "search": describe_search(home, environ), "blobs": describe_blobs(home, environ)}


def describe_catalog(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say where the catalog is (no password)."""
    url = database_url(environ)
    if url:
        return {"backend": "postgresql", "location": public_url(url)}
    return {"backend": "sqlite", "location": str((Path(home) / "catalog.db").resolve())}


def describe_search(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say where the search index is (no password)."""
    url = database_url(environ)
    if url:
        return {"backend": "postgresql", "location": public_url(url)}
    return {"backend": "whoosh", "location": str((Path(home) / "index").resolve())}


def describe_blobs(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
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
