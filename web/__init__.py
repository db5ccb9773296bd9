"""The Flask front end: pages for people and a JSON API, over one archive home."""

from __future__ import annotations

import os
import secrets
from importlib import resources
from pathlib import Path

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from ingest.pipeline import Limits
from web import (accounts, acting, api, arguments, auth, captures, claims, db, entities, errors, history, indexer,
                 render, search, security)

# templates/ sits at the top of the repository and is installed as the package web.templates: found through
# the import system, it is the checkout's folder in an editable install and the installed copy from a wheel.
TEMPLATES = str(resources.files("web.templates"))
csrf = CSRFProtect()


def create_app(config: dict | None = None) -> Flask:
    """Build the app: defaults, then EVIDENCE_* environment variables, then `config`."""
    app = Flask(__name__, template_folder=TEMPLATES, static_folder="static")
    app.config.from_mapping(
        EVIDENCE_HOME=os.environ.get("EVIDENCE_HOME", "./evidence-data"),
        MAX_CONTENT_LENGTH=50 * 1024 * 1024,  # uploads larger than this are answered with 413
        FETCH_TIMEOUT=20.0,
        # Each capture is extracted in a worker process within these bounds (seconds; bytes of address space).
        CAPTURE_TIME_LIMIT=Limits.time_limit,
        CAPTURE_MAX_MEMORY=Limits.max_memory,
        # Capturing a URL from the web must not reach the server's own network unless allowed.
        ALLOW_PRIVATE_URLS=False,
        # Requests must name this server in their Host header (against DNS rebinding): loopback names, the
        # address `serve` listens on (SERVED_HOST), and these (EVIDENCE_ALLOWED_HOSTS=a.example,b.example).
        SERVED_HOST=None,
        ALLOWED_HOSTS=[],
        RESULTS_PER_PAGE=10,
        WTF_CSRF_TIME_LIMIT=None,
        SIGNING_KEY=None,  # the private key bundles are signed with (EVIDENCE_SIGNING_KEY); else the home's own
        TSA_URL=None,  # a time-stamping authority that stamps their signatures (EVIDENCE_TSA_URL)
    )
    app.config.from_prefixed_env("EVIDENCE")
    if config:
        app.config.update(config)
    app.config.setdefault("SECRET_KEY", None)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _secret_key(Path(app.config["EVIDENCE_HOME"]))

    # Every <int:...> in a route is an id or a count: bounded to SQLite's integers, a larger one is a 404.
    app.url_map.converters["int"] = arguments.IdConverter
    csrf.init_app(app)
    indexer.init_app(app)
    db.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    render.init_app(app)
    auth.init_app(app)  # after security: a request for a host not served is refused before any login
    csrf.exempt(api.bp)  # the API is guarded by security.api_writes_need_a_non_form_request instead
    for module in (auth, search, captures, claims, entities, history, accounts):
        app.register_blueprint(module.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    acting.init_app(app)  # after auth's blueprint: a request acts as the account auth.load_user found
    return app


def _secret_key(home: Path) -> str:
    """Return the archive's own signing key for sessions and CSRF tokens, made once and kept in the home."""
    home.mkdir(parents=True, exist_ok=True)
    path = home / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip()
