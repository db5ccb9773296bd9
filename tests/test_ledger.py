"""The ledger chain: what an entry's hash is, how entries follow one another, and what a walk finds."""

import hashlib
import json

import pytest

from archive.ledger import ENTRY_FIELDS, GENESIS_HASH, canonical_json, ledger_hash, next_entry, stub, walk

AT = "2026-01-01T00:00:00.000000Z"


def _defined_hash(entry: dict) -> str:
    """The entry hash as docs/architecture.md defines it, written out independently of archive/ledger.py."""
    body = json.dumps({"seq": entry["seq"], "at": entry["at"], "event": entry["event"], "subject": entry["subject"],
                       "data": json.loads(entry["data"]), "prev": entry["prev_hash"]},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _chain(*events: tuple[str, str | None, dict]) -> list[dict]:
    entries, last = [], None
    for event, subject, data in events:
        entries.append(next_entry(last, event, subject, data, AT))
        last = (entries[-1]["seq"], entries[-1]["hash"])
    return entries


DATA = [
    {"capture_id": 1, "title": "Дронови во Русија", "value": 1230000.0, "share": 0.125, "tiny": 1e-07,
     "headers": {"b": "2", "a": "1"}, "redirects": [], "notes": None, "ok": True},
    {"claim_id": 12, "text": "无人机 \"quoted\" \\ back\u2028slash\ttab", "emoji": "📦"},
    {},
]


@pytest.mark.parametrize("data", DATA)
@pytest.mark.parametrize("subject", ["1", None])
def test_the_hash_is_the_sha256_of_the_canonical_json_of_the_entry(data, subject):
    entry = next_entry((41, "ab" * 32), "capture.added", subject, data, AT)
    assert tuple(entry) == ENTRY_FIELDS and entry["data"] == canonical_json(data)
    assert entry["seq"] == 42 and entry["prev_hash"] == "ab" * 32
    assert entry["hash"] == _defined_hash(entry)
    assert ledger_hash(entry["prev_hash"], entry["seq"], entry["at"], entry["event"], entry["subject"],
                       entry["data"]) == entry["hash"]


def test_a_hash_recorded_before_this_module_still_holds():
    # An entry and its hash as the archive wrote them before the ledger had a module of its own.
    data = '{"capture_id":1,"sha256":"' + "c" * 64 + '","source":"old.txt"}'
    assert ledger_hash(GENESIS_HASH, 1, AT, "capture.added", "1", data) == \
        "fd867944499b5b56d1bb20f734789a46d408b720cf420adf00aa97b3ae5395aa"


def test_the_first_entry_follows_the_genesis_hash_and_each_the_one_before():
    entries = _chain(("claim.created", "1", {"claim_id": 1, "text": "t"}),
                     ("claim.status_changed", "1", {"claim_id": 1, "status": "supported", "notes": None}))
    assert entries[0]["seq"] == 1 and entries[0]["prev_hash"] == GENESIS_HASH
    assert entries[1]["seq"] == 2 and entries[1]["prev_hash"] == entries[0]["hash"]
    links = list(walk(entries))
    assert all(link.in_sequence and link.linked and link.sealed and not link.stub for link in links)
    assert links[1].data == {"claim_id": 1, "status": "supported", "notes": None}


def _three() -> list[dict]:
    return _chain(*[("claim.created", str(n), {"claim_id": n, "text": f"claim {n}"}) for n in (1, 2, 3)])


def test_a_changed_entry_is_not_sealed_and_says_what_its_content_hashes_to():
    entries = _three()
    entries[1] = {**entries[1], "data": entries[1]["data"].replace("claim 2", "claim 9")}
    links = list(walk(entries))
    assert [link.sealed for link in links] == [True, False, True]
    assert links[1].computed == _defined_hash(entries[1]) != entries[1]["hash"]
    assert links[1].data["text"] == "claim 9"  # what it says now, for holding rows to it
    assert all(link.in_sequence and link.linked for link in links)


def test_a_removed_entry_is_one_gap_and_one_break():
    entries = _three()
    links = list(walk([entries[0], entries[2]]))
    assert [(link.in_sequence, link.linked) for link in links] == [(True, True), (False, False)]
    assert links[1].expected_seq == 2 and links[1].expected_prev == entries[0]["hash"]


def test_the_same_json_written_otherwise_still_seals():
    # The hash covers the parsed data, so data stored with other spacing or key order is the same content.
    entry = _three()[0]
    spaced = {**entry, "data": json.dumps(json.loads(entry["data"]), indent=2)}
    assert next(walk([spaced])).sealed


def test_stubs_carry_no_content_and_still_chain():
    entries = _three()
    stubbed = [entries[0], stub(entries[1]), entries[2]]
    links = list(walk(stubbed))
    assert links[1].stub and links[1].sealed and links[1].computed is None
    assert all(link.in_sequence and link.linked for link in links)


@pytest.mark.parametrize("change, reason", [
    ({"data": "not json"}, "JSONDecodeError"),
    ({"data": "[" * 100_000}, "nested too deep"),
    ({"data": {"claim_id": 1}}, "TypeError"),
    ({"at": None, "event": None}, None),
])
def test_unreadable_content_is_told_not_raised(change, reason):
    entry = {**_three()[0], **change}
    link = next(walk([entry]))
    assert not link.sealed
    if reason:
        assert reason in link.unreadable and link.computed is None
    else:  # odd but readable fields: hashed as they are, and the hash differs
        assert link.unreadable is None and link.computed != entry["hash"]


def test_a_missing_field_is_told():
    entry = {k: v for k, v in _three()[0].items() if k != "at"}
    link = next(walk([entry]))
    assert not link.sealed and link.unreadable == "no 'at'"
