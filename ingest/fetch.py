"""HTTP capture: our own client, so that every hop, header and byte is recorded. The only module doing HTTP.

trafilatura's fetch refuses loopback addresses and hides redirects; evidence needs the whole exchange.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from archive.errors import FetchError, TooLargeError, URLRefusedError
from ingest.base import Loaded
from archive.clock import utc_now

USER_AGENT = "evidence-archive/0.1 (capture for fact-checking)"
REDIRECT_CODES = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024
_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?", re.IGNORECASE)
# Request headers this client sets itself whatever a browser asked for: it reads one request per connection,
# and undoes no compression it did not ask to receive (bodies are kept decoded, as evidence reads them).
_SET_HERE = frozenset({"host", "accept-encoding", "connection", "keep-alive", "proxy-connection", "te", "trailer",
                       "transfer-encoding", "upgrade", "content-length"})
ALLOW_HINT = ("loopback, private and link-local addresses are captured only when allowed "
              "(--allow-private on the command line, EVIDENCE_ALLOW_PRIVATE_URLS=1 for the web)")


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 50 * 1024 * 1024, max_redirects: int = 10,
          allow_private: bool = False, deadline: float = 120.0) -> Loaded:
    """GET a URL following redirects; return the final response as a Loaded source or raise FetchError.

    Every hop is checked before it is requested: a valid http(s) URL, and unless `allow_private`, a host
    that resolves to public addresses only.
    """
    requested = check_url(url, url)
    started = time.monotonic()
    redirects: list[dict] = []
    current = requested
    while True:
        status, reason, headers, body, sent = _get_once(url, current, timeout, max_bytes, allow_private,
                                                        started + deadline)
        if status in REDIRECT_CODES and headers.get("location"):
            try:
                target = urljoin(current, headers["location"])
            except ValueError as exc:
                raise URLRefusedError(url, f"{current} redirects to a location that is not a valid URL") from exc
            target = check_url(url, target)
            redirects.append({"url": current, "status": status, "location": target})
            if len(redirects) > max_redirects:
                raise FetchError(url, f"too many redirects (more than {max_redirects})")
            current = target
            continue
        if status >= 400:
            raise FetchError(url, f"the server answered HTTP {status} {reason}".rstrip())
        if not body:
            raise FetchError(url, f"the server answered HTTP {status} with an empty body")
        content_type = headers.get("content-type")
        return Loaded(
            source=url, method="http", body=body, captured_at=utc_now(),
            name=urlsplit(current).path or "/",
            declared_type=content_type.split(";")[0].strip().lower() if content_type else None,
            content_type=content_type, url=requested, final_url=current, redirects=redirects,
            http_status=status, http_headers=headers, http_reason=reason, request_headers=sent,
        )


def _get_once(source: str, url: str, timeout: float, max_bytes: int, allow_private: bool,
              deadline_at: float) -> tuple[int, str, dict[str, str], bytes, dict[str, str]]:
    answer = request_once(source, url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                          deadline_at=deadline_at)
    return answer.status, answer.reason, answer.merged_headers(), answer.body, answer.sent


@dataclass
class Answer:
    """What one HTTP request got back, and the request headers as they were sent."""

    status: int
    reason: str
    headers: list[tuple[str, str]]  # as received, in order, repeated names repeated (Set-Cookie)
    body: bytes  # content encodings undone; empty for a redirect
    sent: dict[str, str]

    def merged_headers(self) -> dict[str, str]:
        """Return the headers with lower-case names, repeated ones joined with commas."""
        merged: dict[str, str] = {}
        for name, value in self.headers:
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        return merged


def request_once(source: str, url: str, *, method: str = "GET", headers: dict[str, str] | None = None,
                 body: bytes | None = None, timeout: float = 20.0, max_bytes: int = 50 * 1024 * 1024,
                 allow_private: bool = False, deadline_at: float | None = None,
                 addresses: list[str] | None = None, stop: threading.Event | None = None) -> Answer:
    """Send one request to an already-checked URL (check_url) and read its answer; follow no redirect.

    Without `headers`, ours are sent (a GET for a capture); with them (a browser's), Host, Accept-Encoding and
    Connection are set here. `addresses` are the host's addresses when the caller resolved and checked them
    (resolve), else they are resolved and checked here; `stop`, when set, ends the reading of the body. Raise
    FetchError, TooLargeError or URLRefusedError.
    """
    parts = urlsplit(url)
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if addresses is None:
        addresses = resolve(source, host, port, allow_private)
    deadline_at = time.monotonic() + timeout if deadline_at is None else deadline_at
    # A URL as people write it may hold non-ASCII letters; on the wire they are percent-encoded (and the
    # host name IDNA-encoded), as a browser sends them.
    path = quote(urlunsplit(("", "", parts.path or "/", parts.query, "")), safe="/?:@!$&'()*+,;=%~-._")
    authority = parts.netloc.rsplit("@", 1)[-1]
    if not authority.isascii():
        authority = host.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port else "")
    connection = _connection(parts.scheme, host, port, addresses, timeout)
    response = None
    try:
        if headers is None:
            sent = {"Host": authority, "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.8",
                    "Accept-Encoding": "identity", "Connection": "close"}
        else:
            sent = {"Host": authority, **{name: value for name, value in headers.items()
                                          if name.lower() not in _SET_HERE}, "Accept-Encoding": "identity",
                    "Connection": "close"}
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        received = response.getheaders()
        answer = Answer(response.status, response.reason, received, b"", sent)
        if response.status in REDIRECT_CODES or method == "HEAD":
            return answer
        merged = answer.merged_headers()
        declared_length = merged.get("content-length", "")
        if declared_length.isdigit() and int(declared_length) > max_bytes:
            raise TooLargeError(source, f"the response is too large ({_mb(int(declared_length))}, "
                                        f"limit {_mb(max_bytes)})")
        raw = _read_capped(source, response, max_bytes, deadline_at, stop)
        answer.body = _decode_content(source, raw, merged)
        return answer
    except (FetchError, TooLargeError):
        raise
    except (socket.timeout, TimeoutError) as exc:
        raise FetchError(source, f"timed out after {timeout:g} s waiting for {host}") from exc
    except ConnectionRefusedError as exc:
        raise FetchError(source, f"the connection to {host}:{port} was refused") from exc
    except ssl.SSLError as exc:
        raise FetchError(source, f"TLS error talking to {host}: {exc.reason or exc}") from exc
    except (http.client.HTTPException, OSError) as exc:
        raise FetchError(source, f"the connection to {host} failed ({type(exc).__name__}: {exc})") from exc
    finally:
        if response is not None:  # a body left unread (too large, stopped) holds the socket open
            response.close()
        connection.close()


def _connection(scheme: str, host: str, port: int, addresses: list[str], timeout: float):
    """Open a connection to the already-checked addresses, so a DNS answer cannot change under us."""
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    connection._create_connection = lambda *_args, **_kwargs: _connect_any(addresses, port, timeout)
    return connection


def _connect_any(addresses: list[str], port: int, timeout: float) -> socket.socket:
    """Connect to the first address that answers (localhost may resolve to ::1 before 127.0.0.1)."""
    error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), timeout)
        except OSError as exc:
            error = exc
    raise error or OSError("no address to connect to")


def resolve(source: str, host: str, port: int, allow_private: bool) -> list[str]:
    """Return a host's addresses; unless `allow_private`, refuse it when any of them is internal."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise FetchError(source, f"the host name {host} could not be resolved") from exc
    addresses = [info[4][0] for info in infos]
    if not allow_private:
        for address in addresses:
            if is_internal(address):
                raise URLRefusedError(source, f"refused: {host} resolves to the internal address {address}; "
                                              f"{ALLOW_HINT}")
    return list(dict.fromkeys(addresses))


def is_internal(address: str) -> bool:
    """Tell whether an IP address is loopback, private, link-local or otherwise not public."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast
            or ip.is_unspecified)


def _read_capped(source: str, response, max_bytes: int, deadline_at: float, stop: threading.Event | None) -> bytes:
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline_at:
            raise FetchError(source, "timed out: the response took longer than the overall time limit")
        if stop is not None and stop.is_set():
            raise FetchError(source, "stopped before the response ended")
        chunk = response.read1(CHUNK) if hasattr(response, "read1") else response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise TooLargeError(source, f"the response is too large (over the {_mb(max_bytes)} limit)")
        chunks.append(chunk)


def _decode_content(source: str, body: bytes, headers: dict[str, str]) -> bytes:
    """Undo a Content-Encoding the server applied although we asked for none."""
    encoding = headers.get("content-encoding", "identity").lower()
    if encoding in ("", "identity"):
        return body
    if encoding in ("gzip", "x-gzip", "deflate"):
        try:
            return zlib.decompress(body, 47 if "gzip" in encoding else zlib.MAX_WBITS)
        except zlib.error as exc:
            raise FetchError(source, f"the {encoding} response body is corrupt") from exc
    raise FetchError(source, f"the response uses an unsupported content encoding ({encoding})")


def check_url(source: str, url: str) -> str:
    """Return the URL without its fragment if it can be requested, else raise URLRefusedError saying why."""
    url = url.strip()
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise URLRefusedError(source, f"{url!r} is not a valid URL: it contains white space or control "
                                      "characters (write a space as %20)")
    try:
        parts = urlsplit(url)
        port = parts.port  # reading it checks it: a port past 65535 or not a number raises ValueError
    except ValueError as exc:
        raise URLRefusedError(source, f"{url!r} is not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise URLRefusedError(source, f"unsupported URL scheme '{scheme}': only http and https can be captured")
    host = parts.hostname
    if not host:
        raise URLRefusedError(source, f"the URL {url} has no host name")
    if not _valid_host(host):
        raise URLRefusedError(source, f"the URL {url} does not name a valid host")
    if port == 0:
        raise URLRefusedError(source, f"the URL {url} names port 0")
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))


def _valid_host(host: str) -> bool:
    """Tell whether a URL's host is an IP address or a name the resolver can be asked about."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return True
    except ValueError:
        pass
    try:
        ascii_name = host.encode("idna").decode("ascii")  # international names, as the resolver takes them
    except UnicodeError:
        return False
    return len(ascii_name) <= 253 and _HOST_NAME.fullmatch(ascii_name) is not None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"
