"""End to end in a real browser: Debian's Chromium driven by Playwright, against `evidence serve` on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.documents import html_page, pdf_bytes, write

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).parent / "artifacts"
SENTENCE = "Customs records show exports of 1.23 million dollars of drones to Russia in 2022."


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Run `evidence serve` (waitress) on a free port of 127.0.0.1 and yield its base URL."""
    home = tmp_path_factory.mktemp("served-archive")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = home / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "app", "--home", str(home), "serve", "--port", str(port)],
                                   cwd=Path(__file__).parents[1], stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text())
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1100, "height": 900})
        yield context
        context.close()


@pytest.fixture
def page(browser):
    tab = browser.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.dialogs = dialogs
    yield tab
    tab.close()


def _select(page, sentence: str) -> None:
    """Select a sentence of the capture text as a reader would, by a DOM range over it."""
    page.evaluate("""(sentence) => {
        const span = [...document.querySelectorAll('#capture-text span.t')].find(s => s.textContent.includes(sentence));
        const node = span.firstChild, at = node.textContent.indexOf(sentence);
        const range = document.createRange();
        range.setStart(node, at); range.setEnd(node, at + sentence.length);
        const selection = window.getSelection();
        selection.removeAllRanges(); selection.addRange(range);
    }""", sentence)


def test_upload_search_open_select_cite_verify(server, page, tmp_path):
    pdf = write(tmp_path / "customs-report.pdf",
                pdf_bytes(["Annual customs report", "Table 4: drones exported, USD 1,230,000"]))
    article = write(tmp_path / "drone-story.html", html_page(
        "Drone exports to Russia", f"<p>{SENTENCE}</p><p>" + "Officials declined to comment on the drones. " * 5 + "</p>"))

    page.goto(server + "/add")
    page.set_input_files("input[name=files]", [str(pdf), str(article)])
    page.click("form button[type=submit]")
    page.wait_for_selector(".results")
    assert page.locator(".badge-captured").count() == 2
    page.screenshot(path=str(ARTIFACTS / "add.png"), full_page=True)

    page.goto(server + "/")
    page.fill("#q", "drones")
    page.press("#q", "Enter")
    page.wait_for_selector(".hit")
    assert "2 results" in page.inner_text(".count")
    page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
    page.click(".hit h2 a >> text=Drone exports to Russia")
    page.wait_for_url(f"{server}/captures/*")  # and its load: the selection script listens from then on
    page.wait_for_selector("#capture-text")
    assert page.locator("#hit").count() == 1

    _select(page, SENTENCE)
    page.wait_for_selector("#cite-selection", state="visible")
    page.screenshot(path=str(ARTIFACTS / "capture-selection.png"))
    page.click("#cite-selection")
    assert page.input_value("#cite-quote") == SENTENCE
    assert page.input_value("#cite-position").isdigit()
    page.fill("#cite-new-claim", "Kazakhstan exported $1.23 million of drones to Russia in 2022")
    page.click("#cite-form button[type=submit]")

    page.wait_for_selector(".citation")
    assert "/claims/" in page.url
    assert page.inner_text("h1.claim-text") == "Kazakhstan exported $1.23 million of drones to Russia in 2022"
    assert page.inner_text(".citation mark") == SENTENCE
    assert "verified against the stored capture" in page.inner_text(".citation .verdict")
    page.screenshot(path=str(ARTIFACTS / "claim.png"), full_page=True)
    assert page.dialogs == []


def test_hostile_capture_executes_nothing(server, page, tmp_path):
    payload = ("&lt;script&gt;alert('script ran')&lt;/script&gt; "
               "&lt;img src=x onerror=\"alert('img ran'); window.__owned = 1\"&gt; "
               "&lt;svg onload=alert('svg ran')&gt;")
    hostile = write(tmp_path / "hostile.html", html_page(
        "Hostile page", "<p>" + payload + " Drones were mentioned in this hostile article.</p>" * 3))
    raw = write(tmp_path / "hostile.txt", "Plain text <script>alert('txt ran')</script> <img src=x onerror=alert(2)>")
    page.goto(server + "/add")
    page.set_input_files("input[name=files]", [str(hostile), str(raw)])
    page.click("form button[type=submit]")
    page.wait_for_selector(".results")
    links = [a.get_attribute("href") for a in page.locator(".results a").all()]
    assert len(links) == 2
    for index, link in enumerate(links, start=1):
        page.goto(server + link)
        page.wait_for_selector("#capture-text")
        text = page.inner_text("#capture-text")
        assert "<script>" in text and "onerror" in text  # shown as text...
        assert page.locator("#capture-text script, #capture-text img, #capture-text svg").count() == 0  # ...not as DOM
        assert page.evaluate("window.__owned") is None
        page.screenshot(path=str(ARTIFACTS / f"hostile-{index}.png"), full_page=True)
    assert page.dialogs == []


PHONE = {"width": 390, "height": 844}  # an ordinary phone held upright


def _select_word_at_the_right_edge(page) -> float:
    """Select the first word of the capture text that starts near the right edge; return where it starts."""
    return page.evaluate("""() => {
        for (const span of document.querySelectorAll('#capture-text span.t')) {
            const node = span.firstChild;
            if (!node) continue;
            for (const word of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
                const left = range.getBoundingClientRect().left;
                if (left > window.innerWidth - 100) {
                    const selection = window.getSelection();
                    selection.removeAllRanges(); selection.addRange(range);
                    return left;
                }
            }
        }
        return 0;
    }""")


def test_no_page_scrolls_sideways_at_phone_width(server, page, tmp_path):
    long_word = "https://example.org/" + "a-very-long-path-segment-" * 6 + "?query=" + "x" * 60
    article = write(tmp_path / "phone-story-with-a-rather-long-file-name-for-a-narrow-screen.html", html_page(
        "Drone exports to Russia reached a figure that nobody had expected in the customs tables of 2022",
        f"<p>{SENTENCE} Source: {long_word}</p><p>" + "Officials declined to comment on the drones. " * 5 + "</p>"))
    pdf = write(tmp_path / "phone-report.pdf", pdf_bytes(["Cover", "Table 4: drones exported, USD 1,230,000"]))
    note = write(tmp_path / ("untitled-" + "note" * 20 + ".txt"), long_word + "\n" + SENTENCE + " " + "x" * 300)
    page.set_viewport_size(PHONE)
    page.goto(server + "/add")
    page.set_input_files("input[name=files]", [str(article), str(pdf), str(note)])
    page.click("form button[type=submit]")
    page.wait_for_selector(".results")
    added = page.evaluate("document.documentElement.scrollWidth")
    captures = [a.get_attribute("href") for a in page.locator(".results a").all()]
    page.goto(server + captures[0])
    assert _select_word_at_the_right_edge(page) > PHONE["width"] - 100
    page.wait_for_selector("#cite-selection", state="visible")
    selecting = page.evaluate("document.documentElement.scrollWidth")  # the floating button stays on screen
    _select(page, SENTENCE)
    page.click("#cite-selection")
    page.fill("#cite-new-claim", "Kazakhstan exported $1.23 million of drones to Russia in 2022, "
                                 "according to customs records reviewed by reporters")
    page.click("#cite-form button[type=submit]")
    page.wait_for_selector(".citation")
    claim = page.url.split("#")[0].removeprefix(server)

    kinds = {"search": "/", "results": "/?q=drones", "figure results": "/?q=%241.23+million",
             "captures": "/captures", "claims": "/claims", "add": "/add", "capture": captures[0],
             "PDF capture": captures[1], "text capture": captures[2], "claim": claim,
             "sources": claim + "/sources"}
    widths = {"add results": added, "capture while selecting": selecting}
    for kind, path in kinds.items():
        page.goto(server + path)
        widths[kind] = page.evaluate("document.documentElement.scrollWidth")
        if widths[kind] > PHONE["width"]:
            page.screenshot(path=str(ARTIFACTS / f"phone-{kind.replace(' ', '-')}.png"), full_page=True)
    assert {kind: width for kind, width in widths.items() if width > PHONE["width"]} == {}
    assert page.dialogs == []


def test_where_sources_disagree_and_one_click_stances(server, page):
    """The claim page lines the samples up (not comparable in grey with the reason, two accounts side by side),
    and a sentence found for a claim without figures is cited as context in one click."""
    samples = Path(__file__).parents[1] / "samples"
    page.goto(server + "/add")
    page.set_input_files("input[name=files]", [str(samples / name) for name in
                                               ("drones-en.html", "trade-monitor-en.md", "trade-registry-en.md")])
    page.click("form button[type=submit]")
    page.wait_for_selector(".results")
    page.goto(server + "/claims")
    page.fill("form.new-claim input[name=text]", "Kazakhstan exported $1.23 million of drones to Russia in 2022")
    page.click("form.new-claim button[type=submit]")
    page.wait_for_selector("#where-sources-disagree")
    grey = " ".join(page.locator("tr.not-comparable").all_inner_texts())
    assert "another period: 2023, the claim's 2022" in grey and "another direction: import, the claim's export" in grey
    # the server is shared with the tests before: other pages may tell other accounts; this one is ours
    who_sent = page.locator('h3.account-title:has-text("Who: 500") + div.accounts .account h4')
    assert {t.strip() for t in who_sent.all_inner_texts()} == {"Aspan Arba", "Nebesnaya Mekhanika"}
    page.screenshot(path=str(ARTIFACTS / "where-sources-disagree.png"), full_page=True)

    page.goto(server + "/claims")
    page.fill("form.new-claim input[name=text]", "Aspan Arba held an export licence")
    page.click("form.new-claim button[type=submit]")
    page.click("text=Find sources")
    page.wait_for_selector(".candidate")
    first = page.locator(".candidate").first
    first.locator("button[value=context]").click()
    page.wait_for_selector(".citation")
    assert page.locator(".citation .badge.stance").first.inner_text() == "context"
    assert page.dialogs == []
