"""Our exports in the real archive tools: pywb indexes and replays every exported capture (HTTP pages, files as
`resource` records, browser captures), warcio checks every export, py-wacz validates our WACZ and makes WACZ
files from the shared corpus that we import with every page. The tools run from their own venv
(tests/archive_tools.py); wayback is a real server on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from archive.archive import Archive
from tests.archive_tools import Wayback, run_tool, tools_venv
from tests.documents import html_page, pdf_bytes, write

pytestmark = pytest.mark.archive_tools

PAGE = html_page("Drone exports", "<p>" + "Kazakhstan exported $1.23 million of drones to Russia in 2022. " * 8
                 + "</p>").encode()
REPORT = pdf_bytes(["Customs register 2022", "Drone exports: 1.23 million dollars"], title="Customs register")


@pytest.fixture(scope="session")
def tools() -> Path:
    return tools_venv()


@pytest.fixture(scope="session")
def wayback(tools, tmp_path_factory):
    server = Wayback(tools, tmp_path_factory.mktemp("wayback"))
    yield server
    server.close()


@pytest.fixture
def collection_name(request) -> str:
    """A collection name of the test's own (pywb's names are letters, digits, - and _)."""
    return request.node.name.replace("[", "-").replace("]", "").replace("/", "-")[:60]


def stamp(captured_at: str) -> str:
    """Return a capture time as a replay URL's 14-digit timestamp."""
    return "".join(c for c in captured_at if c.isdigit())[:14]


def warcio_check(path: Path) -> None:
    """Run warcio's own checker (from the archive's venv) on a WARC; fail on any digest it cannot confirm."""
    checked = subprocess.run([str(Path(sys.executable).with_name("warcio")), "check", "-v", str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "digest pass" in checked.stdout and "digest failed" not in checked.stdout


def captures_of(home: Path) -> dict[int, tuple]:
    with Archive(home) as archive:
        return {c.id: (c, archive.original(c)) for c in archive.catalog.iter_captures()}


# -- the commands ---------------------------------------------------------------------------


def test_exported_page_replays_itself_in_pywb(evidence, home, http_server, wayback, collection_name, tmp_path):
    url = http_server.serve("/a.html", PAGE)
    assert evidence("ingest", "--allow-private", url).exit_code == 0
    out = tmp_path / "out.warc.gz"
    assert evidence("export", "--warc", str(out), "--all").exit_code == 0
    warcio_check(out)
    name = wayback.collection(collection_name, out)
    [(capture, _)] = captures_of(home).values()

    # pywb's index holds one entry under the page's URL: the response. Our JSON is under URNs of its own.
    listed = [json.loads(line.split(" ", 2)[2]) for line in wayback.index(name)]
    assert [(e["mime"], e.get("status")) for e in listed if e["url"] == url] == [("text/html", "200")]
    assert {e["url"] for e in listed} == {url, f"urn:evidence:provenance:{url}", f"urn:evidence:exchange-note:{url}"}

    for timestamp in (capture.captured_at[:4], stamp(capture.captured_at)):  # any time, and the record's own
        status, content_type, body = wayback.get(name, timestamp, url)
        assert (status, content_type.split(";")[0], body) == (200, "text/html", PAGE)
    # The provenance is there for whoever asks for it by its name.
    status, content_type, body = wayback.get(name, stamp(capture.captured_at), f"urn:evidence:provenance:{url}")
    assert (status, content_type) == (200, "application/json") and json.loads(body)["sha256"] == capture.sha256


def test_exported_files_replay_as_resource_records(evidence, home, wayback, collection_name, tmp_path):
    write(tmp_path / "sources" / "register.pdf", REPORT)
    write(tmp_path / "sources" / "notes.txt", "Call the customs office about the figure.\n")
    assert evidence("ingest", str(tmp_path / "sources")).exit_code == 0
    out = tmp_path / "files.warc.gz"
    assert evidence("export", "--warc", str(out), "--all").exit_code == 0
    warcio_check(out)
    name = wayback.collection(collection_name, out)
    captures = captures_of(home)
    assert len(captures) == 2
    for capture, original in captures.values():
        status, content_type, body = wayback.get(name, stamp(capture.captured_at),
                                                 f"urn:evidence:capture:{capture.id}")
        assert (status, content_type.split(";")[0], body) == (200, capture.media_type, original)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_exported_browser_capture_replays_the_page_and_its_dom(evidence, home, http_server, wayback,
                                                                collection_name, tmp_path):
    url = http_server.serve("/story", PAGE)
    assert evidence("ingest", "--browser", "--allow-private", url).exit_code == 0
    out = tmp_path / "browser.warc.gz"
    assert evidence("export", "--warc", str(out), "--all").exit_code == 0
    warcio_check(out)
    name = wayback.collection(collection_name, out)
    [(capture, dom)] = captures_of(home).values()
    # The URL replays the page as the browser received it; the DOM the archive captured is under urn:dom:.
    assert wayback.get(name, capture.captured_at[:4], url)[::2] == (200, PAGE)
    assert wayback.get(name, stamp(capture.captured_at), f"urn:dom:{url}")[::2] == (200, dom)
    status, content_type, screenshot = wayback.get(name, stamp(capture.captured_at), f"urn:fullPage:{url}")
    assert (status, content_type, screenshot[:8]) == (200, "image/png", b"\x89PNG\r\n\x1a\n")


# -- WACZ -----------------------------------------------------------------------------------------


def test_wacz_export_validates_and_every_page_replays(evidence, home, http_server, tools, wayback, collection_name,
                                                      tmp_path):
    url = http_server.serve("/a.html", PAGE)
    write(tmp_path / "sources" / "register.pdf", REPORT)
    write(tmp_path / "sources" / "notes.txt", "Call the customs office about the figure.\n")
    assert evidence("ingest", "--allow-private", url, str(tmp_path / "sources")).exit_code == 0
    out = tmp_path / "export.wacz"
    result = evidence("export", "--wacz", str(out), "--all")
    assert result.exit_code == 0, result.output

    validated = run_tool(tools, "wacz", "validate", "-f", str(out))
    assert "Validation succeeded, the passed WACZ is valid" in validated.stdout
    with zipfile.ZipFile(out) as wacz:
        warc = write(tmp_path / "data.warc.gz", wacz.read("archive/data.warc.gz"))
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()[1:]]
    warcio_check(warc)

    name = wayback.collection(collection_name, out, unpack_wacz=True)
    captures = captures_of(home)
    assert sorted(page["id"] for page in pages) == sorted(f"capture-{i}" for i in captures)
    for page in pages:
        capture, original = captures[int(page["id"].removeprefix("capture-"))]
        assert page["ts"] == capture.captured_at and page["title"] == capture.title
        assert wayback.get(name, stamp(page["ts"]), page["url"])[::2] == (200, original), page


CORPUS_WARCS = ("warcio-example.warc.gz", "ukwa-IAH-20080430204825-00000-blackbook-truncated.warc.gz")


@pytest.mark.corpus
@pytest.mark.parametrize("name", CORPUS_WARCS)
def test_wacz_made_by_py_wacz_imports_with_every_page(corpus, tools, evidence, home, tmp_path, name):
    warc = shutil.copy(corpus / "warc" / name, tmp_path / name)
    made = tmp_path / name.replace(".warc.gz", ".wacz")
    run_tool(tools, "wacz", "create", "--detect-pages", "-o", str(made), str(warc))
    with zipfile.ZipFile(made) as wacz:
        pages = [json.loads(line) for line in wacz.read("pages/pages.jsonl").splitlines()[1:]]
    assert pages

    result = evidence("ingest", str(made))
    assert result.exit_code == 0, result.output
    with Archive(home) as archive:
        seen = set()
        for capture in archive.catalog.iter_captures():
            seen.add((capture.url, capture.captured_at[:19]))
            seen.update((o.url, o.observed_at[:19]) for o in archive.observations(capture.id))
    # Every page py-wacz found is a capture, or an observation of one, at the page's URL and time.
    assert {(page["url"], page["ts"].removesuffix("Z")[:19]) for page in pages} <= seen
