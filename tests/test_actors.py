"""Who did it: the current actor, and every ledger event naming it inside the hashed entry (command line, web
page, API), while ledgers written before actors were recorded still verify byte for byte."""

import json
import sqlite3
import threading
from pathlib import Path

import pytest

from app import cli
from archive import actors, sql_catalog
from archive.actors import acting_as, current_actor, local_operator, set_actor
from archive.archive import Archive
from archive.errors import InvalidInputError
from archive.ledger import ledger_hash
from ingest.pipeline import Limits, capture_upload

TEXT = b"Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs records show."


def _entries(home) -> list[dict]:
    db = sqlite3.connect(home / "catalog.db")
    db.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in db.execute("SELECT * FROM ledger ORDER BY seq")]
    finally:
        db.close()


def _actors(home) -> list[tuple[str, str | None]]:
    return [(e["event"], json.loads(e["data"]).get("actor")) for e in _entries(home)]


# -- the current actor ----------------------------------------------------------------------------

def test_the_local_operator_is_evidence_actor_or_the_os_user(monkeypatch):
    monkeypatch.setenv("EVIDENCE_ACTOR", "alice")
    assert local_operator() == "local:alice" and current_actor() == "local:alice"
    monkeypatch.setenv("EVIDENCE_ACTOR", "local:bob")
    assert local_operator() == "local:bob"
    monkeypatch.delenv("EVIDENCE_ACTOR")
    monkeypatch.setattr(actors.getpass, "getuser", lambda: "carol")
    assert local_operator() == "local:carol"


def test_acting_as_sets_the_actor_for_a_block_and_restores_it(monkeypatch):
    monkeypatch.setenv("EVIDENCE_ACTOR", "operator")
    with acting_as("user:alice"):
        assert current_actor() == "user:alice"
        with acting_as("user:bob"):
            assert current_actor() == "user:bob"
        assert current_actor() == "user:alice"
    assert current_actor() == "local:operator"


def test_another_thread_keeps_its_own_actor(monkeypatch):
    monkeypatch.setenv("EVIDENCE_ACTOR", "operator")
    seen = []
    with acting_as("user:alice"):
        thread = threading.Thread(target=lambda: seen.append(current_actor()))
        thread.start()
        thread.join()
    assert seen == ["local:operator"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 201, 5, None])
def test_an_unusable_actor_is_refused(name):
    with pytest.raises(InvalidInputError):
        set_actor(name)


# -- every event names its actor --------------------------------------------------------------------

def test_each_event_names_the_actor_it_was_written_under(tmp_path):
    home = tmp_path / "home"
    with Archive(home) as archive:
        with acting_as("user:archivist"):
            capture_id = archive.add(capture_upload("a.txt", TEXT, Limits())).capture.id
        with acting_as("user:reporter"):
            claim = archive.add_claim("Drones worth $1.23 million")
            citation = archive.cite(claim.id, capture_id, "drones worth $1.23 million")
        with acting_as("user:editor"):
            archive.set_claim_status(claim.id, "supported", "customs table")
            archive.remove_citation(citation.id, reason="a better source exists")
        assert archive.verify().ok
    assert _actors(home)[-5:] == [("capture.added", "user:archivist"), ("claim.created", "user:reporter"),
                                  ("citation.added", "user:reporter"), ("claim.status_changed", "user:editor"),
                                  ("citation.removed", "user:editor")]


def test_a_command_names_the_local_operator(home, tmp_path, runner):
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)
    assert runner.invoke(cli, ["--home", str(home), "ingest", str(source)],
                         env={"EVIDENCE_ACTOR": "alice"}).exit_code == 0
    assert runner.invoke(cli, ["--home", str(home), "claim", "add", "Drones"],
                         env={"EVIDENCE_ACTOR": "bob"}).exit_code == 0
    assert _actors(home)[-2:] == [("capture.added", "local:alice"), ("claim.created", "local:bob")]
    assert current_actor() == local_operator()  # a command's actor ends with it (tests run many in one process)


def test_a_command_with_an_unusable_evidence_actor_writes_nothing(home, runner):
    result = runner.invoke(cli, ["--home", str(home), "claim", "add", "Drones"],
                           env={"EVIDENCE_ACTOR": "x" * 300})
    assert result.exit_code == 2 and "actor is too long" in result.output
    assert not (home / "catalog.db").exists()


def test_web_pages_and_the_api_act_as_the_server_operator_in_single_user_mode(app, client, monkeypatch):
    from web import acting

    monkeypatch.setenv("EVIDENCE_ACTOR", "desk")
    monkeypatch.setattr(acting, "account_actor", None)
    assert client.post("/claims", data={"text": "Made on a page"}).status_code == 302
    assert client.post("/api/claims", json={"text": "Made through the API"}).status_code == 201
    assert _actors(Path(app.config["EVIDENCE_HOME"]))[-2:] == [("claim.created", "local:desk"), ("claim.created", "local:desk")]


def test_a_request_acts_as_the_account_when_there_are_accounts(app, client, monkeypatch):
    from web import acting

    monkeypatch.setattr(acting, "account_actor", lambda: "alice")
    assert client.post("/api/claims", json={"text": "Made by an account"}).status_code == 201
    assert _actors(Path(app.config["EVIDENCE_HOME"]))[-1] == ("claim.created", "user:alice")
    # The request's actor ends with the request: this thread acts as itself again.
    assert current_actor() == local_operator()


# -- old ledgers and edited actors ----------------------------------------------------------------

def test_a_ledger_written_before_actors_still_verifies_byte_for_byte(tmp_path, monkeypatch):
    home = tmp_path / "home"
    # The previous code path: entries appended without an actor, exactly as the archive wrote them before.
    monkeypatch.setattr(sql_catalog, "current_actor", lambda: None)
    with Archive(home) as archive:
        capture_id = archive.add(capture_upload("a.txt", TEXT, Limits())).capture.id
        claim = archive.add_claim("Drones worth $1.23 million")
        archive.cite(claim.id, capture_id, "drones worth")
    old = _entries(home)
    assert all("actor" not in json.loads(e["data"]) for e in old)
    assert all(ledger_hash(e["prev_hash"], e["seq"], e["at"], e["event"], e["subject"], e["data"]) == e["hash"]
               for e in old)
    monkeypatch.undo()
    with Archive(home) as archive, acting_as("user:editor"):
        archive.set_claim_status(claim.id, "supported")
        archive.remove_citation(1, reason="wrong page")
        report = archive.verify()
        assert report.ok, report.problems
        shown = archive.claim(claim.id, with_history=True)
    assert _entries(home)[:len(old)] == old
    assert [(e.event, e.actor) for e in shown.history] == [
        ("claim.created", None), ("citation.added", None), ("claim.status_changed", "user:editor"),
        ("citation.removed", "user:editor")]
    assert shown.retracted[0].created_by is None and shown.retracted[0].retracted_by == "user:editor"


def test_an_actor_edited_in_the_catalog_is_a_verify_problem(evidence, home, runner):
    assert runner.invoke(cli, ["--home", str(home), "claim", "add", "Drones"],
                         env={"EVIDENCE_ACTOR": "alice"}).exit_code == 0
    entry = _entries(home)[-1]
    db = sqlite3.connect(home / "catalog.db")
    db.execute("DROP TRIGGER IF EXISTS ledger_no_update")
    db.execute("UPDATE ledger SET data = ? WHERE seq = ?",
               [entry["data"].replace("local:alice", "local:mallory"), entry["seq"]])
    db.commit()
    db.close()
    result = evidence("verify", "--json")
    problems = json.loads(result.output)["problems"]
    assert result.exit_code != 0
    assert [(p["kind"], p["id"]) for p in problems] == [("ledger_changed", f"ledger entry {entry['seq']}")]
