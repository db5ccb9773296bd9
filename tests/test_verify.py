"""`evidence verify` names every kind of tampering precisely, and an untouched archive verifies clean."""

import json
import os
import sqlite3

import pytest

from tests.documents import pdf_bytes, write


@pytest.fixture
def cited(evidence, tmp_path, home):
    """An archive with three captures, a claim and a citation; returns the home."""
    write(tmp_path / "a.md", "Kazakhstan exported $1.23 million of drones to Russia.")
    write(tmp_path / "b.txt", "The ministry confirmed the exports.")
    write(tmp_path / "c.pdf", pdf_bytes(["Cover", "Drones: USD 1,230,000"]))
    assert evidence("ingest", str(tmp_path / "a.md"), str(tmp_path / "b.txt"), str(tmp_path / "c.pdf")).exit_code == 0
    evidence("claim", "add", "Kazakhstan exported $1.23 million of drones")
    assert evidence("claim", "cite", "1", "1", "exported $1.23 million of drones").exit_code == 0
    evidence("claim", "status", "1", "supported")
    return home


def _verify(evidence) -> tuple[int, dict]:
    result = evidence("verify", "--json")
    return result.exit_code, json.loads(result.output)


def _sql(home, statement: str, params=()) -> None:
    """Edit the catalog behind the archive's back, as an attacker with file access could."""
    db = sqlite3.connect(home / "catalog.db")
    db.execute("DROP TRIGGER IF EXISTS ledger_no_update")
    db.execute(statement, params)
    db.commit()
    db.close()


def _blob(home, sha256: str):
    return home / "blobs" / "sha256" / sha256[:2] / sha256[2:4] / sha256


def _sha(evidence, capture_id: int) -> str:
    return json.loads(evidence("show", str(capture_id), "--json").output)["sha256"]


def test_untouched_archive_verifies_clean(evidence, cited):
    code, report = _verify(evidence)
    assert code == 0 and report["ok"] is True and report["problems"] == []
    assert report["checked"] == {"captures": 3, "blobs": 3, "texts": 3, "ledger_entries": 6, "claims": 1,
                                 "citations": 1}
    assert report["ledger_head"]["entries"] == 6 and len(report["ledger_head"]["hash"]) == 64
    people = evidence("verify", "--reextract")
    assert people.exit_code == 0 and "OK: nothing has changed." in people.output


def test_one_changed_byte_of_a_blob(evidence, cited):
    path = _blob(cited, _sha(evidence, 3))
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[100] ^= 1
    path.write_bytes(bytes(data))
    code, report = _verify(evidence)
    assert code == 1
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("blob_changed", "capture 3")]


def test_deleted_blob(evidence, cited):
    path = _blob(cited, _sha(evidence, 2))
    os.chmod(path, 0o644)
    path.unlink()
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("blob_missing", "capture 2")]


def test_catalog_row_hash_changed(evidence, cited):
    _sql(cited, "UPDATE captures SET text_sha256 = ? WHERE id = 2", ["f" * 64])
    code, report = _verify(evidence)
    kinds = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1 and kinds == {("text_changed", "capture 2"), ("catalog_mismatch", "capture 2")}
    assert any("text_sha256" in p["detail"] for p in report["problems"])


def test_catalog_text_changed(evidence, cited):
    _sql(cited, "UPDATE captures SET text = 'The ministry denied the exports.' WHERE id = 2")
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("text_changed", "capture 2")]


def test_ledger_entry_changed(evidence, cited):
    _sql(cited, "UPDATE ledger SET data = replace(data, 'drones', 'tanks') WHERE seq = 4")
    code, report = _verify(evidence)
    problems = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1
    assert ("ledger_changed", "ledger entry 4") in problems
    assert ("catalog_mismatch", "claim 1") in problems  # the claim's text no longer matches its event


def test_ledger_entry_removed(evidence, cited):
    db = sqlite3.connect(cited / "catalog.db")
    db.execute("DROP TRIGGER ledger_no_delete")
    db.execute("DELETE FROM ledger WHERE seq = 2")
    db.commit()
    db.close()
    code, report = _verify(evidence)
    problems = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1
    assert {("ledger_gap", "ledger entry 3"), ("ledger_broken", "ledger entry 3"),
            ("not_in_ledger", "capture 2")} <= problems


def test_citation_quote_changed(evidence, cited):
    _sql(cited, "UPDATE citations SET exact = 'exported $1.32 million of drones' WHERE id = 1")
    code, report = _verify(evidence)
    problems = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1
    assert problems == {("catalog_mismatch", "citation 1"), ("quote_not_anchored", "citation 1")}
    assert "1.32" in " ".join(p["detail"] for p in report["problems"])


def test_claim_status_changed_without_an_event(evidence, cited):
    _sql(cited, "UPDATE claims SET status = 'false' WHERE id = 1")
    code, report = _verify(evidence)
    assert code == 1 and report["problems"][0]["detail"].startswith("status is 'false' in the catalog")


def test_row_added_behind_the_archives_back(evidence, cited):
    _sql(cited, "INSERT INTO claims (text, status, created_at, updated_at) VALUES ('forged', 'supported', 't', 't')")
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("not_in_ledger", "claim 2")]


def test_changed_exchange_warc(evidence, http_server, home):
    from tests.documents import html_page
    url = http_server.serve("/p", html_page("P", "<p>" + "Drones and more drones were exported. " * 6 + "</p>"))
    assert evidence("ingest", "--allow-private", url).exit_code == 0
    exchange = json.loads(evidence("show", "1", "--json").output)["warc_sha256"]
    code, report = _verify(evidence)
    assert code == 0 and report["checked"]["exchange_warcs"] == 1
    path = _blob(home, exchange)
    os.chmod(path, 0o644)
    path.write_bytes(path.read_bytes() + b"\x00")
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("blob_changed", "capture 1")]
    assert "HTTP exchange" in report["problems"][0]["detail"]
