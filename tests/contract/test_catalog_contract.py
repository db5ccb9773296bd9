"""What every catalog backend does (archive.seams.CatalogBackend): captures, observations, claims and citations
kept with a hash-chained ledger event each, the same bytes catalogued once even by racing writers, ids never
given twice, and the marks of what the search index holds."""

from __future__ import annotations

import json
import threading

from archive.actors import acting_as
from archive.ledger import GENESIS_HASH, ledger_hash
from archive.seams import CatalogBackend
from tests.contract.backends import unmatched_members


def _row(n: int, **changes) -> dict:
    """A capture row as the facade writes one: the bytes of capture n, a version of one URL from n = 2."""
    return {"sha256": f"{n:064x}", "size": n, "media_type": "text/plain", "kind": "text", "source": f"s{n}",
            "method": "file", "captured_at": f"2026-01-01T00:00:0{n}.000000Z", "text": f"text {n}",
            "text_sha256": "0" * 64, "url": "https://example.org/a" if n > 1 else None, **changes}


def _at(second: int) -> str:
    return f"2026-01-02T00:00:{second:02}.000000Z"


def test_the_catalog_has_every_member_of_the_seam(catalog):
    assert unmatched_members(catalog, CatalogBackend) == []


def test_captures_are_added_got_and_listed(catalog):
    added = [catalog.add_capture(_row(n, title=f"Title {n}"), at=_at(n)) for n in (1, 2, 3)]
    assert [(capture.id, created) for capture, created in added] == [(1, True), (2, True), (3, True)]
    got = catalog.get_capture(2, with_text=True)
    assert (got.sha256, got.size, got.title, got.url, got.text) == (f"{2:064x}", 2, "Title 2", "https://example.org/a",
                                                                    "text 2")
    assert catalog.get_capture(2).text is None  # the text only when asked
    assert catalog.get_capture(9) is None
    assert catalog.find_by_sha256(f"{3:064x}").id == 3 and catalog.find_by_sha256(f"{9:064x}") is None
    assert sorted(catalog.get_captures([3, 1, 9])) == [1, 3]
    assert [c.id for c in catalog.list_captures()] == [3, 2, 1]  # newest first
    assert [c.id for c in catalog.list_captures(limit=1, offset=1)] == [2]
    assert [c.id for c in catalog.iter_captures(batch=2)] == [1, 2, 3]
    assert catalog.count_captures() == 3 and catalog.capture_ids() == {1, 2, 3}
    assert catalog.blob_hashes() == {f"{n:064x}" for n in (1, 2, 3)}


def test_same_bytes_are_catalogued_once(catalog):
    first, created = catalog.add_capture(_row(1), at="t")
    again, created_again = catalog.add_capture(_row(1), at="t")  # checked inside the write transaction
    assert created and not created_again and again.id == first.id
    assert catalog.ledger_head()[0] == 1  # nothing inserted, no ledger entry


def test_writers_racing_with_the_same_bytes_catalogue_them_once(catalog_case, catalog):
    rounds, writers = 20, 3
    start = threading.Barrier(writers)
    outcomes: list[tuple[int, int, bool]] = []

    def write() -> None:
        own = catalog_case.backend.open()  # each writer its own opening, as each process has
        try:
            for n in range(1, rounds + 1):
                start.wait()
                capture, created = own.add_capture(_row(n), at=_at(n))
                outcomes.append((n, capture.id, created))
        finally:
            own.close()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n in range(1, rounds + 1):
        answers = [(capture_id, created) for m, capture_id, created in outcomes if m == n]
        assert len(answers) == writers and len({capture_id for capture_id, _ in answers}) == 1, answers
        assert sum(created for _, created in answers) == 1, answers  # the others were answered "exists"
    assert catalog.count_captures() == rounds and catalog.ledger_head()[0] == rounds


def test_versions_and_index_bookkeeping(catalog):
    for n in (1, 2, 3):
        catalog.add_capture(_row(n), at="t")
    assert [c.id for c in catalog.versions("https://example.org/a")] == [2, 3]
    assert catalog.latest_for_url("https://example.org/a").id == 3
    assert catalog.get_capture(3).previous_id == 2
    assert catalog.unindexed_ids() == [1, 2, 3]
    catalog.mark_indexed([1, 3])
    assert catalog.unindexed_ids() == [2] and catalog.count_unindexed() == 1
    assert catalog.indexed_ids() == {1, 3}
    assert [c.id for c in catalog.iter_captures(unindexed=True)] == [2]
    catalog.mark_indexed([3], indexed=False)
    assert catalog.unindexed_ids() == [2, 3]
    catalog.mark_all_unindexed()
    assert catalog.unindexed_ids() == [1, 2, 3] and catalog.indexed_ids() == set()


def test_observations_round_trip(catalog):
    capture, _ = catalog.add_capture(_row(2), at=_at(1))
    seen = {"observed_at": _at(5), "method": "http", "source": "https://example.org/a",
            "url": "https://example.org/a", "final_url": "https://example.org/a", "http_status": 200,
            "http_headers": {"Content-Type": "text/plain"}}
    again, created = catalog.add_capture(_row(2), at=_at(5), observation=seen)  # the same bytes fetched again
    assert again.id == capture.id and not created
    (observation,) = catalog.observations(capture.id)
    assert (observation.capture_id, observation.http_status, observation.http_headers) == (
        capture.id, 200, {"Content-Type": "text/plain"})
    assert catalog.observations() == [observation]
    assert [e["event"] for e in catalog.iter_ledger(("capture.observed",))] == ["capture.observed"]


def test_claims_and_citations_round_trip(catalog):
    capture, _ = catalog.add_capture(_row(1), at=_at(1))
    claim = catalog.add_claim("Kazakhstan exported drones", at=_at(2))
    assert (claim.id, claim.text, claim.status) == (1, "Kazakhstan exported drones", "unchecked")
    changed = catalog.set_claim_status(claim.id, "supported", "two sources", at=_at(3))
    assert (changed.status, changed.notes, changed.updated_at) == ("supported", "two sources", _at(3))
    row = {"claim_id": claim.id, "capture_id": capture.id, "exact": "text", "prefix": "", "suffix": " 1",
           "start": 0, "end": 4, "page": None, "stance": "supports", "note": None}
    kept, removed = catalog.add_citation(row, at=_at(4)), catalog.add_citation({**row, "stance": "context"}, at=_at(5))
    assert (kept.exact, kept.start, kept.end, kept.stance, kept.created_at) == ("text", 0, 4, "supports", _at(4))
    catalog.remove_citation(removed.id, at=_at(6))
    assert [c.id for c in catalog.get_claim(claim.id).citations] == [kept.id]
    assert [c.id for c in catalog.citations(capture_id=capture.id)] == [kept.id]
    assert [c.id for c in catalog.citations(claim_id=claim.id, include_removed=True)] == [kept.id, removed.id]
    assert catalog.citations(citation_id=removed.id, include_removed=True)[0].removed_at == _at(6)
    (listed,) = catalog.list_claims()
    assert (listed.id, listed.citation_count) == (claim.id, 1)
    assert [r["id"] for r in catalog.claim_rows()] == [claim.id]
    assert catalog.get_claim(9) is None


def test_a_claim_keeps_its_figures_and_each_citation_its_agreement(catalog):
    from archive.figures import Agreement, Figure

    capture, _ = catalog.add_capture(_row(1), at=_at(1))
    stated = [Figure("$1.23 million", 20, 33, 1230000.0, "USD", None, 10000.0, period="2022", direction="export",
                     subject="drones")]
    claim = catalog.add_claim("Kazakhstan exported $1.23 million of drones", at=_at(2), figures=stated)
    row = {"claim_id": claim.id, "capture_id": capture.id, "exact": "text", "prefix": "", "suffix": " 1",
           "start": 0, "end": 4, "page": None, "stance": "supports", "note": None}
    rounded = Agreement("rounded", stated[0], Figure("$1.2 million", 0, 12, 1.2e6, "USD", "about", 1e5), -1 / 41)
    cited = catalog.add_citation(row, at=_at(3), agreement=rounded)
    bare = catalog.add_citation(row, at=_at(4))  # as an older program adds one: no agreement stored
    got = catalog.get_claim(claim.id, checks=True)
    assert got.figures == stated and [(c.id, c.agreement) for c in got.citations] == [(cited.id, rounded),
                                                                                      (bare.id, None)]
    plain = catalog.get_claim(claim.id)  # only when asked for
    assert plain.figures == [] and [c.agreement for c in plain.citations] == [None, None]
    assert catalog.list_claims()[0].figures == [] and cited.agreement is None
    catalog.store_claim_checks(claim.id, [], {bare.id: Agreement("none")})
    got = catalog.get_claim(claim.id, checks=True)
    assert got.figures == [] and [c.agreement for c in got.citations] == [rounded, Agreement("none")]
    assert catalog.citations(citation_id=bare.id, checks=True)[0].agreement == Agreement("none")
    assert catalog.get_claim(catalog.add_claim("Not derived", at=_at(5)).id, checks=True).figures is None
    # derived data: no ledger entry of its own
    assert [e["event"] for e in catalog.iter_ledger()] == ["capture.added", "claim.created", "citation.added",
                                                           "citation.added", "claim.created"]


def test_every_write_appends_a_chained_ledger_entry(catalog):
    first, created = catalog.add_capture(_row(1), at=_at(1))
    catalog.add_capture(_row(2), at=_at(2))
    claim = catalog.add_claim("A claim", at=_at(3))
    catalog.set_claim_status(claim.id, "disputed", None, at=_at(4))
    entries = list(catalog.iter_ledger())
    assert [e["event"] for e in entries] == ["capture.added", "capture.added", "claim.created",
                                             "claim.status_changed"]
    assert entries[0]["prev_hash"] == GENESIS_HASH
    for before, entry in zip(entries, entries[1:]):
        assert entry["prev_hash"] == before["hash"]
    for entry in entries:
        assert entry["hash"] == ledger_hash(entry["prev_hash"], entry["seq"], entry["at"], entry["event"],
                                            entry["subject"], entry["data"])
    assert catalog.ledger_head() == (4, entries[-1]["hash"])
    assert [e["seq"] for e in catalog.iter_ledger(("claim.created",), batch=1)] == [3]
    assert catalog.recorded_capture(first.id)["sha256"] == first.sha256
    assert first.id == 1 and created


def test_a_snapshot_reads_one_moment_while_another_opening_writes(catalog_case, catalog):
    catalog.add_capture(_row(1), at=_at(1))
    writer = catalog_case.backend.open()
    try:
        with catalog.snapshot():
            before = catalog.count_captures()
            writer.add_capture(_row(2), at=_at(2))
            assert catalog.count_captures() == before == 1 and catalog.ledger_head()[0] == 1
        assert catalog.count_captures() == 2
    finally:
        writer.close()


def test_ids_are_never_given_twice(catalog_case, catalog):
    for n in (1, 2):
        catalog.add_capture(_row(n), at=_at(n))
        catalog.add_claim(f"claim {n}", at=_at(n))
    catalog_case.delete_row("captures", 2)  # deleted behind the catalog's back
    catalog_case.delete_row("claims", 2)
    assert catalog.add_capture(_row(3), at=_at(3))[0].id == 3
    assert catalog.add_claim("claim 3", at=_at(3)).id == 3


def test_every_entry_names_its_actor_and_the_ledger_reads_by_actor_kind_time_and_subject(catalog):
    with acting_as("user:archivist"):
        capture, _ = catalog.add_capture(_row(1), at=_at(1))
    with acting_as("user:reporter"):
        claim = catalog.add_claim("A claim", at=_at(2))
        citation = catalog.add_citation({"claim_id": claim.id, "capture_id": capture.id, "exact": "text",
                                         "prefix": "", "suffix": " 1", "start": 0, "end": 4, "page": None,
                                         "stance": "supports", "note": None}, at=_at(3))
    with acting_as("user:editor"):
        catalog.set_claim_status(claim.id, "supported", None, at=_at(4))
        catalog.remove_citation(citation.id, at=_at(5), reason="wrong passage")
    entries = list(catalog.iter_ledger())
    assert [json.loads(e["data"])["actor"] for e in entries] == [
        "user:archivist", "user:reporter", "user:reporter", "user:editor", "user:editor"]
    assert json.loads(entries[-1]["data"])["reason"] == "wrong passage"

    def seqs(**filters):
        rows, total = catalog.ledger_page(**filters)
        assert total == len(rows) or "limit" in filters
        return [row["seq"] for row in rows]

    assert seqs() == [5, 4, 3, 2, 1]
    assert seqs(actor="user:reporter") == [3, 2] and seqs(actor="nobody") == []
    assert seqs(events=("citation.", "citation/")) == [5, 3]
    assert seqs(since=_at(2), until=_at(4)) == [3, 2]
    assert seqs(subject=str(claim.id), events=("claim.", "claim/")) == [4, 2]
    assert seqs(limit=2, offset=1) == [4, 3] and catalog.ledger_page(limit=2)[1] == 5
    assert [e["seq"] for e in catalog.claim_ledger(claim.id)] == [2, 3, 4, 5]
    assert catalog.claim_ledger(99) == []


def test_entities_keep_their_names_and_each_change_is_an_event(catalog):
    names = [("Nebesnaya Mekhanika", "nebesnaya mekhanika", "nebesnaya mekhanika"),
             ("Небесная механика", "небесная механика", "nebesnaya mekhanika")]
    first = catalog.add_entity("Nebesnaya Mekhanika", "company", names, at=_at(1))
    second = catalog.add_entity("Sky Mechanics", "company", [("Sky Mechanics", "sky mechanics", "sky mechanics")],
                                at=_at(2))
    from archive.errors import EntityNameTakenError

    try:
        catalog.add_entity_names(second, [("небесная механика", "небесная механика", "nebesnaya mekhanika")], _at(3))
    except EntityNameTakenError as exc:
        assert "entity 1 (Nebesnaya Mekhanika)" in str(exc)
    else:
        raise AssertionError("a name another entity holds was given twice")
    assert catalog.entity_name_owner("небесная механика") == first
    matched = catalog.entity_names_matching(["sky mechanics"], ["nebesnaya mekhanika"])
    assert sorted(row["name"] for row in matched) == sorted(["Sky Mechanics", "Nebesnaya Mekhanika",
                                                             "Небесная механика"])
    catalog.remove_entity_name(first, "nebesnaya mekhanika", "the Russian name is its own", _at(4))
    assert catalog.entity_row(first)["name"] == "Небесная механика"
    catalog.merge_entities(second, first, _at(5))
    assert catalog.entity_row(first)["names"] == ["Небесная механика", "Sky Mechanics"]
    assert catalog.entity_row(second)["merged_into"] == first and catalog.entity_row(second)["names"] == []
    assert [row["id"] for row in catalog.entity_rows()] == [first] and catalog.count_entities() == 1
    assert len(catalog.entity_rows(merged=True)) == 2 and catalog.entity_row(99) is None
    events = [entry["event"] for entry in catalog.iter_ledger()]
    assert events == ["entity.created", "entity.created", "entity.name_removed", "entity.merged"]


def test_the_last_entry_of_other_kinds_than_some(catalog):
    assert catalog.last_entry_except(("claim.created",)) == 0  # an empty ledger
    catalog.add_capture(_row(1), at=_at(1))
    claim = catalog.add_claim("A claim", at=_at(2))
    catalog.set_claim_status(claim.id, "disputed", None, at=_at(3))
    assert catalog.last_entry_except(("claim.created", "claim.status_changed")) == 1  # the capture's entry
    assert catalog.last_entry_except(("claim.status_changed",)) == 2
    assert catalog.last_entry_except(()) == catalog.ledger_head()[0] == 3
