"""Each fetch is an observation: fetching bytes already archived records the URL, time, status and headers."""

from __future__ import annotations

import json
import sqlite3

from tests.documents import html_page, write

PAGE = html_page("Drone exports", "<p>" + "Kazakhstan exported $1.23 million of drones to Russia. " * 5 + "</p>")


def _show(evidence, capture_id: int) -> dict:
    return json.loads(evidence("show", str(capture_id), "--json").output)


def test_a_url_serving_bytes_archived_from_a_file_is_observed(evidence, http_server, tmp_path, home):
    path = write(tmp_path / "saved.html", PAGE)
    assert evidence("ingest", str(path)).exit_code == 0
    url = http_server.serve("/story", PAGE, headers={"X-Served-By": "test-server"})
    line = json.loads(evidence("ingest", "--allow-private", "--json", url).output)
    assert line["status"] == "exists" and line["capture"]["id"] == 1
    observations = _show(evidence, 1)["observations"]
    assert len(observations) == 1
    seen = observations[0]
    assert seen["url"] == url and seen["http_status"] == 200 and seen["method"] == "http"
    assert seen["http_headers"]["x-served-by"] == "test-server" and seen["observed_at"].endswith("Z")
    assert "Observed again" in evidence("show", "1").output
    ledger = sqlite3.connect(home / "catalog.db").execute(
        "SELECT data FROM ledger WHERE event = 'capture.observed'").fetchall()
    assert [json.loads(data)["url"] for (data,) in ledger] == [url]


def test_an_unchanged_recapture_is_an_observation_and_verify_holds_it(evidence, http_server, home):
    url = http_server.serve("/page", PAGE)
    assert evidence("ingest", "--allow-private", url).exit_code == 0
    result = evidence("recapture", "--allow-private", url)
    assert result.exit_code == 0 and "observation" in result.output
    assert evidence("recapture", "--allow-private", "--json", url).exit_code == 0
    assert [o["url"] for o in _show(evidence, 1)["observations"]] == [url, url]
    assert json.loads(evidence("verify", "--json").output)["ok"] is True
    db = sqlite3.connect(home / "catalog.db")
    db.execute("UPDATE observations SET http_status = 500 WHERE id = 2")
    db.commit()
    db.close()
    report = json.loads(evidence("verify", "--json").output)
    assert [(p["kind"], p["id"]) for p in report["problems"]] == [("catalog_mismatch", "observation 2")]


def test_observations_show_on_the_capture_page_and_in_the_api(app, client, http_server, tmp_path):
    from archive.archive import Archive
    from ingest.pipeline import Limits, capture
    from ingest.sources import SourceItem

    url = http_server.serve("/again", PAGE)
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        archive.add(capture(SourceItem(str(write(tmp_path / "p.html", PAGE)), False), Limits()))
        assert archive.add(capture(SourceItem(url, True), Limits(allow_private=True))).status == "exists"
    page = client.get("/captures/1").data.decode()
    assert "Observed again" in page and url in page and "HTTP 200" in page
    data = client.get("/api/captures/1").get_json()
    assert [o["url"] for o in data["observations"]] == [url]
