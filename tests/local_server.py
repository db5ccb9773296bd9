"""A real HTTP server in a thread on 127.0.0.1 that answers each path as told: the tests' `http_server`, and
the local site the docs' picture scripts capture."""

from __future__ import annotations

import http.server
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (a server that never answers in time)
    send_length: bool = True  # False: no Content-Length, the body ends when the connection closes
    trickle: float = 0.0  # seconds between the bytes of a body that never ends (a resource that keeps loading)


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, Route] = {}
    log: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.log.append(self.path)
        route = self.routes.get(self.path)
        if route is None:
            route = Route(b"<html><body>not here</body></html>", 404, {"Content-Type": "text/html"})
        if route.delay:
            time.sleep(route.delay)
        self.send_response(route.status)
        for name, value in route.headers.items():
            self.send_header(name, value)
        if route.send_length and not route.trickle and "Content-Length" not in route.headers:
            self.send_header("Content-Length", str(len(route.body)))
        if not route.send_length or route.trickle:
            self.close_connection = True
        self.end_headers()
        self.wfile.write(route.body)
        if route.trickle:
            self._trickle(route.trickle)

    def _trickle(self, seconds: float) -> None:
        """Send a byte every `seconds` until the client hangs up (or a minute passes)."""
        for _ in range(int(60 / seconds)):
            try:
                self.wfile.write(b" ")
                self.wfile.flush()
            except OSError:
                return
            time.sleep(seconds)

    def log_message(self, *args):
        pass


class LocalServer:
    """A real HTTP server in a thread on 127.0.0.1, port chosen by the OS."""

    def __init__(self):
        handler = type("Handler", (_Handler,), {"routes": {}, "log": []})
        self.routes = handler.routes
        self.log = handler.log
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        # A client that gave up (timeout tests) makes the late write fail; that is expected, not news, and a
        # traceback printed from this thread would land in whatever test is capturing output at that moment.
        self.httpd.handle_error = lambda request, client_address: None
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8",
              status: int = 200, **kwargs) -> str:
        """Answer GET path with this body; return the full URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(kwargs.pop("headers", {}))
        self.routes[path] = Route(data, status, headers, **kwargs)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.routes[path] = Route(b"", status, {"Location": to})
        return self.url(path)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
