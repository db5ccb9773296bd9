"""Who did what, as people and scripts read it: retraction with a reason (page, API, command line), a claim's
history, the activity of an actor, the audit view and GET /api/ledger with their filters, all escaped."""

import json
from pathlib import Path

import pytest

from app import cli
from archive.actors import acting_as
from archive.archive import Archive
from archive.bundle import build_bundle
from archive.bundlecheck import verify_bundle
from ingest.pipeline import Limits, capture_upload
from web import history as history_pages

TEXT = b"Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs records show."
SCRIPT = "<script>alert('x')</script>"
JSON = {"X-Requested-With": "test"}


@pytest.fixture
def told(app):
    """A claim captured, cited and judged by three people, one citation retracted: ids of what was made."""
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        with acting_as("user:archivist"):
            capture_id = archive.add(capture_upload("a.txt", TEXT, Limits())).capture.id
        with acting_as("user:reporter"):
            claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
            kept = archive.cite(claim.id, capture_id, "drones worth $1.23 million")
            dropped = archive.cite(claim.id, capture_id, "customs records show", stance="context")
        with acting_as("user:editor"):
            archive.set_claim_status(claim.id, "supported", "customs table")
            archive.remove_citation(dropped.id, reason="not about the figure")
    return {"capture": capture_id, "claim": claim.id, "kept": kept.id, "dropped": dropped.id}


# -- retraction with a reason ---------------------------------------------------------------------

def test_a_retracted_citation_stays_in_the_api_marked_with_who_when_and_why(client, told):
    shown = client.get(f"/api/claims/{told['claim']}").json
    by_id = {c["id"]: c for c in shown["citations"]}
    assert sorted(by_id) == [told["kept"], told["dropped"]]
    assert by_id[told["kept"]]["retracted"] is False and by_id[told["kept"]]["created_by"] == "user:reporter"
    dropped = by_id[told["dropped"]]
    assert dropped["retracted"] is True and dropped["retracted_by"] == "user:editor"
    assert dropped["reason"] == "not about the figure" and dropped["retracted_at"] >= dropped["created_at"]


def test_delete_takes_an_optional_reason(client, told):
    with Archive(client.application.config["EVIDENCE_HOME"]) as archive:
        again = archive.cite(told["claim"], told["capture"], "customs records show").id
        third = archive.cite(told["claim"], told["capture"], "to Russia in 2022").id
    assert client.delete(f"/api/citations/{again}", json={"reason": "duplicate"}).json == {"removed": again}
    assert client.delete(f"/api/citations/{third}", headers=JSON).status_code == 200
    citations = {c["id"]: c for c in client.get(f"/api/claims/{told['claim']}").json["citations"]}
    assert citations[again]["reason"] == "duplicate" and citations[third]["reason"] is None
    assert citations[third]["retracted"] is True


@pytest.mark.parametrize("body", [[1], "why", {"reason": 5}, {"reason": "x" * 10_001}])
def test_delete_refuses_a_reason_that_is_not_text(client, told, body):
    response = client.delete(f"/api/citations/{told['kept']}", json=body)
    assert response.status_code == 400 and response.json["error"].endswith(".")
    assert client.get(f"/api/claims/{told['claim']}").json["citations"][0]["retracted"] is False


def test_a_citation_is_retracted_once(client, told):
    assert client.delete(f"/api/citations/{told['dropped']}", json={"reason": "again"}).status_code == 404


def test_the_page_asks_for_a_reason_and_shows_the_retraction(client, told):
    page = client.get(f"/claims/{told['claim']}").text
    assert 'name="reason"' in page and "Retract citation" in page
    assert client.post(f"/citations/{told['kept']}/remove", data={"reason": "the table was revised"}).status_code == 302
    page = client.get(f"/claims/{told['claim']}").text
    assert "Retracted citations (2)" in page and "the table was revised" in page and "not about the figure" in page
    assert "No citations yet" in page
    assert page.count('class="badge retracted"') == 2


def test_the_command_line_retracts_and_shows_retractions(runner, tmp_path):
    home = tmp_path / "home"
    source = tmp_path / "a.txt"
    source.write_bytes(TEXT)

    def run(*args, actor="alice"):
        return runner.invoke(cli, ["--home", str(home), *args], env={"EVIDENCE_ACTOR": actor})

    assert run("ingest", str(source)).exit_code == 0
    assert run("claim", "add", "Drones worth $1.23 million").exit_code == 0
    assert run("claim", "cite", "1", "1", "drones worth $1.23 million", actor="bob").exit_code == 0
    retracted = run("claim", "retract", "1", "--reason", "wrong year", actor="carol")
    assert retracted.exit_code == 0 and retracted.output == "Citation #1 retracted.\n"
    shown = run("claim", "show", "1").output
    assert "#1 RETRACTED" in shown and "by local:carol: wrong year" in shown
    assert "local:bob  cited capture #1 for claim #1 (citation #1)" in shown
    citation = json.loads(run("claim", "show", "1", "--json").output)["citations"][0]
    assert (citation["retracted"], citation["retracted_by"], citation["reason"], citation["created_by"]) == \
        (True, "local:carol", "wrong year", "local:bob")
    again = run("claim", "retract", "1")
    assert again.exit_code == 1 and again.output == "Error: there is no citation 1 in this archive\n"
    assert run("verify").exit_code == 0


def test_a_bundle_of_a_claim_with_retractions_and_actors_still_checks(app, told, tmp_path):
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        build_bundle(archive, told["claim"], tmp_path / "claim.zip")
    report = verify_bundle(tmp_path / "claim.zip")
    assert report.ok, report.problems


# -- a claim's history ----------------------------------------------------------------------------

def test_the_claim_history_names_who_did_each_thing(client, told):
    history = client.get(f"/api/claims/{told['claim']}").json["history"]
    assert [(e["event"], e["actor"]) for e in history] == [
        ("claim.created", "user:reporter"), ("citation.added", "user:reporter"), ("citation.added", "user:reporter"),
        ("claim.status_changed", "user:editor"), ("citation.removed", "user:editor")]
    page = client.get(f"/claims/{told['claim']}").text
    section = page[page.index("<h2>History</h2>"):]
    assert section.index("retracted citation") < section.index("created claim")  # newest first
    for name in ("user:reporter", "user:editor"):
        assert f'href="/activity/{name}"' in section
    assert "set claim #1 to supported (customs table)" in section
    assert "Cited by</dt><dd class=\"cited-by\"><a href=\"/activity/user:reporter\">user:reporter</a>" in page


# -- activity and audit -----------------------------------------------------------------------------

def test_the_activity_of_an_actor_newest_first_and_paginated(client, told, monkeypatch):
    page = client.get("/activity/user:reporter").text
    assert "3 events in the ledger name user:reporter" in page
    assert page.index("(citation #2)") < page.index("created claim #1")
    assert "user:editor" not in page
    monkeypatch.setattr(history_pages, "PER_PAGE", 2)
    first, second = client.get("/activity/user:reporter").text, client.get("/activity/user:reporter?page=2").text
    assert first.count('<tr class="event') == 2 and second.count('<tr class="event') == 1
    assert 'href="/activity/user:reporter?page=2"' in first
    assert client.get("/activity/nobody").status_code == 200


def test_the_audit_view_filters_and_shows_each_entrys_hash(client, told):
    entries = client.get("/api/ledger").json["entries"]
    page = client.get("/audit").text
    assert all(e["hash"] in page for e in entries)
    editor = client.get("/audit?actor=user:editor").text
    assert editor.count('<tr class="event') == 2 and "2 matching events" in editor
    removed = client.get("/audit?event=citation.removed").text
    assert removed.count('<tr class="event') == 1 and "not about the figure" in removed
    assert f'href="/claims/{told["claim"]}#citation-{told["dropped"]}"' in removed
    subject = client.get("/audit?subject=claim+1").text
    assert subject.count('<tr class="event') == 2  # created and status changed; citations are subjects of their own
    assert client.get("/audit?until=2000-01-01").text.count('<tr class="event') == 0
    bad = client.get("/audit?since=yesterday")
    assert bad.status_code == 400 and "The since must be a date or a time" in bad.text


def test_pages_name_no_local_files_path(app, client, tmp_path):
    from ingest.pipeline import capture
    from ingest.sources import SourceItem

    secret = tmp_path / "private-folder" / "notes.txt"
    secret.parent.mkdir()
    secret.write_bytes(TEXT)
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        archive.add(capture(SourceItem(str(secret), False), Limits()))
    page = client.get("/audit").text
    assert "captured #1" in page and "private-folder" not in page


def test_the_ledger_api_filters_for_scripts(client, told):
    everything = client.get("/api/ledger").json
    assert everything["total"] == len(everything["entries"]) == 6
    assert [e["seq"] for e in everything["entries"]] == sorted((e["seq"] for e in everything["entries"]), reverse=True)
    first = everything["entries"][-1]
    assert first["event"] == "capture.added" and first["actor"] == "user:archivist" and len(first["hash"]) == 64

    def seqs(query):
        return [e["seq"] for e in client.get("/api/ledger?" + query).json["entries"]]

    assert seqs("actor=user:reporter") == [4, 3, 2]
    assert seqs("event=claim") == [5, 2] and seqs("event=citation.added") == [4, 3]
    assert seqs("subject=citation+%232") == [6, 4] and seqs("subject=2") == [6, 4]
    assert seqs("subject=claim+4") == [] and seqs("subject=claim+1&event=citation") == []
    today = first["at"][:10]
    assert len(seqs(f"since={today}&until={today}")) == 6
    assert seqs(f"until={first['at']}") == [1]  # a time given as until is included
    assert seqs(f"since={first['at']}&actor=user:editor&limit=1&offset=1") == [5]
    paged = client.get("/api/ledger?limit=2&offset=2").json
    assert paged["total"] == 6 and [e["seq"] for e in paged["entries"]] == [4, 3]


@pytest.mark.parametrize("query", ["since=tomorrow", "until=2026-13-01", "event=Claim%3Bdrop", "subject=claim",
                                   "limit=0", "limit=x", "offset=-1", "actor=" + "a" * 201, "until=9999-12-31"])
def test_the_ledger_api_refuses_unreadable_filters_in_one_sentence(client, told, query):
    response = client.get("/api/ledger?" + query)
    assert response.status_code == 400 and response.json["error_kind"] == "invalid"
    assert response.json["error"].count(". ") == 0 and response.json["error"].endswith(".")


def test_entries_whose_data_was_edited_into_no_json_do_not_break_the_filters(app, client, told):
    import sqlite3

    db = sqlite3.connect(Path(app.config["EVIDENCE_HOME"]) / "catalog.db")
    db.execute("DROP TRIGGER IF EXISTS ledger_no_update")
    db.execute("UPDATE ledger SET data = 'not json' WHERE seq = 2")
    db.commit()
    db.close()
    listed = client.get("/api/ledger?actor=user:reporter").json
    assert [e["seq"] for e in listed["entries"]] == [4, 3]
    assert client.get("/audit").status_code == 200
    assert client.get(f"/claims/{told['claim']}").status_code == 200


# -- hostile names and reasons --------------------------------------------------------------------

def test_script_payloads_in_actor_names_and_reasons_are_escaped(app, client):
    actor = f"user:{SCRIPT}"
    with Archive(app.config["EVIDENCE_HOME"]) as archive, acting_as(actor):
        capture_id = archive.add(capture_upload("a.txt", TEXT, Limits())).capture.id
        claim = archive.add_claim("Drones")
        citation = archive.cite(claim.id, capture_id, "drones worth")
        archive.remove_citation(citation.id, reason=f"because {SCRIPT}")
    for path in (f"/claims/{claim.id}", "/audit", f"/activity/{actor}", "/audit?actor=" + actor):
        page = client.get(path)
        assert page.status_code == 200, path
        assert SCRIPT not in page.text and "&lt;script&gt;" in page.text, path
    assert client.get("/api/ledger").json["entries"][0]["data"]["reason"] == f"because {SCRIPT}"


# -- in a real browser ----------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
HOSTILE_ACTOR = "<img src=x onerror=alert('actor')>"


@pytest.mark.browser
def test_hostile_actor_names_and_reasons_stay_text_in_a_real_browser(tmp_path):
    """Serve an archive whose operator's name is markup, retract through the page's form with a script as the
    reason, and open the claim, activity and audit pages in Chromium: nothing runs, everything reads as text."""
    import os
    import sys

    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    from tests.serving import served
    from tests.test_browser import FLAGS

    home = tmp_path / "home"
    with Archive(home) as archive, acting_as(f"user:{SCRIPT}"):
        capture_id = archive.add(capture_upload("a.txt", TEXT, Limits())).capture.id
        claim = archive.add_claim("Drones worth $1.23 million")
        archive.cite(claim.id, capture_id, "drones worth $1.23 million")
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "EVIDENCE_ACTOR": HOSTILE_ACTOR}
    command = [sys.executable, "-m", "app", "--home", str(home), "serve", "--port", "0"]
    with served(command, Path(__file__).parents[1], environment) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            tab = browser.new_page()
            dialogs: list[str] = []
            tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            tab.goto(f"{base}/claims/{claim.id}")
            tab.fill("form.remove input[name=reason]", f"because {SCRIPT}")
            tab.click("form.remove button")
            tab.wait_for_url(f"{base}/claims/{claim.id}")
            retracted = tab.inner_text("section.retracted")
            assert f"because {SCRIPT}" in retracted and f"local:{HOSTILE_ACTOR}" in retracted
            assert f"user:{SCRIPT}" in tab.inner_text(".cited-by")
            for path in (f"/activity/local:{HOSTILE_ACTOR}", "/audit"):
                tab.goto(base + path)
                assert f"local:{HOSTILE_ACTOR}" in tab.inner_text("table.events")
            assert dialogs == []
        finally:
            browser.close()
