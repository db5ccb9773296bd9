"""Every request of a browser visit goes through ingest/interception.py: sent by our client, held to the size
limits, redirects followed hop by hop, each hop checked and recorded."""

from __future__ import annotations

import shutil

import pytest

from ingest.browser import visit
from ingest.limits import Limits
from tests.documents import html_page

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")]

STORY = "<p>" + "Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show. " * 4 + "</p>"
MB = 1024 * 1024


def test_a_response_over_the_size_limit_is_refused_and_the_page_kept(http_server):
    http_server.serve("/huge.png", b"\x89PNG" + b"\0" * (2 * MB), content_type="image/png")
    url = http_server.serve("/page", html_page("Page", STORY + '<img src="/huge.png">'))
    seen = visit(url, Limits(allow_private=True, max_bytes=1 * MB, timeout=5, time_limit=60))
    [refused] = seen.refusals
    assert refused.url == http_server.url("/huge.png") and refused.blocked
    assert "too large (2.0 MB, limit 1.0 MB)" in refused.reason
    assert [e.url for e in seen.exchanges] == [url]


def test_the_visit_stops_sending_once_its_byte_limit_is_spent(http_server):
    images = "".join(f'<img src="/{n}.png">' for n in range(6))
    for n in range(6):
        http_server.serve(f"/{n}.png", b"\x89PNG" + bytes([n]) * (300 * 1024), content_type="image/png")
    url = http_server.serve("/gallery", html_page("Gallery", STORY + images))
    seen = visit(url, Limits(allow_private=True, max_visit_bytes=1 * MB, timeout=5, time_limit=60))
    assert sum(len(e.answer.body) for e in seen.exchanges) <= 1 * MB
    assert any("the visit's answers would pass its 1 MB" in r.reason or "the visit had received its 1 MB" in r.reason
               for r in seen.refusals)


def test_a_resource_redirected_to_another_internal_host_is_refused_at_that_hop(http_server):
    http_server.redirect("/pixel", "http://10.0.0.1/pixel.gif")
    url = http_server.serve("/page", html_page("Page", STORY + '<img src="/pixel">'))
    seen = visit(url, Limits(allow_private=True, timeout=5, time_limit=60))
    assert [(e.url, e.answer.status) for e in seen.exchanges] == [(url, 200), (http_server.url("/pixel"), 302)]
    [refused] = seen.refusals
    assert refused.url == http_server.url("/pixel") and "internal address 10.0.0.1" in refused.reason


def test_a_script_posting_is_sent_with_its_body_and_recorded(http_server):
    http_server.serve("/count", "{}", content_type="application/json")
    url = http_server.serve("/page", html_page("Page", STORY + "<script>fetch('/count', {method: 'POST', "
                                                              "body: 'seen=1'})</script>"))
    seen = visit(url, Limits(allow_private=True, timeout=5, time_limit=60))
    [posted] = [e for e in seen.exchanges if e.method == "POST"]
    assert posted.request_body == b"seen=1" and posted.answer.status in (200, 501)
