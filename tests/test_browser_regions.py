"""Regions and table cells end to end in a real browser (Debian's Chromium driven by Playwright, against `evidence
serve` on 127.0.0.1): a region dragged on a PDF page's picture and cited, a table cell chosen and cited."""

from __future__ import annotations

import re

import pytest

from tests.documents import customs_report_pdf, write
from tests.test_browser import ARTIFACTS, browser, page, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_url(server, browser, tmp_path_factory):  # noqa: F811 (fixtures)
    """Upload the customs report through the Add page; return the URL of its capture page."""
    pdf = write(tmp_path_factory.mktemp("upload") / "customs-report.pdf", customs_report_pdf())
    tab = browser.new_page()
    tab.goto(server + "/add")
    tab.set_input_files("input[name=files]", [str(pdf)])
    tab.click("form button[type=submit]")
    tab.wait_for_selector(".results")
    url = tab.locator(".results a").first.get_attribute("href")
    tab.close()
    return server + url


def _picture_loaded(tab) -> None:
    """Wait until the browser has drawn the page's picture (fetched from the page-picture route)."""
    tab.wait_for_function("""() => { const image = document.querySelector('#page-view svg image');
        if (!image) return false;
        const probe = new Image(); probe.src = image.href.baseVal; return probe.complete && probe.naturalWidth > 0; }""")


def test_drag_a_region_on_a_pdf_page_and_cite_it(server, page, report_url):  # noqa: F811 (fixtures)
    page.goto(report_url + "?page=2")
    page.wait_for_selector("#page-view svg[data-region-page='2']")
    _picture_loaded(page)
    page.locator("#page-view h2").scroll_into_view_if_needed()  # the mouse acts on what the viewport shows
    picture = page.locator("#page-view svg").bounding_box()
    scale = picture["width"] / 595  # the picture's pixels are the page's points
    left, top = picture["x"] + 50 * scale, picture["y"] + 60 * scale
    page.mouse.move(left, top)
    page.mouse.down()
    page.mouse.move(left + 250 * scale, top + 60 * scale, steps=8)
    page.mouse.move(left + 500 * scale, top + 120 * scale, steps=8)
    page.mouse.up()
    page.wait_for_selector("#cite-region-button", state="visible")
    assert page.locator("#page-view rect.selection").get_attribute("visibility") == "visible"
    page.screenshot(path=str(ARTIFACTS / "region-dragged.png"), full_page=True)
    page.click("#cite-region-button")
    region = page.input_value("#cite-region")
    number, x, y, w, h = map(int, re.fullmatch(r"(\d+):(\d+),(\d+),(\d+),(\d+)", region).groups())
    assert number == 2 and abs(x - 50) <= 2 and abs(y - 60) <= 2 and abs(w - 500) <= 3 and abs(h - 120) <= 3
    page.fill("#cite-new-claim", "The customs report lists drone exports to Russia")
    page.select_option("#cite-form select[name=stance]", "context")
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")
    assert "/claims/" in page.url
    assert f"page 2: {w} × {h} px at ({x}, {y}) of the page's picture (595 × 842 px)" in page.inner_text(".citation")
    assert "verified against the stored capture" in page.inner_text(".citation .verdict")
    box = page.locator(".citation figure.region rect.mark.cited")
    assert box.get_attribute("x") == str(x) and box.get_attribute("width") == str(w)
    page.screenshot(path=str(ARTIFACTS / "region-cited.png"), full_page=True)
    assert page.dialogs == []


def test_choose_a_table_cell_and_cite_it(server, page, report_url):  # noqa: F811 (fixtures)
    page.goto(report_url + "?page=2")
    page.wait_for_selector("table.found-table")
    page.click("table.found-table td a >> text=1,230,000")
    page.wait_for_selector(".chosen-cell")
    assert "Table 1, row 2 (8806), column 4 (Value, USD)" in page.inner_text(".chosen-cell")
    assert page.locator("#page-view rect.mark.chosen").count() == 1
    page.fill("#cite-new-claim", "Kazakhstan exported $1.23 million of drones to Russia in 2022")
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")
    citation = page.inner_text(".citation")
    assert page.inner_text(".citation mark") == "1,230,000"
    assert "Table 1, row 2 (8806), column 4 (Value, USD)" in citation
    assert "verified against the stored capture" in citation
    assert "same figure" in page.inner_text(".citation .verdict") or "1,230,000" in citation
    page.screenshot(path=str(ARTIFACTS / "cell-cited.png"), full_page=True)
    assert page.dialogs == []
