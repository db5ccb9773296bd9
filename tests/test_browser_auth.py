"""Team mode in a real browser: a contributor logs in and cites by selecting text; a viewer sees no cite button."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from archive.archive import Archive
from tests.documents import html_page
from tests.serving import served
from tests.test_browser import SENTENCE, _select, browser, page  # noqa: F401 (the browser and page fixtures)

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
CLAIM = "Kazakhstan exported $1.23 million of drones to Russia in 2022"
NAME = "<img src=x onerror=alert(1)>contributor"


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    """`evidence serve` on 127.0.0.1 over an archive with one capture, a contributor and a viewer."""
    from ingest.pipeline import Limits, capture_upload

    home = tmp_path_factory.mktemp("team-archive")
    with Archive(home) as archive:
        story = html_page("Drone exports", f"<p>{SENTENCE}</p><p>" + "Officials declined to comment. " * 6 + "</p>")
        capture_id = archive.add(capture_upload("story.html", story.encode(), Limits())).capture.id
        archive.accounts.add(NAME, "contributor", PASSWORD)
        archive.accounts.add("viewer", "viewer", PASSWORD)
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "app", "--home", str(home), "serve", "--port", "0"]
    with served(command, Path(__file__).parents[1], environment) as base:
        yield base, capture_id


def _log_in(page, base: str, name: str, path: str) -> None:
    page.goto(f"{base}{path}")
    assert "/login?next=" in page.url
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(f"{base}{path}")


def test_contributor_cites_and_viewer_sees_no_cite_button(team_server, page):
    base, capture_id = team_server
    _log_in(page, base, NAME, f"/captures/{capture_id}")
    assert page.inner_text("form.account span") == f"{NAME} (contributor)"  # shown as text, never as markup
    _select(page, SENTENCE)
    page.wait_for_selector("#cite-selection", state="visible")
    page.click("#cite-selection")
    page.fill("#cite-new-claim", CLAIM)
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")
    assert page.inner_text(".citation mark") == SENTENCE
    assert page.locator(".status-form").count() == 0 and page.locator("form.remove").count() == 0
    page.click("form.account button")
    page.wait_for_url(f"{base}/login")

    _log_in(page, base, "viewer", f"/captures/{capture_id}")
    _select(page, SENTENCE)
    assert page.locator("#cite-selection").count() == 0 and page.locator("#cite-form").count() == 0
    page.goto(f"{base}/claims")
    assert CLAIM in page.inner_text("table.list") and page.locator("form.new-claim").count() == 0
    page.click("form.account button")
    page.wait_for_url(f"{base}/login")
    assert page.dialogs == []
