"""`evidence ingest --browser`: a page whose text a script writes, captured as Chromium shows it, searchable, its
screenshot, layout and visit stored and verified, exported as WARC a replay tool can use, recaptured alike."""

from __future__ import annotations

import io
import json
import shutil
import struct

import pytest
from warcio.archiveiterator import ArchiveIterator

from app import cli
from archive.archive import Archive
from tests.documents import html_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")]

WRITTEN = "Customs records show exports of 1.23 million dollars of drones to Russia in 2022."
# The text is not in the HTML: a script writes it, after fetching a part of it.
SCRIPTED = html_page("Drone exports", '<div id="story"></div><img src="/pixel">', extra_head=(
    '<link rel="stylesheet" href="/style.css"><script defer src="/story.js"></script>'))
STORY_JS = ("fetch('/figure.json').then(r => r.json()).then(d => { document.getElementById('story').innerHTML ="
            " '<p>Customs records show exports of ' + d.figure + ' of drones to Russia in 2022.</p>' +"
            " '<p>' + 'Officials declined to comment on the shipments of drones. '.repeat(5) + '</p>'; });")
GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00"
       b"\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


@pytest.fixture
def scripted(http_server):
    """A page that writes its text with JavaScript from a JSON answer; its image comes through a redirect."""
    http_server.serve("/story.js", STORY_JS, content_type="text/javascript")
    http_server.serve("/figure.json", json.dumps({"figure": "1.23 million dollars"}), content_type="application/json")
    http_server.serve("/style.css", "p { font-family: serif; }", content_type="text/css")
    http_server.redirect("/pixel", "/pixel.gif")
    http_server.serve("/pixel.gif", GIF, content_type="image/gif")
    return http_server.serve("/story", SCRIPTED)


def records_of(data: bytes) -> list[tuple]:
    found = []
    iterator = ArchiveIterator(io.BytesIO(data), check_digests=True)
    for record in iterator:
        found.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                      record.rec_headers.get_header("Content-Type"), record.content_stream().read(),
                      record.digest_checker.passed))
        iterator.read_to_end()
    return found


def test_ingest_browser_captures_what_the_script_wrote(evidence, home, scripted, http_server):
    result = evidence("ingest", "--browser", "--allow-private", "--json", scripted)
    assert result.exit_code == 0, result.output
    line = json.loads(result.output)
    assert line["status"] == "captured"
    capture = line["capture"]
    assert (capture["method"], capture["kind"], capture["media_type"]) == ("browser", "html", "text/html")
    assert capture["url"] == capture["final_url"] == scripted and capture["http_status"] == 200
    assert capture["tools"]["chromium"] and capture["tools"]["playwright"] and capture["tools"]["trafilatura"]
    said = " ".join(capture["notes"])
    assert "captured in a browser: Chromium" in said and "viewport 1280×900" in said
    assert "user agent Mozilla/5.0" in said and "HeadlessChrome" not in said
    assert "the page's load settled at 20" in said

    found = json.loads(evidence("search", "--json", '"exports of 1.23 million dollars"').output)
    assert [hit["capture_id"] for hit in found["hits"]] == [capture["id"]]
    with Archive(home) as archive:
        stored = archive.get(capture["id"], with_text=True)
        assert WRITTEN in stored.text
        assert b"exports of 1.23 million dollars" in archive.original(stored)  # the rendered DOM, not the HTML
        screenshot = archive.part(stored, "screenshot")
        assert screenshot.startswith(b"\x89PNG") and struct.unpack(">I", screenshot[16:20])[0] == 1280
        layout = json.loads(archive.part(stored, "layout"))
        assert layout["width"] == 1280 and any(b["text"] == WRITTEN for b in layout["blocks"])
        visit = records_of(archive.exchange(stored))
    assert all(passed is True for *_, passed in visit)
    answered = sorted(uri for kind, uri, *_ in visit if kind == "response")
    assert answered == sorted(http_server.url(path) for path in ("/story", "/style.css", "/story.js", "/pixel",
                                                                 "/pixel.gif", "/figure.json"))
    assert [kind for kind, *_ in visit].count("request") == len(answered)
    [note] = [body for kind, _, _, body, _ in visit if kind == "metadata"]
    assert json.loads(note)["visit"]["browser"].startswith("Chromium ")
    report = json.loads(evidence("verify", "--json", "--reextract").output)
    assert report["ok"] and report["checked"]["parts"] == 2 and report["checked"]["exchange_warcs"] == 1


def test_export_writes_the_dom_the_screenshot_and_every_exchange_for_replay(evidence, home, scripted, tmp_path,
                                                                             runner):
    assert evidence("ingest", "--browser", "--allow-private", scripted).exit_code == 0
    out = tmp_path / "browser.warc.gz"
    assert evidence("export", "--warc", str(out), "1").exit_code == 0
    records = records_of(out.read_bytes())
    assert all(passed is not False for *_, passed in records)
    provenance = records[1]
    assert provenance[0] == "metadata" and provenance[1] == f"urn:evidence:provenance:urn:dom:{scripted}"
    assert records[2][:3] == ("resource", f"urn:dom:{scripted}", "text/html")
    assert records[3][:3] == ("resource", f"urn:fullPage:{scripted}", "image/png")
    assert records[3][3].startswith(b"\x89PNG")
    assert records[4][:3] == ("resource", f"urn:evidence:layout:{scripted}", "application/json")
    replayable = {uri for kind, uri, *_ in records if kind == "response"}
    assert scripted in replayable and any(uri.endswith("/figure.json") for uri in replayable)
    assert {uri for kind, uri, *_ in records if kind == "request"} == replayable
    page = next(body for kind, uri, _, body, _ in records if kind == "response" and uri == scripted)
    assert b'<div id="story"></div>' in page  # the page as the server sent it, for replay to run again

    elsewhere = runner.invoke(cli, ["--home", str(tmp_path / "second"), "ingest", "--json", str(out)])
    assert elsewhere.exit_code == 0, elsewhere.output
    lines = [json.loads(line) for line in elsewhere.output.splitlines()]
    [back] = [line["capture"] for line in lines if line["status"] == "captured"]
    with Archive(home) as archive:
        first = archive.get(1)
    assert (back["method"], back["sha256"], back["text_sha256"]) == ("browser", first.sha256, first.text_sha256)
    [skipped] = [line["error"] for line in lines if line["status"] == "skipped"]
    assert "browser visit records skipped" in skipped  # the visit's records are the capture's, not captures



def test_recapture_of_a_browser_capture_uses_the_browser_again(evidence, home, scripted, http_server):
    assert evidence("ingest", "--browser", "--allow-private", scripted).exit_code == 0
    http_server.serve("/figure.json", json.dumps({"figure": "2.5 million dollars"}), content_type="application/json")
    result = evidence("recapture", "--allow-private", "--json", "1")
    assert result.exit_code == 0, result.output
    again = json.loads(result.output)["capture"]
    assert again["method"] == "browser" and again["previous_id"] == 1
    with Archive(home) as archive:
        assert "exports of 2.5 million dollars" in archive.get(again["id"], with_text=True).text


def test_a_failed_browser_capture_writes_nothing(evidence, home, http_server):
    url = http_server.serve("/gone", "<p>gone</p>", status=404)
    result = evidence("ingest", "--browser", "--allow-private", "--json", url)
    assert result.exit_code == 1
    line = json.loads(result.output)
    assert line["status"] == "failed" and line["error"] == f"{url}: the server answered HTTP 404 Not Found"
    assert not any(path.is_file() for path in (home / "blobs").rglob("*"))
    with Archive(home) as archive:
        assert archive.count_captures() == 0


def test_browser_takes_urls_only(evidence, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(html_page("Saved", "<p>saved</p>"))
    result = evidence("ingest", "--browser", str(page))
    assert result.exit_code == 2 and "--browser captures web pages" in result.output
