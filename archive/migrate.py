"""Moving an archive to other backends (`evidence migrate`): every row of the catalog as it is stored, every
original, then a search index built for the copy; then a check that everything arrived identical.

Rows go table by table in key order, a batch a transaction, so the copy is always a prefix of the source and
a run stopped anywhere goes on from the last row copied when started again; originals that are there already
are left as they are. The copy keeps the archive's id, so the home's archive.id still names it. What is
checked at the end: every original the catalog records, re-hashed where it now is; every row of every table,
compared with its source (but which captures the search index holds, which the copy's own index records);
the whole ledger chain, walked in the copy, ending on the source's head.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from archive import ledger
from archive.backends import DATABASE_SCHEMES, blobs_at, catalog_at, search_at
from archive.errors import IntegrityError, InvalidInputError
from archive.seams import BlobBackend, SearchBackend

# Every table of the catalog and the column that orders it. A table added by a migration is one more entry.
TABLES = (("archive", "key"), ("captures", "id"), ("observations", "id"), ("figures", "id"), ("claims", "id"),
          ("citations", "id"), ("ledger", "seq"), ("checkpoints", "id"), ("accounts", "id"), ("tokens", "id"),
          ("sessions", "sha256"), ("entities", "id"), ("entity_names", "id"))
LEFT_OUT = {"captures": ("indexed",)}  # which captures a search index holds belongs to that index, not copied
BATCH = 500


@dataclass
class Migration:
    """What a migration copied and what its check found."""

    copied: dict[str, int] = field(default_factory=dict)  # rows by table, in this run
    originals_copied: int = 0
    checked: dict[str, int] = field(default_factory=dict)
    indexed: int = 0
    head: tuple[int, str] = (0, ledger.GENESIS_HASH)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Tell whether everything arrived identical."""
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        """Return the shape of `migrate --json`."""
        return {"ok": self.ok, "copied": self.copied, "originals_copied": self.originals_copied,
                "indexed": self.indexed, "checked": self.checked,
                "ledger_head": {"entries": self.head[0], "hash": self.head[1]}, "problems": self.problems}


@dataclass
class Target:
    """The backends an archive is copied into, and the home folder made for an embedded copy."""

    catalog: Any
    index: SearchBackend
    blobs: BlobBackend
    home: Path | None  # None for a database: the archive's own home goes on with it

    def close(self) -> None:
        """Release the copy's catalog and index."""
        try:
            self.index.close()
        finally:
            self.catalog.close()


def open_target(location: str, blobs: str | None, source_blobs: BlobBackend) -> Target:
    """Open where an archive goes: a postgresql:// URL (its originals stay where they are unless `blobs` names
    another store), or a folder made into an embedded home (originals in its blobs/ unless `blobs` says)."""
    if urlsplit(location).scheme in DATABASE_SCHEMES:
        catalog = catalog_at(location)
        try:
            return Target(catalog, search_at(location), blobs_at(blobs) if blobs else source_blobs, None)
        except BaseException:
            catalog.close()
            raise
    if not location.strip():
        raise InvalidInputError("--to needs a postgresql:// URL or a folder")
    home = Path(location)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except (OSError, ValueError) as exc:  # a file there, no permission, a name no file system takes
        raise InvalidInputError(f"--to {location!r} is neither a postgresql:// URL nor a folder that can be made "
                                f"({getattr(exc, 'strerror', None) or exc})") from exc
    catalog = catalog_at(str(home / "catalog.db"))
    try:
        return Target(catalog, search_at(str(home / "index")), blobs_at(blobs or str(home / "blobs")), home)
    except BaseException:
        catalog.close()
        raise


def settle_home(target: Target, source_home: Path) -> None:
    """Make an embedded copy's folder a home of the archive: its id, and the signing key its checkpoints,
    bundles and exports were signed with."""
    if target.home is None:
        return
    marker = target.home / "archive.id"
    if not marker.exists():
        marker.write_text(target.catalog.archive_id() + "\n")
    key = source_home / "signing-key.pem"
    if key.exists() and not (target.home / key.name).exists():
        shutil.copy2(key, target.home / key.name)


def migrate(source, source_blobs: BlobBackend, target, target_blobs: BlobBackend, target_index: SearchBackend,
            progress: Callable[[str], None] | None = None) -> Migration:
    """Copy a catalog and its originals into other backends, index the copy, and check that it is identical.
    `source` and `target` are catalogs (archive/catalog.py or archive/pg_catalog.py)."""
    say = progress or (lambda _message: None)
    done = Migration()
    _adopt_identity(source, target)
    for table, key in TABLES[1:]:
        done.copied[table] = _copy_table(source, target, table, key)
        say(f"{table}: {done.copied[table]} rows copied")
    if source_blobs is not target_blobs:
        for sha256 in source.iter_blob_hashes():
            if not target_blobs.has(sha256):
                try:  # streamed, and checked against its hash on the way: an original is never whole in memory
                    with source_blobs.open(sha256) as stream:
                        target_blobs.put_stream(stream, sha256)
                except (OSError, IntegrityError) as exc:
                    done.problems.append(f"original {sha256} could not be copied: {exc}")
                    continue
                done.originals_copied += 1
        say(f"originals: {done.originals_copied} copied")
    done.indexed = _index(target, target_index)
    say(f"search index: {done.indexed} captures indexed")
    check(source, target, target_blobs, done)
    return done


def _adopt_identity(source, target) -> None:
    """Give an empty target the source's archive id; refuse a target that holds another archive."""
    own = source.archive_id()
    if target.archive_id() == own:
        return
    if target.ledger_head()[0] or target.count_captures():
        raise InvalidInputError(f"{target.path} holds another archive ({target.archive_id()}): migrate into an "
                                "empty database or folder, or into a copy of this archive to go on with it")
    target.insert_rows("archive", [{"key": "id", "value": own}], replace=True)


def _copy_table(source, target, table: str, key: str) -> int:
    """Copy the rows the target lacks, after its last one, a batch a transaction; return how many."""
    after = target.last_key(table, key)
    after = (-1 if key != "sha256" else "") if after is None else after
    count = 0
    while rows := source.table_rows(table, key, after, BATCH):
        left_out = LEFT_OUT.get(table, ())
        target.insert_rows(table, [{k: v for k, v in row.items() if k not in left_out} for row in rows])
        count += len(rows)
        after = rows[-1][key]
    return count


def _index(target, index: SearchBackend) -> int:
    """Index every capture of the copy that its index lacks, a batch a commit; return how many."""
    from archive.analysis import analyse

    count = 0
    while waiting := target.unindexed_ids()[:BATCH]:
        index.begin()
        for capture in target.get_captures(waiting, with_text=True).values():
            index.add(capture, analyse(capture.text or "").terms, replace=True)
        committed = index.commit()
        target.mark_indexed(committed)
        count += len(committed)
    return count


def check(source, target, target_blobs: BlobBackend, found: Migration) -> None:
    """Hold the copy to its source: every original by its hash, every row, the whole ledger chain."""
    originals = 0
    for sha256 in target.iter_blob_hashes():
        originals += 1
        try:
            with target_blobs.open(sha256) as stream:
                _rehash(stream, sha256)
        except (OSError, IntegrityError) as exc:
            found.problems.append(f"original {sha256}: {exc}")
    found.checked["originals"] = originals
    for table, key in TABLES:
        rows, differ = 0, []
        for ours, theirs in _paired(source, target, table, key):
            rows += 1
            if ours != theirs:
                differ.append(str((ours or theirs)[key]))
        found.checked[f"{table}_rows"] = rows
        if differ:
            found.problems.append(f"{table}: {len(differ)} rows differ from the source ({key} "
                                  f"{', '.join(differ[:5])}{'…' if len(differ) > 5 else ''})")
    entries = 0
    for link in ledger.walk(target.iter_ledger()):
        entries += 1
        if not (link.in_sequence and link.linked and link.sealed):
            found.problems.append(f"ledger entry {link.seq} does not continue the chain")
    found.checked["ledger_entries"] = entries
    found.head = target.ledger_head()
    if found.head != tuple(source.ledger_head()):
        found.problems.append("the ledger's head differs from the source's")


def _paired(source, target, table: str, key: str) -> Iterator[tuple[dict | None, dict | None]]:
    """Yield each row of the source beside the target's of the same key (None where one has none)."""
    left_out = LEFT_OUT.get(table, ())
    start = -1 if key not in ("key", "sha256") else ""

    def rows(catalog) -> Iterator[dict]:
        after = start
        while batch := catalog.table_rows(table, key, after, BATCH):
            yield from ({k: v for k, v in row.items() if k not in left_out} for row in batch)
            after = batch[-1][key]

    ours, theirs = rows(source), rows(target)
    a, b = next(ours, None), next(theirs, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a[key] < b[key]):
            yield a, None
            a = next(ours, None)
        elif a is None or b[key] < a[key]:
            yield None, b
            b = next(theirs, None)
        else:
            yield a, b
            a, b = next(ours, None), next(theirs, None)


def _rehash(stream, sha256: str) -> None:
    import hashlib

    if hashlib.file_digest(stream, "sha256").hexdigest() != sha256:
        raise IntegrityError("its bytes no longer match their hash")
