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


def _sql(home, *statements: str, params=()) -> None:
    """Edit the catalog behind the archive's back, as an attacker with file access could."""
    db = sqlite3.connect(home / "catalog.db")
    db.execute("DROP TRIGGER IF EXISTS ledger_no_update")
    for statement in statements:
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
    assert report["checked"] == {"captures": 3, "blobs": 3, "texts": 3, "derived": 3, "ledger_entries": 6,
                                 "claims": 1, "citations": 1, "index_documents": 3}
    assert report["notices"] == []
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
    _sql(cited, "UPDATE captures SET text_sha256 = ? WHERE id = 2", params=["f" * 64])
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
    _sql(cited, "DROP TRIGGER ledger_no_delete", "DELETE FROM ledger WHERE seq = 2")
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


@pytest.fixture
def staffed(evidence, cited):
    """The cited archive with an admin, an editor and a revoked token of the editor's; returns the home."""
    for name, role in (("ana", "admin"), ("ben", "viewer")):
        evidence("user", "add", name, "--role", role, "--password-stdin", input="correct horse\n")
    evidence("user", "role", "ben", "editor")
    evidence("user", "revoke", evidence("user", "token", "ben").output[:12])
    return cited


def test_accounts_and_tokens_verify_clean(evidence, staffed):
    code, report = _verify(evidence)
    assert code == 0 and report["problems"] == []
    assert report["checked"]["accounts"] == 2 and report["checked"]["tokens"] == 1


@pytest.mark.parametrize("statement, problem", [
    ("UPDATE accounts SET role = 'admin' WHERE name = 'ben'", ("catalog_mismatch", "account ben")),
    ("UPDATE tokens SET revoked_at = NULL", ("catalog_mismatch", "token 1")),
    ("INSERT INTO accounts (name, role, password_hash, created_at) VALUES ('mallory', 'admin', 'x', 't')",
     ("not_in_ledger", "account mallory")),
    ("UPDATE ledger SET data = replace(data, '\"editor\"', '\"viewer\"') WHERE event = 'account.role_changed'",
     ("ledger_changed", "ledger entry 9")),
])
def test_rights_given_behind_the_archives_back_are_named(evidence, staffed, statement, problem):
    _sql(staffed, statement)
    code, report = _verify(evidence)
    assert code == 1 and problem in {(p["kind"], p["id"]) for p in report["problems"]}


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


# -- every stored fact of a capture is held to its ledger record ------------------------------

def test_forged_provenance_is_named_field_by_field(evidence, cited):
    _sql(cited, "UPDATE captures SET url = 'http://forged.example/', title = 'FORGED', published = '1999-01-01', "
                "size = 1 WHERE id = 1")
    code, report = _verify(evidence)
    assert code == 1
    named = {p["detail"].split(" is ")[0] for p in report["problems"] if p["id"] == "capture 1"}
    assert named == {"url", "title", "published", "size"}


@pytest.mark.parametrize("column, value", [
    ("pages", "[[0, 5]]"), ("notes", '["added later"]'), ("tools", '{"forger": "1.0"}'), ("http_status", 404),
    ("http_headers", '{"server": "forged"}'), ("redirects", '[{"url": "http://x/", "status": 301}]'),
    ("previous_id", 2), ("final_url", "http://forged.example/"), ("language", "xx"), ("charset", "koi8-r"),
    ("media_type", "text/html"), ("kind", "html"), ("method", "http"), ("author", "Someone Else"),
    ("site", "Forged Daily"), ("source", "/elsewhere.md"), ("captured_at", "2001-01-01T00:00:00.000000Z"),
    ("ocr", '{"engine": "forged"}'), ("parts", "[]"),
])
def test_every_capture_column_is_covered(evidence, cited, column, value):
    _sql(cited, f"UPDATE captures SET {column} = ? WHERE id = 3", params=[value])
    code, report = _verify(evidence)
    assert code == 1
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("catalog_mismatch", "capture 3")]
    assert report["problems"][0]["detail"].startswith(f"{column} is ")


def test_figures_table_is_held_to_its_recorded_digest(evidence, cited):
    _sql(cited, "UPDATE figures SET value = 5000000 WHERE capture_id = 1")
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("derived_changed", "capture 1")]
    evidence("reindex")  # derived data is rebuilt from the text: the archive is whole again
    assert _verify(evidence)[0] == 0
    _sql(cited, "DELETE FROM figures WHERE capture_id = 3")
    code, report = _verify(evidence)
    assert code == 1 and [(p["kind"], p["id"]) for p in report["problems"]] == [("derived_changed", "capture 3")]


def test_claim_and_citation_times_are_covered(evidence, cited):
    _sql(cited, "UPDATE claims SET created_at = '2000-01-01T00:00:00.000000Z' WHERE id = 1")
    _sql(cited, "UPDATE citations SET note = 'forged note', page = 7 WHERE id = 1")
    code, report = _verify(evidence)
    details = {(p["id"], p["detail"].split(" is ")[0]) for p in report["problems"]}
    assert code == 1 and details == {("claim 1", "created_at"), ("citation 1", "note"), ("citation 1", "page")}


def test_an_archive_recorded_before_full_coverage_keeps_verifying_and_is_attested(tmp_path):
    """A catalog whose capture.added events hold only the old five facts: its ledger still verifies, and
    the upgrade attests the other facts once, so a later forgery of them is caught."""
    from archive.archive import Archive
    from archive.catalog import Catalog, schema_migrations
    from archive.ledger import canonical_json, ledger_hash
    import hashlib
    import sqlite_utils

    home = tmp_path / "old"
    home.mkdir()
    db = sqlite_utils.Database(home / "catalog.db")
    schema_migrations().apply(db, stop_before="m007_ledger_covers_every_fact")
    text = "Kazakhstan exported $1.23 million of drones."
    text_sha = hashlib.sha256(text.encode()).hexdigest()
    body = text.encode()
    sha = hashlib.sha256(body).hexdigest()
    at = "2026-01-01T00:00:00.000000Z"
    db.execute("INSERT INTO captures (id, sha256, size, media_type, kind, source, method, captured_at, title, "
               "text, text_sha256, indexed) VALUES (1, ?, ?, 'text/plain', 'text', 'old.txt', 'file', ?, "
               "'Old title', ?, ?, 0)", [sha, len(body), at, text, text_sha])
    data = canonical_json({"capture_id": 1, "sha256": sha, "text_sha256": text_sha, "source": "old.txt",
                           "captured_at": at})
    db.execute("INSERT INTO ledger (seq, at, event, subject, data, prev_hash, hash) VALUES (1, ?, "
               "'capture.added', '1', ?, ?, ?)", [at, data, "0" * 64, ledger_hash("0" * 64, 1, at,
                                                                                "capture.added", "1", data)])
    db.conn.commit()
    db.close()
    blob = home / "blobs" / "sha256" / sha[:2] / sha[2:4] / sha
    blob.parent.mkdir(parents=True)
    blob.write_bytes(body)

    with Archive(home) as archive:
        report = archive.verify()
        assert report.ok, report.problems
        events = [e["event"] for e in archive.catalog.iter_ledger()]
        assert events[:2] == ["capture.added", "capture.attested"]
    _sql(home, "UPDATE captures SET title = 'FORGED' WHERE id = 1")
    with Archive(home) as archive:
        problems = archive.verify().problems
        assert [(p.kind, p.id) for p in problems] == [("catalog_mismatch", "capture 1")]
        assert "title" in problems[0].detail
    assert Catalog(home / "catalog.db").ledger_head()[0] >= 2


# -- a catalog that lost what it recorded ------------------------------------------------------

def test_an_emptied_catalog_is_reported_and_refused(evidence, cited):
    for suffix in ("", "-wal", "-shm"):
        path = cited / f"catalog.db{suffix}"
        if suffix:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(b"")
    for args in (["verify"], ["verify", "--json"], ["ingest", str(cited.parent / "a.md")], ["search", "drones"]):
        result = evidence(*args)
        assert result.exit_code == 1, args
        assert "is not the catalog of the archive" in result.output and "Traceback" not in result.output
    # Nothing was written: still no capture with an old id, and the index still holds the old documents.
    import sqlite3
    db = sqlite3.connect(cited / "catalog.db")
    assert db.execute("SELECT count(*) FROM captures").fetchone()[0] == 0
    db.close()


def test_a_deleted_row_never_gives_its_id_again(evidence, cited, tmp_path):
    _sql(cited, "DELETE FROM figures WHERE capture_id = 3", "DELETE FROM captures WHERE id = 3")
    write(tmp_path / "d.txt", "A new document about drone exports.")
    result = evidence("ingest", "--json", str(tmp_path / "d.txt"))
    assert json.loads(result.output)["capture"]["id"] == 4
    code, report = _verify(evidence)
    assert code == 1 and ("row_missing", "capture 3") in {(p["kind"], p["id"]) for p in report["problems"]}


def test_an_index_that_outlives_its_catalog_is_reported(evidence, cited, tmp_path):
    _sql(cited, "DELETE FROM citations", "DELETE FROM figures WHERE capture_id = 2", "DELETE FROM captures WHERE id = 2")
    code, report = _verify(evidence)
    kinds = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1 and ("index_ahead", "search index") in kinds
    assert any("belong to no capture" in notice for notice in report["notices"])


# -- a damaged catalog: one sentence from every command ----------------------------------------

@pytest.mark.parametrize("damage", ["truncated", "bad_header"])
@pytest.mark.parametrize("args", [["verify"], ["search", "drones"], ["show", "1"], ["claim", "list"],
                                  ["ingest", "EXTRA"], ["claim", "show", "1"], ["reindex"]])
def test_a_damaged_catalog_gets_one_sentence(runner, cited, tmp_path, damage, args):
    from app import cli
    path = cited / "catalog.db"
    # Fold the write-ahead log into the file first, so the damage reaches the data that commands read.
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else b"GARBAGE!" * 4 + data[32:])
    args = [str(write(tmp_path / "extra.txt", "More drones.")) if a == "EXTRA" else a for a in args]
    result = runner.invoke(cli, ["--home", str(cited), *args])
    assert result.exit_code == 1, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    assert "catalog" in result.output and "Traceback" not in result.output
    assert result.output.count("\n") <= 2 and "restore it from a backup" in result.output


def test_reextraction_that_fails_today_is_a_problem_not_a_crash(evidence, cited):
    """An original captured by an older, laxer extraction that today's refuses (here: bytes swapped for binary
    data under the same name, text hash kept) is named, and verify goes on."""
    import hashlib
    binary = bytes(range(256)) * 40
    sha = hashlib.sha256(binary).hexdigest()
    _blob(cited, sha).parent.mkdir(parents=True, exist_ok=True)
    _blob(cited, sha).write_bytes(binary)
    _sql(cited, "UPDATE captures SET sha256 = ? WHERE id = 2", params=[sha])
    result = evidence("verify", "--reextract", "--json")
    report = json.loads(result.output)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("text_differs_on_reextraction", "capture 2") in {(p["kind"], p["id"]) for p in report["problems"]}


def test_a_home_from_before_archive_id_with_an_emptied_catalog_is_refused(evidence, cited):
    (cited / "archive.id").unlink()
    for suffix in ("-wal", "-shm"):
        (cited / f"catalog.db{suffix}").unlink(missing_ok=True)
    (cited / "catalog.db").write_bytes(b"")
    result = evidence("verify")
    assert result.exit_code == 1 and "records nothing, but" in result.output
    assert not (cited / "archive.id").exists()  # refused again next time, not adopted
    assert evidence("search", "drones").exit_code == 1


# -- a ledger whose content cannot be read, and originals hashed on threads ---------------------

def test_ledger_data_that_is_not_json_is_a_problem_not_a_crash(evidence, cited):
    _sql(cited, "UPDATE ledger SET data = 'not json' WHERE seq IN (2, 4)")
    code, report = _verify(evidence)
    problems = {(p["kind"], p["id"]) for p in report["problems"]}
    assert code == 1
    assert {("ledger_changed", "ledger entry 2"), ("ledger_changed", "ledger entry 4")} <= problems
    assert {("not_in_ledger", "capture 2"), ("not_in_ledger", "claim 1")} <= problems  # their events say nothing
    assert any("cannot be read" in p["detail"] for p in report["problems"])


def test_problems_of_originals_come_in_capture_order_whatever_thread_hashed_them(evidence, cited, monkeypatch):
    from archive import verify as verification
    monkeypatch.setattr(verification, "CHUNK", 1)  # every capture in a chunk of its own, hashed ahead
    missing, changed = _blob(cited, _sha(evidence, 1)), _blob(cited, _sha(evidence, 3))
    os.chmod(missing, 0o644)
    missing.unlink()
    os.chmod(changed, 0o644)
    changed.write_bytes(changed.read_bytes() + b"\x00")
    code, report = _verify(evidence)
    assert code == 1
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("blob_missing", "capture 1"),
                                                                  ("blob_changed", "capture 3")]
    assert report["checked"]["blobs"] == 3 and report["checked"]["captures"] == 3
