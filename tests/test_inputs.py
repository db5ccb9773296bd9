"""Hostile values at every door: ids out of range, wrong JSON types, lone surrogates, over-long text."""

import re

import pytest

from archive.archive import Archive
from archive.errors import InvalidInputError, NotFoundError
from archive.inputs import CLAIM_MAX, NOTE_MAX, NOTES_MAX, QUOTE_MAX
from ingest.pipeline import Limits, capture_upload

HUGE = 2**70  # past SQLite's 64-bit integers: once an OverflowError (500) on every route taking an id
TEXT = "Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show."


@pytest.fixture
def stocked(app):
    """One capture and one claim, written through the archive itself."""
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        capture = archive.add(capture_upload("story.txt", TEXT.encode(), Limits())).capture
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones")
    return {"capture": capture.id, "claim": claim.id}


def _routes_with_ids(app):
    """Every rule that takes an id, with each id written as HUGE: (method, url). (A name such as the actor of
    /activity/<actor> is no id.)"""
    for rule in app.url_map.iter_rules():
        if "<int:" not in rule.rule or rule.endpoint == "static":
            continue
        url = re.sub(r"<int:[^>]+>", str(HUGE), rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield method, url


def test_an_id_past_sqlite_range_is_404_on_every_route(app, client, stocked):
    routes = list(_routes_with_ids(app))
    assert len(routes) >= 15  # pages and API alike
    for method, url in routes:
        response = client.open(url, method=method, json={"status": "false"} if url.startswith("/api/") else None)
        assert response.status_code == 404, (method, url, response.status_code)
        if url.startswith("/api/"):
            assert response.json["error"], url


@pytest.mark.parametrize("name", ["offset", "limit"])
def test_paging_arguments_out_of_range_are_400_in_the_api(client, stocked, name):
    for value in (str(HUGE), "-1", "ten", "1e3"):
        response = client.get(f"/api/captures?{name}={value}")
        assert response.status_code == 400, value
        assert name in response.json["error"]


def test_paging_arguments_out_of_range_are_clamped_on_pages(client, stocked):
    for url in (f"/captures?page={HUGE}", f"/?q=drones&page={HUGE}", "/captures?page=-5", "/?q=drones&page=x"):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("query", [f"limit={HUGE}", f"page={HUGE}", "near=nan", "near=inf", "near=-1",
                                   "limit=0"])
def test_search_arguments_out_of_range_are_400(client, stocked, query):
    response = client.get(f"/api/search?q=drones&{query}")
    assert response.status_code == 400 and response.json["error"]


def test_citation_ids_and_position_out_of_range(client, stocked):
    base = {"claim_id": stocked["claim"], "capture_id": stocked["capture"], "quote": "drones worth"}
    assert client.post("/api/citations", json={**base, "claim_id": HUGE}).status_code == 404
    assert client.post("/api/citations", json={**base, "capture_id": HUGE}).status_code == 404
    far = client.post("/api/citations", json={**base, "position": HUGE})
    assert far.status_code == 400 and "position" in far.json["error"]
    flag = client.post("/api/citations", json={**base, "claim_id": True})
    assert flag.status_code == 400, "true is not an id"


@pytest.mark.parametrize("field, value", [
    ("note", ["a list"]), ("note", {"an": "object"}), ("note", 5), ("stance", ["supports"]),
    ("quote", ["drones"]), ("note", "\ud800"), ("quote", "drones \udcff"),
])
def test_citation_fields_of_the_wrong_type_are_400(client, stocked, field, value):
    body = {"claim_id": stocked["claim"], "capture_id": stocked["capture"], "quote": "drones worth", field: value}
    response = client.post("/api/citations", json=body)
    assert response.status_code == 400, response.json
    assert field in response.json["error"]


@pytest.mark.parametrize("notes", [[1, 2], {"why": "x"}, 3, True, "\ud800"])
def test_claim_notes_of_the_wrong_type_are_400_and_nothing_is_stored(client, stocked, app, notes):
    response = client.patch(f"/api/claims/{stocked['claim']}", json={"status": "false", "notes": notes})
    assert response.status_code == 400 and "notes" in response.json["error"]
    assert client.get(f"/api/claims/{stocked['claim']}").json["status"] == "unchecked"
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        assert archive.verify().ok


@pytest.mark.parametrize("body", [[1, 2], "text", 5, None, {"text": ["a"]}, {"text": "\ud800"}, {"text": 7}])
def test_claim_bodies_that_are_not_a_claim_are_400(client, stocked, body):
    response = client.post("/api/claims", json=body)
    assert response.status_code == 400 and response.json["error"]


@pytest.mark.parametrize("body", [[1], {"url": ["http://x/"]}, {"url": "http://[::1"}, {"url": "http://a:99999/"},
                                  {"url": "http://" + "a" * 300 + "/"}, {"url": "http://\ud800/"},
                                  {"url": "http:///nohost"}, {"url": "http://exa mple.org/"}])
def test_capture_urls_that_are_not_urls_are_400(client, body):
    response = client.post("/api/captures", json=body)
    assert response.status_code == 400, response.json
    assert response.json["error"]


def test_malformed_json_is_400(client):
    response = client.post("/api/claims", data=b'{"text": ', content_type="application/json")
    assert response.status_code == 400 and response.json["error"]


# -- size limits: the facade refuses what no fact-checker writes, whichever door it came through ----

def test_a_ten_megabyte_claim_is_refused_with_its_limit(archive):
    with pytest.raises(InvalidInputError, match=f"{CLAIM_MAX:,} characters"):
        archive.add_claim("x" * 10_000_000)
    assert archive.claims() == []
    assert archive.add_claim("y" * CLAIM_MAX).text == "y" * CLAIM_MAX


def test_notes_and_quotes_over_their_limits_are_refused(archive):
    capture = archive.add(capture_upload("s.txt", TEXT.encode(), Limits())).capture
    claim = archive.add_claim("A claim")
    with pytest.raises(InvalidInputError, match=f"{NOTES_MAX:,} characters"):
        archive.set_claim_status(claim.id, "false", "n" * (NOTES_MAX + 1))
    with pytest.raises(InvalidInputError, match=f"{QUOTE_MAX:,} characters"):
        archive.cite(claim.id, capture.id, "q" * (QUOTE_MAX + 1))
    with pytest.raises(InvalidInputError, match=f"{NOTE_MAX:,} characters"):
        archive.cite(claim.id, capture.id, "drones worth", note="n" * (NOTE_MAX + 1))
    with pytest.raises(InvalidInputError, match=f"{CLAIM_MAX:,} characters"):
        archive.cite(None, capture.id, "drones worth", new_claim="c" * (CLAIM_MAX + 1))
    assert archive.claim(claim.id).status == "unchecked" and archive.claim(claim.id).citations == []
    assert [c.id for c in archive.claims()] == [claim.id]


def test_over_long_claims_are_refused_by_api_page_and_command(client, evidence):
    api = client.post("/api/claims", json={"text": "x" * (CLAIM_MAX + 1)})
    assert api.status_code == 400 and f"{CLAIM_MAX:,}" in api.json["error"]
    page = client.post("/claims", data={"text": "x" * (CLAIM_MAX + 1)})
    assert page.status_code == 400 and f"{CLAIM_MAX:,}" in page.text
    assert client.get("/api/claims").json["claims"] == []
    command = evidence("claim", "add", "x" * (CLAIM_MAX + 1))
    assert command.exit_code == 2 and f"{CLAIM_MAX:,}" in command.output


def test_text_that_is_not_unicode_is_refused_by_the_facade(archive):
    capture = archive.add(capture_upload("s.txt", TEXT.encode(), Limits())).capture
    with pytest.raises(InvalidInputError, match="claim"):
        archive.add_claim("bad \udcff bytes")  # what a command-line argument of invalid UTF-8 becomes
    claim = archive.add_claim("A claim")
    with pytest.raises(InvalidInputError, match="quote"):
        archive.cite(claim.id, capture.id, "drones\ud800")
    with pytest.raises(NotFoundError):
        archive.get(HUGE)
    with pytest.raises(NotFoundError):
        archive.claim(-HUGE)
    with pytest.raises(NotFoundError):
        archive.remove_citation(HUGE)


# -- queries: whoosh's parser is quadratic, so length and words are bounded before parsing -------------

def test_an_over_long_query_is_refused_before_parsing(archive):
    from archive.errors import QueryError
    from archive.inputs import QUERY_MAX, QUERY_WORDS_MAX

    archive.add(capture_upload("s.txt", TEXT.encode(), Limits()))
    with pytest.raises(QueryError, match=f"the limit is {QUERY_MAX:,} characters"):
        archive.search("a" * 20_000)  # 3 s in the parser before the bound, 100,000 letters 45 s
    with pytest.raises(QueryError, match=f"the limit is {QUERY_WORDS_MAX:,}"):
        archive.search(" ".join(["ab"] * (QUERY_WORDS_MAX + 1)))
    with pytest.raises(QueryError, match="lone surrogate"):
        archive.search("drones \udcff")
    passage = " ".join(["drone"] * QUERY_WORDS_MAX)
    assert len(passage) <= QUERY_MAX and archive.search(passage).total == 1


def test_an_over_long_query_is_a_plain_error_at_every_door(client, stocked, evidence):
    long_query = "a" * 20_000
    api = client.get(f"/api/search?q={long_query}")
    assert api.status_code == 400 and "2,000 characters" in api.json["error"]
    page = client.get(f"/?q={long_query}")
    assert page.status_code == 200 and "2,000 characters" in page.text
    command = evidence("search", long_query)
    assert command.exit_code == 2 and "2,000 characters" in command.output and "Traceback" not in command.output


# -- found by tests/test_fuzz.py ------------------------------------------------------------------

def test_json_nested_thousands_deep_is_400(client):
    response = client.post("/api/claims", data=b"[" * 5000, content_type="application/json")
    assert response.status_code == 400 and "nested" in response.json["error"]


def test_a_url_path_with_non_ascii_letters_is_fetched_percent_encoded(http_server):
    from ingest.fetch import fetch

    http_server.serve("/%C3%BCber", "<p>über</p>")
    loaded = fetch(http_server.url("/über"), allow_private=True)
    assert loaded.body == "<p>über</p>".encode() and http_server.log == ["/%C3%BCber"]


def test_output_of_a_name_of_invalid_utf8_is_escaped_not_a_traceback(home, tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    missing = os.fsdecode(bytes(tmp_path) + b"/report-\xff.txt")  # as the shell passes invalid UTF-8
    for flags in (["--json"], []):
        result = subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", *flags, missing],
                                capture_output=True, cwd=Path(__file__).parents[1],
                                env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr[-500:]
    line = json.loads(subprocess.run([sys.executable, "-m", "app", "--home", str(home), "ingest", "--json", missing],
                                     capture_output=True, cwd=Path(__file__).parents[1],
                                     env={**os.environ, "PYTHONIOENCODING": "utf-8"}).stdout)
    assert os.fsencode(line["source"]).endswith(b"report-\xff.txt")  # the name reads back to its bytes


@pytest.mark.parametrize("command, target", [("recapture", "9" * 5000), ("figures", "9" * 5000), ("recapture", "²"),
                                             ("figures", "²"), ("recapture", "\udced\udca0\udc80")])
def test_recapture_and_figures_of_odd_targets_fail_plainly(evidence, command, target):
    result = evidence(command, target)
    assert result.exit_code == 1 and "Error:" in result.output, result.output


def test_export_to_a_missing_folder_or_no_name_fails_plainly(evidence, tmp_path):
    evidence("claim", "add", "A claim")
    missing = evidence("export", "--warc", str(tmp_path / "no" / "such" / "x.warc.gz"), "--all")
    assert missing.exit_code == 1 and "No such file or directory" in missing.output
    nameless = evidence("export", "--warc", "", "--all")
    assert nameless.exit_code == 2 and "file name" in nameless.output


def test_serve_on_an_address_that_cannot_be_listened_on_fails_plainly(evidence):
    for host in ("203.0.113.7", "256.1.1.1", "\udcff"):
        result = evidence("serve", "--host", host, "--port", "5000")
        assert result.exit_code == 1 and "cannot listen on" in result.output, result.output
