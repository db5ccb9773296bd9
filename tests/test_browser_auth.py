"""Team mode in a real browser: a contributor logs in, captures and cites by selecting text; a viewer sees no cite
button; an editor sets the verdict; the claim's history names everyone who acted; an admin manages accounts whose
names are markup, and they read as text."""

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
NEWCOMER = "<script>alert('newcomer')</script>"


@pytest.fixture(scope="module")
def team_server(tmp_path_factory):
    """`evidence serve` on 127.0.0.1 over an archive with one capture, two contributors, a viewer, an editor and an admin."""
    from ingest.pipeline import Limits, capture_upload

    home = tmp_path_factory.mktemp("team-archive")
    with Archive(home) as archive:
        story = html_page("Drone exports", f"<p>{SENTENCE}</p><p>" + "Officials declined to comment. " * 6 + "</p>")
        capture_id = archive.add(capture_upload("story.html", story.encode(), Limits())).capture.id
        archive.accounts.add(NAME, "contributor", PASSWORD)
        archive.accounts.add("viewer", "viewer", PASSWORD)
        archive.accounts.add("reporter", "contributor", PASSWORD)
        archive.accounts.add("editor", "editor", PASSWORD)
        archive.accounts.add("admin", "admin", PASSWORD)
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith("EVIDENCE_")}, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "app", "--home", str(home), "serve", "--port", "0"]
    with served(command, Path(__file__).parents[1], environment) as base:
        yield base, capture_id


def _log_in(page, base: str, name: str, path: str) -> None:
    page.context.clear_cookies()  # the browser is shared by the module: a test that failed logged in stays so
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


SECOND = "The ministry confirmed the shipments in a letter dated 3 March."


def _log_out(page, base: str) -> None:
    page.click("form.account button")
    page.wait_for_url(f"{base}/login")


def test_a_desk_captures_cites_and_judges_and_the_history_names_each(team_server, page):
    base, _ = team_server
    # A contributor captures a source through the Add page, then cites a passage of it for a new claim.
    _log_in(page, base, NAME, "/add")
    story = html_page("Ministry letter", f"<p>{SECOND}</p><p>" + "The letter was published later. " * 6 + "</p>")
    page.set_input_files("input[name=files]", {"name": "letter.html", "mimeType": "text/html",
                                                "buffer": story.encode()})
    page.click("form[action$='/add'] button[type=submit]")
    page.click(".result-captured a")
    page.wait_for_url(f"{base}/captures/*")  # and its load: the selection script listens from then on
    capture_url = page.url
    _select(page, SECOND)
    page.click("#cite-selection")
    page.fill("#cite-new-claim", "The ministry confirmed the shipments")
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")  # citing leads to the claim's page
    claim_url = page.url.split("#")[0].removeprefix(base)
    _log_out(page, base)

    # A second reporter cites the same passage's sentence for the existing claim.
    _log_in(page, base, "reporter", capture_url.removeprefix(base))
    _select(page, SECOND)
    page.click("#cite-selection")
    page.select_option("#cite-claim", label=page.locator("#cite-claim option").nth(1).inner_text())
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")
    _log_out(page, base)

    # A viewer reads the claim but has no button to change it.
    _log_in(page, base, "viewer", claim_url)
    assert page.locator(".status-form").count() == 0
    _log_out(page, base)

    # The editor sets the verdict.
    _log_in(page, base, "editor", claim_url)
    page.select_option(".status-form select[name=status]", "supported")
    page.fill(".status-form input[name=notes]", "Letter seen by two reporters")
    page.click(".status-form button[type=submit]")
    page.wait_for_selector("text=Letter seen by two reporters")
    history = page.inner_text("table.events")
    for name in (NAME, "reporter", "editor"):
        assert f"user:{name}" in history
    assert "supported" in history
    assert page.locator(".citation .cited-by").count() == 2
    cited_by = page.locator(".citation .cited-by").all_inner_texts()
    assert any(NAME in text for text in cited_by) and any("reporter" in text for text in cited_by)
    _log_out(page, base)


def test_admin_adds_an_account_named_with_a_script_and_it_stays_text(team_server, page):
    base, _capture_id = team_server
    _log_in(page, base, "admin", "/accounts")
    page.fill("form.new-account input[name=name]", NEWCOMER)
    page.select_option("form.new-account select[name=role]", "viewer")
    page.fill("form.new-account input[name=password]", PASSWORD)
    page.click("form.new-account button[type=submit]")
    page.wait_for_url(f"{base}/accounts")
    assert f"Account {NEWCOMER} created (viewer)." in page.inner_text("p.flash")
    names = [cell.inner_text() for cell in page.locator("table.accounts td[data-label=Account]").all()]
    assert names == [NAME, "viewer", "reporter", "editor", "admin", NEWCOMER]  # shown as text, never as markup
    assert page.locator("table.accounts img, table.accounts script").count() == 0

    page.locator("tr.account-row", has_text=NEWCOMER).locator("form[action='/accounts/token'] button").click()
    page.wait_for_selector("section.issued-token")
    issued = page.inner_text("section.issued-token")
    assert NEWCOMER in issued and "it will not be shown again" in issued
    assert page.inner_text("code.token").startswith("evd_") and page.url == f"{base}/accounts/token"
    page.goto(f"{base}/audit?event=account")
    assert f"added account {NEWCOMER} as a viewer" in page.inner_text("table.events")
    assert page.dialogs == []
