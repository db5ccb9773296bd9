"""Ledger checkpoints: the ledger's head (entry count, hash, time) signed with the archive's key.

A newsroom publishes a checkpoint. Later, every stored checkpoint is held to its signature (a checkpoint
edited in the catalog no longer verifies), to the archive's key (one signed by another key is not the
archive's) and to the chain (the entry it names must still be there with that hash): so a checkpoint proves
that the archive has only grown since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archive.catalog import Catalog
from archive.clock import utc_now
from archive.ledger import canonical_json
from archive import timestamps
from archive.signing import SigningKey, decode_public_key, fingerprint, verify_message
from archive.verify import Problem

STATEMENT_TYPE = "evidence-ledger-checkpoint"


@dataclass
class Checkpoint:
    """A signed ledger head as stored, and what checking it found (None: it holds)."""

    id: int
    archive_id: str
    entries: int
    hash: str
    created_at: str
    signature: str
    public_key: str
    tsa: str | None = None
    timestamp_token: str | None = None
    problem: Problem | None = None
    timestamped_at: str | None = None  # the time its trusted timestamp certifies, once checked

    @property
    def fingerprint(self) -> str | None:
        try:
            return fingerprint(decode_public_key(self.public_key))
        except ValueError:
            return None

    def to_json(self) -> dict:
        return {"id": self.id, "archive_id": self.archive_id, "entries": self.entries, "hash": self.hash,
                "created_at": self.created_at, "signature": self.signature, "public_key": self.public_key,
                "fingerprint": self.fingerprint, "tsa": self.tsa, "timestamp_token": self.timestamp_token,
                "timestamped_at": self.timestamped_at, "ok": self.problem is None,
                "problem": self.problem.to_json() if self.problem else None}


def statement(archive_id: str, entries: int, digest: str, created_at: str) -> bytes:
    """Return the bytes a checkpoint's signature covers: canonical JSON of what it states."""
    return canonical_json({"type": STATEMENT_TYPE, "archive": archive_id, "entries": entries, "hash": digest,
                           "created": created_at}).encode("utf-8")


def make_checkpoint(catalog: Catalog, key: SigningKey, stamp: Callable[[str], dict | None] | None = None) -> Checkpoint:
    """Sign the ledger's current head and store the checkpoint, with a trusted timestamp when `stamp` gives one."""
    # The head may grow between reading and storing: the entry read stays in the chain, so the checkpoint holds.
    entries, digest = catalog.ledger_head()
    archive_id, created_at = catalog.archive_id(), utc_now()
    signature = key.sign(statement(archive_id, entries, digest, created_at))
    timestamp = (stamp(signature) if stamp else None) or {}
    row = catalog.add_checkpoint({
        "archive_id": archive_id, "entries": entries, "hash": digest, "created_at": created_at,
        "signature": signature, "public_key": key.public_key, "tsa": timestamp.get("tsa"),
        "timestamp_token": timestamp.get("token")})
    return Checkpoint(**row)


def check_checkpoints(catalog: Catalog, key: Callable[[], SigningKey], tsa_ca: str | None = None) -> list[Checkpoint]:
    """Return every stored checkpoint, oldest first, each with the problem checking it found (timestamps
    chained to `tsa_ca`, else to the system's CAs)."""
    checkpoints = [Checkpoint(**row) for row in catalog.checkpoint_rows()]
    if not checkpoints:
        return []
    ours, archive_id = key().fingerprint, catalog.archive_id()
    for checkpoint in checkpoints:
        checkpoint.problem = _problem(catalog, checkpoint, ours, archive_id) or _stamp_problem(checkpoint, tsa_ca)
    return checkpoints


def _stamp_problem(checkpoint: Checkpoint, tsa_ca: str | None) -> Problem | None:
    if checkpoint.timestamp_token is None:
        return None
    found = timestamps.check(checkpoint.timestamp_token, timestamps.signature_digest(checkpoint.signature), tsa_ca)
    checkpoint.timestamped_at = found.time
    if found.problem:
        return Problem("checkpoint_timestamp_invalid", f"checkpoint {checkpoint.id}", found.problem)
    return None


def _problem(catalog: Catalog, checkpoint: Checkpoint, ours: str, archive_id: str) -> Problem | None:
    where = f"checkpoint {checkpoint.id}"
    signed = statement(checkpoint.archive_id, checkpoint.entries, checkpoint.hash, checkpoint.created_at)
    if not verify_message(checkpoint.public_key, checkpoint.signature, signed):
        return Problem("checkpoint_changed", where, "its signature does not verify: it was changed after signing")
    if checkpoint.fingerprint != ours:
        return Problem("checkpoint_other_key", where,
                       f"signed by the key {checkpoint.fingerprint}, not this archive's ({ours})")
    if checkpoint.archive_id != archive_id:
        return Problem("checkpoint_not_in_chain", where, f"made for the archive {checkpoint.archive_id}, not this one")
    found = catalog.ledger_hash_at(checkpoint.entries) if checkpoint.entries else None
    expected = checkpoint.hash if checkpoint.entries else None
    if found != expected:
        now = f"entry {checkpoint.entries} hashes to {found}" if found else f"there is no entry {checkpoint.entries}"
        return Problem("checkpoint_not_in_chain", where,
                       f"it signs {checkpoint.entries} entries with head {checkpoint.hash}, but {now}")
    return None
