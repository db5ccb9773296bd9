"""Response headers and request checks that keep hostile captured content and hostile pages harmless."""

from __future__ import annotations

import ipaddress
import socket

from flask import Flask, current_app, jsonify, render_template, request

PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'")
# Originals are served only as downloads; if a browser renders one anyway, it gets no origin and no scripts.
ORIGINAL_POLICY = "sandbox; default-src 'none'"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
WILDCARDS = ("", "0.0.0.0", "::", "[::]")


def init_app(app: Flask) -> None:
    """Install the Host check, security headers and the API's CSRF rule."""

    @app.before_request
    def host_is_served():
        # DNS rebinding: a hostile page re-points its own name at 127.0.0.1 and its scripts then reach this
        # server as same-origin, with the Host header still naming the hostile site. Answer only to our names.
        name = host_name(request.headers.get("Host", ""))
        if answers_to(name, current_app.config):
            return None
        shown = name[:100] or "(none)"
        message = (f"This archive does not answer to the host name {shown}: open it by a name it is served "
                   "under (such as 127.0.0.1), or add the name to EVIDENCE_ALLOWED_HOSTS.")
        if request.path.startswith("/api/"):
            return jsonify(error=message), 400
        return render_template("error.html", message=message), 400

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.before_request
    def api_writes_need_a_non_form_request():
        # The API takes no CSRF token; a cross-site <form> can only send form encodings without custom
        # headers, so API writes must be JSON or carry X-Requested-With, which forces a CORS preflight.
        if request.path.startswith("/api/") and request.method not in ("GET", "HEAD", "OPTIONS"):
            if not (request.is_json or request.headers.get("X-Requested-With")):
                return jsonify(error="API writes must send JSON, or the X-Requested-With header "
                                     "with a multipart upload."), 400
        return None


def host_name(host: str) -> str:
    """Return the name of a Host header without its port, lower case; IPv6 addresses keep their brackets."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[:host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0]


def answers_to(name: str, config) -> bool:
    """Tell whether a request naming host `name` (from host_name) is meant for this server."""
    if name in served_names(config):
        return True
    # Listening on every interface, the server is reached by whichever address the machine has. An address
    # typed as such cannot be a rebinding attack: the browser's origin is then that address itself.
    served = config.get("SERVED_HOST")
    return served is not None and served.strip().lower() in WILDCARDS and _is_ip(name)


def served_names(config) -> frozenset[str]:
    """Return the host names this app answers to: loopback, the address `serve` listens on, ALLOWED_HOSTS."""
    names = set(LOOPBACK_NAMES)
    served = config.get("SERVED_HOST")
    if served is not None:
        served = served.strip().lower()
        if served in WILDCARDS:
            names.add(socket.gethostname().lower())
        else:
            names.add(f"[{served}]" if ":" in served and not served.startswith("[") else served)
    extra = config.get("ALLOWED_HOSTS") or ()
    if isinstance(extra, str):  # EVIDENCE_ALLOWED_HOSTS=a.example,b.example
        extra = extra.split(",")
    names.update(host_name(str(name)) for name in extra if str(name).strip())
    return frozenset(names)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True
