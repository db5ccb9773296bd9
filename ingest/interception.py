"""The network of a browser visit: every request the page makes is checked like our own fetches, sent by our
own client (ingest/fetch.py), held to the size limits, recorded for the WARC, and only then answered to the
browser (Playwright's route interception, route.fulfill).

Why the browser does not fetch for itself: its network stack would resolve host names again (a name checked
here could answer an internal address to the browser a moment later), it follows redirects without asking
(Playwright hands a redirect's next hop straight to the network: measured, the hop never reached the route
handler), and what it received could not be written to WARC records as received. Redirects of a page's
resources are therefore followed here, each hop checked and recorded; a redirect of the page itself is left to
the visit (ingest/browser.py), which navigates to the new location, so that the page's URL, and what its
relative links mean, stay right. Whatever still reaches the network without passing here meets the browser's
proxy, a port that refuses every connection (ingest/browser.py).
"""

from __future__ import annotations

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from archive.clock import utc_now
from archive.errors import ArchiveError, CaptureError, FetchError, TooLargeError, URLRefusedError
from ingest.fetch import REDIRECT_CODES, Answer, check_url, request_once, resolve
from ingest.html import HtmlIngestor
from ingest.limits import Limits
from ingest.sniff import sniff

MAX_REDIRECTS = 10
CONNECTIONS = 8  # requests sent at once, as a browser opens a handful of connections per page
# Response headers the browser is not given: the body it gets is already decoded and its length is its own.
NOT_PASSED_ON = frozenset({"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"})
MB = 1024 * 1024


@dataclass
class Exchange:
    """One request the visit sent and the answer it got, as the WARC records them."""

    url: str
    method: str
    request_headers: dict[str, str]
    request_body: bytes | None
    answer: Answer
    at: str  # UTC, when the answer was read


@dataclass
class Refusal:
    """A request of the page that was not sent, or got no answer, and why."""

    url: str
    reason: str
    blocked: bool = True  # False: sent, but it failed (timed out, refused by the server)


@dataclass
class PageAnswer:
    """The answer to a navigation of the page itself, with what the visit must do about it."""

    url: str
    answer: Answer | None = None
    moved_to: str | None = None  # a redirect: the visit navigates there
    error: ArchiveError | None = None  # the visit fails with it


@dataclass
class Network:
    """What the interceptor saw: exchanges, refusals, the page's own answers, and what is still in flight."""

    exchanges: list[Exchange] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    page: PageAnswer | None = None  # the latest navigation of the page
    redirects: list[dict] = field(default_factory=list)  # of the page: {"url", "status", "location"}
    in_flight: dict[int, str] = field(default_factory=dict)  # request number: URL
    received: int = 0  # bytes of every answer


class Interceptor:
    """Answers every request of one page's visit within `limits`, until closed (when the capture is taken)."""

    def __init__(self, source: str, limits: Limits, deadline: float):
        self.source = source
        self.limits = limits
        self.deadline = deadline  # time.monotonic() by which every answer must have been read
        self.network = Network()
        self.page = None  # the Playwright page whose navigations are the page's own (set by the visit)
        self.page_committed = False  # a document of the page has been shown: later problems only refuse
        self.closed = False
        self._stop = threading.Event()  # set when closed: answers still being read are dropped
        self.home = urlsplit(source).hostname  # with allow_private, the one host whose internal addresses it may reach
        self.last_activity = time.monotonic()
        self._numbers = iter(range(1 << 62))
        self._lock = threading.Lock()  # the network record, written from the sending threads
        self._addresses: dict[tuple[str, int], list[str]] = {}
        self._pool = ThreadPoolExecutor(CONNECTIONS, thread_name_prefix="evidence-browser-fetch")

    def close(self) -> None:
        """Stop answering: requests from now on are aborted, answers arriving later are dropped."""
        self.closed = True
        self._stop.set()
        self._pool.shutdown(wait=False, cancel_futures=True)  # threads still reading stop at their next read

    def idle_for(self) -> float:
        """Return how long no request has been in flight (0 while one is)."""
        return 0.0 if self.network.in_flight else time.monotonic() - self.last_activity

    # -- the route handler ----------------------------------------------------------------------

    async def handle(self, route) -> None:
        """Answer one intercepted request (Playwright's route callback)."""
        request = route.request
        if self.closed:
            await _quietly(route.abort("blockedbyclient"))
            return
        page_document = self._is_page_document(request)
        if not page_document and self._from_another_window(request):
            self.refuse(request.url, "from a pop-up window, which the visit closed")
            await _quietly(route.abort("blockedbyclient"))
            return
        number = next(self._numbers)
        self.network.in_flight[number] = request.url
        self.last_activity = time.monotonic()
        try:
            headers = await request.all_headers()
            outcome = await asyncio.get_running_loop().run_in_executor(
                self._pool, self._send, request.url, request.method, headers, request.post_data_buffer,
                not page_document)
        except Exception:  # the pool was shut down or the page closed: the capture has been taken
            outcome = None
        finally:
            self.network.in_flight.pop(number, None)
            self.last_activity = time.monotonic()
        if self.closed or outcome is None:
            await _quietly(route.abort("blockedbyclient"))
        elif page_document:
            await self._answer_page(route, request.url, outcome)
        else:
            await self._answer_resource(route, request, outcome)

    def _is_page_document(self, request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except Exception:  # a request of no frame (a worker's): not the page's own document
            return False

    def _from_another_window(self, request) -> bool:
        try:
            return request.frame.page != self.page
        except Exception:
            return False

    async def _answer_page(self, route, url: str, outcome: Answer | ArchiveError) -> None:
        """Answer a navigation of the page: shown, followed by the visit, refused, or the visit's error.

        Once a document is shown, a later navigation that fails or leads to a download leaves the page where
        it is (204 No Content: the browser stays, where an aborted navigation would show an error page); one
        refused as internal fails the visit, as its first document would.
        """
        if isinstance(outcome, ArchiveError):
            if self.page_committed and not isinstance(outcome, URLRefusedError):
                self._record_refusal(url, outcome)
                await _quietly(route.fulfill(status=204, body=b""))
            else:
                self.network.page = PageAnswer(url, error=self._page_error(url, outcome))
                await _quietly(route.abort("blockedbyclient"))
            return
        location = outcome.merged_headers().get("location")
        if outcome.status in REDIRECT_CODES and location:
            target = urljoin(url, location)
            self.network.redirects.append({"url": url, "status": outcome.status, "location": target})
            if len(self.network.redirects) > MAX_REDIRECTS:
                error = FetchError(self.source, f"too many redirects (more than {MAX_REDIRECTS})")
                self.network.page = PageAnswer(url, error=error)
            else:
                self.network.page = PageAnswer(url, outcome, moved_to=target)
            await _quietly(route.abort("aborted"))
            return
        problem = _not_a_page(outcome)
        if self.page_committed and problem is not None:
            self.refuse(url, problem if problem.startswith("a download") else f"not a web page ({problem})")
            await _quietly(route.fulfill(status=204, body=b""))
            return
        error = None
        if outcome.status >= 400 and not self.page_committed:
            error = FetchError(self.source, f"the server answered HTTP {outcome.status} {outcome.reason}".rstrip())
        elif problem is not None:
            error = CaptureError(self.source, f"{url} is {problem}, not a web page: capture it without --browser")
        self.network.page = PageAnswer(url, outcome, error=error)
        if error is not None:
            await _quietly(route.abort("blockedbyclient"))
            return
        await _quietly(route.fulfill(status=outcome.status, headers=_passed_on(outcome), body=outcome.body))

    def _page_error(self, url: str, error: ArchiveError) -> ArchiveError:
        """Say what stopped a navigation of the page, naming the source as typed (and where a script went)."""
        reason = getattr(error, "reason", str(error))
        if self.page_committed:
            reason = f"the page sent the browser to {url}, which was refused ({reason}); nothing was captured"
        return type(error)(self.source, reason) if isinstance(error, CaptureError) else error

    async def _answer_resource(self, route, request, outcome: tuple[str, Answer] | ArchiveError) -> None:
        if isinstance(outcome, ArchiveError):
            self._record_refusal(request.url, outcome)
            await _quietly(route.abort("blockedbyclient" if isinstance(outcome, URLRefusedError) else "failed"))
            return
        _final, answer = outcome
        if request.is_navigation_request() and _is_download(answer):  # a frame navigating to a file
            self.refuse(request.url, "a download (Content-Disposition: attachment)")
            await _quietly(route.abort("blockedbyclient"))
            return
        await _quietly(route.fulfill(status=answer.status, headers=_passed_on(answer), body=answer.body))

    # -- sending, in the pool's threads --------------------------------------------------------------

    def _send(self, url: str, method: str, headers: dict[str, str], body: bytes | None,
              follow: bool) -> tuple[str, Answer] | Answer | ArchiveError:
        """Send a request (following redirects when `follow`), each hop checked and recorded; return the final
        URL and answer (the answer alone for a page's navigation), or the error that stopped it."""
        try:
            for _hop in range(MAX_REDIRECTS + 1):
                answer = self._send_once(url, method, headers, body, not follow and not self.page_committed)
                location = answer.merged_headers().get("location")
                if not (follow and answer.status in REDIRECT_CODES and location):
                    return (url, answer) if follow else answer
                url = urljoin(url, location)
                if answer.status == 303 or (answer.status in (301, 302) and method == "POST"):
                    method, body = "GET", None  # what browsers do with these redirects
            raise FetchError(url, f"too many redirects (more than {MAX_REDIRECTS})")
        except ArchiveError as exc:
            return exc
        except Exception as exc:  # whatever else goes wrong with one request fails that request alone
            return FetchError(url, f"{type(exc).__name__}: {exc}")

    def _send_once(self, url: str, method: str, headers: dict[str, str], body: bytes | None,
                   first_document: bool) -> Answer:
        url = check_url(url, url)
        if self.closed:
            raise FetchError(url, "the capture had been taken")
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        budget = self.limits.max_visit_bytes - self.network.received
        if budget <= 0:
            raise TooLargeError(url, f"not sent: the visit had received its {self.limits.max_visit_bytes / MB:g} MB")
        spent = TooLargeError(url, f"not kept: the visit's answers would pass its "
                                   f"{self.limits.max_visit_bytes / MB:g} MB")
        try:
            answer = request_once(url, url, method=method, headers=headers, body=body, timeout=self.limits.timeout,
                                  max_bytes=min(self.limits.max_bytes, budget), deadline_at=self.deadline,
                                  addresses=self._checked_addresses(url, parts.hostname, port, first_document),
                                  stop=self._stop)
        except TooLargeError:
            if budget < self.limits.max_bytes:  # too large for what was left of the visit's bytes
                raise spent from None
            raise
        with self._lock:  # answers read at once may together pass the visit's limit: the one that would is refused
            if self.network.received + len(answer.body) > self.limits.max_visit_bytes:
                raise spent
            self.network.received += len(answer.body)
            if not self.closed:
                self.network.exchanges.append(Exchange(url, method, headers, body, answer, utc_now()))
        return answer

    def _checked_addresses(self, url: str, host: str, port: int, first_document: bool) -> list[str]:
        """Resolve and check a host once per visit; every request to it goes to the addresses checked then.

        With `allow_private`, internal addresses are reached as a plain fetch reaches them while the page's
        first document is fetched (the URL given and its redirects); after that, only at the host of the URL
        given: what the page's own scripts and resources ask for may not steer the browser to other internal
        hosts (a cloud metadata service, a router).
        """
        allowed = self.limits.allow_private and (first_document or host == self.home)
        key = (host, port, allowed)
        if key not in self._addresses:
            try:
                self._addresses[key] = resolve(url, host, port, allowed)
            except URLRefusedError as exc:
                if not self.limits.allow_private:
                    raise
                # Allowed, but not at this host: say so, rather than how to allow it.
                reason = f"{exc.reason.split('; ')[0]}; a browser capture reaches internal addresses only at " \
                         f"the host it was given ({self.home})"
                raise URLRefusedError(url, reason) from exc
        return self._addresses[key]

    # -- refusals ---------------------------------------------------------------------------------

    def _record_refusal(self, url: str, error: ArchiveError) -> None:
        reason = getattr(error, "reason", str(error))
        self.network.refusals.append(Refusal(url, reason, blocked=isinstance(error, (URLRefusedError,
                                                                                    TooLargeError))))

    def refuse(self, url: str, reason: str) -> None:
        """Note something of the page that the visit refused (a WebSocket, a pop-up window, a download)."""
        self.network.refusals.append(Refusal(url, reason))


async def _quietly(operation) -> None:
    """Run a route operation whose page may be gone already (the capture was taken, the visit ended)."""
    try:
        await operation
    except Exception:  # Playwright's TargetClosedError and the like: nobody is waiting for this answer
        pass


def _not_a_page(answer: Answer) -> str | None:
    """Say what a navigation's answer is when it is no web page to show (a download, a PDF), else None."""
    if _is_download(answer):
        return "a download (Content-Disposition: attachment)"
    media_type = answer.merged_headers().get("content-type", "").split(";")[0].strip().lower()
    if media_type in HtmlIngestor.media_types or (not media_type and sniff(answer.body[:1024]) == "text/html"):
        return None
    return media_type or "content of no declared type"


def _is_download(answer: Answer) -> bool:
    return answer.merged_headers().get("content-disposition", "").strip().lower().startswith("attachment")


def _passed_on(answer: Answer) -> dict[str, str]:
    """Return the response headers the browser gets: repeated ones joined (Set-Cookie by line breaks, as
    Playwright takes them), those that described the encoded body left out."""
    headers: dict[str, str] = {}
    for name, value in answer.headers:
        key = name.lower()
        if key in NOT_PASSED_ON:
            continue
        joiner = "\n" if key == "set-cookie" else ", "
        headers[key] = f"{headers[key]}{joiner}{value}" if key in headers else value
    return headers
