"""Internal addresses (loopback, private, link-local) are refused by default at every door; an option allows them."""

import json
import sys

import pytest

from app import create_app
from archive.errors import URLRefusedError
from ingest.fetch import fetch
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem
from tests.documents import html_page

ARTICLE = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia, customs data show. " * 6 + "</p>"
METADATA = "http://169.254.169.254/latest/meta-data/"
_CONNECTS: list = []
_HOOKED = False


@pytest.fixture
def connects():
    """Every address this process asks a socket to connect to while the test runs (a Python audit hook)."""
    global _HOOKED
    if not _HOOKED:
        sys.addaudithook(lambda event, args: _CONNECTS.append(args[1]) if event == "socket.connect" else None)
        _HOOKED = True
    _CONNECTS.clear()
    yield _CONNECTS


def _hosts(addresses) -> set[str]:
    return {address[0] for address in addresses if isinstance(address, tuple)}


def test_ingest_refuses_a_redirect_to_the_metadata_address_without_connecting(evidence, http_server, connects):
    url = http_server.redirect("/go", METADATA)
    result = evidence("ingest", "--json", url)
    assert result.exit_code == 1
    [line] = [json.loads(text) for text in result.output.splitlines()]
    assert line["status"] == "failed" and "refused" in line["error"] and "--allow-private" in line["error"]
    assert "169.254.169.254" not in _hosts(connects)
    assert http_server.log == []  # refused before the first request, not after it


def test_allow_private_lets_ingest_capture_a_loopback_page(evidence, http_server):
    url = http_server.serve("/page", html_page("Local page", ARTICLE))
    assert evidence("ingest", url).exit_code == 1
    allowed = evidence("ingest", "--allow-private", "--json", url)
    assert allowed.exit_code == 0 and json.loads(allowed.output)["status"] == "captured"


def test_recapture_and_figures_refuse_internal_addresses_unless_allowed(evidence, http_server):
    url = http_server.serve("/page", html_page("Local page", ARTICLE))
    refused = evidence("recapture", url)
    assert refused.exit_code == 1 and "--allow-private" in refused.output
    assert evidence("recapture", "--allow-private", url).exit_code == 0
    figures = evidence("figures", url)
    assert figures.exit_code == 1 and "--allow-private" in figures.output
    allowed = evidence("figures", "--allow-private", url, "--json")
    assert allowed.exit_code == 0 and json.loads(allowed.output)[0]["value"] == 1_230_000


def test_the_library_refuses_internal_addresses_by_default(http_server, connects):
    url = http_server.serve("/page", html_page("Local page", ARTICLE))
    with pytest.raises(URLRefusedError, match="internal address 127.0.0.1"):
        capture(SourceItem(url, True), Limits())
    with pytest.raises(URLRefusedError, match="internal address 127.0.0.1"):
        fetch(url)
    assert connects == [] and http_server.log == []


def test_every_redirect_hop_is_checked_before_it_is_requested(http_server, connects):
    broken = http_server.redirect("/broken", "http://[::1")
    with pytest.raises(URLRefusedError, match="not a valid URL"):
        fetch(broken, allow_private=True)
    elsewhere = http_server.redirect("/ftp", "ftp://example.org/file")
    with pytest.raises(URLRefusedError, match="only http and https"):
        fetch(elsewhere, allow_private=True)
    assert http_server.log == ["/broken", "/ftp"]


def test_web_add_refusal_names_the_setting_that_allows_it(tmp_path, http_server):
    app = create_app({"TESTING": True, "EVIDENCE_HOME": str(tmp_path / "h"), "WTF_CSRF_ENABLED": False,
                      "SECRET_KEY": "t"})
    page = app.test_client().post("/add", data={"urls": http_server.serve("/a", html_page("x", ARTICLE))})
    assert "internal address 127.0.0.1" in page.text and "EVIDENCE_ALLOW_PRIVATE_URLS=1" in page.text
    api = app.test_client().post("/api/captures", json={"url": http_server.url("/a")})
    assert api.status_code == 400 and "EVIDENCE_ALLOW_PRIVATE_URLS=1" in api.json["error"]
    assert http_server.log == []
