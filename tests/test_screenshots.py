"""A browser capture on the web (web/screenshots.py, templates/_screenshot.html): captured from the Add page and the
API, its screenshot beside its text with cited passages boxed, the part served as what it is, a claim page
showing the screenshot around each citation."""

from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest

from app import create_app
from archive.archive import Archive
from archive.bundlecheck import verify_bundle
from tests.documents import html_page
from tests.test_bundle import _rewrite

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")]

CITED = "Customs records show exports of 1.23 million dollars of drones to Russia in 2022."
PAGE = html_page("Drone exports", '<div id="story"></div>', extra_head=(
    "<script>addEventListener('DOMContentLoaded', () => { document.getElementById('story').innerHTML = "
    f"'<p>{CITED}</p><p>' + 'Officials declined to comment on the drones. '.repeat(6) + '</p>'; }});</script>"))


@pytest.fixture(scope="module")
def site(tmp_path_factory, request):
    """The app with one browser capture made through the Add page (a page whose text a script writes), one
    plain capture, and a claim citing the browser capture; returns (app, browser capture id, claim id)."""
    from tests.local_server import LocalServer

    server = LocalServer()
    request.addfinalizer(server.close)
    home = tmp_path_factory.mktemp("screenshots")
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(home), "WTF_CSRF_ENABLED": False,
                      "ALLOW_PRIVATE_URLS": True, "SECRET_KEY": "test"})
    client = app.test_client()
    page = client.post("/add", data={"urls": server.serve("/story", PAGE), "browser": "1"})
    assert page.status_code == 200 and "captured in a browser" in page.text, page.text[-2000:]
    plain = client.post("/add", data={"urls": server.serve("/plain", html_page("Plain", f"<p>{CITED}</p>" * 3))})
    assert plain.status_code == 200
    with Archive(home) as archive:
        browser_capture = next(c for c in archive.list_captures() if c.method == "browser")
        claim = archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
        archive.cite(claim.id, browser_capture.id, CITED)
    return app, browser_capture.id, claim.id


def test_the_capture_page_shows_the_screenshot_beside_the_text_with_the_cited_passage_boxed(site):
    app, capture_id, _ = site
    page = app.test_client().get(f"/captures/{capture_id}")
    assert page.status_code == 200
    assert '<div class="beside">' in page.text and "As the browser showed it" in page.text
    assert f'<image href="/captures/{capture_id}/parts/screenshot"' in page.text
    [cited] = re.findall(r'<rect class="mark cited" x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)">', page.text)
    x, y, width, height = map(int, cited)
    assert 0 <= x < 100 and 0 < y < 400 and width > 300 and 10 < height < 80  # the first paragraph, one line
    assert "screenshot.js" in page.text and "style=" not in page.text.split("<main>")[1]  # no inline style


def test_a_passage_pointed_at_is_boxed_as_the_hit(site):
    app, capture_id, _ = site
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        text = archive.get(capture_id, with_text=True).text
    start = text.index("Officials declined")
    page = app.test_client().get(f"/captures/{capture_id}?at={start}&to={start + 18}")
    assert len(re.findall(r'<rect class="mark hit"', page.text)) == 1


def test_the_screenshot_and_layout_are_served_as_what_they_are(site):
    app, capture_id, _ = site
    client = app.test_client()
    screenshot = client.get(f"/captures/{capture_id}/parts/screenshot")
    assert screenshot.status_code == 200 and screenshot.data.startswith(b"\x89PNG")
    assert screenshot.headers["Content-Type"] == "image/png"
    assert screenshot.headers["X-Content-Type-Options"] == "nosniff"
    assert screenshot.headers["Content-Security-Policy"].startswith("sandbox")
    assert screenshot.headers["Content-Disposition"] == f'inline; filename="capture-{capture_id}-screenshot.png"'
    assert "immutable" in screenshot.headers["Cache-Control"]
    layout = client.get(f"/captures/{capture_id}/parts/layout")
    assert layout.headers["Content-Type"] == "application/json" and json.loads(layout.data)["blocks"]
    assert client.get(f"/captures/{capture_id}/parts/original").status_code == 404
    assert client.get(f"/captures/{capture_id}/parts/%3Cscript%3E").status_code == 404


def test_a_plain_capture_has_no_screenshot(site):
    app, capture_id, _ = site
    client = app.test_client()
    page = client.get(f"/captures/{capture_id + 1}")
    assert page.status_code == 200 and "As the browser showed it" not in page.text
    assert client.get(f"/captures/{capture_id + 1}/parts/screenshot").status_code == 404


def test_the_claim_page_shows_the_screenshot_around_the_citation(site):
    app, capture_id, claim_id = site
    page = app.test_client().get(f"/claims/{claim_id}")
    [view] = re.findall(r'<figure class="screenshot cropped">\s*<div class="screenshot-frame">\s*'
                        r'<svg viewBox="0 (\d+) 1280 (\d+)"', page.text)
    [cited] = re.findall(r'<rect class="mark cited" x="\d+" y="(\d+)"', page.text)
    top, height = map(int, view)
    assert top <= int(cited) < top + height


def test_the_api_captures_in_a_browser_when_asked(site, http_server):
    app, _, _ = site
    client = app.test_client()
    url = http_server.serve("/api-story", PAGE.replace("<h1>Drone exports", "<h1>Drone exports, by the API"))
    answer = client.post("/api/captures", json={"url": url, "browser": True})
    assert answer.status_code == 201, answer.json
    assert answer.json["capture"]["method"] == "browser" and answer.json["capture"]["parts"]
    refused = client.post("/api/captures", json={"url": url, "browser": "yes"})
    assert refused.status_code == 400 and '"browser" is true' in refused.json["error"]


def test_a_region_of_the_screenshot_is_cited_boxed_and_bundled(site, tmp_path):
    app, capture_id, _ = site
    client = app.test_client()
    page = client.get(f"/captures/{capture_id}").text
    assert 'data-region-page="1"' in page and 'id="cite-region"' in page and "region.js" in page
    answer = client.post(f"/captures/{capture_id}/cite", data={
        "region": "1:0,0,600,120", "new_claim": "The page's header names the customs office", "stance": "context"})
    assert answer.status_code == 302
    claim = client.get(answer.headers["Location"])
    assert '<figure class="screenshot cropped region">' in claim.text
    assert f'<image href="/captures/{capture_id}/parts/screenshot"' in claim.text
    assert '<rect class="mark cited" x="0" y="0" width="600" height="120">' in claim.text
    assert '<rect class="mark cited" x="0" y="0" width="600" height="120">' in client.get(f"/captures/{capture_id}").text
    claim_id = int(answer.headers["Location"].split("/claims/")[1].split("#")[0])
    bundle = tmp_path / "claim.zip"
    bundle.write_bytes(client.get(f"/claims/{claim_id}/bundle").data)
    with zipfile.ZipFile(bundle) as opened:
        [shot] = [name for name in opened.namelist() if name.startswith("parts/")]
        assert opened.read(shot) == client.get(f"/captures/{capture_id}/parts/screenshot").data
    assert verify_bundle(bundle).ok
    swapped = _rewrite(bundle, tmp_path / "swapped.zip", lambda files: files.update({shot: files[shot] + b"\0"}))
    assert "picture_mismatch" in {p.kind for p in verify_bundle(swapped).problems}
