"""Every page and API route through Flask's test client, on a real archive, including each error path."""

import io
import re

import pytest

from app import create_app
from archive.archive import Archive
from tests.documents import html_page, pdf_bytes
from tests.scans import needs_tesseract

ARTICLE = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia, customs data show. " * 6 + "</p>"
# Entity-escaped in the HTML, so the extracted TEXT holds live-looking markup: what an attacker would publish.
HOSTILE = ("<p>Before &lt;script&gt;alert('x')&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt; after; "
           "the text mentions drones more than once so trafilatura keeps it as the article body.</p>") * 4


@pytest.fixture
def filled(app):
    """Captures written through the archive itself, as the command line would."""
    from ingest.pipeline import Limits, capture_upload

    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        ids = {}
        for name, body in [("story.html", html_page("Drone story", ARTICLE)),
                           ("hostile.html", html_page("Hostile <b>title</b>", HOSTILE)),
                           ("report.pdf", pdf_bytes(["Cover", "Drones: USD 1,230,000. Drones again."])),
                           ("repeat.md", "The figure was 5. The figure was 5. The “quoted” words — here.")]:
            data = body.encode() if isinstance(body, str) else body
            ids[name] = archive.add(capture_upload(name, data, Limits())).capture.id
    return ids


def _csrf_token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


# -- pages -------------------------------------------------------------------------------------

def test_search_page_empty_archive(client):
    page = client.get("/")
    assert page.status_code == 200
    assert "0 captures in this archive" in page.text
    assert "Content-Security-Policy" in page.headers and "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_search_results_with_highlights_pages_and_links(client, filled):
    page = client.get("/?q=drones")
    assert "3 results for" in page.text
    assert "<mark>drones</mark>" in page.text or "<mark>Drones</mark>" in page.text
    assert f'/captures/{filled["report.pdf"]}?at=' in page.text
    assert "page 2" in page.text


def test_search_filters_become_query_fields(client, filled):
    page = client.get("/?q=drones&kind=pdf&captured_from=1990-01-01&captured_to=2100-12-31")
    assert "kind:pdf" in page.text and "captured:[1990-01-01 to 2100-12-31]" in page.text
    assert "1 result for" in page.text
    # The test PDF carries ReportLab's placeholder date, so it has no publication date to filter on.
    assert "0 results for" in client.get("/?q=drones&kind=pdf&published_from=1990-01-01").text
    assert "1 result for" in client.get("/?q=&kind=markdown").text


def test_no_results_shows_help(client, filled):
    page = client.get("/?q=zebra")
    assert "0 results" in page.text and "Nothing matches" in page.text


def test_bad_query_shows_the_error(client, filled):
    page = client.get("/?q=published:[banana%20to%20pear]")
    assert page.status_code == 200 and "dates are written" in page.text


def test_pagination(client, app):
    from ingest.pipeline import Limits, capture_upload
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        for i in range(13):
            archive.add(capture_upload(f"n{i}.txt", f"Drone note number {i}.".encode(), Limits()))
    first = client.get("/?q=drone")
    assert "13 results" in first.text and "Page 1 of 2" in first.text and 'rel="next"' in first.text
    second = client.get("/?q=drone&page=2")
    assert "Page 2 of 2" in second.text and second.text.count('class="hit"') == 3


def test_capture_page_shows_provenance_and_escapes_hostile_text(client, filled):
    page = client.get(f"/captures/{filled['hostile.html']}")
    assert page.status_code == 200
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    for label in ("SHA-256 of the original", "Captured at", "Media type", "Extracted with", "SHA-256 of the text"):
        assert label in page.text


def test_capture_page_marks_pdf_pages_and_the_hit(client, filled):
    page = client.get(f"/captures/{filled['report.pdf']}?at=6")
    assert 'id="page-2"' in page.text and 'id="hit"' in page.text


def _hit_text(page_html: str) -> str:
    """Return the text a capture page marks as the search hit, across the pieces it may be split into."""
    marked = re.findall(r'<mark class="hit"[^>]*>(.*?)</mark>', page_html, re.S)
    return "".join(re.sub(r"<[^>]+>", "", piece) for piece in marked)


def test_a_figure_hit_opens_its_capture_with_the_whole_figure_marked(client, filled, story):
    results = client.get("/?q=%241.23+million").text
    links = dict((int(i), link.replace("&amp;", "&"))
                 for link, i in re.findall(r'<h2><a href="(/captures/(\d+)\?[^"]+)"', results))
    assert _hit_text(client.get(links[filled["report.pdf"]]).text) == "USD 1,230,000"  # not "USD" alone
    assert _hit_text(client.get(links[story["mk.md"]]).text) == "1,23 милиони долари"  # not "1,23" alone


def test_original_is_a_sandboxed_download(client, filled):
    response = client.get(f"/captures/{filled['hostile.html']}/original")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"].startswith("sandbox")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"&lt;script&gt;alert('x')&lt;/script&gt;" in response.data  # the original bytes, untouched


def test_unknown_capture_is_404(client):
    assert client.get("/captures/999").status_code == 404
    assert client.get("/captures/999/original").status_code == 404


def test_captures_list(client, filled):
    page = client.get("/captures")
    assert "4 captures" in page.text and "Drone story" in page.text


def test_add_uploads_several_files_and_reports_each(client):
    data = {"files": [(io.BytesIO(html_page("Uploaded", ARTICLE).encode()), "../../etc/evil.html"),
                      (io.BytesIO(b""), "empty.txt"),
                      (io.BytesIO(b"%PDF-1.4 truncated"), "broken.pdf")]}
    page = client.post("/add", data=data, content_type="multipart/form-data")
    assert page.status_code == 200
    assert "captured" in page.text and "upload:evil.html" in page.text
    assert "upload:empty.txt: the file is empty" in page.text
    assert "upload:broken.pdf: the PDF is broken" in page.text
    again = client.post("/add", data={"files": [(io.BytesIO(html_page("Uploaded", ARTICLE).encode()), "x.html")]},
                        content_type="multipart/form-data")
    assert "already archived" in again.text


def test_add_captures_urls(client, http_server):
    good = http_server.serve("/a", html_page("Served", ARTICLE))
    page = client.post("/add", data={"urls": f"{good}\n{http_server.url('/missing')}\nftp://x/y"})
    assert page.text.count("badge-captured") == 1
    assert "HTTP 404" in page.text and "only http and https" in page.text


def test_add_refuses_internal_addresses_by_default(tmp_path, http_server):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "t"})
    page = app.test_client().post("/add", data={"urls": http_server.serve("/a", html_page("x", ARTICLE))})
    assert "internal address 127.0.0.1" in page.text


def test_add_without_sources_is_400(client):
    assert client.post("/add", data={"urls": "  "}).status_code == 400


def test_upload_over_the_limit_is_413(tmp_path):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "t", "MAX_CONTENT_LENGTH": 1000})
    client = app.test_client()
    page = client.post("/add", data={"files": [(io.BytesIO(b"x" * 5000), "big.txt")]},
                       content_type="multipart/form-data")
    assert page.status_code == 413 and "too large" in page.text
    api = client.post("/api/captures", data={"file": (io.BytesIO(b"x" * 5000), "big.txt")},
                      headers={"X-Requested-With": "test"}, content_type="multipart/form-data")
    assert api.status_code == 413 and api.json["error"]


def test_forms_need_a_csrf_token(tmp_path):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "SECRET_KEY": "t"})
    client = app.test_client()
    refused = client.post("/claims", data={"text": "A claim"})
    assert refused.status_code == 400 and "reload the page" in refused.text
    token = _csrf_token(client.get("/claims").text)
    accepted = client.post("/claims", data={"text": "A claim", "csrf_token": token})
    assert accepted.status_code == 302


# -- claims and citing ---------------------------------------------------------------------------

def test_claim_lifecycle_through_pages(client, filled):
    created = client.post("/claims", data={"text": "Kazakhstan exported $1.23 million of drones"})
    assert created.status_code == 302
    claim_url = created.headers["Location"]
    assert "No citations yet" in client.get(claim_url).text
    cited = client.post(f"/captures/{filled['report.pdf']}/cite",
                        data={"quote": "USD 1,230,000", "claim_id": "1", "stance": "supports", "note": "table"})
    assert cited.status_code == 302 and "#citation-1" in cited.headers["Location"]
    page = client.get(claim_url)
    assert "<mark>USD 1,230,000</mark>" in page.text
    assert "verified against the stored capture" in page.text
    assert "Page</dt><dd>2" in page.text.replace("\n", "")
    listing = client.get("/claims")
    assert "Kazakhstan exported" in listing.text and '<td data-label="Citations">1</td>' in listing.text
    client.post("/claims/1/status", data={"status": "supported", "notes": "customs table"})
    assert "status-supported" in client.get(claim_url).text
    capture_page = client.get(f"/captures/{filled['report.pdf']}")
    assert 'class="cited"' in capture_page.text and "Claim #1" in capture_page.text
    client.post("/citations/1/remove")
    assert "No citations yet" in client.get(claim_url).text


def test_cite_for_a_new_claim(client, filled):
    response = client.post(f"/captures/{filled['story.html']}/cite",
                           data={"quote": "exported drones worth $1.23 million", "position": "40",
                                 "new_claim": "Drones, $1.23m"})
    assert response.status_code == 302
    assert "Drones, $1.23m" in client.get("/claims").text


def test_quote_that_differs_in_typography_is_cited_as_stored(client, filled):
    response = client.post(f"/captures/{filled['repeat.md']}/cite",
                           data={"quote": 'The "quoted" words - here', "new_claim": "Typography"})
    assert response.status_code == 302
    citation = client.get("/api/claims/1").json["citations"][0]
    assert citation["exact"] == "The “quoted” words — here" and citation["verified"] is True


def test_quote_that_differs_in_case_offers_the_whole_stored_passage_to_cite_in_one_click(client, filled):
    stored = ("Kazakhstan exported drones worth $1.23 million to Russia, customs data show. "
              "Kazakhstan exported drones worth $1.23 million to Russia")
    quote = stored.upper().replace("DATA SHOW.", "DATA SHOW .")
    page = client.post(f"/captures/{filled['story.html']}/cite",
                       data={"quote": quote, "position": "0", "new_claim": "Should not exist yet"})
    assert page.status_code == 422
    assert "Should not exist yet" not in client.get("/claims").text  # a refused quote creates no claim
    form = re.search(r'<form[^>]*class="suggestion".*?</form>', page.text, re.S).group(0)
    assert f"<q class=\"exact\">{stored}</q>" in form  # in full, not cut at 80 characters
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert fields["quote"] == stored and fields["new_claim"] == "Should not exist yet"
    cited = client.post(f"/captures/{filled['story.html']}/cite", data=fields)  # the one click
    assert cited.status_code == 302
    assert client.get("/api/claims/1").json["citations"][0]["exact"] == stored


def test_quote_not_in_the_text_is_refused(client, filled):
    client.post("/claims", data={"text": "c"})
    page = client.post(f"/captures/{filled['story.html']}/cite", data={"quote": "never said", "claim_id": "1"})
    assert page.status_code == 422 and "not in the text" in page.text


def test_ambiguous_quote_asks_which_and_position_decides(client, filled):
    client.post("/claims", data={"text": "c"})
    page = client.post(f"/captures/{filled['repeat.md']}/cite", data={"quote": "The figure was 5", "claim_id": "1"})
    assert page.status_code == 422 and "Which occurrence?" in page.text
    chosen = client.post(f"/captures/{filled['repeat.md']}/cite",
                         data={"quote": "The figure was 5", "claim_id": "1", "position": "18"})
    assert chosen.status_code == 302
    assert client.get("/api/claims/1").json["citations"][0]["start"] == 18


def test_cite_without_a_claim_is_400(client, filled):
    page = client.post(f"/captures/{filled['story.html']}/cite", data={"quote": "drones"})
    assert page.status_code == 400 and "Choose a claim" in page.text


def test_cite_this_source_block(client, filled):
    page = client.get(f"/captures/{filled['story.html']}")
    assert "Cite this source" in page.text and "SHA-256" in page.text
    assert f"/captures/{filled['story.html']}" in page.text


def test_pages_for_people_never_show_a_local_path_only_the_file_name(client, app, tmp_path):
    from ingest.pipeline import Limits, capture
    from ingest.sources import SourceItem
    folder = tmp_path / "home-of-a-reporter" / "private leads"
    folder.mkdir(parents=True)
    (folder / "tip.txt").write_text("Kazakhstan exported $1.23 million of drones, the tip says.")
    (folder / "report.pdf").write_bytes(pdf_bytes(["Drones: USD 1,230,000."]))
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        ids = [archive.add(capture(SourceItem(str(folder / name), False), Limits())).capture.id
               for name in ("tip.txt", "report.pdf")]
    client.post("/claims", data={"text": "Kazakhstan exported $1.23 million of drones"})
    client.post(f"/captures/{ids[0]}/cite", data={"quote": "exported $1.23 million", "claim_id": "1"})
    pages = {url: client.get(url) for url in ["/captures", *(f"/captures/{i}" for i in ids), "/claims/1",
                                                "/claims/1/sources", "/?q=drones", "/?q=%241.23+million"]}
    for url, page in pages.items():
        assert page.status_code == 200, url
        assert "home-of-a-reporter" not in page.text and "private leads" not in page.text, url
    capture_page = pages[f"/captures/{ids[1]}"].text
    assert re.search(r"<dt>Source</dt><dd[^>]*>report\.pdf</dd>", capture_page)
    plain = re.search(r'<textarea readonly rows="3" class="copy">(.*?)</textarea>', capture_page, re.S).group(1)
    assert "Source: report.pdf." in plain or "Source: report.pdf " in plain
    # The JSON provenance keeps the source as given (DESIGN contract).
    assert client.get(f"/api/captures/{ids[1]}").json["source"] == str(folder / "report.pdf")


def _visible(page_html: str) -> str:
    """Return what a reader sees of a page: the text between tags, not attributes."""
    return re.sub(r"<[^>]+>", " ", page_html)


EXACT_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")
HUMAN_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")


def test_times_are_shown_as_people_read_them_and_exactly_in_provenance(client, filled):
    client.post("/claims", data={"text": "Drones worth $1.23 million"})
    client.post(f"/captures/{filled['report.pdf']}/cite", data={"quote": "USD 1,230,000", "claim_id": "1"})
    captured_at = client.get(f"/api/captures/{filled['report.pdf']}").json["captured_at"]
    for url in ["/captures", "/claims", "/claims/1", "/?q=drones", "/claims/1/sources"]:
        shown = _visible(client.get(url).text)
        assert not re.search(r"\d{4}-\d{2}-\d{2}T\d", shown), url  # no raw timestamp, cut or whole
    assert HUMAN_TIME.search(_visible(client.get("/captures").text))
    assert HUMAN_TIME.search(_visible(client.get("/claims").text))
    capture_page = client.get(f"/captures/{filled['report.pdf']}").text
    provenance = re.search(r'<details class="provenance".*?</details>', capture_page, re.S).group(0)
    assert captured_at in _visible(provenance)  # the exact value, microseconds and all
    assert f'<time datetime="{captured_at}">' in provenance
    assert captured_at[:10] + " " + captured_at[11:16] + " UTC" in _visible(provenance)
    assert "Published" not in provenance and "2000-01-01" not in capture_page  # no made-up PDF date


@pytest.mark.parametrize("value, shown", [
    ("2026-12-02T17:18:45.709633Z", '<time datetime="2026-12-02T17:18:45.709633Z">2026-12-02 17:18 UTC</time>'),
    ("2026-12-02T17:18:45Z", '<time datetime="2026-12-02T17:18:45Z">2026-12-02 17:18 UTC</time>'),
    ("2023-03-14T10:05:00+02:00", '<time datetime="2023-03-14T10:05:00+02:00">2023-03-14 08:05 UTC</time>'),
    ("2023-03-14T10:05:00", '<time datetime="2023-03-14T10:05:00">2023-03-14 10:05</time>'),  # no zone: none named
    ("2023-03-14", '<time datetime="2023-03-14">2023-03-14</time>'),
    ("2023-03", '<time datetime="2023-03">2023-03</time>'),
    ("in the <b>spring</b>", "in the &lt;b&gt;spring&lt;/b&gt;"),
    (None, ""),
])
def test_when_filter_formats_a_time_for_people_and_keeps_the_exact_value(app, value, shown):
    with app.app_context():
        assert app.jinja_env.from_string("{{ value | when }}").render(value=value) == shown


# -- JSON API ------------------------------------------------------------------------------------

JSON = {"X-Requested-With": "test"}


def test_api_captures(client, filled, http_server):
    listing = client.get("/api/captures").json
    assert listing["total"] == 4 and {"id", "sha256", "captured_at"} <= set(listing["captures"][0])
    one = client.get(f"/api/captures/{filled['story.html']}?text=1").json
    assert "Kazakhstan exported drones" in one["text"]
    assert client.get("/api/captures/999").status_code == 404
    uploaded = client.post("/api/captures", data={"file": (io.BytesIO(b"An uploaded note."), "note.txt")},
                           headers=JSON, content_type="multipart/form-data")
    assert uploaded.status_code == 201 and uploaded.json["status"] == "captured"
    again = client.post("/api/captures", data={"file": (io.BytesIO(b"An uploaded note."), "n.txt")},
                        headers=JSON, content_type="multipart/form-data")
    assert again.status_code == 200 and again.json["status"] == "exists"
    by_url = client.post("/api/captures", json={"url": http_server.serve("/p", html_page("P", ARTICLE))})
    assert by_url.status_code == 201 and by_url.json["capture"]["kind"] == "html"


@pytest.mark.parametrize("body, status, words", [
    ({"url": "ftp://example.org/x"}, 400, "only http and https"),
    ({}, 400, "Send a file"),
    ({"url": "http://127.0.0.1:9/"}, 422, "refused"),
])
def test_api_capture_errors(client, body, status, words):
    response = client.post("/api/captures", json=body)
    assert response.status_code == status and words in response.json["error"]


def test_api_capture_of_a_404_page_is_422(client, http_server):
    response = client.post("/api/captures", json={"url": http_server.url("/nothing")})
    assert response.status_code == 422 and "HTTP 404" in response.json["error"]


def test_api_writes_must_not_be_plain_forms(client):
    response = client.post("/api/claims", data={"text": "x"})
    assert response.status_code == 400 and "JSON" in response.json["error"]


def test_api_search(client, filled):
    data = client.get("/api/search?q=drones").json
    assert data["total"] == 3 and {"capture_id", "title", "score", "snippet", "page"} <= set(data["hits"][0])
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search?q=published:[x%20to%20y]").status_code == 400


def test_api_claims_and_citations(client, filled):
    created = client.post("/api/claims", json={"text": "Kazakhstan exported $1.23 million of drones"})
    assert created.status_code == 201
    claim_id = created.json["id"]
    assert client.post("/api/claims", json={"nope": 1}).status_code == 400
    assert client.get("/api/claims").json["claims"][0]["id"] == claim_id
    cited = client.post("/api/citations", json={"claim_id": claim_id, "capture_id": filled["report.pdf"],
                                                "quote": "USD 1,230,000", "stance": "supports"})
    assert cited.status_code == 201 and cited.json["page"] == 2 and cited.json["verified"] is True
    shown = client.get(f"/api/claims/{claim_id}").json
    assert set(shown) >= {"id", "text", "status", "citations"}
    assert set(shown["citations"][0]) >= {"id", "capture_id", "exact", "prefix", "suffix", "start", "end",
                                          "page", "stance", "verified"}
    assert client.patch(f"/api/claims/{claim_id}", json={"status": "supported"}).json["status"] == "supported"
    assert client.patch(f"/api/claims/{claim_id}", json={"status": "maybe"}).status_code == 400
    assert client.get("/api/claims/999").status_code == 404
    typographic = client.post("/api/citations", json={"claim_id": claim_id, "capture_id": filled["repeat.md"],
                                                      "quote": 'The "quoted" words - here'})
    assert typographic.status_code == 201 and typographic.json["exact"] == "The “quoted” words — here"
    missing = client.post("/api/citations", json={"claim_id": claim_id, "capture_id": filled["repeat.md"],
                                                  "quote": 'the "QUOTED" words-here'})
    assert missing.status_code == 422 and missing.json["suggestion"]["exact"] == "The “quoted” words — here"
    assert "The “quoted” words — here" in missing.json["error"]
    ambiguous = client.post("/api/citations", json={"claim_id": claim_id, "capture_id": filled["repeat.md"],
                                                    "quote": "The figure was 5"})
    assert ambiguous.status_code == 422 and len(ambiguous.json["occurrences"]) == 2
    assert client.post("/api/citations", json={"claim_id": claim_id}).status_code == 400
    assert client.post("/api/citations", json={"claim_id": claim_id, "capture_id": 999,
                                               "quote": "x"}).status_code == 404
    removed = client.delete(f"/api/citations/{cited.json['id']}", headers=JSON)
    assert removed.status_code == 200
    # The withdrawn citation stays on record, marked retracted (docs/api.md); only the other one stands.
    assert [c["id"] for c in client.get(f"/api/claims/{claim_id}").json["citations"]
            if not c["retracted"]] == [typographic.json["id"]]
    assert client.delete("/api/citations/999", headers=JSON).status_code == 404


def test_unknown_api_route_is_json_404(client):
    response = client.get("/api/nothing")
    assert response.status_code == 404 and response.json["error"]


# -- figures ---------------------------------------------------------------------------------------

@pytest.fixture
def story(app):
    from ingest.pipeline import Limits, capture_upload
    texts = {"en.md": "Kazakhstan exported $1.23 million of drones to Russia in 2022.",
             "mk.md": "Казахстан извезе дронови во Русија во вредност од 1,23 милиони долари.",
             "drift.md": "Kazakhstan exported $1.32 million of drones to Russia, the ministry said."}
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        return {name: archive.add(capture_upload(name, text.encode(), Limits())).capture.id
                for name, text in texts.items()}


def test_figure_search_page_says_how_each_hit_matches(client, story):
    page = client.get("/?q=%241.23+million")
    assert "2 results" in page.text and page.text.count("same figure") == 2
    near = client.get("/?q=%241.23+million&near=10")
    assert "3 results" in near.text and "different figure" in near.text and "+7.3 %" in near.text
    api = client.get("/api/search?q=1.23m+USD&near=10").json
    assert {h["match"]["kind"] for h in api["hits"]} == {"same", "different"}


def test_claim_page_marks_agreement_and_finds_sources(client, story):
    client.post("/claims", data={"text": "Kazakhstan exported $1.23 million of drones"})
    client.post(f"/captures/{story['drift.md']}/cite",
                data={"quote": "$1.32 million", "claim_id": "1", "stance": "contradicts"})
    page = client.get("/claims/1")
    assert "Figures in this claim" in page.text
    assert "different figure: $1.32 million vs $1.23 million (+7.3 %)" in page.text
    sources = client.get("/claims/1/sources")
    assert sources.status_code == 200
    assert "1,23 милиони долари" in sources.text and "Cite (supports)" in sources.text
    api = client.get("/api/claims/1/sources").json["sources"]
    assert {s["capture_id"] for s in api} >= {story["en.md"], story["mk.md"]}
    one = next(s for s in api if s["capture_id"] == story["mk.md"])
    cited = client.post(f"/captures/{story['mk.md']}/cite",
                        data={"quote": one["sentence"], "position": one["start"], "claim_id": "1",
                              "stance": "supports"})
    assert cited.status_code == 302
    assert "same figure: 1,23 милиони долари" in client.get("/claims/1").text
    assert client.get("/claims/99/sources").status_code == 404


def test_find_sources_page_shows_cited_passages_marked_and_without_a_cite_button(client, story):
    client.post("/claims", data={"text": "Kazakhstan exported $1.23 million of drones"})
    sources = client.get("/claims/1/sources").text
    # each passage is citable with each stance in one click, its likeliest first: supports for the two
    # stating the figure, contradicts for the drifting one
    assert sources.count("Cite (supports)") == 3 and "already cited" not in sources
    assert sorted(re.findall(r'<button type="submit" name="stance" value="(\w+)">', sources)) == \
        ["contradicts", "supports", "supports"]
    for name, quote in (("en.md", "1.23"), ("mk.md", "1,23 милиони")):
        client.post(f"/captures/{story[name]}/cite", data={"quote": quote, "claim_id": "1", "stance": "supports"})
    sources = client.get("/claims/1/sources").text
    assert "No passage in the archive states" not in sources
    assert sources.count("Cite (supports)") == 1  # both passages are cited: only the drifting one is offered
    cited = re.findall(r'<li class="candidate cited".*?</li>', sources, re.S)
    assert len(cited) == 2
    for item in cited:
        assert 'href="/claims/1#citation-' in item and "cited (supports)" in item
    assert "2 already cited for this claim" in sources
    api = client.get("/api/claims/1/sources").json["sources"]
    assert sorted(s["cited"]["id"] for s in api if s["cited"]) == [1, 2]
    assert all(s["cited"]["stance"] == "supports" for s in api if s["cited"])


def test_recapture_versions_diff_and_quote_tracking(client, http_server):
    url = http_server.serve("/story", html_page("Story", "<p>" + "Exports reached $1.23 million in 2022, the ministry said. "
                                                "Officials declined to comment further on the shipments.</p>"))
    client.post("/add", data={"urls": url})
    client.post("/claims", data={"text": "Exports reached $1.23 million"})
    client.post("/captures/1/cite", data={"quote": "Exports reached $1.23 million in 2022", "claim_id": "1"})
    client.post("/captures/1/cite", data={"quote": "Officials declined to comment further", "claim_id": "1"})
    same = client.post("/captures/1/recapture", follow_redirects=True)
    assert "Unchanged" in same.text
    http_server.serve("/story", html_page("Story", "<p>Exports reached $1.32 million in 2022, the ministry said.</p>"))
    changed = client.post("/captures/1/recapture", follow_redirects=True)
    assert "Captured a new version: #2" in changed.text
    assert "Versions of this URL" in changed.text
    assert "now reads: <q>Exports reached $1.32 million in 2022</q>" in changed.text
    assert "vanished" in changed.text
    diff = client.get("/captures/1/diff/2")
    assert diff.status_code == 200 and "<del>$1.23</del>" in diff.text and "<ins>$1.32</ins>" in diff.text
    claim = client.get("/claims/1")
    assert "the passage was changed; it now reads" in claim.text and "the quote has vanished" in claim.text
    assert client.post("/captures/99/recapture").status_code == 404


def test_exchange_warc_download(client, http_server):
    url = http_server.serve("/w", html_page("W", ARTICLE))
    client.post("/add", data={"urls": url})
    page = client.get("/captures/1")
    assert "HTTP exchange (WARC)" in page.text
    response = client.get("/captures/1/warc")
    assert response.status_code == 200 and response.headers["Content-Disposition"].startswith("attachment;")
    assert response.data[:2] == b"\x1f\x8b"
    client.post("/add", data={"files": [(io.BytesIO(b"A plain uploaded note."), "n.txt")]},
                content_type="multipart/form-data")
    assert client.get("/captures/2/warc").status_code == 404


def test_a_tampered_original_is_refused_not_served(client, filled, app):
    import os
    from archive.archive import Archive
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        capture = archive.get(filled["story.html"])
        path = archive.store.path_for(capture.sha256)
    os.chmod(path, 0o644)
    path.write_bytes(b"<p>forged</p>")
    response = client.get(f"/captures/{filled['story.html']}/original")
    assert response.status_code == 500 and "does not match its hash" in response.text
    assert b"forged" not in response.data


def test_claims_list_comes_a_page_at_a_time(client, app):
    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        for n in range(60):
            archive.add_claim(f"Claim number {n} about drones")
    first = client.get("/claims")
    assert "Claim number 59 " in first.text and "Claim number 9 " not in first.text and "Page 1 of 2" in first.text
    second = client.get("/claims?page=2")
    assert "Claim number 9 " in second.text and "Claim number 59 " not in second.text


# -- text read by OCR ------------------------------------------------------------------------------

NOTICE = "Customs officers counted 1,230 drones\nat the northern border crossing in 2022."
SCANNED_REPORT = ["Таможенная служба опубликовала отчёт\nо торговле с соседними странами за 2022 год.",
                  "Через северный переход вывезено 1230 беспилотников\nи запасных частей к ним."]


@pytest.fixture
def scanned(app, filled):
    """An image and a two-page scanned PDF, read by OCR, beside the captures of `filled`."""
    from ingest.pipeline import Limits, capture_upload
    from tests.scans import scanned_pdf, text_png

    with Archive(app.config["EVIDENCE_HOME"]) as archive:
        for name, body in [("notice.png", text_png(NOTICE)), ("scan.pdf", scanned_pdf(SCANNED_REPORT))]:
            filled[name] = archive.add(capture_upload(name, body, Limits())).capture.id
    return filled


@needs_tesseract("eng", "rus")
def test_pages_say_which_text_was_read_by_ocr(client, scanned):
    image = client.get(f"/captures/{scanned['notice.png']}").text
    assert 'class="badge ocr"' in image and "% confidence" in image
    assert "Text read by OCR</dt><dd class=\"ocr-provenance\">text read by OCR (tesseract" in image
    assert "Word boxes (OCR)" in image and "Text read by OCR (tesseract" in image  # the note above the text
    pdf = client.get(f"/captures/{scanned['scan.pdf']}").text
    assert "Page 2 · text read by OCR" in pdf and "pages 1–2" in pdf
    report = client.get(f"/captures/{scanned['report.pdf']}").text  # a text layer: nothing read by OCR
    assert "text read by OCR" not in report and "badge ocr" not in report


@needs_tesseract("eng", "rus")
def test_search_hits_read_by_ocr_say_so(client, scanned):
    page = client.get("/?q=беспилотников").text
    assert "1 result for" in page and "page 2" in page and 'class="badge ocr"' in page
    plain = client.get("/?q=drones&kind=pdf").text  # the text-layer PDF's hit
    assert "1 result for" in plain and "badge ocr" not in plain
    hit = client.get("/api/search?q=northern+border").json["hits"][0]
    assert hit["capture_id"] == scanned["notice.png"] and hit["ocr"]["engine"] == "tesseract"
    assert "1 result for" in client.get("/?q=drones&kind=image").text


@needs_tesseract("eng", "rus")
def test_a_citation_of_text_read_by_ocr_says_so_on_the_claim_page(client, scanned):
    client.post(f"/captures/{scanned['notice.png']}/cite",
                data={"quote": "counted 1,230 drones", "new_claim": "Customs counted 1,230 drones"})
    page = client.get("/claims/1").text
    assert 'class="badge ocr"' in page and '<dt>Text</dt><dd class="ocr-provenance">text read by OCR' in page
    capture_page = client.get(f"/captures/{scanned['notice.png']}").text
    assert capture_page.count('class="badge ocr"') == 2  # the header, and the cited passage
    sources = client.get("/claims/1/sources").text  # the figure 1,230 stated by the scans
    assert "беспилотников" in sources and sources.count('class="badge ocr"') == 2
    assert {s["ocr"]["engine"] for s in client.get("/api/claims/1/sources").json["sources"]} == {"tesseract"}


@needs_tesseract("mkd")
def test_add_page_and_api_take_the_ocr_languages(client):
    from tests.scans import text_png

    macedonian = text_png("Царинската управа соопшти дека биле\nизвезени 1230 дронови во 2022 година.")
    page = client.post("/add", data={"files": [(io.BytesIO(macedonian), "notice.png")], "ocr_lang": "mkd"},
                       content_type="multipart/form-data")
    assert page.status_code == 200 and "badge-captured" in page.text
    capture = client.get("/api/captures/1").json
    assert capture["ocr"]["languages"] == ["mkd"] and capture["ocr"]["chosen"] == "requested"
    refused = client.post("/add", data={"files": [(io.BytesIO(macedonian), "x.png")], "ocr_lang": "mk; rm"},
                          content_type="multipart/form-data")
    assert refused.status_code == 400 and "OCR languages are Tesseract&#39;s codes" in refused.text
    upload = client.post("/api/captures", data={"file": (io.BytesIO(macedonian + b"\0"), "n.png"), "ocr_lang": "mkd"},
                         headers=JSON, content_type="multipart/form-data")
    assert upload.status_code == 201 and upload.json["capture"]["ocr"]["chosen"] == "requested"
    bad = client.post("/api/captures", json={"url": "https://example.org/scan.png", "ocr_lang": 7})
    assert bad.status_code == 400 and "OCR languages" in bad.json["error"]


@needs_tesseract("eng", "rus")
def test_a_search_answers_while_a_scan_is_being_read(app, client, filled):
    import threading
    import time

    from tests.scans import scanned_pdf

    pages = [f"Page {n} of a long scanned report about drone exports\nthrough the northern crossings."
             for n in range(1, 7)]
    captured = {}
    reading = threading.Thread(target=lambda: captured.update(response=app.test_client().post(
        "/api/captures", data={"file": (io.BytesIO(scanned_pdf(pages)), "long.pdf")}, headers=JSON,
        content_type="multipart/form-data")))
    reading.start()
    answered_during_the_scan = 0
    while reading.is_alive() and answered_during_the_scan < 3:
        assert "results for" in client.get("/?q=drones").text
        # a search held up by the scan would answer only once it is read: counted only if the scan goes on
        answered_during_the_scan += reading.is_alive()
        time.sleep(0.3)
    reading.join(timeout=300)
    assert captured["response"].status_code == 201
    assert answered_during_the_scan == 3
