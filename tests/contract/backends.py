"""The backends each contract suite runs against, and what the suites need to know of each.

A backend is named by a factory ("module:callable") and a location (a folder or file today; a URL for a server
backend), so that another thread or process can open the same store, as the suites' races and crashes do. A
server backend joins a suite by one more entry in its list below, with the means to damage its data behind
its back where the suite needs it (a changed blob, a deleted row).
"""

from __future__ import annotations

import importlib
import inspect
import os
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from archive.store import BlobStore


@dataclass(frozen=True)
class Backend:
    """One implementation of a seam, opened anywhere from its factory's name and its location."""

    factory: str  # "module:callable", called with the location
    location: str

    def open(self):
        """Open the store: a new opening each call, as another process would have."""
        module, name = self.factory.split(":")
        return getattr(importlib.import_module(module), name)(self.location)


@dataclass(frozen=True)
class BlobCase:
    """A blob backend, and how to change a stored blob's bytes behind its back (damage, tampering)."""

    backend: Backend
    change_bytes: Callable[[str, bytes], None]


@dataclass(frozen=True)
class CatalogCase:
    """A catalog backend, and how to delete a row behind its back (table, id)."""

    backend: Backend
    delete_row: Callable[[str, int], None]


def files_blobs(folder: Path) -> BlobCase:
    """Blobs as read-only files under a folder (archive/store.py)."""
    location = folder / "blobs"

    def change_bytes(sha256: str, data: bytes) -> None:
        path = BlobStore(location).path_for(sha256)
        os.chmod(path, 0o644)
        path.write_bytes(data)

    return BlobCase(Backend("archive.store:BlobStore", str(location)), change_bytes)


def s3_blobs(folder: Path) -> BlobCase:
    """Blobs as objects in an S3 bucket (archive/s3_store.py), on moto's server: a fresh prefix each time."""
    from tests.s3_server import shared_server

    server = shared_server()
    bucket = _contract_bucket(server)
    prefix = f"{folder.name}-{uuid.uuid4().hex[:8]}/originals"

    def change_bytes(sha256: str, data: bytes) -> None:
        from archive.s3_store import S3BlobStore

        key = S3BlobStore(bucket, prefix).key_for(sha256)
        server.client().put_object(Bucket=bucket, Key=key, Body=data)  # unconditional: what tampering does

    return BlobCase(Backend("archive.backends:blobs_at", f"s3://{bucket}/{prefix}"), change_bytes)


_buckets: dict[str, str] = {}


def _contract_bucket(server) -> str:
    """Return the one bucket of the contract suite on this server, made on first use."""
    if server.endpoint not in _buckets:
        _buckets[server.endpoint] = server.new_bucket()
    return _buckets[server.endpoint]


def sqlite_catalog(folder: Path) -> CatalogCase:
    """The catalog in one SQLite file (archive/catalog.py)."""
    location = folder / "catalog.db"

    def delete_row(table: str, row_id: int) -> None:
        db = sqlite3.connect(location)
        try:
            with db:
                if table == "captures":
                    db.execute("DELETE FROM figures WHERE capture_id = ?", [row_id])
                db.execute(f'DELETE FROM "{table}" WHERE id = ?', [row_id])
        finally:
            db.close()

    return CatalogCase(Backend("archive.catalog:Catalog", str(location)), delete_row)


def whoosh_index(folder: Path) -> Backend:
    """The search index in a Whoosh folder (archive/search/whoosh_index.py)."""
    return Backend("archive.search.whoosh_index:WhooshIndex", str(folder / "index"))


def postgresql_catalog(folder: Path) -> CatalogCase:
    """The catalog in a PostgreSQL database (archive/pg_catalog.py), a new one on the tests' own server."""
    from tests.postgres import fresh_database

    location = fresh_database()

    def delete_row(table: str, row_id: int) -> None:
        import psycopg

        with psycopg.connect(location) as db:
            if table == "captures":
                db.execute("DELETE FROM figures WHERE capture_id = %s", [row_id])
            db.execute(f'DELETE FROM "{table}" WHERE id = %s', [row_id])

    return CatalogCase(Backend("archive.pg_catalog:PgCatalog", location), delete_row)


def postgresql_index(folder: Path) -> Backend:
    """The search index as tsvectors in a PostgreSQL database (archive/search/pg_index.py)."""
    from tests.postgres import fresh_database

    return Backend("archive.search.pg_index:PgIndex", fresh_database())


def embedded_archive(folder: Path) -> dict[str, str]:
    """An archive's catalog in catalog.db and its search index in index/ (no settings)."""
    return {}


def postgresql_archive(folder: Path) -> dict[str, str]:
    """An archive's catalog and search index in a new PostgreSQL database on the tests' own server."""
    from archive.backends import DATABASE_URL
    from tests.postgres import fresh_database

    return {DATABASE_URL: fresh_database()}


def open_archive(home: Path, settings: dict[str, str]):
    """Open an archive under these settings (EVIDENCE_* variables), its catalog and search index opened while
    they hold, so that the test's other archives keep their own."""
    from archive.archive import Archive

    with pytest.MonkeyPatch.context() as patch:
        for name, value in settings.items():
            patch.setenv(name, value)
        archive = Archive(home)
        archive.index  # opened on first use: now, under the settings
    return archive


BLOB_BACKENDS = [pytest.param(files_blobs, id="files"), pytest.param(s3_blobs, id="s3")]
CATALOG_BACKENDS = [pytest.param(sqlite_catalog, id="sqlite"), pytest.param(postgresql_catalog, id="postgresql")]
SEARCH_BACKENDS = [pytest.param(whoosh_index, id="whoosh"), pytest.param(postgresql_index, id="postgresql")]
ARCHIVE_BACKENDS = [pytest.param(embedded_archive, id="embedded"),
                    pytest.param(postgresql_archive, id="postgresql")]


def unmatched_members(implementation: object, protocol: type) -> list[str]:
    """Return the protocol's members an implementation lacks or takes differently: the same parameters in the
    same order, of the same kinds, optional where the protocol's are (it may add optional ones at the end)."""
    unmatched = []
    for name in _members(protocol):
        ours = inspect.getattr_static(protocol, name, None)
        theirs = inspect.getattr_static(type(implementation), name, None)
        if ours is None:  # an annotated attribute
            if not hasattr(implementation, name):
                unmatched.append(name)
        elif isinstance(ours, property):
            if not isinstance(theirs, property):
                unmatched.append(name)
        elif not callable(theirs) or not _takes(inspect.signature(theirs), inspect.signature(ours)):
            unmatched.append(name)
    return unmatched


def _members(protocol: type) -> set[str]:
    """Return the names a protocol and the protocols it extends (those of its own module) declare."""
    names = set()
    for cls in protocol.__mro__:
        if cls.__module__ == protocol.__module__:
            names.update(name for name in vars(cls) if not name.startswith("_"))
            names.update(getattr(cls, "__annotations__", {}))
    return names


def _takes(theirs: inspect.Signature, ours: inspect.Signature) -> bool:
    given, wanted = list(theirs.parameters.values()), list(ours.parameters.values())
    if len(given) < len(wanted):
        return False
    for have, want in zip(given, wanted):
        optional = want.default is not inspect.Parameter.empty
        if (have.name, have.kind) != (want.name, want.kind) or optional != (have.default is not inspect.Parameter.empty):
            return False
    return all(extra.default is not inspect.Parameter.empty for extra in given[len(wanted):])
