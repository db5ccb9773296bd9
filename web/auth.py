"""Logging in and out, and who is asking: the account of a session or of an `Authorization: Bearer` token.

With no account in the archive (single-user mode) nothing is asked. Once one exists, every request but the
login page and static files needs a session or a token, pages redirect to /login and the API answers 401;
the account's role must allow the endpoint's action (archive.permissions), else 403.
"""

from __future__ import annotations

from flask import (Blueprint, Flask, current_app, g, redirect, render_template, request, session,
                   url_for)
from flask.sessions import SecureCookieSessionInterface
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from archive import permissions
from archive.accounts import Account
from archive.errors import ForbiddenError, UnauthorizedError
from web.db import get_archive

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
# Failed logins only are counted (deduct_when), in a moving window, per account name and per client address.
limiter = Limiter(get_remote_address, storage_uri="memory://", strategy="moving-window")
_MISSING = object()


class SignedIn(UserMixin):
    """A logged-in account, known to Flask-Login by its session key (not its id: a session can be ended)."""

    def __init__(self, account: Account, key: str):
        self.account = account
        self.key = key

    def get_id(self) -> str:
        return self.key


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed cookie session, marked Secure whenever the request came over https."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure


def init_app(app: Flask) -> None:
    """Install sessions, the login limits and `can(action)` / `current_account` for templates."""
    app.config.setdefault("LOGIN_LIMIT_PER_ACCOUNT", 5)   # failed logins a minute for one account name
    app.config.setdefault("LOGIN_LIMIT_PER_ADDRESS", 20)  # failed logins a minute from one address
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"  # a cross-site POST carries no session cookie
    app.session_interface = SessionCookies()
    login_manager.init_app(app)
    limiter.init_app(app)

    @app.context_processor
    def permissions_for_templates():
        return {"can": can, "current_account": g.get("user")}


@login_manager.user_loader
def load_session(key: str) -> SignedIn | None:
    account = get_archive().accounts.by_session(key)
    return SignedIn(account, key) if account is not None else None


def can(action: str) -> bool:
    """Tell whether this request's account may do `action` (always, in single-user mode)."""
    if not g.get("team"):
        return True
    user = g.get("user")
    return user is not None and permissions.allows(user.role, action)


def current_actor() -> str | None:
    """Return the name of the account acting in this request, or None in single-user mode (the ledger's actor)."""
    user = g.get("user")
    return user.name if user is not None else None


@bp.before_app_request
def load_user():
    """Load this request's account into g.user and refuse what its role does not allow."""
    g.user = None
    g.team = get_archive().accounts.exist()
    action = permissions.ENDPOINTS.get(request.endpoint, _MISSING)
    if not g.team or (request.endpoint is not None and action is permissions.PUBLIC):
        return None
    header = request.headers.get("Authorization")
    if header is not None:  # a token given is the only credential looked at: a bad one is not covered by a cookie
        scheme, _, token = header.partition(" ")
        g.user = get_archive().accounts.by_token(token.strip()) if scheme.lower() == "bearer" else None
    elif current_user.is_authenticated:
        g.user = current_user.account
    if g.user is None:
        if request.path.startswith("/api/"):
            raise UnauthorizedError("This archive has accounts: send `Authorization: Bearer TOKEN` "
                                    "(a token from `evidence user token NAME`), or log in.")
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if request.endpoint is None:  # no such route: its 404 tells nothing
        return None
    if action is _MISSING or not permissions.allows(g.user.role, action):
        needed = permissions.least_role(action) if action is not _MISSING else "a route in the permissions table"
        raise ForbiddenError(f"Your role ({g.user.role}) does not allow this: "
                             f"{permissions.ACTIONS.get(action, 'it')} needs {needed} or above.")
    return None


@bp.after_app_request
def name_the_scheme(response):
    """Tell an API client refused for want of credentials how to give them (RFC 6750)."""
    if response.status_code == 401 and request.path.startswith("/api/"):
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="evidence archive"')
    return response


def _too_many() -> str:
    return (f"Too many failed logins: at most {current_app.config['LOGIN_LIMIT_PER_ACCOUNT']} a minute for one "
            f"account and {current_app.config['LOGIN_LIMIT_PER_ADDRESS']} a minute from one address. "
            "Wait a minute and try again.")


def _per_account() -> str:
    return f"{current_app.config['LOGIN_LIMIT_PER_ACCOUNT']} per minute"


def _per_address() -> str:
    return f"{current_app.config['LOGIN_LIMIT_PER_ADDRESS']} per minute"


def _account_key() -> str:
    return "account:" + request.form.get("name", "").strip().casefold()[:64]


def _failed(response) -> bool:
    return response.status_code == 401


@bp.route("/login", methods=("GET", "POST"))
@limiter.limit(_per_address, methods=["POST"], deduct_when=_failed, error_message=_too_many)
@limiter.limit(_per_account, key_func=_account_key, methods=["POST"], deduct_when=_failed,
               error_message=_too_many)
def login():
    """Show the login form; log an account in with its name and password."""
    target = _safe_next(request.values.get("next"))
    if not g.team:
        return render_template("login.html", single_user=True, next=target)
    if request.method == "GET":
        return render_template("login.html", next=target)
    accounts = get_archive().accounts
    name = request.form.get("name", "")
    try:
        account = accounts.authenticate(name, request.form.get("password", ""))
    except UnauthorizedError as exc:
        return render_template("login.html", error=str(exc), name=name, next=target), 401
    # A new session at login: nothing of the one before carries over (session fixation), and the session's
    # key is recorded so that logging out or disabling the account ends it for any copy of the cookie.
    session.clear()
    login_user(SignedIn(account, accounts.start_session(account)))
    return redirect(target)


@bp.post("/logout")
def logout():
    """End this session, so that its cookie opens nothing even when replayed."""
    if current_user.is_authenticated:
        get_archive().accounts.end_session(current_user.get_id())
    logout_user()
    session.clear()
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Return a path on this site to go to after login; anything else (another site, //host) goes home."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return url_for("search.index")
