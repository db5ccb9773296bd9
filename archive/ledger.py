"""The hash-chained ledger: how an entry is hashed, what the next entry is, and how a chain is walked.

An entry is `{seq, at, event, subject, data, prev_hash, hash}`: `data` holds the event's facts as canonical
JSON, who did it among them (`actor`, in entries written since actors are recorded), and `hash` is the
SHA-256 of the canonical JSON of `{seq, at, event, subject, data, prev}` (data parsed, prev the hash of the
entry before, GENESIS_HASH for the first), so every entry seals all before it. The
catalog appends `next_entry` inside its write transaction; `verify` walks the catalog's ledger and
`bundlecheck` a bundle's extract (where entries outside the claim are stubs without content), each reporting
what `walk` finds in its own words. Nothing here reads or writes storage.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64
ENTRY_FIELDS = ("seq", "at", "event", "subject", "data", "prev_hash", "hash")
# Who did what is a key of the data, so it is hashed like every other fact and a bundle's extract carries it;
# no event kind records a fact of this name.
ACTOR_KEY = "actor"
# What reading an entry's content can raise when the entry was written by hand (a bundle, an edited catalog):
# a missing field, a field of the wrong type, data that is not JSON, JSON nested past the parser's depth.
UNREADABLE = (KeyError, TypeError, ValueError, RecursionError)

# One encoder for every hash: json.dumps would build a new one per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """Serialise a value the one way that is hashed: sorted keys, no spaces, UTF-8."""
    return _CANONICAL.encode(value)


def ledger_hash(prev_hash: str, seq: int, at: str, event: str, subject: str | None, data: str) -> str:
    """Return the hash that chains a ledger entry to the one before it (`data` as stored: JSON text)."""
    return _sealed(seq, at, event, subject, canonical_json(json.loads(data)), prev_hash)


def _sealed(seq: Any, at: Any, event: Any, subject: Any, canonical_data: str, prev_hash: Any) -> str:
    # The canonical JSON of {seq, at, event, subject, data, prev} written out key by key in sorted order, with
    # data spliced in as the canonical text it already is: the same bytes, without parsing it again.
    seq_json = str(seq) if type(seq) is int else canonical_json(seq)  # an int is its own JSON, and quicker so
    body = (f'{{"at":{canonical_json(at)},"data":{canonical_data},"event":{canonical_json(event)},'
            f'"prev":{canonical_json(prev_hash)},"seq":{seq_json},"subject":{canonical_json(subject)}}}')
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def next_entry(last: tuple[int, str] | None, event: str, subject: str | None, data: dict[str, Any],
               at: str, actor: str | None = None) -> dict[str, Any]:
    """Return the entry that records an event after the chain's last (seq, hash), or first when there is none.

    `actor`, who did it, is sealed with the rest as the data's ACTOR_KEY (entries written before actors were
    recorded have none and hash as they always did).
    """
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    payload = canonical_json({**data, ACTOR_KEY: actor} if actor is not None else data)
    return {"seq": seq, "at": at, "event": event, "subject": subject, "data": payload, "prev_hash": prev_hash,
            "hash": _sealed(seq, at, event, subject, payload, prev_hash)}


def stub(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Return what chains an entry without what it says: its seq, the hash before it and its own hash."""
    return {"seq": entry["seq"], "prev_hash": entry["prev_hash"], "hash": entry["hash"]}


_UNPARSED = object()  # a Link's data not read yet


@dataclass(slots=True)
class Link:
    """One entry as a walk along the chain finds it: where it should sit, and what its content hashes to."""

    entry: Mapping[str, Any]
    expected_seq: int  # the seq that continues the chain from the entry before
    expected_prev: str  # the hash of the entry before
    computed: str | None = None  # the hash of its content; None for a stub or unreadable content
    parsed: Any = _UNPARSED  # its data, once read
    unreadable: str | None = None  # why its content could not be hashed

    @property
    def data(self) -> Any:
        """Its data, parsed (read on first use: most walks only check the hashes); None when it is no JSON."""
        if self.parsed is _UNPARSED:
            try:
                self.parsed = json.loads(self.entry["data"])
            except UNREADABLE:
                self.parsed = None
        return self.parsed

    @property
    def seq(self) -> int:
        return self.entry["seq"]

    @property
    def stub(self) -> bool:
        """Tell whether the entry carries only its seq and hashes (a bundle's entries outside its claim)."""
        return "data" not in self.entry

    @property
    def in_sequence(self) -> bool:
        return self.entry["seq"] == self.expected_seq

    @property
    def linked(self) -> bool:
        return self.entry["prev_hash"] == self.expected_prev

    @property
    def sealed(self) -> bool:
        """Tell whether the entry's content hashes to the hash it records (a stub has no content to hash)."""
        return self.stub or self.computed == self.entry["hash"]


def walk(entries: Iterable[Mapping[str, Any]]) -> Iterator[Link]:
    """Follow a chain from its start: each entry with the seq and prev_hash it should have and its content's hash.

    Entries need an int `seq` and str `prev_hash` and `hash`; the rest may be anything, an unreadable content is
    told in the link. The next entry is expected after each one as it stands, so one gap or break is reported
    once, not at every entry after it.
    """
    previous, expected = GENESIS_HASH, 1
    for entry in entries:
        yield _link(entry, expected, previous)
        previous, expected = entry["hash"], entry["seq"] + 1


def _link(entry: Mapping[str, Any], expected_seq: int, expected_prev: str) -> Link:
    if "data" not in entry:
        return Link(entry, expected_seq, expected_prev)
    try:
        stored = entry["data"]
        if isinstance(stored, str):
            # Data is stored as the canonical text its hash was made of: an entry that seals as stored is
            # intact, and need not be parsed and written out again (most of a long walk's time).
            computed = _sealed(entry["seq"], entry["at"], entry["event"], entry["subject"], stored,
                               entry["prev_hash"])
            if computed == entry["hash"]:
                return Link(entry, expected_seq, expected_prev, computed)
        data = json.loads(stored)
        computed = _sealed(entry["seq"], entry["at"], entry["event"], entry["subject"], canonical_json(data),
                           entry["prev_hash"])
    except UNREADABLE as exc:
        return Link(entry, expected_seq, expected_prev, parsed=None, unreadable=describe(exc))
    return Link(entry, expected_seq, expected_prev, computed, data)


def describe(exc: BaseException) -> str:
    """Say in a few words why a hand-written record could not be read."""
    if isinstance(exc, KeyError):
        return f"no {exc.args[0]!r}" if exc.args else "a key is missing"
    if isinstance(exc, RecursionError):
        return "it is nested too deep to read"
    return f"{type(exc).__name__}: {exc}"
