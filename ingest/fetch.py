"""HTTP capture: our own client, so that every hop, header and byte is recorded. The only module doing HTTP.

trafilatura's fetch refuses loopback addresses and hides redirects; evidence needs the whole exchange.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
import zlib
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from archive.errors import FetchError, TooLargeError, URLRefusedError
from ingest.base import Loaded
from archive.clock import utc_now

USER_AGENT = "evidence-archive/0.1 (capture for fact-checking)"
REDIRECT_CODES = (301, 302, 303, 307, 308)
CHUNK = 64 * 1024
_HOST_NAME = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?", re.IGNORECASE)
ALLOW_HINT = ("loopback, private and link-local addresses are captured only when allowed "
              "(--allow-private on the command line, EVIDENCE_ALLOW_PRIVATE_URLS=1 for the web)")


def fetch(url: str, *, timeout: float = 20.0, max_bytes: int = 50 * 1024 * 1024, max_redirects: int = 10,
          allow_private: bool = False, deadline: float = 120.0) -> Loaded:
    """GET a URL following redirects; return the final response as a Loaded source or raise FetchError.

    Every hop is checked before it is requested: a valid http(s) URL, and unless `allow_private`, a host
    that resolves to public addresses only.
    """
    requested = _check_url(url, url)
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
            target = _check_url(url, target)
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
    parts = urlsplit(url)  # already checked by _check_url
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    addresses = _resolve(source, host, port, allow_private)
    # A URL as people write it may hold non-ASCII letters; on the wire they are percent-encoded (and the
    # host name IDNA-encoded), as a browser sends them.
    path = quote(urlunsplit(("", "", parts.path or "/", parts.query, "")), safe="/?:@!$&'()*+,;=%~-._")
    authority = parts.netloc.rsplit("@", 1)[-1]
    if not authority.isascii():
        authority = host.encode("idna").decode("ascii") + (f":{parts.port}" if parts.port else "")
    connection = _connection(parts.scheme, host, port, addresses, timeout)
    try:
        sent = {"Host": authority, "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.8",
                "Accept-Encoding": "identity", "Connection": "close"}
        connection.request("GET", path, headers=sent)
        response = connection.getresponse()
        headers = _headers(response)
        if response.status in REDIRECT_CODES:
            return response.status, response.reason, headers, b"", sent
        declared_length = headers.get("content-length", "")
        if declared_length.isdigit() and int(declared_length) > max_bytes:
            raise TooLargeError(source, f"the response is too large ({_mb(int(declared_length))}, "
                                        f"limit {_mb(max_bytes)})")
        body = _read_capped(source, response, max_bytes, deadline_at, timeout)
        return response.status, response.reason, headers, _decode_content(source, body, headers), sent
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


def _resolve(source: str, host: str, port: int, allow_private: bool) -> list[str]:
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


def _read_capped(source: str, response, max_bytes: int, deadline_at: float, timeout: float) -> bytes:
    chunks, total = [], 0
    while True:
        if time.monotonic() > deadline_at:
            raise FetchError(source, "timed out: the response took longer than the overall time limit")
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


def _headers(response) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in response.getheaders():
        key = name.lower()
        merged[key] = f"{merged[key]}, {value}" if key in merged else value
    return merged


def _check_url(source: str, url: str) -> str:
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
