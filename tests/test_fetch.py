import socket

import pytest

from archive.errors import FetchError, TooLargeError
from ingest.fetch import fetch, is_internal
from tests.documents import pdf_bytes


def test_fetch_records_status_headers_and_body(http_server):
    url = http_server.serve("/a", "<p>hello</p>", headers={"X-Served-By": "test"})
    loaded = fetch(url, allow_private=True)
    assert loaded.body == b"<p>hello</p>"
    assert loaded.http_status == 200
    assert loaded.http_headers["x-served-by"] == "test"
    assert loaded.declared_type == "text/html"
    assert loaded.method == "http"
    assert loaded.url == loaded.final_url == url
    assert loaded.captured_at.endswith("Z")


def test_redirect_chain_is_followed_and_recorded(http_server):
    final = http_server.serve("/final", "<p>there</p>")
    middle = http_server.redirect("/middle", "/final", 301)
    start = http_server.redirect("/start", middle, 302)
    loaded = fetch(start + "#fragment", allow_private=True)
    assert loaded.url == start
    assert loaded.final_url == final
    assert loaded.redirects == [
        {"url": start, "status": 302, "location": middle},
        {"url": middle, "status": 301, "location": final},
    ]


def test_redirect_loop_stops(http_server):
    http_server.redirect("/loop", "/loop")
    with pytest.raises(FetchError, match="too many redirects"):
        fetch(http_server.url("/loop"), max_redirects=3, allow_private=True)


@pytest.mark.parametrize("status, words", [(404, "HTTP 404 Not Found"), (500, "HTTP 500")])
def test_error_status_is_a_failure(http_server, status, words):
    url = http_server.serve("/x", "<p>error page</p>", status=status)
    with pytest.raises(FetchError, match=words) as info:
        fetch(url, allow_private=True)
    assert str(info.value).startswith(url)


def test_refused_connection():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="refused"):
        fetch(f"http://127.0.0.1:{port}/", allow_private=True)


def test_server_that_never_answers_times_out(http_server):
    url = http_server.serve("/slow", "<p>late</p>", delay=2)
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        fetch(url, timeout=0.5, allow_private=True)


def test_too_large_by_header_and_by_stream(http_server):
    url = http_server.serve("/big", b"x" * 5000, content_type="text/plain")
    with pytest.raises(TooLargeError, match="too large"):
        fetch(url, max_bytes=1000, allow_private=True)
    # A server that sends no Content-Length is cut off while streaming.
    streamed = http_server.serve("/stream", b"y" * 5000, content_type="text/plain", send_length=False)
    with pytest.raises(TooLargeError, match=r"too large \(over the"):
        fetch(streamed, max_bytes=1000, allow_private=True)


@pytest.mark.parametrize("url", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url)


def test_internal_addresses_are_refused_when_asked(http_server):
    url = http_server.serve("/a", "<p>internal</p>")
    with pytest.raises(FetchError, match="internal address 127.0.0.1"):
        fetch(url, allow_private=False)


def test_internal_address_classification():
    assert is_internal("10.1.2.3") and is_internal("169.254.169.254") and is_internal("::1")
    assert not is_internal("93.184.216.34")


def test_pdf_served_over_http(http_server):
    url = http_server.serve("/report", pdf_bytes(["Served PDF"]), content_type="application/pdf")
    loaded = fetch(url, allow_private=True)
    assert loaded.body.startswith(b"%PDF-")
    assert loaded.declared_type == "application/pdf"
