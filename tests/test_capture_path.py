"""One capture path: the command line, the web, the API and recapture all capture through Archive.capture, and
what went wrong is told by an error's kind, from which exit and HTTP codes follow."""

from __future__ import annotations

import json

from archive.archive import Archive
from ingest.pipeline import Limits
from ingest.sources import SourceItem, Upload
from tests.documents import html_page

ARTICLE = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia, customs data show. " * 6 + "</p>"
LOCAL = Limits(allow_private=True, time_limit=60)


def test_one_call_captures_paths_urls_and_uploads_with_one_result_each(tmp_path, http_server):
    (tmp_path / "notes.txt").write_text("Customs records list 500 drones exported in 2022.\n")
    page = http_server.serve("/a", html_page("Served", ARTICLE))
    with Archive(tmp_path / "home") as archive:
        results = list(archive.capture([str(tmp_path / "notes.txt"), SourceItem(page, True),
                                        Upload("scan.html", html_page("Uploaded", ARTICLE + "<p>Another.</p>").encode()),
                                        str(tmp_path / "missing.pdf")], LOCAL))
        assert [r.status for r in results] == ["failed", "captured", "captured", "captured"]  # known results first
        assert results[0].error_kind == "not_found" and "missing.pdf" in results[0].error
        assert {r.capture.method for r in results[1:]} == {"file", "http", "upload"}
        assert archive.search("drones").total == 3


def test_a_url_given_as_meant_is_never_read_as_a_path(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Private text on the server that must never be captured from a web form.\n")
    with Archive(tmp_path / "home") as archive:
        result = archive.capture_one(SourceItem(str(secret), True), LOCAL)
        assert result.status == "failed" and result.error_kind == "refused"
        assert archive.count_captures() == 0


def test_recapture_tells_the_previous_version_and_what_became_of_cited_quotes(tmp_path, http_server):
    url = http_server.serve("/story", html_page("Story", ARTICLE))
    with Archive(tmp_path / "home") as archive:
        first = archive.capture_one(SourceItem(url, True), LOCAL).capture
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
        archive.cite(claim.id, first.id, "drones worth $1.23 million to Russia", position=0)  # the first of six
        unchanged = archive.recapture(first.id, LOCAL)
        assert unchanged.result.status == "exists" and unchanged.previous is None
        http_server.serve("/story", html_page("Story", ARTICLE.replace("$1.23 million", "$1.5 million")))
        changed = archive.recapture(url, LOCAL)
        assert changed.result.status == "captured" and changed.previous.id == first.id
        assert changed.tracking and {t.status for _c, _n, t in changed.tracking} == {"changed"}


def test_a_failed_capture_answers_by_its_kind_in_the_api_and_in_ingest_json(client, http_server, evidence,
                                                                           tmp_path):
    refused = client.post("/api/captures", json={"url": "ftp://example.org/file"})
    assert refused.status_code == 400 and refused.json["error_kind"] == "refused"
    broken = client.post("/api/captures", json={"url": http_server.url("/missing")})
    assert broken.status_code == 422 and broken.json["error_kind"] == "unprocessable"
    assert "404" in broken.json["error"]
    unknown = client.get("/api/captures/99")
    assert unknown.status_code == 404 and unknown.json["error_kind"] == "not_found"
    lines = evidence("ingest", "--json", str(tmp_path / "nowhere.html"))
    assert lines.exit_code == 1
    assert json.loads(lines.output.splitlines()[0])["error_kind"] == "not_found"


def test_exit_codes_follow_the_kind_of_error(evidence):
    assert evidence("claim", "add", "   ").exit_code == 2  # a value the user can correct: a usage error
    assert evidence("show", "7").exit_code == 1  # names nothing
