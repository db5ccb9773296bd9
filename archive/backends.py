"""Which backends an archive home uses, from the configuration: the one place that reads it.

Without configuration an archive is embedded: the catalog in the home's SQLite file, the search index in its
Whoosh folder. `EVIDENCE_DATABASE_URL=postgresql://...` puts both in one PostgreSQL database, where a
capture's row, its ledger event and its search document are written in one transaction.

Everything else in archive/ takes explicit arguments; this module is where the environment comes in, so that
the command line and the web server open the same stores. Descriptions never hold a secret.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

from archive.errors import InvalidInputError
from archive.seams import BlobBackend, CatalogBackend, SearchBackend

DATABASE_URL = "EVIDENCE_DATABASE_URL"
DATABASE_SCHEMES = ("postgresql", "postgres")


def database_url(environ: Mapping[str, str] = os.environ) -> str | None:
    """Return the configured PostgreSQL URL, None for an embedded archive; refuse any other kind of URL."""
    url = (environ.get(DATABASE_URL) or "").strip()
    if not url:
        return None
    if urlsplit(url).scheme not in DATABASE_SCHEMES:
        from archive.pg_database import redacted

        raise InvalidInputError(f"{DATABASE_URL} must be a postgresql://user@host/database URL, not "
                                f"{redacted(url)!r} (unset it to keep the catalog in the archive home)")
    return url


def open_catalog(home: Path | str, environ: Mapping[str, str] = os.environ) -> CatalogBackend:
    """Open the catalog configured for an archive home: EVIDENCE_DATABASE_URL's database, else catalog.db."""
    return catalog_at(database_url(environ) or str(Path(home) / "catalog.db"))


def open_search(home: Path | str, environ: Mapping[str, str] = os.environ) -> SearchBackend:
    """Open the search index configured for an archive home: EVIDENCE_DATABASE_URL's database, else index/."""
    return search_at(database_url(environ) or str(Path(home) / "index"))


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
    """Open the blob store at a location: a folder."""
    if urlsplit(location).scheme or "\x00" in location or not location.strip():
        raise InvalidInputError(f"{location!r} is not a folder: originals can be moved into a folder")
    from archive.store import BlobStore

    return BlobStore(Path(location))


def describe_catalog(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say where the catalog is (no password)."""
    url = database_url(environ)
    if url:
        from archive.pg_database import redacted

        return {"backend": "postgresql", "location": redacted(url)}
    return {"backend": "sqlite", "location": str((Path(home) / "catalog.db").resolve())}


def describe_search(home: Path | str, environ: Mapping[str, str] = os.environ) -> dict:
    """Say where the search index is (no password)."""
    url = database_url(environ)
    if url:
        from archive.pg_database import redacted

        return {"backend": "postgresql", "location": redacted(url)}
    return {"backend": "whoosh", "location": str((Path(home) / "index").resolve())}
