"""A browser's visit to one page (Debian's Chromium, headless, driven by Playwright), and what it showed.

The visit: a fresh browser with a fresh profile (nothing a page did survives into the next capture), the page
loaded with every request answered by ingest/interception.py, a wait for it to settle, a scroll down to make
lazily loaded content appear (within the height cap) and back to the top; then the page's scripts are stopped,
the DOM serialized and its text measured in one step (ingest/page_layout.py), the full-page screenshot taken,
and the browser closed. JavaScript runs while the page loads; once its scripts are stopped nothing of the page
runs again, and closing the browser ends everything it started.

Bounds (ingest/browser_process.py says why the worker's own memory cap cannot hold a browser): the whole visit
within VISIT_SHARE of the source's time limit, after which the browser is killed; the page's load within
`Limits.timeout` seconds, after which it is captured as it stands, marked partial; every response and all of
them together within `Limits.max_bytes` and `Limits.max_visit_bytes`; the screenshot within
`Limits.max_page_height` pixels; the browser's memory within `Limits.max_memory`.

Chromium's proxy is a port that refuses every connection: whatever would reach the network without passing
the interceptor (the next hop of a redirect that Playwright continues on its own, a request of a target
Playwright does not route, WebRTC) fails there. Measured: without it, a redirected image was fetched from the
server directly; with it, never.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from archive.clock import utc_now
from archive.errors import CaptureError, FetchError, LimitExceededError, TooLargeError
from ingest.browser_process import MemoryWatch, browser_group, kill_group, uncapped_children
from ingest.fetch import Answer, check_url, resolve
from ingest.interception import Exchange, Interceptor, Refusal
from ingest.limits import Limits
from ingest.page_layout import MEASURE_AND_SERIALIZE

CHROMIUM_NAMES = ("chromium", "chromium-browser")  # Debian's package, and the name other systems give it
VIEWPORT = {"width": 1280, "height": 900}
VISIT_SHARE = 0.8  # of the source's time limit; the rest is for extracting the text from the DOM
SETTLE_QUIET = 0.5  # seconds without a request in flight that count as settled
SETTLE_MOST = 3.0  # seconds a page may keep requesting before it is taken as it is
SCROLL_MOST = 10.0  # seconds of scrolling down for lazily loaded content
SCROLL_PAUSE = 0.15
MAX_PAGE_WIDTH = 5000  # CSS pixels of the screenshot's width (a page wider than that is cut, with a note)
LAYOUT_LIMITS = {"maxBlocks": 20_000, "maxWords": 200_000}
CLOSE_SECONDS = 5.0
MB = 1024 * 1024
# Against what the interceptor cannot see: WebRTC may send UDP only through the proxy, which refuses it.
FLAGS = ["--force-webrtc-ip-handling-policy=disable_non_proxied_udp", "--disable-background-networking"]


@dataclass
class Visit:
    """What the browser showed of one page, and how the visit went."""

    source: str
    url: str  # as requested, without its fragment
    final_url: str  # of the document shown
    redirects: list[dict]
    answer: Answer  # the HTTP answer of the document shown
    dom: str  # the rendered DOM, serialized
    screenshot: bytes  # PNG, the full page (up to the height cap)
    layout: dict  # ingest/page_layout.py's measure, with the screenshot's size
    exchanges: list[Exchange]
    refusals: list[Refusal]
    browser: str  # "Chromium 156.0.8078.114"
    user_agent: str
    sandboxed: bool
    settled_at: str  # UTC: when the page's load had settled (or the wait for it ended)
    captured_at: str  # UTC: when the DOM was serialized and measured
    loaded: bool  # the page's load event came within the time allowed
    settled: bool  # and its requests then went quiet
    waiting_for: list[str] = field(default_factory=list)  # requests still open when the wait ended
    page_height: int = 0  # CSS pixels of the whole page, beyond the screenshot when cut
    page_width: int = 0


def visit(source: str, limits: Limits) -> Visit:
    """Load a URL in a fresh headless Chromium and take what it shows; raise CaptureError saying why not."""
    url = check_url(source, source)
    parts = urlsplit(url)
    # Refused before anything starts, as a plain fetch refuses it.
    resolve(source, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), limits.allow_private)
    seconds = max(1.0, limits.time_limit * VISIT_SHARE)
    return asyncio.run(_visit(source, url, limits, seconds))


@functools.cache
def chromium() -> tuple[str | None, str]:
    """Return Chromium's executable (None when it is not installed) and its version ("156.0.8078.114")."""
    executable = next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)
    if executable is None:
        return None, "unknown"
    with uncapped_children():
        said = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30).stdout
    version = re.search(r"\d+(\.\d+)+", said)
    return executable, version.group() if version else "unknown"


async def _visit(source: str, url: str, limits: Limits, seconds: float) -> Visit:
    from playwright.async_api import Error as PlaywrightError, async_playwright  # only where a browser is asked for

    deadline = time.monotonic() + seconds
    executable, version = chromium()
    if executable is None:
        raise CaptureError(source, "Chromium is not installed, and a browser capture needs it: apt-get install "
                                   "chromium (Debian, Ubuntu)")
    user_agent = (f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                  f"Chrome/{version.split('.')[0]}.0.0.0 Safari/537.36")  # as Chrome reports itself, not headless
    sandboxed = os.geteuid() != 0  # Chromium runs as root only without its sandbox
    interceptor = Interceptor(source, limits, deadline)
    with tempfile.TemporaryDirectory(prefix="evidence-browser-", ignore_cleanup_errors=True) as profile, \
            _refusing_port() as proxy:
        with uncapped_children():
            playwright = await async_playwright().start()
        context = group = watch = None
        try:
            context = await asyncio.wait_for(playwright.chromium.launch_persistent_context(
                profile, executable_path=executable, headless=True, chromium_sandbox=sandboxed,
                args=[f"--proxy-server=http://127.0.0.1:{proxy}", "--proxy-bypass-list=<-loopback>", *FLAGS],
                viewport=VIEWPORT, device_scale_factor=1, user_agent=user_agent, accept_downloads=False,
                service_workers="block", timeout=0), max(0.1, deadline - time.monotonic()))
            group = browser_group(profile)
            watch = MemoryWatch(group, limits.max_memory) if group is not None else None
            taken = await asyncio.wait_for(_load_and_take(context, interceptor, url, limits),
                                           max(0.1, deadline - time.monotonic()))
        except asyncio.TimeoutError as exc:
            raise LimitExceededError(source, f"the browser capture took longer than its {seconds:g} s limit "
                                             f"({VISIT_SHARE:.0%} of the {limits.time_limit:g} s time limit); "
                                             "nothing was captured") from exc
        except PlaywrightError as exc:
            if watch is not None and watch.tripped:
                raise LimitExceededError(source, f"the browser ran out of memory (limit "
                                                 f"{limits.max_memory / MB:g} MB); nothing was captured") from exc
            raise CaptureError(source, f"the browser failed ({_first_line(exc)})") from exc
        finally:
            interceptor.close()
            if watch is not None:
                watch.stop()
            await _close(context, group)
            await _stop(playwright)
    network = interceptor.network
    return Visit(source=source, url=url, redirects=network.redirects, exchanges=network.exchanges,
                 refusals=network.refusals, browser=f"Chromium {version}", user_agent=user_agent,
                 sandboxed=sandboxed, **taken)


async def _load_and_take(context, interceptor: Interceptor, url: str, limits: Limits) -> dict:
    """Load the page, let it settle, scroll, stop its scripts, and take the DOM, its layout and the screenshot."""
    page = context.pages[0] if context.pages else await context.new_page()
    interceptor.page = page
    await context.route("**/*", interceptor.handle)
    await context.route_web_socket(re.compile(".*"), lambda socket: _refuse_socket(socket, interceptor))
    context.on("page", lambda opened: asyncio.ensure_future(_close_popup(opened, page, interceptor)))
    page.on("download", lambda download: interceptor.refuse(download.url, "a download"))
    await _navigate(page, interceptor, url)
    loaded = await _wait_for_load(page, interceptor, limits)
    settled = loaded and await _settle(interceptor, SETTLE_QUIET, SETTLE_MOST)
    waiting_for = sorted(set(interceptor.network.in_flight.values()))
    settled_at = utc_now()
    await _scroll(page, interceptor, limits)
    await _follow_moves(page, interceptor, limits)

    # The capture: scripts stopped, then the DOM and its layout in one synchronous step, then the screenshot.
    session = await context.new_cdp_session(page)
    await session.send("Emulation.setScriptExecutionDisabled", {"value": True})
    await session.send("Page.stopLoading")
    interceptor.close()
    measured = await page.evaluate(MEASURE_AND_SERIALIZE, LAYOUT_LIMITS)
    captured_at = utc_now()
    answer = interceptor.network.page
    if len(measured["dom"].encode("utf-8")) > limits.max_bytes:
        raise TooLargeError(interceptor.source, f"the rendered page is larger than the "
                                                f"{limits.max_bytes / MB:g} MB limit")
    width = max(1, min(measured["width"], MAX_PAGE_WIDTH))
    height = max(1, min(measured["height"], limits.max_page_height))
    screenshot = await page.screenshot(type="png", full_page=True, animations="disabled", caret="hide",
                                       clip={"x": 0, "y": 0, "width": width, "height": height}, timeout=0)
    layout = {"version": 1, "width": width, "height": height, "blocks": measured["blocks"]}
    return {"final_url": answer.url, "answer": answer.answer, "dom": measured["dom"], "screenshot": screenshot,
            "layout": layout, "settled_at": settled_at, "captured_at": captured_at, "loaded": loaded,
            "settled": settled, "waiting_for": waiting_for, "page_height": measured["height"],
            "page_width": measured["width"]}


async def _navigate(page, interceptor: Interceptor, url: str) -> None:
    """Navigate the page to `url` until a document is shown, following the page's redirects."""
    from playwright.async_api import Error as PlaywrightError

    target = url
    while True:
        interceptor.network.page = None
        try:
            await page.goto(target, wait_until="commit", timeout=0)  # bounded by the visit's deadline
        except PlaywrightError as exc:
            answer = interceptor.network.page
            if answer is not None and answer.error is not None:
                raise answer.error from None
            if answer is not None and answer.moved_to:
                target = answer.moved_to
                continue
            raise FetchError(interceptor.source, f"the browser could not load {target} "
                                                 f"({_first_line(exc)})") from None
        answer = interceptor.network.page
        if answer is None or answer.answer is None:
            raise FetchError(interceptor.source, f"the browser showed no answer for {target}")
        interceptor.page_committed = True
        return


async def _wait_for_load(page, interceptor: Interceptor, limits: Limits) -> bool:
    """Wait for the page's load event, `limits.timeout` seconds at most; tell whether it came."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_load_state("load", timeout=limits.timeout * 1000)
    except PlaywrightTimeout:
        return False
    return await _follow_moves(page, interceptor, limits)


async def _follow_moves(page, interceptor: Interceptor, limits: Limits) -> bool:
    """After a script sent the page elsewhere: fail when that was refused, follow a redirect the interceptor
    left to the visit, and wait for the new document's load; tell whether it loaded."""
    loaded = True
    while (answer := interceptor.network.page) is not None and (answer.error or answer.moved_to):
        if answer.error is not None:
            raise answer.error
        await _navigate(page, interceptor, answer.moved_to)
        loaded = await _wait_for_load(page, interceptor, limits)
    return loaded


async def _settle(interceptor: Interceptor, quiet: float, most: float) -> bool:
    """Wait until no request has been in flight for `quiet` seconds, `most` seconds at most; tell whether so."""
    end = time.monotonic() + most
    while time.monotonic() < end:
        if interceptor.idle_for() >= quiet:
            return True
        await asyncio.sleep(0.05)
    return False


async def _scroll(page, interceptor: Interceptor, limits: Limits) -> None:
    """Scroll down a screen at a time (lazily loaded images and text appear) until the end of the page, the
    height cap or SCROLL_MOST seconds; then back to the top, where the screenshot starts."""
    end = time.monotonic() + SCROLL_MOST
    scrolled = False
    while time.monotonic() < end:
        top, seen, height = await page.evaluate(
            "() => [scrollY, innerHeight, document.documentElement.scrollHeight]")
        if top + seen >= min(height, limits.max_page_height):
            break
        await page.evaluate("() => window.scrollBy(0, innerHeight)")
        scrolled = True
        await asyncio.sleep(SCROLL_PAUSE)
        await _settle(interceptor, 0.2, 1.0)
        if await page.evaluate("() => scrollY") <= top:  # the page does not scroll (a fixed layout)
            break
    if scrolled:
        await page.evaluate("() => window.scrollTo(0, 0)")
        await _settle(interceptor, 0.2, 1.0)


async def _refuse_socket(socket, interceptor: Interceptor) -> None:
    interceptor.refuse(socket.url, "a WebSocket, which is not captured")
    try:
        await socket.close(code=1008, reason="not captured")
    except Exception:  # the page closed it first
        pass


async def _close_popup(opened, page, interceptor: Interceptor) -> None:
    if opened != page:
        interceptor.refuse(opened.url, "a pop-up window, which was closed")
        try:
            await opened.close()
        except Exception:  # closed already
            pass


async def _close(context, group: int | None) -> None:
    """Close the browser; kill its processes when it does not close in time."""
    if context is None:
        return
    try:
        await asyncio.wait_for(context.close(), CLOSE_SECONDS)
    except Exception:  # hung, or killed already (by the memory watch)
        kill_group(group)


async def _stop(playwright) -> None:
    try:
        await asyncio.wait_for(playwright.stop(), CLOSE_SECONDS)
    except Exception:  # the driver ends anyway when this process's pipe to it closes
        pass


@contextmanager
def _refusing_port() -> Iterator[int]:
    """Yield a port of 127.0.0.1 that refuses every connection (bound, never listening) while the block lasts."""
    with socket.socket() as bound:
        bound.bind(("127.0.0.1", 0))
        yield bound.getsockname()[1]


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "message", None) or exc).strip()
    return (text.splitlines() or [type(exc).__name__])[0][:300]
