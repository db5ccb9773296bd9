"""Hostile and broken pages in the browser (ingest/browser.py, ingest/interception.py): each ends in a clear
error, or in a capture whose notes say what it lacks, and nothing is left running.

Pages are served on 127.0.0.1 (the `http_server` fixture) and captured in this process with `allow_private`,
which lets a browser capture reach internal addresses at the host it was given only.
"""

from __future__ import annotations

import os
import shutil
import struct
import time

import pytest

from archive.errors import CaptureError, FetchError, LimitExceededError, URLRefusedError
from ingest.limits import Limits
from ingest.pipeline import capture
from ingest.sources import SourceItem
from tests.documents import html_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")]

STORY = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show. " * 4 + "</p>"
LOCAL = Limits(allow_private=True, timeout=5, time_limit=60)


def in_browser(url: str, limits: Limits = LOCAL):
    return capture(SourceItem(url, True, browser=True), limits)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def browsers_left() -> list[int]:
    """Return the processes of Chromium started for a capture (their profile folder names them) still alive."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                if b"evidence-browser-" in handle.read() and os.stat(f"/proc/{pid}").st_uid == os.getuid():
                    found.append(int(pid))
        except OSError:
            continue
    return found


def no_browser_left(within: float = 5.0) -> bool:
    deadline = time.monotonic() + within
    while browsers_left() and time.monotonic() < deadline:
        time.sleep(0.2)
    return not browsers_left()


def test_a_page_that_never_finishes_loading_is_captured_as_it_stood_and_marked_partial(http_server):
    http_server.serve("/endless.gif", b"GIF89a", content_type="image/gif", trickle=0.2)
    url = http_server.serve("/slow", html_page("A slow page", STORY + '<img src="/endless.gif">'))
    captured = in_browser(url, Limits(allow_private=True, timeout=2, time_limit=60))
    assert "Kazakhstan exported drones" in captured.text
    [partial] = [note for note in captured.notes if note.startswith("partial capture")]
    assert "had not finished loading after 2 s" in partial and http_server.url("/endless.gif") in partial
    assert png_size(captured.parts[0].body)[1] >= 1
    assert no_browser_left()


def test_a_script_sending_the_page_to_an_internal_address_is_refused(http_server):
    url = http_server.serve("/leave", html_page(
        "Leaving", STORY + '<script>setTimeout(() => { location.href = "http://10.0.0.1/admin"; }, 50)</script>'))
    with pytest.raises(URLRefusedError) as refused:
        in_browser(url)
    reason = refused.value.reason
    assert "the page sent the browser to http://10.0.0.1/admin, which was refused" in reason
    assert "internal address 10.0.0.1" in reason and "only at the host it was given (127.0.0.1)" in reason
    assert refused.value.source == url and "nothing was captured" in reason
    assert no_browser_left()


def test_a_resource_on_another_internal_host_is_refused_and_named(http_server):
    url = http_server.serve("/probe", html_page("Probing", STORY + '<img src="http://192.168.0.1/router.png">'))
    captured = in_browser(url)
    [refused] = [note for note in captured.notes if note.startswith("refused")]
    assert "http://192.168.0.1/router.png" in refused and "internal address 192.168.0.1" in refused


def test_an_endless_scrolling_page_stops_at_the_height_limit(http_server):
    endless = ("<script>let n = 0; const more = () => { for (let i = 0; i < 20; i++) "
               "document.querySelector('article').insertAdjacentHTML("
               "'beforeend', '<p>Item ' + (++n) + ' of the endless feed, drone exports continued.</p>'); };"
               "more(); more(); window.addEventListener('scroll', () => { if (innerHeight + scrollY > "
               "document.body.scrollHeight - 800) more(); });</script>")
    url = http_server.serve("/feed", html_page("Endless feed", STORY + endless))
    captured = in_browser(url, Limits(allow_private=True, timeout=5, time_limit=60, max_page_height=4000))
    screenshot = next(part for part in captured.parts if part.role == "screenshot").body
    assert png_size(screenshot) == (1280, 4000)
    [cut] = [note for note in captured.notes if note.startswith("the screenshot keeps")]
    assert cut.startswith("the screenshot keeps the top 4,000 px of a page ") and "(the height limit)" in cut
    assert "Item 40 of the endless feed" in captured.text  # more than the first screens were loaded


def test_a_download_the_page_starts_is_refused_and_the_page_kept(http_server):
    http_server.serve("/report.zip", b"PK\x03\x04 not really a zip", content_type="application/zip",
                      headers={"Content-Disposition": 'attachment; filename="report.zip"'})
    url = http_server.serve("/story", html_page(
        "A story with a download", STORY + '<a id="get" href="/report.zip">Get the data</a>'
        '<script>document.getElementById("get").click()</script>'))
    captured = in_browser(url)
    assert captured.final_url == url and "Kazakhstan exported drones" in captured.text
    [refused] = [note for note in captured.notes if note.startswith("refused")]
    assert f"{http_server.url('/report.zip')} (a download (Content-Disposition: attachment))" in refused


def test_a_url_that_is_a_download_fails_saying_so(http_server):
    url = http_server.serve("/data.zip", b"PK\x03\x04", content_type="application/zip",
                            headers={"Content-Disposition": "attachment"})
    with pytest.raises(CaptureError, match=r"is a download \(Content-Disposition: attachment\), not a web page: "
                                           "capture it without --browser"):
        in_browser(url)
    assert no_browser_left()


def test_a_page_that_never_answers_fails_with_the_timeout(http_server):
    url = http_server.serve("/silent", html_page("Silent", STORY), delay=5)
    with pytest.raises(FetchError, match=r"timed out after 1 s waiting for 127\.0\.0\.1"):
        in_browser(url, Limits(allow_private=True, timeout=1, time_limit=60))
    assert no_browser_left()


def test_a_page_whose_script_never_yields_hits_the_time_limit_and_its_browser_is_killed(http_server):
    url = http_server.serve("/spin", html_page("Spinning", STORY + "<script>while (true) {}</script>"))
    started = time.monotonic()
    with pytest.raises(LimitExceededError, match=r"the browser capture took longer than its 6\.4 s limit "
                                                 r"\(80% of the 8 s time limit\); nothing was captured"):
        in_browser(url, Limits(allow_private=True, timeout=1, time_limit=8))
    assert time.monotonic() - started < 20
    assert no_browser_left()


def test_websockets_and_popups_are_refused(http_server):
    url = http_server.serve("/live", html_page("Live", STORY + "<script>new WebSocket('ws://127.0.0.1:9/feed');"
                                                               "window.open('/elsewhere');</script>"))
    captured = in_browser(url)
    [refused] = [note for note in captured.notes if note.startswith("refused")]
    assert "ws://127.0.0.1:9/feed (a WebSocket, which is not captured)" in refused
    assert "a pop-up window" in refused


def test_refused_before_the_browser_starts_without_allow_private(http_server):
    url = http_server.serve("/page", html_page("Local", STORY))
    with pytest.raises(URLRefusedError, match="internal address 127.0.0.1"):
        in_browser(url, Limits())
    with pytest.raises(URLRefusedError, match="only http and https"):
        in_browser("file:///etc/passwd", LOCAL)
    assert http_server.log == [] and not browsers_left()
